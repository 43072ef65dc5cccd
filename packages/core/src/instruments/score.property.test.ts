import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from './model.js';
import { parseInstrumentDefinition } from './parse-definition.js';
import { scoreResponse } from './score.js';

function load(id: string): InstrumentDefinition {
  const url = new URL(`../../../../content/instruments/${id}/instrument.json`, import.meta.url);
  const parsed = parseInstrumentDefinition(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const likertScales = ['phq-9', 'gad-7', 'core-10', 'yp-core'].map(load);

/** Arbitrary complete answers (option codes) for an instrument whose scored items are all Likert. */
function completeAnswers(def: InstrumentDefinition): fc.Arbitrary<Record<string, string>> {
  const scored = def.scoring.kind === 'total' ? def.scoring.items : [];
  return fc.record(
    Object.fromEntries(
      scored.map((id) => {
        const item = def.items.find((i) => i.id === id);
        const codes = item?.response.kind === 'likert' ? item.response.options.map((o) => o.code) : ['0'];
        return [id, fc.constantFrom(...codes)];
      }),
    ),
  );
}

describe.each(likertScales.map((d) => [d.id, d] as const))('%s scoring invariants', (_id, def) => {
  const audience = def.versions[0]?.audience ?? 'adult';

  it('every complete response scores within the published range', () => {
    fc.assert(
      fc.property(completeAnswers(def), (answers) => {
        const result = scoreResponse(def, audience, answers);
        expect(result.ok).toBe(true);
        if (!result.ok || !result.value.total) return;
        const { value, range } = result.value.total;
        expect(value).toBeGreaterThanOrEqual(range.min);
        expect(value).toBeLessThanOrEqual(range.max);
      }),
    );
  });

  it('moving one answer towards more distress never lowers the score or the severity band', () => {
    fc.assert(
      fc.property(completeAnswers(def), fc.nat(), (answers, pick) => {
        const ids = Object.keys(answers);
        const id = ids[pick % ids.length] ?? '';
        const reversed = def.scoring.kind === 'total' && def.scoring.reverse.includes(id);
        const code = Number(answers[id]);
        const worse = reversed ? code - 1 : code + 1;
        const response = def.items.find((i) => i.id === id)?.response;
        const codes = response?.kind === 'likert' ? response.options.map((o) => o.code) : [];
        // Published Likert codes are the positions 0…n−1 in the order shown.
        if (!codes.includes(String(worse))) return;
        const before = scoreResponse(def, audience, answers);
        const after = scoreResponse(def, audience, { ...answers, [id]: String(worse) });
        if (!before.ok || !after.ok) throw new Error('complete answers must score');
        expect(after.value.total?.value ?? 0).toBeGreaterThan(before.value.total?.value ?? 0);
        const bands = def.interpretation.kind === 'published' ? def.interpretation.bands.map((b) => b.id) : [];
        expect(bands.indexOf(after.value.band?.id ?? '')).toBeGreaterThanOrEqual(
          bands.indexOf(before.value.band?.id ?? ''),
        );
      }),
    );
  });

  it('follows its own missing-item rule: within the allowance it prorates, beyond it it keeps a draft', () => {
    const allowed =
      def.scoring.kind === 'total' && def.scoring.missing.kind === 'prorate' ? def.scoring.missing.maxMissing : 0;
    fc.assert(
      fc.property(completeAnswers(def), fc.integer({ min: 1, max: 4 }), (answers, drop) => {
        const kept = Object.entries(answers).slice(drop);
        const result = scoreResponse(def, audience, Object.fromEntries(kept));
        if (drop <= allowed) {
          expect(result.ok && result.value.missing.rule).toBe('prorated');
          // Prorating a sum keeps the answered items' mean: total / n equals the mean of the items given.
          if (result.ok && result.value.total && def.scoring.kind === 'total') {
            expect(result.value.total.value).toBeLessThanOrEqual(result.value.total.range.max);
          }
        } else {
          expect(result.ok ? 'scored' : result.error.reason).toBe('incomplete');
        }
      }),
    );
  });
});
