import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * Measures in use: how each link was sent (audience, moment), every response with its
 * answers as given (drafts too, never scored), the signals recomputed from them, and a
 * client's age group for choosing versions. New tables only, so older rows keep their meaning.
 */
export const measures: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    await db.schema
      .createTable('measure_link')
      .addColumn('check_link_id', 'text', (c) => c.primaryKey().references('check_link.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('moment', 'text', (c) => c.notNull())
      .execute();

    // One row per link: a draft while partial, then the complete response (scores derived by core).
    await db.schema
      .createTable('measure_response')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('check_link_id', 'text', (c) => c.notNull().unique().references('check_link.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'integer', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('moment', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('answers', t.json, (c) => c.notNull())
      .addColumn('scores', t.json)
      .addColumn('total', t.real)
      .addColumn('flags', t.json, (c) => c.notNull())
      .addColumn('saved_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('measure_response_client_idx')
      .on('measure_response')
      .columns(['practice_id', 'client_id', 'saved_at'])
      .execute();

    await db.schema
      .createTable('client_signal')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('observed_at', t.timestamp, (c) => c.notNull())
      .addColumn('detail', t.json, (c) => c.notNull())
      .addColumn('computed_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('client_signal_client_idx')
      .on('client_signal')
      .columns(['practice_id', 'client_id'])
      .execute();

    await db.schema
      .createTable('client_measure_setting')
      .addColumn('client_id', 'text', (c) => c.primaryKey().references('client.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('audience', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['client_measure_setting', 'client_signal', 'measure_response', 'measure_link']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
