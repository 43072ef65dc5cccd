import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import { messagePage, readStylesheet } from '@rapport/web';
import { loadSession } from './auth/session.js';
import { BODY_LIMIT_BYTES, limitBody } from './forms.js';
import type { AppDeps, AppEnv, Deps } from './context.js';
import { loadClauseLibraryOnce } from './frame/library.js';
import { loadGuideOnce } from './guide/load.js';
import { errorResponse } from './http-errors.js';
import { loadInstrumentsOnce } from './instruments/library.js';
import { SignalKeeper } from './measures/signal-keeper.js';
import { agreementRoutes } from './routes/agreement.js';
import { authRoutes } from './routes/auth.js';
import { checkRoutes } from './routes/check.js';
import { clauseRoutes } from './routes/clauses.js';
import { clientHomeRoutes } from './routes/client-home.js';
import { clientRoutes } from './routes/clients.js';
import { frameRoutes } from './routes/frame.js';
import { guideRoutes } from './routes/guide.js';
import { homeLinkRoutes } from './routes/home-links.js';
import { securityRoutes } from './routes/security.js';
import { boundaryRoutes } from './routes/boundaries.js';
import { journalRoutes } from './routes/journal.js';
import { sessionRoutes } from './routes/sessions.js';
import { workspaceRoutes } from './routes/workspace.js';
import { endingRoutes } from './routes/endings.js';
import { outcomeRoutes } from './routes/outcomes.js';
import { timelineRoutes } from './routes/timeline.js';
import { twoFactorGate } from './security/two-factor-gate.js';
import { passwordChangeGate } from './auth/password-change-gate.js';
import { peopleRoutes } from './routes/people.js';
import { supervisionRoutes } from './routes/supervision.js';
import { rightsRoutes } from './routes/rights.js';
import { voiceRoutes } from './routes/voice.js';
import { voiceHomeRoutes } from './routes/voice-home.js';
import { voiceLinkRoutes } from './routes/voice-links.js';

export { BODY_LIMIT_BYTES };

/**
 * Builds the Hono app from its dependencies. No globals: tests build as many
 * apps as they like and call `app.request()` without opening a port.
 */
export function createApp(given: AppDeps): Hono<AppEnv> {
  const deps: Deps = { ...given, signals: given.signals ?? signalKeeperFor(given) };
  const app = new Hono<AppEnv>();
  const stylesheet = readStylesheet();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Log the route pattern, never the URL: client links carry their token in the path.
    deps.logger.info(
      {
        method: c.req.method,
        route: routePath(c, -1),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      // Rapport needs no device features; a page that is somehow subverted cannot ask for them either.
      permissionsPolicy: {
        camera: [],
        microphone: [],
        geolocation: [],
        payment: [],
        usb: [],
        fullscreen: [],
        displayCapture: [],
        browsingTopics: [],
      },
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  app.use(limitBody());

  // Cross-site form posts are refused by Origin / Sec-Fetch-Site; signed-in forms also carry a token.
  app.use(csrf());
  app.use(loadSession(deps));
  app.use(twoFactorGate(deps));
  app.use(passwordChangeGate(deps));
  // Staff pages read stored signals: whatever the clients' latest answers made due is recomputed
  // first. Pages are GETs (a form post redirects to one); the stylesheet reads nothing.
  app.use(async (c, next) => {
    const signedIn = c.get('signedIn');
    if (signedIn && c.req.method === 'GET' && !c.req.path.startsWith('/assets/')) {
      await deps.signals.settle(signedIn.practiceId);
    }
    await next();
  });

  app.get('/assets/app.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/healthz', (c) => c.text('ok'));

  app.route('/', authRoutes(deps));
  app.route('/', securityRoutes(deps));
  const instruments = deps.instruments ?? loadInstrumentsOnce();
  app.route('/', clientRoutes(deps, instruments));
  app.route('/', checkRoutes(deps, instruments));
  app.route('/', clientHomeRoutes(deps, instruments));
  // The client's voice: phone entries, carers, email, rate it tomorrow, preferences revisited.
  app.route('/', voiceRoutes(deps, instruments));
  app.route('/', voiceLinkRoutes(deps, instruments));
  app.route('/', voiceHomeRoutes(deps, instruments));
  app.route('/', homeLinkRoutes(deps));
  app.route('/', guideRoutes(deps, deps.guide ?? loadGuideOnce()));
  const clauses = deps.clauses ?? loadClauseLibraryOnce();
  app.route('/', frameRoutes(deps, clauses));
  app.route('/', clauseRoutes(deps, clauses));
  app.route('/', agreementRoutes(deps));
  app.route('/', sessionRoutes(deps));
  app.route('/', boundaryRoutes(deps));
  app.route('/', journalRoutes(deps, deps.guide ?? loadGuideOnce()));
  app.route('/', workspaceRoutes(deps, instruments, deps.guide ?? loadGuideOnce()));
  app.route('/', endingRoutes(deps, instruments));
  app.route('/', outcomeRoutes(deps, instruments));
  app.route('/', timelineRoutes(deps, instruments));
  app.route('/', peopleRoutes(deps));
  app.route('/', supervisionRoutes(deps, instruments));
  app.route('/', rightsRoutes(deps, instruments));

  app.notFound(() => errorResponse({ code: 'not-found', message: 'There is no page at this address.' }));

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      if (err.status === 403) {
        return errorResponse({
          code: 'forbidden',
          message: 'This request came from outside Rapport, so it was refused.',
        });
      }
      return c.html(
        messagePage({ title: 'That could not be done', body: 'Please go back and try again.' }),
        err.status,
      );
    }
    // A bug: log the error (no request body, no URL) and show a calm page.
    deps.logger.error(
      { err: { name: err.name, message: err.message, stack: err.stack }, route: routePath(c, -1) },
      'unhandled',
    );
    return c.html(
      messagePage({ title: 'Something went wrong', body: 'Nothing was changed. Please try again in a moment.' }),
      500,
    );
  });

  return app;
}

/** A keeper for an app built without one (tests of a single route); the server passes its own. */
export function signalKeeperFor(deps: AppDeps): SignalKeeper {
  return new SignalKeeper({
    store: deps.store,
    library: deps.instruments ?? loadInstrumentsOnce(),
    clock: deps.clock,
    logger: deps.logger,
  });
}
