import { Hono, type Context } from 'hono';
import { checkNewPassword } from '@rapport/core';
import {
  auditPage,
  passwordChangePage,
  practiceSecurityPage,
  recoveryCodesPage,
  twoFactorChallengePage,
  twoFactorSetupPage,
  twoFactorStatusPage,
} from '@rapport/web';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { startSession } from '../auth/session.js';
import { csrfMatches, readForm } from '../forms.js';
import { landingFor } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import { presentViewer } from '../presenters.js';
import { presentAuditRow } from '../security-presenters.js';
import { commonPasswords } from '../security/common-passwords.js';
import { loginGuardFor, plainWait } from '../security/login-guard.js';
import { endChallenge, findChallenge } from '../security/pending-login.js';
import {
  enrolmentQrSvg,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
} from '../security/two-factor.js';

const AUDIT_PAGE_SIZE = 50;
/** Deep pages are refused rather than scanned: the log is for reading, not for bulk export. */
const MAX_AUDIT_PAGE = 1000;

const expired = (): Response =>
  errorResponse({ code: 'forbidden', message: 'This form has expired. Go back, reload the page and try again.' });

function signedIn(c: Context<AppEnv>): Signedin | Response {
  const s = c.get('signedIn');
  if (s) return s;
  if (c.req.method === 'GET') return c.redirect('/login', 303);
  return errorResponse({ code: 'unauthenticated', message: 'Your session has ended. Please sign in again.' });
}

function admin(c: Context<AppEnv>): Signedin | Response {
  const s = signedIn(c);
  if (s instanceof Response || s.user.role === 'practice-admin') return s;
  return errorResponse({ code: 'forbidden', message: 'Only the practice administrator can open this page.' });
}

async function signedInForm(
  c: Context<AppEnv>,
  who: (c: Context<AppEnv>) => Signedin | Response = signedIn,
): Promise<{ s: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  const s = who(c);
  if (s instanceof Response) return s;
  const form = await readForm(c);
  if (!form.ok) return errorResponse(form.error);
  if (!csrfMatches(form.value, s)) return expired();
  return { s, fields: form.value };
}

/** Two-step sign-in, password change, and the practice administrator's security pages. */
export function securityRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const sec = deps.store.security;
  const guard = loginGuardFor(sec);

  // --- The second step of signing in -------------------------------------------------

  app.get('/login/two-factor', async (c) => {
    const pending = await findChallenge(c, deps);
    return pending ? c.html(twoFactorChallengePage({})) : c.redirect('/login', 303);
  });

  app.post('/login/two-factor', async (c) => {
    const pending = await findChallenge(c, deps);
    if (!pending) return c.redirect('/login', 303);
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error);
    const { userId, practiceId } = pending.challenge;
    const wait = await guard.secondFactorWaitMs(userId);
    if (wait > 0) return tooMany(`Too many wrong codes. Please wait ${plainWait(wait)} and sign in again.`, wait);
    const code = (form.value['code'] ?? '').slice(0, 64);
    const totp = await sec.getTwoFactor(practiceId, userId);
    const user = await deps.store.getUser(practiceId, userId);
    let accepted = false;
    if (totp?.confirmed && user) {
      const step = await matchTotp(totp.secret, code, deps.clock.now());
      accepted =
        step !== null
          ? await sec.acceptTimeStep(practiceId, userId, step)
          : await sec.useRecoveryCode(practiceId, userId, recoveryCodeHash(code), deps.clock.now().toISOString());
    }
    if (!accepted || !user) {
      await guard.secondFactorFailed(userId);
      const message = 'That code did not work. Codes change every 30 seconds and each works once.';
      return c.html(twoFactorChallengePage({ error: { message, fields: { code: 'Enter the current code.' } } }), 401);
    }
    await guard.secondFactorSucceeded(userId);
    await endChallenge(c, deps, pending.hash);
    await startSession(c, deps, user);
    deps.logger.info({ event: 'login', userId, secondFactor: true }, 'signed in');
    return c.redirect(landingFor(user), 303);
  });

  // --- Enrolment ---------------------------------------------------------------------

  const statusPage = async (
    s: Signedin,
    extra: { notice?: string; error?: { message: string; fields: Record<string, string> } } = {},
  ) => {
    const [totp, left, required] = await Promise.all([
      sec.getTwoFactor(s.practiceId, s.user.id),
      sec.countRecoveryCodes(s.practiceId, s.user.id),
      sec.requiresTwoFactor(s.practiceId),
    ]);
    return twoFactorStatusPage({
      viewer: presentViewer(s),
      enabled: totp?.confirmed ?? false,
      recoveryCodesLeft: left,
      required,
      ...extra,
    });
  };

  app.get('/account/two-factor', async (c) => {
    const s = signedIn(c);
    if (s instanceof Response) return s;
    return c.html(await statusPage(s));
  });

  app.post('/account/two-factor/setup', async (c) => {
    const r = await signedInForm(c);
    if (r instanceof Response) return r;
    const secret = newTotpSecret();
    if (!(await sec.beginTwoFactor(r.s.practiceId, r.s.user.id, secret, deps.clock.now().toISOString()))) {
      return c.redirect('/account/two-factor', 303);
    }
    c.header('Cache-Control', 'no-store');
    const qrSvg = await enrolmentQrSvg(secret, r.s.user.email);
    return c.html(twoFactorSetupPage({ viewer: presentViewer(r.s), qrSvg, secret }));
  });

  app.post('/account/two-factor/confirm', async (c) => {
    const r = await signedInForm(c);
    if (r instanceof Response) return r;
    const { s } = r;
    const totp = await sec.getTwoFactor(s.practiceId, s.user.id);
    if (!totp || totp.confirmed) return c.redirect('/account/two-factor', 303);
    const step = await matchTotp(totp.secret, r.fields['code'] ?? '', deps.clock.now());
    const recovery = newRecoveryCodes();
    const confirmed =
      step !== null &&
      (await sec.confirmTwoFactor(s.practiceId, s.user.id, {
        timeStep: step,
        recoveryCodeHashes: recovery.hashes,
        at: deps.clock.now().toISOString(),
      }));
    if (!confirmed) {
      c.header('Cache-Control', 'no-store');
      const qrSvg = await enrolmentQrSvg(totp.secret, s.user.email);
      const error = {
        message: 'That code did not match.',
        fields: { code: 'Enter the six-digit code your app shows now.' },
      };
      return c.html(twoFactorSetupPage({ viewer: presentViewer(s), qrSvg, secret: totp.secret, error }), 422);
    }
    // A privilege change: the session that proved the second factor is a new one.
    const csrf = await startSession(c, deps, s.user);
    deps.logger.info({ event: 'two-factor.enabled', userId: s.user.id }, 'two-factor enabled');
    c.header('Cache-Control', 'no-store');
    const viewer = { ...presentViewer(s), csrf };
    return c.html(recoveryCodesPage({ viewer, codes: recovery.codes }));
  });

  app.post('/account/two-factor/disable', async (c) => {
    const r = await signedInForm(c);
    if (r instanceof Response) return r;
    const { s } = r;
    if (await sec.requiresTwoFactor(s.practiceId)) return c.redirect('/account/two-factor', 303);
    const totp = await sec.getTwoFactor(s.practiceId, s.user.id);
    const step = totp?.confirmed ? await matchTotp(totp.secret, r.fields['code'] ?? '', deps.clock.now()) : null;
    if (step === null || !(await sec.acceptTimeStep(s.practiceId, s.user.id, step))) {
      const error = { message: 'That code did not work.', fields: { code: 'Enter the current code from your app.' } };
      return c.html(await statusPage(s, { error }), 422);
    }
    await sec.disableTwoFactor(s.practiceId, s.user.id);
    await startSession(c, deps, s.user);
    return c.redirect('/account/two-factor', 303);
  });

  // --- Password change ---------------------------------------------------------------

  app.get('/account/password', async (c) => {
    const s = signedIn(c);
    if (s instanceof Response) return s;
    const first = await deps.store.supervision.passwordChangeDue(s.practiceId, s.user.id);
    const notice = 'Welcome. Please choose your own password: the one you were given works only for this.';
    return c.html(passwordChangePage({ viewer: presentViewer(s), ...(first ? { notice } : {}) }));
  });

  app.post('/account/password', async (c) => {
    const r = await signedInForm(c);
    if (r instanceof Response) return r;
    const { s, fields } = r;
    const login = await deps.store.findLogin(s.user.email);
    const current = login ? await verifyPassword(login.passwordHash, fields['current'] ?? '') : false;
    if (!current) {
      const error = {
        message: 'Your current password is not right.',
        fields: { current: 'Enter your current password.' },
      };
      return c.html(passwordChangePage({ viewer: presentViewer(s), error }), 422);
    }
    const next = checkNewPassword(fields['password'] ?? '', commonPasswords(), {
      email: s.user.email,
      name: s.user.name,
    });
    if (!next.ok) {
      const error = { message: next.error.message, fields: next.error.fields ?? {} };
      return c.html(passwordChangePage({ viewer: presentViewer(s), error }), 422);
    }
    await deps.store.setPasswordHash(s.practiceId, s.user.id, await hashPassword(next.value));
    await deps.store.supervision.clearPasswordChange(s.practiceId, s.user.id);
    await startSession(c, deps, s.user);
    deps.logger.info({ event: 'password.changed', userId: s.user.id }, 'password changed');
    return c.redirect('/account/two-factor', 303);
  });

  // --- The practice administrator ----------------------------------------------------

  app.get('/practice/security', async (c) => {
    const s = admin(c);
    if (s instanceof Response) return s;
    const requireTwoFactor = await sec.requiresTwoFactor(s.practiceId);
    return c.html(practiceSecurityPage({ viewer: presentViewer(s), requireTwoFactor }));
  });

  app.post('/practice/security', async (c) => {
    const r = await signedInForm(c, admin);
    if (r instanceof Response) return r;
    const value = r.fields['requireTwoFactor'];
    if (value !== 'yes' && value !== 'no') {
      return errorResponse({ code: 'invalid-input', message: 'Please use the button on the practice security page.' });
    }
    await sec.setRequireTwoFactor(r.s.practiceId, value === 'yes', r.s.user.id, deps.clock.now().toISOString());
    deps.logger.info({ event: 'practice.require-two-factor', value, userId: r.s.user.id }, 'practice security changed');
    return c.redirect('/practice/security', 303);
  });

  app.get('/practice/audit', async (c) => {
    const s = admin(c);
    if (s instanceof Response) return s;
    const raw = c.req.query('page') ?? '1';
    const page = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (!(page >= 1 && page <= MAX_AUDIT_PAGE)) {
      return errorResponse({ code: 'not-found', message: 'There is no such page of the audit log.' });
    }
    const entries = await sec.pageAudit(s.practiceId, {
      limit: AUDIT_PAGE_SIZE + 1,
      offset: (page - 1) * AUDIT_PAGE_SIZE,
    });
    return c.html(
      auditPage({
        viewer: presentViewer(s),
        rows: entries.slice(0, AUDIT_PAGE_SIZE).map(presentAuditRow),
        page,
        hasNext: entries.length > AUDIT_PAGE_SIZE,
      }),
    );
  });

  return app;
}

/** The 429 page, with Retry-After for clients that read it. */
export function tooMany(message: string, waitMs: number): Response {
  const res = errorResponse({ code: 'rate-limited', message });
  res.headers.set('Retry-After', String(Math.ceil(waitMs / 1000)));
  return res;
}
