import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.js';

/**
 * Access security: the login throttle (rate-limiter-flexible's counters, kept
 * in our own database so limits hold across restarts), TOTP two-factor with
 * its recovery codes, the practice's two-factor requirement, and pending
 * two-factor sign-ins.
 */
export const security: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(dialectOf(db));
    // Milliseconds since the epoch, as the rate limiter counts them.
    const epochMs = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';

    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('expire', epochMs)
      .execute();

    // One row a user: an unconfirmed row is an enrolment in progress.
    await db.schema
      .createTable('user_totp')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', t.timestamp)
      // The last accepted 30-second step: a code is accepted once (RFC 6238 §5.2).
      .addColumn('last_time_step', epochMs)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('recovery_code')
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .addPrimaryKeyConstraint('recovery_code_pk', ['user_id', 'code_hash'])
      .execute();

    await db.schema
      .createTable('practice_security')
      .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practice.id'))
      .addColumn('require_two_factor', t.bool, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    // Password accepted, second factor still to come: no session exists yet.
    await db.schema
      .createTable('login_challenge')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('practice_id', 'text', (c) => c.notNull().references('practice.id'))
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['login_challenge', 'practice_security', 'recovery_code', 'user_totp', 'login_throttle']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
