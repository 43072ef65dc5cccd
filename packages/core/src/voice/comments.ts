import { fail, ok, type Result } from '../errors.js';
import type { Answers } from '../instruments/answers.js';
import type { InstrumentDefinition } from '../instruments/model.js';
import { DEFAULT_INSTRUMENT_ID } from '../measures/administration.js';

/**
 * The client's own words on a check ("anything you would like more of, or less of?"): kept
 * apart from the scored answers, and shared with the therapist now or held until the client's
 * next session, as the client chooses.
 */

/** The free-text item of the relationship check that carries the client's comment. */
export const COMMENT_ITEM = 'more-or-less';
/** The form field for the client's choice of when the therapist sees the comment. */
export const COMMENT_HOLD_FIELD = 'comment-hold';

/** `now`: the therapist sees it at once; `next-session`: only once the next check-in is in. */
export type CommentHold = 'now' | 'next-session';
export const COMMENT_HOLDS: readonly CommentHold[] = ['now', 'next-session'];

/** The item that carries a comment on this instrument, if it has one. */
export function commentItemOf(def: InstrumentDefinition): string | null {
  if (def.id !== DEFAULT_INSTRUMENT_ID) return null;
  return def.items.some((i) => i.id === COMMENT_ITEM && i.response.kind === 'text') ? COMMENT_ITEM : null;
}

/** The client's choice; sharing now when nothing was chosen, as the form's first option says. */
export function parseCommentHold(raw: string | undefined): Result<CommentHold> {
  if (raw === undefined || raw === '') return ok('now');
  const hold = COMMENT_HOLDS.find((h) => h === raw);
  return hold
    ? ok(hold)
    : fail('invalid-input', 'Please choose when your counsellor sees your comment.', {
        [COMMENT_HOLD_FIELD]: 'Choose “Now” or “At my next session”.',
      });
}

/** The comment's text out of the answers (trimmed, as scoring keeps it), and the answers without it. */
export function splitComment(
  answers: Answers,
  item: string | null,
): { readonly comment: string | null; readonly answers: Answers } {
  if (item === null) return { comment: null, answers };
  const { [item]: given, ...rest } = answers;
  const text = given?.kind === 'text' ? given.value.trim() : '';
  return { comment: text === '' ? null : text, answers: rest };
}

/** What the shown/held rule reads about one comment. */
export interface CommentFacts {
  readonly episodeId: string;
  readonly hold: CommentHold;
  readonly writtenAt: string;
}

/**
 * Whether the therapist may read a comment now: at once if the client shared it now; if held,
 * only after a check-in of the same episode was submitted after it was written (the client's
 * next session has begun). `checkIns` are the submission times of complete check-ins.
 */
export function commentShown(
  comment: CommentFacts,
  checkIns: readonly { readonly episodeId: string; readonly at: string }[],
): boolean {
  if (comment.hold === 'now') return true;
  return checkIns.some((c) => c.episodeId === comment.episodeId && c.at > comment.writtenAt);
}
