import { intakeBands, outcomeTrajectories, type OutcomeTrajectories, type PracticeId } from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { InstrumentLibrary } from '../instruments/library.js';

/**
 * The expected ranges for "not on track", per practice and outcome measure, fitted by core from
 * the practice's completed episodes.
 *
 * Signals are recomputed on every submission, and the fit reads every score of every closed
 * episode: cheap to fit, but not a small query once a practice has years of history. So the fits
 * are kept in memory per store and practice, and reused while the practice's count of closed
 * episodes is unchanged (one COUNT on an indexed column per submission). Only closing an episode
 * adds a completed episode; a late answer to a link of an already closed episode changes no count
 * and is picked up at the next close or restart, a small staleness traded for not re-reading the
 * history each time. Several server processes each keep their own copy; each checks the count, so
 * none serves fits older than its last check.
 */
interface Fitted {
  readonly library: InstrumentLibrary;
  readonly closedEpisodes: number;
  readonly byInstrument: ReadonlyMap<string, OutcomeTrajectories>;
}

const cache = new WeakMap<Store, Map<PracticeId, Fitted>>();

/** The outcome measures of the library: those with intake bands. */
const outcomeIds = (library: InstrumentLibrary): string[] =>
  library.entries
    .map((e) => e.definition)
    .filter((d) => intakeBands(d).length > 0)
    .map((d) => d.id);

/** The practice's trajectories by instrument id, from the cache while no episode has closed since. */
export async function practiceTrajectories(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
): Promise<ReadonlyMap<string, OutcomeTrajectories>> {
  const closedEpisodes = await store.measures.countClosedEpisodes(practiceId);
  let byPractice = cache.get(store);
  const hit = byPractice?.get(practiceId);
  if (hit?.library === library && hit.closedEpisodes === closedEpisodes) return hit.byInstrument;
  const ids = outcomeIds(library);
  const totals =
    closedEpisodes === 0
      ? new Map<string, number[][]>()
      : await store.measures.listClosedEpisodeTotals(practiceId, ids);
  const byInstrument = new Map<string, OutcomeTrajectories>();
  for (const id of ids) {
    const def = library.get(id)?.definition;
    const t = def ? outcomeTrajectories(def, totals.get(id) ?? []) : undefined;
    if (t) byInstrument.set(id, t);
  }
  if (!byPractice) {
    byPractice = new Map();
    cache.set(store, byPractice);
  }
  byPractice.set(practiceId, { library, closedEpisodes, byInstrument });
  return byInstrument;
}
