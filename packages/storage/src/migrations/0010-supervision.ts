import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * Supervision: which supervisor supervises which therapist (set by the practice administrator),
 * the agenda each therapist brings (its question sealed like the rest of the therapist's own
 * record), and the users whose password was set by the administrator and must be changed at
 * their first sign-in. New tables only; the `supervisor` role needs no column change, as
 * `app_user.role` is text.
 */
export const supervision: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    await db.schema
      .createTable('supervision_link')
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('supervisor_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('supervisee_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('supervision_link_pk', ['supervisor_id', 'supervisee_id'])
      .execute();
    await db.schema
      .createIndex('supervision_link_practice_idx')
      .on('supervision_link')
      .columns(['practice_id', 'supervisee_id'])
      .execute();

    await db.schema
      .createTable('supervision_item')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('supervisee_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('sealed_question', 'text', (c) => c.notNull())
      .addColumn('signal', 'text')
      .addColumn('journal_entry_id', 'text', (c) => c.references('journal_entry.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('discussed_at', t.timestamp)
      .addColumn('discussed_by', 'text', (c) => c.references('app_user.id'))
      .execute();
    await db.schema
      .createIndex('supervision_item_supervisee_idx')
      .on('supervision_item')
      .columns(['practice_id', 'supervisee_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('password_change_due')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('since', t.timestamp, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['password_change_due', 'supervision_item', 'supervision_link']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
