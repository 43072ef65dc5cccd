import { Hono, type Context } from 'hono';
import { LINK_TOKEN_BYTES, asEpisodeId, type Episode } from '@rapport/core';
import { homeLinkIssuedPage, type ClientHomePanelView } from '@rapport/web';
import { audit } from '../audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { therapistForm } from '../guards.js';
import { presentHomePanel } from '../home/present-panel.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { DELIVERY_TEXT, clientEmail, deliverLink } from '../mail/deliver.js';
import { presentViewer } from '../presenters.js';
import { loadGoals, loadSharedNotes } from '../record/client-text.js';

const notFound = (): Response =>
  errorResponse({ code: 'not-found', message: 'There is no such page in your practice.' });

/**
 * The client's home on the client page: its link, the client's goals and the notes they
 * shared. Loaded only through `listSharedNotes` (`loadSharedNotes`), so a private note never leaves the store
 * on this path; reading the goals or notes is recorded in the audit trail.
 */
export async function loadHomePanel(
  c: Context<AppEnv>,
  deps: Deps,
  library: InstrumentLibrary,
  s: Signedin,
  episode: Episode,
): Promise<ClientHomePanelView> {
  const [status, goals, sharedNotes] = await Promise.all([
    deps.store.home.homeStatus(s.practiceId, episode.id),
    loadGoals(deps, s.practiceId, episode.id),
    loadSharedNotes(deps, s.practiceId, episode.id),
  ]);
  if (goals.length > 0 || sharedNotes.length > 0) {
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'goals.read',
      clientId: episode.clientId,
    });
  }
  return presentHomePanel({ episodeId: episode.id, status, goals, sharedNotes, library });
}

/** The therapist gives, replaces and stops the client's home link. */
export function homeLinkRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/episodes/:episodeId/home-link', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(c.req.param('episodeId')));
    if (!episode) return notFound();
    const token = newToken(LINK_TOKEN_BYTES);
    const issued = await deps.store.home.issueHome(s.practiceId, {
      episodeId: episode.id,
      tokenHash: tokenHash(token),
      issuedBy: s.user.id,
      issuedAt: deps.clock.now().toISOString(),
    });
    if (!issued.ok) return issued.error.code === 'not-found' ? notFound() : errorResponse(issued.error);
    const client = await deps.store.getClient(s.practiceId, issued.value.clientId);
    if (!client) return notFound();
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'home-link.issue',
      clientId: client.id,
    });
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    const url = `${base}/h/${token}`;
    // Emailed too when the practice has SMTP and the client an address, like every other link.
    const to = await clientEmail(deps, s.practiceId, client.id);
    const delivery = await deliverLink(c, deps, s, { clientId: client.id, to, url, expiresAt: null });
    c.header('Cache-Control', 'no-store');
    return c.html(
      homeLinkIssuedPage({
        viewer: presentViewer(s),
        client: { id: client.id, code: client.code },
        url,
        delivery: DELIVERY_TEXT[delivery],
      }),
    );
  });

  app.post('/episodes/:episodeId/home-link/revoke', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(c.req.param('episodeId')));
    if (!episode) return notFound();
    // Stopping a link already stopped (a second click) changes nothing and says so by going back.
    const stopped = await deps.store.home.revokeHome(s.practiceId, episode.id, deps.clock.now().toISOString());
    if (stopped.ok) {
      await audit(c, deps, {
        practiceId: s.practiceId,
        actor: { kind: 'user', userId: s.user.id },
        action: 'home-link.revoke',
        clientId: episode.clientId,
      });
    }
    return c.redirect(`/clients/${episode.clientId}`, 303);
  });

  return app;
}
