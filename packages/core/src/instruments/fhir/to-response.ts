import type {
  Observation,
  Patient,
  Quantity,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from '@medplum/fhirtypes';
import type { Answers } from '../answers.js';
import type { InstrumentAudience, InstrumentDefinition } from '../model.js';
import type { ScoreSet } from '../score.js';
import { LOINC, optionSystem, questionnaireUrl, scoreSystem } from './extensions.js';

export interface ResponseContext {
  /** When the client answered (ISO 8601); passed in because core has no clock. */
  readonly authored: string;
  readonly subject?: Reference<Patient>;
  readonly status: 'completed' | 'in-progress';
}

function answerFor(
  def: InstrumentDefinition,
  itemId: string,
  answers: Answers,
): QuestionnaireResponseItemAnswer | undefined {
  const a = answers[itemId];
  const item = def.items.find((i) => i.id === itemId);
  if (!a || !item) return undefined;
  switch (a.kind) {
    case 'option':
      return { valueCoding: { system: optionSystem(def.id), code: a.code } };
    case 'number':
      return item.response.kind === 'scale' ? { valueInteger: a.value } : { valueDecimal: a.value };
    case 'boolean':
      return { valueBoolean: a.value };
    case 'text':
      return { valueString: a.value };
  }
}

const canonical = (def: InstrumentDefinition, audience: InstrumentAudience): string => {
  const primary = def.versions[0]?.audience === audience;
  return `${questionnaireUrl(primary ? def.id : `${def.id}-${audience}`)}|${String(def.version)}`;
};

/** One administration as an R4 QuestionnaireResponse: answers exactly as accepted, drafts as in-progress. */
export function toQuestionnaireResponse(
  def: InstrumentDefinition,
  audience: InstrumentAudience,
  answers: Answers,
  context: ResponseContext,
): QuestionnaireResponse {
  const item: QuestionnaireResponseItem[] = [];
  for (const it of def.items) {
    const answer = answerFor(def, it.id, answers);
    if (answer) item.push({ linkId: it.id, answer: [answer] });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: canonical(def, audience),
    status: context.status,
    authored: context.authored,
    ...(context.subject ? { subject: context.subject } : {}),
    item,
  };
}

export interface ObservationContext {
  readonly effective: string;
  readonly subject?: Reference<Patient>;
  /** The QuestionnaireResponse the scores were derived from. */
  readonly derivedFrom?: Reference<QuestionnaireResponse>;
}

/**
 * The scores of one administration as R4 Observations: the total (LOINC-coded where
 * a code exists, e.g. PHQ-9 44261-6) with its band, then one per subscale.
 */
export function toObservations(
  def: InstrumentDefinition,
  scores: ScoreSet,
  context: ObservationContext,
): Observation[] {
  const base: Omit<Observation, 'code'> = {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }],
      },
    ],
    effectiveDateTime: context.effective,
    ...(context.subject ? { subject: context.subject } : {}),
    ...(context.derivedFrom ? { derivedFrom: [context.derivedFrom] } : {}),
  };
  const quantity = (value: number): Quantity => ({
    value,
    unit: '{score}',
    system: 'http://unitsofmeasure.org',
    code: '{score}',
  });
  const out: Observation[] = [];
  if (scores.total) {
    const coding = [{ system: scoreSystem, code: `${def.id}-total`, display: `${def.shortTitle} total` }];
    if (def.codes.loincTotal) {
      coding.unshift({ system: LOINC, code: def.codes.loincTotal, display: `${def.shortTitle} total` });
    }
    out.push({
      ...base,
      code: { coding, text: `${def.shortTitle} total` },
      valueQuantity: quantity(scores.total.value),
      ...(scores.band ? { interpretation: [{ text: scores.band.label }] } : {}),
      ...(scores.missing.rule === 'prorated'
        ? { note: [{ text: `Prorated: ${scores.missing.missingItems.join(', ')} not answered.` }] }
        : {}),
    });
  }
  for (const sub of scores.subscales) {
    if (sub.value === null) continue;
    out.push({
      ...base,
      code: { coding: [{ system: scoreSystem, code: `${def.id}-${sub.id}`, display: sub.title }], text: sub.title },
      valueQuantity: quantity(sub.value),
    });
  }
  return out;
}
