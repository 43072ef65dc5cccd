import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreMatrix, type ScoreMatrix } from './score-matrix.js';
import {
  DEFAULT_SUDDEN_GAIN_OPTIONS,
  explainInterval,
  identifySuddenGains,
  type SuddenGainFlags,
  type SuddenGainOptions,
} from './sudden-gains.js';
import {
  countIntervals,
  defineCrit1Cutoff,
  selectCasesByMinSessions,
  selectCasesByPattern,
} from './sudden-gains-cases.js';
import { describeSuddenGains, listSuddenGains, selectGainPerPerson } from './sudden-gains-tables.js';

const compat: SuddenGainOptions = { ...DEFAULT_SUDDEN_GAIN_OPTIONS, mode: 'suddengains' };
const loss: SuddenGainOptions = { ...compat, kind: 'loss', cutoff: -7 };

function flagsOf(rows: (number | null)[][], options: SuddenGainOptions): number[][] {
  const result = identifySuddenGains(scoreMatrix(rows), options);
  if (!result.ok) throw new Error(result.error.message);
  const { flags, intervals } = result.value;
  return rows.map((_, r) => Array.from(flags.subarray(r * intervals, (r + 1) * intervals)));
}

function run(data: ScoreMatrix, options: SuddenGainOptions): SuddenGainFlags {
  const result = identifySuddenGains(data, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** sgdata (suddengains 0.7.2, MIT): columns bdi_s1..bdi_s12 (or from bdi_s0), rows sorted by id. */
function sgdata(firstColumn = 'bdi_s1', lastColumn = 'bdi_s12'): ScoreMatrix {
  const [header = '', ...lines] = readFileSync(new URL('./fixtures/sgdata.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const names = header.split(',');
  const from = names.indexOf(firstColumn);
  const to = names.indexOf(lastColumn);
  return scoreMatrix(
    lines.map((line) =>
      line
        .split(',')
        .slice(from, to + 1)
        .map((cell) => (cell === 'NA' ? null : Number(cell))),
    ),
  );
}

// The 18-case fixture of suddengains' test-create_bysg.R and test-create_byperson.R (bdi_s1..bdi_s12).
const NA = null;
const bysgFixture = [
  [35, 37, 34, 23, 24, 21, 29, 17, 11, 11, 10, 7],
  [26, NA, 26, NA, 27, 17, 19, 11, 10, 3, NA, 7],
  [35, 38, 35, 37, 36, 37, NA, 35, 26, 24, NA, 19],
  [31, 30, 32, 22, 22, 20, 21, 19, 24, 33, 30, 28],
  [39, 37, 36, 26, 26, 23, 21, 19, 6, 7, 8, 8],
  [37, NA, 23, NA, 23, 21, NA, NA, 19, NA, 16, 13],
  [37, NA, 23, 21, NA, 21, NA, NA, NA, NA, NA, 20],
  [41, 37, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA],
  [35, 34, 32, 23, 24, 22, 21, 17, 14, 10, 13, 11],
  [35, 35, 25, 25, 17, 17, 16, 16, 11, 9, 7, 8],
  [40, NA, 36, 37, 36, 37, NA, 34, 26, 25, NA, 19],
  [38, 38, 31, 23, 21, 22, 24, 25, 30, 31, NA, 25],
  [34, 33, 36, 23, 25, 23, 19, 18, 10, 9, 8, 9],
  [39, 37, 23, NA, 23, 21, NA, NA, 21, NA, 16, 14],
  [28, 19, 23, 12, 13, NA, 13, NA, NA, NA, NA, 22],
  [25, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, 20],
  [41, 37, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA],
  [NA, 38, 35, 24, NA, 22, 17, 16, NA, 9, 11, 13],
];

describe('identifySuddenGains (suddengains test-identify_sg.R, df1)', () => {
  const df1 = [
    [28, 19, 23, 12, 13, NA],
    [28, 19, 23, 11, 12, NA],
    [28, 19, NA, 12, 13, NA],
    [28, 19, 23, 12, 13, NA],
    [28, 19, 23, 12, 14, NA],
    [28, 19, NA, 12, 13, NA],
    [28, 19, 23, 11, 12, NA],
    [28, 25, 28, 11, 12, NA],
    [28, 26, 28, 11, 12, NA],
    [NA, 26, 28, NA, 12, 11],
  ];
  const expected = [
    [0, 0, -1],
    [0, 1, -1],
    [-1, -1, -1],
    [0, 0, -1],
    [0, 0, -1],
    [-1, -1, -1],
    [0, 1, -1],
    [0, 1, -1],
    [0, 1, -1],
    [-1, -1, -1],
  ];

  it('reproduces the package expectations in suddengains mode', () => {
    expect(flagsOf(df1, compat)).toEqual(expected);
  });

  it('gives the same verdicts in Rapport mode, where no criterion-3-only quirk applies', () => {
    expect(flagsOf(df1, DEFAULT_SUDDEN_GAIN_OPTIONS)).toEqual(expected);
  });

  it('decides the knife-edge pair on criterion 3: id 2 (11.83 > 3.182 × 3.704) gains, id 1 (10.83) does not', () => {
    const id2 = explainInterval(scoreMatrix([df1[1] ?? []]), 0, 1, compat);
    expect(id2.crit3).toBe('met');
    expect(id2.crit3Numbers?.meanPre).toBeCloseTo(23.333, 3);
    expect(id2.crit3Numbers?.meanPost).toBeCloseTo(11.5, 3);
    expect(id2.crit3Numbers?.criticalValue).toBeCloseTo(3.182446305, 8);
    expect(id2.crit3Numbers?.pooledSd).toBeCloseTo(3.704, 3);
    const id1 = explainInterval(scoreMatrix([df1[0] ?? []]), 0, 1, compat);
    expect(id1.crit3).toBe('not-met');
    expect(id1.flag).toBe(0);
  });

  it('names the intervals sg_2to3 … by default and sg_1to2 … with a baseline column', () => {
    const data = scoreMatrix(df1);
    expect(run(data, compat).names).toEqual(['sg_2to3', 'sg_3to4', 'sg_4to5']);
    expect(run(data, { ...compat, firstIsBaseline: true }).names).toEqual(['sg_1to2', 'sg_2to3', 'sg_3to4']);
    expect(run(data, loss).names).toEqual(['sl_2to3', 'sl_3to4', 'sl_4to5']);
  });
});

describe('identifySuddenGains (suddengains df2 tests)', () => {
  it('finds each gain in its interval', () => {
    expect(
      flagsOf(
        [
          [35, 37, 23, 23, 24, 21],
          [35, 37, 34, 24, 24, 21],
          [35, 37, 34, 34, 24, 21],
          [35, 37, 34, 37, 37, 37],
        ],
        compat,
      ),
    ).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it('finds each loss in its interval (identify_sl, crit1 = −7)', () => {
    const rows = [
      [10, 11, 12, 30, 28, 33],
      [10, 11, 12, 10, 28, 33],
      [10, 11, 30, 30, 28, 33],
      [35, 37, 34, 23, 24, 21],
    ];
    const expected = [
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 0],
    ];
    expect(flagsOf(rows, loss)).toEqual(expected);
    // Rapport takes the size of the cut-off and reads criterion 2 as a rise of 25 %.
    expect(flagsOf(rows, { ...DEFAULT_SUDDEN_GAIN_OPTIONS, kind: 'loss', cutoff: 7 })).toEqual(expected);
  });
});

describe('options', () => {
  it('refuses to run with every criterion switched off', () => {
    const result = identifySuddenGains(scoreMatrix([[1, 2, 3, 4]]), {
      ...compat,
      cutoff: null,
      pct: null,
      crit3: { enabled: false },
    });
    expect(result.ok).toBe(false);
  });

  it('refuses fewer than four sessions', () => {
    expect(identifySuddenGains(scoreMatrix([[1, 2, 3]]), compat).ok).toBe(false);
  });

  it('refuses an alpha outside (0, 1)', () => {
    expect(
      identifySuddenGains(scoreMatrix([[1, 2, 3, 4]]), { ...compat, crit3: { enabled: true, adjust: true, alpha: 1 } })
        .ok,
    ).toBe(false);
  });

  it('uses one critical value for every comparison without adjustment', () => {
    // id 2 of df1 has 5 scores around 3→4: adjusted cv 3.182 flags it, a fixed 4 does not.
    const row = [[28, 19, 23, 11, 12, NA]];
    expect(flagsOf(row, { ...compat, crit3: { enabled: true, adjust: false, criticalValue: 2.776 } })[0]?.[1]).toBe(1);
    expect(flagsOf(row, { ...compat, crit3: { enabled: true, adjust: false, criticalValue: 4 } })[0]?.[1]).toBe(0);
  });

  it('uses the α = .01 critical values when asked', () => {
    const reasons = explainInterval(scoreMatrix([[35, 37, 34, 23, 24, 21]]), 0, 1, {
      ...compat,
      crit3: { enabled: true, adjust: true, alpha: 0.01 },
    });
    expect(reasons.crit3Numbers?.criticalValue).toBeCloseTo(4.604094871, 8);
  });
});

describe('the fast pass agrees with explainInterval', () => {
  it('gives every interval the verdict its reasons give, for every option and missing pattern', () => {
    // A seeded generator: scores (some fractional), about a third missing, 4 to 9 sessions.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const crit3s: SuddenGainOptions['crit3'][] = [
      { enabled: false },
      { enabled: true, adjust: true, alpha: 0.05 },
      { enabled: true, adjust: false, criticalValue: 1.5 },
    ];
    let compared = 0;
    for (let columns = 4; columns <= 9; columns++) {
      const rows = Array.from({ length: 60 }, () =>
        Array.from({ length: columns }, () =>
          next() < 0.3 ? null : next() < 0.5 ? Math.floor(next() * 40) : next() * 40,
        ),
      );
      const data = scoreMatrix(rows);
      for (const kind of ['gain', 'loss'] as const) {
        for (const mode of ['rapport', 'suddengains'] as const) {
          for (const cutoff of [null, 7, -3]) {
            for (const pct of [null, 0.25]) {
              for (const crit3 of crit3s) {
                const options: SuddenGainOptions = { kind, mode, cutoff, pct, crit3, firstIsBaseline: false };
                const result = identifySuddenGains(data, options);
                if (!result.ok) continue;
                const { flags, intervals } = result.value;
                for (let r = 0; r < data.rows; r++) {
                  for (let i = 0; i < intervals; i++) {
                    expect(flags[r * intervals + i]).toBe(explainInterval(data, r, i, options).flag);
                    compared++;
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });
});

describe('sgdata (suddengains describe_sg tests)', () => {
  const data = sgdata();
  const flags = run(data, compat);
  const gains = listSuddenGains(data, flags, compat);

  it('finds 24 sudden gains in 15 people with crit1 = 7', () => {
    expect(gains).toHaveLength(24);
    expect(new Set(gains.map((g) => g.row)).size).toBe(15);
  });

  it('describes the bysg table as the package does', () => {
    expect(describeSuddenGains(gains, { kind: 'bysg' })).toEqual({
      totalN: 24,
      sgTotalN: 24,
      sgN: null,
      sgPct: 100,
      sgMultipleN: null,
      sgMultiplePct: 70.83,
      sgReversalN: 4,
      sgReversalPct: 16.67,
      sgMagnitudeM: 11,
      sgMagnitudeSd: 3.43,
    });
  });

  it('describes the byperson table (first gain) as the package does', () => {
    const selected = [...selectGainPerPerson(gains, 'first', 'suddengains').values()];
    expect(describeSuddenGains(gains, { kind: 'byperson', people: data.rows, selected })).toEqual({
      totalN: 43,
      sgTotalN: 24,
      sgN: 15,
      sgPct: 34.88,
      sgMultipleN: 8,
      sgMultiplePct: 18.6,
      sgReversalN: 3,
      sgReversalPct: 20,
      sgMagnitudeM: 11.4,
      sgMagnitudeSd: 3.98,
    });
  });

  it('lets criterion 3 alone flag intervals with a missing pre or post score only in suddengains mode (quirk Q3)', () => {
    const crit3Only = { cutoff: null, pct: null } as const;
    const quirky = run(data, { ...compat, ...crit3Only });
    const fixed = run(data, { ...DEFAULT_SUDDEN_GAIN_OPTIONS, ...crit3Only });
    const analysable = (f: SuddenGainFlags): number => f.flags.filter((x) => x !== -1).length;
    expect(analysable(quirky)).toBe(315);
    expect(analysable(fixed)).toBe(298);
    expect(analysable(flags)).toBe(298);
    const flaggedWithMissing: string[] = [];
    for (let r = 0; r < data.rows; r++) {
      for (let i = 0; i < quirky.intervals; i++) {
        const reasons = explainInterval(data, r, i, { ...compat, ...crit3Only });
        if (reasons.flag === 1 && reasons.change === null) flaggedWithMissing.push(`${r + 1} ${quirky.names[i]}`);
      }
    }
    expect(flaggedWithMissing.sort()).toEqual(['18 sg_9to10', '23 sg_4to5', '23 sg_5to6']);
  });

  it('makes criterion 2 for losses almost always true with +25 % in suddengains mode (quirk Q1)', () => {
    let met = 0;
    let judged = 0;
    for (let r = 0; r < data.rows; r++) {
      for (let i = 0; i < 9; i++) {
        const reasons = explainInterval(data, r, i, loss);
        if (reasons.crit2 !== 'missing') judged++;
        if (reasons.crit2 === 'met') met++;
      }
    }
    expect([met, judged]).toEqual([260, 304]);
    // −25 % in suddengains mode and +25 % in Rapport mode find the same 3 losses.
    const count = (o: SuddenGainOptions): number => run(data, o).flags.filter((x) => x === 1).length;
    expect(count({ ...loss, pct: -0.25 })).toBe(3);
    expect(count({ ...DEFAULT_SUDDEN_GAIN_OPTIONS, kind: 'loss', cutoff: 7 })).toBe(3);
  });
});

describe('listSuddenGains (suddengains test-create_bysg.R)', () => {
  const data = scoreMatrix(bysgFixture);
  const gains = listSuddenGains(data, run(data, compat), compat);

  it('lists the 14 gains of the fixture with their sessions and counts', () => {
    expect(gains.map((g) => `${g.row + 1}_sg_${g.sessionN}/${g.freqByPerson}`)).toEqual([
      '1_sg_3/2',
      '1_sg_7/2',
      '3_sg_8/1',
      '4_sg_3/1',
      '5_sg_3/2',
      '5_sg_8/2',
      '9_sg_3/1',
      '10_sg_2/2',
      '10_sg_4/2',
      '12_sg_3/1',
      '13_sg_3/2',
      '13_sg_8/2',
      '14_sg_2/1',
      '18_sg_3/1',
    ]);
  });

  it('computes the descriptives of each gain', () => {
    const table = gains.map((g) => [
      ...g.around,
      g.magnitude,
      g.txChange,
      g.changeProportion === null ? null : Number(g.changeProportion.toFixed(12)),
      g.reversalValue,
      g.reversal ? 1 : 0,
    ]);
    const p = (x: number): number => Number(x.toFixed(12));
    expect(table).toEqual([
      [35, 37, 34, 23, 24, 21, 11, 28, p(0.39285714285714285), 28.5, 1],
      [24, 21, 29, 17, 11, 11, 12, 28, p(0.42857142857142855), 23, 0],
      [37, NA, 35, 26, 24, NA, 9, 16, 0.5625, 30.5, 0],
      [31, 30, 32, 22, 22, 20, 10, 3, p(3.3333333333333335), 27, 1],
      [39, 37, 36, 26, 26, 23, 10, 31, p(0.3225806451612903), 31, 0],
      [23, 21, 19, 6, 7, 8, 13, 31, p(0.41935483870967744), 12.5, 0],
      [35, 34, 32, 23, 24, 22, 9, 24, 0.375, 27.5, 0],
      [NA, 35, 35, 25, 25, 17, 10, 27, p(0.37037037037037035), 30, 0],
      [35, 25, 25, 17, 17, 16, 8, 27, p(0.2962962962962963), 21, 0],
      [38, 38, 31, 23, 21, 22, 8, 13, p(0.6153846153846154), 27, 1],
      [34, 33, 36, 23, 25, 23, 13, 25, 0.52, 29.5, 0],
      [23, 19, 18, 10, 9, 8, 8, 25, 0.32, 14, 0],
      [NA, 39, 37, 23, NA, 23, 14, 25, 0.56, 30, 0],
      [NA, 38, 35, 24, NA, 22, 11, NA, NA, 29.5, 0],
    ]);
  });
});

describe('selectGainPerPerson (suddengains test-create_byperson.R)', () => {
  const data = scoreMatrix(bysgFixture);
  const gains = listSuddenGains(data, run(data, compat), compat);
  const picked = (select: 'first' | 'last' | 'smallest' | 'largest'): string[] =>
    [...selectGainPerPerson(gains, select, 'suddengains').values()].map((g) => `${g.row + 1}_sg_${g.sessionN}`);

  it('picks the first gain of each person', () => {
    expect(picked('first')).toEqual([
      '1_sg_3',
      '3_sg_8',
      '4_sg_3',
      '5_sg_3',
      '9_sg_3',
      '10_sg_2',
      '12_sg_3',
      '13_sg_3',
      '14_sg_2',
      '18_sg_3',
    ]);
  });

  it('picks the largest gain, ties to the earliest', () => {
    expect(picked('largest')).toEqual([
      '1_sg_7',
      '3_sg_8',
      '4_sg_3',
      '5_sg_8',
      '9_sg_3',
      '10_sg_2',
      '12_sg_3',
      '13_sg_3',
      '14_sg_2',
      '18_sg_3',
    ]);
  });

  it('picks the last and the smallest gain', () => {
    expect(picked('last').slice(0, 4)).toEqual(['1_sg_7', '3_sg_8', '4_sg_3', '5_sg_8']);
    expect(picked('smallest').slice(0, 4)).toEqual(['1_sg_3', '3_sg_8', '4_sg_3', '5_sg_3']);
  });

  it('picks the loss nearest zero as "largest" in suddengains mode but the biggest loss in Rapport mode (quirk Q4)', () => {
    const rows = [[10, 11, 12, 30, 30, 31, 20, 20, 20, 40, 41, 42]];
    const m = scoreMatrix(rows);
    const lossRapport: SuddenGainOptions = { ...DEFAULT_SUDDEN_GAIN_OPTIONS, kind: 'loss', cutoff: 7, pct: 0.25 };
    const ls = listSuddenGains(m, run(m, lossRapport), lossRapport);
    expect(ls.map((g) => g.magnitude)).toEqual([-18, -20]);
    expect(selectGainPerPerson(ls, 'largest', 'suddengains').get(0)?.magnitude).toBe(-18);
    expect(selectGainPerPerson(ls, 'largest', 'rapport').get(0)?.magnitude).toBe(-20);
  });
});

describe('reversals (quirk Q2)', () => {
  // 40, 40, 40, 10, then a spike of 26 (above the reversal value 25) at n+2, n+3 or n+4.
  const rows = [
    [40, 40, 40, 10, 26, 10, 10, 10],
    [40, 40, 40, 10, 10, 26, 10, 10],
    [40, 40, 40, 10, 10, 10, 26, 10],
  ];
  const data = scoreMatrix(rows);
  const reversals = (o: SuddenGainOptions): number[] =>
    listSuddenGains(data, run(data, o), o, {}).map((g) => (g.reversal ? 1 : 0));

  it('ignores a rebound at n+2 in suddengains default numbering', () => {
    expect(reversals(compat)).toEqual([0, 1, 1]);
  });

  it('counts a rebound at n+2 with a baseline column in suddengains mode', () => {
    expect(reversals({ ...compat, firstIsBaseline: true })).toEqual([1, 1, 1]);
  });

  it('counts every session after the postgain one in Rapport mode', () => {
    expect(reversals(DEFAULT_SUDDEN_GAIN_OPTIONS)).toEqual([1, 1, 1]);
  });
});

describe('select cases (suddengains test-select_cases.R)', () => {
  const data = scoreMatrix([
    [NA, 10, 10, 10, 10, NA],
    [NA, 10, 10, 10, NA, 10],
    [10, NA, 10, 10, 10, NA],
    [10, NA, 10, 10, 10, 10],
    [10, NA, NA, 10, 10, 10],
    [10, NA, NA, NA, NA, 10],
    [10, 10, 10, 10, 10, 10],
  ]);

  it('selects by availability pattern', () => {
    expect(selectCasesByPattern(data)).toEqual([true, true, true, true, false, false, true]);
  });

  it('selects by a minimum number of sessions', () => {
    expect(selectCasesByMinSessions(data, 5)).toEqual([false, false, false, true, false, false, true]);
  });
});

describe('countIntervals (suddengains test-count_intervals.R)', () => {
  // bdi_s0, s1, s2, s3, s4, s5, s7, s8: the package's list names bdi_s7 twice (quirk Q5).
  const data = scoreMatrix([
    [33, 35, 37, 34, 10, 10, 35, 35],
    [26, 26, NA, 26, NA, 27, 31, 30],
  ]);
  const counting = { ...compat, cutoff: 1 };

  it('counts with a baseline column', () => {
    const flags = run(data, { ...counting, firstIsBaseline: true });
    expect(countIntervals(flags, { firstIsBaseline: true, columns: 8, listedVariables: 9 })).toEqual({
      total: 16,
      totalTestable: 14,
      available: 6,
      notAvailable: 4,
    });
  });

  it('counts without a baseline column', () => {
    const flags = run(data, counting);
    expect(countIntervals(flags, { firstIsBaseline: false, columns: 8, listedVariables: 9 })).toEqual({
      total: 16,
      totalTestable: 12,
      available: 6,
      notAvailable: 4,
    });
  });
});

describe('defineCrit1Cutoff (suddengains test-define_crit1_cutoff.R)', () => {
  it('computes the reliable-change cut-off from a given SD', () => {
    const c = defineCrit1Cutoff({ sd: 10.5, reliability: 0.961 });
    expect(c.standardError).toBeCloseTo(2.073584, 3);
    expect(c.standardErrorOfDifference).toBeCloseTo(2.93249, 3);
    expect(c.reliableChangeValue).toBeCloseTo(5.747681, 3);
  });

  it('computes it from the SD of sgdata bdi_s0', () => {
    const s0 = sgdata('bdi_s0', 'bdi_s0');
    const xs = Array.from(s0.values).filter((v) => !Number.isNaN(v));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    const c = defineCrit1Cutoff({ sd, reliability: 0.931 });
    expect(c.sd).toBeCloseTo(6.396073, 3);
    expect(c.standardError).toBeCloseTo(1.680111, 3);
    expect(c.standardErrorOfDifference).toBeCloseTo(2.376036, 3);
    expect(c.reliableChangeValue).toBeCloseTo(4.65703, 3);
  });
});
