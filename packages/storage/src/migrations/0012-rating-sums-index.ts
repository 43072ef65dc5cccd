import type { Kysely, Migration } from 'kysely';

/**
 * Every submission recomputes the client's signals, and the rupture detector scales a drop by the
 * spread of all the practice's relationship ratings. The store now sums those ratings in the
 * database (`ratingMoments`) instead of reading each one; this index holds every column that query
 * touches, so it is answered from the index alone, however long the practice's history.
 */
export const ratingSumsIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('measure_response_totals_idx')
      .on('measure_response')
      .columns(['practice_id', 'instrument_id', 'status', 'client_id', 'total'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('measure_response_totals_idx').execute();
  },
};
