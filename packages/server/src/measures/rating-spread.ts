import { DEFAULT_INSTRUMENT_ID, acrossClientSdFromMoments, type AcrossSd, type PracticeId } from '@rapport/core';
import type { Store } from '@rapport/storage';

/**
 * The spread of the practice's relationship ratings, which scales what counts as a drop for the
 * rupture detector. It is summed over every rating the practice has (one indexed aggregate), and
 * that sum grows with the practice: once a practice has tens of thousands of ratings it was the
 * largest single cost of recomputing a client's signals. Yet it is the slowest-moving figure
 * there is: one more rating among thousands moves it in the third decimal place. So it is kept
 * per store and practice and read again once it is `SPREAD_MAX_AGE_MS` old: a practice crossing
 * the threshold for trusting its own spread (20 ratings by 3 clients) switches from the stand-in
 * up to that long afterwards.
 */
export const SPREAD_MAX_AGE_MS = 30_000;

interface Kept {
  readonly readAt: number;
  readonly sd: AcrossSd;
}

const kept = new WeakMap<Store, Map<PracticeId, Kept>>();

export async function practiceRatingSpread(store: Store, practiceId: PracticeId): Promise<AcrossSd> {
  const now = performance.now();
  let byPractice = kept.get(store);
  const hit = byPractice?.get(practiceId);
  if (hit && now - hit.readAt < SPREAD_MAX_AGE_MS) return hit.sd;
  const sd = acrossClientSdFromMoments(await store.measures.ratingMoments(practiceId, DEFAULT_INSTRUMENT_ID));
  if (!byPractice) {
    byPractice = new Map();
    kept.set(store, byPractice);
  }
  byPractice.set(practiceId, { readAt: now, sd });
  return sd;
}
