/**
 * The instrument model: what a measure asks, how each answer scores, how a
 * score is read, and under which licence its words may be shown.
 *
 * Definitions are data (content/instruments/<id>/instrument.json) parsed at the
 * edge by `parseInstrumentDefinition`; everything here is trusted after that.
 * Wording lives in audience versions so that scoring, cut-offs and licence are
 * shared by every version of one instrument, and so that an instrument whose
 * wording may not be shipped can still carry its scoring facts (facts are not
 * protected by copyright; wording is: see docs/instruments.md).
 */

/** Who answers. `therapist` is the rater of a mirror version (same dimensions, rated by the counsellor). */
export type InstrumentAudience = 'adult' | 'young-person' | 'child' | 'carer' | 'therapist';
export const INSTRUMENT_AUDIENCES: readonly InstrumentAudience[] = [
  'adult',
  'young-person',
  'child',
  'carer',
  'therapist',
];

/** One answer choice of a Likert item. `score` is the keyed value before any reversal. */
export interface LikertOption {
  readonly code: string;
  readonly score: number;
}

/** An unscored choice (e.g. "what would you like to happen next?"). */
export interface ChoiceOption {
  readonly code: string;
}

/** How a visual-analogue slider degrades when scripts are off: a number box, or one radio button per step. */
export type SliderFallback = 'number-input' | 'radio-steps';

/**
 * Response types. A discriminated union, so a Likert item cannot carry a step and
 * a free-text item cannot be scored.
 */
export type ResponseType =
  | { readonly kind: 'likert'; readonly options: readonly LikertOption[] }
  | { readonly kind: 'choice'; readonly options: readonly ChoiceOption[] }
  /** Whole-number rating scale shown as buttons (e.g. 0–10). */
  | { readonly kind: 'scale'; readonly min: number; readonly max: number }
  /** Visual-analogue line; `step` is the recorded precision (ORS/SRS record to 0.1). */
  | {
      readonly kind: 'slider';
      readonly min: number;
      readonly max: number;
      readonly step: number;
      readonly fallback: SliderFallback;
    }
  | { readonly kind: 'yes-no' }
  | { readonly kind: 'text'; readonly maxLength: number };

export type ResponseKind = ResponseType['kind'];

/** An item is asked only when an earlier yes/no item was answered as given (e.g. tension → how strong). */
export interface EnableWhen {
  readonly itemId: string;
  readonly answer: boolean;
}

export interface ItemDefinition {
  readonly id: string;
  readonly response: ResponseType;
  /** Required items must be answered for the response to be complete (scored items always are, up to the missing-item rule). */
  readonly required: boolean;
  readonly enableWhen?: EnableWhen;
}

/** How one item reads in one audience version. */
export interface ItemWording {
  readonly text: string;
  /** Labels of Likert/choice options, in the same order as the options. */
  readonly optionLabels?: readonly string[];
  /** Words at the ends of a scale or slider. */
  readonly lowAnchor?: string;
  readonly highAnchor?: string;
}

export interface AgeRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The wording of a version is either included in the definition or must be imported
 * by a practice that holds a licence for it (or, as for YP-CORE here, until its
 * exact published wording has been confirmed word for word).
 */
export type VersionContent =
  | {
      readonly kind: 'included';
      readonly title: string;
      readonly instructions: string;
      /** Shown above the items (e.g. "Over the last week..."). */
      readonly stem?: string;
      readonly items: Readonly<Record<string, ItemWording>>;
    }
  | { readonly kind: 'import-only'; readonly reason: string };

export interface AudienceVersion {
  readonly audience: InstrumentAudience;
  readonly ages?: AgeRange;
  /** `pictorial` asks the page to show faces beside the anchors (child versions). */
  readonly presentation: 'standard' | 'pictorial';
  readonly content: VersionContent;
}

export type ScoreMethod = 'sum' | 'mean';

/**
 * The instrument's own rule for missing items. `none-allowed`: any missing scored
 * item leaves the response incomplete (a draft). `prorate`: up to `maxMissing` items
 * may be missing; a sum is scaled to the full item count, a mean is the mean of the
 * answered items (CORE-10: clinical score = 10 × total ÷ items answered).
 */
export type MissingItemRule =
  { readonly kind: 'none-allowed' } | { readonly kind: 'prorate'; readonly maxMissing: number };

export interface Subscale {
  readonly id: string;
  readonly title: string;
  readonly method: ScoreMethod;
  readonly items: readonly string[];
}

export type ScoringRule =
  | {
      readonly kind: 'total';
      readonly method: ScoreMethod;
      readonly items: readonly string[];
      readonly reverse: readonly string[];
      readonly missing: MissingItemRule;
      readonly subscales: readonly Subscale[];
    }
  /** Dimensions only, no total (e.g. preferences). */
  | {
      readonly kind: 'profile';
      readonly reverse: readonly string[];
      readonly missing: MissingItemRule;
      readonly subscales: readonly Subscale[];
    }
  /** Answers are kept and read, never scored (e.g. an ending review). */
  | { readonly kind: 'unscored' };

export type Direction = 'higher-is-worse' | 'higher-is-better';

export type Sex = 'female' | 'male';

/** The respondents a cut-off or reliable-change value was derived in. Empty means everyone. */
export interface Population {
  readonly ages?: AgeRange;
  readonly sex?: Sex;
}

export interface SeverityBand {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

export interface CutOff {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  /** In the clinical range when the score is at or above the value (higher is worse) or below it (higher is better). */
  readonly clinicalWhen: 'at-or-above' | 'below';
  readonly population: Population;
  readonly source: string;
}

/** A change must exceed this many points to count as reliable (Jacobson & Truax 1991). */
export interface ReliableChange {
  readonly value: number;
  readonly population: Population;
  readonly source: string;
}

export type Interpretation =
  | {
      readonly kind: 'published';
      readonly direction: Direction;
      readonly bands: readonly SeverityBand[];
      readonly cutOffs: readonly CutOff[];
      readonly reliableChange: readonly ReliableChange[];
      readonly note?: string;
    }
  /** Our own measures: no norms exist, so signals use change within the client only. */
  | {
      readonly kind: 'not-established';
      readonly direction: Direction | 'not-applicable';
      readonly note: string;
    };

/** A condition on one item's answer. Likert conditions compare the keyed score before reversal. */
export type FlagCondition =
  | { readonly itemId: string; readonly op: 'score-above' | 'score-at-most'; readonly value: number }
  | { readonly itemId: string; readonly op: 'is'; readonly value: boolean };

/**
 * A flag the therapist sees at once. `risk`: a safety item (PHQ-9 item 9 above 0);
 * `relationship`: a reported rupture left unresolved. All conditions must hold.
 */
export interface FlagRule {
  readonly id: string;
  readonly kind: 'risk' | 'relationship';
  readonly when: readonly FlagCondition[];
  /** For the therapist, never shown to the client. */
  readonly message: string;
}

/** Terms are an SPDX identifier where one fits, else the rights holder's own words. */
export type LicenceTerms =
  { readonly kind: 'spdx'; readonly id: string } | { readonly kind: 'text'; readonly text: string };

/**
 * A practice's own licence for wording Rapport may not redistribute (SRS/ORS, WAI-SR):
 * recorded on import so that anyone can see who brought the text in and on what terms.
 */
export interface LocalLicence {
  readonly holder: string;
  readonly evidence: string;
  readonly importedBy: string;
}

export interface Licence {
  readonly terms: LicenceTerms;
  /** Must be visible wherever the instrument is shown. */
  readonly copyright: string;
  /** May Rapport redistribute the wording (in this repository and its exports)? */
  readonly mayShipText: boolean;
  readonly mayModify: boolean;
  readonly url?: string;
  /** Required when the wording is included although `mayShipText` is false. */
  readonly localLicence?: LocalLicence;
}

export const RAPPORT_MEASURE_LABEL = 'Rapport measure — not validated';

export type Provenance =
  | { readonly kind: 'published'; readonly citations: readonly string[] }
  /** Our own wording of a published method (e.g. goal ratings after Law's GBO). */
  | { readonly kind: 'adapted'; readonly basedOn: readonly string[]; readonly note: string }
  | { readonly kind: 'rapport'; readonly label: typeof RAPPORT_MEASURE_LABEL; readonly inspiredBy: readonly string[] };

export interface InstrumentCodes {
  readonly loincPanel?: string;
  readonly loincTotal?: string;
}

export interface InstrumentDefinition {
  /** Lower-case slug, stable forever: stored administrations refer to it. */
  readonly id: string;
  /** Whole number; bumped whenever wording, scoring or interpretation changes. */
  readonly version: number;
  readonly title: string;
  readonly shortTitle: string;
  readonly purpose: string;
  readonly provenance: Provenance;
  readonly licence: Licence;
  readonly codes: InstrumentCodes;
  readonly items: readonly ItemDefinition[];
  readonly versions: readonly AudienceVersion[];
  readonly scoring: ScoringRule;
  readonly interpretation: Interpretation;
  readonly flags: readonly FlagRule[];
}
