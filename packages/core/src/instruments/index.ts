/**
 * Instruments: the model, the parser for definitions, exact scoring, and FHIR in
 * and out. Pure: no I/O, no clock, no randomness. See docs/instruments.md.
 */
export * from './model.js';
export * from './problems.js';
export { parseInstrumentDefinition } from './parse-definition.js';
export {
  checkAnswers,
  isAsked,
  type AnswerValue,
  type Answers,
  type CheckedAnswers,
  type ItemProblem,
} from './answers.js';
export { raiseFlags, type RaisedFlag } from './flags.js';
export { bandFor, evaluateCutOffs, reliableChangeFor, type CutOffResult, type Respondent } from './interpret.js';
export { itemRange, rangeOf, totalRange, type ScoreRange } from './score-range.js';
export {
  scoreResponse,
  type MissingHandling,
  type ResponseRefusal,
  type ScoreSet,
  type SubscaleScore,
} from './score.js';
export { explainScoring } from './explain.js';
export { checkLibraryEntry, type LibraryEntry } from './library-entry.js';
export * from './fhir/extensions.js';
export type { ScoringCompanion } from './fhir/companion.js';
export { toQuestionnaire } from './fhir/to-questionnaire.js';
export { fromQuestionnaire } from './fhir/from-questionnaire.js';
export { answersFromQuestionnaireResponse, type RawAnswers } from './fhir/from-response.js';
export {
  toObservations,
  toQuestionnaireResponse,
  type ObservationContext,
  type ResponseContext,
} from './fhir/to-response.js';
