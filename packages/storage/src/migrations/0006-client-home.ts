import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * The client's home: one personal link per episode (only its SHA-256 stored) with the
 * PIN or password the client chose (argon2id), the home's own sessions, the client's goals
 * with every wording and rating kept, and their notes on their progress, each shared with
 * the counsellor or private. New tables only.
 */
export const clientHome: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    // One row per episode: issuing a new link replaces the token and clears the PIN on the same
    // row, so the revision counters (see home-store.ts) run on across links.
    await db.schema
      .createTable('client_home')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().unique().references('episode.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text')
      .addColumn('secret_set_at', t.timestamp)
      .addColumn('issued_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('issued_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .addColumn('last_opened_at', t.timestamp)
      .addColumn('goals_revision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notes_revision', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('client_home_session')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('home_id', 'text', (c) => c.notNull().references('client_home.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('client_home_session_home_idx').on('client_home_session').column('home_id').execute();

    await db.schema
      .createTable('client_goal')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      // The goals revision it was added at: the order the client wrote them, even within one clock tick.
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('retired_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('client_goal_episode_idx')
      .on('client_goal')
      .columns(['practice_id', 'episode_id'])
      .execute();

    await db.schema
      .createTable('client_goal_wording')
      .addColumn('goal_id', 'text', (c) => c.notNull().references('client_goal.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('written_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('client_goal_wording_pk', ['goal_id', 'version'])
      .execute();

    // `round` is the goals revision the check-in was made at: a second copy of the same
    // check-in cannot add a second rating for the goal, even past the revision guard.
    await db.schema
      .createTable('client_goal_rating')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('goal_id', 'text', (c) => c.notNull().references('client_goal.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('rated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('client_goal_rating_round_uq', ['goal_id', 'round'])
      .execute();

    await db.schema
      .createTable('progress_note')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('point_at', t.timestamp, (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('shared', t.bool, (c) => c.notNull())
      .addColumn('written_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('progress_note_episode_idx')
      .on('progress_note')
      .columns(['practice_id', 'episode_id'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'progress_note',
      'client_goal_rating',
      'client_goal_wording',
      'client_goal',
      'client_home_session',
      'client_home',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
