import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  asAdministrationId,
  asCheckLinkId,
  asClientId,
  asEpisodeId,
  asPracticeId,
  asUserId,
  fail,
  ok,
  type Administration,
  type CheckLink,
  type Client,
  type Episode,
  type Role,
  type User,
} from '@rapport/core';
import { fromBool, toBool, toCount, toIso, toIsoOrNull, toJson } from './convert.js';
import { dialectOf, type DialectName } from './dialect.js';
import type { AppUserTable, ClientTable, Database, EpisodeTable } from './schema.js';
import { KyselyFrameStore } from './frame-store.js';
import { KyselyMeasuresStore } from './measures-store.js';
import { KyselyRecordStore } from './record-store.js';
import { KyselySecurityStore } from './security-store.js';
import { KyselyHomeStore } from './home-store.js';
import { KyselyRepairStore } from './repair-store.js';
import { KyselyEndingsStore } from './endings-store.js';
import { KyselyVoiceStore } from './voice-store.js';
import { KyselySupervisionStore } from './supervision-store.js';
import { KyselyRightsStore } from './rights-store.js';
import { insertUser } from './practice-people.js';
import type { AuditEvent, Store } from './store.js';
import { auditRow } from './audit-row.js';
import { Precompiled } from './precompiled.js';

/** SQLite and PostgreSQL report a unique-constraint violation differently. */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const toUser = (r: Selectable<AppUserTable>): User => ({
  id: asUserId(r.id),
  practiceId: asPracticeId(r.practice_id),
  email: r.email,
  name: r.name,
  role: r.role as Role,
  createdAt: toIso(r.created_at),
});

const toClient = (r: Selectable<ClientTable>): Client => ({
  id: asClientId(r.id),
  practiceId: asPracticeId(r.practice_id),
  code: r.code,
  displayName: r.display_name,
  createdAt: toIso(r.created_at),
});

function toEpisode(r: Selectable<EpisodeTable>): Episode {
  const base = {
    id: asEpisodeId(r.id),
    practiceId: asPracticeId(r.practice_id),
    clientId: asClientId(r.client_id),
    openedAt: toIso(r.opened_at),
  };
  const closedAt = toIsoOrNull(r.closed_at);
  return r.status === 'closed' && closedAt !== null
    ? { ...base, status: 'closed', closedAt }
    : { ...base, status: 'open', closedAt: null };
}

/** The Kysely implementation of the storage port, one class for both dialects. */
/** Check links with their episode's client. */
const checkLinks = (db: Kysely<Database>) =>
  db
    .selectFrom('check_link as l')
    .innerJoin('episode as e', 'e.id', 'l.episode_id')
    .selectAll('l')
    .select('e.client_id');

/** What every client's link and submission reads, compiled once per store (precompiled.ts). */
const linkStatements = (db: Kysely<Database>) => ({
  checkLinkByToken: new Precompiled(['tokenHash'], (v: { tokenHash: string }) =>
    checkLinks(db).where('l.token_hash', '=', v.tokenHash),
  ),
  episode: new Precompiled(['practiceId', 'episodeId'], (v: { practiceId: string; episodeId: string }) =>
    db.selectFrom('episode').selectAll().where('practice_id', '=', v.practiceId).where('id', '=', v.episodeId),
  ),
});

export class KyselyStore implements Store {
  readonly dialect: DialectName;
  readonly frame: KyselyFrameStore;
  readonly measures: KyselyMeasuresStore;
  readonly record: KyselyRecordStore;
  readonly security: KyselySecurityStore;
  readonly home: KyselyHomeStore;
  readonly repair: KyselyRepairStore;
  readonly endings: KyselyEndingsStore;
  readonly voice: KyselyVoiceStore;
  readonly supervision: KyselySupervisionStore;
  readonly rights: KyselyRightsStore;
  readonly #db: Kysely<Database>;
  readonly #statements: ReturnType<typeof linkStatements>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    this.#statements = linkStatements(db);
    this.dialect = dialectOf(db);
    this.frame = new KyselyFrameStore(db);
    this.measures = new KyselyMeasuresStore(db);
    this.record = new KyselyRecordStore(db);
    this.security = new KyselySecurityStore(db);
    this.home = new KyselyHomeStore(db);
    this.repair = new KyselyRepairStore(db);
    this.endings = new KyselyEndingsStore(db);
    this.voice = new KyselyVoiceStore(db);
    this.supervision = new KyselySupervisionStore(db);
    this.rights = new KyselyRightsStore(db);
  }

  /** For migrations and tests that need the raw query builder. */
  get db(): Kysely<Database> {
    return this.#db;
  }

  async createPractice(input: Parameters<Store['createPractice']>[0], at: string): ReturnType<Store['createPractice']> {
    const practiceId = randomUUID();
    const userId = randomUUID();
    try {
      await this.#db.transaction().execute(async (trx) => {
        await trx.insertInto('practice').values({ id: practiceId, name: input.practiceName, created_at: at }).execute();
        await trx
          .insertInto('app_user')
          .values({
            id: userId,
            practice_id: practiceId,
            email: input.admin.email,
            name: input.admin.name,
            role: 'practice-admin',
            password_hash: input.admin.passwordHash,
            active: fromBool(this.dialect, true),
            created_at: at,
          })
          .execute();
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        return fail('conflict', 'An account with that email address already exists.', {
          email: 'This address is already registered. Sign in instead.',
        });
      }
      throw e;
    }
    const practice = { id: asPracticeId(practiceId), name: input.practiceName, createdAt: toIso(at) };
    const user: User = {
      id: asUserId(userId),
      practiceId: practice.id,
      email: input.admin.email,
      name: input.admin.name,
      role: 'practice-admin',
      createdAt: toIso(at),
    };
    return ok({ practice, user });
  }

  async getPractice(practiceId: Parameters<Store['getPractice']>[0]): ReturnType<Store['getPractice']> {
    const r = await this.#db.selectFrom('practice').selectAll().where('id', '=', practiceId).executeTakeFirst();
    return r ? { id: asPracticeId(r.id), name: r.name, createdAt: toIso(r.created_at) } : null;
  }

  async addUser(...[practiceId, input, at]: Parameters<Store['addUser']>): ReturnType<Store['addUser']> {
    try {
      return ok(await insertUser(this.#db, practiceId, input, at));
    } catch (e) {
      if (isUniqueViolation(e)) return fail('conflict', 'An account with that email address already exists.');
      throw e;
    }
  }

  async findLogin(email: string): ReturnType<Store['findLogin']> {
    const r = await this.#db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
    return r ? { user: toUser(r), passwordHash: r.password_hash, active: toBool(r.active) } : null;
  }

  async getUser(...[practiceId, userId]: Parameters<Store['getUser']>): ReturnType<Store['getUser']> {
    const r = await this.#db
      .selectFrom('app_user')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async setPasswordHash(...[practiceId, userId, hash]: Parameters<Store['setPasswordHash']>): Promise<void> {
    await this.#db
      .updateTable('app_user')
      .set({ password_hash: hash })
      .where('practice_id', '=', practiceId)
      .where('id', '=', userId)
      .execute();
  }

  async createSession(s: Parameters<Store['createSession']>[0]): Promise<void> {
    await this.#db
      .insertInto('auth_session')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        practice_id: s.practiceId,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async findSession(tokenHash: string): ReturnType<Store['findSession']> {
    const r = await this.#db
      .selectFrom('auth_session')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r
      ? {
          tokenHash: r.token_hash,
          userId: asUserId(r.user_id),
          practiceId: asPracticeId(r.practice_id),
          createdAt: toIso(r.created_at),
          lastSeenAt: toIso(r.last_seen_at),
          expiresAt: toIso(r.expires_at),
        }
      : null;
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.#db.updateTable('auth_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('auth_session').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpiredSessions(at: string): Promise<number> {
    const r = await this.#db.deleteFrom('auth_session').where('expires_at', '<=', at).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async createClient(...[practiceId, input, at]: Parameters<Store['createClient']>): ReturnType<Store['createClient']> {
    const id = randomUUID();
    try {
      await this.#db
        .insertInto('client')
        .values({ id, practice_id: practiceId, code: input.code, display_name: input.displayName, created_at: at })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) {
        return fail('conflict', 'A client with that code already exists in this practice.', {
          code: 'This code is in use. Choose another.',
        });
      }
      throw e;
    }
    return ok({
      id: asClientId(id),
      practiceId,
      code: input.code,
      displayName: input.displayName,
      createdAt: toIso(at),
    });
  }

  async getClient(...[practiceId, clientId]: Parameters<Store['getClient']>): ReturnType<Store['getClient']> {
    const r = await this.#db
      .selectFrom('client')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('id', '=', clientId)
      .executeTakeFirst();
    return r ? toClient(r) : null;
  }

  async listClients(practiceId: Parameters<Store['listClients']>[0]): ReturnType<Store['listClients']> {
    const rows = await this.#db
      .selectFrom('client as c')
      .selectAll('c')
      .select((eb) => [
        eb
          .selectFrom('episode as e')
          .select(eb.fn.countAll().as('n'))
          .whereRef('e.client_id', '=', 'c.id')
          .where('e.practice_id', '=', practiceId)
          .where('e.status', '=', 'open')
          .as('open_episodes'),
        eb
          .selectFrom('administration as a')
          .innerJoin('episode as e2', 'e2.id', 'a.episode_id')
          .select('a.score')
          .whereRef('e2.client_id', '=', 'c.id')
          .where('a.practice_id', '=', practiceId)
          .orderBy('a.submitted_at', 'desc')
          .limit(1)
          .as('last_score'),
        eb
          .selectFrom('administration as a')
          .innerJoin('episode as e3', 'e3.id', 'a.episode_id')
          .select('a.submitted_at')
          .whereRef('e3.client_id', '=', 'c.id')
          .where('a.practice_id', '=', practiceId)
          .orderBy('a.submitted_at', 'desc')
          .limit(1)
          .as('last_submitted_at'),
      ])
      .where('c.practice_id', '=', practiceId)
      .orderBy('c.code')
      .execute();
    return rows.map((r) => ({
      ...toClient(r),
      openEpisodes: toCount(r.open_episodes ?? 0),
      lastScore: r.last_score ?? null,
      lastSubmittedAt: r.last_submitted_at == null ? null : toIso(r.last_submitted_at),
    }));
  }

  async countClients(practiceId: Parameters<Store['countClients']>[0]): Promise<number> {
    const r = await this.#db
      .selectFrom('client')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('practice_id', '=', practiceId)
      .executeTakeFirstOrThrow();
    return toCount(r.n);
  }

  async openEpisode(...[practiceId, clientId, at]: Parameters<Store['openEpisode']>): ReturnType<Store['openEpisode']> {
    const client = await this.getClient(practiceId, clientId);
    if (!client) return fail('not-found', 'No such client in this practice.');
    const id = randomUUID();
    await this.#db
      .insertInto('episode')
      .values({ id, practice_id: practiceId, client_id: clientId, status: 'open', opened_at: at, closed_at: null })
      .execute();
    return ok({ id: asEpisodeId(id), practiceId, clientId, status: 'open', openedAt: toIso(at), closedAt: null });
  }

  async getEpisode(...[practiceId, episodeId]: Parameters<Store['getEpisode']>): ReturnType<Store['getEpisode']> {
    const r = await this.#statements.episode.first(this.#db, { practiceId, episodeId });
    return r ? toEpisode(r) : null;
  }

  async listEpisodes(...[practiceId, clientId]: Parameters<Store['listEpisodes']>): ReturnType<Store['listEpisodes']> {
    const rows = await this.#db
      .selectFrom('episode')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .orderBy('opened_at', 'desc')
      .execute();
    return rows.map(toEpisode);
  }

  async findCheckLink(tokenHash: string): ReturnType<Store['findCheckLink']> {
    const r = await this.#statements.checkLinkByToken.first(this.#db, { tokenHash });
    return r ? toCheckLink(r) : null;
  }

  async listCheckLinks(
    ...[practiceId, clientId]: Parameters<Store['listCheckLinks']>
  ): ReturnType<Store['listCheckLinks']> {
    const rows = await checkLinks(this.#db)
      .where('l.practice_id', '=', practiceId)
      .where('e.client_id', '=', clientId)
      .orderBy('l.issued_at', 'desc')
      .execute();
    return rows.map(toCheckLink);
  }

  async submitCheck(
    ...[practiceId, linkId, input]: Parameters<Store['submitCheck']>
  ): ReturnType<Store['submitCheck']> {
    return this.#db.transaction().execute(async (trx) => {
      // The conditional update is the guard: of two racing submissions only one
      // changes a row; the other sees zero rows and writes nothing.
      const claimed = await trx
        .updateTable('check_link')
        .set({ used_at: input.submittedAt })
        .where('id', '=', linkId)
        .where('practice_id', '=', practiceId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', input.submittedAt)
        .returning(['episode_id', 'instrument_id', 'instrument_version'])
        .executeTakeFirst();
      if (!claimed) {
        const link = await trx
          .selectFrom('check_link')
          .select(['used_at'])
          .where('id', '=', linkId)
          .where('practice_id', '=', practiceId)
          .executeTakeFirst();
        if (!link) return fail('not-found', 'This link is not recognised.');
        return link.used_at !== null
          ? fail('link-used', 'This check has already been completed.')
          : fail('link-expired', 'This link has expired.');
      }
      const id = randomUUID();
      await trx
        .insertInto('administration')
        .values({
          id,
          practice_id: practiceId,
          episode_id: claimed.episode_id,
          check_link_id: linkId,
          instrument_id: claimed.instrument_id,
          instrument_version: claimed.instrument_version,
          answers: JSON.stringify(input.answers),
          score: input.score,
          submitted_at: input.submittedAt,
        })
        .execute();
      return ok({
        id: asAdministrationId(id),
        practiceId,
        episodeId: asEpisodeId(claimed.episode_id),
        checkLinkId: linkId,
        instrumentId: claimed.instrument_id,
        instrumentVersion: claimed.instrument_version,
        answers: { ...input.answers },
        score: input.score,
        submittedAt: toIso(input.submittedAt),
      });
    });
  }

  async listAdministrations(
    ...[practiceId, clientId]: Parameters<Store['listAdministrations']>
  ): ReturnType<Store['listAdministrations']> {
    const rows = await this.#db
      .selectFrom('administration as a')
      .innerJoin('episode as e', 'e.id', 'a.episode_id')
      .selectAll('a')
      .where('a.practice_id', '=', practiceId)
      .where('e.client_id', '=', clientId)
      .orderBy('a.submitted_at', 'asc')
      .execute();
    return rows.map((r): Administration => ({
      id: asAdministrationId(r.id),
      practiceId: asPracticeId(r.practice_id),
      episodeId: asEpisodeId(r.episode_id),
      checkLinkId: asCheckLinkId(r.check_link_id),
      instrumentId: r.instrument_id,
      instrumentVersion: r.instrument_version,
      answers: toJson(r.answers) as Record<string, number>,
      score: r.score,
      submittedAt: toIso(r.submitted_at),
    }));
  }

  async recordAudit(event: AuditEvent): Promise<void> {
    await this.#db.insertInto('audit_event').values(auditRow(event)).execute();
  }

  async listAudit(...[practiceId, limit]: Parameters<Store['listAudit']>): ReturnType<Store['listAudit']> {
    const rows = await this.#db
      .selectFrom('audit_event')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r): AuditEvent => ({
      practiceId: asPracticeId(r.practice_id),
      actor:
        r.actor_kind === 'user' && r.actor_user_id !== null
          ? { kind: 'user', userId: asUserId(r.actor_user_id) }
          : r.actor_kind === 'client'
            ? { kind: 'client' }
            : { kind: 'client-link' },
      action: r.action as AuditEvent['action'],
      clientId: r.client_id === null ? null : asClientId(r.client_id),
      at: toIso(r.at),
      ip: r.ip,
    }));
  }

  async getMeta(key: string): Promise<string | null> {
    const r = await this.#db.selectFrom('rapport_meta').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.#db
      .insertInto('rapport_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}

function toCheckLink(r: {
  id: string;
  practice_id: string;
  episode_id: string;
  client_id: string;
  instrument_id: string;
  instrument_version: number;
  issued_by: string;
  issued_at: string | Date;
  expires_at: string | Date;
  used_at: string | Date | null;
}): CheckLink {
  return {
    id: asCheckLinkId(r.id),
    practiceId: asPracticeId(r.practice_id),
    episodeId: asEpisodeId(r.episode_id),
    clientId: asClientId(r.client_id),
    instrumentId: r.instrument_id,
    instrumentVersion: r.instrument_version,
    issuedBy: asUserId(r.issued_by),
    issuedAt: toIso(r.issued_at),
    expiresAt: toIso(r.expires_at),
    usedAt: toIsoOrNull(r.used_at),
  };
}
