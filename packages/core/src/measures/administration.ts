import { fail, ok, type Result } from '../errors.js';
import type {
  AudienceVersion,
  InstrumentAudience,
  InstrumentDefinition,
  VersionContent,
} from '../instruments/model.js';

/**
 * How a measure is sent to a client: which instrument, which audience version, and
 * at which moment of the session. Pure rules; the server only asks them.
 */

/** The measure a therapist sends unless they choose another: every session, under a minute. */
export const DEFAULT_INSTRUMENT_ID = 'rapport-relationship-check';

/** The skeleton's placeholder check: still readable in old records, never sent again. */
export const PLACEHOLDER_CHECK_ID = 'rapport-session-check';
export const PLACEHOLDER_CHECK_LABEL = 'Earlier placeholder check (before the measures library)';

/**
 * When the client answers: before the session (check-in), just after it (check-out),
 * or the next day (deferred), when the feeling of a session has settled.
 */
export type AdministrationMoment = 'check-in' | 'check-out' | 'deferred';
export const MOMENTS: readonly AdministrationMoment[] = ['check-in', 'check-out', 'deferred'];

/** Audiences a link can be sent to. The therapist mirror is rated by the therapist, not sent. */
export type ClientAudience = Extract<InstrumentAudience, 'adult' | 'young-person' | 'child'>;
export const CLIENT_AUDIENCES: readonly ClientAudience[] = ['adult', 'young-person', 'child'];

export const parseMoment = (raw: string | undefined): Result<AdministrationMoment> =>
  MOMENTS.find((m) => m === raw) !== undefined
    ? ok(raw as AdministrationMoment)
    : fail('invalid-input', 'Choose when the client answers.', { moment: 'Choose check-in, check-out or next day.' });

export const parseClientAudience = (raw: string | undefined): Result<ClientAudience> =>
  CLIENT_AUDIENCES.find((a) => a === raw) !== undefined
    ? ok(raw as ClientAudience)
    : fail('invalid-input', 'Choose the client’s age group.', { audience: 'Choose adult, young person or child.' });

/** A version whose wording is in the library, ready to show. */
export type ShownVersion = AudienceVersion & { readonly content: Extract<VersionContent, { kind: 'included' }> };

const isShown = (v: AudienceVersion): v is ShownVersion => v.content.kind === 'included';

/** The audiences this instrument can be sent to: included wording, not the therapist's mirror. */
export function sendableAudiences(def: InstrumentDefinition): ClientAudience[] {
  return CLIENT_AUDIENCES.filter((a) => def.versions.some((v) => v.audience === a && isShown(v)));
}

/**
 * The version for a client's age group. No stand-in from another age group: a measure
 * written and normed for adults is not silently given to a child.
 *
 * @example versionFor(phq9, 'child') // → fail: 'PHQ-9 has no version for children …'
 */
export function versionFor(def: InstrumentDefinition, audience: ClientAudience): Result<ShownVersion> {
  const v = def.versions.find((x) => x.audience === audience);
  if (v && isShown(v)) return ok(v);
  const who = { adult: 'adults', 'young-person': 'young people (11–17)', child: 'children (6–10)' }[audience];
  return fail('invalid-input', `${def.shortTitle} has no version for ${who} that Rapport can show.`, {
    instrumentId: `Choose a measure with a version for ${who}, or change the client’s age group.`,
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The day of the session an answer belongs to (YYYY-MM-DD, UTC): a check-in and a
 * check-out belong to the day they were given, a deferred rating to the day before.
 * Answers of one session are read together (e.g. alliance beside symptoms).
 */
export function sessionDayOf(at: string, moment: AdministrationMoment): string {
  const t = Date.parse(at) - (moment === 'deferred' ? DAY_MS : 0);
  return new Date(t).toISOString().slice(0, 10);
}
