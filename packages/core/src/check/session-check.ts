import { fail, ok, type Result } from '../errors.js';

/**
 * The skeleton's placeholder for the session relationship check. It is a
 * Rapport measure written in our own words and is NOT validated: no cut-offs,
 * change is read only within the client. The full instrument model and library
 * replace it with the measures work (issue 3); its id and version stay stable so
 * stored administrations keep their meaning.
 */
export interface RatingItem {
  readonly id: string;
  /** The question as the client reads it. */
  readonly prompt: string;
  /** What 0 and 10 mean, shown at the ends of the scale. */
  readonly lowAnchor: string;
  readonly highAnchor: string;
}

export interface CheckInstrument {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly intro: string;
  /** Shown wherever the measure appears, so no one mistakes it for a validated scale. */
  readonly provenance: 'Rapport measure — not validated';
  readonly items: readonly RatingItem[];
  readonly min: 0;
  readonly max: 10;
}

export const SESSION_CHECK: CheckInstrument = {
  id: 'rapport-session-check',
  version: 0,
  title: 'How was today’s session?',
  intro:
    'Four quick ratings about how today went between us. Honest, less-than-perfect answers are the most useful: they help your counsellor adjust.',
  provenance: 'Rapport measure — not validated',
  min: 0,
  max: 10,
  items: [
    {
      id: 'bond',
      prompt: 'I felt my counsellor and I were connected today.',
      lowAnchor: 'Not at all',
      highAnchor: 'Completely',
    },
    {
      id: 'goals',
      prompt: 'We worked on what I wanted to work on.',
      lowAnchor: 'Not at all',
      highAnchor: 'Completely',
    },
    {
      id: 'approach',
      prompt: 'The way we worked suited me.',
      lowAnchor: 'Not at all',
      highAnchor: 'Completely',
    },
    {
      id: 'overall',
      prompt: 'Overall, today’s session was right for me.',
      lowAnchor: 'Not at all',
      highAnchor: 'Completely',
    },
  ],
};

export interface ScoredCheck {
  /** Answers exactly as given, as whole numbers in range. */
  readonly answers: Readonly<Record<string, number>>;
  /** Mean of the item ratings, 0–10, one decimal place. */
  readonly score: number;
}

/**
 * Validates raw form answers and scores them. Every item is required: a partial
 * check is refused, never prorated, because the measure has no missing-item rule.
 *
 * @example scoreCheck(SESSION_CHECK, { bond: '8', goals: '6', approach: '7', overall: '7' })
 *          // → ok({ answers: {...}, score: 7 })
 */
export function scoreCheck(
  instrument: CheckInstrument,
  raw: Readonly<Record<string, string | undefined>>,
): Result<ScoredCheck> {
  const answers: Record<string, number> = {};
  const problems: Record<string, string> = {};
  for (const item of instrument.items) {
    const value = raw[item.id]?.trim() ?? '';
    if (value === '') {
      problems[item.id] = 'Please choose a number for this question.';
      continue;
    }
    const n = Number(value);
    if (!/^\d{1,2}$/.test(value) || n < instrument.min || n > instrument.max) {
      problems[item.id] = `Choose a whole number from ${String(instrument.min)} to ${String(instrument.max)}.`;
      continue;
    }
    answers[item.id] = n;
  }
  if (Object.keys(problems).length > 0) {
    return fail('invalid-input', 'Some questions still need an answer.', problems);
  }
  const values = instrument.items.map((i) => answers[i.id] ?? 0);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return ok({ answers, score: Math.round(mean * 10) / 10 });
}
