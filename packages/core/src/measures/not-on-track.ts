import type { BetterDirection } from '../analytics/reliable-change.js';
import {
  MIN_EPISODES_PER_BAND,
  MIN_OBSERVATIONS_PER_BAND,
  checkTrajectory,
  expectedScore,
  fitExpectedCurves,
  staysAtIntakeCurves,
  type ExpectedCurve,
  type IntakeBand,
  type NotOnTrack,
} from '../analytics/trajectory.js';
import { reliableChangeFor } from '../instruments/interpret.js';
import type { InstrumentDefinition } from '../instruments/model.js';
import { totalRange } from '../instruments/score-range.js';

/**
 * "Not on track" in the app: which measures are checked, against which expected range, and the
 * verdict on a client's latest score. The range is the practice's own log-linear curve for the
 * client's intake band once the practice has enough completed episodes in that band; until then a
 * published rule stands in. Neither is a validated expected-recovery curve, and nothing shown claims it is.
 */

/**
 * The published rule used while the practice has too little data: the expected score stays at
 * intake and only a reliable worsening from it falls outside the range. Finch, Lambert & Schaalje
 * (2001) count a reliable worsening from intake among the OQ-45 feedback system's "not on track"
 * (red) signals (reference notes, analytics §3.4); reliable change after Jacobson & Truax (1991).
 */
export const NOT_ON_TRACK_PUBLISHED_RULE =
  'Finch, Lambert & Schaalje (2001), Clinical Psychology & Psychotherapy 8, 231–242: a reliable worsening from intake counts as “not on track” in the OQ-45 feedback system; reliable change after Jacobson & Truax (1991)';

/** How much data the practice's own curve needs in a band (from the analytics module). */
export const NOT_ON_TRACK_MINIMUM = {
  episodes: MIN_EPISODES_PER_BAND,
  observations: MIN_OBSERVATIONS_PER_BAND,
} as const;

/** Completed episodes and scores with an intake in one band. */
export interface PracticeData {
  readonly episodes: number;
  readonly observations: number;
}

/** One intake band: the curve its clients are checked against (null when there is none) and the practice's data. */
export interface BandTrajectory {
  readonly band: IntakeBand;
  readonly curve: ExpectedCurve | null;
  readonly practice: PracticeData;
}

/** Everything needed to check one outcome measure, fitted once per practice and reused. */
export interface OutcomeTrajectories {
  readonly instrumentId: string;
  readonly better: BetterDirection;
  readonly bands: readonly BandTrajectory[];
}

/** A "not on track" verdict on a client's latest score, with every number behind it. */
export type NotOnTrackFinding = NotOnTrack & {
  readonly better: BetterDirection;
  /** The practice's data in the client's band (what its own fit had, or why it was not used). */
  readonly practice: PracticeData;
  readonly minimum: PracticeData;
  /** Earlier sessions of the episode that were also outside the range. */
  readonly earlier: readonly number[];
};

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * The intake bands of an outcome measure: its published severity bands, each from its minimum to
 * the next band's (a prorated score between bands belongs to the lower one, as `bandFor` reads
 * them); without bands, the cut-offs that apply to everyone split the range. Empty for measures
 * that are not published outcome measures, or whose cut-offs all depend on age or sex (YP-CORE).
 */
export function intakeBands(def: InstrumentDefinition): IntakeBand[] {
  const interp = def.interpretation;
  const range = totalRange(def);
  if (interp.kind !== 'published' || !range) return [];
  const bands = [...interp.bands].sort((a, b) => a.min - b.min);
  if (bands.length > 0) {
    return bands.map((b, i) => ({
      label: b.label,
      min: b.min,
      max: bands[i + 1]?.min ?? Math.max(b.max, range.max) + 1,
    }));
  }
  const cuts = [
    ...new Set(interp.cutOffs.filter((c) => !c.population.ages && !c.population.sex).map((c) => c.value)),
  ].sort((a, b) => a - b);
  if (cuts.length === 0) return [];
  const edges = [range.min, ...cuts, range.max + 1];
  return edges.slice(0, -1).map((min, i) => {
    const max = edges[i + 1] ?? range.max + 1;
    const label =
      i === 0 ? `Below ${fmt(max)}` : i === cuts.length ? `${fmt(min)} or more` : `${fmt(min)} to below ${fmt(max)}`;
    return { label, min, max };
  });
}

/**
 * Fits the practice's curve for each intake band of an outcome measure from its completed
 * episodes (each a list of totals by session, the first the intake), and names the published
 * rule for the bands with too little data (when the measure has a reliable-change value).
 * Undefined for a measure that is not checked.
 */
export function outcomeTrajectories(
  def: InstrumentDefinition,
  completedEpisodes: readonly (readonly number[])[],
): OutcomeTrajectories | undefined {
  const bands = intakeBands(def);
  if (bands.length === 0 || def.interpretation.kind !== 'published') return undefined;
  const better = def.interpretation.direction === 'higher-is-better' ? 'higher' : 'lower';
  const rc = reliableChangeFor(def, {});
  const published = rc
    ? staysAtIntakeCurves(bands, rc.value, {
        kind: 'published',
        citation: `${NOT_ON_TRACK_PUBLISHED_RULE}. Reliable-change value ${fmt(rc.value)}: ${rc.source}.`,
      })
    : [];
  return {
    instrumentId: def.id,
    better,
    bands: fitExpectedCurves(completedEpisodes, bands).map((fit, i) => ({
      band: fit.band,
      curve: fit.status === 'fitted' ? fit.curve : (published[i] ?? null),
      practice: { episodes: fit.episodes, observations: fit.observations },
    })),
  };
}

const bandFor = (intake: number, t: OutcomeTrajectories): BandTrajectory | undefined =>
  t.bands.find((b) => intake >= b.band.min && intake < b.band.max);

/**
 * The verdict on the latest score of one episode (totals oldest first, the first the intake):
 * a finding when it lies strictly beyond the worse edge of the expected range, otherwise null.
 */
export function checkNotOnTrack(scores: readonly number[], t: OutcomeTrajectories): NotOnTrackFinding | null {
  const intake = scores[0];
  const band = intake === undefined ? undefined : bandFor(intake, t);
  if (!band?.curve) return null;
  const found = checkTrajectory(scores, [band.curve], t.better);
  const latest = found.find((f) => f.session === scores.length);
  if (!latest) return null;
  return {
    ...latest,
    better: t.better,
    practice: band.practice,
    minimum: NOT_ON_TRACK_MINIMUM,
    earlier: found.filter((f) => f !== latest).map((f) => f.session),
  };
}

/** The expected range at each session of an episode so far, for drawing; null when there is no curve. */
export function expectedRange(
  scores: readonly number[],
  t: OutcomeTrajectories,
): {
  readonly band: BandTrajectory;
  readonly curve: ExpectedCurve;
  readonly sessions: readonly { readonly expected: number; readonly low: number; readonly high: number }[];
} | null {
  const intake = scores[0];
  const band = intake === undefined ? undefined : bandFor(intake, t);
  const curve = band?.curve;
  if (!band || !curve || intake === undefined) return null;
  return {
    band,
    curve,
    sessions: scores.map((_, i) => {
      const expected = expectedScore(curve, i + 1, intake);
      return { expected, low: expected + curve.lower, high: expected + curve.upper };
    }),
  };
}
