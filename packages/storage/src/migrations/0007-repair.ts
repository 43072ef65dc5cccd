import { sql, type Kysely, type Migration } from 'kysely';
import { signalMark, type ClientSignal } from '@rapport/core';
import { toJson } from '../convert.js';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * The therapist's workspace: the therapist's own rating of a session on the mirrored form (one
 * per episode and session day, beside the client's), what the therapist tried after a rupture
 * (sealed like the rest of their record), and the client's answer, at a later check, to whether
 * things feel better between them. A rupture is named by the time of the check that showed it,
 * because stored signals are replaced on every submission.
 *
 * For the caseload (two queries for the whole practice): each stored signal gets its mark (core's
 * `signalMark`, filled in here for the signals already stored) so the caseload reads no JSON, and
 * indexes find an episode's latest response, latest relationship check and latest link directly.
 */
export const repair: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    await db.schema
      .createTable('therapist_rating')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'integer', (c) => c.notNull())
      // A calendar day, YYYY-MM-DD: text on both stores so no driver shifts it by a time zone.
      .addColumn('session_day', 'text', (c) => c.notNull())
      .addColumn('answers', t.json, (c) => c.notNull())
      .addColumn('scores', t.json, (c) => c.notNull())
      .addColumn('total', t.real)
      .addColumn('rated_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('rated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('therapist_rating_session_uq', ['episode_id', 'instrument_id', 'session_day'])
      .execute();
    await db.schema
      .createIndex('therapist_rating_client_idx')
      .on('therapist_rating')
      .columns(['practice_id', 'client_id'])
      .execute();

    await db.schema
      .createTable('repair_attempt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('rupture_at', t.timestamp, (c) => c.notNull())
      .addColumn('sealed_text', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('written_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('repair_attempt_episode_idx')
      .on('repair_attempt')
      .columns(['practice_id', 'episode_id', 'rupture_at'])
      .execute();

    // One answer per submitted check: the link it came with is unique.
    await db.schema
      .createTable('repair_answer')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('check_link_id', 'text', (c) => c.notNull().unique().references('check_link.id'))
      .addColumn('rupture_at', t.timestamp, (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('answered_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('repair_answer_client_idx')
      .on('repair_answer')
      .columns(['practice_id', 'client_id'])
      .execute();

    await db.schema.alterTable('client_signal').addColumn('mark', 'text').execute();
    const stored = await sql<{ id: string; detail: unknown }>`select id, detail from client_signal`.execute(db);
    for (const row of stored.rows) {
      const mark = signalMark(toJson(row.detail) as ClientSignal);
      await sql`update client_signal set mark = ${mark} where id = ${row.id}`.execute(db);
    }
    await db.schema
      .createIndex('measure_response_episode_idx')
      .on('measure_response')
      .columns(['episode_id', 'status', 'saved_at'])
      .execute();
    await db.schema
      .createIndex('measure_response_episode_instrument_idx')
      .on('measure_response')
      .columns(['episode_id', 'instrument_id', 'saved_at'])
      .execute();
    await db.schema
      .createIndex('check_link_episode_issued_idx')
      .on('check_link')
      .columns(['episode_id', 'issued_at'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const index of [
      'check_link_episode_issued_idx',
      'measure_response_episode_instrument_idx',
      'measure_response_episode_idx',
    ]) {
      await db.schema.dropIndex(index).execute();
    }
    await db.schema.alterTable('client_signal').dropColumn('mark').execute();
    for (const table of ['repair_answer', 'repair_attempt', 'therapist_rating']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
