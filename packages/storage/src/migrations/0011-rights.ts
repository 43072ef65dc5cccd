import type { Kysely, Migration } from 'kysely';

/**
 * The rest of the client's and therapist's free text, sealed like the record: the client's
 * progress notes and goal wordings, the client's questions about a contract, and the
 * free-text answers of a measure (the client's, a carer's, the therapist's own view, and
 * answers entered by phone). Each gets a `sealed_*` column holding ciphertext made by the
 * server. The key lives in the server, so SQL cannot convert the rows already written:
 * they stay readable as they are until `rapport keys seal-existing` seals them, and every
 * new row is written sealed (its old plain column left empty, or its text answers left out).
 */
export const rights: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const sealed: readonly (readonly [string, string])[] = [
      ['progress_note', 'sealed_text'],
      ['client_goal_wording', 'sealed_text'],
      ['contract_question', 'sealed_text'],
      ['measure_response', 'sealed_answers'],
      ['therapist_rating', 'sealed_answers'],
      ['carer_response', 'sealed_answers'],
      ['phone_entry', 'sealed_answers_as_entered'],
    ];
    for (const [table, column] of sealed) {
      await db.schema.alterTable(table).addColumn(column, 'text').execute();
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const [table, column] of [
      ['phone_entry', 'sealed_answers_as_entered'],
      ['carer_response', 'sealed_answers'],
      ['therapist_rating', 'sealed_answers'],
      ['measure_response', 'sealed_answers'],
      ['contract_question', 'sealed_text'],
      ['client_goal_wording', 'sealed_text'],
      ['progress_note', 'sealed_text'],
    ] as const) {
      await db.schema.alterTable(table).dropColumn(column).execute();
    }
  },
};
