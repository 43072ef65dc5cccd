import type { ScoreMatrix } from './score-matrix.js';
import { NOT_ANALYSABLE, type SuddenGainFlags } from './sudden-gains.js';

/**
 * Whether each row has enough scores for criteria 1–3 on at least one interval
 * (suddengains' `select_cases(method = "pattern")`): the availability pattern contains
 * present×4, present×3 missing present, present missing present×3, or present missing
 * present present missing present.
 */
export function selectCasesByPattern(data: ScoreMatrix): boolean[] {
  const patterns = ['1111', '11101', '10111', '101101'];
  const out: boolean[] = [];
  for (let r = 0; r < data.rows; r++) {
    let s = '';
    for (let c = 0; c < data.columns; c++) s += Number.isNaN(data.values[r * data.columns + c]) ? '0' : '1';
    out.push(patterns.some((p) => s.includes(p)));
  }
  return out;
}

/** Whether each row has at least `minSessions` scores (`select_cases(method = "min_sess")`). */
export function selectCasesByMinSessions(data: ScoreMatrix, minSessions: number): boolean[] {
  const out: boolean[] = [];
  for (let r = 0; r < data.rows; r++) {
    let n = 0;
    for (let c = 0; c < data.columns; c++) if (!Number.isNaN(data.values[r * data.columns + c])) n++;
    out.push(n >= minSessions);
  }
  return out;
}

/** Between-session intervals, as suddengains' `count_intervals`. */
export interface IntervalCounts {
  /** (variables − 1) × rows. */
  readonly total: number;
  /** Intervals that could be tested: total − 2·rows (− 1·rows with a baseline). */
  readonly totalTestable: number;
  readonly available: number;
  readonly notAvailable: number;
}

/**
 * Counts intervals (suddengains' `count_intervals`). `listedVariables` is the length of the
 * variable list as given; suddengains counts duplicated names there (quirk Q5), so pass it
 * only to reproduce that package; it defaults to the matrix's columns.
 */
export function countIntervals(
  flags: SuddenGainFlags,
  options: { readonly firstIsBaseline: boolean; readonly columns: number; readonly listedVariables?: number },
): IntervalCounts {
  const variables = options.listedVariables ?? options.columns;
  const total = (variables - 1) * flags.rows;
  let notAvailable = 0;
  for (const f of flags.flags) if (f === NOT_ANALYSABLE) notAvailable++;
  return {
    total,
    totalTestable: total - (options.firstIsBaseline ? 1 : 2) * flags.rows,
    available: flags.flags.length - notAvailable,
    notAvailable,
  };
}

/**
 * suddengains' `define_crit1_cutoff`: a reliable-change cut-off for criterion 1 with the constant
 * exactly 1.96 (quirk Q6; Rapport's reliable change uses qnorm(0.975) = 1.959964).
 * se = sd·√(1 − rel), sdiff = √(2·se²), cut-off = 1.96·sdiff (Jacobson & Truax 1991).
 */
export function defineCrit1Cutoff(input: { readonly sd: number; readonly reliability: number }): {
  readonly sd: number;
  readonly standardError: number;
  readonly standardErrorOfDifference: number;
  readonly reliableChangeValue: number;
} {
  const standardError = input.sd * Math.sqrt(1 - input.reliability);
  const standardErrorOfDifference = Math.sqrt(2 * standardError * standardError);
  return {
    sd: input.sd,
    standardError,
    standardErrorOfDifference,
    reliableChangeValue: 1.96 * standardErrorOfDifference,
  };
}
