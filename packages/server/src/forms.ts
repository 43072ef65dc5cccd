import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { fail, ok, type Result } from '@rapport/core';
import type { AppEnv, Signedin } from './context.js';

/** Reads a submitted form as plain strings; files, repeated fields and malformed bodies are refused, not guessed at. */
export async function readForm(c: Context<AppEnv>): Promise<Result<Readonly<Record<string, string>>>> {
  const form = await readFormWithLists(c, []);
  return form.ok ? ok(form.value.fields) : form;
}

/**
 * Reads a form whose named fields may repeat (checkbox groups); every other
 * field must appear once, as in `readForm`.
 */
export async function readFormWithLists(
  c: Context<AppEnv>,
  listNames: readonly string[],
): Promise<
  Result<{
    readonly fields: Readonly<Record<string, string>>;
    readonly lists: Readonly<Record<string, readonly string[]>>;
  }>
> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(type)) {
    return fail(
      'invalid-input',
      'This form was sent in a way Rapport does not accept. Please use the form on the page.',
    );
  }
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return fail('invalid-input', 'The form could not be read. Please try again.');
  }
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = Object.fromEntries(listNames.map((n) => [n, []]));
  for (const [key, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string')) return fail('invalid-input', 'Files cannot be sent with this form.');
    const strings = values as string[];
    if (listNames.includes(key)) lists[key] = strings;
    else if (strings.length === 1 && strings[0] !== undefined) fields[key] = strings[0];
    else return fail('invalid-input', `The field “${key.slice(0, 40)}” was sent more than once.`);
  }
  return ok({ fields, lists });
}

/** The form's synchronizer token must match the session's (a therapist's or a client home's), beside the Origin check. */
export function csrfMatches(fields: Readonly<Record<string, string>>, signedIn: Pick<Signedin, 'csrf'>): boolean {
  const sent = Buffer.from(fields['_csrf'] ?? '', 'utf8');
  const expected = Buffer.from(signedIn.csrf, 'utf8');
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
