import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { LoginChallenge } from '@rapport/storage';
import type { User } from '@rapport/core';
import type { AppEnv, Deps } from '../context.js';
import { newToken, tokenHash } from '../auth/tokens.js';

/** Five minutes to type the code after the password was accepted. */
export const CHALLENGE_MS = 5 * 60 * 1000;

const cookieName = (deps: Deps): string => (deps.config.secureCookies ? '__Host-rapport_pending' : 'rapport_pending');
const cookieOptions = (deps: Deps) =>
  ({ httpOnly: true, sameSite: 'Lax', secure: deps.config.secureCookies, path: '/' }) as const;

/**
 * Password accepted, second factor to come. No session exists until the code
 * is right: the pending cookie opens nothing but the code page.
 */
export async function startChallenge(c: Context<AppEnv>, deps: Deps, user: User): Promise<void> {
  const token = newToken(32);
  await deps.store.security.createLoginChallenge(tokenHash(token), {
    userId: user.id,
    practiceId: user.practiceId,
    expiresAt: new Date(deps.clock.now().getTime() + CHALLENGE_MS).toISOString(),
  });
  setCookie(c, cookieName(deps), token, cookieOptions(deps));
}

/** The pending sign-in for this browser, if it is still fresh. */
export async function findChallenge(
  c: Context<AppEnv>,
  deps: Deps,
): Promise<{ readonly hash: string; readonly challenge: LoginChallenge } | null> {
  const token = getCookie(c, cookieName(deps));
  if (!token || token.length > 64) return null;
  const hash = tokenHash(token);
  const challenge = await deps.store.security.findLoginChallenge(hash, deps.clock.now().toISOString());
  return challenge ? { hash, challenge } : null;
}

export async function endChallenge(c: Context<AppEnv>, deps: Deps, hash: string): Promise<void> {
  await deps.store.security.deleteLoginChallenge(hash);
  deleteCookie(c, cookieName(deps), cookieOptions(deps));
}
