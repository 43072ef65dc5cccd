import { Hono, type Context } from 'hono';
import {
  PLACEHOLDER_CHECK_ID,
  checkAnswers,
  linkState,
  scoreResponse,
  versionFor,
  type CheckLink,
  type DomainError,
  type InstrumentDefinition,
  type MeasureLinkInfo,
  type ShownVersion,
} from '@rapport/core';
import { instrumentFormPage, messagePage } from '@rapport/web';
import { audit } from '../audit.js';
import { tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { formValues, presentInstrumentForm } from '../measures/present-form.js';
import { recomputeSignals } from '../measures/signals.js';

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
/** A waiting link of the skeleton's placeholder check, or of an instrument version no longer in the library. */
const RETIRED: DomainError = {
  code: 'link-expired',
  message: 'This link belongs to an earlier version of Rapport’s questions. Please ask your counsellor for a new one.',
};

interface Administered {
  readonly link: CheckLink;
  readonly info: MeasureLinkInfo;
  readonly def: InstrumentDefinition;
  readonly version: ShownVersion;
}

const failureFor = (code: string): DomainError =>
  code === 'link-used' ? USED : code === 'link-expired' ? EXPIRED : UNKNOWN;

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
    const link = await deps.store.findCheckLink(tokenHash(token));
    if (!link) return errorResponse(UNKNOWN, 'client');
    const state = linkState(link, deps.clock.now());
    if (state === 'used') return errorResponse(USED, 'client');
    if (state === 'expired') return errorResponse(EXPIRED, 'client');
    if (link.instrumentId === PLACEHOLDER_CHECK_ID) return errorResponse(RETIRED, 'client');
    const info = await deps.store.measures.findLinkInfo(link.practiceId, link.id);
    const def = library.get(link.instrumentId, link.instrumentVersion)?.definition;
    const version = def && info ? versionFor(def, info.audience) : undefined;
    if (!info || !def || !version?.ok) return errorResponse(RETIRED, 'client');
    return { link, info, def, version: version.value };
  }

  app.get('/c/:token', async (c) => {
    const a = await administered(c);
    if (a instanceof Response) return a;
    const draft = await deps.store.measures.getDraft(a.link.practiceId, a.link.id);
    const view = presentInstrumentForm({
      action: `/c/${c.req.param('token')}`,
      def: a.def,
      version: a.version,
      moment: a.info.moment,
      values: draft ? formValues(draft.answers) : {},
    });
    return c.html(instrumentFormPage(view));
  });

  app.post('/c/:token', async (c) => {
    const a = await administered(c);
    if (a instanceof Response) return a;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const now = deps.clock.now();
    const actor = { kind: 'client-link' } as const;
    const scored = scoreResponse(a.def, a.info.audience, form.value);
    if (scored.ok) {
      const { answers, ...scores } = scored.value;
      const saved = await deps.store.measures.submitResponse(a.link.practiceId, a.link.id, {
        answers,
        scores,
        flags: scores.flags,
        submittedAt: now.toISOString(),
      });
      if (!saved.ok) return errorResponse(failureFor(saved.error.code), 'client');
      await audit(c, deps, { practiceId: a.link.practiceId, actor, action: 'check.submit', clientId: a.link.clientId });
      await recomputeSignals(deps.store, library, a.link.practiceId, a.link.clientId, now);
      return c.redirect('/c/thanks', 303);
    }
    const refusal = scored.error;
    // An invalid answer writes nothing; a response that is only unfinished is kept as a draft, never scored.
    let draftSaved = false;
    if (refusal.reason === 'incomplete') {
      const answers = checkAnswers(a.def, form.value).answers;
      if (Object.keys(answers).length > 0) {
        const draft = await deps.store.measures.saveDraft(a.link.practiceId, a.link.id, {
          answers,
          flags: refusal.flags,
          savedAt: now.toISOString(),
        });
        if (!draft.ok) return errorResponse(failureFor(draft.error.code), 'client');
        draftSaved = true;
        await audit(c, deps, {
          practiceId: a.link.practiceId,
          actor,
          action: 'check.draft',
          clientId: a.link.clientId,
        });
        // A risk answer in an unfinished form must still reach the therapist at once.
        await recomputeSignals(deps.store, library, a.link.practiceId, a.link.clientId, now);
      }
    }
    const view = presentInstrumentForm({
      action: `/c/${c.req.param('token')}`,
      def: a.def,
      version: a.version,
      moment: a.info.moment,
      values: form.value,
      errors: refusal.fields ?? {},
      problem:
        refusal.reason === 'incomplete'
          ? 'Some questions still need an answer. Any answer is fine: there are no right ones.'
          : 'Some answers need another look.',
      draftSaved,
    });
    return c.html(instrumentFormPage(view), 422);
  });

  return app;
}
