import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ClientHome } from '@rapport/storage';
import type { AppEnv, Deps } from '../context.js';
import { csrfTokenFor, newToken, tokenHash } from './tokens.js';

/**
 * The client's home has its own sessions, apart from the therapists': a client's phone may
 * be shared, so a session ends after 15 minutes without a request and after 2 hours whatever
 * happens, and its cookie is sent only to the home's addresses.
 */
export const HOME_IDLE_MS = 15 * 60 * 1000;
export const HOME_ABSOLUTE_MS = 2 * 60 * 60 * 1000;

// `__Host-` needs Path=/; the home cookie is scoped to /h/, so over HTTPS it takes `__Secure-`.
const cookieName = (deps: Deps): string => (deps.config.secureCookies ? '__Secure-rapport_home' : 'rapport_home');

/**
 * SameSite=Strict: the cookie never rides on a request started by another site. Following the
 * link from a text message is such a request, so it shows the lock, as a visit should.
 */
const cookieOptions = (deps: Deps) =>
  ({ httpOnly: true, sameSite: 'Strict', secure: deps.config.secureCookies, path: '/h/' }) as const;

/** An unlocked home: the home as stored now and the CSRF token for its forms. */
export interface UnlockedHome {
  readonly home: ClientHome;
  readonly csrf: string;
}

/** Opens the home: a fresh session (any earlier one in this browser ended first). */
export async function startHomeSession(c: Context<AppEnv>, deps: Deps, home: ClientHome): Promise<void> {
  await endHomeSession(c, deps);
  const token = newToken(32);
  const now = deps.clock.now();
  await deps.store.home.createSession({
    tokenHash: tokenHash(token),
    homeId: home.id,
    practiceId: home.practiceId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + HOME_ABSOLUTE_MS).toISOString(),
  });
  setCookie(c, cookieName(deps), token, cookieOptions(deps));
}

export async function endHomeSession(c: Context<AppEnv>, deps: Deps): Promise<void> {
  const token = getCookie(c, cookieName(deps));
  if (token && token.length <= 64) await deps.store.home.deleteSession(tokenHash(token));
  deleteCookie(c, cookieName(deps), cookieOptions(deps));
}

/**
 * The home this browser has unlocked, if it is the home of `linkHash` and both timeouts
 * hold; a stale session is deleted on sight.
 */
export async function unlockedHome(c: Context<AppEnv>, deps: Deps, linkHash: string): Promise<UnlockedHome | null> {
  const token = getCookie(c, cookieName(deps));
  if (!token || token.length > 64) return null;
  const hash = tokenHash(token);
  const found = await deps.store.home.findSession(hash);
  if (!found) return null;
  const now = deps.clock.now().getTime();
  const fresh = now < Date.parse(found.session.expiresAt) && now - Date.parse(found.session.lastSeenAt) < HOME_IDLE_MS;
  if (!fresh) {
    await deps.store.home.deleteSession(hash);
    return null;
  }
  // A session opens only the home it was started for.
  if (found.home.tokenHash !== linkHash) return null;
  // Touch at most once a minute: reads should not all become writes.
  if (now - Date.parse(found.session.lastSeenAt) > 60_000) {
    await deps.store.home.touchSession(hash, new Date(now).toISOString());
  }
  return { home: found.home, csrf: csrfTokenFor(token) };
}
