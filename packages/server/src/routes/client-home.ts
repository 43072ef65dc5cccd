import { Hono, type Context } from 'hono';
import {
  parseGoalRatings,
  parseGoalWording,
  parseHomeSecret,
  parseNoteText,
  parseRevision,
  parseSeriesKey,
  parseVisibility,
  seriesKey,
  type DomainError,
  type Result,
} from '@rapport/core';
import { STALE_FORM, goalWordingPlace, type AuditAction, type ClientHome } from '@rapport/storage';
import {
  homeAgreementPage,
  homeGoalsPage,
  homeLockPage,
  homePage,
  homeProgressPage,
  type HomeNavView,
  type HomeSection,
} from '@rapport/web';
import { audit, clientIp } from '../audit.js';
import { endHomeSession, startHomeSession, unlockedHome, type UnlockedHome } from '../auth/home-session.js';
import { burnVerification, hashPassword, verifyPassword } from '../auth/password.js';
import { tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { csrfMatches, readForm } from '../forms.js';
import {
  homeNotice,
  presentGoalsPage,
  presentHomeAgreement,
  presentHomePage,
  presentProgressPage,
  type PendingCheck,
} from '../home/present-home.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { administrationOf, answerFormPage, takeAnswers, type Administered } from '../measures/answer.js';
import { homeGuardFor } from '../security/home-guard.js';
import { homeVoice } from '../voice/home.js';
import { plainWait } from '../security/login-guard.js';
import { TOKEN_SHAPE } from './check.js';
import { loadGoals, loadOwnNotes, sealNewGoal, sealNewNote } from '../record/client-text.js';

const NOT_RECOGNISED: DomainError = {
  code: 'not-found',
  message: 'This link is not recognised. Please check it was copied in full, or ask your counsellor for a new one.',
};
const WRONG = 'That PIN or password did not match. Please try again.';
const EXPIRED_FORM: DomainError = {
  code: 'forbidden',
  message: 'This page was open too long. Go back, reload it and try again.',
};

interface Open {
  readonly token: string;
  readonly base: string;
  readonly home: ClientHome;
  readonly csrf: string;
}

/**
 * The client's home (/h/:token): a personal link per episode plus a PIN or password the
 * client chooses, then pages of their own: what to fill in now, their goals, their progress,
 * their agreement.
 *
 * Never revealing whether a home exists: a link Rapport does not know gets exactly what a
 * locked home gets (the PIN form, 401), a PIN tried against it fails exactly as a wrong PIN
 * does (same page, same status, an argon2 verification of the same cost, the same throttle,
 * keyed by the link's hash whether or not it matches), and a home whose link was stopped is
 * a link Rapport does not know. Only a home still waiting for its first PIN says so, to the
 * holder of its link, which is the credential.
 *
 * Measures waiting for the client are listed by link id and answered here, under the home's
 * session (/h/:token/check/:linkId): Rapport keeps only the hash of each check link's token,
 * so it cannot send the client to /c/:token, and minting a second token for the same link
 * would double the ways in. The id alone opens nothing: the route serves it only to the
 * unlocked home whose episode the link belongs to, and the answer is claimed by the same
 * single-use submission as on /c/:token, so the emailed link keeps working and an answer
 * given both ways is stored once. That form carries no synchronizer token (the instrument
 * form is shared with /c/:token, which has no session); the SameSite=Strict home cookie and
 * the Origin check stop a cross-site post reaching it.
 */
export function clientHomeRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = homeGuardFor(deps.store.security);

  // Token-bearing pages are never cached and never leak their URL as a referrer.
  app.use('/h/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  });

  const lock = (
    c: Context<AppEnv>,
    token: string,
    mode: 'choose' | 'unlock',
    status: 200 | 401 | 409 | 422 | 429,
    message: string | null = null,
    errors: Readonly<Record<string, string>> = {},
  ): Response =>
    c.html(
      homeLockPage({ mode, action: `/h/${token}/${mode === 'choose' ? 'pin' : 'unlock'}`, message, errors }),
      status,
    );

  /** The way in for a browser without this home unlocked: choose a PIN (first visit) or type it. */
  async function door(c: Context<AppEnv>, token: string): Promise<Response> {
    const home = await deps.store.home.findHome(tokenHash(token));
    return home && home.secretHash === null ? lock(c, token, 'choose', 200) : lock(c, token, 'unlock', 401);
  }

  const linkToken = (c: Context<AppEnv>): string | null => {
    const token = c.req.param('token') ?? '';
    return TOKEN_SHAPE.test(token) ? token : null;
  };

  /** The home this browser has unlocked for this link, or the door. */
  async function open(c: Context<AppEnv>): Promise<Open | Response> {
    const token = linkToken(c);
    if (token === null) return errorResponse(NOT_RECOGNISED, 'client');
    const unlocked: UnlockedHome | null = await unlockedHome(c, deps, tokenHash(token));
    if (!unlocked) return door(c, token);
    return { token, base: `/h/${token}`, ...unlocked };
  }

  /** A form post from the unlocked home, carrying the home session's CSRF token. */
  async function openForm(
    c: Context<AppEnv>,
  ): Promise<(Open & { fields: Readonly<Record<string, string>> }) | Response> {
    const o = await open(c);
    if (o instanceof Response) return o;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    if (!csrfMatches(form.value, o)) return errorResponse(EXPIRED_FORM, 'client');
    return { ...o, fields: form.value };
  }

  const record = (c: Context<AppEnv>, home: ClientHome, action: AuditAction) =>
    audit(c, deps, { practiceId: home.practiceId, actor: { kind: 'client' }, action, clientId: home.clientId });

  const nav = (o: Open, current: HomeSection): HomeNavView => ({ base: o.base, csrf: o.csrf, current });
  const notice = (c: Context<AppEnv>) => homeNotice(c.req.query('notice'));

  /** A refused write: a form from an older page goes back to the page, told so; anything else is shown. */
  const isStale = (r: Result<unknown>): boolean =>
    !r.ok && r.error.code === 'conflict' && r.error.message === STALE_FORM;

  async function episodeResponses(home: ClientHome) {
    const all = await deps.store.measures.listResponses(home.practiceId, home.clientId);
    return all.filter((r) => r.episodeId === home.episodeId);
  }

  /** The measures of the home's episode that can be answered now. */
  async function pending(home: ClientHome): Promise<PendingCheck[]> {
    const links = await deps.store.listCheckLinks(home.practiceId, home.clientId);
    const out: PendingCheck[] = [];
    for (const link of links.filter((l) => l.episodeId === home.episodeId)) {
      const a = await administrationOf(deps, library, link);
      if ('link' in a) {
        out.push({ linkId: link.id, instrumentId: a.def.id, title: a.version.content.title, moment: a.info.moment });
      }
    }
    return out.reverse();
  }

  async function homeView(
    c: Context<AppEnv>,
    o: Open,
    problem?: { readonly text: string; readonly errors: Readonly<Record<string, string>> },
  ) {
    const [waiting, goals, contracts, responses] = await Promise.all([
      pending(o.home),
      loadGoals(deps, o.home.practiceId, o.home.episodeId),
      deps.store.frame.listContractVersions(o.home.practiceId, o.home.episodeId),
      episodeResponses(o.home),
    ]);
    return homePage({
      ...presentHomePage({
        nav: nav(o, 'home'),
        notice: problem ? { tone: 'problem', text: problem.text } : notice(c),
        pending: waiting,
        goals,
        revision: o.home.revision.goals,
        contracts,
        responses,
        library,
        ...(problem ? { errors: problem.errors } : {}),
      }),
      // Tomorrow's rating, what a carer sees, changing preferences (voice/home.ts).
      voice: await homeVoice(deps, library, o.home, o.base, responses),
    });
  }

  app.get('/h/:token', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    await record(c, o.home, 'home.read');
    return c.html(await homeView(c, o));
  });

  app.post('/h/:token/pin', async (c) => {
    const token = linkToken(c);
    if (token === null) return errorResponse(NOT_RECOGNISED, 'client');
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const home = await deps.store.home.findHome(tokenHash(token));
    // Unknown, stopped, or a PIN already chosen: the same locked door.
    if (!home || home.secretHash !== null) return lock(c, token, 'unlock', 401);
    const secret = parseHomeSecret(form.value['secret'] ?? '', form.value['again'] ?? '');
    if (!secret.ok) return lock(c, token, 'choose', 422, secret.error.message, secret.error.fields);
    const at = deps.clock.now().toISOString();
    if (!(await deps.store.home.setSecret(home.practiceId, home.id, await hashPassword(secret.value.value), at))) {
      return lock(c, token, 'unlock', 401);
    }
    await record(c, home, 'home.secret-set');
    await startHomeSession(c, deps, home);
    await deps.store.home.markOpened(home.practiceId, home.id, at);
    return c.redirect(`/h/${token}`, 303);
  });

  app.post('/h/:token/unlock', async (c) => {
    const token = linkToken(c);
    if (token === null) return errorResponse(NOT_RECOGNISED, 'client');
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const linkHash = tokenHash(token);
    const ip = clientIp(c, deps);
    const wait = await guard.waitMs(linkHash, ip);
    if (wait > 0) {
      return lock(c, token, 'unlock', 429, `Too many tries. Please wait ${plainWait(wait)}, then try again.`);
    }
    const home = await deps.store.home.findHome(linkHash);
    const secret = (form.value['secret'] ?? '').trim();
    // The same argon2id work whether or not the link matches a home with a PIN.
    let matched = false;
    if (home?.secretHash) matched = await verifyPassword(home.secretHash, secret);
    else await burnVerification(secret);
    if (!home || !matched) {
      await guard.failed(linkHash, ip);
      // Only the practice reads its audit trail; the one insert is far inside argon2's own spread.
      if (home) await record(c, home, 'home.unlock-failed');
      return lock(c, token, 'unlock', 401, WRONG);
    }
    await guard.succeeded(linkHash, ip);
    await startHomeSession(c, deps, home);
    await deps.store.home.markOpened(home.practiceId, home.id, deps.clock.now().toISOString());
    await record(c, home, 'home.unlock');
    return c.redirect(`/h/${token}`, 303);
  });

  app.post('/h/:token/lock', async (c) => {
    const token = linkToken(c);
    if (token === null) return errorResponse(NOT_RECOGNISED, 'client');
    await endHomeSession(c, deps);
    return c.redirect(`/h/${token}`, 303);
  });

  app.post('/h/:token/ratings', async (c) => {
    const o = await openForm(c);
    if (o instanceof Response) return o;
    const revision = parseRevision(o.fields['revision']);
    if (!revision.ok) return c.redirect(`${o.base}?notice=stale`, 303);
    const goals = await loadGoals(deps, o.home.practiceId, o.home.episodeId);
    const active = goals.filter((g) => g.status === 'active').map((g) => g.id);
    const ratings = parseGoalRatings(active, o.fields);
    if (!ratings.ok) {
      return c.html(await homeView(c, o, { text: ratings.error.message, errors: ratings.error.fields ?? {} }), 422);
    }
    const saved = await deps.store.home.rateGoals(o.home.practiceId, o.home.id, {
      ratings: ratings.value,
      at: deps.clock.now().toISOString(),
      revision: revision.value,
    });
    if (isStale(saved)) return c.redirect(`${o.base}?notice=stale`, 303);
    if (!saved.ok) return c.html(await homeView(c, o, { text: saved.error.message, errors: {} }), 409);
    await record(c, o.home, 'goal.rate');
    return c.redirect(`${o.base}?notice=rated`, 303);
  });

  async function goalsView(
    c: Context<AppEnv>,
    o: Open,
    refused?: { readonly goalId: string | null; readonly text: string; readonly error: string },
  ): Promise<string> {
    const goals = await loadGoals(deps, o.home.practiceId, o.home.episodeId);
    return homeGoalsPage(
      presentGoalsPage({
        nav: nav(o, 'goals'),
        notice: refused ? { tone: 'problem', text: refused.error } : notice(c),
        goals,
        revision: o.home.revision.goals,
        ...(refused ? { refused } : {}),
      }),
    );
  }

  app.get('/h/:token/goals', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    await record(c, o.home, 'home.read');
    return c.html(await goalsView(c, o));
  });

  /** Add, reword or put away: one shape for all three, each guarded by the form's revision. */
  async function goalWrite(
    c: Context<AppEnv>,
    goalId: string | null,
    write: (o: Open, at: string, revision: number, text: string) => Promise<Result<unknown>>,
    words: boolean,
    done: { readonly action: AuditAction; readonly notice: string },
  ): Promise<Response> {
    const o = await openForm(c);
    if (o instanceof Response) return o;
    const revision = parseRevision(o.fields['revision']);
    if (!revision.ok) return c.redirect(`${o.base}/goals?notice=stale`, 303);
    const typed = o.fields['text'] ?? '';
    const text = words ? parseGoalWording(typed) : ({ ok: true, value: '' } as const);
    if (!text.ok) {
      const error = text.error.fields?.['text'] ?? text.error.message;
      return c.html(await goalsView(c, o, { goalId, text: typed, error }), 422);
    }
    const saved = await write(o, deps.clock.now().toISOString(), revision.value, text.value);
    if (isStale(saved)) return c.redirect(`${o.base}/goals?notice=stale`, 303);
    if (!saved.ok && saved.error.code === 'not-found') return errorResponse(saved.error, 'client');
    if (!saved.ok) return c.html(await goalsView(c, o, { goalId, text: typed, error: saved.error.message }), 409);
    await record(c, o.home, done.action);
    return c.redirect(`${o.base}/goals?notice=${done.notice}`, 303);
  }

  app.post('/h/:token/goals', (c) =>
    goalWrite(
      c,
      null,
      async (o, at, revision, text) =>
        deps.store.home.addGoal(o.home.practiceId, o.home.id, {
          ...(await sealNewGoal(deps.keys, o.home.practiceId, text)),
          at,
          revision,
        }),
      true,
      { action: 'goal.add', notice: 'added' },
    ),
  );

  app.post('/h/:token/goals/:goalId/reword', (c) => {
    const goalId = c.req.param('goalId');
    return goalWrite(
      c,
      goalId,
      async (o, at, revision, text) => {
        const { practiceId } = o.home;
        const goal = (await loadGoals(deps, practiceId, o.home.episodeId)).find((g) => g.id === goalId);
        const latest = goal?.wordings.at(-1);
        const version = (latest?.version ?? 0) + 1;
        // The same words again are not a new version; only this side can read them to tell.
        const sealedText =
          latest?.text === text ? null : await deps.keys.seal(practiceId, goalWordingPlace(goalId, version), text);
        return deps.store.home.rewordGoal(practiceId, o.home.id, goalId, { version, sealedText, at, revision });
      },
      true,
      { action: 'goal.reword', notice: 'reworded' },
    );
  });

  app.post('/h/:token/goals/:goalId/retire', (c) => {
    const goalId = c.req.param('goalId');
    return goalWrite(
      c,
      goalId,
      (o, at, revision) => deps.store.home.retireGoal(o.home.practiceId, o.home.id, goalId, { at, revision }),
      false,
      { action: 'goal.retire', notice: 'retired' },
    );
  });

  async function progressView(
    c: Context<AppEnv>,
    o: Open,
    refused?: { readonly series: string; readonly text: string; readonly shared: boolean; readonly error: string },
  ) {
    // The client's own progress shows their reliable change: recompute what their last answers made due.
    await deps.signals.settleClient(o.home.practiceId, o.home.clientId);
    const [responses, signals, goals, notes] = await Promise.all([
      episodeResponses(o.home),
      deps.store.measures.listSignals(o.home.practiceId, o.home.clientId),
      loadGoals(deps, o.home.practiceId, o.home.episodeId),
      loadOwnNotes(deps, o.home.practiceId, o.home.id),
    ]);
    return presentProgressPage({
      nav: nav(o, 'progress'),
      notice: refused ? { tone: 'problem', text: refused.error } : notice(c),
      responses,
      // Signals are computed for the client's latest episode: keep those about this home's episode.
      signals: signals.map((s) => s.signal).filter((s) => responses.some((r) => r.savedAt === s.at)),
      goals,
      notes,
      revision: o.home.revision.notes,
      library,
      ...(refused ? { refused } : {}),
    });
  }

  app.get('/h/:token/progress', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    await record(c, o.home, 'home.read');
    return c.html(homeProgressPage(await progressView(c, o)));
  });

  app.post('/h/:token/notes', async (c) => {
    const o = await openForm(c);
    if (o instanceof Response) return o;
    const revision = parseRevision(o.fields['revision']);
    if (!revision.ok) return c.redirect(`${o.base}/progress?notice=stale`, 303);
    const series = parseSeriesKey(o.fields['series'] ?? '');
    const text = parseNoteText(o.fields['note'] ?? '');
    const visibility = parseVisibility(o.fields['visibility']);
    // The point must be one the client can see on that chart.
    const view = await progressView(c, o);
    const key = series.ok ? seriesKey(series.value) : '';
    const chart = view.series.find((s) => s.noteForm.series === key);
    const pointAt = o.fields['point'] ?? '';
    const problem = !chart
      ? 'Please choose a chart to add your note to.'
      : !chart.points.some((p) => p.at === pointAt)
        ? 'Please choose a day from the list.'
        : !text.ok
          ? (text.error.fields?.['note'] ?? text.error.message)
          : !visibility.ok
            ? visibility.error.message
            : null;
    if (problem !== null || !text.ok || !visibility.ok) {
      const refused = {
        series: key,
        text: o.fields['note'] ?? '',
        shared: o.fields['visibility'] === 'shared',
        error: problem ?? 'Please check your note.',
      };
      return c.html(homeProgressPage(await progressView(c, o, refused)), 422);
    }
    const saved = await deps.store.home.addNote(o.home.practiceId, o.home.id, {
      series: key,
      pointAt,
      ...(await sealNewNote(deps.keys, o.home.practiceId, text.value)),
      visibility: visibility.value,
      at: deps.clock.now().toISOString(),
      revision: revision.value,
    });
    if (!saved.ok) return c.redirect(`${o.base}/progress?notice=stale`, 303);
    await record(c, o.home, 'note.add');
    return c.redirect(`${o.base}/progress?notice=note`, 303);
  });

  app.get('/h/:token/agreement', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const contracts = await deps.store.frame.listContractVersions(o.home.practiceId, o.home.episodeId);
    await record(c, o.home, 'home.read');
    return c.html(homeAgreementPage(presentHomeAgreement(nav(o, 'agreement'), contracts)));
  });

  /** A waiting measure of the home's own episode, found by id; nothing else is served here. */
  async function homeCheck(c: Context<AppEnv>, o: Open): Promise<Administered | Response> {
    const linkId = c.req.param('linkId');
    const links = await deps.store.listCheckLinks(o.home.practiceId, o.home.clientId);
    const link = links.find((l) => l.id === linkId && l.episodeId === o.home.episodeId) ?? null;
    const a = await administrationOf(deps, library, link);
    return 'link' in a ? a : errorResponse(a, 'client');
  }

  app.get('/h/:token/check/:linkId', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const a = await homeCheck(c, o);
    if (a instanceof Response) return a;
    await record(c, o.home, 'check.read');
    return c.html(await answerFormPage(deps, a, `${o.base}/check/${a.link.id}`, o.csrf));
  });

  app.post('/h/:token/check/:linkId', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const a = await homeCheck(c, o);
    if (a instanceof Response) return a;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    // The home cookie would ride along with a forged post: the form must carry the home's token.
    if (!csrfMatches(form.value, o)) return errorResponse(EXPIRED_FORM, 'client');
    const answers = Object.fromEntries(Object.entries(form.value).filter(([name]) => name !== '_csrf'));
    const route = {
      action: `${o.base}/check/${a.link.id}`,
      actor: { kind: 'client' },
      done: `${o.base}?notice=sent`,
      csrf: o.csrf,
    } as const;
    return takeAnswers(c, deps, a, route, answers);
  });

  return app;
}
