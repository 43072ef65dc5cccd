import { readdirSync, readFileSync } from 'node:fs';
import fhir from 'fhir';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from '../model.js';
import { parseInstrumentDefinition } from '../parse-definition.js';
import { scoreResponse } from '../score.js';
import { fromQuestionnaire } from './from-questionnaire.js';
import { answersFromQuestionnaireResponse } from './from-response.js';
import { RAPPORT_SCORING } from './extensions.js';
import { toQuestionnaire } from './to-questionnaire.js';
import { toObservations, toQuestionnaireResponse } from './to-response.js';

const contentDir = new URL('../../../../../content/instruments/', import.meta.url);
const library: InstrumentDefinition[] = readdirSync(contentDir).map((id) => {
  const parsed = parseInstrumentDefinition(
    JSON.parse(readFileSync(new URL(`${id}/instrument.json`, contentDir), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
});
const byId = (id: string): InstrumentDefinition => {
  const def = library.find((d) => d.id === id);
  if (!def) throw new Error(id);
  return def;
};
const validator = new fhir.Fhir();
const problemsOf = (resource: object): unknown[] =>
  validator.validate(resource).messages.filter((m) => String(m.severity) !== 'info');

const errorsOf = (resource: object): unknown[] =>
  validator.validate(resource).messages.filter((m) => String(m.severity) === 'error');

/** A complete response: the middle option or value of every item, "no" to yes/no items. */
function middleAnswers(def: InstrumentDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of def.items) {
    const r = item.response;
    if (item.enableWhen) continue;
    if (r.kind === 'likert' || r.kind === 'choice') out[item.id] = r.options[Math.floor(r.options.length / 2)]?.code;
    else if (r.kind === 'scale') out[item.id] = String(Math.round((r.min + r.max) / 2) + 1);
    else if (r.kind === 'yes-no') out[item.id] = 'no';
    else if (r.kind === 'text') out[item.id] = 'Some words.';
  }
  return out;
}

describe('toQuestionnaire', () => {
  for (const def of library) {
    for (const version of def.versions) {
      it(`${def.id} (${version.audience}) passes the independent fhir validator, with copyright set`, () => {
        const q = toQuestionnaire(def, version.audience);
        expect(problemsOf(q)).toEqual([]);
        expect(q.copyright).toContain(def.licence.copyright);
      });
    }
  }

  it('carries each option’s score as ordinalValue, with reversed items already reversed (CORE-10 item 2)', () => {
    const q = toQuestionnaire(byId('core-10'));
    const weights = (i: number): unknown[] =>
      q.item?.[i]?.answerOption?.map((o) => o.extension?.[0]?.valueDecimal) ?? [];
    expect(weights(0)).toEqual([0, 1, 2, 3, 4]);
    expect(weights(1)).toEqual([4, 3, 2, 1, 0]);
    expect(q.item?.[1]?.answerOption?.[0]?.valueCoding?.display).toBe('Not at all');
  });

  it('puts no item wording of an import-only version into the export', () => {
    const q = toQuestionnaire(byId('yp-core'));
    expect(q.item?.[0]?.text).toMatch(/wording not included/);
    expect(q.item?.[0]?.answerOption?.[0]?.valueCoding?.display).toBeUndefined();
  });
});

describe('round trip: export → import → the same scores', () => {
  for (const def of library) {
    it(`${def.id} scores the same answers identically after the round trip`, () => {
      const imported = fromQuestionnaire(JSON.parse(JSON.stringify(toQuestionnaire(def))) as unknown);
      if (!imported.ok) throw new Error(JSON.stringify(imported.error.problems));
      const audience = def.versions[0]?.audience ?? 'adult';
      const answers = middleAnswers(def);
      const before = scoreResponse(def, audience, answers);
      const after = scoreResponse(imported.value, audience, answers);
      expect(after.ok).toBe(before.ok);
      if (!before.ok || !after.ok) return;
      expect(after.value.total).toEqual(before.value.total);
      expect(after.value.subscales).toEqual(before.value.subscales);
      expect(after.value.band).toEqual(before.value.band);
      expect(after.value.cutOffs).toEqual(before.value.cutOffs);
      expect(after.value.flags).toEqual(before.value.flags);
    });
  }

  it('keeps risk flags on the round trip (PHQ-9 item 9)', () => {
    const phq9 = byId('phq-9');
    const imported = fromQuestionnaire(toQuestionnaire(phq9));
    const answers = Object.fromEntries(phq9.scoring.kind === 'total' ? phq9.scoring.items.map((id) => [id, '1']) : []);
    const result = imported.ok ? scoreResponse(imported.value, 'adult', answers) : undefined;
    expect(result?.ok && result.value.flags.map((f) => f.id)).toEqual(['self-harm-thoughts']);
  });
});

describe('fromQuestionnaire refuses bad input with exact paths, importing nothing', () => {
  const good = (): Record<string, unknown> =>
    JSON.parse(JSON.stringify(toQuestionnaire(byId('gad-7')))) as Record<string, unknown>;

  it('refuses something that is not a Questionnaire', () => {
    const result = fromQuestionnaire({ resourceType: 'Patient', status: 'active', item: [] });
    expect(result.ok ? [] : result.error.problems.map((p) => p.path)).toContain('Questionnaire.resourceType');
  });

  it('refuses options where only some carry a score', () => {
    const q = good();
    const items = q['item'] as { answerOption: { extension?: unknown }[] }[];
    const option = items[3]?.answerOption[2];
    if (option) delete option.extension;
    const result = fromQuestionnaire(q);
    expect(result.ok ? [] : result.error.problems.map((p) => p.path)).toEqual(['Questionnaire.item[3].answerOption']);
  });

  it('refuses a Questionnaire without scoring rules', () => {
    const q = good();
    delete q['extension'];
    const result = fromQuestionnaire(q);
    expect(result.ok ? [] : result.error.problems).toEqual([
      {
        path: 'companion',
        message: 'scoring rules are missing: supply the companion JSON or the Rapport scoring extension.',
      },
    ]);
  });

  it('refuses a companion whose scoring names an item the Questionnaire lacks, or a cut-off outside the range', () => {
    const q = good();
    const companion = JSON.parse(String((q['extension'] as { valueString: string }[])[0]?.valueString)) as {
      scoring: { items: string[] };
      interpretation: { cutOffs: { value: number }[] };
    };
    companion.scoring.items[6] = 'item-8';
    const first = fromQuestionnaire(q, companion);
    expect(first.ok ? [] : first.error.problems.map((p) => p.path)).toEqual(['companion.scoring.items[6]']);
    companion.scoring.items[6] = 'item-7';
    const cut = companion.interpretation.cutOffs[0];
    if (cut) cut.value = 22;
    const second = fromQuestionnaire(q, companion);
    expect(second.ok ? [] : second.error.problems.map((p) => p.path)).toEqual([
      'companion.interpretation.cutOffs[0].value',
    ]);
  });

  it('refuses wording the licence forbids unless the practice records its local licence', () => {
    const q = good();
    const ext = (q['extension'] as { url: string; valueString: string }[])[0];
    const companion = JSON.parse(ext?.valueString ?? '{}') as { licence: { mayShipText: boolean } };
    companion.licence.mayShipText = false;
    expect(ext?.url).toBe(RAPPORT_SCORING);
    const refused = fromQuestionnaire(q, companion);
    expect(refused.ok ? [] : refused.error.problems.map((p) => p.path)).toEqual(['Questionnaire.item']);
    const accepted = fromQuestionnaire(q, companion, {
      holder: 'Example Practice',
      evidence: 'Licence 123',
      importedBy: 'user-1',
    });
    expect(accepted.ok && accepted.value.licence.localLicence?.holder).toBe('Example Practice');
  });
});

describe('QuestionnaireResponse and Observations', () => {
  it('exports an administration and its scores as valid R4 resources', () => {
    const phq9 = byId('phq-9');
    const scored = scoreResponse(phq9, 'adult', {
      ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`item-${String(i + 1)}`, '2'])),
    });
    if (!scored.ok) throw new Error('must score');
    const qr = toQuestionnaireResponse(phq9, 'adult', scored.value.answers, {
      authored: '2026-11-25T10:00:00Z',
      status: 'completed',
      subject: { reference: 'Patient/example' },
    });
    const obs = toObservations(phq9, scored.value, {
      effective: '2026-11-25T10:00:00Z',
      derivedFrom: { reference: 'QuestionnaireResponse/1' },
    });
    expect(problemsOf(qr)).toEqual([]);
    // The validator carries no LOINC, so "code not found in value set" warnings are expected; errors are not.
    for (const o of obs) expect(errorsOf(o)).toEqual([]);
    expect(obs[0]?.valueQuantity?.value).toBe(18);
    expect(obs[0]?.code.coding?.[0]?.code).toBe('44261-6');
    expect(obs[0]?.interpretation?.[0]?.text).toBe('Moderately severe');
  });

  it('reads a QuestionnaireResponse back into answers that score the same', () => {
    let checked = 0;
    for (const def of library.filter((d) => d.versions.some((v) => v.audience === 'adult'))) {
      const mid = Object.fromEntries(
        def.items.flatMap((it) => (it.response.kind === 'likert' ? [[it.id, it.response.options[1]?.code ?? '']] : [])),
      );
      const scored = scoreResponse(def, 'adult', mid);
      if (!scored.ok) continue;
      const qr = toQuestionnaireResponse(def, 'adult', scored.value.answers, {
        authored: '2026-11-25T10:00:00Z',
        status: 'completed',
      });
      const again = scoreResponse(def, 'adult', answersFromQuestionnaireResponse(qr));
      expect(again.ok && again.value.total).toEqual(scored.value.total);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
