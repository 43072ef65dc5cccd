import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  asPracticeId,
  asUserId,
  checkSupervisionLink,
  fail,
  isRole,
  ok,
  type PracticeId,
  type Result,
  type Role,
  type User,
  type UserId,
} from '@rapport/core';
import { fromBool, toIso } from './convert.js';
import { dialectOf } from './dialect.js';
import type { Database } from './schema.js';

/** A user of the practice as the administrator's people page lists them. */
export interface PracticeMember extends User {
  /** Set by the administrator and not yet changed by its owner. */
  readonly passwordChangeDue: boolean;
}

export interface SupervisionLink {
  readonly supervisorId: UserId;
  readonly superviseeId: UserId;
  readonly createdAt: string;
}

/**
 * The practice's people: who can sign in with which role (an administrator adds them with a
 * password to be changed at first sign-in), and which supervisor supervises whom. Part of
 * `store.supervision` (`supervision-store.ts`), kept apart as the home's goals are.
 */
export interface PracticePeopleStore {
  /** Everyone in the practice, by name. */
  listMembers(practiceId: PracticeId): Promise<PracticeMember[]>;
  /**
   * Adds a user whose first password was set by the administrator, marked to be changed at first
   * sign-in, in one transaction. `conflict` when the email address is taken.
   */
  addMember(
    practiceId: PracticeId,
    input: { readonly email: string; readonly name: string; readonly role: Role; readonly passwordHash: string },
    at: string,
  ): Promise<Result<User>>;
  passwordChangeDue(practiceId: PracticeId, userId: UserId): Promise<boolean>;
  clearPasswordChange(practiceId: PracticeId, userId: UserId): Promise<void>;

  /**
   * Links a supervisor to a supervisee (both must be of the practice; the roles must fit, by
   * core's rule). Linking twice changes nothing. `not-found` for anyone outside the practice.
   */
  link(
    practiceId: PracticeId,
    input: { readonly supervisorId: UserId; readonly superviseeId: UserId; readonly by: UserId },
    at: string,
  ): Promise<Result<void>>;
  /** True when a link was removed. */
  unlink(practiceId: PracticeId, supervisorId: UserId, superviseeId: UserId): Promise<boolean>;
  listLinks(practiceId: PracticeId): Promise<SupervisionLink[]>;
  /** The supervisor's supervisees, by name. */
  listSupervisees(practiceId: PracticeId, supervisorId: UserId): Promise<User[]>;
  supervises(practiceId: PracticeId, supervisorId: UserId, superviseeId: UserId): Promise<boolean>;
}

/** SQLite and PostgreSQL report a unique-constraint violation differently. */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

interface UserRow {
  id: string;
  practice_id: string;
  email: string;
  name: string;
  role: string;
  created_at: string | Date;
}

const toUser = (r: UserRow): User => ({
  id: asUserId(r.id),
  practiceId: asPracticeId(r.practice_id),
  email: r.email,
  name: r.name,
  // An unknown role in the database holds no records: read as a supervisor, who sees least.
  role: isRole(r.role) ? r.role : 'supervisor',
  createdAt: toIso(r.created_at),
});

const USER_COLUMNS = ['u.id', 'u.practice_id', 'u.email', 'u.name', 'u.role', 'u.created_at'] as const;

/**
 * Inserts an active user into `db` (which may be a transaction) and returns them. A taken email
 * address throws the driver's unique violation, for the caller to answer as it needs.
 */
export async function insertUser(
  db: Kysely<Database> | Transaction<Database>,
  practiceId: PracticeId,
  input: { readonly email: string; readonly name: string; readonly role: Role; readonly passwordHash: string },
  at: string,
): Promise<User> {
  const id = randomUUID();
  await db
    .insertInto('app_user')
    .values({
      id,
      practice_id: practiceId,
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      active: fromBool(dialectOf(db), true),
      created_at: at,
    })
    .execute();
  return { id: asUserId(id), practiceId, email: input.email, name: input.name, role: input.role, createdAt: toIso(at) };
}

export class KyselyPracticePeople implements PracticePeopleStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async listMembers(practiceId: PracticeId): Promise<PracticeMember[]> {
    const rows = await this.#db
      .selectFrom('app_user as u')
      .leftJoin('password_change_due as d', 'd.user_id', 'u.id')
      .select([...USER_COLUMNS, 'd.since'])
      .where('u.practice_id', '=', practiceId)
      .orderBy('u.name')
      .orderBy('u.email')
      .execute();
    return rows.map((r) => ({ ...toUser(r), passwordChangeDue: r.since !== null }));
  }

  async addMember(...[practiceId, input, at]: Parameters<PracticePeopleStore['addMember']>): Promise<Result<User>> {
    try {
      return ok(
        await this.#db.transaction().execute(async (trx) => {
          const user = await insertUser(trx, practiceId, input, at);
          await trx
            .insertInto('password_change_due')
            .values({ user_id: user.id, practice_id: practiceId, since: at })
            .execute();
          return user;
        }),
      );
    } catch (e) {
      if (isUniqueViolation(e)) {
        return fail('conflict', 'An account with that email address already exists.', {
          email: 'This address already has an account.',
        });
      }
      throw e;
    }
  }

  async passwordChangeDue(practiceId: PracticeId, userId: UserId): Promise<boolean> {
    const r = await this.#db
      .selectFrom('password_change_due')
      .select('user_id')
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r !== undefined;
  }

  async clearPasswordChange(practiceId: PracticeId, userId: UserId): Promise<void> {
    await this.#db
      .deleteFrom('password_change_due')
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', userId)
      .execute();
  }

  async #user(db: Kysely<Database> | Transaction<Database>, practiceId: PracticeId, userId: UserId) {
    const r = await db
      .selectFrom('app_user as u')
      .select(USER_COLUMNS)
      .where('u.practice_id', '=', practiceId)
      .where('u.id', '=', userId)
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async link(...[practiceId, input, at]: Parameters<PracticePeopleStore['link']>): Promise<Result<void>> {
    return this.#db.transaction().execute(async (trx) => {
      const [supervisor, supervisee] = await Promise.all([
        this.#user(trx, practiceId, input.supervisorId),
        this.#user(trx, practiceId, input.superviseeId),
      ]);
      if (!supervisor || !supervisee) return fail('not-found', 'There is no such person in your practice.');
      const allowed = checkSupervisionLink(supervisor, supervisee);
      if (!allowed.ok) return allowed;
      const existing = await trx
        .selectFrom('supervision_link')
        .select('supervisor_id')
        .where('practice_id', '=', practiceId)
        .where('supervisor_id', '=', supervisor.id)
        .where('supervisee_id', '=', supervisee.id)
        .executeTakeFirst();
      if (existing) return ok(undefined);
      await trx
        .insertInto('supervision_link')
        .values({
          practice_id: practiceId,
          supervisor_id: supervisor.id,
          supervisee_id: supervisee.id,
          created_by: input.by,
          created_at: at,
        })
        .execute();
      return ok(undefined);
    });
  }

  async unlink(practiceId: PracticeId, supervisorId: UserId, superviseeId: UserId): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('supervision_link')
      .where('practice_id', '=', practiceId)
      .where('supervisor_id', '=', supervisorId)
      .where('supervisee_id', '=', superviseeId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listLinks(practiceId: PracticeId): Promise<SupervisionLink[]> {
    const rows = await this.#db
      .selectFrom('supervision_link')
      .select(['supervisor_id', 'supervisee_id', 'created_at'])
      .where('practice_id', '=', practiceId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      supervisorId: asUserId(r.supervisor_id),
      superviseeId: asUserId(r.supervisee_id),
      createdAt: toIso(r.created_at),
    }));
  }

  async listSupervisees(practiceId: PracticeId, supervisorId: UserId): Promise<User[]> {
    const rows = await this.#db
      .selectFrom('supervision_link as l')
      .innerJoin('app_user as u', 'u.id', 'l.supervisee_id')
      .select(USER_COLUMNS)
      .where('l.practice_id', '=', practiceId)
      .where('u.practice_id', '=', practiceId)
      .where('l.supervisor_id', '=', supervisorId)
      .orderBy('u.name')
      .execute();
    return rows.map(toUser);
  }

  async supervises(practiceId: PracticeId, supervisorId: UserId, superviseeId: UserId): Promise<boolean> {
    const r = await this.#db
      .selectFrom('supervision_link')
      .select('supervisor_id')
      .where('practice_id', '=', practiceId)
      .where('supervisor_id', '=', supervisorId)
      .where('supervisee_id', '=', superviseeId)
      .executeTakeFirst();
    return r !== undefined;
  }
}
