import { Hono, type Context } from 'hono';
import { messagePage } from '@rapport/web';
import { audit } from '../audit.js';
import { tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { UNKNOWN, administrationOf, answerFormPage, takeAnswers, type Administered } from '../measures/answer.js';

// 32 random bytes in base64url: exactly 43 characters from this alphabet.
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The client's side of the loop: a private link, the chosen instrument, one submission (drafts kept). */
export function checkRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
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

  /** Finds a usable link for the token and what it administers, or the polite page that says why not. */
  async function administered(c: Context<AppEnv>): Promise<Administered | Response> {
    const token = c.req.param('token') ?? '';
    if (!TOKEN_SHAPE.test(token)) return errorResponse(UNKNOWN, 'client');
    const a = await administrationOf(deps, library, await deps.store.findCheckLink(tokenHash(token)));
    return 'link' in a ? a : errorResponse(a, 'client');
  }

  app.get('/c/:token', async (c) => {
    const a = await administered(c);
    if (a instanceof Response) return a;
    // The form may hold the client's saved draft and comment: opening it is a read of their record.
    await audit(c, deps, {
      practiceId: a.link.practiceId,
      actor: { kind: 'client-link' },
      action: 'check.read',
      clientId: a.link.clientId,
    });
    return c.html(await answerFormPage(deps, a, `/c/${c.req.param('token')}`));
  });

  app.post('/c/:token', async (c) => {
    const a = await administered(c);
    if (a instanceof Response) return a;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const route = { action: `/c/${c.req.param('token')}`, actor: { kind: 'client-link' }, done: '/c/thanks' } as const;
    return takeAnswers(c, deps, a, route, form.value);
  });

  return app;
}
