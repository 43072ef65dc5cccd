import { mean } from '../analytics/descriptive.js';
import type { ChangeCategory } from '../analytics/clinical-significance.js';
import { evaluateCutOffs, reliableChangeFor } from '../instruments/interpret.js';
import type { InstrumentDefinition } from '../instruments/model.js';
import { DEFAULT_INSTRUMENT_ID } from '../measures/administration.js';
import type { ClientSignal } from '../measures/signals.js';
import type { Ending } from './ending.js';

/**
 * An episode's ending summary: what was done, where the outcome measure started and finished,
 * how the change is classified, the relationship and its ruptures. Pure: the facts come in.
 */

type Lookup = (id: string, version: number) => InstrumentDefinition | undefined;

/** One stored response as the summary reads it. */
export interface SummaryResponse {
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly status: 'complete' | 'draft';
  readonly at: string;
  readonly total: number | null;
}

/** A rupture as its stored signal tells it, with the repair status reached. */
export interface RuptureFact {
  readonly at: string;
  readonly repair: 'repaired' | 'unrepaired' | 'awaiting-repair';
}

/** The ruptures among a client's stored signals. */
export function ruptureFacts(signals: readonly ClientSignal[]): RuptureFact[] {
  return signals.flatMap((s) => (s.kind === 'rupture' ? [{ at: s.at, repair: s.repair.status }] : []));
}

/** The ruptures that happened within an episode (opened ≤ at ≤ closed, or still open). */
export function rupturesWithin(
  ruptures: readonly RuptureFact[],
  episode: { readonly openedAt: string; readonly closedAt: string | null },
): RuptureFact[] {
  return ruptures.filter((r) => r.at >= episode.openedAt && (episode.closedAt === null || r.at <= episode.closedAt));
}

/** A classified change on the outcome measure, with the numbers behind it. */
export interface OutcomeChange {
  readonly category: ChangeCategory;
  /** post − pre. */
  readonly change: number;
  readonly reliableChangeValue: number;
  readonly source: string;
  /** The published clinical cut-off used for "recovered" and "harmed", if one applies to everyone. */
  readonly cutOff: { readonly value: number; readonly label: string; readonly source: string } | null;
  /** The first score lay in the clinical range (null without a cut-off). */
  readonly clinicalAtStart: boolean | null;
}

/**
 * Classifies a first and last score on a published measure (Jacobson & Truax 1991, with the
 * measure's published reliable-change value and caseness cut-off, as NHS Talking Therapies do):
 * improved or deteriorated when the change is larger than the reliable-change value (strictly);
 * recovered when it reliably improved from the clinical range to below it; harmed when it reliably
 * worsened from below the clinical range into it. Null for a measure with no published value.
 *
 * @example classifyOutcome(phq9, 19, 8) // → { category: 'recovered', change: -11, … }
 */
export function classifyOutcome(def: InstrumentDefinition, pre: number, post: number): OutcomeChange | null {
  const interp = def.interpretation;
  const rc = reliableChangeFor(def, {});
  if (interp.kind !== 'published' || !rc) return null;
  const change = post - pre;
  const better = interp.direction === 'higher-is-better' ? change : -change;
  const direction = better > rc.value ? 'improved' : better < -rc.value ? 'deteriorated' : 'unchanged';
  // Only a cut-off that applies whatever the client's age or sex: Rapport does not hold those.
  const atStart = evaluateCutOffs(def, pre, {}).find((c) => c.status !== 'population-unknown');
  const atEnd = evaluateCutOffs(def, post, {}).find((c) => c.status !== 'population-unknown');
  const clinicalAtStart = atStart ? atStart.status === 'clinical' : null;
  const clinicalAtEnd = atEnd ? atEnd.status === 'clinical' : null;
  let category: ChangeCategory = direction;
  if (direction === 'improved' && clinicalAtStart === true && clinicalAtEnd === false) category = 'recovered';
  if (direction === 'deteriorated' && clinicalAtStart === false && clinicalAtEnd === true) category = 'harmed';
  return {
    category,
    change,
    reliableChangeValue: rc.value,
    source: rc.source,
    cutOff: atStart ? { value: atStart.value, label: atStart.label, source: atStart.source } : null,
    clinicalAtStart,
  };
}

type Scored = SummaryResponse & { readonly total: number };
const scored = (r: SummaryResponse): r is Scored => r.status === 'complete' && r.total !== null;

/**
 * The episode's outcome measure: the published measure with a reliable-change value answered
 * most often (the first answered of equals), as "stuck" reads it. Null when there is none.
 */
export function outcomeMeasureOf(responses: readonly SummaryResponse[], lookup: Lookup): string | null {
  const counts = new Map<string, number>();
  for (const r of [...responses].filter(scored).sort((a, b) => a.at.localeCompare(b.at))) {
    const def = lookup(r.instrumentId, r.instrumentVersion);
    if (!def || def.interpretation.kind !== 'published' || !reliableChangeFor(def, {})) continue;
    counts.set(r.instrumentId, (counts.get(r.instrumentId) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [id, n] of counts) {
    if (n > most) [best, most] = [id, n];
  }
  return best;
}

export interface Score {
  readonly score: number;
  readonly at: string;
}

export interface OutcomeSummary {
  readonly instrumentId: string;
  readonly first: Score;
  readonly last: Score;
  readonly scores: number;
  /** Null with a single score: there is no change to classify yet. */
  readonly change: OutcomeChange | null;
  /** The latest score after the episode closed (a follow-up), kept apart from the change at ending. */
  readonly afterEnding: Score | null;
}

export interface EpisodeSummary {
  readonly ending: Ending | null;
  readonly sessionsAttended: number;
  readonly measuresAnswered: number;
  readonly outcome: OutcomeSummary | null;
  /** Mean of the client's relationship checks in the episode (0–10). */
  readonly relationship: { readonly mean: number; readonly ratings: number } | null;
  readonly ruptures: { readonly total: number; readonly repaired: number; readonly notRepaired: number };
}

/** The facts one episode's summary is made from. */
export interface EpisodeFacts {
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly ending: Ending | null;
  readonly sessionsAttended: number;
  /** The episode's responses only. */
  readonly responses: readonly SummaryResponse[];
  /** The episode's ruptures only (see `rupturesWithin`). */
  readonly ruptures: readonly RuptureFact[];
}

function outcomeOf(facts: EpisodeFacts, lookup: Lookup): OutcomeSummary | null {
  const id = outcomeMeasureOf(facts.responses, lookup);
  if (id === null) return null;
  const series = facts.responses
    .filter((r): r is Scored => scored(r) && r.instrumentId === id)
    .sort((a, b) => a.at.localeCompare(b.at));
  // The change at ending reads the scores up to the close; a follow-up's score is shown beside it.
  const during = series.filter((r) => facts.closedAt === null || r.at <= facts.closedAt);
  const after = series.filter((r) => facts.closedAt !== null && r.at > facts.closedAt);
  const first = during[0];
  const last = during[during.length - 1];
  const later = after[after.length - 1];
  if (!first || !last) return null;
  const def = lookup(last.instrumentId, last.instrumentVersion);
  return {
    instrumentId: id,
    first: { score: first.total, at: first.at },
    last: { score: last.total, at: last.at },
    scores: during.length,
    change: def && during.length >= 2 ? classifyOutcome(def, first.total, last.total) : null,
    afterEnding: later ? { score: later.total, at: later.at } : null,
  };
}

/** The ending summary of one episode. */
export function summariseEpisode(facts: EpisodeFacts, lookup: Lookup): EpisodeSummary {
  const complete = facts.responses.filter((r) => r.status === 'complete');
  const ratings = facts.responses.filter(scored).filter((r) => r.instrumentId === DEFAULT_INSTRUMENT_ID);
  const repaired = facts.ruptures.filter((r) => r.repair === 'repaired').length;
  return {
    ending: facts.ending,
    sessionsAttended: facts.sessionsAttended,
    measuresAnswered: complete.length,
    outcome: outcomeOf(facts, lookup),
    relationship: ratings.length > 0 ? { mean: mean(ratings.map((r) => r.total)), ratings: ratings.length } : null,
    ruptures: { total: facts.ruptures.length, repaired, notRepaired: facts.ruptures.length - repaired },
  };
}

/** The change categories in plain words. */
export const CHANGE_CATEGORY_LABELS: Readonly<Record<ChangeCategory, string>> = {
  recovered: 'Recovered: reliably improved, from the clinical range to below it',
  improved: 'Reliably improved',
  unchanged: 'No reliable change',
  deteriorated: 'Reliably deteriorated',
  harmed: 'Harmed: reliably worse, into the clinical range',
};
