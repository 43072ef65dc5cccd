import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * Endings: one row per episode that has begun to end. What was agreed about the ending
 * (sessions left, a last date), how and when it ended, and the links the ending sent: the
 * client's ending review, the one check-in after an unplanned ending, the follow-up with its due
 * date. Calendar days are text (YYYY-MM-DD) on both stores. A new table only.
 */
export const endings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));
    await db.schema
      .createTable('episode_ending')
      .addColumn('episode_id', 'text', (c) => c.primaryKey().references('episode.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('sessions_left', 'integer')
      .addColumn('end_on', 'text')
      .addColumn('prepared_on', 'text')
      .addColumn('prepared_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('kind', 'text')
      .addColumn('reason', 'text')
      .addColumn('ended_on', 'text')
      .addColumn('ended_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('ended_at', t.timestamp)
      .addColumn('review_link_id', 'text', (c) => c.references('check_link.id'))
      // Unique: the check-in after an unplanned ending is sent once only.
      .addColumn('check_in_link_id', 'text', (c) => c.unique().references('check_link.id'))
      .addColumn('follow_up_months', 'integer')
      .addColumn('follow_up_due_on', 'text')
      .addColumn('follow_up_link_id', 'text', (c) => c.unique().references('check_link.id'))
      .execute();
    await db.schema.createIndex('episode_ending_practice_idx').on('episode_ending').column('practice_id').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('episode_ending').execute();
  },
};
