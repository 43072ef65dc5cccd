import { timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '@rapport/core';
import { errorResponse } from './http-errors.js';
import type { AppEnv, Signedin } from './context.js';

/** Forms are small; anything larger is refused before it is read (app.ts). */
export const BODY_LIMIT_BYTES = 64 * 1024;

const TOO_LARGE = {
  code: 'too-large',
  message: 'That was more than a form should hold, so nothing was saved.',
} as const;

/** Node's own request, when the app is served by Node (not under `app.request()` in tests). */
const nodeRequest = (c: Context<AppEnv>): IncomingMessage | undefined =>
  (c.env as Partial<HttpBindings> | undefined)?.incoming;

/**
 * Refuses a body over BODY_LIMIT_BYTES before it is read. A declared length is checked from the
 * header alone, as Hono's limit does; a request Node received over HTTP/1 with no length and no
 * chunking has no body. Only chunked bodies, and every body under `app.request()`, go through
 * Hono's limit, which first builds a web Request around Node's: for a small form post or a page
 * view that was most of what the request cost. (Otherwise the body is read by @hono/node-server
 * straight from Node's request, which also handles a client that leaves mid-body.)
 */
export function limitBody(): MiddlewareHandler<AppEnv> {
  const counted = bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: () => errorResponse(TOO_LARGE) });
  return async (c, next) => {
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (length !== undefined && !chunked) {
      if (parseInt(length, 10) > BODY_LIMIT_BYTES) return errorResponse(TOO_LARGE);
      return next();
    }
    // HTTP/2 may send a body with neither header: only HTTP/1 promises there is none.
    if (!chunked && nodeRequest(c)?.httpVersionMajor === 1) return next();
    return counted(c, next);
  };
}

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
    body = /^application\/x-www-form-urlencoded\b/i.test(type)
      ? urlEncodedFields(await c.req.text())
      : await c.req.parseBody({ all: true });
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

/**
 * A url-encoded body's fields, each name with its values in order (one value: a string). Parsed as
 * a browser's form post is (WHATWG URLSearchParams over the UTF-8 text); repeats are kept so the
 * caller can refuse them. The same rules as Hono's `parseBody`, without the web Response it builds
 * to parse them (a noticeable part of what a client's submission cost).
 */
function urlEncodedFields(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return fields;
}

/** The form's synchronizer token must match the session's (a therapist's or a client home's), beside the Origin check. */
export function csrfMatches(fields: Readonly<Record<string, string>>, signedIn: Pick<Signedin, 'csrf'>): boolean {
  const sent = Buffer.from(fields['_csrf'] ?? '', 'utf8');
  const expected = Buffer.from(signedIn.csrf, 'utf8');
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
