import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * The client's voice: the client's comment on a check (sealed, shared now or held until the
 * next session), next-day links that open only tomorrow, a carer's own links and ratings
 * (apart from the young person's) with what the carer may see per episode, answers entered by
 * the therapist over the phone awaiting the client's confirmation, and the client's email
 * address (sealed). New tables only, so every earlier row keeps its meaning.
 */
export const voice: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));

    // One comment per check link: a draft while the form is unfinished, then sent with the response.
    await db.schema
      .createTable('voice_comment')
      // Keyed by its link: the sealed text is bound to the link's id, which never changes.
      .addColumn('check_link_id', 'text', (c) => c.primaryKey().references('check_link.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('sealed_text', 'text', (c) => c.notNull())
      .addColumn('hold', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('written_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('voice_comment_client_idx')
      .on('voice_comment')
      .columns(['practice_id', 'client_id'])
      .execute();

    // A next-day link: the check link itself is ordinary; this says when it opens.
    await db.schema
      .createTable('deferred_link')
      .addColumn('check_link_id', 'text', (c) => c.primaryKey().references('check_link.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('deferred_from', 'text', (c) => c.notNull().references('check_link.id'))
      .addColumn('valid_from', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('carer_sharing')
      .addColumn('episode_id', 'text', (c) => c.primaryKey().references('episode.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('sharing', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('set_at', t.timestamp, (c) => c.notNull())
      .execute();

    // A carer's links and answers live apart from the client's, so no list of the client's own reaches them.
    await db.schema
      .createTable('carer_link')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
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
      .createTable('carer_response')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('carer_link_id', 'text', (c) => c.notNull().unique().references('carer_link.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'integer', (c) => c.notNull())
      .addColumn('answers', t.json, (c) => c.notNull())
      .addColumn('scores', t.json, (c) => c.notNull())
      .addColumn('total', t.real)
      .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('carer_response_client_idx')
      .on('carer_response')
      .columns(['practice_id', 'client_id'])
      .execute();

    // The response itself is an ordinary complete response; this marks it as heard over the phone.
    await db.schema
      .createTable('phone_entry')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
      .addColumn('response_id', 'text', (c) => c.notNull().unique().references('measure_response.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('entered_at', t.timestamp, (c) => c.notNull())
      .addColumn('answers_as_entered', t.json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('confirm_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('confirm_expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('settled_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('phone_entry_client_idx')
      .on('phone_entry')
      .columns(['practice_id', 'client_id'])
      .execute();

    await db.schema
      .createTable('client_contact')
      .addColumn('client_id', 'text', (c) => c.primaryKey().references('client.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('sealed_email', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'client_contact',
      'phone_entry',
      'carer_response',
      'carer_link',
      'carer_sharing',
      'deferred_link',
      'voice_comment',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
