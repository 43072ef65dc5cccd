/**
 * FHIR URLs Rapport reads and writes. Scores travel as the R4 `ordinalValue`
 * extension on each answer option (as LHC-Forms does); SDC `itemWeight` is read too.
 * Scoring rules, cut-offs and reliable change travel in one small Rapport extension
 * whose valueString is the scoring companion JSON (docs/instruments.md describes it).
 */
export const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const ITEM_WEIGHT = 'http://hl7.org/fhir/StructureDefinition/itemWeight';
export const MIN_VALUE = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const MAX_VALUE = 'http://hl7.org/fhir/StructureDefinition/maxValue';
export const ITEM_CONTROL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
export const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';
export const LOINC = 'http://loinc.org';

/**
 * Base of Rapport's own canonical URLs. A placeholder under example.org until the
 * project has a domain; changing it later means imports must accept both.
 */
export const RAPPORT_FHIR_BASE = 'https://rapport.example.org/fhir';
export const RAPPORT_SCORING = `${RAPPORT_FHIR_BASE}/StructureDefinition/instrument-scoring`;
export const RAPPORT_ANCHOR_LOW = `${RAPPORT_FHIR_BASE}/StructureDefinition/anchor-low`;
export const RAPPORT_ANCHOR_HIGH = `${RAPPORT_FHIR_BASE}/StructureDefinition/anchor-high`;
export const RAPPORT_SLIDER_STEP = `${RAPPORT_FHIR_BASE}/StructureDefinition/slider-step`;

export const questionnaireUrl = (id: string): string => `${RAPPORT_FHIR_BASE}/Questionnaire/${id}`;
export const optionSystem = (id: string): string => `${RAPPORT_FHIR_BASE}/instruments/${id}/options`;
export const scoreSystem = `${RAPPORT_FHIR_BASE}/CodeSystem/instrument-scores`;
