import { fail, ok, type Result } from '../errors.js';
import { parseDay } from '../record/text.js';

/**
 * Endings: preparing for the last session, ending an episode (planned or not), the client's
 * ending review, the one gentle check-in after an unplanned ending, and a follow-up later on.
 * Pure rules; the clock comes in as `today` (YYYY-MM-DD, UK).
 */

export const ENDING_KINDS = ['planned', 'unplanned'] as const;
export type EndingKind = (typeof ENDING_KINDS)[number];

/** Why an ending was not planned. Kept short: the therapist's own notes hold the story. */
export const UNPLANNED_REASONS = ['stopped-coming', 'moved-away', 'other'] as const;
export type UnplannedReason = (typeof UNPLANNED_REASONS)[number];
export const UNPLANNED_REASON_LABELS: Readonly<Record<UnplannedReason, string>> = {
  'stopped-coming': 'The client stopped coming',
  'moved-away': 'The client moved away',
  other: 'Another reason',
};

export const ENDING_KIND_LABELS: Readonly<Record<EndingKind, string>> = {
  planned: 'Planned ending',
  unplanned: 'Unplanned ending',
};

/** How an episode ended, on which day. */
export type Ending =
  | { readonly kind: 'planned'; readonly endedOn: string }
  | { readonly kind: 'unplanned'; readonly reason: UnplannedReason; readonly endedOn: string };

/** What therapist and client agreed about the ending: sessions left, a last date, or both. */
export interface Preparation {
  readonly sessionsLeft: number | null;
  readonly endOn: string | null;
}

export const ENDING_LIMITS = {
  /** A year of weekly sessions: more is not an ending being prepared. */
  sessionsLeft: 52,
  /** How far ahead a planned last date may lie. */
  planAheadDays: 730,
} as const;

/** The instruments the ending sends. Both are Rapport's own, adult wording. */
export const ENDING_REVIEW_ID = 'rapport-ending-review';
export const UNPLANNED_CHECK_IN_ID = 'rapport-unplanned-ending';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day `days` after `day` (both YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A calendar day `months` after `day`, kept to the last day of a shorter month.
 *
 * @example addMonths('2026-01-31', 1) // → '2026-02-28'
 */
export function addMonths(day: string, months: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A real calendar day, any time (parseDay's check without its "not in the future" limit). */
const realDay = (raw: string, field: string): Result<string> => parseDay(raw, field, '9999-12-31');

/**
 * Reads the "preparing the ending" form: a whole number of sessions left (1–52), a last date
 * from today up to two years ahead, or both. Every problem is reported at once.
 *
 * @example parsePreparation({ sessionsLeft: '3', endOn: '' }, '2026-03-02') // → ok({ sessionsLeft: 3, endOn: null })
 */
export function parsePreparation(
  fields: Readonly<Record<string, string | undefined>>,
  today: string,
): Result<Preparation> {
  const problems: Record<string, string> = {};
  const rawLeft = (fields['sessionsLeft'] ?? '').trim();
  const rawEnd = (fields['endOn'] ?? '').trim();
  let sessionsLeft: number | null = null;
  if (rawLeft !== '') {
    const n = /^\d{1,3}$/.test(rawLeft) ? Number(rawLeft) : NaN;
    if (!(n >= 1 && n <= ENDING_LIMITS.sessionsLeft)) {
      problems['sessionsLeft'] = `Give a whole number of sessions from 1 to ${String(ENDING_LIMITS.sessionsLeft)}.`;
    } else sessionsLeft = n;
  }
  let endOn: string | null = null;
  if (rawEnd !== '') {
    const day = realDay(rawEnd, 'endOn');
    if (!day.ok) Object.assign(problems, day.error.fields);
    else if (day.value < today) problems['endOn'] = 'Choose today or a later date for the last session.';
    else if (day.value > addDays(today, ENDING_LIMITS.planAheadDays)) {
      problems['endOn'] = 'Choose a date within two years.';
    } else endOn = day.value;
  }
  if (Object.keys(problems).length > 0) return fail('invalid-input', 'Some details need attention.', problems);
  if (sessionsLeft === null && endOn === null) {
    return fail('invalid-input', 'Give the number of sessions left, the date of the last session, or both.', {
      sessionsLeft: 'Give the number of sessions left, or a date below.',
    });
  }
  return ok({ sessionsLeft, endOn });
}

/**
 * Sessions still to come: the number agreed less the sessions attended after the day it was
 * agreed. A cancelled or missed session is not one of the agreed sessions, so it does not count.
 */
export function sessionsRemaining(sessionsLeft: number, attendedSince: number): number {
  return Math.max(0, sessionsLeft - attendedSince);
}

/**
 * Reads the "end the episode" form: planned or unplanned (with a reason), on a day from the
 * episode's first day up to today.
 */
export function parseEnding(
  fields: Readonly<Record<string, string | undefined>>,
  limits: { readonly today: string; readonly openedOn: string },
): Result<Ending> {
  const problems: Record<string, string> = {};
  const kind = ENDING_KINDS.find((k) => k === fields['kind']);
  if (!kind) problems['kind'] = 'Choose a planned or an unplanned ending.';
  const reason = UNPLANNED_REASONS.find((r) => r === fields['reason']);
  if (kind === 'unplanned' && !reason) problems['reason'] = 'Choose why the ending was not planned.';
  const day = parseDay(fields['endedOn'] ?? '', 'endedOn', limits.today);
  if (!day.ok) Object.assign(problems, day.error.fields);
  else if (day.value < limits.openedOn) problems['endedOn'] = 'The ending cannot come before the episode began.';
  if (Object.keys(problems).length > 0 || !kind || !day.ok) {
    return fail('invalid-input', 'Some details need attention.', problems);
  }
  if (kind === 'planned') return ok({ kind, endedOn: day.value });
  return reason ? ok({ kind, reason, endedOn: day.value }) : fail('invalid-input', 'Some details need attention.');
}

/** Follow-up intervals offered after an ending, in months. */
export const FOLLOW_UP_MONTHS = [1, 3, 6] as const;
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];

export function parseFollowUpMonths(raw: string | undefined): Result<FollowUpMonths> {
  const found = FOLLOW_UP_MONTHS.find((m) => String(m) === (raw ?? '').trim());
  return found
    ? ok(found)
    : fail('invalid-input', 'Choose when to follow up.', { months: 'Choose 1, 3 or 6 months after the ending.' });
}

/** A follow-up as stored: when it falls due and, once sent, when. */
export interface FollowUp {
  readonly months: FollowUpMonths;
  readonly dueOn: string;
  readonly sentAt: string | null;
}

export type FollowUpStatus = 'none' | 'scheduled' | 'due' | 'sent';

/** Where a follow-up stands today: nothing is scheduled by a background job, it is read from the date. */
export function followUpStatus(followUp: FollowUp | null, today: string): FollowUpStatus {
  if (!followUp) return 'none';
  if (followUp.sentAt !== null) return 'sent';
  return followUp.dueOn <= today ? 'due' : 'scheduled';
}

/** What the ending sends the client: the review, the check-in after an unplanned ending, the follow-up. */
export type EndingLinkPurpose = 'review' | 'check-in' | 'follow-up';

/** What decides whether an ending link may be sent now. */
export interface EndingLinkState {
  readonly episode: 'open' | 'closed';
  readonly ending: Ending | null;
  readonly reviewAnswered: boolean;
  readonly checkInSent: boolean;
  readonly followUp: FollowUp | null;
  readonly today: string;
}

/**
 * Whether the ending may send this link now. The ending review goes while the episode is open or
 * after a planned ending, until it is answered. The check-in after an unplanned ending goes once
 * only: the client owes nothing, and a second message would press them. A follow-up goes when due.
 */
export function endingLinkAllowed(purpose: EndingLinkPurpose, s: EndingLinkState): Result<void> {
  switch (purpose) {
    case 'review':
      if (s.reviewAnswered) return fail('conflict', 'The client has already answered the ending review.');
      if (s.episode === 'open' || s.ending?.kind === 'planned') return ok(undefined);
      return fail(
        'conflict',
        s.ending?.kind === 'unplanned'
          ? 'After an unplanned ending the gentle check-in takes the place of the ending review.'
          : 'This episode was closed without an ending being recorded, so no ending review can be sent.',
      );
    case 'check-in':
      if (s.episode !== 'closed' || s.ending?.kind !== 'unplanned') {
        return fail('conflict', 'The check-in is only for an episode that ended without a plan.');
      }
      if (s.checkInSent) {
        return fail(
          'conflict',
          'The check-in has already been sent. It is sent once only, so the client is not pressed.',
        );
      }
      return ok(undefined);
    case 'follow-up': {
      const status = followUpStatus(s.followUp, s.today);
      if (s.episode !== 'closed' || !s.ending || status === 'none') {
        return fail('conflict', 'Choose when to follow up after the ending first.');
      }
      if (status === 'sent') return fail('conflict', 'The follow-up has already been sent.');
      if (status === 'scheduled') {
        return fail('conflict', `The follow-up is not due until ${s.followUp?.dueOn ?? 'later'}.`);
      }
      return ok(undefined);
    }
  }
}

/** A follow-up can be chosen, or changed, once the episode has ended and until it is sent. */
export function followUpSchedulable(s: Pick<EndingLinkState, 'episode' | 'ending' | 'followUp'>): Result<void> {
  if (s.episode !== 'closed' || !s.ending) return fail('conflict', 'End the episode before choosing a follow-up.');
  if (s.followUp?.sentAt) return fail('conflict', 'The follow-up has already been sent.');
  return ok(undefined);
}
