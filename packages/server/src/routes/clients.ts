import { Hono, type Context } from 'hono';
import {
  LINK_TOKEN_BYTES,
  LIMITS,
  SESSION_CHECK,
  asClientId,
  asEpisodeId,
  linkExpiry,
  parseClientCode,
  parseName,
} from '@rapport/core';
import { clientPage, clientsPage, linkIssuedPage } from '@rapport/web';
import { audit } from '../audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { csrfMatches, readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';
import { presentClient, presentClientRow, presentViewer } from '../presenters.js';

const notFound = (): Response =>
  errorResponse({ code: 'not-found', message: 'There is no such page in your practice.' });

/** Reads the signed-in therapist; a route that needs one answers 401 without. */
function therapist(c: Context<AppEnv>): Signedin | Response {
  const s = c.get('signedIn');
  if (s) return s;
  if (c.req.method === 'GET') return c.redirect('/login', 303);
  return errorResponse({ code: 'unauthenticated', message: 'Your session has ended. Please sign in again.' });
}

/** A therapist's form post: signed in, readable, and carrying the session's CSRF token. */
async function therapistForm(
  c: Context<AppEnv>,
): Promise<{ signedIn: Signedin; fields: Readonly<Record<string, string>> } | Response> {
  const s = therapist(c);
  if (s instanceof Response) return s;
  const form = await readForm(c);
  if (!form.ok) return errorResponse(form.error);
  if (!csrfMatches(form.value, s)) {
    return errorResponse({
      code: 'forbidden',
      message: 'This form has expired. Go back, reload the page and try again.',
    });
  }
  return { signedIn: s, fields: form.value };
}

/** The therapist's client list, client pages, episodes and check links. */
export function clientRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/clients', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const clients = await deps.store.listClients(s.practiceId);
    return c.html(clientsPage({ viewer: presentViewer(s), clients: clients.map(presentClientRow), form: {} }));
  });

  app.post('/clients', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const code = parseClientCode(fields['code'] ?? '');
    const displayName = parseName(fields['displayName'] ?? '', 'displayName', LIMITS.displayName, true);
    const again = async (message: string, errs: Record<string, string>, status: 409 | 422) => {
      const clients = await deps.store.listClients(s.practiceId);
      const form = {
        code: fields['code'] ?? '',
        displayName: fields['displayName'] ?? '',
        error: { message, fields: errs },
      };
      return c.html(clientsPage({ viewer: presentViewer(s), clients: clients.map(presentClientRow), form }), status);
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
    const [episodes, administrations, links] = await Promise.all([
      deps.store.listEpisodes(s.practiceId, clientId),
      deps.store.listAdministrations(s.practiceId, clientId),
      deps.store.listCheckLinks(s.practiceId, clientId),
    ]);
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'client.read',
      clientId,
    });
    return c.html(clientPage(presentClient(s, client, episodes, administrations, links, deps.clock.now())));
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
    const s = r.signedIn;
    const token = newToken(LINK_TOKEN_BYTES);
    const now = deps.clock.now();
    const issued = await deps.store.issueCheckLink(s.practiceId, {
      episodeId: asEpisodeId(c.req.param('episodeId')),
      instrumentId: SESSION_CHECK.id,
      instrumentVersion: SESSION_CHECK.version,
      tokenHash: tokenHash(token),
      issuedBy: s.user.id,
      issuedAt: now.toISOString(),
      expiresAt: linkExpiry(now).toISOString(),
    });
    if (!issued.ok) return issued.error.code === 'not-found' ? notFound() : errorResponse(issued.error);
    const client = await deps.store.getClient(s.practiceId, issued.value.clientId);
    if (!client) return notFound();
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'check-link.issue',
      clientId: client.id,
    });
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    c.header('Cache-Control', 'no-store');
    return c.html(
      linkIssuedPage({
        viewer: presentViewer(s),
        client: { id: client.id, code: client.code },
        url: `${base}/c/${token}`,
        expiresAt: issued.value.expiresAt,
      }),
    );
  });

  return app;
}
