import type { CutOff, InstrumentDefinition, Population, ReliableChange, SeverityBand } from './model.js';

/** What Rapport knows about the person answering; needed where cut-offs differ by age and sex (YP-CORE). */
export interface Respondent {
  readonly age?: number;
  readonly sex?: 'female' | 'male';
}

export type CutOffResult = {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly source: string;
} & (
  | { readonly status: 'clinical' | 'not-clinical' }
  /** The cut-off belongs to an age/sex band and the respondent's age or sex is not known. */
  | { readonly status: 'population-unknown'; readonly population: Population }
);

type Match = 'yes' | 'no' | 'unknown';

function matches(population: Population, who: Respondent): Match {
  let result: Match = 'yes';
  if (population.ages) {
    if (who.age === undefined) result = 'unknown';
    else if (who.age < population.ages.min || who.age > population.ages.max) return 'no';
  }
  if (population.sex) {
    if (who.sex === undefined) result = 'unknown';
    else if (who.sex !== population.sex) return 'no';
  }
  return result;
}

/** The band holding a score: the highest band whose minimum the score reaches (so a prorated 5.6 on 0–5/6–10 bands stays in 0–5). */
export function bandFor(bands: readonly SeverityBand[], score: number): SeverityBand | undefined {
  let found: SeverityBand | undefined;
  for (const b of bands) if (score >= b.min) found = b;
  return found;
}

function cutOffStatus(c: CutOff, score: number): 'clinical' | 'not-clinical' {
  const clinical = c.clinicalWhen === 'at-or-above' ? score >= c.value : score < c.value;
  return clinical ? 'clinical' : 'not-clinical';
}

/** Evaluates each cut-off that applies to the respondent; bands for other ages or sexes are left out. */
export function evaluateCutOffs(def: InstrumentDefinition, score: number, who: Respondent): CutOffResult[] {
  if (def.interpretation.kind !== 'published') return [];
  const out: CutOffResult[] = [];
  for (const c of def.interpretation.cutOffs) {
    const base = { id: c.id, label: c.label, value: c.value, source: c.source };
    const m = matches(c.population, who);
    if (m === 'yes') out.push({ ...base, status: cutOffStatus(c, score) });
    else if (m === 'unknown') out.push({ ...base, status: 'population-unknown', population: c.population });
  }
  return out;
}

/** The reliable-change value for this respondent, with its source; undefined when none is published for them. */
export function reliableChangeFor(def: InstrumentDefinition, who: Respondent): ReliableChange | undefined {
  if (def.interpretation.kind !== 'published') return undefined;
  return def.interpretation.reliableChange.find((rc) => matches(rc.population, who) === 'yes');
}
