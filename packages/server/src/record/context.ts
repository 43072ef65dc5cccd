import type { Context } from 'hono';
import { asEpisodeId, type Client, type ClientId, type Episode } from '@rapport/core';
import type { AuditAction } from '@rapport/storage';
import { audit } from '../audit.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { errorResponse } from '../http-errors.js';
import type { EpisodeHeadView } from '@rapport/web';

/** Row ids are UUIDs: anything else is refused before it reaches a query. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isRowId = (s: string | undefined): s is string => s !== undefined && UUID.test(s);

export const notFound = (): Response =>
  errorResponse({ code: 'not-found', message: 'There is no such page in your practice.' });

/** Today's date in the UK, `YYYY-MM-DD`: the latest day a session or event can be recorded for. */
export const ukToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

/** The episode in the path with its client, both in the signed-in user's practice; null otherwise. */
export async function loadEpisode(
  deps: Deps,
  s: Signedin,
  episodeId: string | undefined,
): Promise<{ readonly episode: Episode; readonly client: Client } | null> {
  if (!isRowId(episodeId)) return null;
  const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(episodeId));
  if (!episode) return null;
  const client = await deps.store.getClient(s.practiceId, episode.clientId);
  return client ? { episode, client } : null;
}

export const episodeHead = (episode: Episode, client: Client): EpisodeHeadView => ({
  client: { id: client.id, code: client.code },
  episodeId: episode.id,
  openedAt: episode.openedAt,
  closedAt: episode.closedAt,
});

/** Audits an access to the record by the signed-in user. */
export async function auditRecord(
  c: Context<AppEnv>,
  deps: Deps,
  s: Signedin,
  action: AuditAction,
  clientId: ClientId | null,
): Promise<void> {
  await audit(c, deps, { practiceId: s.practiceId, actor: { kind: 'user', userId: s.user.id }, action, clientId });
}

/** Private pages must not linger in a shared browser's or a proxy's cache. */
export const noStore = (c: Context<AppEnv>): void => {
  c.header('Cache-Control', 'no-store');
};
