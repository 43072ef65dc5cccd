import type { DomainError, Result } from '../errors.js';
import { checkAnswers, type Answers, type ItemProblem } from './answers.js';
import { raiseFlags, rawItemScore, type RaisedFlag } from './flags.js';
import { bandFor, evaluateCutOffs, reliableChangeFor, type CutOffResult, type Respondent } from './interpret.js';
import type {
  InstrumentAudience,
  InstrumentDefinition,
  MissingItemRule,
  ReliableChange,
  ScoreMethod,
} from './model.js';
import { itemRange, rangeOf, type ScoreRange } from './score-range.js';

export interface SubscaleScore {
  readonly id: string;
  readonly title: string;
  /** Null when more items are missing than the instrument's rule allows. */
  readonly value: number | null;
  readonly range: ScoreRange;
}

/** Which rule handled missing items: none were missing, or the instrument's prorating rule. */
export type MissingHandling =
  | { readonly rule: 'complete' }
  | { readonly rule: 'prorated'; readonly missingItems: readonly string[]; readonly maxMissing: number };

export interface ScoreSet {
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly audience: InstrumentAudience;
  /** The answers exactly as accepted; scores are always derived from these. */
  readonly answers: Answers;
  readonly total: { readonly value: number; readonly range: ScoreRange } | null;
  readonly subscales: readonly SubscaleScore[];
  readonly band: { readonly id: string; readonly label: string } | null;
  readonly cutOffs: readonly CutOffResult[];
  readonly reliableChange: ReliableChange | null;
  readonly flags: readonly RaisedFlag[];
  readonly missing: MissingHandling;
}

/**
 * Why a response was not scored. `incomplete`: a draft to keep, never score;
 * `invalid`: an answer cannot be accepted. `fields` maps item ids to messages the
 * client understands. Flags raised by what was answered travel with the refusal.
 */
export interface ResponseRefusal extends DomainError {
  readonly code: 'invalid-input';
  readonly reason: 'invalid' | 'incomplete' | 'unknown-audience';
  readonly problems: readonly ItemProblem[];
  readonly flags: readonly RaisedFlag[];
}

function refusal(
  reason: ResponseRefusal['reason'],
  message: string,
  problems: readonly ItemProblem[],
  flags: readonly RaisedFlag[],
): Result<never, ResponseRefusal> {
  const fields = Object.fromEntries(problems.map((p) => [p.itemId, p.message]));
  return { ok: false, error: { code: 'invalid-input', reason, message, fields, problems, flags } };
}

/** The keyed score of one answered item after reversal (reverse: min + max − score). */
function itemScore(
  def: InstrumentDefinition,
  itemId: string,
  answers: Answers,
  reverse: readonly string[],
): number | undefined {
  const raw = rawItemScore(def, itemId, answers);
  const item = def.items.find((i) => i.id === itemId);
  const range = item && itemRange(item);
  if (raw === undefined || !range) return undefined;
  return reverse.includes(itemId) ? range.min + range.max - raw : raw;
}

/**
 * Sum or mean over items under the missing-item rule. Prorating a sum scales it to
 * the full item count (CORE-10 manual: 10 × total ÷ items answered); a mean is the
 * mean of the answered items. Returns undefined when too many are missing.
 */
function combine(
  scores: readonly (number | undefined)[],
  method: ScoreMethod,
  rule: MissingItemRule,
): { value: number; missing: number } | undefined {
  const answered = scores.filter((s): s is number => s !== undefined);
  const missing = scores.length - answered.length;
  const allowed = rule.kind === 'prorate' ? Math.min(rule.maxMissing, scores.length - 1) : 0;
  if (missing > allowed || answered.length === 0) return undefined;
  const sum = answered.reduce((a, b) => a + b, 0);
  if (method === 'mean') return { value: sum / answered.length, missing };
  return { value: missing === 0 ? sum : (sum * scores.length) / answered.length, missing };
}

/**
 * Scores a complete response exactly as the instrument's published key says.
 * A partial response is refused as `incomplete` (keep it as a draft); an answer out
 * of range, an unknown option or an unknown question is refused as `invalid`.
 *
 * @example
 *   const result = scoreResponse(phq9, 'adult', { 'item-1': '2', ... 'item-9': '1' });
 *   if (result.ok) result.value.total?.value; // 14, band 'moderate', flags [{ id: 'self-harm-thoughts', ... }]
 */
export function scoreResponse(
  def: InstrumentDefinition,
  audience: InstrumentAudience,
  raw: Readonly<Record<string, unknown>>,
  respondent: Respondent = {},
): Result<ScoreSet, ResponseRefusal> {
  if (!def.versions.some((v) => v.audience === audience)) {
    return refusal('unknown-audience', `${def.shortTitle} has no version for this audience.`, [], []);
  }
  const checked = checkAnswers(def, raw);
  const flags = raiseFlags(def, checked.answers);
  if (checked.invalid.length > 0) {
    return refusal('invalid', 'Some answers need another look.', checked.invalid, flags);
  }
  const scoring = def.scoring;
  const rule = scoring.kind === 'unscored' ? ({ kind: 'none-allowed' } as const) : scoring.missing;
  const reverse = scoring.kind === 'unscored' ? [] : scoring.reverse;
  const scored = new Set(scoring.kind === 'total' ? scoring.items : []);
  for (const sub of scoring.kind === 'unscored' ? [] : scoring.subscales) for (const id of sub.items) scored.add(id);

  // Unanswered items outside the scored set (required free text, a follow-up) are never prorated.
  const unscoredGaps = checked.unanswered.filter((id) => !scored.has(id));
  const scoredGaps = checked.unanswered.filter((id) => scored.has(id));
  const score = (id: string): number | undefined => itemScore(def, id, checked.answers, reverse);

  let total: ScoreSet['total'] = null;
  let totalFailed = false;
  if (scoring.kind === 'total') {
    const combined = combine(scoring.items.map(score), scoring.method, rule);
    const range = rangeOf(def, scoring.items, scoring.method);
    if (combined && range) total = { value: combined.value, range };
    else totalFailed = true;
  }
  const subscales: SubscaleScore[] = [];
  let subscaleFailed = false;
  for (const sub of scoring.kind === 'unscored' ? [] : scoring.subscales) {
    const combined = combine(sub.items.map(score), sub.method, rule);
    const range = rangeOf(def, sub.items, sub.method);
    if (!range) continue;
    // A profile has no total, so a subscale beyond the rule leaves the whole response incomplete.
    if (!combined && scoring.kind === 'profile') subscaleFailed = true;
    subscales.push({ id: sub.id, title: sub.title, value: combined ? combined.value : null, range });
  }
  if (unscoredGaps.length > 0 || totalFailed || subscaleFailed) {
    const problems = checked.unanswered.map((itemId) => ({ itemId, message: 'Please answer this question.' }));
    return refusal('incomplete', 'Some questions still need an answer.', problems, flags);
  }

  const missing: MissingHandling =
    scoredGaps.length === 0 || rule.kind !== 'prorate'
      ? { rule: 'complete' }
      : { rule: 'prorated', missingItems: scoredGaps, maxMissing: rule.maxMissing };
  const interpretation = def.interpretation;
  const band = total && interpretation.kind === 'published' ? bandFor(interpretation.bands, total.value) : undefined;
  return {
    ok: true,
    value: {
      instrumentId: def.id,
      instrumentVersion: def.version,
      audience,
      answers: checked.answers,
      total,
      subscales,
      band: band ? { id: band.id, label: band.label } : null,
      cutOffs: total ? evaluateCutOffs(def, total.value, respondent) : [],
      reliableChange: reliableChangeFor(def, respondent) ?? null,
      flags,
      missing,
    },
  };
}
