import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * Signals are no longer recomputed inside the client's submission: the submission marks the
 * client's signals as due, in its own transaction, and the server recomputes them just after
 * (coalesced under load) or before any staff page reads them. The mark is durable so that a
 * server killed between the two still recomputes at its next start. `mark` is new at every marking
 * (a random id): a recompute clears the mark only if no submission has marked the client since it
 * read it, even one that came after another process cleared and re-created the row.
 */
export const signalsDue: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));
    await db.schema
      .createTable('signal_due')
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('mark', 'text', (c) => c.notNull())
      .addColumn('marked_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('signal_due_pk', ['practice_id', 'client_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('signal_due').execute();
  },
};
