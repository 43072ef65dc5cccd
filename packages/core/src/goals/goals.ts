import { fail, ok, type Result } from '../errors.js';

/**
 * A client's own goals, written in their own words and rated 0–10, after Law &
 * Jacob's goal-based outcomes (2015): up to three at a time, each rating read against
 * the goal's own earlier ratings, never against other people's.
 */
export const GOAL_RULES = {
  /** Three goals at once, as goal-based outcomes suggests: enough to matter, few enough to hold in mind. */
  maxActive: 3,
  wordingMin: 3,
  wordingMax: 200,
  ratingMin: 0,
  ratingMax: 10,
} as const;

export type GoalStatus = 'active' | 'retired';

/** One wording of a goal. A goal reworded keeps every earlier wording, oldest first. */
export interface GoalWording {
  readonly version: number;
  readonly text: string;
  readonly writtenAt: string;
}

export interface GoalRating {
  readonly rating: number;
  readonly ratedAt: string;
}

export interface Goal {
  readonly id: string;
  readonly status: GoalStatus;
  readonly createdAt: string;
  readonly retiredAt: string | null;
  /** Oldest first; never empty. */
  readonly wordings: readonly GoalWording[];
  /** Oldest first. */
  readonly ratings: readonly GoalRating[];
}

/** The goal as it reads now: its latest wording. */
export const currentWording = (goal: Goal): string => goal.wordings[goal.wordings.length - 1]?.text ?? '';

/**
 * A goal's words, trimmed and with runs of spaces made one. Markup is not removed:
 * the words are kept exactly as typed and escaped wherever they are shown.
 *
 * @example parseGoalWording('  Sleep   better ') // → ok('Sleep better')
 */
export function parseGoalWording(raw: string, field = 'text'): Result<string> {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text.length < GOAL_RULES.wordingMin) {
    return fail('invalid-input', 'Please write your goal in a few words.', {
      [field]: `Write at least ${String(GOAL_RULES.wordingMin)} letters.`,
    });
  }
  if (text.length > GOAL_RULES.wordingMax) {
    return fail('invalid-input', 'That goal is too long.', {
      [field]: `Use ${String(GOAL_RULES.wordingMax)} letters or fewer.`,
    });
  }
  // Control characters can hide text in exports and logs.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return fail('invalid-input', 'That goal has hidden characters in it.', { [field]: 'Please type it again.' });
  }
  return ok(text);
}

/** A new goal is refused while three are active: retire one first. */
export function canAddGoal(activeCount: number): Result<void> {
  return activeCount < GOAL_RULES.maxActive
    ? ok(undefined)
    : fail('conflict', `You can have ${String(GOAL_RULES.maxActive)} goals at a time. Put one away to add a new one.`);
}

/** A rating is a whole number from 0 (not started) to 10 (reached). */
export function parseGoalRating(raw: string | undefined, field: string): Result<number> {
  const value = (raw ?? '').trim();
  const n = Number(value);
  if (!/^\d{1,2}$/.test(value) || n < GOAL_RULES.ratingMin || n > GOAL_RULES.ratingMax) {
    return fail('invalid-input', 'Please pick a number for each goal.', {
      [field]: `Pick a number from ${String(GOAL_RULES.ratingMin)} to ${String(GOAL_RULES.ratingMax)}.`,
    });
  }
  return ok(n);
}

/**
 * The ratings of one check-in: a number for each active goal the client chose to rate,
 * at least one. A rating for a goal that is not active is refused, not ignored.
 */
export function parseGoalRatings(
  activeGoalIds: readonly string[],
  fields: Readonly<Record<string, string>>,
  prefix = 'rating.',
): Result<readonly { readonly goalId: string; readonly rating: number }[]> {
  const out: { goalId: string; rating: number }[] = [];
  const problems: Record<string, string> = {};
  for (const [name, raw] of Object.entries(fields)) {
    if (!name.startsWith(prefix)) continue;
    const goalId = name.slice(prefix.length);
    if (!activeGoalIds.includes(goalId)) return fail('invalid-input', 'One of those goals has been put away.');
    if (raw.trim() === '') continue;
    const r = parseGoalRating(raw, name);
    if (r.ok) out.push({ goalId, rating: r.value });
    else Object.assign(problems, r.error.fields);
  }
  if (Object.keys(problems).length > 0) return fail('invalid-input', 'Please pick a number for each goal.', problems);
  if (out.length === 0) return fail('invalid-input', 'Pick a number for at least one goal.');
  return ok(out);
}

/** A move in a goal's rating that is larger than chance wobble, first rating against latest. */
export interface GoalChange {
  readonly first: number;
  readonly latest: number;
  readonly change: number;
  /** Jacobson & Truax (1991): reliable only when |change| exceeds the reliable-change value. */
  readonly reliable: boolean;
  readonly direction: 'up' | 'down' | 'same';
}

/**
 * How a goal has moved since its first rating. `reliableChangeValue` comes from the
 * goal-based outcomes definition (Edbrooke-Childs et al. 2015: about 2.45 points).
 *
 * @example goalChange([{ rating: 2 }, { rating: 6 }], 2.45) // → { change: 4, reliable: true, direction: 'up' }
 */
export function goalChange(
  ratings: readonly Pick<GoalRating, 'rating'>[],
  reliableChangeValue: number,
): GoalChange | null {
  const first = ratings[0];
  const last = ratings[ratings.length - 1];
  if (!first || !last || ratings.length < 2) return null;
  const change = last.rating - first.rating;
  return {
    first: first.rating,
    latest: last.rating,
    change,
    reliable: Math.abs(change) > reliableChangeValue,
    direction: change > 0 ? 'up' : change < 0 ? 'down' : 'same',
  };
}
