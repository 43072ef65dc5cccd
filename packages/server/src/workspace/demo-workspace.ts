import { randomUUID } from 'node:crypto';
import {
  DEFAULT_INSTRUMENT_ID,
  scoreResponse,
  sessionDayOf,
  type MeasureResponse,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import { repairAttemptPlace, type Store } from '@rapport/storage';
import type { RecordCipher } from '../crypto/keyring.js';
import type { InstrumentLibrary } from '../instruments/library.js';

const ITEMS = ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'];
const HOUR = 60 * 60 * 1000;

/** The therapist's view of each demo session, by client: ratings of the seven items (mean shown). */
const THERAPIST_VIEWS: Readonly<Record<string, readonly number[]>> = {
  // Amara: the two views agree, give or take half a point.
  'RC-101': [8, 8, 9, 8, 8, 9, 8],
  // Chloe: the therapist feels it is going well (≈ 8.6) while her ratings sit near 6: divergent views.
  'RC-103': [9, 8, 9, 8, 9, 8, 9],
};

/** What the demo therapist noted after Ben's rupture (invented). */
const BEN_REPAIR_NOTE =
  'Opened the session by saying I had noticed last week ended flatly and that I might have pushed the homework too hard. Ben said he had felt lectured. We agreed he chooses the focus first; he seemed to relax after that.';

async function relationshipChecks(store: Store, practiceId: PracticeId, code: string): Promise<MeasureResponse[]> {
  const client = (await store.listClients(practiceId)).find((c) => c.code === code);
  if (!client) throw new Error(`demo workspace: no client ${code}`);
  const responses = await store.measures.listResponses(practiceId, client.id);
  return responses.filter((r) => r.instrumentId === DEFAULT_INSTRUMENT_ID && r.status === 'complete');
}

/**
 * The demo's workspace: the therapist's own ratings of Amara's and Chloe's sessions (Chloe's
 * clearly higher than hers, so the caseload shows divergent views), and Ben's rupture with a
 * noted repair attempt and his "things feel better" at the next check. Seeded before the
 * signals are computed, which read all of it.
 */
export async function seedDemoWorkspace(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  userId: UserId,
  keys?: RecordCipher,
): Promise<void> {
  const def = library.get(DEFAULT_INSTRUMENT_ID)?.definition;
  if (!def) throw new Error('demo workspace: no relationship check');
  for (const [code, ratings] of Object.entries(THERAPIST_VIEWS)) {
    const scored = scoreResponse(def, 'therapist', {
      ...Object.fromEntries(ITEMS.map((id, i) => [id, String(ratings[i] ?? 8)])),
      tension: 'no',
    });
    if (!scored.ok) throw new Error(`demo workspace ${code}: ${scored.error.message}`);
    const { answers, ...scores } = scored.value;
    for (const check of await relationshipChecks(store, practiceId, code)) {
      const saved = await store.repair.saveTherapistRating(
        practiceId,
        {
          episodeId: check.episodeId,
          instrumentId: def.id,
          instrumentVersion: def.version,
          day: sessionDayOf(check.savedAt, check.moment),
          answers,
          scores,
          ratedBy: userId,
        },
        new Date(Date.parse(check.savedAt) + HOUR).toISOString(),
      );
      if (!saved.ok) throw new Error(`demo workspace ${code}: ${saved.error.message}`);
    }
  }
  // Ben (RC-102): the rupture in session four, a repair attempt, and his answer at session five.
  const [, , , rupture, next] = await relationshipChecks(store, practiceId, 'RC-102');
  if (!rupture || !next) throw new Error('demo workspace: Ben has fewer than five sessions');
  if (keys) {
    const id = randomUUID();
    const added = await store.repair.addRepairAttempt(
      practiceId,
      {
        id,
        episodeId: rupture.episodeId,
        ruptureAt: rupture.savedAt,
        sealedText: await keys.seal(practiceId, repairAttemptPlace(id), BEN_REPAIR_NOTE),
        authorId: userId,
      },
      new Date(Date.parse(next.savedAt) - 2 * HOUR).toISOString(),
    );
    if (!added.ok) throw new Error(`demo workspace: ${added.error.message}`);
  }
  const answered = await store.repair.saveRepairAnswer(
    practiceId,
    { checkLinkId: next.checkLinkId, ruptureAt: rupture.savedAt, answer: 'better' },
    next.savedAt,
  );
  if (!answered.ok) throw new Error(`demo workspace: ${answered.error.message}`);
}
