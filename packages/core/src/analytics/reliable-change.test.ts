import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicalCutoff } from './clinical-cutoff.js';
import { classifyChange } from './clinical-significance.js';
import { normalQuantile, Z_975 } from './normal-quantile.js';
import { analyseReliableChange, type PrePost } from './reliable-change-analysis.js';
import { reliableChangeCriterion, reliableChangeIndex } from './reliable-change.js';
import { studentTQuantile } from './student-t.js';

/** Pre/post pairs from a long clinicalsignificance fixture (GPL-3+, tests only). */
function pairs(file: string, id: string, time: string, score: string, pre: string, post: string): PrePost<string>[] {
  const [header = '', ...lines] = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const names = header.split(',');
  const at = (cells: string[], name: string): string => cells[names.indexOf(name)] ?? 'NA';
  const byId = new Map<string, { pre?: number; post?: number }>();
  for (const line of lines) {
    const cells = line.split(',');
    const entry = byId.get(at(cells, id)) ?? {};
    const value = at(cells, score);
    if (value !== 'NA' && at(cells, time) === pre) entry.pre = Number(value);
    if (value !== 'NA' && at(cells, time) === post) entry.post = Number(value);
    byId.set(at(cells, id), entry);
  }
  return [...byId].flatMap(([key, e]) =>
    e.pre !== undefined && e.post !== undefined ? [{ id: key, pre: e.pre, post: e.post }] : [],
  );
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('critical values', () => {
  it('matches R qnorm', () => {
    expect(Z_975).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('matches R qt for the suddengains critical values', () => {
    const cases: [number, number, number][] = [
      [0.025, 2, 4.30265273],
      [0.025, 3, 3.182446305],
      [0.025, 4, 2.776445105],
      [0.005, 2, 9.924843201],
      [0.005, 3, 5.84090931],
      [0.005, 4, 4.604094871],
    ];
    for (const [p, df, expected] of cases) expect(Math.abs(studentTQuantile(p, df))).toBeCloseTo(expected, 8);
  });

  it('is symmetric and approaches the normal for large df', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 60 }), (p, df) => {
        expect(studentTQuantile(p, df)).toBeCloseTo(-studentTQuantile(1 - p, df), 6);
      }),
    );
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(Z_975, 5);
  });
});

describe('reliableChangeCriterion (Jacobson & Truax 1991)', () => {
  it('computes S_E, S_diff and the reliable-change value of claus_2020 (HAMD, r = .80)', () => {
    const c = value(reliableChangeCriterion({ sd: 3.340121, reliability: 0.8 }));
    expect(c.standardError).toBeCloseTo(1.493748, 5);
    expect(c.standardErrorOfDifference).toBeCloseTo(2.112478, 5);
    expect(c.reliableChangeValue).toBeCloseTo(4.1404, 4);
  });

  it('rejects a reliability outside (0, 1)', () => {
    for (const reliability of [0, 1, -0.2, 1.5, Number.NaN]) {
      expect(reliableChangeCriterion({ sd: 10, reliability }).ok).toBe(false);
    }
  });

  it('rejects a non-positive SD', () => {
    expect(reliableChangeCriterion({ sd: 0, reliability: 0.8 }).ok).toBe(false);
  });

  it('gives an RCI whose sign follows the change and whose size ignores a shift of both scores', () => {
    const c = value(reliableChangeCriterion({ sd: 5, reliability: 0.9 }));
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: -50, max: 50 }),
        (a, b, k) => {
          expect(reliableChangeIndex(a + k, b + k, c)).toBeCloseTo(reliableChangeIndex(a, b, c), 9);
          expect(Math.sign(reliableChangeIndex(a, b, c))).toBe(Math.sign(b - a));
        },
      ),
    );
  });
});

describe('clinicalCutoff', () => {
  it('computes cut-off c of claus_2020 (functional 8 ± 8)', () => {
    const c = value(
      clinicalCutoff({
        type: 'c',
        better: 'lower',
        clinical: { mean: 24.85, sd: 3.340121 },
        functional: { mean: 8, sd: 8 },
      }),
    );
    expect(c.value).toBeCloseTo(19.887, 3);
  });

  it('computes cut-off a of jacobson_1989 (higher is better): M + 2 SD', () => {
    const c = value(clinicalCutoff({ type: 'a', better: 'higher', clinical: { mean: 81.583, sd: 11.826 } }));
    expect(c.value).toBeCloseTo(105.235, 3);
  });

  it('computes cut-off b with the functional SD, or the clinical SD in clinicalsignificance mode', () => {
    const input = {
      type: 'b',
      better: 'lower',
      clinical: { mean: 30, sd: 10 },
      functional: { mean: 10, sd: 5 },
    } as const;
    expect(value(clinicalCutoff(input)).value).toBe(20);
    expect(value(clinicalCutoff({ ...input, compat: 'clinicalsignificance' })).value).toBe(30);
    expect(value(clinicalCutoff({ ...input, better: 'higher' })).value).toBe(0);
  });

  it('refuses a cut-off whose norms are missing', () => {
    expect(clinicalCutoff({ type: 'c', better: 'lower', clinical: { mean: 1, sd: 1 } }).ok).toBe(false);
    expect(clinicalCutoff({ type: 'b', better: 'lower' }).ok).toBe(false);
    expect(clinicalCutoff({ type: 'a', better: 'lower' }).ok).toBe(false);
  });
});

describe('classifyChange', () => {
  const criterion = value(reliableChangeCriterion({ sd: 10, reliability: 0.8 }));
  const cutoff = value(clinicalCutoff({ type: 'a', better: 'lower', clinical: { mean: 30, sd: 5 } })); // 20

  it('calls a reliable improvement across the cut-off recovered', () => {
    const c = classifyChange(30, 10, criterion, 'lower', cutoff);
    expect(c).toMatchObject({
      kind: 'clinical-significance',
      category: 'recovered',
      clinicalPre: true,
      functionalPost: true,
      change: -20,
    });
  });

  it('calls a reliable improvement that stays dysfunctional improved', () => {
    expect(classifyChange(45, 25, criterion, 'lower', cutoff).category).toBe('improved');
  });

  it('calls a reliable worsening from functional to dysfunctional harmed', () => {
    expect(classifyChange(10, 30, criterion, 'lower', cutoff).category).toBe('harmed');
    expect(classifyChange(30, 50, criterion, 'lower', cutoff).category).toBe('deteriorated');
  });

  it('needs a change beyond the reliable-change value, strictly', () => {
    const rcv = criterion.reliableChangeValue; // 17.53
    expect(classifyChange(40, 40 - rcv * 0.999, criterion, 'lower').category).toBe('unchanged');
    expect(classifyChange(40, 40 - rcv * 1.001, criterion, 'lower').category).toBe('improved');
    expect(classifyChange(40, 40 + rcv * 1.001, criterion, 'lower').category).toBe('deteriorated');
    expect(classifyChange(40, 40 + rcv * 1.001, criterion, 'higher').category).toBe('improved');
  });
});

describe('analyseReliableChange (clinicalsignificance test snapshots)', () => {
  it('claus_2020, HAMD 1 → 4, r = .80, JT with cut-off c: 26 recovered, 3 improved, 10 unchanged, 1 deteriorated', () => {
    const sample = pairs('data_claus_2020.csv', 'id', 'time', 'hamd', '1', '4');
    expect(sample).toHaveLength(40);
    const a = value(
      analyseReliableChange(sample, { reliability: 0.8, better: 'lower', cutoff: 'c', functional: { mean: 8, sd: 8 } }),
    );
    expect(a.clinical.mean).toBeCloseTo(24.85, 2);
    expect(a.clinical.sd).toBeCloseTo(3.340121, 5);
    expect(a.cutoff.value).toBeCloseTo(19.887, 3);
    expect(a.counts).toEqual({ recovered: 26, improved: 3, unchanged: 10, deteriorated: 1, harmed: 0 });
    // Reliable change alone: 29 improved (26 + 3), 10 unchanged, 1 deteriorated, as the JT snapshot.
  });

  it('jacobson_1989, DAS pre → post, higher is better, r = .80, cut-off a: 10/6/13/1/0', () => {
    const sample = pairs('data_jacobson_1989.csv', 'subject', 'time', 'das', 'pre', 'post');
    expect(sample).toHaveLength(30);
    const a = value(analyseReliableChange(sample, { reliability: 0.8, better: 'higher', cutoff: 'a' }));
    expect(a.clinical.mean).toBeCloseTo(81.583, 3);
    expect(a.clinical.sd).toBeCloseTo(11.826, 3);
    expect(a.criterion.standardErrorOfDifference).toBeCloseTo(7.479, 3);
    expect(a.criterion.reliableChangeValue).toBeCloseTo(14.659, 3);
    expect(a.cutoff.value).toBeCloseTo(105.23, 2);
    expect(a.counts).toEqual({ recovered: 10, improved: 6, unchanged: 13, deteriorated: 1, harmed: 0 });
  });

  it('defaults to cut-off a from the sample, or c when functional norms are given', () => {
    const sample = pairs('data_jacobson_1989.csv', 'subject', 'time', 'das', 'pre', 'post');
    expect(value(analyseReliableChange(sample, { reliability: 0.8, better: 'higher' })).cutoff.type).toBe('a');
    expect(
      value(analyseReliableChange(sample, { reliability: 0.8, better: 'higher', functional: { mean: 115, sd: 18 } }))
        .cutoff.type,
    ).toBe('c');
  });
});
