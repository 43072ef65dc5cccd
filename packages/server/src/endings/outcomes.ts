import {
  aggregateOutcomes,
  ruptureFacts,
  rupturesWithin,
  summariseEpisode,
  type PracticeId,
  type PracticeOutcomes,
  type RuptureFact,
  type SummaryResponse,
  type UserId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { InstrumentLibrary } from '../instruments/library.js';

/**
 * The practice's outcomes (or one clinician's): two practice-scoped reads for the episodes and
 * their responses, one for the stored signals; every rule is core's.
 */
export async function practiceOutcomes(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  clinician: UserId | null,
): Promise<PracticeOutcomes> {
  const [facts, signals] = await Promise.all([
    store.endings.outcomeFacts(practiceId, clinician),
    store.measures.listPracticeSignals(practiceId),
  ]);
  const responses = new Map<string, SummaryResponse[]>();
  for (const r of facts.responses) {
    const list = responses.get(r.episodeId) ?? [];
    list.push({ ...r, status: 'complete' });
    responses.set(r.episodeId, list);
  }
  const ruptures = new Map<string, RuptureFact[]>();
  for (const s of signals) {
    for (const f of ruptureFacts([s.signal])) ruptures.set(s.clientId, [...(ruptures.get(s.clientId) ?? []), f]);
  }
  const lookup = (id: string, version: number) => library.get(id, version)?.definition;
  return aggregateOutcomes(
    facts.episodes.map((e) => ({
      status: e.status,
      summary: summariseEpisode(
        {
          openedAt: e.openedAt,
          closedAt: e.closedAt,
          ending: e.ending,
          sessionsAttended: e.sessionsAttended,
          responses: responses.get(e.id) ?? [],
          ruptures: rupturesWithin(ruptures.get(e.clientId) ?? [], e),
        },
        lookup,
      ),
    })),
  );
}
