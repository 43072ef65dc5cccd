import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * The therapist's own record: each practice's wrapped data keys, an episode's sessions,
 * private session notes, the boundary log and the reflective journal. Free text is stored
 * only as ciphertext (`sealed_*` columns). New tables only, so older rows keep their meaning.
 */
export const record: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    // Every version is kept: a value names the version that sealed it, so rotation can find old ones.
    await db.schema
      .createTable('practice_data_key')
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('wrapped_key', 'text', (c) => c.notNull())
      .addColumn('master_key_id', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('practice_data_key_pk', ['practice_id', 'version'])
      .execute();

    await db.schema
      .createTable('episode_session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('modality', 'text', (c) => c.notNull())
      .addColumn('attendance', 'text', (c) => c.notNull())
      .addColumn('minutes', 'integer')
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('episode_session_episode_idx')
      .on('episode_session')
      .columns(['practice_id', 'episode_id', 'held_on'])
      .execute();

    // One note per session per author: a colleague's note on the same session is theirs alone.
    await db.schema
      .createTable('session_note')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('session_id', 'text', (c) => c.notNull().references('episode_session.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('sealed_text', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('session_note_session_author_unique', ['session_id', 'author_id'])
      .execute();

    await db.schema
      .createTable('boundary_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('occurred_on', 'text', (c) => c.notNull())
      .addColumn('sealed_description', 'text', (c) => c.notNull())
      .addColumn('clause_id', 'text')
      .addColumn('principles', t.json, (c) => c.notNull())
      .addColumn('sealed_reflection', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('boundary_event_episode_idx')
      .on('boundary_event')
      .columns(['practice_id', 'episode_id', 'occurred_on'])
      .execute();

    await db.schema
      .createTable('journal_entry')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('sealed_text', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.references('client.id'))
      .addColumn('signal', 'text')
      .addColumn('guide_question_id', 'text')
      .addColumn('prompt_id', 'text')
      .addColumn('written_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('journal_entry_author_idx')
      .on('journal_entry')
      .columns(['practice_id', 'author_id', 'written_at'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['journal_entry', 'boundary_event', 'session_note', 'episode_session', 'practice_data_key']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
