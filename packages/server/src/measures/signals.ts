import {
  DEFAULT_INSTRUMENT_ID,
  acrossClientSd,
  computeClientSignals,
  type ClientId,
  type ClientSignal,
  type PracticeId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { InstrumentLibrary } from '../instruments/library.js';
import { practiceTrajectories } from './trajectories.js';

/**
 * Recomputes and stores one client's signals from every response they have given.
 * Called after each submission (and each saved draft, so a risk answer shows at once).
 * The rules are core's; this only gathers the inputs and stores the result.
 */
export async function recomputeSignals(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  clientId: ClientId,
  now: Date,
): Promise<ClientSignal[]> {
  const [responses, totals, trajectories] = await Promise.all([
    store.measures.listResponses(practiceId, clientId),
    store.measures.listPracticeTotals(practiceId, DEFAULT_INSTRUMENT_ID),
    practiceTrajectories(store, library, practiceId),
  ]);
  const signals = computeClientSignals(
    responses.map((r) => ({
      episodeId: r.episodeId,
      instrumentId: r.instrumentId,
      instrumentVersion: r.instrumentVersion,
      moment: r.moment,
      status: r.status,
      at: r.savedAt,
      total: r.total,
      answers: r.answers,
      flags: r.flags,
    })),
    (id, version) => library.get(id, version)?.definition,
    acrossClientSd(totals),
    (id) => trajectories.get(id),
  );
  await store.measures.replaceSignals(practiceId, clientId, signals, now.toISOString());
  return signals;
}
