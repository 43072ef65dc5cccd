import type { BetterDirection } from './reliable-change.js';

/**
 * Expected treatment response: a log-linear expected curve y = b0 + b1·ln(session) per intake
 * band (Lutz, Martinovich & Howard 1999, "patient profiling"; Finch, Lambert & Schaalje 2001
 * stratify expected recovery curves by intake score), with a tolerance band from the residuals'
 * quantiles; a score outside the band on the worse side is "not on track". A band without enough
 * data can fall back to a curve that stays at the client's intake (`staysAtIntakeCurves`), which is
 * how the app applies a published rule (measures/not-on-track.ts). Neither kind of curve is validated.
 */

/** Intake scores in [min, max) fall in this band. */
export interface IntakeBand {
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

/** Where a curve came from. */
export type CurveSource =
  | { readonly kind: 'practice'; readonly episodes: number; readonly observations: number }
  | { readonly kind: 'published'; readonly citation: string };

/** How the expected score moves from session to session. */
export type ExpectedPath =
  /** y = intercept + slope·ln(session), the same for every client in the band. */
  | { readonly kind: 'log-linear'; readonly intercept: number; readonly slope: number }
  /** No change expected: the score stays at the client's own intake. */
  | { readonly kind: 'stays-at-intake' };

/** An expected path with its tolerance band (residual quantiles, e.g. the 10th and 90th, or ± a fixed width). */
export interface ExpectedCurve {
  readonly band: IntakeBand;
  readonly path: ExpectedPath;
  /** Added to the expected score: the lower and upper edges of the band (lower ≤ 0 ≤ upper in practice). */
  readonly lower: number;
  readonly upper: number;
  readonly source: CurveSource;
}

/** The practice's own fit needs at least this many completed episodes in a band… */
export const MIN_EPISODES_PER_BAND = 20;
/** …and this many scores, so that a 90th percentile of residuals rests on about ten points above it. */
export const MIN_OBSERVATIONS_PER_BAND = 100;

/** Options of {@link fitExpectedCurves}. */
export interface TrajectoryFitOptions {
  /** Residual quantile for the band edge on the worse side (default 0.9; 1 − it on the better side). */
  readonly quantile?: number;
  readonly minEpisodes?: number;
  readonly minObservations?: number;
}

/** A band's fit, or why there is none; either way with the episodes and scores it had. */
export type BandFit = { readonly band: IntakeBand; readonly episodes: number; readonly observations: number } & (
  { readonly status: 'fitted'; readonly curve: ExpectedCurve } | { readonly status: 'too-little-data' }
);

/** The band an intake score falls in, if any. */
export function bandOf(intake: number, bands: readonly IntakeBand[]): IntakeBand | undefined {
  return bands.find((b) => intake >= b.min && intake < b.max);
}

// Type-7 quantile (R's default): linear interpolation between order statistics.
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

const intakeOf = (scores: readonly (number | null)[]): number | null => scores[0] ?? null;

/**
 * Fits one log-linear curve per intake band from completed episodes (scores by session, the
 * first being the intake). Episodes without an intake score are skipped. Ordinary least squares
 * on (ln t, y), pooled over the band's episodes; the band edges are residual quantiles.
 */
export function fitExpectedCurves(
  episodes: readonly (readonly (number | null)[])[],
  bands: readonly IntakeBand[],
  options: TrajectoryFitOptions = {},
): BandFit[] {
  const q = options.quantile ?? 0.9;
  const minEpisodes = options.minEpisodes ?? MIN_EPISODES_PER_BAND;
  const minObservations = options.minObservations ?? MIN_OBSERVATIONS_PER_BAND;
  return bands.map((band) => {
    const xs: number[] = [];
    const ys: number[] = [];
    let count = 0;
    for (const scores of episodes) {
      const intake = intakeOf(scores);
      if (intake === null || bandOf(intake, bands) !== band) continue;
      count++;
      scores.forEach((y, i) => {
        if (y !== null && Number.isFinite(y)) {
          xs.push(Math.log(i + 1));
          ys.push(y);
        }
      });
    }
    if (count < minEpisodes || ys.length < minObservations) {
      return { status: 'too-little-data', band, episodes: count, observations: ys.length };
    }
    const n = ys.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const dx = (xs[i] ?? 0) - mx;
      sxy += dx * ((ys[i] ?? 0) - my);
      sxx += dx * dx;
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    const intercept = my - slope * mx;
    const residuals = ys.map((y, i) => y - (intercept + slope * (xs[i] ?? 0))).sort((a, b) => a - b);
    return {
      status: 'fitted',
      band,
      episodes: count,
      observations: n,
      curve: {
        band,
        path: { kind: 'log-linear', intercept, slope },
        lower: quantile(residuals, 1 - q),
        upper: quantile(residuals, q),
        source: { kind: 'practice', episodes: count, observations: n },
      },
    };
  });
}

/** The practice's curve where it could be fitted, otherwise the published one for that band. */
export function chooseCurves(fits: readonly BandFit[], published: readonly ExpectedCurve[]): ExpectedCurve[] {
  return fits.flatMap((fit) => {
    if (fit.status === 'fitted') return [fit.curve];
    const fallback = published.find((c) => c.band.label === fit.band.label);
    return fallback ? [fallback] : [];
  });
}

/**
 * A curve per band whose expected score stays at the client's intake, with a band of ± `halfWidth`
 * (e.g. a measure's reliable-change value, so that only a reliable worsening falls outside it).
 */
export function staysAtIntakeCurves(
  bands: readonly IntakeBand[],
  halfWidth: number,
  source: CurveSource,
): ExpectedCurve[] {
  return bands.map((band) => ({
    band,
    path: { kind: 'stays-at-intake' },
    lower: -halfWidth,
    upper: halfWidth,
    source,
  }));
}

/** The expected score at a session (1-based) for a client with this intake. */
export function expectedScore(curve: ExpectedCurve, session: number, intake: number): number {
  return curve.path.kind === 'log-linear' ? curve.path.intercept + curve.path.slope * Math.log(session) : intake;
}

/** The curve for an intake score: the one whose band holds it. */
export function curveFor(intake: number, curves: readonly ExpectedCurve[]): ExpectedCurve | undefined {
  return curves.find((c) => intake >= c.band.min && intake < c.band.max);
}

/** A "not on track" signal with its reasons. */
export interface NotOnTrack {
  readonly kind: 'not-on-track';
  /** 1-based session number. */
  readonly session: number;
  readonly score: number;
  /** The client's first score of the episode, which chose the band. */
  readonly intake: number;
  readonly expected: number;
  /** The edge of the tolerance band the score lies beyond. */
  readonly bound: number;
  readonly band: IntakeBand;
  readonly source: CurveSource;
}

/**
 * Checks a client's scores (by session, the first the intake) against the curve of their intake
 * band: a score worse than the band's edge (above it when lower is better) is not on track.
 */
export function checkTrajectory(
  scores: readonly (number | null)[],
  curves: readonly ExpectedCurve[],
  better: BetterDirection,
): NotOnTrack[] {
  const intake = intakeOf(scores);
  if (intake === null) return [];
  const curve = curveFor(intake, curves);
  if (!curve) return [];
  const signals: NotOnTrack[] = [];
  scores.forEach((score, i) => {
    if (score === null || i === 0) return;
    const session = i + 1;
    const expected = expectedScore(curve, session, intake);
    const bound = better === 'lower' ? expected + curve.upper : expected + curve.lower;
    const worse = better === 'lower' ? score > bound : score < bound;
    if (worse) {
      signals.push({
        kind: 'not-on-track',
        session,
        score,
        intake,
        expected,
        bound,
        band: curve.band,
        source: curve.source,
      });
    }
  });
  return signals;
}
