import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  asClientId,
  asEpisodeId,
  asPracticeId,
  fail,
  ok,
  type ClientId,
  type EpisodeId,
  type PracticeId,
  type Result,
  type UserId,
} from '@rapport/core';
import { toIso, toIsoOrNull } from './convert.js';
import { openEpisodeClient } from './episode-guard.js';
import { KyselyHomeGoals, type HomeGoalsStore } from './home-goals.js';
import type { ClientHomeTable } from './home-schema.js';

export {
  STALE_FORM,
  type Guarded,
  type HomeGoalsStore,
  type ProgressNote,
  type StoredGoal,
  type StoredProgressNote,
} from './home-goals.js';

/** A home as its link finds it. The token is the client's credential, so the home carries its practice. */
export interface ClientHome {
  readonly id: string;
  readonly practiceId: PracticeId;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly tokenHash: string;
  /** argon2id of the PIN or password; null until the client has chosen one. */
  readonly secretHash: string | null;
  /** The numbers the client's forms carry (see `advance` below). */
  readonly revision: { readonly goals: number; readonly notes: number };
}

/** What the therapist sees of a home link: never its token, its PIN or its id. */
export interface HomeLinkStatus {
  readonly issuedAt: string;
  readonly revokedAt: string | null;
  readonly secretSet: boolean;
  readonly lastOpenedAt: string | null;
}

/** An unlocked home, found by the SHA-256 of its cookie token. */
export interface HomeSession {
  readonly tokenHash: string;
  readonly homeId: string;
  readonly practiceId: PracticeId;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

/**
 * Storage of the client's home: the link and its lock, the home's sessions, the client's
 * goals (every wording and rating kept) and their notes. Practice-scoped like the rest,
 * except the two lookups by token hash, whose row carries its practice.
 *
 * Private notes are reachable only through `listOwnNotes`, which needs the home's id; only
 * the client's link and session lead to that id (`HomeLinkStatus` never carries it), so no
 * therapist path can ask for them.
 */
export interface HomeStore extends HomeGoalsStore {
  /**
   * Gives the episode a new home link (token replaced, PIN cleared, sessions ended), keeping
   * its goals and notes. Only for an open episode of the practice.
   */
  issueHome(
    practiceId: PracticeId,
    input: {
      readonly episodeId: EpisodeId;
      readonly tokenHash: string;
      readonly issuedBy: UserId;
      readonly issuedAt: string;
    },
  ): Promise<Result<{ readonly clientId: ClientId }>>;
  /** Stops the link and ends its sessions; `not-found` when the episode has no live link. */
  revokeHome(
    practiceId: PracticeId,
    episodeId: EpisodeId,
    at: string,
  ): Promise<Result<{ readonly clientId: ClientId }>>;
  homeStatus(practiceId: PracticeId, episodeId: EpisodeId): Promise<HomeLinkStatus | null>;
  /** A live (not revoked) home by the SHA-256 of its link token. */
  findHome(tokenHash: string): Promise<ClientHome | null>;
  /** Stores the first PIN or password; false (nothing written) once one is set. */
  setSecret(practiceId: PracticeId, homeId: string, secretHash: string, at: string): Promise<boolean>;
  markOpened(practiceId: PracticeId, homeId: string, at: string): Promise<void>;

  createSession(session: HomeSession): Promise<void>;
  /** The session and its home, while the home is live. */
  findSession(tokenHash: string): Promise<{ readonly session: HomeSession; readonly home: ClientHome } | null>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
}

const toHome = (r: Selectable<ClientHomeTable>): ClientHome => ({
  id: r.id,
  practiceId: asPracticeId(r.practice_id),
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  tokenHash: r.token_hash,
  secretHash: r.secret_hash,
  revision: { goals: r.goals_revision, notes: r.notes_revision },
});

export class KyselyHomeStore extends KyselyHomeGoals implements HomeStore {
  async issueHome(...[practiceId, input]: Parameters<HomeStore['issueHome']>): ReturnType<HomeStore['issueHome']> {
    return this.db.transaction().execute(async (trx) => {
      const client = await openEpisodeClient(
        trx,
        practiceId,
        input.episodeId,
        'This episode has ended; open a new one first.',
      );
      if (!client.ok) return client;
      const existing = await trx
        .selectFrom('client_home')
        .select('id')
        .where('practice_id', '=', practiceId)
        .where('episode_id', '=', input.episodeId)
        .executeTakeFirst();
      const fresh = {
        token_hash: input.tokenHash,
        secret_hash: null,
        secret_set_at: null,
        issued_by: input.issuedBy,
        issued_at: input.issuedAt,
        revoked_at: null,
        last_opened_at: null,
      };
      if (existing) {
        await trx.deleteFrom('client_home_session').where('home_id', '=', existing.id).execute();
        await trx.updateTable('client_home').set(fresh).where('id', '=', existing.id).execute();
      } else {
        await trx
          .insertInto('client_home')
          .values({
            id: randomUUID(),
            practice_id: practiceId,
            client_id: client.value,
            episode_id: input.episodeId,
            ...fresh,
          })
          .execute();
      }
      return ok({ clientId: asClientId(client.value) });
    });
  }

  async revokeHome(practiceId: PracticeId, episodeId: EpisodeId, at: string): ReturnType<HomeStore['revokeHome']> {
    return this.db.transaction().execute(async (trx) => {
      const home = await trx
        .selectFrom('client_home')
        .select(['id', 'client_id'])
        .where('practice_id', '=', practiceId)
        .where('episode_id', '=', episodeId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!home) return fail('not-found', 'This episode has no home link to stop.');
      await trx.deleteFrom('client_home_session').where('home_id', '=', home.id).execute();
      await trx.updateTable('client_home').set({ revoked_at: at }).where('id', '=', home.id).execute();
      return ok({ clientId: asClientId(home.client_id) });
    });
  }

  async homeStatus(practiceId: PracticeId, episodeId: EpisodeId): Promise<HomeLinkStatus | null> {
    const r = await this.db
      .selectFrom('client_home')
      .select(['issued_at', 'revoked_at', 'secret_hash', 'last_opened_at'])
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .executeTakeFirst();
    return r
      ? {
          issuedAt: toIso(r.issued_at),
          revokedAt: toIsoOrNull(r.revoked_at),
          secretSet: r.secret_hash !== null,
          lastOpenedAt: toIsoOrNull(r.last_opened_at),
        }
      : null;
  }

  async findHome(tokenHash: string): Promise<ClientHome | null> {
    const r = await this.db
      .selectFrom('client_home')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r ? toHome(r) : null;
  }

  async setSecret(practiceId: PracticeId, homeId: string, secretHash: string, at: string): Promise<boolean> {
    // Conditional on no secret yet: of two first visits racing, only one chooses the PIN.
    const r = await this.db
      .updateTable('client_home')
      .set({ secret_hash: secretHash, secret_set_at: at })
      .where('id', '=', homeId)
      .where('practice_id', '=', practiceId)
      .where('secret_hash', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markOpened(practiceId: PracticeId, homeId: string, at: string): Promise<void> {
    await this.db
      .updateTable('client_home')
      .set({ last_opened_at: at })
      .where('id', '=', homeId)
      .where('practice_id', '=', practiceId)
      .execute();
  }

  async createSession(s: HomeSession): Promise<void> {
    await this.db
      .insertInto('client_home_session')
      .values({
        token_hash: s.tokenHash,
        home_id: s.homeId,
        practice_id: s.practiceId,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async findSession(tokenHash: string): ReturnType<HomeStore['findSession']> {
    const r = await this.db
      .selectFrom('client_home_session as s')
      .innerJoin('client_home as h', (j) =>
        j.onRef('h.id', '=', 's.home_id').onRef('h.practice_id', '=', 's.practice_id'),
      )
      .selectAll('h')
      .select(['s.token_hash as session_hash', 's.created_at as s_created', 's.last_seen_at', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .where('h.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!r) return null;
    const home = toHome(r);
    return {
      home,
      session: {
        tokenHash: r.session_hash,
        homeId: home.id,
        practiceId: home.practiceId,
        createdAt: toIso(r.s_created),
        lastSeenAt: toIso(r.last_seen_at),
        expiresAt: toIso(r.expires_at),
      },
    };
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('client_home_session')
      .set({ last_seen_at: at })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('client_home_session').where('token_hash', '=', tokenHash).execute();
  }
}
