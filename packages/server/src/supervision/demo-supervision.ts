import { randomUUID } from 'node:crypto';
import type { PracticeId, SignalType, UserId } from '@rapport/core';
import { agendaQuestionPlace, type Store } from '@rapport/storage';
import type { RecordCipher } from '../crypto/keyring.js';

export const DEMO_SUPERVISOR_EMAIL = 'supervisor@rapport.example';

/** What the demo therapist brings to supervision, in words that name no one. */
const DEMO_AGENDA: readonly { readonly code: string; readonly signal: SignalType; readonly question: string }[] = [
  {
    code: 'RC-102',
    signal: 'rupture',
    question:
      'The relationship score dropped sharply in session four and was back up a week later. I moved on quickly. Did we really talk about what happened, or did I smooth it over?',
  },
  {
    code: 'RC-103',
    signal: 'stuck',
    question:
      'Eight sessions and neither measure has moved. How do I raise this so it does not sound like the client is failing at therapy?',
  },
];

/**
 * The demo's supervisor (same password as the demo therapist), linked to the demo therapist,
 * and two items on the therapist's agenda: the rupture one points to the journal entry the demo
 * therapist wrote about it, whose text the supervisor never sees. Without keys (tests of the
 * measures alone) the agenda, whose questions are sealed, is left out.
 */
export async function seedDemoSupervision(
  store: Store,
  keys: RecordCipher | undefined,
  practiceId: PracticeId,
  therapistId: UserId,
  passwordHash: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const added = await store.addUser(
    practiceId,
    { email: DEMO_SUPERVISOR_EMAIL, name: 'Morgan Reid (demo supervisor)', role: 'supervisor', passwordHash },
    at,
  );
  if (!added.ok) throw new Error(`demo supervisor: ${added.error.message}`);
  const linked = await store.supervision.link(
    practiceId,
    { supervisorId: added.value.id, superviseeId: therapistId, by: therapistId },
    at,
  );
  if (!linked.ok) throw new Error(`demo supervision link: ${linked.error.message}`);
  if (!keys) return;
  const [episodes, entries] = await Promise.all([
    store.supervision.listOpenEpisodes(practiceId),
    store.record.listJournalEntries(practiceId, therapistId),
  ]);
  for (const [i, item] of DEMO_AGENDA.entries()) {
    const episode = episodes.find((e) => e.code === item.code);
    if (!episode) continue;
    const entry = entries.find((e) => e.clientId === episode.clientId && e.signal === item.signal);
    const id = randomUUID();
    const saved = await store.supervision.addItem(
      practiceId,
      {
        id,
        superviseeId: therapistId,
        episodeId: episode.episodeId,
        sealedQuestion: await keys.seal(practiceId, agendaQuestionPlace(id), item.question),
        signal: item.signal,
        journalEntryId: entry?.id ?? null,
      },
      // A minute apart, so the agenda keeps this order.
      new Date(now.getTime() - (DEMO_AGENDA.length - i) * 60_000).toISOString(),
    );
    if (!saved.ok) throw new Error(`demo agenda ${item.code}: ${saved.error.message}`);
  }
}

/** On a later run with a new demo password, the supervisor's changes with the therapist's. */
export async function resetDemoSupervisorPassword(
  store: Store,
  practiceId: PracticeId,
  passwordHash: string,
): Promise<boolean> {
  const login = await store.findLogin(DEMO_SUPERVISOR_EMAIL);
  if (login?.user.practiceId !== practiceId) return false;
  await store.setPasswordHash(login.user.practiceId, login.user.id, passwordHash);
  return true;
}
