import {
  DEFAULT_INSTRUMENT_ID,
  LINK_TOKEN_BYTES,
  PREFERENCES_INSTRUMENT_ID,
  linkExpiry,
  scoreResponse,
  splitComment,
  commentItemOf,
  type AdministrationMoment,
  type CheckLinkId,
  type ClientAudience,
  type EpisodeId,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import { commentPlace, type Store } from '@rapport/storage';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { RecordCipher } from '../crypto/keyring.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { recomputeSignals } from '../measures/signals.js';

const RATINGS = ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'];

/**
 * The client's voice in the demo, on two clients of their own (all invented):
 * - Kit (RC-107), 9, answers the relationship check as faces; his carer rated his goals
 *   separately, and may see his total scores (never his words).
 * - Gus (RC-108), seen by telephone: strong preferences for leading himself and staying in the
 *   present; two PHQ-9s read out over the phone, the first confirmed by him, the latest awaiting
 *   his check; a comment shared after one session and one he kept for his next session.
 */
export async function seedDemoVoice(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  userId: UserId,
  now: Date,
  keys?: RecordCipher,
): Promise<void> {
  const ago = (days: number, hour = 11): Date =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days, hour));
  const must = <T>(what: string, r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`demo voice, ${what}: ${r.error.message}`);
    return r.value;
  };
  const newClient = async (code: string, displayName: string, since: Date) => {
    const client = must(code, await store.createClient(practiceId, { code, displayName }, since.toISOString()));
    const episode = must(code, await store.openEpisode(practiceId, client.id, since.toISOString()));
    return { clientId: client.id, episodeId: episode.id };
  };

  /** One response given on a link, as a client's form would give it; returns the link's id. */
  const answer = async (
    episodeId: EpisodeId,
    instrumentId: string,
    audience: ClientAudience,
    moment: AdministrationMoment,
    at: Date,
    fields: Record<string, string>,
  ): Promise<CheckLinkId> => {
    const def = library.get(instrumentId)?.definition;
    if (!def) throw new Error(`demo voice: no ${instrumentId}`);
    const link = must(
      instrumentId,
      await store.measures.issueLink(practiceId, {
        episodeId,
        instrumentId,
        instrumentVersion: def.version,
        audience,
        moment,
        tokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
        issuedBy: userId,
        issuedAt: new Date(at.getTime() - 60 * 60 * 1000).toISOString(),
        expiresAt: linkExpiry(at).toISOString(),
      }),
    );
    const scored = must(instrumentId, scoreResponse(def, audience, fields));
    const { answers: given, ...scores } = scored;
    const { answers } = splitComment(given, commentItemOf(def));
    must(
      instrumentId,
      await store.measures.submitResponse(practiceId, link.id, {
        answers,
        scores,
        flags: scores.flags,
        submittedAt: at.toISOString(),
      }),
    );
    return link.id;
  };
  const check = (n: number): Record<string, string> => ({
    ...Object.fromEntries(RATINGS.map((k, i) => [k, String(Math.min(10, n + (i % 2)))])),
    tension: 'no',
  });

  // Kit, 9: faces every week, his carer's rating of his goals kept apart, scores shared with the carer.
  const kit = await newClient('RC-107', 'Kit, 9 (demo)', ago(30));
  must('Kit', await store.measures.setClientAudience(practiceId, kit.clientId, 'child'));
  for (const [i, n] of [6, 7, 7, 8].entries()) {
    await answer(kit.episodeId, DEFAULT_INSTRUMENT_ID, 'child', 'check-out', ago(28 - i * 7), check(n));
  }
  must(
    'Kit',
    await store.voice.setCarerSharing(practiceId, kit.episodeId, {
      sharing: 'scores',
      setBy: userId,
      at: ago(29).toISOString(),
    }),
  );
  const gbo = library.get('goal-based-outcomes')?.definition;
  if (!gbo) throw new Error('demo voice: no goal-based outcomes');
  const carerLink = must(
    'Kit’s carer',
    await store.voice.issueCarerLink(practiceId, {
      episodeId: kit.episodeId,
      instrumentId: gbo.id,
      instrumentVersion: gbo.version,
      tokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
      issuedBy: userId,
      issuedAt: ago(8).toISOString(),
      expiresAt: linkExpiry(ago(8)).toISOString(),
    }),
  );
  const carer = must('Kit’s carer', scoreResponse(gbo, 'carer', { 'goal-1': '4', 'goal-2': '6' }));
  const { answers: carerAnswers, ...carerScores } = carer;
  must(
    'Kit’s carer',
    await store.voice.submitCarerResponse(practiceId, carerLink.id, {
      answers: carerAnswers,
      scores: carerScores,
      at: ago(7, 18).toISOString(),
    }),
  );

  // Gus, by telephone.
  const gus = await newClient('RC-108', 'Gus (demo)', ago(22));
  const prefs = library.get(PREFERENCES_INSTRUMENT_ID)?.definition;
  if (!prefs) throw new Error('demo voice: no preferences');
  // Strongly: follow where he wants to go, and the here and now; otherwise slight or no leanings.
  await answer(gus.episodeId, PREFERENCES_INSTRUMENT_ID, 'adult', 'check-in', ago(21, 9), {
    'lead-1': 'b3',
    'lead-2': 'a2',
    'feeling-1': 'a1',
    'feeling-2': 'none',
    'past-1': 'b2',
    'past-2': 'a3',
    'challenge-1': 'a1',
    'challenge-2': 'b1',
  });
  const phq = library.get('phq-9')?.definition;
  if (!phq) throw new Error('demo voice: no PHQ-9');
  for (const [daysAgo, each, confirmed] of [
    [14, 2, true],
    [2, 1, false],
  ] as const) {
    const fields = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, i === 9 ? '0' : String(i <= 3 ? each + 1 : each)]),
    );
    const { answers, ...scores } = must('Gus by phone', scoreResponse(phq, 'adult', fields));
    const at = ago(daysAgo, 10);
    const entry = must(
      'Gus by phone',
      await store.voice.enterByPhone(practiceId, {
        episodeId: gus.episodeId,
        instrumentId: phq.id,
        instrumentVersion: phq.version,
        audience: 'adult',
        moment: 'check-in',
        answers,
        scores,
        flags: scores.flags,
        enteredBy: userId,
        at: at.toISOString(),
        confirmTokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
        confirmExpiresAt: linkExpiry(at).toISOString(),
      }),
    );
    if (confirmed) {
      must(
        'Gus confirms',
        await store.voice.confirmPhoneEntry(practiceId, entry.id, ago(daysAgo - 1, 19).toISOString()),
      );
    }
  }
  for (const [daysAgo, n, comment, hold] of [
    [14, 7, 'More time at the end to say what I will try next week.', 'now'],
    [1, 6, 'Less advice, more room to think out loud.', 'next-session'],
  ] as const) {
    const linkId = await answer(gus.episodeId, DEFAULT_INSTRUMENT_ID, 'adult', 'check-out', ago(daysAgo, 11), check(n));
    if (!keys) continue;
    must(
      'Gus’s comment',
      await store.voice.saveComment(practiceId, linkId, {
        sealedText: await keys.seal(practiceId, commentPlace(linkId), comment),
        hold,
        status: 'sent',
        at: ago(daysAgo, 11).toISOString(),
      }),
    );
  }

  for (const c of [kit, gus]) await recomputeSignals(store, library, practiceId, c.clientId, now);
}
