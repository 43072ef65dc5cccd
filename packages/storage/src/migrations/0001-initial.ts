import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * The walking skeleton's tables. Ids are text (UUIDs made in code), so the
 * same migration works on both stores without sequences or autoincrement.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    await db.schema
      .createTable('practice')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('app_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('auth_session')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('client')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('client_practice_code_unique', ['practice_id', 'code'])
      .execute();

    await db.schema
      .createTable('episode')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .execute();
    await db.schema.createIndex('episode_client_idx').on('episode').columns(['practice_id', 'client_id']).execute();

    await db.schema
      .createTable('check_link')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'integer', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('issued_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('issued_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('check_link_episode_idx')
      .on('check_link')
      .columns(['practice_id', 'episode_id'])
      .execute();

    await db.schema
      .createTable('administration')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      // Unique: a link yields at most one administration, whatever races happen.
      .addColumn('check_link_id', 'text', (c) => c.notNull().unique().references('check_link.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'integer', (c) => c.notNull())
      .addColumn('answers', t.json, (c) => c.notNull())
      .addColumn('score', t.real, (c) => c.notNull())
      .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('administration_episode_idx')
      .on('administration')
      .columns(['practice_id', 'episode_id', 'submitted_at'])
      .execute();

    await db.schema
      .createTable('audit_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text')
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('audit_event_practice_idx').on('audit_event').columns(['practice_id', 'at']).execute();

    await db.schema
      .createTable('rapport_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'rapport_meta',
      'audit_event',
      'administration',
      'check_link',
      'episode',
      'client',
      'auth_session',
      'app_user',
      'practice',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
