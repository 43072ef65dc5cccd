import { fail, ok, type Result } from '../errors.js';

/**
 * A client's note on one point of their progress ("this dip was when my dad was ill").
 * The client decides, note by note, whether their counsellor sees it.
 */
export type NoteVisibility = 'shared' | 'private';

export const NOTE_RULES = { textMax: 500 } as const;

/** Which line a note belongs to: an instrument's totals, or one goal's ratings. */
export type ProgressSeries =
  { readonly kind: 'measure'; readonly instrumentId: string } | { readonly kind: 'goal'; readonly goalId: string };

export const seriesKey = (s: ProgressSeries): string =>
  s.kind === 'measure' ? `measure:${s.instrumentId}` : `goal:${s.goalId}`;

/** Reads a series key back; ids are our own (instrument ids, UUIDs), so anything else is refused. */
export function parseSeriesKey(raw: string): Result<ProgressSeries> {
  const m = /^(measure|goal):([a-z0-9-]{1,64})$/.exec(raw);
  if (!m?.[1] || !m[2]) return fail('invalid-input', 'Please choose a point on a chart.', { point: 'Choose a point.' });
  return ok(m[1] === 'measure' ? { kind: 'measure', instrumentId: m[2] } : { kind: 'goal', goalId: m[2] });
}

/** The note's words, trimmed; kept as typed (markup included) and escaped when shown. */
export function parseNoteText(raw: string): Result<string> {
  const text = raw.trim();
  if (text === '') return fail('invalid-input', 'Please write your note.', { note: 'Write a few words.' });
  if (text.length > NOTE_RULES.textMax) {
    return fail('invalid-input', 'That note is too long.', {
      note: `Use ${String(NOTE_RULES.textMax)} letters or fewer.`,
    });
  }
  // Line breaks are welcome in a note; other control characters are not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    return fail('invalid-input', 'That note has hidden characters in it.', { note: 'Please type it again.' });
  }
  return ok(text);
}

/** Private unless the client chose to share: a note never reaches the counsellor by default. */
export function parseVisibility(raw: string | undefined): Result<NoteVisibility> {
  if (raw === undefined || raw === '' || raw === 'private') return ok('private');
  if (raw === 'shared') return ok('shared');
  return fail('invalid-input', 'Please choose who can see this note.', { visibility: 'Choose one.' });
}

/**
 * The number every home form carries: the state of the home it was drawn from. A write
 * is accepted only while the home is still at that number, and moves it on, so a form
 * sent twice (a double click, the back button, a second tab) saves once.
 */
export function parseRevision(raw: string | undefined): Result<number> {
  const value = raw ?? '';
  if (!/^\d{1,9}$/.test(value)) {
    return fail('invalid-input', 'This page is out of date. Please go back to your page and try again.');
  }
  return ok(Number(value));
}
