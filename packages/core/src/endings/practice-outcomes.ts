import { mean } from '../analytics/descriptive.js';
import type { EndingKind } from './ending.js';
import type { EpisodeSummary } from './summary.js';

/**
 * The practice's outcomes in aggregate: how many episodes, how the closed ones changed, the
 * relationship, unplanned endings, ruptures repaired. Every figure carries its denominator, and
 * a figure over fewer than ten episodes says it is too small to read much into.
 */

/** Below this many episodes a percentage is shown with a warning: one client moves it by 10 points or more. */
export const SMALL_NUMBER = 10;

/** A count out of a denominator, with its percentage (null over nothing). */
export interface Proportion {
  readonly count: number;
  readonly of: number;
  readonly percent: number | null;
  readonly small: boolean;
}

export function proportion(count: number, of: number): Proportion {
  return { count, of, percent: of > 0 ? (100 * count) / of : null, small: of < SMALL_NUMBER };
}

/** One episode as the practice view counts it. */
export interface EpisodeOutcomeRow {
  readonly status: 'open' | 'closed';
  readonly summary: EpisodeSummary;
}

export interface PracticeOutcomes {
  readonly episodes: { readonly total: number; readonly open: number; readonly closed: number };
  /** Closed episodes with a first and last score on a measure with a reliable-change value. */
  readonly withPrePost: number;
  /** Reliably improved, recovered ones included. */
  readonly improved: Proportion;
  /** Of those that started in the clinical range (the only ones who can recover). */
  readonly recovered: Proportion;
  readonly unchanged: Proportion;
  /** Reliably deteriorated, harmed ones included. */
  readonly deteriorated: Proportion;
  /** Mean over episodes of each episode's mean relationship check, so long episodes weigh no more. */
  readonly relationship: { readonly mean: number | null; readonly episodes: number; readonly small: boolean };
  readonly endings: {
    /** Closed episodes with an ending recorded: the denominator for planned and unplanned. */
    readonly recorded: number;
    /** Closed without an ending recorded (e.g. brought in from earlier records). */
    readonly notRecorded: number;
    readonly unplanned: Proportion;
  };
  readonly ruptures: { readonly total: number; readonly repaired: Proportion; readonly notRepaired: number };
}

const countKind = (rows: readonly EpisodeOutcomeRow[], kind: EndingKind): number =>
  rows.filter((r) => r.summary.ending?.kind === kind).length;

/** Aggregates the episodes in view (pure; an empty list gives zeros and null percentages). */
export function aggregateOutcomes(rows: readonly EpisodeOutcomeRow[]): PracticeOutcomes {
  const closed = rows.filter((r) => r.status === 'closed');
  const changes = closed.flatMap((r) => (r.summary.outcome?.change ? [r.summary.outcome.change] : []));
  const n = changes.length;
  const count = (...categories: string[]): number => changes.filter((c) => categories.includes(c.category)).length;
  const clinicalAtStart = changes.filter((c) => c.clinicalAtStart === true).length;
  const means = rows.flatMap((r) => (r.summary.relationship ? [r.summary.relationship.mean] : []));
  const recorded = closed.filter((r) => r.summary.ending !== null);
  const ruptures = rows.reduce(
    (acc, r) => ({ total: acc.total + r.summary.ruptures.total, repaired: acc.repaired + r.summary.ruptures.repaired }),
    { total: 0, repaired: 0 },
  );
  return {
    episodes: { total: rows.length, open: rows.length - closed.length, closed: closed.length },
    withPrePost: n,
    improved: proportion(count('improved', 'recovered'), n),
    recovered: proportion(count('recovered'), clinicalAtStart),
    unchanged: proportion(count('unchanged'), n),
    deteriorated: proportion(count('deteriorated', 'harmed'), n),
    relationship: {
      mean: means.length > 0 ? mean(means) : null,
      episodes: means.length,
      small: means.length < SMALL_NUMBER,
    },
    endings: {
      recorded: recorded.length,
      notRecorded: closed.length - recorded.length,
      unplanned: proportion(countKind(recorded, 'unplanned'), recorded.length),
    },
    ruptures: {
      total: ruptures.total,
      repaired: proportion(ruptures.repaired, ruptures.total),
      notRepaired: ruptures.total - ruptures.repaired,
    },
  };
}
