import { Hono, type Context } from 'hono';
import {
  ENDING_REVIEW_ID,
  LINK_TOKEN_BYTES,
  UNPLANNED_CHECK_IN_ID,
  addMonths,
  linkExpiry,
  outcomeMeasureOf,
  parseEnding,
  parseFollowUpMonths,
  parsePreparation,
  ruptureFacts,
  rupturesWithin,
  summariseEpisode,
  versionFor,
  type AdministrationMoment,
  type Client,
  type DomainError,
  type EndingLinkPurpose,
  type Episode,
  type MeasureResponse,
} from '@rapport/core';
import type { AuditAction, StoredEnding } from '@rapport/storage';
import { endingPage, endingSummaryPage, linkIssuedPage, messagePage, type FormError } from '@rapport/web';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { presentEndingSections, presentSummaryRows } from '../endings/present.js';
import { therapist, therapistForm } from '../guards.js';
import { STATUS } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentMeasureHistories } from '../measures/present-client.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, episodeHead, loadEpisode, noStore, notFound, ukToday } from '../record/context.js';
import { openResponse } from '../record/client-text.js';

type Loaded = { readonly episode: Episode; readonly client: Client; readonly ending: StoredEnding };

/** Notices after a saved form, by a fixed key: nothing the request sent is shown back. */
const NOTICES: Readonly<Record<string, string>> = {
  prepared: 'Saved. The client will see it on the next measure they answer.',
  ended: 'The episode has ended.',
  'follow-up': 'The follow-up is saved.',
};

/** What each ending link sends, and at which moment. */
const SENDS: Readonly<
  Record<
    Exclude<EndingLinkPurpose, 'follow-up'>,
    { readonly instrumentId: string; readonly moment: AdministrationMoment }
  >
> = {
  review: { instrumentId: ENDING_REVIEW_ID, moment: 'check-out' },
  'check-in': { instrumentId: UNPLANNED_CHECK_IN_ID, moment: 'check-in' },
};

/**
 * An episode's ending: the page that prepares and records it and sends its links, the ending
 * summary, and the forms behind them. Practice-wide like the rest of the client record; every
 * read and write is audited.
 */
export function endingRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The episode in the path with its client and ending, in the signed-in user's practice. */
  async function load(s: Signedin, episodeId: string | undefined): Promise<Loaded | null> {
    const ctx = await loadEpisode(deps, s, episodeId);
    if (!ctx) return null;
    const ending = await deps.store.endings.get(s.practiceId, ctx.episode.id);
    return ending ? { ...ctx, ending } : null;
  }

  /** The episode's responses, with the time core's summary reads them by. */
  const episodeResponses = async (s: Signedin, x: Loaded): Promise<(MeasureResponse & { at: string })[]> => {
    const all = await deps.store.measures.listResponses(s.practiceId, x.client.id);
    // The ending review's and check-in's own words are shown on the ending page: opened here.
    const mine = await Promise.all(
      all.filter((r) => r.episodeId === x.episode.id).map((r) => openResponse(deps.keys, r)),
    );
    return mine.map((r) => ({ ...r, at: r.savedAt }));
  };

  const lookup = (id: string, version: number) => library.get(id, version)?.definition;

  async function page(
    c: Context<AppEnv>,
    s: Signedin,
    x: Loaded,
    form: {
      fields?: Readonly<Record<string, string>>;
      errors?: { prepare?: FormError; end?: FormError; followUp?: FormError };
    } = {},
  ): Promise<Response> {
    const now = deps.clock.now();
    const outcome = x.ending.followUp ? outcomeMeasureOf(await episodeResponses(s, x), lookup) : null;
    await auditRecord(c, deps, s, 'ending.read', x.client.id);
    noStore(c);
    const failed = form.errors !== undefined;
    return c.html(
      endingPage({
        viewer: presentViewer(s),
        head: episodeHead(x.episode, x.client),
        today: ukToday(now),
        notice: failed ? undefined : NOTICES[c.req.query('done') ?? ''],
        summaryHref: `/episodes/${x.episode.id}/ending/summary`,
        ...presentEndingSections(x.ending, {
          today: ukToday(now),
          now: now.toISOString(),
          library,
          outcomeMeasure: outcome,
          fields: form.fields ?? {},
          errors: form.errors ?? {},
        }),
      }),
      failed ? 422 : 200,
    );
  }

  /** A refusal from the store, with a way back to the ending page. */
  const refused = (c: Context<AppEnv>, x: Loaded, error: DomainError): Response =>
    error.code === 'not-found'
      ? notFound()
      : c.html(
          messagePage({
            title: 'That could not be done',
            body: `${error.message} Nothing was changed.`,
            link: { href: `/episodes/${x.episode.id}/ending`, text: 'Back to the ending' },
          }),
          STATUS[error.code],
        );

  const done = (c: Context<AppEnv>, x: Loaded, key: keyof typeof NOTICES): Response =>
    c.redirect(`/episodes/${x.episode.id}/ending?done=${key}`, 303);

  const audited = (c: Context<AppEnv>, s: Signedin, x: Loaded, action: AuditAction) =>
    auditRecord(c, deps, s, action, x.client.id);

  app.get('/episodes/:episodeId/ending', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const x = await load(s, c.req.param('episodeId'));
    return x ? page(c, s, x) : notFound();
  });

  app.post('/episodes/:episodeId/ending/preparation', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const x = await load(s, c.req.param('episodeId'));
    if (!x) return notFound();
    const today = ukToday(deps.clock.now());
    const parsed = parsePreparation(fields, today);
    if (!parsed.ok) {
      const error = { message: parsed.error.message, fields: parsed.error.fields ?? {} };
      return page(c, s, x, { fields, errors: { prepare: error } });
    }
    const saved = await deps.store.endings.prepare(s.practiceId, x.episode.id, parsed.value, {
      userId: s.user.id,
      on: today,
    });
    if (!saved.ok) return refused(c, x, saved.error);
    await audited(c, s, x, 'ending.prepare');
    return done(c, x, 'prepared');
  });

  app.post('/episodes/:episodeId/ending', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const x = await load(s, c.req.param('episodeId'));
    if (!x) return notFound();
    const now = deps.clock.now();
    const parsed = parseEnding(fields, { today: ukToday(now), openedOn: ukToday(new Date(x.episode.openedAt)) });
    if (!parsed.ok) {
      const error = { message: parsed.error.message, fields: parsed.error.fields ?? {} };
      return page(c, s, x, { fields, errors: { end: error } });
    }
    const ended = await deps.store.endings.endEpisode(s.practiceId, x.episode.id, parsed.value, {
      userId: s.user.id,
      at: now.toISOString(),
    });
    if (!ended.ok) return refused(c, x, ended.error);
    await audited(c, s, x, 'episode.close');
    return done(c, x, 'ended');
  });

  app.post('/episodes/:episodeId/ending/follow-up', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const x = await load(s, c.req.param('episodeId'));
    if (!x) return notFound();
    // The follow-up counts from the ending, so there must be one before the form is read.
    const endedOn = x.ending.ending?.endedOn;
    if (endedOn === undefined) {
      return refused(c, x, { code: 'conflict', message: 'End the episode before choosing a follow-up.' });
    }
    const months = parseFollowUpMonths(fields['months']);
    if (!months.ok) {
      const error = { message: months.error.message, fields: months.error.fields ?? {} };
      return page(c, s, x, { fields, errors: { followUp: error } });
    }
    const saved = await deps.store.endings.scheduleFollowUp(s.practiceId, x.episode.id, {
      months: months.value,
      dueOn: addMonths(endedOn, months.value),
    });
    if (!saved.ok) return refused(c, x, saved.error);
    await audited(c, s, x, 'ending.follow-up');
    return done(c, x, 'follow-up');
  });

  /** Issues one of the ending's links and shows it once. */
  async function send(c: Context<AppEnv>, purpose: EndingLinkPurpose): Promise<Response> {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const x = await load(s, c.req.param('episodeId'));
    if (!x) return notFound();
    const chosen = purpose === 'follow-up' ? fields['instrumentId'] : SENDS[purpose].instrumentId;
    const def = library.sendable.find((d) => d.id === chosen);
    const audience = (await deps.store.measures.getClientAudience(s.practiceId, x.client.id)) ?? 'adult';
    const version = def ? versionFor(def, audience) : null;
    if (!def || !version?.ok) {
      const why = version && !version.ok ? version.error.message : 'Choose a measure from the list.';
      return refused(c, x, { code: 'invalid-input', message: why });
    }
    const token = newToken(LINK_TOKEN_BYTES);
    const now = deps.clock.now();
    const issued = await deps.store.endings.issueLink(
      s.practiceId,
      x.episode.id,
      purpose,
      {
        instrumentId: def.id,
        instrumentVersion: def.version,
        audience,
        moment: purpose === 'follow-up' ? 'check-in' : SENDS[purpose].moment,
        tokenHash: tokenHash(token),
        issuedBy: s.user.id,
        issuedAt: now.toISOString(),
        expiresAt: linkExpiry(now).toISOString(),
      },
      ukToday(now),
    );
    if (!issued.ok) return refused(c, x, issued.error);
    await audited(c, s, x, 'check-link.issue');
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    c.header('Cache-Control', 'no-store');
    return c.html(
      linkIssuedPage({
        viewer: presentViewer(s),
        client: { id: x.client.id, code: x.client.code },
        url: `${base}/c/${token}`,
        expiresAt: issued.value.expiresAt,
      }),
    );
  }

  app.post('/episodes/:episodeId/ending/review', (c) => send(c, 'review'));
  app.post('/episodes/:episodeId/ending/check-in', (c) => send(c, 'check-in'));
  app.post('/episodes/:episodeId/ending/follow-up/send', (c) => send(c, 'follow-up'));

  app.get('/episodes/:episodeId/ending/summary', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const x = await load(s, c.req.param('episodeId'));
    if (!x) return notFound();
    const [responses, signals, sessions] = await Promise.all([
      episodeResponses(s, x),
      deps.store.measures.listSignals(s.practiceId, x.client.id),
      deps.store.record.listSessions(s.practiceId, x.episode.id),
    ]);
    const summary = summariseEpisode(
      {
        openedAt: x.episode.openedAt,
        closedAt: x.episode.closedAt,
        ending: x.ending.ending,
        sessionsAttended: sessions.filter((v) => v.attendance === 'attended').length,
        responses,
        ruptures: rupturesWithin(ruptureFacts(signals.map((v) => v.signal)), x.episode),
      },
      lookup,
    );
    // The client's own words at the ending: the review, the check-in, a follow-up.
    const endingLinks = new Set([x.ending.review?.id, x.ending.checkIn?.id, x.ending.followUp?.link?.id]);
    const words = responses.filter(
      (v) =>
        v.status === 'complete' &&
        (v.instrumentId === ENDING_REVIEW_ID ||
          v.instrumentId === UNPLANNED_CHECK_IN_ID ||
          endingLinks.has(v.checkLinkId)),
    );
    await auditRecord(c, deps, s, 'ending.read', x.client.id);
    noStore(c);
    return c.html(
      endingSummaryPage({
        viewer: presentViewer(s),
        head: episodeHead(x.episode, x.client),
        endingHref: `/episodes/${x.episode.id}/ending`,
        rows: presentSummaryRows(summary, x.episode.closedAt, library),
        answers: presentMeasureHistories(words, library),
      }),
    );
  });

  return app;
}
