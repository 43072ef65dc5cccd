import type { Kysely, Migration } from 'kysely';

/**
 * Every recompute of a client's signals asks how many of the practice's episodes are closed (the
 * expected curves are refitted only when that changes). Episodes were indexed by client only, so
 * the count read every episode of the practice; with this index it is counted from the index.
 * The client comes last so that finding a client's open episode (the caseload joins each client to
 * it) is one seek here too: with only practice and status, SQLite preferred this index for that
 * join and read every open episode of the practice for each client.
 */
export const episodeStatusIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('episode_status_idx')
      .on('episode')
      .columns(['practice_id', 'status', 'client_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('episode_status_idx').execute();
  },
};
