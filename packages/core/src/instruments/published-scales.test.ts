import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from './model.js';
import { parseInstrumentDefinition } from './parse-definition.js';
import { scoreResponse, type ScoreSet } from './score.js';

function load(id: string): InstrumentDefinition {
  const url = new URL(`../../../../content/instruments/${id}/instrument.json`, import.meta.url);
  const parsed = parseInstrumentDefinition(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Answers item-1..item-n with the given option codes (a number gives the same code to all). */
function answers(codes: readonly (string | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  codes.forEach((c, i) => {
    if (c !== undefined) out[`item-${String(i + 1)}`] = c;
  });
  return out;
}
const same = (n: number, code: string): string[] => Array.from({ length: n }, () => code);

/** Answers whose forward-keyed item scores sum to `total` (fills from item 1 upwards). */
function summingTo(n: number, max: number, total: number): string[] {
  return Array.from({ length: n }, (_, i) => String(Math.max(0, Math.min(max, total - i * max))));
}

function scored(
  def: InstrumentDefinition,
  raw: Record<string, string>,
  audience = def.versions[0]?.audience,
): ScoreSet {
  const result = scoreResponse(def, audience ?? 'adult', raw);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error.problems)}`);
  return result.value;
}

describe('PHQ-9 (Kroenke, Spitzer & Williams 2001)', () => {
  const phq9 = load('phq-9');

  it('scores all-minimum as 0 (minimal) and all-maximum as 27 (severe)', () => {
    expect(scored(phq9, answers(same(9, '0'))).total?.value).toBe(0);
    expect(scored(phq9, answers(same(9, '0'))).band?.id).toBe('minimal');
    const max = scored(phq9, answers(same(9, '3')));
    expect(max.total).toEqual({ value: 27, range: { min: 0, max: 27 } });
    expect(max.band?.id).toBe('severe');
  });

  it.each([
    [4, 'minimal', 'not-clinical'],
    [5, 'mild', 'not-clinical'],
    [9, 'mild', 'not-clinical'],
    [10, 'moderate', 'clinical'],
    [11, 'moderate', 'clinical'],
    [14, 'moderate', 'clinical'],
    [15, 'moderately-severe', 'clinical'],
    [19, 'moderately-severe', 'clinical'],
    [20, 'severe', 'clinical'],
  ])('a total of %i is %s and %s at the cut-off of 10', (total, band, status) => {
    // Item 9 stays at 0 so the boundary vectors do not mix in the risk flag.
    const codes = summingTo(8, 3, total).concat('0');
    const s = scored(phq9, answers(codes));
    expect(s.total?.value).toBe(total);
    expect(s.band?.id).toBe(band);
    expect(s.cutOffs).toEqual([expect.objectContaining({ id: 'major-depression', status })]);
    expect(s.reliableChange?.value).toBe(6);
  });

  it('raises the risk flag when item 9 is above 0, and only then', () => {
    expect(scored(phq9, answers(same(9, '0'))).flags).toEqual([]);
    const flagged = scored(phq9, answers([...same(8, '0'), '1']));
    expect(flagged.flags).toEqual([
      expect.objectContaining({ id: 'self-harm-thoughts', kind: 'risk', itemIds: ['item-9'] }),
    ]);
  });

  it('keeps a response with a missing item as a draft (no prorating), yet still raises the risk flag', () => {
    const result = scoreResponse(phq9, 'adult', answers([undefined, ...same(7, '1'), '2']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('incomplete');
    expect(result.error.fields).toEqual({ 'item-1': 'Please answer this question.' });
    expect(result.error.flags.map((f) => f.id)).toEqual(['self-harm-thoughts']);
  });

  it('does not need the unscored difficulty question, and keeps it when given', () => {
    const s = scored(phq9, { ...answers(same(9, '1')), difficulty: '2' });
    expect(s.total?.value).toBe(9);
    expect(s.answers['difficulty']).toEqual({ kind: 'option', code: '2' });
  });

  it('refuses an unknown option, an out-of-range value and an unknown question with client-readable messages', () => {
    const result = scoreResponse(phq9, 'adult', { ...answers([...same(8, '0'), '4']), 'item-99': '1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('invalid');
    expect(result.error.fields).toEqual({
      'item-9': 'Please choose one of the answers shown.',
      'item-99': 'This is not a question on this form.',
    });
  });
});

describe('GAD-7 (Spitzer et al. 2006)', () => {
  const gad7 = load('gad-7');

  it('scores all-minimum 0 and all-maximum 21', () => {
    expect(scored(gad7, answers(same(7, '0'))).total?.value).toBe(0);
    expect(scored(gad7, answers(same(7, '3'))).total?.value).toBe(21);
    expect(scored(gad7, answers(same(7, '3'))).band?.label).toBe('Severe');
  });

  it.each([
    [7, 'mild', 'not-clinical', 'not-clinical'],
    [8, 'mild', 'clinical', 'not-clinical'],
    [9, 'mild', 'clinical', 'not-clinical'],
    [10, 'moderate', 'clinical', 'clinical'],
    [11, 'moderate', 'clinical', 'clinical'],
    [4, 'minimal', 'not-clinical', 'not-clinical'],
    [5, 'mild', 'not-clinical', 'not-clinical'],
    [14, 'moderate', 'clinical', 'clinical'],
    [15, 'severe', 'clinical', 'clinical'],
  ])('a total of %i is %s; IAPT caseness (8) %s; GAD cut-off (10) %s', (total, band, iapt, gad) => {
    const s = scored(gad7, answers(summingTo(7, 3, total)));
    expect(s.total?.value).toBe(total);
    expect(s.band?.id).toBe(band);
    expect(s.cutOffs.map((c) => [c.id, c.status])).toEqual([
      ['iapt-caseness', iapt],
      ['generalised-anxiety', gad],
    ]);
  });

  it('keeps an incomplete response as a draft', () => {
    const result = scoreResponse(gad7, 'adult', answers(same(6, '1')));
    expect(result.ok ? 'scored' : result.error.reason).toBe('incomplete');
  });
});

describe('CORE-10 (Barkham et al. 2013; CORE-10 User Manual)', () => {
  const core10 = load('core-10');
  // Items 2 and 3 are reverse-scored: answering "Not at all" (code 0) scores 4 there.
  const forwardZero = ['0', '4', '4', '0', '0', '0', '0', '0', '0', '0'];
  const forwardFour = ['4', '0', '0', '4', '4', '4', '4', '4', '4', '4'];

  it('scores the all-minimum distress pattern 0 and the all-maximum 40, reversing items 2 and 3', () => {
    expect(scored(core10, answers(forwardZero)).total?.value).toBe(0);
    expect(scored(core10, answers(forwardFour)).total?.value).toBe(40);
    // Every answer "Not at all": 0 on eight items plus 4 + 4 on the reversed ones.
    expect(scored(core10, answers(same(10, '0'))).total?.value).toBe(8);
  });

  it.each([
    [5, 'healthy', 'not-clinical'],
    [6, 'low', 'not-clinical'],
    [10, 'low', 'not-clinical'],
    [11, 'mild', 'clinical'],
    [12, 'mild', 'clinical'],
    [15, 'moderate', 'clinical'],
    [20, 'moderate-severe', 'clinical'],
    [24, 'moderate-severe', 'clinical'],
    [25, 'severe', 'clinical'],
  ])('a clinical score of %i is %s and %s at the cut-off of 11', (total, band, status) => {
    const codes = [...forwardZero];
    let left = total;
    for (const i of [0, 3, 4, 6, 7, 8, 9, 5]) {
      const take = Math.min(4, left);
      codes[i] = String(take);
      left -= take;
    }
    const s = scored(core10, answers(codes));
    expect(s.total?.value).toBe(total);
    expect(s.band?.id).toBe(band);
    expect(s.cutOffs[0]).toEqual(expect.objectContaining({ id: 'clinical', status }));
  });

  it('prorates one missing item (10 × total ÷ 9) and says so', () => {
    const codes: (string | undefined)[] = [...forwardZero];
    codes[0] = undefined;
    codes[3] = '3';
    codes[4] = '3';
    codes[6] = '3';
    const s = scored(core10, answers(codes));
    expect(s.total?.value).toBeCloseTo((9 * 10) / 9, 10);
    expect(s.missing).toEqual({ rule: 'prorated', missingItems: ['item-1'], maxMissing: 1 });
  });

  it('prorates a missing reversed item from the reversed scores', () => {
    const codes: (string | undefined)[] = [...forwardZero];
    codes[1] = undefined;
    codes[2] = '2'; // reversed: scores 2
    const s = scored(core10, answers(codes));
    expect(s.total?.value).toBeCloseTo((2 * 10) / 9, 10);
  });

  it('keeps two missing items as a draft', () => {
    const codes: (string | undefined)[] = [...forwardZero];
    codes[0] = undefined;
    codes[1] = undefined;
    const result = scoreResponse(core10, 'adult', answers(codes));
    expect(result.ok ? 'scored' : result.error.reason).toBe('incomplete');
  });

  it('raises the risk flag on item 6 ("I made plans to end my life") above 0', () => {
    const codes = [...forwardZero];
    codes[5] = '1';
    expect(scored(core10, answers(codes)).flags.map((f) => f.id)).toEqual(['plans-to-end-life']);
  });
});

describe('YP-CORE (Twigg et al. 2009, 2016)', () => {
  const yp = load('yp-core');
  const forwardZero = ['0', '0', '4', '0', '4', '0', '0', '0', '0', '4'];

  it('scores 0 and 40 at the extremes, reversing items 3, 5 and 10', () => {
    expect(scored(yp, answers(forwardZero)).total?.value).toBe(0);
    expect(scored(yp, answers(['4', '4', '0', '4', '0', '4', '4', '4', '4', '0'])).total?.value).toBe(40);
  });

  it('reads cut-offs by age and sex band, and asks for them when unknown', () => {
    const codes = [...forwardZero];
    codes[0] = '4';
    codes[1] = '4';
    codes[5] = '2';
    codes[6] = '1'; // 11: above the boys 11–13 cut-off (10.3), below the girls 11–13 one (14.4)
    const raw = answers(codes);
    const boy = scoreResponse(yp, 'young-person', raw, { age: 12, sex: 'male' });
    const girl = scoreResponse(yp, 'young-person', raw, { age: 12, sex: 'female' });
    const unknown = scoreResponse(yp, 'young-person', raw);
    expect(boy.ok && boy.value.cutOffs.map((c) => [c.id, c.status])).toEqual([['csc-boys-11-13', 'clinical']]);
    expect(girl.ok && girl.value.cutOffs.map((c) => [c.id, c.status])).toEqual([['csc-girls-11-13', 'not-clinical']]);
    expect(unknown.ok && unknown.value.cutOffs.every((c) => c.status === 'population-unknown')).toBe(true);
    expect(unknown.ok && unknown.value.cutOffs).toHaveLength(4);
  });

  it.each([
    [10, 12, 'male', 'not-clinical'],
    [11, 12, 'male', 'clinical'],
    [14, 15, 'male', 'not-clinical'],
    [15, 15, 'male', 'clinical'],
    [14, 12, 'female', 'not-clinical'],
    [15, 12, 'female', 'clinical'],
    [15, 15, 'female', 'not-clinical'],
    [16, 15, 'female', 'clinical'],
  ] as const)('a clinical score of %i at age %i (%s) is %s', (total, age, sex, status) => {
    const codes = [...forwardZero];
    let left = total;
    for (const i of [0, 1, 5, 6, 7, 8]) {
      const take = Math.min(4, left);
      codes[i] = String(take);
      left -= take;
    }
    const result = scoreResponse(yp, 'young-person', answers(codes), { age, sex });
    expect(result.ok && result.value.total?.value).toBe(total);
    expect(result.ok && result.value.cutOffs.map((c) => c.status)).toEqual([status]);
  });

  it('prorates one missing item and refuses two', () => {
    const one: (string | undefined)[] = [...forwardZero];
    one[0] = undefined;
    one[1] = '3';
    expect(scored(yp, answers(one), 'young-person').total?.value).toBeCloseTo(30 / 9, 10);
    const two = [...one];
    two[1] = undefined;
    const result = scoreResponse(yp, 'young-person', answers(two));
    expect(result.ok ? 'scored' : result.error.reason).toBe('incomplete');
  });

  it('raises the risk flag on item 4 above 0', () => {
    const codes = [...forwardZero];
    codes[3] = '2';
    expect(scored(yp, answers(codes), 'young-person').flags.map((f) => f.kind)).toEqual(['risk']);
  });

  it('ships no item wording: the version is import-only', () => {
    expect(yp.versions.map((v) => v.content.kind)).toEqual(['import-only']);
  });
});
