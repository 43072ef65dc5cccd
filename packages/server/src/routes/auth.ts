import { Hono } from 'hono';
import { LIMITS, checkPassword, parseEmail, parseName, type DomainError } from '@rapport/core';
import { loginPage, signupPage } from '@rapport/web';
import type { AppEnv, Deps } from '../context.js';
import { burnVerification, hashPassword, verifyPassword } from '../auth/password.js';
import { endSession, startSession } from '../auth/session.js';
import { csrfMatches, readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';

const mergeFields = (errors: readonly (DomainError | null)[]): Record<string, string> =>
  Object.assign({}, ...errors.map((e) => e?.fields ?? {})) as Record<string, string>;

/** Sign-up, sign-in and sign-out. */
export function authRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.redirect(c.get('signedIn') ? '/clients' : '/login', 303));

  app.get('/login', (c) => (c.get('signedIn') ? c.redirect('/clients', 303) : c.html(loginPage({}))));

  app.post('/login', async (c) => {
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error);
    const email = (form.value['email'] ?? '').trim().toLowerCase();
    const password = form.value['password'] ?? '';
    const login = email.length <= LIMITS.email ? await deps.store.findLogin(email) : null;
    const good = login !== null && login.active ? await verifyPassword(login.passwordHash, password) : false;
    if (login === null) await burnVerification(password);
    if (!good || login === null) {
      const error = {
        message: 'The email address or password is not right.',
        fields: { email: 'Check the email address and password and try again.' },
      };
      return c.html(loginPage({ email, error }), 401);
    }
    await startSession(c, deps, login.user);
    deps.logger.info({ event: 'login', userId: login.user.id }, 'signed in');
    return c.redirect('/clients', 303);
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
    const password = checkPassword(f['password'] ?? '');
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
