import type { Kysely, Transaction } from 'kysely';
import {
  DomainFailure,
  ENDING_REVIEW_ID,
  asCheckLinkId,
  asClientId,
  asEpisodeId,
  asUserId,
  endingLinkAllowed,
  fail,
  followUpSchedulable,
  ok,
  type CheckLink,
  type CheckLinkId,
  type ClientId,
  type Ending,
  type EndingKind,
  type EndingLinkPurpose,
  type EpisodeId,
  type FollowUp,
  type FollowUpMonths,
  type MeasureLinkInfo,
  type PracticeId,
  type Preparation,
  type Result,
  type Role,
  type UnplannedReason,
  type UserId,
} from '@rapport/core';
import { toCount, toIso, toIsoOrNull } from './convert.js';
import { findEpisode, openEpisodeClient } from './episode-guard.js';
import { insertMeasureLink, type NewMeasureLink } from './measures-store.js';
import type { Database } from './schema.js';
import { workedOnBy } from './worked-on.js';

/** A link the ending sent, as far as its page needs: when, and whether it was answered. */
export interface EndingLink {
  readonly id: CheckLinkId;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** An episode with where its ending stands. Every part is null until it happens. */
export interface StoredEnding {
  readonly episodeId: EpisodeId;
  readonly clientId: ClientId;
  readonly clientCode: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly closedAt: string | null;
  /** What was agreed, the day it was agreed, and how many sessions were attended after that day. */
  readonly preparation: (Preparation & { readonly agreedOn: string; readonly attendedSince: number }) | null;
  readonly ending: Ending | null;
  readonly review: EndingLink | null;
  readonly checkIn: EndingLink | null;
  readonly followUp: (FollowUp & { readonly link: EndingLink | null }) | null;
}

/** One episode as the practice's outcomes read it, and its complete responses. */
export interface OutcomeFacts {
  readonly episodes: readonly {
    readonly id: EpisodeId;
    readonly clientId: ClientId;
    readonly status: 'open' | 'closed';
    readonly openedAt: string;
    readonly closedAt: string | null;
    readonly ending: Ending | null;
    readonly sessionsAttended: number;
  }[];
  readonly responses: readonly {
    readonly episodeId: EpisodeId;
    readonly instrumentId: string;
    readonly instrumentVersion: number;
    readonly total: number | null;
    readonly at: string;
  }[];
}

/** What an ending link needs besides its purpose: the same facts as any measure link. */
export type EndingLinkInput = Omit<NewMeasureLink, 'episodeId'>;

/**
 * Storage of endings, practice-scoped like the rest. Closing an episode happens here only, in
 * one transaction with its ending, so the count of closed episodes (which keys the practice's
 * expected curves) moves exactly when an ending is recorded.
 */
export interface EndingsStore {
  /** The episode's ending so far; null when the episode is not in the practice. */
  get(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredEnding | null>;
  /** Every episode of the practice whose ending has begun (agreed, recorded or followed up), newest first. */
  list(practiceId: PracticeId): Promise<StoredEnding[]>;
  /** Every episode of one client, newest first, with where its ending stands. */
  listForClient(practiceId: PracticeId, clientId: ClientId): Promise<StoredEnding[]>;
  /** Records what was agreed about the ending of an open episode (replacing an earlier agreement). */
  prepare(
    practiceId: PracticeId,
    episodeId: EpisodeId,
    preparation: Preparation,
    by: { readonly userId: UserId; readonly on: string },
  ): Promise<Result<void>>;
  /**
   * Ends an open episode: its status and close time and the ending, in one transaction. For an
   * episode that closed without one (brought in from earlier records) it records the ending and
   * keeps the close time. `not-found`, or `conflict` when an ending is recorded already, and
   * nothing written.
   */
  endEpisode(
    practiceId: PracticeId,
    episodeId: EpisodeId,
    ending: Ending,
    by: { readonly userId: UserId; readonly at: string },
  ): Promise<Result<void>>;
  /** Chooses (or changes, until it is sent) when to follow up after the ending. */
  scheduleFollowUp(
    practiceId: PracticeId,
    episodeId: EpisodeId,
    followUp: { readonly months: FollowUpMonths; readonly dueOn: string },
  ): Promise<Result<void>>;
  /**
   * Issues the ending's link for `purpose` and records it on the ending, in one transaction, if
   * core's rule allows it now (the check-in once only, even when two requests race).
   */
  issueLink(
    practiceId: PracticeId,
    episodeId: EpisodeId,
    purpose: EndingLinkPurpose,
    input: EndingLinkInput,
    /** Today in the UK (YYYY-MM-DD): when a follow-up falls due is read from it. */
    today: string,
  ): Promise<Result<CheckLink & MeasureLinkInfo>>;
  /**
   * The practice's episodes (only those of one clinician when given: the episodes in which they
   * sent a measure or recorded a session) with their endings, and the complete responses. Two queries.
   */
  outcomeFacts(practiceId: PracticeId, clinician: UserId | null): Promise<OutcomeFacts>;
  /** The practice's people, for choosing whose outcomes to read. */
  listClinicians(
    practiceId: PracticeId,
  ): Promise<{ readonly id: UserId; readonly name: string; readonly role: Role }[]>;
}

type Row = {
  episode_id: string;
  client_id: string;
  client_code: string;
  status: string;
  opened_at: string | Date;
  closed_at: string | Date | null;
  sessions_left: number | null;
  end_on: string | null;
  prepared_on: string | null;
  kind: string | null;
  reason: string | null;
  ended_on: string | null;
  follow_up_months: number | null;
  follow_up_due_on: string | null;
  attended_since: string | number | bigint | null;
} & Record<`${'review' | 'check_in' | 'follow_up'}_${'id' | 'issued_at' | 'expires_at' | 'used_at'}`, unknown>;

/** An ending as stored: null until one was recorded. */
function toEnding(kind: string | null, reason: string | null, endedOn: string | null): Ending | null {
  if (endedOn === null) return null;
  if ((kind as EndingKind | null) === 'planned') return { kind: 'planned', endedOn };
  if (kind === 'unplanned' && reason !== null) return { kind, reason: reason as UnplannedReason, endedOn };
  return null;
}

function toLink(r: Row, prefix: 'review' | 'check_in' | 'follow_up'): EndingLink | null {
  const id = r[`${prefix}_id`];
  if (typeof id !== 'string') return null;
  const at = (key: 'issued_at' | 'expires_at' | 'used_at') => r[`${prefix}_${key}`] as string | Date | null;
  return {
    id: asCheckLinkId(id),
    issuedAt: toIso(at('issued_at') ?? ''),
    expiresAt: toIso(at('expires_at') ?? ''),
    usedAt: toIsoOrNull(at('used_at')),
  };
}

function toStored(r: Row): StoredEnding {
  const followUpLink = toLink(r, 'follow_up');
  return {
    episodeId: asEpisodeId(r.episode_id),
    clientId: asClientId(r.client_id),
    clientCode: r.client_code,
    status: r.status === 'closed' ? 'closed' : 'open',
    openedAt: toIso(r.opened_at),
    closedAt: toIsoOrNull(r.closed_at),
    preparation:
      r.prepared_on === null
        ? null
        : {
            sessionsLeft: r.sessions_left,
            endOn: r.end_on,
            agreedOn: r.prepared_on,
            attendedSince: toCount(r.attended_since ?? 0),
          },
    ending: toEnding(r.kind, r.reason, r.ended_on),
    review: toLink(r, 'review'),
    checkIn: toLink(r, 'check_in'),
    followUp:
      r.follow_up_due_on === null || r.follow_up_months === null
        ? null
        : {
            months: r.follow_up_months as FollowUpMonths,
            dueOn: r.follow_up_due_on,
            sentAt: followUpLink?.issuedAt ?? null,
            link: followUpLink,
          },
  };
}

export class KyselyEndingsStore implements EndingsStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Episodes with their client, ending row and the ending's links: one query. */
  #select(db: Kysely<Database> | Transaction<Database>, practiceId: PracticeId) {
    return db
      .selectFrom('episode as e')
      .innerJoin('client as c', (j) => j.onRef('c.id', '=', 'e.client_id').onRef('c.practice_id', '=', 'e.practice_id'))
      .leftJoin('episode_ending as x', (j) =>
        j.onRef('x.episode_id', '=', 'e.id').onRef('x.practice_id', '=', 'e.practice_id'),
      )
      .leftJoin('check_link as rl', 'rl.id', 'x.review_link_id')
      .leftJoin('check_link as cl', 'cl.id', 'x.check_in_link_id')
      .leftJoin('check_link as fl', 'fl.id', 'x.follow_up_link_id')
      .select([
        'e.id as episode_id',
        'e.client_id',
        'c.code as client_code',
        'e.status',
        'e.opened_at',
        'e.closed_at',
        'x.sessions_left',
        'x.end_on',
        'x.prepared_on',
        'x.kind',
        'x.reason',
        'x.ended_on',
        'x.follow_up_months',
        'x.follow_up_due_on',
        'rl.id as review_id',
        'rl.issued_at as review_issued_at',
        'rl.expires_at as review_expires_at',
        'rl.used_at as review_used_at',
        'cl.id as check_in_id',
        'cl.issued_at as check_in_issued_at',
        'cl.expires_at as check_in_expires_at',
        'cl.used_at as check_in_used_at',
        'fl.id as follow_up_id',
        'fl.issued_at as follow_up_issued_at',
        'fl.expires_at as follow_up_expires_at',
        'fl.used_at as follow_up_used_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('episode_session as s')
          .select(eb.fn.countAll().as('n'))
          .whereRef('s.episode_id', '=', 'e.id')
          .where('s.practice_id', '=', practiceId)
          .where('s.attendance', '=', 'attended')
          .whereRef('s.held_on', '>', 'x.prepared_on')
          .as('attended_since'),
      )
      .where('e.practice_id', '=', practiceId);
  }

  async get(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredEnding | null> {
    const r = await this.#select(this.#db, practiceId).where('e.id', '=', episodeId).executeTakeFirst();
    return r ? toStored(r) : null;
  }

  async list(practiceId: PracticeId): Promise<StoredEnding[]> {
    const rows = await this.#select(this.#db, practiceId)
      .where('x.episode_id', 'is not', null)
      .orderBy('e.opened_at', 'desc')
      .execute();
    return rows.map((r) => toStored(r));
  }

  async listForClient(practiceId: PracticeId, clientId: ClientId): Promise<StoredEnding[]> {
    const rows = await this.#select(this.#db, practiceId)
      .where('e.client_id', '=', clientId)
      .orderBy('e.opened_at', 'desc')
      .execute();
    return rows.map((r) => toStored(r));
  }

  /** Makes sure the episode has an ending row; the episode must be the practice's. */
  async #ensureRow(trx: Transaction<Database>, practiceId: PracticeId, episodeId: EpisodeId): Promise<void> {
    await trx
      .insertInto('episode_ending')
      .values({ episode_id: episodeId, practice_id: practiceId })
      .onConflict((oc) => oc.column('episode_id').doNothing())
      .execute();
  }

  async prepare(
    ...[practiceId, episodeId, preparation, by]: Parameters<EndingsStore['prepare']>
  ): ReturnType<EndingsStore['prepare']> {
    return this.#db.transaction().execute(async (trx) => {
      const open = await openEpisodeClient(trx, practiceId, episodeId, 'This episode has already ended.');
      if (!open.ok) return open;
      await this.#ensureRow(trx, practiceId, episodeId);
      await trx
        .updateTable('episode_ending')
        .set({
          sessions_left: preparation.sessionsLeft,
          end_on: preparation.endOn,
          prepared_on: by.on,
          prepared_by: by.userId,
        })
        .where('practice_id', '=', practiceId)
        .where('episode_id', '=', episodeId)
        .execute();
      return ok(undefined);
    });
  }

  async endEpisode(
    ...[practiceId, episodeId, ending, by]: Parameters<EndingsStore['endEpisode']>
  ): ReturnType<EndingsStore['endEpisode']> {
    try {
      return await this.#db.transaction().execute(async (trx) => {
        const episode = await findEpisode(trx, practiceId, episodeId);
        if (!episode) return fail('not-found', 'No such episode in this practice.');
        if (episode.status === 'open') {
          await trx
            .updateTable('episode')
            .set({ status: 'closed', closed_at: by.at })
            .where('practice_id', '=', practiceId)
            .where('id', '=', episodeId)
            .where('status', '=', 'open')
            .execute();
        }
        await this.#ensureRow(trx, practiceId, episodeId);
        // The conditional update is the guard: an ending is recorded once, by one request.
        const written = await trx
          .updateTable('episode_ending')
          .set({
            kind: ending.kind,
            reason: ending.kind === 'unplanned' ? ending.reason : null,
            ended_on: ending.endedOn,
            ended_by: by.userId,
            ended_at: by.at,
          })
          .where('practice_id', '=', practiceId)
          .where('episode_id', '=', episodeId)
          .where('ended_on', 'is', null)
          .executeTakeFirst();
        if (Number(written.numUpdatedRows) !== 1) {
          throw new DomainFailure({ code: 'conflict', message: 'This episode’s ending has already been recorded.' });
        }
        return ok(undefined);
      });
    } catch (e) {
      // Thrown only to roll back the close above when the ending was already recorded.
      if (e instanceof DomainFailure) return { ok: false, error: e.error };
      throw e;
    }
  }

  async scheduleFollowUp(
    ...[practiceId, episodeId, followUp]: Parameters<EndingsStore['scheduleFollowUp']>
  ): ReturnType<EndingsStore['scheduleFollowUp']> {
    return this.#db.transaction().execute(async (trx) => {
      const r = await this.#select(trx, practiceId).where('e.id', '=', episodeId).executeTakeFirst();
      if (!r) return fail('not-found', 'No such episode in this practice.');
      const now = toStored(r);
      const allowed = followUpSchedulable({ episode: now.status, ending: now.ending, followUp: now.followUp });
      if (!allowed.ok) return allowed;
      await trx
        .updateTable('episode_ending')
        .set({ follow_up_months: followUp.months, follow_up_due_on: followUp.dueOn })
        .where('practice_id', '=', practiceId)
        .where('episode_id', '=', episodeId)
        .where('follow_up_link_id', 'is', null)
        .execute();
      return ok(undefined);
    });
  }

  async issueLink(
    ...[practiceId, episodeId, purpose, input, today]: Parameters<EndingsStore['issueLink']>
  ): ReturnType<EndingsStore['issueLink']> {
    try {
      return await this.#db.transaction().execute(async (trx) => {
        const r = await this.#select(trx, practiceId).where('e.id', '=', episodeId).executeTakeFirst();
        if (!r) return fail('not-found', 'No such episode in this practice.');
        const now = toStored(r);
        const answered = await trx
          .selectFrom('measure_response')
          .select('id')
          .where('practice_id', '=', practiceId)
          .where('episode_id', '=', episodeId)
          .where('instrument_id', '=', ENDING_REVIEW_ID)
          .where('status', '=', 'complete')
          .executeTakeFirst();
        const allowed = endingLinkAllowed(purpose, {
          episode: now.status,
          ending: now.ending,
          reviewAnswered: answered !== undefined,
          checkInSent: now.checkIn !== null,
          followUp: now.followUp,
          today,
        });
        if (!allowed.ok) return allowed;
        const issued = await insertMeasureLink(trx, practiceId, now.clientId, { ...input, episodeId });
        const id = issued.id;
        await this.#ensureRow(trx, practiceId, episodeId);
        const record = trx
          .updateTable('episode_ending')
          .where('practice_id', '=', practiceId)
          .where('episode_id', '=', episodeId);
        // The once-only links are claimed by a conditional update: a racing second request changes no row.
        const claimed =
          purpose === 'review'
            ? await record.set({ review_link_id: id }).executeTakeFirst()
            : purpose === 'check-in'
              ? await record.set({ check_in_link_id: id }).where('check_in_link_id', 'is', null).executeTakeFirst()
              : await record.set({ follow_up_link_id: id }).where('follow_up_link_id', 'is', null).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          throw new DomainFailure({ code: 'conflict', message: 'This link has already been sent.' });
        }
        return ok(issued);
      });
    } catch (e) {
      // Thrown only to roll back the link inserted above when a racing request claimed the ending first.
      if (e instanceof DomainFailure) return { ok: false, error: e.error };
      throw e;
    }
  }

  async outcomeFacts(practiceId: PracticeId, clinician: UserId | null): Promise<OutcomeFacts> {
    let q = this.#db
      .selectFrom('episode as e')
      .leftJoin('episode_ending as x', (j) =>
        j.onRef('x.episode_id', '=', 'e.id').onRef('x.practice_id', '=', 'e.practice_id'),
      )
      .select(['e.id', 'e.client_id', 'e.status', 'e.opened_at', 'e.closed_at', 'x.kind', 'x.reason', 'x.ended_on'])
      .select((eb) =>
        eb
          .selectFrom('episode_session as s')
          .select(eb.fn.countAll().as('n'))
          .whereRef('s.episode_id', '=', 'e.id')
          .where('s.practice_id', '=', practiceId)
          .where('s.attendance', '=', 'attended')
          .as('sessions_attended'),
      )
      .where('e.practice_id', '=', practiceId);
    if (clinician !== null) {
      q = q.where((eb) => workedOnBy(eb, practiceId, clinician));
    }
    const [episodes, responses] = await Promise.all([
      q.orderBy('e.opened_at').execute(),
      this.#db
        .selectFrom('measure_response')
        .select(['episode_id', 'instrument_id', 'instrument_version', 'total', 'saved_at'])
        .where('practice_id', '=', practiceId)
        .where('status', '=', 'complete')
        .execute(),
    ]);
    const ids = new Set(episodes.map((e) => e.id));
    return {
      episodes: episodes.map((e) => ({
        id: asEpisodeId(e.id),
        clientId: asClientId(e.client_id),
        status: e.status === 'closed' ? 'closed' : 'open',
        openedAt: toIso(e.opened_at),
        closedAt: toIsoOrNull(e.closed_at),
        ending: toEnding(e.kind, e.reason, e.ended_on),
        sessionsAttended: toCount(e.sessions_attended ?? 0),
      })),
      responses: responses
        .filter((r) => ids.has(r.episode_id))
        .map((r) => ({
          episodeId: asEpisodeId(r.episode_id),
          instrumentId: r.instrument_id,
          instrumentVersion: r.instrument_version,
          total: r.total,
          at: toIso(r.saved_at),
        })),
    };
  }

  async listClinicians(practiceId: PracticeId): ReturnType<EndingsStore['listClinicians']> {
    const rows = await this.#db
      .selectFrom('app_user')
      .select(['id', 'name', 'role'])
      .where('practice_id', '=', practiceId)
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: asUserId(r.id), name: r.name, role: r.role as Role }));
  }
}
