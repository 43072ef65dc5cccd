import type { AcrossSd } from '../measures/signals.js';

/**
 * Two perspectives on one session: the client's relationship check and the therapist's
 * rating of the same session on the mirrored form. Pure rules; the server gathers the inputs.
 */

/** The therapist's own rating of one session on the mirrored (therapist) version of a measure. */
export interface TherapistRatingFacts {
  readonly episodeId: string;
  readonly instrumentId: string;
  /** The session it rates, `YYYY-MM-DD` (UTC day, as `sessionDayOf` gives the client's). */
  readonly day: string;
  readonly total: number;
  readonly at: string;
}

/** One side of a pair: its total and when it was given. */
export interface PerspectiveSide {
  readonly total: number;
  readonly at: string;
}

/** Both views of one session. */
export interface PerspectivePair {
  readonly day: string;
  readonly client: PerspectiveSide;
  readonly therapist: PerspectiveSide;
}

/**
 * How far above the client's rating the therapist's must be to count as "clearly higher".
 * `value` is the gap that must be exceeded (strictly).
 */
export type DivergenceThreshold =
  | { readonly basis: 'reliable-change'; readonly value: number; readonly source: string }
  | {
      readonly basis: 'sd';
      readonly k: number;
      readonly sd: number;
      readonly sdSource: AcrossSd['source'];
      readonly value: number;
    };

/**
 * One SD of the practice's relationship ratings across clients: the yardstick the rupture rule
 * uses for a drop (Strauss et al. 2006, 1 SD; Gumz et al. 2012, the spread across clients), so a
 * gap counts only where a fall of the same size would count as a rupture.
 */
export const DIVERGENCE_K = 1;

/**
 * The measure's reliable-change value where it has one (Jacobson & Truax 1991: a difference
 * smaller than that is within measurement error); otherwise k × the spread across clients.
 *
 * @example divergenceThreshold(undefined, { sd: 1.5, source: 'stand-in', ratings: 0, clients: 0 }).value // → 1.5
 */
export function divergenceThreshold(
  reliableChange: { readonly value: number; readonly source: string } | undefined,
  acrossSd: AcrossSd,
): DivergenceThreshold {
  if (reliableChange) return { basis: 'reliable-change', value: reliableChange.value, source: reliableChange.source };
  return {
    basis: 'sd',
    k: DIVERGENCE_K,
    sd: acrossSd.sd,
    sdSource: acrossSd.source,
    value: DIVERGENCE_K * acrossSd.sd,
  };
}

/** The latest entry per day (entries in any order). */
function latestByDay<T extends { readonly at: string }>(
  entries: readonly (T & { readonly day: string })[],
): Map<string, T> {
  const out = new Map<string, T>();
  for (const e of entries) {
    const seen = out.get(e.day);
    if (!seen || seen.at < e.at) out.set(e.day, e);
  }
  return out;
}

/**
 * Pairs the client's and the therapist's ratings of the same session day, oldest first.
 * Where either side rated a day twice, the later rating stands.
 */
export function pairPerspectives(
  client: readonly { readonly day: string; readonly total: number; readonly at: string }[],
  therapist: readonly TherapistRatingFacts[],
): PerspectivePair[] {
  const mine = latestByDay(therapist);
  const theirs = latestByDay(client);
  return [...theirs.entries()]
    .flatMap(([day, c]): PerspectivePair[] => {
      const t = mine.get(day);
      return t ? [{ day, client: { total: c.total, at: c.at }, therapist: { total: t.total, at: t.at } }] : [];
    })
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** A divergence on the latest paired session, with the numbers behind it. */
export interface DivergenceFinding {
  readonly day: string;
  readonly client: number;
  readonly therapist: number;
  /** Therapist minus client. */
  readonly gap: number;
  readonly threshold: DivergenceThreshold;
  /** How many of the paired sessions so far were clearly higher on the therapist's side, this one included. */
  readonly diverged: number;
  readonly paired: number;
}

const clearlyHigher = (p: PerspectivePair, threshold: DivergenceThreshold): boolean =>
  p.therapist.total - p.client.total > threshold.value;

/**
 * Divergence: the therapist's rating of the latest paired session exceeds the client's by more
 * than the threshold (a gap exactly equal does not count). Only this direction is a signal:
 * clients tend to keep doubts to themselves (Rennie 1994; Blanchard & Farber 2016), so a warmer
 * therapist view is the one that can hide a rupture. Null when there is no pair or no clear gap.
 */
export function checkDivergence(
  pairs: readonly PerspectivePair[],
  threshold: DivergenceThreshold,
): DivergenceFinding | null {
  const last = pairs[pairs.length - 1];
  if (!last || !clearlyHigher(last, threshold)) return null;
  return {
    day: last.day,
    client: last.client.total,
    therapist: last.therapist.total,
    gap: last.therapist.total - last.client.total,
    threshold,
    diverged: pairs.filter((p) => clearlyHigher(p, threshold)).length,
    paired: pairs.length,
  };
}
