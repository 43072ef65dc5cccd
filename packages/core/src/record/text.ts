import { fail, ok, type Result } from '../errors.js';

/** Length limits for the therapist's own record, shared by every edge that accepts these values. */
export const RECORD_LIMITS = {
  /** A session note or a journal entry: room for a long reflection, well inside the form body limit. */
  longText: 10_000,
  /** A boundary event's description: a sentence or two. */
  description: 500,
  /** A boundary event's ethical reflection. */
  reflection: 2_000,
  /** The longest session worth recording, in minutes (a long assessment or an intensive day). */
  minutes: 600,
} as const;

// Control characters hide text in pages and exports; tabs and line breaks are how people write, so they stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Reads free text written by the therapist: line breaks normalised, outer space trimmed, bounded.
 *
 * @example parseRecordText('  I noticed…\r\n', 'text', 10_000, true) // → ok('I noticed…')
 */
export function parseRecordText(raw: string, field: string, max: number, required: true): Result<string>;
export function parseRecordText(raw: string, field: string, max: number, required: false): Result<string | null>;
export function parseRecordText(raw: string, field: string, max: number, required: boolean): Result<string | null> {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') {
    return required
      ? fail('invalid-input', 'There is nothing to save yet.', { [field]: 'Write something before saving.' })
      : ok(null);
  }
  if (text.length > max) {
    return fail('invalid-input', `That is too long: at most ${String(max)} characters.`, {
      [field]: `Use at most ${String(max)} characters (this has ${String(text.length)}).`,
    });
  }
  if (CONTROL.test(text)) {
    return fail('invalid-input', 'The text contains hidden characters that cannot be saved.', {
      [field]: 'Remove the hidden control characters (they often come with pasted text).',
    });
  }
  return ok(text);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Reads a calendar day as `YYYY-MM-DD` (what a date input sends). `today` is the latest day
 * allowed, passed in because core has no clock: the record is of what has happened.
 *
 * @example parseDay('2026-02-29', 'heldOn', '2026-03-02') // → fail: 2026 is not a leap year
 */
export function parseDay(raw: string, field: string, today: string): Result<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const monthDays = (DAYS_IN_MONTH[month - 1] ?? 0) + (month === 2 && isLeap(year) ? 1 : 0);
  if (!m || year < 1900 || day < 1 || day > monthDays) {
    return fail('invalid-input', 'Please give a real date.', { [field]: 'Enter a date such as 2026-03-02.' });
  }
  const value = m[0];
  if (value > today) {
    return fail('invalid-input', 'That date is in the future.', {
      [field]: 'Record what has happened: use today or an earlier date.',
    });
  }
  return ok(value);
}
