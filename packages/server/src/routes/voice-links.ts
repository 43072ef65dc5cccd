import { Hono, type Context } from 'hono';
import {
  carerView,
  scoreResponse,
  type DomainError,
  type InstrumentDefinition,
  type ResponseRefusal,
  type ShownVersion,
} from '@rapport/core';
import { carerAnswersPlace, responseAnswersPlace, type CarerLink, type PhoneEntry } from '@rapport/storage';
import { carerPage, instrumentFormPage, phoneConfirmPage, rateLaterPage, type InstrumentFormView } from '@rapport/web';
import { audit } from '../audit.js';
import { tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { EXPIRED, UNKNOWN, administrationOf } from '../measures/answer.js';
import { answerText, questionText } from '../measures/present-client.js';
import { formValues, presentInstrumentForm } from '../measures/present-form.js';
import { refusalProblem } from '../voice/form.js';
import { deferCheckOut } from '../voice/later.js';
import { TOKEN_SHAPE } from './check.js';
import { openPhoneEntry, sealAnswers } from '../record/client-text.js';

const USED: DomainError = {
  code: 'link-used',
  message: 'Thank you: these answers have already been checked. Nothing more is needed.',
};

/** The version for an audience whose wording is in the library (the carer's too). */
const shown = (def: InstrumentDefinition, audience: string): ShownVersion | null => {
  const v = def.versions.find((x) => x.audience === audience);
  return v && v.content.kind === 'included' ? (v as ShownVersion) : null;
};

/**
 * The client's and carer's links of the client's voice: checking answers given by phone
 * (/p/:token), a carer's rating and what they may see (/carer/:token), and "rate it tomorrow"
 * from a check-out link (/c/:token/later). Each token is the credential; pages are never cached.
 */
export function voiceLinkRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  for (const path of ['/p/*', '/carer/*', '/c/:token/later']) {
    app.use(path, async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
    });
  }

  const token = (c: Context<AppEnv>): string | null => {
    const t = c.req.param('token') ?? '';
    return TOKEN_SHAPE.test(t) ? t : null;
  };
  const baseUrl = (c: Context<AppEnv>) => deps.config.publicUrl ?? new URL(c.req.url).origin;

  // ── Rate it tomorrow ────────────────────────────────────────────────────

  app.post('/c/:token/later', async (c) => {
    const t = token(c);
    if (t === null) return errorResponse(UNKNOWN, 'client');
    const a = await administrationOf(deps, library, await deps.store.findCheckLink(tokenHash(t)));
    if (!('link' in a)) return errorResponse(a, 'client');
    const later = await deferCheckOut(c, deps, a, { kind: 'client-link' });
    if (later instanceof Response) return later;
    // Shown once, in this answer: only the new link's hash is kept.
    return c.html(rateLaterPage({ url: `${baseUrl(c)}/c/${later.token}`, ...later }));
  });

  // ── Answers given by phone ──────────────────────────────────────────────

  /** The entry for this token if the client can still check it, or the polite page why not. */
  async function phoneEntry(c: Context<AppEnv>): Promise<PhoneEntry | Response> {
    const t = token(c);
    const entry = t === null ? null : await deps.store.voice.findPhoneEntry(tokenHash(t));
    if (!entry) return errorResponse(UNKNOWN, 'client');
    if (entry.status !== 'unconfirmed') return errorResponse(USED, 'client');
    if (Date.parse(entry.confirmExpiresAt) <= deps.clock.now().getTime()) return errorResponse(EXPIRED, 'client');
    return openPhoneEntry(deps.keys, entry);
  }

  const phoneDef = (e: PhoneEntry) => {
    const def = library.get(e.instrumentId, e.instrumentVersion)?.definition;
    const version = def ? shown(def, e.audience) : null;
    return def && version ? { def, version } : null;
  };

  const record = (
    c: Context<AppEnv>,
    e: { practiceId: PhoneEntry['practiceId']; clientId: PhoneEntry['clientId'] },
    action: 'phone-entry.read' | 'phone-entry.confirm' | 'phone-entry.correct' | 'carer.read' | 'carer.submit',
  ) => audit(c, deps, { practiceId: e.practiceId, actor: { kind: 'client-link' }, action, clientId: e.clientId });

  app.get('/p/:token', async (c) => {
    const e = await phoneEntry(c);
    if (e instanceof Response) return e;
    const d = phoneDef(e);
    if (!d) return errorResponse(EXPIRED, 'client');
    await record(c, e, 'phone-entry.read');
    const base = `/p/${token(c) ?? ''}`;
    return c.html(
      phoneConfirmPage({
        title: d.version.content.title,
        enteredAt: e.enteredAt,
        answers: Object.entries(e.answers).map(([itemId, a]) => ({
          question: questionText(d.def, e.audience, itemId),
          answer: answerText(d.def, e.audience, itemId, a),
        })),
        confirmAction: `${base}/confirm`,
        changeHref: `${base}/change`,
      }),
    );
  });

  /** The instrument's form, filled with the answers as they stand, to change any of them. */
  const changeForm = (
    e: PhoneEntry,
    d: NonNullable<ReturnType<typeof phoneDef>>,
    action: string,
    values: Readonly<Record<string, string>>,
    refused?: ResponseRefusal,
  ): InstrumentFormView => ({
    ...presentInstrumentForm({
      action,
      def: d.def,
      version: d.version,
      moment: e.moment,
      values,
      ...(refused ? { errors: refused.fields ?? {}, problem: refusalProblem(refused.reason) } : {}),
    }),
    momentNote: 'Change any answer that is not right, then send. Your counsellor will see your answers.',
  });

  app.get('/p/:token/change', async (c) => {
    const e = await phoneEntry(c);
    if (e instanceof Response) return e;
    const d = phoneDef(e);
    if (!d) return errorResponse(EXPIRED, 'client');
    await record(c, e, 'phone-entry.read');
    return c.html(instrumentFormPage(changeForm(e, d, c.req.path, formValues(e.answers))));
  });

  app.post('/p/:token/change', async (c) => {
    const e = await phoneEntry(c);
    if (e instanceof Response) return e;
    const d = phoneDef(e);
    if (!d) return errorResponse(EXPIRED, 'client');
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const scored = scoreResponse(d.def, e.audience, form.value);
    if (!scored.ok) {
      return c.html(instrumentFormPage(changeForm(e, d, c.req.path, form.value, scored.error)), 422);
    }
    const { answers, ...scores } = scored.value;
    const now = deps.clock.now();
    const saved = await deps.store.voice.correctPhoneEntry(e.practiceId, e.id, {
      ...(await sealAnswers(deps.keys, e.practiceId, responseAnswersPlace(e.checkLinkId), answers)),
      scores,
      flags: scores.flags,
      at: now.toISOString(),
    });
    if (!saved.ok) return errorResponse(USED, 'client');
    await record(c, e, 'phone-entry.correct');
    await deps.signals.recomputeNow(e.practiceId, e.clientId);
    return c.redirect('/c/thanks', 303);
  });

  app.post('/p/:token/confirm', async (c) => {
    const e = await phoneEntry(c);
    if (e instanceof Response) return e;
    const now = deps.clock.now();
    const saved = await deps.store.voice.confirmPhoneEntry(e.practiceId, e.id, now.toISOString());
    if (!saved.ok) return errorResponse(USED, 'client');
    await record(c, e, 'phone-entry.confirm');
    await deps.signals.recomputeNow(e.practiceId, e.clientId);
    return c.redirect('/c/thanks', 303);
  });

  // ── A carer's link ──────────────────────────────────────────────────────

  /** The carer's link with its instrument's carer version, or the polite page why not. */
  async function carerLink(
    c: Context<AppEnv>,
  ): Promise<{ link: CarerLink; def: InstrumentDefinition; version: ShownVersion } | Response> {
    const t = token(c);
    const link = t === null ? null : await deps.store.voice.findCarerLink(tokenHash(t));
    if (!link) return errorResponse(UNKNOWN, 'client');
    if (Date.parse(link.expiresAt) <= deps.clock.now().getTime()) return errorResponse(EXPIRED, 'client');
    const def = library.get(link.instrumentId, link.instrumentVersion)?.definition;
    const version = def ? shown(def, 'carer') : null;
    if (!def || !version) return errorResponse(EXPIRED, 'client');
    return { link, def, version };
  }

  const carerForm = (
    l: { def: InstrumentDefinition; version: ShownVersion },
    action: string,
    values: Readonly<Record<string, string>>,
    refused?: { readonly errors: Readonly<Record<string, string>>; readonly problem: string },
  ): InstrumentFormView => ({
    ...presentInstrumentForm({
      action,
      def: l.def,
      version: l.version,
      moment: 'check-in',
      values,
      ...(refused ? { errors: refused.errors, problem: refused.problem } : {}),
    }),
    momentNote: 'You are answering as the young person’s carer. Your answers are kept apart from theirs.',
    voice: { carerNote: 'Your answers go to the counsellor, who may talk about them with the young person.' },
  });

  /** After answering, the carer sees only what the episode's setting allows of the young person's answers. */
  async function carerSees(link: CarerLink): Promise<string> {
    const [sharing, responses] = await Promise.all([
      deps.store.voice.getCarerSharing(link.practiceId, link.episodeId),
      deps.store.measures.listResponses(link.practiceId, link.clientId),
    ]);
    const facts = responses
      .filter((r) => r.episodeId === link.episodeId && r.status === 'complete')
      .map((r) => {
        const def = library.get(r.instrumentId, r.instrumentVersion)?.definition;
        const v = def ? shown(def, r.audience) : null;
        return { title: v?.content.title ?? def?.shortTitle ?? 'A form', at: r.savedAt, total: r.total };
      });
    const view = carerView(sharing, facts);
    return carerPage({
      sharing,
      rows:
        view.sharing === 'nothing'
          ? []
          : view.sharing === 'answered'
            ? view.answered.map((x) => ({ ...x, total: null }))
            : view.scores.map((x) => ({
                ...x,
                total: x.total === null ? null : String(Math.round(x.total * 10) / 10),
              })),
    });
  }

  app.get('/carer/:token', async (c) => {
    const l = await carerLink(c);
    if (l instanceof Response) return l;
    await record(c, l.link, 'carer.read');
    if (l.link.usedAt !== null) return c.html(await carerSees(l.link));
    return c.html(instrumentFormPage(carerForm(l, c.req.path, {})));
  });

  app.post('/carer/:token', async (c) => {
    const l = await carerLink(c);
    if (l instanceof Response) return l;
    if (l.link.usedAt !== null) {
      return errorResponse({ ...USED, message: 'Thank you: these answers were already sent.' }, 'client');
    }
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const scored = scoreResponse(l.def, 'carer', form.value);
    if (!scored.ok) {
      const problem = refusalProblem(scored.error.reason);
      return c.html(
        instrumentFormPage(carerForm(l, c.req.path, form.value, { errors: scored.error.fields ?? {}, problem })),
        422,
      );
    }
    const { answers, ...scores } = scored.value;
    const saved = await deps.store.voice.submitCarerResponse(l.link.practiceId, l.link.id, {
      ...(await sealAnswers(deps.keys, l.link.practiceId, carerAnswersPlace(l.link.id), answers)),
      scores,
      at: deps.clock.now().toISOString(),
    });
    if (!saved.ok) return errorResponse(saved.error.code === 'link-expired' ? EXPIRED : USED, 'client');
    await record(c, l.link, 'carer.submit');
    return c.redirect(c.req.path, 303);
  });

  return app;
}
