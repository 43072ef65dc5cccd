import { fail, ok, type Result } from '../errors.js';
import { SETTINGS, SETTING_LABELS, type Setting } from '../frame/frame.js';
import type { Brand, EpisodeId, PracticeId, UserId } from '../ids.js';
import { RECORD_LIMITS, parseDay } from './text.js';

export type EpisodeSessionId = Brand<string, 'EpisodeSessionId'>;
export const asEpisodeSessionId = (s: string): EpisodeSessionId => s as EpisodeSessionId;

/**
 * How a session took place. The same four as a contract's settings, so a session can be
 * set beside the frame that was agreed for it (a video contract, a telephone session).
 */
export const SESSION_MODALITIES = SETTINGS;
export type SessionModality = Setting;
export const MODALITY_LABELS: Readonly<Record<SessionModality, string>> = SETTING_LABELS;

export const ATTENDANCE = ['attended', 'cancelled', 'did-not-attend'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Readonly<Record<Attendance, string>> = {
  attended: 'Attended',
  cancelled: 'Cancelled',
  'did-not-attend': 'Did not attend',
};

/** Only a session that took place has a length; a cancelled or missed one has none to record. */
export type SessionAttendance =
  | { readonly attendance: 'attended'; readonly minutes: number | null }
  | { readonly attendance: 'cancelled' }
  | { readonly attendance: 'did-not-attend' };

/** What the therapist records about a session. */
export type NewSession = { readonly heldOn: string; readonly modality: SessionModality } & SessionAttendance;

/** One session of an episode, as recorded. `heldOn` is a calendar day, `YYYY-MM-DD`. */
export type EpisodeSession = NewSession & {
  readonly id: EpisodeSessionId;
  readonly practiceId: PracticeId;
  readonly episodeId: EpisodeId;
  readonly recordedBy: UserId;
  readonly recordedAt: string;
};

const isModality = (s: string): s is SessionModality => (SESSION_MODALITIES as readonly string[]).includes(s);
const isAttendance = (s: string): s is Attendance => (ATTENDANCE as readonly string[]).includes(s);

/**
 * Reads the "add a session" form. Every problem is reported at once, keyed by field.
 *
 * @example parseSession({ heldOn: '2026-03-02', modality: 'video', attendance: 'attended', minutes: '50' }, '2026-03-02')
 */
export function parseSession(fields: Readonly<Record<string, string | undefined>>, today: string): Result<NewSession> {
  const problems: Record<string, string> = {};
  const day = parseDay(fields['heldOn'] ?? '', 'heldOn', today);
  if (!day.ok) Object.assign(problems, day.error.fields);
  const modality = fields['modality'] ?? '';
  if (!isModality(modality)) problems['modality'] = 'Choose in person, telephone, video, or text or chat.';
  const attendance = fields['attendance'] ?? '';
  if (!isAttendance(attendance)) problems['attendance'] = 'Choose attended, cancelled or did not attend.';
  const rawMinutes = (fields['minutes'] ?? '').trim();
  let minutes: number | null = null;
  if (rawMinutes !== '') {
    const n = Number(rawMinutes);
    if (!/^\d+$/.test(rawMinutes) || n < 1 || n > RECORD_LIMITS.minutes) {
      problems['minutes'] =
        `Give the length as whole minutes from 1 to ${String(RECORD_LIMITS.minutes)}, or leave it blank.`;
    } else if (attendance !== 'attended') {
      problems['minutes'] = 'Only a session that took place has a length: leave this blank.';
    } else minutes = n;
  }
  if (Object.keys(problems).length > 0 || !day.ok || !isModality(modality) || !isAttendance(attendance)) {
    return fail('invalid-input', 'The session was not saved: some details need attention.', problems);
  }
  const base = { heldOn: day.value, modality };
  return ok(attendance === 'attended' ? { ...base, attendance, minutes } : { ...base, attendance });
}
