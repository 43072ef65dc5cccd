import type { Kysely } from 'kysely';
import { fail, ok, type EpisodeId, type PracticeId, type Result } from '@rapport/core';
import type { Database } from './schema.js';

/** What a write about an episode needs to know first: whose episode it is and whether it is still open. */
export interface EpisodeFacts {
  readonly clientId: string;
  readonly status: 'open' | 'closed';
}

/**
 * The practice's episode, open or ended; null when it is another practice's or there is none, so
 * the caller answers `not-found` either way. Takes a transaction too (it is a Kysely).
 */
export async function findEpisode(
  db: Kysely<Database>,
  practiceId: PracticeId,
  episodeId: EpisodeId,
): Promise<EpisodeFacts | null> {
  const e = await db
    .selectFrom('episode')
    .select(['client_id', 'status'])
    .where('practice_id', '=', practiceId)
    .where('id', '=', episodeId)
    .executeTakeFirst();
  // Only 'open' and 'closed' are ever written; anything else is treated as ended, never as open.
  return e ? { clientId: e.client_id, status: e.status === 'open' ? 'open' : 'closed' } : null;
}

/**
 * The client of the practice's open episode: `not-found` as in `findEpisode`, `conflict` with
 * the caller's `ended` message once the episode has ended (nothing may be added to it then).
 */
export async function openEpisodeClient(
  db: Kysely<Database>,
  practiceId: PracticeId,
  episodeId: EpisodeId,
  ended: string,
): Promise<Result<string>> {
  const episode = await findEpisode(db, practiceId, episodeId);
  if (!episode) return fail('not-found', 'No such episode in this practice.');
  if (episode.status !== 'open') return fail('conflict', ended);
  return ok(episode.clientId);
}
