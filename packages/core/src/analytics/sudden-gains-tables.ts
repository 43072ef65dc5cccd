import { GAIN, type SuddenGainFlags, type SuddenGainOptions } from './sudden-gains.js';
import { scoreAt, type ScoreMatrix } from './score-matrix.js';

/** One sudden gain or loss with its descriptives: a row of suddengains' `create_bysg`. */
export interface SuddenGain {
  /** The row of the score matrix (the person). */
  readonly row: number;
  /** The tested interval, 0-based. */
  readonly interval: number;
  /** suddengains' `sg_session_n`: the pregain session number in its naming scheme. */
  readonly sessionN: number;
  /** Scores at sessions n−2, n−1, n, n+1, n+2, n+3 (`sg_<m>_2n` … `sg_<m>_n3`); null when missing. */
  readonly around: readonly [number | null, number | null, number | null, number | null, number | null, number | null];
  /** x_n − x_n+1: positive for a gain, negative for a loss. */
  readonly magnitude: number | null;
  /** tx_start − tx_end. */
  readonly txChange: number | null;
  /** magnitude / txChange (|magnitude| for losses). suddengains keeps +Inf (Rapport: null). */
  readonly changeProportion: number | null;
  /** x_n+1 + magnitude/2: returning beyond it undoes half the gain (Tang & DeRubeis 1999). */
  readonly reversalValue: number | null;
  readonly reversal: boolean;
  /** How many gains this person has (`sg_freq_byperson`). */
  readonly freqByPerson: number;
}

/** Where treatment starts and ends, per row; defaults to the first and last score columns. */
export interface TreatmentSpan {
  readonly txStart?: Float64Array;
  readonly txEnd?: Float64Array;
}

const valueOrNull = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

/**
 * Lists every flagged gain with its descriptives (suddengains' `create_bysg`), rows in the
 * given order (suddengains sorts by id), gains within a row in session order.
 *
 * Reversal (quirk Q2): suddengains checks sessions from n+3 on in default numbering and from
 * n+2 with a baseline column; Rapport always checks every session after the postgain one (n+2 on).
 */
export function listSuddenGains(
  data: ScoreMatrix,
  flags: SuddenGainFlags,
  options: Pick<SuddenGainOptions, 'kind' | 'firstIsBaseline' | 'mode'>,
  span: TreatmentSpan = {},
  order?: ArrayLike<number>,
): SuddenGain[] {
  const K = data.columns;
  const gains: SuddenGain[] = [];
  const loss = options.kind === 'loss';
  const compat = options.mode === 'suddengains';
  for (let o = 0; o < flags.rows; o++) {
    const r = order ? (order[o] ?? o) : o;
    const first = gains.length;
    for (let i = 0; i < flags.intervals; i++) {
      if (flags.flags[r * flags.intervals + i] !== GAIN) continue;
      const p = i + 1;
      const sessionN = options.firstIsBaseline ? p : p + 1;
      const around = [
        scoreAt(data, r, p - 2),
        scoreAt(data, r, p - 1),
        scoreAt(data, r, p),
        scoreAt(data, r, p + 1),
        scoreAt(data, r, p + 2),
        scoreAt(data, r, p + 3),
      ] as const;
      const [, , xn, xn1] = around;
      const magnitude = xn === null || xn1 === null ? null : xn - xn1;
      const start = span.txStart ? valueOrNull(span.txStart[r]) : scoreAt(data, r, 0);
      const end = span.txEnd ? valueOrNull(span.txEnd[r]) : scoreAt(data, r, K - 1);
      const txChange = start === null || end === null ? null : start - end;
      let changeProportion: number | null = null;
      if (magnitude !== null && txChange !== null) {
        const q = (loss ? Math.abs(magnitude) : magnitude) / txChange;
        // suddengains turns −Inf into NA but keeps +Inf (and NaN for 0/0 prints as NA too).
        changeProportion = Number.isFinite(q) || (compat && q === Number.POSITIVE_INFINITY) ? q : null;
      }
      const reversalValue = magnitude === null || xn1 === null ? null : xn1 + magnitude / 2;
      let reversal = false;
      if (reversalValue !== null) {
        // Compat: keep columns whose 0-based index minus sg_session_n is at least 2.
        const from = compat ? sessionN + 2 : p + 2;
        for (let col = from; col < K; col++) {
          const v = scoreAt(data, r, col);
          if (v !== null && (loss ? v < reversalValue : v > reversalValue)) {
            reversal = true;
            break;
          }
        }
      }
      gains.push({
        row: r,
        interval: i,
        sessionN,
        around,
        magnitude,
        txChange,
        changeProportion,
        reversalValue,
        reversal,
        freqByPerson: 0,
      });
    }
    const count = gains.length - first;
    for (let g = first; g < gains.length; g++) {
      const gain = gains[g];
      if (gain) gains[g] = { ...gain, freqByPerson: count };
    }
  }
  return gains;
}

/** Which gain represents a person with several (`multiple_sg_select`). */
export type GainSelection = 'first' | 'last' | 'smallest' | 'largest';

/**
 * Picks one gain per person (suddengains' `create_byperson`): first or last by session,
 * smallest or largest by magnitude with ties to the earliest.
 *
 * Quirk Q4: suddengains compares signed magnitudes, so for losses "largest" is the loss nearest
 * zero; Rapport compares sizes. In suddengains mode a person with a missing magnitude loses
 * every gain under smallest/largest, as R's `min()` returns NA there.
 */
export function selectGainPerPerson(
  gains: readonly SuddenGain[],
  select: GainSelection,
  mode: SuddenGainOptions['mode'],
): Map<number, SuddenGain> {
  const byRow = new Map<number, SuddenGain[]>();
  for (const g of gains) {
    const list = byRow.get(g.row);
    if (list) list.push(g);
    else byRow.set(g.row, [g]);
  }
  const chosen = new Map<number, SuddenGain>();
  const size = (g: SuddenGain): number => {
    const m = g.magnitude ?? Number.NaN;
    return mode === 'rapport' ? Math.abs(m) : m;
  };
  for (const [row, list] of byRow) {
    const sorted = [...list].sort((a, b) => a.sessionN - b.sessionN);
    let pick: SuddenGain | undefined;
    if (select === 'first') pick = sorted[0];
    else if (select === 'last') pick = sorted[sorted.length - 1];
    else {
      const known = sorted.filter((g) => g.magnitude !== null);
      if (mode === 'suddengains' && known.length < sorted.length) continue;
      for (const g of known) {
        if (!pick) pick = g;
        else if (select === 'largest' ? size(g) > size(pick) : size(g) < size(pick)) pick = g;
      }
    }
    if (pick) chosen.set(row, pick);
  }
  return chosen;
}

/** suddengains' `describe_sg`, every figure rounded to 2 decimals as there. */
export interface SuddenGainDescription {
  readonly totalN: number;
  readonly sgTotalN: number;
  /** People with a gain (byperson only). */
  readonly sgN: number | null;
  readonly sgPct: number;
  readonly sgMultipleN: number | null;
  readonly sgMultiplePct: number;
  readonly sgReversalN: number;
  readonly sgReversalPct: number;
  readonly sgMagnitudeM: number;
  readonly sgMagnitudeSd: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function meanSd(xs: readonly number[]): [number, number] {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const ss = xs.reduce((a, b) => a + (b - m) * (b - m), 0);
  return [m, Math.sqrt(ss / (n - 1))];
}

/**
 * Describes a set of gains as suddengains' `describe_sg` does: `bysg` over all gains,
 * `byperson` over one gain per person among `people` people.
 */
export function describeSuddenGains(
  gains: readonly SuddenGain[],
  structure:
    | { readonly kind: 'bysg' }
    | { readonly kind: 'byperson'; readonly people: number; readonly selected: readonly SuddenGain[] },
): SuddenGainDescription {
  if (structure.kind === 'bysg') {
    const n = gains.length;
    const [m, sd] = meanSd(gains.flatMap((g) => (g.magnitude === null ? [] : [g.magnitude])));
    const reversals = gains.filter((g) => g.reversal).length;
    return {
      totalN: n,
      sgTotalN: n,
      sgN: null,
      sgPct: round2((n / n) * 100),
      sgMultipleN: null,
      // suddengains: the share of *gains* whose person has more than one.
      sgMultiplePct: round2((gains.filter((g) => g.freqByPerson > 1).length / n) * 100),
      sgReversalN: reversals,
      sgReversalPct: round2((reversals / n) * 100),
      sgMagnitudeM: round2(m),
      sgMagnitudeSd: round2(sd),
    };
  }
  const { people, selected } = structure;
  const [m, sd] = meanSd(selected.flatMap((g) => (g.magnitude === null ? [] : [g.magnitude])));
  const reversals = selected.filter((g) => g.reversal).length;
  const multiple = selected.filter((g) => g.freqByPerson > 1).length;
  return {
    totalN: people,
    sgTotalN: gains.length,
    sgN: selected.length,
    sgPct: round2((selected.length / people) * 100),
    sgMultipleN: multiple,
    sgMultiplePct: round2((multiple / people) * 100),
    sgReversalN: reversals,
    sgReversalPct: round2((reversals / selected.length) * 100),
    sgMagnitudeM: round2(m),
    sgMagnitudeSd: round2(sd),
  };
}
