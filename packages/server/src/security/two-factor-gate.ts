import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { errorResponse } from '../http-errors.js';

// Where someone who still has to set up two-step sign-in may go: the set-up pages, signing out, the stylesheet.
const OPEN = [/^\/account\/two-factor(\/|$)/, /^\/logout$/, /^\/assets\//, /^\/healthz$/];

/**
 * When the practice requires two-step sign-in, a signed-in user who has not
 * set it up can do nothing else until they have (ASVS 2.8: enforced, not advised).
 */
export function twoFactorGate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const s = c.get('signedIn');
    if (s && !OPEN.some((p) => p.test(c.req.path))) {
      const sec = deps.store.security;
      if (await sec.requiresTwoFactor(s.practiceId)) {
        const totp = await sec.getTwoFactor(s.practiceId, s.user.id);
        if (!totp?.confirmed) {
          if (c.req.method === 'GET') return c.redirect('/account/two-factor', 303);
          return errorResponse({
            code: 'forbidden',
            message: 'Your practice requires two-step sign-in. Set it up first, then try again.',
          });
        }
      }
    }
    return next();
  };
}
