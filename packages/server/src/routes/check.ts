import { Hono, type Context } from 'hono';
import { SESSION_CHECK, linkState, scoreCheck, type CheckLink, type DomainError } from '@rapport/core';
import { checkFormPage, messagePage, type CheckFormView } from '@rapport/web';
import { audit } from '../audit.js';
import { tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';

// 32 random bytes in base64url: exactly 43 characters from this alphabet.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const UNKNOWN: DomainError = {
  code: 'not-found',
  message: 'This link is not recognised. Please check it was copied in full, or ask your counsellor for a new one.',
};
const USED: DomainError = {
  code: 'link-used',
  message: 'Thank you: this check has already been completed. Each link works once, so nothing more is needed.',
};
const EXPIRED: DomainError = {
  code: 'link-expired',
  message: 'This link has expired. Your counsellor can send you a new one.',
};

function formView(
  token: string,
  values: Readonly<Record<string, string>>,
  errors?: Readonly<Record<string, string>>,
): CheckFormView {
  return {
    action: `/c/${token}`,
    title: SESSION_CHECK.title,
    intro: SESSION_CHECK.intro,
    provenance: SESSION_CHECK.provenance,
    min: SESSION_CHECK.min,
    max: SESSION_CHECK.max,
    items: SESSION_CHECK.items.map((i) => ({ ...i, value: values[i.id], error: errors?.[i.id] })),
    ...(errors ? { problem: 'Please answer every question. Any number is fine: there are no right answers.' } : {}),
  };
}

/** The client's side of the loop: a private link, a short form, one submission. */
export function checkRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // Token-bearing pages are never cached and never leak their URL as a referrer.
  app.use('/c/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.get('/c/thanks', (c) =>
    c.html(
      messagePage({
        title: 'Thank you',
        body: 'Your answers have reached your counsellor. You can close this page.',
        viewer: 'client',
      }),
    ),
  );

  /** Finds a usable link for the token, or the polite page that says why not. */
  async function usableLink(c: Context<AppEnv>): Promise<CheckLink | Response> {
    const token = c.req.param('token') ?? '';
    if (!TOKEN_SHAPE.test(token)) return errorResponse(UNKNOWN, 'client');
    const link = await deps.store.findCheckLink(tokenHash(token));
    if (!link) return errorResponse(UNKNOWN, 'client');
    const state = linkState(link, deps.clock.now());
    if (state === 'used') return errorResponse(USED, 'client');
    if (state === 'expired') return errorResponse(EXPIRED, 'client');
    return link;
  }

  app.get('/c/:token', async (c) => {
    const link = await usableLink(c);
    if (link instanceof Response) return link;
    return c.html(checkFormPage(formView(c.req.param('token'), {})));
  });

  app.post('/c/:token', async (c) => {
    const link = await usableLink(c);
    if (link instanceof Response) return link;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const scored = scoreCheck(SESSION_CHECK, form.value);
    if (!scored.ok) {
      return c.html(checkFormPage(formView(c.req.param('token'), form.value, scored.error.fields ?? {})), 422);
    }
    const saved = await deps.store.submitCheck(link.practiceId, link.id, {
      answers: scored.value.answers,
      score: scored.value.score,
      submittedAt: deps.clock.now().toISOString(),
    });
    if (!saved.ok) {
      return errorResponse(
        saved.error.code === 'link-used' ? USED : saved.error.code === 'link-expired' ? EXPIRED : UNKNOWN,
        'client',
      );
    }
    await audit(c, deps, {
      practiceId: link.practiceId,
      actor: { kind: 'client-link' },
      action: 'check.submit',
      clientId: link.clientId,
    });
    return c.redirect('/c/thanks', 303);
  });

  return app;
}
