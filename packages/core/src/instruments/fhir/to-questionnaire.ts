import type { Extension, Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import type {
  InstrumentAudience,
  FlagRule,
  InstrumentDefinition,
  ItemDefinition,
  ItemWording,
  ScoringRule,
} from '../model.js';
import { itemRange } from '../score-range.js';
import { licenceJson, type ScoringCompanion } from './companion.js';
import {
  ITEM_CONTROL,
  ITEM_CONTROL_SYSTEM,
  LOINC,
  MAX_VALUE,
  MIN_VALUE,
  ORDINAL_VALUE,
  RAPPORT_ANCHOR_HIGH,
  RAPPORT_ANCHOR_LOW,
  RAPPORT_SCORING,
  RAPPORT_SLIDER_STEP,
  optionSystem,
  questionnaireUrl,
} from './extensions.js';

/** Reversed items export their reversed weights, so a plain sum of ordinalValues is the published total. */
function exportedScore(def: InstrumentDefinition, item: ItemDefinition, score: number): number {
  const reverse = def.scoring.kind === 'unscored' ? [] : def.scoring.reverse;
  const range = itemRange(item);
  return range && reverse.includes(item.id) ? range.min + range.max - score : score;
}

/** Flags on reversed items are restated on the exported (reversed) weights; integer scores only. */
function exportedFlag(def: InstrumentDefinition, flag: FlagRule): FlagRule {
  const reverse = def.scoring.kind === 'unscored' ? [] : def.scoring.reverse;
  const when = flag.when.map((c) => {
    const item = def.items.find((i) => i.id === c.itemId);
    const range = item && itemRange(item);
    if (c.op === 'is' || !range || !reverse.includes(c.itemId)) return c;
    const mirror = range.min + range.max - c.value;
    // raw > v ⇔ reversed < min+max−v ⇔ reversed ≤ mirror − 1; raw ≤ v ⇔ reversed ≥ mirror ⇔ reversed > mirror − 1.
    return c.op === 'score-above'
      ? { itemId: c.itemId, op: 'score-at-most' as const, value: mirror - 1 }
      : { itemId: c.itemId, op: 'score-above' as const, value: mirror - 1 };
  });
  return { ...flag, when };
}

function exportedScoring(s: ScoringRule): ScoringRule {
  return s.kind === 'unscored' ? s : { ...s, reverse: [] };
}

function itemFor(
  def: InstrumentDefinition,
  item: ItemDefinition,
  index: number,
  wording?: ItemWording,
): QuestionnaireItem {
  const text =
    wording?.text ?? `${def.shortTitle} item ${String(index + 1)} (wording not included: import the licensed text)`;
  const base: QuestionnaireItem = { linkId: item.id, text, type: 'string', required: item.required };
  const extension: Extension[] = [];
  if (wording?.lowAnchor) extension.push({ url: RAPPORT_ANCHOR_LOW, valueString: wording.lowAnchor });
  if (wording?.highAnchor) extension.push({ url: RAPPORT_ANCHOR_HIGH, valueString: wording.highAnchor });
  if (item.enableWhen) {
    base.enableWhen = [{ question: item.enableWhen.itemId, operator: '=', answerBoolean: item.enableWhen.answer }];
  }
  const r = item.response;
  switch (r.kind) {
    case 'likert':
    case 'choice':
      base.type = 'choice';
      base.answerOption = r.options.map((o, i) => {
        const display = wording?.optionLabels?.[i];
        const valueCoding = { system: optionSystem(def.id), code: o.code, ...(display ? { display } : {}) };
        if (!('score' in o)) return { valueCoding };
        return { valueCoding, extension: [{ url: ORDINAL_VALUE, valueDecimal: exportedScore(def, item, o.score) }] };
      });
      break;
    case 'scale':
      base.type = 'integer';
      extension.push({ url: MIN_VALUE, valueInteger: r.min }, { url: MAX_VALUE, valueInteger: r.max });
      break;
    case 'slider':
      base.type = 'decimal';
      extension.push(
        { url: MIN_VALUE, valueDecimal: r.min },
        { url: MAX_VALUE, valueDecimal: r.max },
        { url: RAPPORT_SLIDER_STEP, valueDecimal: r.step },
        { url: ITEM_CONTROL, valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: 'slider' }] } },
      );
      break;
    case 'yes-no':
      base.type = 'boolean';
      break;
    case 'text':
      base.type = 'text';
      base.maxLength = r.maxLength;
      break;
  }
  return extension.length > 0 ? { ...base, extension } : base;
}

const pascal = (id: string): string =>
  id
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');

/**
 * Exports one audience version of an instrument as an R4 Questionnaire: `copyright`
 * carries the line that must be shown, each option its score as `ordinalValue`, and
 * the Rapport scoring extension everything needed to score it again on import.
 */
export function toQuestionnaire(def: InstrumentDefinition, audience?: InstrumentAudience): Questionnaire {
  const version = def.versions.find((v) => v.audience === audience) ?? def.versions[0];
  const primary = version === def.versions[0];
  const content = version?.content.kind === 'included' ? version.content : undefined;
  const l = def.licence;
  const terms = l.terms.kind === 'spdx' ? `Licence: ${l.terms.id}.` : `Terms: ${l.terms.text}`;
  const companion: ScoringCompanion = {
    format: 'rapport-scoring',
    formatVersion: 1,
    id: def.id,
    version: def.version,
    shortTitle: def.shortTitle,
    purpose: def.purpose,
    audience: version?.audience ?? 'adult',
    presentation: version?.presentation ?? 'standard',
    provenance: def.provenance,
    licence: licenceJson(def),
    codes: def.codes,
    scoring: exportedScoring(def.scoring),
    interpretation: def.interpretation,
    flags: def.flags.map((f) => exportedFlag(def, f)),
  };
  const id = primary ? def.id : `${def.id}-${version?.audience ?? 'adult'}`;
  const label = def.provenance.kind === 'rapport' ? ` ${def.provenance.label}.` : '';
  return {
    resourceType: 'Questionnaire',
    id,
    url: questionnaireUrl(id),
    version: String(def.version),
    name: pascal(id),
    title: content?.title ?? def.title,
    status: 'active',
    subjectType: ['Patient'],
    publisher: 'Rapport',
    description: `${content ? [content.instructions, content.stem].filter(Boolean).join(' ') : def.title}${label}`,
    purpose: def.purpose,
    copyright: `${l.copyright} ${terms}`,
    ...(def.codes.loincPanel ? { code: [{ system: LOINC, code: def.codes.loincPanel }] } : {}),
    extension: [{ url: RAPPORT_SCORING, valueString: JSON.stringify(companion) }],
    item: def.items.map((item, i) => itemFor(def, item, i, content?.items[item.id])),
  };
}
