import type { Context } from 'hono';
import { holdsClientRecords, type User } from '@rapport/core';
import type { AppEnv, Signedin } from './context.js';
import { csrfMatches, readForm, readFormWithLists } from './forms.js';
import { errorResponse } from './http-errors.js';

/** Anyone signed in; a GET without a session goes to sign-in, anything else gets a 401 page. */
export function signedIn(c: Context<AppEnv>): Signedin | Response {
  const s = c.get('signedIn');
  if (s) return s;
  if (c.req.method === 'GET') return c.redirect('/login', 303);
  return errorResponse({ code: 'unauthenticated', message: 'Your session has ended. Please sign in again.' });
}

/**
 * The signed-in therapist (or practice administrator): someone who holds the practice's client
 * records. A supervisor is refused here, so every route behind this guard (client pages, notes,
 * journal, contracts, home links, the boundary log…) is closed to them by default; what a
 * supervisor may see goes through `routes/supervision.ts` alone.
 */
export function therapist(c: Context<AppEnv>): Signedin | Response {
  const s = signedIn(c);
  if (s instanceof Response || holdsClientRecords(s.user.role)) return s;
  return errorResponse({
    code: 'forbidden',
    message: 'Client records are for the practice’s therapists. Your supervision pages are under Supervision.',
  });
}

const expired = (): Response =>
  errorResponse({ code: 'forbidden', message: 'This form has expired. Go back, reload the page and try again.' });

/** A therapist's form post: signed in, readable, and carrying the session's CSRF token. */
export function therapistForm(
  c: Context<AppEnv>,
): Promise<{ signedIn: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  return guardedForm(c, therapist);
}

/** A form post from anyone signed in (a supervisor included): the route checks what they may do. */
export function signedInForm(
  c: Context<AppEnv>,
): Promise<{ signedIn: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  return guardedForm(c, signedIn);
}

async function guardedForm(
  c: Context<AppEnv>,
  who: (c: Context<AppEnv>) => Signedin | Response,
): Promise<{ signedIn: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  const s = who(c);
  if (s instanceof Response) return s;
  const form = await readForm(c);
  if (!form.ok) return errorResponse(form.error);
  if (!csrfMatches(form.value, s)) return expired();
  return { signedIn: s, fields: form.value };
}

/** As `therapistForm`, for forms with repeatable fields (checkbox groups). */
export async function therapistListForm(
  c: Context<AppEnv>,
  listNames: readonly string[],
): Promise<
  | {
      signedIn: Signedin;
      fields: Readonly<Record<string, string>>;
      lists: Readonly<Record<string, readonly string[]>>;
    }
  | Response
> {
  const s = therapist(c);
  if (s instanceof Response) return s;
  const form = await readFormWithLists(c, listNames);
  if (!form.ok) return errorResponse(form.error);
  if (!csrfMatches(form.value.fields, s)) return expired();
  return { signedIn: s, ...form.value };
}

/** The practice administrator; anyone else signed in gets a 403 page. */
export function practiceAdmin(c: Context<AppEnv>): Signedin | Response {
  const s = signedIn(c);
  if (s instanceof Response || s.user.role === 'practice-admin') return s;
  return errorResponse({ code: 'forbidden', message: 'Only the practice administrator can open this page.' });
}

/** The administrator's form post: as `therapistForm`, for the practice administrator only. */
export function practiceAdminForm(
  c: Context<AppEnv>,
): Promise<{ signedIn: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  return guardedForm(c, practiceAdmin);
}

/** Where a user lands after signing in: a supervisor holds no caseload, so they start at supervision. */
export const landingFor = (user: Pick<User, 'role'>): string =>
  user.role === 'supervisor' ? '/supervision' : '/clients';
