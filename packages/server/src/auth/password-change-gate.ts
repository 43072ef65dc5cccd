import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { errorResponse } from '../http-errors.js';

// Where someone who must still choose their own password may go: the password page, two-step
// set-up (a practice may require it first), signing out, the stylesheet.
const OPEN = [/^\/account\/password$/, /^\/account\/two-factor(\/|$)/, /^\/logout$/, /^\/assets\//, /^\/healthz$/];

/**
 * A user added by the practice administrator signs in the first time with a password the
 * administrator has seen. Until they choose their own, they can reach nothing else, so the
 * first password works for that one purpose only (ASVS 2.1.x: initial passwords are temporary).
 */
export function passwordChangeGate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const s = c.get('signedIn');
    if (
      s &&
      !OPEN.some((p) => p.test(c.req.path)) &&
      (await deps.store.supervision.passwordChangeDue(s.practiceId, s.user.id))
    ) {
      if (c.req.method === 'GET') return c.redirect('/account/password', 303);
      return errorResponse({
        code: 'forbidden',
        message: 'Please choose your own password first: the one you were given works only for that.',
      });
    }
    return next();
  };
}
