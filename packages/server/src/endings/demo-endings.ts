import {
  ENDING_REVIEW_ID,
  LINK_TOKEN_BYTES,
  UNPLANNED_CHECK_IN_ID,
  addMonths,
  linkExpiry,
  scoreResponse,
  type ClientId,
  type EndingLinkPurpose,
  type EpisodeId,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import { responseAnswersPlace, splitTextAnswers, type Store } from '@rapport/storage';
import type { RecordCipher } from '../crypto/keyring.js';
import { sealAnswers } from '../record/client-text.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { ukToday } from '../record/context.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The demo's endings: Amara's last three sessions agreed; a past client who stopped coming, with
 * the gentle check-in sent and answered; another past client's planned ending, with an ending
 * review answered and a follow-up now due. The past clients are from the demo's history, so the
 * caseload and the practice's expected curves are unchanged. All invented.
 */
export async function seedDemoEndings(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  userId: UserId,
  amara: ClientId | undefined,
  now: Date,
  /** Seals the past clients' own words; without it (tests of the measures alone) they are left out. */
  keys?: RecordCipher,
): Promise<void> {
  const today = ukToday(now);
  const open = amara ? (await store.listEpisodes(practiceId, amara)).find((e) => e.status === 'open') : undefined;
  if (open) {
    const agreed = await store.endings.prepare(
      practiceId,
      open.id,
      { sessionsLeft: 3, endOn: null },
      { userId, on: ukToday(new Date(now.getTime() - DAY)) },
    );
    if (!agreed.ok) throw new Error(`demo ending: ${agreed.error.message}`);
  }

  const clients = await store.listClients(practiceId);
  const pastEpisode = async (code: string) => {
    const client = clients.find((c) => c.code === code);
    const episode = client ? (await store.listEpisodes(practiceId, client.id))[0] : undefined;
    if (!episode?.closedAt) throw new Error(`demo ending: no past episode for ${code}`);
    return { id: episode.id, closedAt: new Date(episode.closedAt) };
  };

  /** Sends one of the ending's links at `at` and answers it a day later, as the client's form would. */
  const answered = async (
    episodeId: EpisodeId,
    purpose: EndingLinkPurpose,
    instrumentId: string,
    at: Date,
    form: Record<string, string>,
  ) => {
    const def = library.get(instrumentId)?.definition;
    if (!def) throw new Error(`demo ending: the library has no ${instrumentId}`);
    const link = await store.endings.issueLink(
      practiceId,
      episodeId,
      purpose,
      {
        instrumentId: def.id,
        instrumentVersion: def.version,
        audience: 'adult',
        moment: purpose === 'review' ? 'check-out' : 'check-in',
        tokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
        issuedBy: userId,
        issuedAt: at.toISOString(),
        expiresAt: linkExpiry(at).toISOString(),
      },
      today,
    );
    if (!link.ok) throw new Error(`demo ending link: ${link.error.message}`);
    const scored = scoreResponse(def, 'adult', form);
    if (!scored.ok) throw new Error(`demo ending answers: ${scored.error.message}`);
    const { answers, ...scores } = scored.value;
    const kept = keys
      ? await sealAnswers(keys, practiceId, responseAnswersPlace(link.value.id), answers)
      : { answers: splitTextAnswers(answers).answers };
    // The answers are unscored and raise no flags, so the past client's signals need no recomputing.
    const saved = await store.measures.submitResponse(practiceId, link.value.id, {
      ...kept,
      scores,
      flags: scores.flags,
      submittedAt: new Date(at.getTime() + DAY).toISOString(),
    });
    if (!saved.ok) throw new Error(`demo ending response: ${saved.error.message}`);
  };

  // RC-H098 stopped coming; a week after the ending was recorded, the check-in went, and was answered.
  const stopped = await pastEpisode('RC-H098');
  const unplanned = await store.endings.endEpisode(
    practiceId,
    stopped.id,
    { kind: 'unplanned', reason: 'stopped-coming', endedOn: ukToday(stopped.closedAt) },
    { userId, at: stopped.closedAt.toISOString() },
  );
  if (!unplanned.ok) throw new Error(`demo ending: ${unplanned.error.message}`);
  await answered(stopped.id, 'check-in', UNPLANNED_CHECK_IN_ID, new Date(stopped.closedAt.getTime() + 7 * DAY), {
    'how-are-things': '6',
    'something-not-right': 'yes',
    'what-was-it': 'It got hard to say when a session had not helped, so I stopped coming instead.',
    'what-next': 'closing-session',
  });

  // RC-H099 ended as planned, reviewed the work, and is due a follow-up a month on.
  const planned = await pastEpisode('RC-H099');
  const endedOn = ukToday(planned.closedAt);
  const ended = await store.endings.endEpisode(
    practiceId,
    planned.id,
    { kind: 'planned', endedOn },
    { userId, at: planned.closedAt.toISOString() },
  );
  if (!ended.ok) throw new Error(`demo ending: ${ended.error.message}`);
  await answered(planned.id, 'review', ENDING_REVIEW_ID, new Date(planned.closedAt.getTime() - 2 * 60 * 60 * 1000), {
    'how-much-helped': '8',
    'most-helpful': 'Having a steady time each week that was mine.',
    'relationship-overall': '9',
    'ready-to-end': 'mostly',
  });
  const followUp = await store.endings.scheduleFollowUp(practiceId, planned.id, {
    months: 1,
    dueOn: addMonths(endedOn, 1),
  });
  if (!followUp.ok) throw new Error(`demo follow-up: ${followUp.error.message}`);
}
