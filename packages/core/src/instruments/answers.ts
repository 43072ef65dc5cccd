import type { InstrumentDefinition, ItemDefinition } from './model.js';

/** One answer after validation, typed by the item's response kind. */
export type AnswerValue =
  | { readonly kind: 'option'; readonly code: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'text'; readonly value: string };

export type Answers = Readonly<Record<string, AnswerValue>>;

/** A problem with one answer, worded for the person filling in the form. */
export interface ItemProblem {
  readonly itemId: string;
  readonly message: string;
}

export interface CheckedAnswers {
  readonly answers: Answers;
  /** Answers that cannot be accepted (out of range, unknown option, not a question here). */
  readonly invalid: readonly ItemProblem[];
  /** Items that are asked and required but not answered yet. */
  readonly unanswered: readonly string[];
}

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function asNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  // Form posts arrive as strings; accept plain decimals only ("7", "6.5"), never "7abc" or "1e1".
  if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

function validateOne(item: ItemDefinition, raw: unknown): AnswerValue | string {
  const r = item.response;
  switch (r.kind) {
    case 'likert':
    case 'choice': {
      const code = typeof raw === 'number' ? String(raw) : raw;
      if (typeof code === 'string' && r.options.some((o) => o.code === code.trim())) {
        return { kind: 'option', code: code.trim() };
      }
      return 'Please choose one of the answers shown.';
    }
    case 'scale': {
      const n = asNumber(raw);
      if (n !== undefined && Number.isInteger(n) && n >= r.min && n <= r.max) return { kind: 'number', value: n };
      return `Please choose a whole number from ${String(r.min)} to ${String(r.max)}.`;
    }
    case 'slider': {
      const n = asNumber(raw);
      const steps = n === undefined ? NaN : (n - r.min) / r.step;
      // Tolerate floating-point noise from a slider (6.300000001) but not off-step values.
      if (n !== undefined && n >= r.min && n <= r.max && Math.abs(steps - Math.round(steps)) < 1e-6) {
        return { kind: 'number', value: Number((r.min + Math.round(steps) * r.step).toFixed(6)) };
      }
      return `Please give a number from ${String(r.min)} to ${String(r.max)} in steps of ${String(r.step)}.`;
    }
    case 'yes-no': {
      if (raw === true || raw === 'yes' || raw === 'true') return { kind: 'boolean', value: true };
      if (raw === false || raw === 'no' || raw === 'false') return { kind: 'boolean', value: false };
      return 'Please answer yes or no.';
    }
    case 'text': {
      if (typeof raw !== 'string') return 'Please type your answer as text.';
      const value = raw.trim();
      if (value.length > r.maxLength) return `Please shorten this to at most ${String(r.maxLength)} characters.`;
      return { kind: 'text', value };
    }
  }
}

/** Is the item asked, given the answers so far? Follow-ups depend on an earlier yes/no. */
export function isAsked(item: ItemDefinition, answers: Answers): boolean {
  if (!item.enableWhen) return true;
  const trigger = answers[item.enableWhen.itemId];
  return trigger?.kind === 'boolean' && trigger.value === item.enableWhen.answer;
}

/**
 * Checks raw answers (form strings or typed values) against the items. Answers to
 * follow-ups that are not asked (tension answered "no") are dropped, not refused:
 * a form without scripts posts every field.
 */
export function checkAnswers(def: InstrumentDefinition, raw: Readonly<Record<string, unknown>>): CheckedAnswers {
  const answers: Record<string, AnswerValue> = {};
  const invalid: ItemProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (!def.items.some((i) => i.id === key) && !isBlank(raw[key])) {
      invalid.push({ itemId: key, message: 'This is not a question on this form.' });
    }
  }
  // Items are in order and follow-ups name earlier items, so one pass settles enableWhen.
  for (const item of def.items) {
    const value = raw[item.id];
    if (isBlank(value) || !isAsked(item, answers)) continue;
    const checked = validateOne(item, value);
    if (typeof checked === 'string') invalid.push({ itemId: item.id, message: checked });
    else if (!(checked.kind === 'text' && checked.value === '')) answers[item.id] = checked;
  }
  const unanswered = def.items
    .filter((i) => i.required && isAsked(i, answers) && answers[i.id] === undefined)
    .filter((i) => !invalid.some((p) => p.itemId === i.id))
    .map((i) => i.id);
  return { answers, invalid, unanswered };
}
