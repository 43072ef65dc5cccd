import { Hono } from 'hono';
import {
  DEFAULT_INSTRUMENT_ID,
  LINK_TOKEN_BYTES,
  LIMITS,
  asClientId,
  asEpisodeId,
  linkExpiry,
  parseClientCode,
  parseClientAudience,
  parseMoment,
  parseName,
  versionFor,
} from '@rapport/core';
import { clientPage, clientsPage, linkIssuedPage, messagePage } from '@rapport/web';
import { audit } from '../audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { presentAgreementSummary } from '../frame/presenters.js';
import { therapist, therapistForm } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { loadHomePanel } from './home-links.js';
import { DELIVERY_TEXT, clientEmail, deliverLink } from '../mail/deliver.js';
import { loadVoicePanel } from '../voice/panel.js';
import { presentEndingPanel } from '../endings/present.js';
import { ukToday } from '../record/context.js';
import { practiceTrajectories } from '../measures/trajectories.js';
import { presentClient, presentViewer } from '../presenters.js';
import { readCaseload } from '../workspace/caseload.js';
import { loadWorkspacePanel } from '../workspace/client-panel.js';
import { openResponse } from '../record/client-text.js';

const notFound = (): Response =>
  errorResponse({ code: 'not-found', message: 'There is no such page in your practice.' });

/** The therapist's client list, client pages, episodes and check links. */
export function clientRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The caseload sorted by need, with counts and filters (workspace/caseload.ts): two queries.
  app.get('/clients', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const found = await readCaseload(c, deps, s, { need: c.req.query('need'), view: c.req.query('view') });
    const page = clientsPage({ viewer: presentViewer(s), caseload: found.view, empty: found.empty, form: {} });
    return c.html(page, found.problem ? 400 : 200);
  });

  app.post('/clients', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const code = parseClientCode(fields['code'] ?? '');
    const displayName = parseName(fields['displayName'] ?? '', 'displayName', LIMITS.displayName, true);
    const again = async (message: string, errs: Record<string, string>, status: 409 | 422) => {
      const found = await readCaseload(c, deps, s, {});
      const form = {
        code: fields['code'] ?? '',
        displayName: fields['displayName'] ?? '',
        error: { message, fields: errs },
      };
      return c.html(clientsPage({ viewer: presentViewer(s), caseload: found.view, empty: found.empty, form }), status);
    };
    if (!code.ok || !displayName.ok) {
      return again(
        'Some details need attention.',
        { ...(code.ok ? {} : code.error.fields), ...(displayName.ok ? {} : displayName.error.fields) },
        422,
      );
    }
    const created = await deps.store.createClient(
      s.practiceId,
      { code: code.value, displayName: displayName.value },
      deps.clock.now().toISOString(),
    );
    if (!created.ok) return again(created.error.message, created.error.fields ?? {}, 409);
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'client.create',
      clientId: created.value.id,
    });
    return c.redirect(`/clients/${created.value.id}`, 303);
  });

  app.get('/clients/:clientId', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const clientId = asClientId(c.req.param('clientId'));
    const client = await deps.store.getClient(s.practiceId, clientId);
    if (!client) return notFound();
    const [episodes, administrations, links, responses, signals, audience, trajectories] = await Promise.all([
      deps.store.listEpisodes(s.practiceId, clientId),
      deps.store.listAdministrations(s.practiceId, clientId),
      deps.store.listCheckLinks(s.practiceId, clientId),
      deps.store.measures
        .listResponses(s.practiceId, clientId)
        .then((xs) => Promise.all(xs.map((r) => openResponse(deps.keys, r)))),
      deps.store.measures.listSignals(s.practiceId, clientId),
      deps.store.measures.getClientAudience(s.practiceId, clientId),
      practiceTrajectories(deps.store, library, s.practiceId),
    ]);
    const openEpisode = episodes.find((e) => e.status === 'open');
    const contracts = openEpisode ? await deps.store.frame.listContractVersions(s.practiceId, openEpisode.id) : [];
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'client.read',
      clientId,
    });
    const record = {
      client,
      episodes,
      administrations,
      links,
      responses,
      signals: signals.map((x) => x.signal),
      audience,
      trajectories,
    };
    const agreement = openEpisode ? presentAgreementSummary(openEpisode.id, contracts) : null;
    const home = openEpisode ? await loadHomePanel(c, deps, library, s, openEpisode) : null;
    const workspace = openEpisode ? await loadWorkspacePanel(deps, library, s.practiceId, openEpisode, record) : null;
    const ending = presentEndingPanel(
      await deps.store.endings.listForClient(s.practiceId, clientId),
      ukToday(deps.clock.now()),
    );
    const voice = await loadVoicePanel(c, deps, library, s, {
      clientId,
      episode: openEpisode ?? null,
      audience,
      responses,
    });
    return c.html(
      clientPage({
        ...presentClient(s, record, library, deps.clock.now()),
        agreement,
        home,
        workspace,
        ending,
        voice,
        rights: { canErase: s.user.role === 'practice-admin' },
      }),
    );
  });

  app.post('/clients/:clientId/episodes', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const clientId = asClientId(c.req.param('clientId'));
    const existing = await deps.store.listEpisodes(s.practiceId, clientId);
    if (existing.some((e) => e.status === 'open')) return c.redirect(`/clients/${clientId}`, 303);
    const opened = await deps.store.openEpisode(s.practiceId, clientId, deps.clock.now().toISOString());
    if (!opened.ok) return opened.error.code === 'not-found' ? notFound() : errorResponse(opened.error);
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'episode.open',
      clientId,
    });
    return c.redirect(`/clients/${clientId}`, 303);
  });

  app.post('/episodes/:episodeId/check-links', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(c.req.param('episodeId')));
    if (!episode) return notFound();
    // Defaults: the relationship check, after the session, for the client's recorded age group.
    const stored = await deps.store.measures.getClientAudience(s.practiceId, episode.clientId);
    const audience = parseClientAudience(fields['audience'] || stored || 'adult');
    const moment = parseMoment(fields['moment'] || 'check-out');
    const def = library.get(fields['instrumentId'] || DEFAULT_INSTRUMENT_ID)?.definition;
    const version = def && audience.ok ? versionFor(def, audience.value) : undefined;
    const problem = !audience.ok
      ? audience.error.message
      : !moment.ok
        ? moment.error.message
        : !def || !library.sendable.includes(def)
          ? 'Choose a measure from the list.'
          : version && !version.ok
            ? version.error.message
            : null;
    if (problem !== null || !audience.ok || !moment.ok || !def) {
      return c.html(
        messagePage({
          title: 'Please check your choices',
          body: `${problem ?? 'Choose a measure from the list.'} No link was created.`,
          link: { href: `/clients/${episode.clientId}`, text: 'Back to the client' },
        }),
        422,
      );
    }
    const token = newToken(LINK_TOKEN_BYTES);
    const now = deps.clock.now();
    const issued = await deps.store.measures.issueLink(s.practiceId, {
      episodeId: episode.id,
      instrumentId: def.id,
      instrumentVersion: def.version,
      audience: audience.value,
      moment: moment.value,
      tokenHash: tokenHash(token),
      issuedBy: s.user.id,
      issuedAt: now.toISOString(),
      expiresAt: linkExpiry(now).toISOString(),
    });
    if (!issued.ok) return issued.error.code === 'not-found' ? notFound() : errorResponse(issued.error);
    // The age group chosen becomes the client's default for next time.
    if (audience.value !== stored) {
      await deps.store.measures.setClientAudience(s.practiceId, episode.clientId, audience.value);
    }
    const client = await deps.store.getClient(s.practiceId, issued.value.clientId);
    if (!client) return notFound();
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'check-link.issue',
      clientId: client.id,
    });
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    const url = `${base}/c/${token}`;
    // Emailed too when the practice has SMTP and the client an address (mail/deliver.ts).
    const to = await clientEmail(deps, s.practiceId, client.id);
    const delivery = await deliverLink(c, deps, s, { clientId: client.id, to, url, expiresAt: issued.value.expiresAt });
    c.header('Cache-Control', 'no-store');
    return c.html(
      linkIssuedPage({
        viewer: presentViewer(s),
        client: { id: client.id, code: client.code },
        url,
        expiresAt: issued.value.expiresAt,
        delivery: DELIVERY_TEXT[delivery],
      }),
    );
  });

  return app;
}
