import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/** The frame: practice wording of clauses, contract versions, their links, questions and agreements. */
export const frame: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    // A practice's own wording of a library clause (or its own clause); replaces the library's by id.
    await db.schema
      .createTable('practice_clause')
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('clause_id', 'text', (c) => c.notNull())
      .addColumn('clause', t.json, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('practice_clause_pk', ['practice_id', 'clause_id'])
      .execute();

    // Every offered contract is a new immutable version; the body is exactly what the client reads.
    await db.schema
      .createTable('contract_version')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', t.json, (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('contract_version_episode_version_unique', ['episode_id', 'version'])
      .execute();

    await db.schema
      .createTable('contract_link')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('contract_version_id', 'text', (c) => c.notNull().references('contract_version.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('issued_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('contract_question')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('contract_version_id', 'text', (c) => c.notNull().references('contract_version.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('asked_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('contract_agreement')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('contract_version_id', 'text', (c) => c.notNull().references('contract_version.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('signed_name', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('agreed_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('contract_agreement_version_role_unique', ['contract_version_id', 'role'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'contract_agreement',
      'contract_question',
      'contract_link',
      'contract_version',
      'practice_clause',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
