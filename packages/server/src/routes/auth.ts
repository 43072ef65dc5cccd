import { Hono } from 'hono';
import { LIMITS, checkNewPassword, parseEmail, parseName, type DomainError } from '@rapport/core';
import { loginPage, signupPage } from '@rapport/web';
import type { AppEnv, Deps } from '../context.js';
import { burnVerification, hashPassword, verifyPassword } from '../auth/password.js';
import { endSession, startSession } from '../auth/session.js';
import { csrfMatches, readForm } from '../forms.js';
import { landingFor } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import { clientIp } from '../audit.js';
import { commonPasswords } from '../security/common-passwords.js';
import { loginGuardFor, plainWait } from '../security/login-guard.js';
import { startChallenge } from '../security/pending-login.js';
import { tooMany } from './security.js';

const mergeFields = (errors: readonly (DomainError | null)[]): Record<string, string> =>
  Object.assign({}, ...errors.map((e) => e?.fields ?? {})) as Record<string, string>;

/** Sign-up, sign-in and sign-out. */
export function authRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = loginGuardFor(deps.store.security);

  app.get('/', (c) => {
    const s = c.get('signedIn');
    return c.redirect(s ? landingFor(s.user) : '/login', 303);
  });

  app.get('/login', (c) => {
    const s = c.get('signedIn');
    return s ? c.redirect(landingFor(s.user), 303) : c.html(loginPage({}));
  });

  app.post('/login', async (c) => {
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error);
    const email = (form.value['email'] ?? '').trim().toLowerCase();
    const password = form.value['password'] ?? '';
    const ip = clientIp(c, deps);
    const key = email.slice(0, LIMITS.email);
    const wait = await guard.waitMs(key, ip);
    if (wait > 0) {
      return tooMany(`Too many attempts to sign in. Please wait ${plainWait(wait)} and try again.`, wait);
    }
    const login = email.length <= LIMITS.email ? await deps.store.findLogin(email) : null;
    const good = login !== null && login.active ? await verifyPassword(login.passwordHash, password) : false;
    if (login === null) await burnVerification(password);
    if (!good || login === null) {
      await guard.failed(key, ip);
      const error = {
        message: 'The email address or password is not right.',
        fields: { email: 'Check the email address and password and try again.' },
      };
      return c.html(loginPage({ email, error }), 401);
    }
    await guard.succeeded(key, ip);
    const totp = await deps.store.security.getTwoFactor(login.user.practiceId, login.user.id);
    if (totp?.confirmed) {
      await startChallenge(c, deps, login.user);
      return c.redirect('/login/two-factor', 303);
    }
    await startSession(c, deps, login.user);
    deps.logger.info({ event: 'login', userId: login.user.id }, 'signed in');
    return c.redirect(landingFor(login.user), 303);
  });

  app.post('/logout', async (c) => {
    const signedIn = c.get('signedIn');
    const form = await readForm(c);
    if (signedIn && form.ok && !csrfMatches(form.value, signedIn)) {
      return errorResponse({
        code: 'forbidden',
        message: 'This form has expired. Go back, reload the page and try again.',
      });
    }
    await endSession(c, deps);
    return c.html(loginPage({ notice: 'You have signed out.' }));
  });

  app.get('/signup', (c) => c.html(signupPage({ values: {} })));

  app.post('/signup', async (c) => {
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error);
    const f = form.value;
    const practiceName = parseName(f['practiceName'] ?? '', 'practiceName', LIMITS.practiceName, false);
    const name = parseName(f['name'] ?? '', 'name', LIMITS.personName, false);
    const email = parseEmail(f['email'] ?? '');
    const password = checkNewPassword(f['password'] ?? '', commonPasswords(), {
      email: f['email'] ?? '',
      name: f['name'] ?? '',
    });
    const values = { practiceName: f['practiceName'] ?? '', name: f['name'] ?? '', email: f['email'] ?? '' };
    if (!practiceName.ok || !name.ok || !email.ok || !password.ok) {
      const fields = mergeFields([
        practiceName.ok ? null : practiceName.error,
        name.ok ? null : name.error,
        email.ok ? null : email.error,
        password.ok ? null : password.error,
      ]);
      return c.html(signupPage({ values, error: { message: 'Some details need attention.', fields } }), 422);
    }
    const created = await deps.store.createPractice(
      {
        practiceName: practiceName.value,
        admin: { email: email.value, name: name.value, passwordHash: await hashPassword(password.value) },
      },
      deps.clock.now().toISOString(),
    );
    if (!created.ok) {
      return c.html(
        signupPage({ values, error: { message: created.error.message, fields: created.error.fields ?? {} } }),
        409,
      );
    }
    await startSession(c, deps, created.value.user);
    return c.redirect('/clients', 303);
  });

  return app;
}
