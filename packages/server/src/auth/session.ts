import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '@rapport/core';
import type { AppEnv, Deps } from '../context.js';
import { csrfTokenFor, newToken, tokenHash } from './tokens.js';

/** Sessions end after an hour without a request, and after twelve hours whatever happens. */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

const cookieName = (deps: Deps): string => (deps.config.secureCookies ? '__Host-rapport_session' : 'rapport_session');

const cookieOptions = (deps: Deps) =>
  ({
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    path: '/',
  }) as const;

/**
 * Starts a fresh session (any earlier one is deleted: rotation on sign-in and
 * on privilege change) and returns its CSRF token for a page rendered in the same response.
 */
export async function startSession(c: Context<AppEnv>, deps: Deps, user: User): Promise<string> {
  await endSession(c, deps);
  const token = newToken(32);
  const now = deps.clock.now();
  await deps.store.createSession({
    tokenHash: tokenHash(token),
    userId: user.id,
    practiceId: user.practiceId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  });
  setCookie(c, cookieName(deps), token, cookieOptions(deps));
  return csrfTokenFor(token);
}

export async function endSession(c: Context<AppEnv>, deps: Deps): Promise<void> {
  const token = getCookie(c, cookieName(deps));
  if (token) await deps.store.deleteSession(tokenHash(token));
  deleteCookie(c, cookieName(deps), cookieOptions(deps));
}

/** Finds the signed-in therapist, if any, and enforces both timeouts. */
export function loadSession(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('signedIn', null);
    const token = getCookie(c, cookieName(deps));
    if (token && token.length <= 64) {
      const hash = tokenHash(token);
      const session = await deps.store.findSession(hash);
      const now = deps.clock.now();
      const fresh =
        session !== null &&
        now.getTime() < Date.parse(session.expiresAt) &&
        now.getTime() - Date.parse(session.lastSeenAt) < SESSION_IDLE_MS;
      if (session && fresh) {
        const [user, practice] = await Promise.all([
          deps.store.getUser(session.practiceId, session.userId),
          deps.store.getPractice(session.practiceId),
        ]);
        if (user && practice) {
          c.set('signedIn', {
            user,
            practiceId: practice.id,
            practiceName: practice.name,
            sessionTokenHash: hash,
            csrf: csrfTokenFor(token),
          });
          // Touch at most once a minute: reads should not all become writes.
          if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
            await deps.store.touchSession(hash, now.toISOString());
          }
        }
      } else if (session) {
        await deps.store.deleteSession(hash);
      }
    }
    await next();
  };
}
