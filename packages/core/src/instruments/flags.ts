import type { Answers } from './answers.js';
import type { FlagCondition, FlagRule, InstrumentDefinition } from './model.js';

/** A flag raised by an answer, for the therapist to see at once. */
export interface RaisedFlag {
  readonly id: string;
  readonly kind: FlagRule['kind'];
  readonly message: string;
  readonly itemIds: readonly string[];
}

/** The keyed score of an answer before reversal (Likert option score, or the number given). */
export function rawItemScore(def: InstrumentDefinition, itemId: string, answers: Answers): number | undefined {
  const answer = answers[itemId];
  const item = def.items.find((i) => i.id === itemId);
  if (!answer || !item) return undefined;
  if (answer.kind === 'number') return answer.value;
  if (answer.kind === 'option' && item.response.kind === 'likert') {
    return item.response.options.find((o) => o.code === answer.code)?.score;
  }
  return undefined;
}

function holds(def: InstrumentDefinition, c: FlagCondition, answers: Answers): boolean {
  if (c.op === 'is') {
    const a = answers[c.itemId];
    return a?.kind === 'boolean' && a.value === c.value;
  }
  const score = rawItemScore(def, c.itemId, answers);
  if (score === undefined) return false;
  return c.op === 'score-above' ? score > c.value : score <= c.value;
}

/**
 * Flags raised by whatever has been answered, complete or not: a risk answer in a
 * half-finished form must still reach the therapist (PHQ-9 item 9 above 0).
 */
export function raiseFlags(def: InstrumentDefinition, answers: Answers): RaisedFlag[] {
  return def.flags
    .filter((f) => f.when.every((c) => holds(def, c, answers)))
    .map((f) => ({ id: f.id, kind: f.kind, message: f.message, itemIds: f.when.map((c) => c.itemId) }));
}
