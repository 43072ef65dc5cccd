import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  DEFAULT_INSTRUMENT_ID,
  REPAIR_NOTE_MAX,
  answersForSignal,
  parseDay,
  parseRecordText,
  ruptureAtFromKey,
  scoreResponse,
  signalGuidePath,
  type ClientSignal,
  type ShownVersion,
} from '@rapport/core';
import { ratingAnswersPlace, repairAttemptPlace } from '@rapport/storage';
import { perspectiveFormPage, rupturePage, type FormError, type RuptureView } from '@rapport/web';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { therapist, therapistForm } from '../guards.js';
import { questionHref } from '../guide/present.js';
import type { LoadedGuide } from '../guide/load.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { formValues, presentInstrumentForm } from '../measures/present-form.js';
import { presentSignal, repairText } from '../measures/present-signals.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, episodeHead, loadEpisode, noStore, notFound, ukToday } from '../record/context.js';
import { supervisionHref } from '../supervision/present.js';
import { REPAIR_ANSWER_TEXT } from '../workspace/client-panel.js';
import { openRating, sealAnswers } from '../record/client-text.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadEpisode>>>;

const ended = (): Response =>
  errorResponse({ code: 'conflict', message: 'This episode has ended, so its sessions can no longer be rated.' });

/**
 * The therapist's workspace beyond the caseload: their own rating of a session on the mirrored
 * relationship check (two perspectives), and a rupture's page (guidance, a prompt to reflect,
 * what was tried, what the client said since).
 */
export function workspaceRoutes(deps: Deps, library: InstrumentLibrary, guide: LoadedGuide): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const def = library.get(DEFAULT_INSTRUMENT_ID)?.definition;
  const mirror = def?.versions.find(
    (v): v is ShownVersion => v.audience === 'therapist' && v.content.kind === 'included',
  );
  // Shipped content: a library without the therapist's version of the check is a broken build.
  if (!def || !mirror) throw new Error(`The instrument library has no therapist version of ${DEFAULT_INSTRUMENT_ID}.`);

  // The guide's answers on ruptures, those of the ruptures chapter first.
  const ruptureAnswers = [
    ...answersForSignal(guide.guide, 'rupture').filter((q) => q.chapter === 'ruptures-and-repair'),
    ...answersForSignal(guide.guide, 'rupture').filter((q) => q.chapter !== 'ruptures-and-repair'),
  ]
    .slice(0, 8)
    .map((q) => ({ href: questionHref(q), text: q.question }));
  const guideLinks = [
    ...ruptureAnswers,
    { href: signalGuidePath('rupture'), text: 'Every answer in the guide on ruptures' },
  ];

  function perspectivePage(
    c: Context<AppEnv>,
    s: Signedin,
    ctx: Loaded,
    form: {
      readonly day: string;
      readonly values: Readonly<Record<string, string>>;
      readonly replacing: boolean;
      readonly error?: FormError;
    },
  ): Response {
    if (!def || !mirror) return notFound();
    const view = presentInstrumentForm({
      action: `/episodes/${ctx.episode.id}/perspective`,
      def,
      version: mirror,
      moment: 'check-out',
      values: form.values,
      errors: form.error?.fields ?? {},
    });
    noStore(c);
    return c.html(
      perspectiveFormPage({
        viewer: presentViewer(s),
        head: episodeHead(ctx.episode, ctx.client),
        action: view.action,
        title: view.title,
        instructions: view.instructions,
        day: form.day,
        today: ukToday(deps.clock.now()),
        items: view.items,
        label: view.label,
        copyright: view.copyright,
        replacing: form.replacing,
        error: form.error,
      }),
      form.error ? 422 : 200,
    );
  }

  async function existingRating(s: Signedin, ctx: Loaded, day: string) {
    const ratings = await deps.store.repair.listTherapistRatings(s.practiceId, ctx.client.id);
    const found = ratings.find(
      (r) => r.episodeId === ctx.episode.id && r.instrumentId === DEFAULT_INSTRUMENT_ID && r.day === day,
    );
    return found ? openRating(deps.keys, s.practiceId, found) : undefined;
  }

  app.get('/episodes/:episodeId/perspective', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await loadEpisode(deps, s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    if (ctx.episode.status !== 'open') return ended();
    const today = ukToday(deps.clock.now());
    const asked = parseDay(c.req.query('day') ?? today, 'day', today);
    const day = asked.ok ? asked.value : today;
    const existing = await existingRating(s, ctx, day);
    await auditRecord(c, deps, s, 'perspective.read', ctx.client.id);
    return perspectivePage(c, s, ctx, {
      day,
      values: existing ? formValues(existing.answers) : {},
      replacing: existing !== undefined,
    });
  });

  app.post('/episodes/:episodeId/perspective', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const ctx = await loadEpisode(deps, s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    if (ctx.episode.status !== 'open') return ended();
    const rawDay = fields['day'] ?? '';
    // The form's own fields apart, the rest are the instrument's answers (unknown ones are refused by core).
    const items = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== '_csrf' && k !== 'day'));
    const today = ukToday(deps.clock.now());
    const parsedDay = parseDay(rawDay, 'day', today);
    const dayError = !parsedDay.ok
      ? parsedDay.error.fields?.['day']
      : parsedDay.value < ukToday(new Date(ctx.episode.openedAt))
        ? 'Choose a session in this episode: it began on ' + ukToday(new Date(ctx.episode.openedAt)) + '.'
        : undefined;
    const scored = scoreResponse(def, 'therapist', items);
    if (dayError !== undefined || !scored.ok) {
      const error: FormError = {
        message:
          !scored.ok && scored.error.reason === 'incomplete'
            ? 'Some questions still need an answer.'
            : 'Some answers need another look.',
        fields: { ...(dayError === undefined ? {} : { day: dayError }), ...(scored.ok ? {} : scored.error.fields) },
      };
      return perspectivePage(c, s, ctx, { day: rawDay, values: items, replacing: false, error });
    }
    const { answers, ...scores } = scored.value;
    const now = deps.clock.now();
    const ratedDay = parsedDay.ok ? parsedDay.value : today;
    // The therapist's own words on the check are sealed apart, like the client's.
    const split = await sealAnswers(
      deps.keys,
      s.practiceId,
      ratingAnswersPlace(ctx.episode.id, def.id, ratedDay),
      answers,
    );
    const saved = await deps.store.repair.saveTherapistRating(
      s.practiceId,
      {
        episodeId: ctx.episode.id,
        instrumentId: def.id,
        instrumentVersion: def.version,
        day: ratedDay,
        ...split,
        scores,
        ratedBy: s.user.id,
      },
      now.toISOString(),
    );
    if (!saved.ok) return saved.error.code === 'not-found' ? notFound() : ended();
    await auditRecord(c, deps, s, 'perspective.write', ctx.client.id);
    // Divergence is a stored signal like the others: recompute with the therapist's new view.
    await deps.signals.recomputeNow(s.practiceId, ctx.client.id);
    return c.redirect(`/clients/${ctx.client.id}#perspectives`, 303);
  });

  /** The episode in the path and one of its ruptures, named by the time of the check that showed it. */
  async function loadRupture(s: Signedin, episodeId: string | undefined, ruptureId: string | undefined) {
    const ctx = await loadEpisode(deps, s, episodeId);
    const at = ruptureAtFromKey(ruptureId ?? '');
    if (!ctx || at === null) return null;
    const { episode } = ctx;
    if (at < episode.openedAt || (episode.closedAt !== null && at > episode.closedAt)) return null;
    const signals = await deps.store.measures.listSignals(s.practiceId, ctx.client.id);
    const rupture = signals
      .map((x) => x.signal)
      .find((x): x is Extract<ClientSignal, { kind: 'rupture' }> => x.kind === 'rupture' && x.at === at);
    return rupture ? { ...ctx, rupture } : null;
  }

  async function rupturePageFor(
    c: Context<AppEnv>,
    s: Signedin,
    found: NonNullable<Awaited<ReturnType<typeof loadRupture>>>,
    form: Pick<RuptureView, 'text' | 'notice' | 'error'>,
  ): Promise<Response> {
    const { episode, client, rupture } = found;
    const [attempts, answers] = await Promise.all([
      deps.store.repair.listRepairAttempts(s.practiceId, episode.id),
      deps.store.repair.listRepairAnswers(s.practiceId, client.id),
    ]);
    const mine = attempts.filter((a) => a.ruptureAt === rupture.at);
    const opened = await Promise.all(
      mine.map(async (a) => ({
        at: a.writtenAt,
        text: await deps.keys.open(s.practiceId, repairAttemptPlace(a.id), a.sealedText),
      })),
    );
    const shown = presentSignal(rupture, library, episode);
    noStore(c);
    return c.html(
      rupturePage({
        viewer: presentViewer(s),
        head: episodeHead(episode, client),
        at: rupture.at,
        status: `This rupture is ${repairText(rupture.repair)}.`,
        repaired: rupture.repair.status === 'repaired',
        details: shown.details,
        guide: guideLinks,
        supervisionHref: supervisionHref(episode.id, 'rupture'),
        attempts: opened,
        answers: answers
          .filter((a) => a.ruptureAt === rupture.at)
          .map((a) => ({
            at: a.answeredAt,
            text: `asked whether things feel better between you, answered ${REPAIR_ANSWER_TEXT[a.answer]}`,
          })),
        action: `/episodes/${episode.id}/ruptures/${c.req.param('ruptureId') ?? ''}/attempts`,
        maxLength: REPAIR_NOTE_MAX,
        ...form,
      }),
      form.error ? 422 : 200,
    );
  }

  app.get('/episodes/:episodeId/ruptures/:ruptureId', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const found = await loadRupture(s, c.req.param('episodeId'), c.req.param('ruptureId'));
    if (!found) return notFound();
    await auditRecord(c, deps, s, 'rupture.read', found.client.id);
    return rupturePageFor(c, s, found, {
      text: '',
      notice: c.req.query('saved') === '1' ? 'Your note is saved.' : undefined,
    });
  });

  app.post('/episodes/:episodeId/ruptures/:ruptureId/attempts', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const found = await loadRupture(s, c.req.param('episodeId'), c.req.param('ruptureId'));
    if (!found) return notFound();
    const text = parseRecordText(fields['text'] ?? '', 'text', REPAIR_NOTE_MAX, true);
    if (!text.ok) {
      const error = { message: text.error.message, fields: text.error.fields ?? {} };
      return rupturePageFor(c, s, found, { text: fields['text'] ?? '', error });
    }
    const id = randomUUID();
    const sealed = await deps.keys.seal(s.practiceId, repairAttemptPlace(id), text.value);
    const added = await deps.store.repair.addRepairAttempt(
      s.practiceId,
      { id, episodeId: found.episode.id, ruptureAt: found.rupture.at, sealedText: sealed, authorId: s.user.id },
      deps.clock.now().toISOString(),
    );
    if (!added.ok) return notFound();
    await auditRecord(c, deps, s, 'repair-attempt.write', found.client.id);
    return c.redirect(`/episodes/${found.episode.id}/ruptures/${c.req.param('ruptureId')}?saved=1`, 303);
  });

  return app;
}
