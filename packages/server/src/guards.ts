import type { Context } from 'hono';
import type { AppEnv, Signedin } from './context.js';
import { csrfMatches, readForm, readFormWithLists } from './forms.js';
import { errorResponse } from './http-errors.js';

/** The signed-in therapist; a GET without one goes to sign-in, anything else gets a 401 page. */
export function therapist(c: Context<AppEnv>): Signedin | Response {
  const s = c.get('signedIn');
  if (s) return s;
  if (c.req.method === 'GET') return c.redirect('/login', 303);
  return errorResponse({ code: 'unauthenticated', message: 'Your session has ended. Please sign in again.' });
}

const expired = (): Response =>
  errorResponse({ code: 'forbidden', message: 'This form has expired. Go back, reload the page and try again.' });

/** A therapist's form post: signed in, readable, and carrying the session's CSRF token. */
export async function therapistForm(
  c: Context<AppEnv>,
): Promise<{ signedIn: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  const s = therapist(c);
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
