import type { ColumnType, Kysely } from 'kysely';
import { asClientId, asPracticeId, asUserId, type ClientId, type PracticeId, type UserId } from '@rapport/core';
import { fromBool, toBool, toIso } from './convert.js';
import { dialectOf, type DialectName } from './dialect.js';
import type { Database } from './schema.js';

type Timestamp = ColumnType<string | Date, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;
/** bigint arrives from pg as a string; SQLite integers as numbers. */
type EpochMs = ColumnType<string | number | null, number | null, number | null>;

/** The tables of migration 0003-security, kept beside the code that uses them. */
// A type alias (not an interface) so Kysely's withTables accepts it.
export type SecurityTables = {
  login_throttle: { key: string; points: number; expire: EpochMs };
  user_totp: {
    user_id: string;
    practice_id: string;
    secret: string;
    confirmed_at: NullableTimestamp;
    last_time_step: EpochMs;
    created_at: Timestamp;
  };
  recovery_code: { user_id: string; practice_id: string; code_hash: string; used_at: NullableTimestamp };
  practice_security: {
    practice_id: string;
    require_two_factor: ColumnType<number | boolean, number | boolean, number | boolean>;
    updated_by: string;
    updated_at: Timestamp;
  };
  login_challenge: { token_hash: string; user_id: string; practice_id: string; expires_at: Timestamp };
};

/** A throttle counter as rate-limiter-flexible reads it: points used and when the window ends (ms). */
export interface ThrottleCounter {
  readonly points: number;
  readonly expire: number | null;
}

export interface TwoFactor {
  readonly secret: string;
  readonly confirmed: boolean;
  readonly lastTimeStep: number | null;
}

export interface LoginChallenge {
  readonly userId: UserId;
  readonly practiceId: PracticeId;
  readonly expiresAt: string;
}

/** One line of the practice's audit view, with names resolved for reading. */
export interface AuditEntry {
  readonly at: string;
  readonly action: string;
  readonly actorKind: 'user' | 'client-link' | 'client';
  readonly actorName: string | null;
  readonly clientId: ClientId | null;
  readonly clientCode: string | null;
  readonly ip: string | null;
}

/** Storage of access security: login throttle, TOTP, recovery codes, the practice's 2FA rule, the audit view. */
export interface SecurityStore {
  /** Adds points to a counter, starting a new window when the old one has ended; atomic on both stores. */
  consumeThrottle(key: string, points: number, msDuration: number, nowMs: number): Promise<ThrottleCounter>;
  getThrottle(key: string, nowMs: number): Promise<ThrottleCounter | null>;
  deleteThrottle(key: string): Promise<void>;

  getTwoFactor(practiceId: PracticeId, userId: UserId): Promise<TwoFactor | null>;
  /** Starts (or restarts) an enrolment; refused (false) while a confirmed secret exists. */
  beginTwoFactor(practiceId: PracticeId, userId: UserId, secret: string, at: string): Promise<boolean>;
  /** Confirms the enrolment and replaces the recovery codes, in one transaction. */
  confirmTwoFactor(
    practiceId: PracticeId,
    userId: UserId,
    input: { readonly timeStep: number; readonly recoveryCodeHashes: readonly string[]; readonly at: string },
  ): Promise<boolean>;
  /** Accepts a time step only if it is later than the last one accepted: a code works once. */
  acceptTimeStep(practiceId: PracticeId, userId: UserId, timeStep: number): Promise<boolean>;
  /** Marks a recovery code used; false if unknown or already used. */
  useRecoveryCode(practiceId: PracticeId, userId: UserId, codeHash: string, at: string): Promise<boolean>;
  countRecoveryCodes(practiceId: PracticeId, userId: UserId): Promise<number>;
  disableTwoFactor(practiceId: PracticeId, userId: UserId): Promise<void>;

  requiresTwoFactor(practiceId: PracticeId): Promise<boolean>;
  setRequireTwoFactor(practiceId: PracticeId, value: boolean, by: UserId, at: string): Promise<void>;

  createLoginChallenge(tokenHash: string, challenge: LoginChallenge): Promise<void>;
  /** The challenge if it exists and has not expired at `now`. */
  findLoginChallenge(tokenHash: string, now: string): Promise<LoginChallenge | null>;
  deleteLoginChallenge(tokenHash: string): Promise<void>;

  /** The practice's audit trail, newest first. */
  pageAudit(practiceId: PracticeId, page: { readonly limit: number; readonly offset: number }): Promise<AuditEntry[]>;
}

const toMs = (v: string | number | null): number | null => (v === null ? null : Number(v));

export class KyselySecurityStore implements SecurityStore {
  readonly #db: Kysely<Database & SecurityTables>;
  readonly #dialect: DialectName;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<SecurityTables>();
    this.#dialect = dialectOf(db);
  }

  async consumeThrottle(key: string, points: number, msDuration: number, nowMs: number): Promise<ThrottleCounter> {
    const expire = msDuration > 0 ? nowMs + msDuration : null;
    // One statement on both stores: a new row, or the old row reset when its window ended, or the old row plus points.
    const r = await this.#db
      .insertInto('login_throttle')
      .values({ key, points, expire })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          points: eb
            .case()
            .when(eb.and([eb('login_throttle.expire', 'is not', null), eb('login_throttle.expire', '<=', nowMs)]))
            .then(points)
            .else(eb('login_throttle.points', '+', points))
            .end(),
          expire: eb
            .case()
            .when(eb.and([eb('login_throttle.expire', 'is not', null), eb('login_throttle.expire', '<=', nowMs)]))
            .then(expire)
            .else(eb.ref('login_throttle.expire'))
            .end(),
        })),
      )
      .returning(['points', 'expire'])
      .executeTakeFirstOrThrow();
    return { points: r.points, expire: toMs(r.expire) };
  }

  async getThrottle(key: string, nowMs: number): Promise<ThrottleCounter | null> {
    const r = await this.#db
      .selectFrom('login_throttle')
      .select(['points', 'expire'])
      .where('key', '=', key)
      .where((eb) => eb.or([eb('expire', 'is', null), eb('expire', '>', nowMs)]))
      .executeTakeFirst();
    return r ? { points: r.points, expire: toMs(r.expire) } : null;
  }

  async deleteThrottle(key: string): Promise<void> {
    await this.#db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }

  async getTwoFactor(practiceId: PracticeId, userId: UserId): Promise<TwoFactor | null> {
    const r = await this.#db
      .selectFrom('user_totp')
      .select(['secret', 'confirmed_at', 'last_time_step'])
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r ? { secret: r.secret, confirmed: r.confirmed_at !== null, lastTimeStep: toMs(r.last_time_step) } : null;
  }

  async beginTwoFactor(practiceId: PracticeId, userId: UserId, secret: string, at: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('user_totp')
        .select('confirmed_at')
        .where('user_id', '=', userId)
        .where('practice_id', '=', practiceId)
        .executeTakeFirst();
      if (existing?.confirmed_at != null) return false;
      await trx.deleteFrom('user_totp').where('user_id', '=', userId).where('practice_id', '=', practiceId).execute();
      await trx
        .insertInto('user_totp')
        .values({
          user_id: userId,
          practice_id: practiceId,
          secret,
          confirmed_at: null,
          last_time_step: null,
          created_at: at,
        })
        .execute();
      return true;
    });
  }

  async confirmTwoFactor(
    ...[practiceId, userId, input]: Parameters<SecurityStore['confirmTwoFactor']>
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('user_totp')
        .set({ confirmed_at: input.at, last_time_step: input.timeStep })
        .where('user_id', '=', userId)
        .where('practice_id', '=', practiceId)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await trx
        .deleteFrom('recovery_code')
        .where('user_id', '=', userId)
        .where('practice_id', '=', practiceId)
        .execute();
      await trx
        .insertInto('recovery_code')
        .values(
          input.recoveryCodeHashes.map((h) => ({
            user_id: userId,
            practice_id: practiceId,
            code_hash: h,
            used_at: null,
          })),
        )
        .execute();
      return true;
    });
  }

  async acceptTimeStep(practiceId: PracticeId, userId: UserId, timeStep: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('user_totp')
      .set({ last_time_step: timeStep })
      .where('user_id', '=', userId)
      .where('practice_id', '=', practiceId)
      .where('confirmed_at', 'is not', null)
      .where((eb) => eb.or([eb('last_time_step', 'is', null), eb('last_time_step', '<', timeStep)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async useRecoveryCode(practiceId: PracticeId, userId: UserId, codeHash: string, at: string): Promise<boolean> {
    const r = await this.#db
      .updateTable('recovery_code')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('practice_id', '=', practiceId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async countRecoveryCodes(practiceId: PracticeId, userId: UserId): Promise<number> {
    const r = await this.#db
      .selectFrom('recovery_code')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('practice_id', '=', practiceId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async disableTwoFactor(practiceId: PracticeId, userId: UserId): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('recovery_code')
        .where('user_id', '=', userId)
        .where('practice_id', '=', practiceId)
        .execute();
      await trx.deleteFrom('user_totp').where('user_id', '=', userId).where('practice_id', '=', practiceId).execute();
    });
  }

  async requiresTwoFactor(practiceId: PracticeId): Promise<boolean> {
    const r = await this.#db
      .selectFrom('practice_security')
      .select('require_two_factor')
      .where('practice_id', '=', practiceId)
      .executeTakeFirst();
    return r ? toBool(r.require_two_factor) : false;
  }

  async setRequireTwoFactor(practiceId: PracticeId, value: boolean, by: UserId, at: string): Promise<void> {
    const flag = fromBool(this.#dialect, value);
    await this.#db
      .insertInto('practice_security')
      .values({ practice_id: practiceId, require_two_factor: flag, updated_by: by, updated_at: at })
      .onConflict((oc) =>
        oc.column('practice_id').doUpdateSet({ require_two_factor: flag, updated_by: by, updated_at: at }),
      )
      .execute();
  }

  async createLoginChallenge(tokenHash: string, c: LoginChallenge): Promise<void> {
    await this.#db
      .insertInto('login_challenge')
      .values({ token_hash: tokenHash, user_id: c.userId, practice_id: c.practiceId, expires_at: c.expiresAt })
      .execute();
  }

  async findLoginChallenge(tokenHash: string, now: string): Promise<LoginChallenge | null> {
    const r = await this.#db
      .selectFrom('login_challenge')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return r
      ? {
          userId: asUserId(r.user_id),
          practiceId: asPracticeId(r.practice_id),
          expiresAt: toIso(r.expires_at),
        }
      : null;
  }

  async deleteLoginChallenge(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('login_challenge').where('token_hash', '=', tokenHash).execute();
  }

  async pageAudit(
    practiceId: PracticeId,
    page: { readonly limit: number; readonly offset: number },
  ): Promise<AuditEntry[]> {
    const rows = await this.#db
      .selectFrom('audit_event as a')
      .leftJoin('app_user as u', (j) => j.onRef('u.id', '=', 'a.actor_user_id').on('u.practice_id', '=', practiceId))
      .leftJoin('client as c', (j) => j.onRef('c.id', '=', 'a.client_id').on('c.practice_id', '=', practiceId))
      .select([
        'a.at',
        'a.action',
        'a.actor_kind',
        'a.ip',
        'a.client_id',
        'u.name as actor_name',
        'c.code as client_code',
      ])
      .where('a.practice_id', '=', practiceId)
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((r) => ({
      at: toIso(r.at),
      action: r.action,
      actorKind: r.actor_kind === 'user' ? 'user' : r.actor_kind === 'client' ? 'client' : 'client-link',
      actorName: r.actor_name ?? null,
      clientId: r.client_id === null ? null : asClientId(r.client_id),
      clientCode: r.client_code ?? null,
      ip: r.ip,
    }));
  }
}
