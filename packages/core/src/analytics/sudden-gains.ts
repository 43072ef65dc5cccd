import { fail, ok, type Result } from '../errors.js';
import type { ScoreMatrix } from './score-matrix.js';
import { studentTQuantile } from './student-t.js';

/** A sudden gain (improvement: the score falls, as on the BDI) or a sudden loss (the score rises). */
export type SuddenChangeKind = 'gain' | 'loss';

/**
 * `rapport` fixes two quirks of suddengains 0.7.2 (see docs/analytics.md); `suddengains`
 * reproduces that package's output exactly, quirks included.
 */
export type SuddenGainsMode = 'rapport' | 'suddengains';

/** Criterion 3 (Tang & DeRubeis 1999): the change is large against the fluctuation around it. */
export type Criterion3 =
  | { readonly enabled: false }
  /** Lutz et al. (2013): critical value |qt(α/2, n1 + n2 − 2)| adjusts for missing scores. */
  | { readonly enabled: true; readonly adjust: true; readonly alpha: number }
  /** One critical value for every comparison (suddengains: 2.776). */
  | { readonly enabled: true; readonly adjust: false; readonly criticalValue: number };

/** The options of suddengains' `identify_sg` / `identify_sl`, in Rapport's words. */
export interface SuddenGainOptions {
  readonly kind: SuddenChangeKind;
  /**
   * Criterion 1: the least change in score points (Tang & DeRubeis: 7 BDI points), or null to
   * switch it off. For losses the size is taken (suddengains' `identify_sl` wants −7 for 7).
   */
  readonly cutoff: number | null;
  /** Criterion 2: the least change as a proportion of the pregain score (0.25), or null to switch it off. */
  readonly pct: number | null;
  readonly crit3: Criterion3;
  /** The first column is a baseline, so the interval 1→2 is tested too (`identify_sg_1to2`). */
  readonly firstIsBaseline: boolean;
  readonly mode: SuddenGainsMode;
}

/** suddengains' defaults: crit 1 = 7 BDI points, 25 %, criterion 3 at α = .05 adjusted for missing data. */
export const DEFAULT_SUDDEN_GAIN_OPTIONS: SuddenGainOptions = {
  kind: 'gain',
  cutoff: 7,
  pct: 0.25,
  crit3: { enabled: true, adjust: true, alpha: 0.05 },
  firstIsBaseline: false,
  mode: 'rapport',
};

/** Flag values: the interval holds a gain, does not, or cannot be judged (suddengains' NA). */
export const GAIN = 1;
export const NO_GAIN = 0;
export const NOT_ANALYSABLE = -1;
/** One interval's verdict. */
export type GainFlag = typeof GAIN | typeof NO_GAIN | typeof NOT_ANALYSABLE;

/** The result of {@link identifySuddenGains}: one flag per row and tested interval. */
export interface SuddenGainFlags {
  readonly rows: number;
  /** Tested intervals per row: columns − 3 (the first and last intervals cannot meet criterion 3). */
  readonly intervals: number;
  /** Row-major, length rows × intervals: {@link GAIN}, {@link NO_GAIN} or {@link NOT_ANALYSABLE}. */
  readonly flags: Int8Array;
  /** suddengains' column names, e.g. `sg_2to3` (or `sg_1to2` with a baseline; `sl_` for losses). */
  readonly names: readonly string[];
}

/** Checks options; the CLI and the app call this before running anything. */
export function validateSuddenGainOptions(options: SuddenGainOptions): Result<SuddenGainOptions> {
  const { cutoff, pct, crit3 } = options;
  if (cutoff === null && pct === null && !crit3.enabled) {
    return fail('invalid-input', 'At least one of the three sudden-gain criteria must be switched on.');
  }
  if (cutoff !== null && !Number.isFinite(cutoff)) return fail('invalid-input', 'The cut-off must be a number.');
  if (pct !== null && !Number.isFinite(pct)) return fail('invalid-input', 'The percentage must be a number.');
  if (crit3.enabled && crit3.adjust && !(crit3.alpha > 0 && crit3.alpha < 1)) {
    return fail('invalid-input', `Alpha must lie strictly between 0 and 1 (got ${crit3.alpha}).`);
  }
  if (crit3.enabled && !crit3.adjust && !(crit3.criticalValue > 0)) {
    return fail('invalid-input', `The critical value must be a positive number (got ${crit3.criticalValue}).`);
  }
  return ok(options);
}

/** The name suddengains gives the interval with index i (0-based, in file order of the tested intervals). */
export function intervalName(i: number, kind: SuddenChangeKind, firstIsBaseline: boolean): string {
  const prefix = kind === 'gain' ? 'sg' : 'sl';
  // suddengains numbers sessions from 1, or from 0 when the first column is a baseline.
  const from = firstIsBaseline ? i + 1 : i + 2;
  return `${prefix}_${from}to${from + 1}`;
}

/**
 * The critical values of criterion 3 by degrees of freedom 2, 3 and 4 (4, 5 or 6 scores
 * around the interval): 4.303, 3.182, 2.776 at α = .05 when adjusting (Lutz et al. 2013).
 */
export function criterion3CriticalValues(crit3: Criterion3): readonly [number, number, number] {
  if (!crit3.enabled) return [Number.NaN, Number.NaN, Number.NaN];
  if (!crit3.adjust) return [crit3.criticalValue, crit3.criticalValue, crit3.criticalValue];
  const q = (df: number): number => Math.abs(studentTQuantile(crit3.alpha / 2, df));
  return [q(2), q(3), q(4)];
}

/** How one criterion came out for one interval. */
export type CriterionOutcome = 'met' | 'not-met' | 'missing' | 'off';

/** Everything criterion 3 looked at. */
export interface Criterion3Reasons {
  readonly meanPre: number;
  readonly meanPost: number;
  readonly nPre: number;
  readonly nPost: number;
  /** √(((n1−1)s1² + (n2−1)s2²)/(n1+n2−2)); suddengains has no √(1/n1+1/n2) factor. */
  readonly pooledSd: number;
  readonly criticalValue: number;
}

/** The numbers behind one interval's verdict: the reasons a gain carries. */
export interface IntervalReasons {
  readonly pre: number | null;
  readonly post: number | null;
  /** pre − post: positive for an improvement on a lower-is-better scale. */
  readonly change: number | null;
  readonly crit1: CriterionOutcome;
  readonly crit2: CriterionOutcome;
  readonly crit3: CriterionOutcome;
  readonly crit3Numbers: Criterion3Reasons | null;
  readonly flag: GainFlag;
}

/** Prepared constants, so the hot loop does no option lookups or quantile searches. */
interface Prepared {
  readonly gain: boolean;
  readonly useCrit1: boolean;
  readonly crit1: number;
  readonly useCrit2: boolean;
  readonly crit2: number;
  readonly lossCrit2Compat: boolean;
  readonly useCrit3: boolean;
  readonly cv: readonly [number, number, number];
  readonly requirePrePost: boolean;
}

function prepare(options: SuddenGainOptions): Prepared {
  const gain = options.kind === 'gain';
  return {
    gain,
    useCrit1: options.cutoff !== null,
    // For losses suddengains tests pre − post ≤ cutoff with a negative cut-off.
    crit1: options.cutoff === null ? 0 : gain ? options.cutoff : -Math.abs(options.cutoff),
    useCrit2: options.pct !== null,
    crit2: options.pct ?? 0,
    // Quirk Q1: identify_sl tests pre − post ≤ pct·pre with the same sign of pct as for gains.
    lossCrit2Compat: options.mode === 'suddengains',
    useCrit3: options.crit3.enabled,
    cv: criterion3CriticalValues(options.crit3),
    // Quirk Q3: suddengains lets criterion 3 alone flag an interval whose pre or post score is missing.
    requirePrePost: options.mode === 'rapport',
  };
}

// Outcome codes in the hot loop: 0 not met, 1 met, 2 missing, 3 off.
const NOT_MET = 0;
const MET = 1;
const MISSING = 2;
const OFF = 3;
const OUTCOMES: readonly CriterionOutcome[] = ['not-met', 'met', 'missing', 'off'];

// Count, mean and sum of squares of the non-missing values in values[from..to] (inclusive),
// written into `out` rather than returned, so the hot loop allocates nothing.
interface WindowStats {
  n: number;
  mean: number;
  ss: number;
}

/** Scratch space for criterion 3, reused across calls. */
interface Window {
  meanPre: number;
  meanPost: number;
  nPre: number;
  nPost: number;
  pooledSd: number;
  readonly pre: WindowStats;
  readonly post: WindowStats;
}

function newWindow(): Window {
  return {
    meanPre: 0,
    meanPost: 0,
    nPre: 0,
    nPost: 0,
    pooledSd: 0,
    pre: { n: 0, mean: 0, ss: 0 },
    post: { n: 0, mean: 0, ss: 0 },
  };
}

function windowStats(values: Float64Array, from: number, to: number, out: WindowStats): void {
  let n = 0;
  let sum = 0;
  for (let k = from; k <= to; k++) {
    const v = values[k] ?? Number.NaN;
    if (v === v) {
      n++;
      sum += v;
    }
  }
  out.n = n;
  if (n === 0) {
    out.mean = Number.NaN;
    out.ss = Number.NaN;
    return;
  }
  const m = sum / n;
  let ss = 0;
  for (let k = from; k <= to; k++) {
    const v = values[k] ?? Number.NaN;
    if (v === v) ss += (v - m) * (v - m);
  }
  out.mean = m;
  out.ss = ss;
}

/**
 * Evaluates the three criteria for the interval pre = column p → post = column p + 1 of the row
 * starting at `base`. Returns the three outcome codes packed as c1 | c2 << 2 | c3 << 4.
 */
function evaluate(values: Float64Array, base: number, columns: number, p: number, c: Prepared, w: Window): number {
  const pre = values[base + p] ?? Number.NaN;
  const post = values[base + p + 1] ?? Number.NaN;
  const missing = pre !== pre || post !== post;
  const diff = pre - post;
  let c1 = OFF;
  if (c.useCrit1) c1 = missing ? MISSING : (c.gain ? diff >= c.crit1 : diff <= c.crit1) ? MET : NOT_MET;
  let c2 = OFF;
  if (c.useCrit2) {
    if (missing) c2 = MISSING;
    else if (c.gain) c2 = diff >= c.crit2 * pre ? MET : NOT_MET;
    else if (c.lossCrit2Compat) c2 = diff <= c.crit2 * pre ? MET : NOT_MET;
    // A loss is a rise of at least pct of the pregain score: post − pre ≥ pct·pre.
    else c2 = -diff >= c.crit2 * pre ? MET : NOT_MET;
  }
  let c3 = OFF;
  if (c.useCrit3) {
    // Pre window: sessions n−2, n−1, n; post window: n+1, n+2, n+3 (Tang & DeRubeis 1999).
    windowStats(values, base + Math.max(0, p - 2), base + p, w.pre);
    windowStats(values, base + p + 1, base + Math.min(columns - 1, p + 3), w.post);
    const { n: n1, mean: m1, ss: ss1 } = w.pre;
    const { n: n2, mean: m2, ss: ss2 } = w.post;
    w.nPre = n1;
    w.nPost = n2;
    w.meanPre = m1;
    w.meanPost = m2;
    if (n1 < 2 || n2 < 2) {
      c3 = MISSING;
      w.pooledSd = Number.NaN;
    } else {
      const df = n1 + n2 - 2;
      // (n1−1)s1² = ss1, so the pooled variance is (ss1 + ss2)/df.
      const pooled = Math.sqrt((ss1 + ss2) / df);
      w.pooledSd = pooled;
      const cv = c.cv[df - 2] ?? Number.NaN;
      c3 = (c.gain ? m1 - m2 : m2 - m1) > cv * pooled ? MET : NOT_MET;
    }
  }
  return c1 | (c2 << 2) | (c3 << 4);
}

function combine(packed: number, missingPrePost: boolean, requirePrePost: boolean): GainFlag {
  if (requirePrePost && missingPrePost) return NOT_ANALYSABLE;
  let all = true;
  for (let shift = 0; shift <= 4; shift += 2) {
    const o = (packed >> shift) & 3;
    // In R, FALSE * NA is NA: one missing criterion makes the interval unanalysable.
    if (o === MISSING) return NOT_ANALYSABLE;
    if (o === NOT_MET) all = false;
  }
  return all ? GAIN : NO_GAIN;
}

/**
 * Criterion 3 for the windows values[lo..at] and values[at+1..hi] holding n1 and n2 scores
 * (both at least 2): the arithmetic of evaluate(), in the same order. Kept apart from
 * {@link flagAll} because it runs rarely, and a smaller hot loop compiles sooner.
 */
function crit3Met(
  values: Float64Array,
  lo: number,
  at: number,
  hi: number,
  n1: number,
  n2: number,
  gain: boolean,
  cvs: readonly [number, number, number],
): boolean {
  let s1 = 0;
  for (let k = lo; k <= at; k++) {
    const v = values[k] ?? Number.NaN;
    if (v === v) s1 += v;
  }
  let s2 = 0;
  for (let k = at + 1; k <= hi; k++) {
    const v = values[k] ?? Number.NaN;
    if (v === v) s2 += v;
  }
  const m1 = s1 / n1;
  const m2 = s2 / n2;
  let ss1 = 0;
  for (let k = lo; k <= at; k++) {
    const v = values[k] ?? Number.NaN;
    if (v === v) ss1 += (v - m1) * (v - m1);
  }
  let ss2 = 0;
  for (let k = at + 1; k <= hi; k++) {
    const v = values[k] ?? Number.NaN;
    if (v === v) ss2 += (v - m2) * (v - m2);
  }
  const df = n1 + n2 - 2;
  const pooled = Math.sqrt((ss1 + ss2) / df);
  const cv = cvs[df - 2] ?? Number.NaN;
  return (gain ? m1 - m2 : m2 - m1) > cv * pooled;
}

/**
 * The verdicts combine(evaluate(…)) gives, for every interval of every row, with the same
 * arithmetic in the same order. Faster because it packs no outcomes and works out criterion 3's
 * means and spread only when criteria 1 and 2 are met: whether criterion 3 is missing (and so
 * the interval unanalysable) depends on the counts alone, and most intervals fail criterion 1.
 * The counts come from one running tally per row.
 */
function flagAll(values: Float64Array, rows: number, K: number, c: Prepared, flags: Int8Array): void {
  const { gain, useCrit1, crit1, useCrit2, crit2, lossCrit2Compat, useCrit3 } = c;
  // A missing pre or post score makes criteria 1 and 2 missing (or fails Rapport's own rule).
  const missingFails = c.requirePrePost || useCrit1 || useCrit2;
  const last = K - 3;
  const end = rows * K;
  // present[j]: how many of the row's first j scores are there, so a window's count is one subtraction.
  const present = new Int32Array(K + 1);
  let f = 0;
  for (let base = 0; base < end; base += K) {
    if (useCrit3) {
      let n = 0;
      for (let j = 0; j < K; j++) {
        const v = values[base + j] ?? Number.NaN;
        if (v === v) n++;
        present[j + 1] = n;
      }
    }
    // Interval p → p + 1 for p = 1 … K − 3: x1→x2 and the last interval are never tested.
    for (let p = 1; p <= last; p++, f++) {
      const at = base + p;
      const pre = values[at] ?? Number.NaN;
      const post = values[at + 1] ?? Number.NaN;
      if ((pre !== pre || post !== post) && missingFails) {
        flags[f] = NOT_ANALYSABLE;
        continue;
      }
      const diff = pre - post;
      let verdict: GainFlag = GAIN;
      if (useCrit1 && !(gain ? diff >= crit1 : diff <= crit1)) verdict = NO_GAIN;
      if (useCrit2 && !(gain ? diff >= crit2 * pre : lossCrit2Compat ? diff <= crit2 * pre : -diff >= crit2 * pre)) {
        verdict = NO_GAIN;
      }
      if (useCrit3) {
        // Pre window: sessions n−2, n−1, n; post window: n+1, n+2, n+3 (Tang & DeRubeis 1999).
        const from = p >= 2 ? p - 2 : 0;
        const to = p + 3 < K ? p + 3 : K - 1;
        const n1 = (present[p + 1] ?? 0) - (present[from] ?? 0);
        const n2 = (present[to + 1] ?? 0) - (present[p + 1] ?? 0);
        if (n1 < 2 || n2 < 2) {
          flags[f] = NOT_ANALYSABLE;
          continue;
        }
        if (verdict === GAIN && !crit3Met(values, base + from, at, base + to, n1, n2, gain, c.cv)) verdict = NO_GAIN;
      }
      flags[f] = verdict;
    }
  }
}

/**
 * Flags sudden gains (or losses) in every tested interval of every row, as suddengains'
 * `identify_sg` / `identify_sl` (Tang & DeRubeis 1999; Lutz et al. 2013). One pass, no
 * allocation per cell: fast enough for a whole practice on every submission.
 *
 * @example
 * const flags = identifySuddenGains(scoreMatrix([[28, 19, 23, 11, 12, null]]), DEFAULT_SUDDEN_GAIN_OPTIONS);
 * // flags.value.flags → [0, 1, -1]   (sg_2to3, sg_3to4, sg_4to5)
 */
export function identifySuddenGains(data: ScoreMatrix, options: SuddenGainOptions): Result<SuddenGainFlags> {
  const valid = validateSuddenGainOptions(options);
  if (!valid.ok) return valid;
  const K = data.columns;
  if (K < 4) {
    return fail('invalid-input', `Sudden gains need at least 4 sessions per person (got ${K}).`);
  }
  const intervals = K - 3;
  const flags = new Int8Array(data.rows * intervals);
  flagAll(data.values, data.rows, K, prepare(options), flags);
  const names = Array.from({ length: intervals }, (_, i) => intervalName(i, options.kind, options.firstIsBaseline));
  return ok({ rows: data.rows, intervals, flags, names });
}

/**
 * The reasons behind one interval's verdict: the scores, the change and how each criterion
 * came out (suddengains' `crit123_details`, and what a signal shows a therapist).
 */
export function explainInterval(
  data: ScoreMatrix,
  row: number,
  interval: number,
  options: SuddenGainOptions,
): IntervalReasons {
  const c = prepare(options);
  const w = newWindow();
  const base = row * data.columns;
  const p = interval + 1;
  const packed = evaluate(data.values, base, data.columns, p, c, w);
  const preRaw = data.values[base + p] ?? Number.NaN;
  const postRaw = data.values[base + p + 1] ?? Number.NaN;
  const pre = Number.isNaN(preRaw) ? null : preRaw;
  const post = Number.isNaN(postRaw) ? null : postRaw;
  const outcome = (shift: number): CriterionOutcome => OUTCOMES[(packed >> shift) & 3] ?? 'off';
  const crit3 = outcome(4);
  const df = w.nPre + w.nPost - 2;
  return {
    pre,
    post,
    change: pre === null || post === null ? null : pre - post,
    crit1: outcome(0),
    crit2: outcome(2),
    crit3,
    crit3Numbers:
      crit3 === 'off' || crit3 === 'missing'
        ? null
        : {
            meanPre: w.meanPre,
            meanPost: w.meanPost,
            nPre: w.nPre,
            nPost: w.nPost,
            pooledSd: w.pooledSd,
            criticalValue: c.cv[df - 2] ?? Number.NaN,
          },
    flag: combine(packed, pre === null || post === null, c.requirePrePost),
  };
}
