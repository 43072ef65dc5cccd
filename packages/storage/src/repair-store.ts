import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  DEFAULT_INSTRUMENT_ID,
  asCheckLinkId,
  asClientId,
  asEpisodeId,
  asUserId,
  fail,
  ok,
  parseSignalMark,
  type Answers,
  type CheckLinkId,
  type ClientId,
  type EpisodeId,
  type MarkedSignal,
  type PracticeId,
  type RepairAnswer,
  type Result,
  type StoredScores,
  type UserId,
} from '@rapport/core';
import { toCount, toIso, toIsoOrNull, toJson } from './convert.js';
import { findEpisode, openEpisodeClient } from './episode-guard.js';
import type { RepairAnswerTable, RepairAttemptTable, TherapistRatingTable } from './repair-schema.js';
import type { SealedPlace } from './record-store.js';
import { markSignalsDue } from './signal-due.js';
import type { Database } from './schema.js';
import type { SealedColumnRef } from './sealed-columns.js';
import { plainAnswersJson } from './client-text.js';

/** One client of the caseload with what the need rules read about their open episode (null: no open episode). */
export interface CaseloadRow {
  readonly clientId: ClientId;
  readonly code: string;
  readonly displayName: string | null;
  readonly episode: { readonly id: EpisodeId; readonly openedAt: string } | null;
  /** The latest complete response of the open episode. */
  readonly lastCompletedAt: string | null;
  /** The latest relationship check of the open episode. */
  readonly lastCheck: { readonly total: number; readonly at: string } | null;
  /** The most recent link sent in the open episode, and whether it was answered. */
  readonly lastLink: { readonly issuedAt: string; readonly expiresAt: string; readonly answered: boolean } | null;
}

/** A client's stored signals of one mark, as the caseload reads them: how many, and the latest one's time. */
export interface CaseloadSignal extends MarkedSignal {
  readonly clientId: ClientId;
  readonly count: number;
}

export interface Caseload {
  /** Every client of the practice, by code; past clients have `episode: null`. */
  readonly rows: readonly CaseloadRow[];
  /** The stored signals of open episodes only (observed since the episode opened), by client and mark. */
  readonly signals: readonly CaseloadSignal[];
}

export interface StoredTherapistRating {
  readonly id: string;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  /** The session rated, YYYY-MM-DD. */
  readonly day: string;
  readonly answers: Answers;
  /** The therapist's free-text answers, sealed apart (`ratingAnswersPlace`); null when there are none. */
  readonly sealedAnswers: string | null;
  readonly scores: StoredScores;
  readonly total: number | null;
  readonly ratedBy: UserId;
  readonly ratedAt: string;
}

export interface StoredRepairAttempt {
  readonly id: string;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  /** The rupture it answers: the time of the check that showed it. */
  readonly ruptureAt: string;
  readonly sealedText: string;
  readonly authorId: UserId;
  readonly writtenAt: string;
}

export interface StoredRepairAnswer {
  readonly id: string;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly checkLinkId: CheckLinkId;
  readonly ruptureAt: string;
  readonly answer: RepairAnswer;
  readonly answeredAt: string;
}

/** Where a repair attempt's text is sealed (the AAD its ciphertext is bound to). */
export const repairAttemptPlace = (rowId: string): SealedPlace => ({
  table: 'repair_attempt',
  column: 'sealed_text',
  rowId,
});

/**
 * The therapist's workspace: the caseload in two queries, the therapist's own session ratings,
 * repair attempts after a rupture and the client's answers about repair. Practice-scoped like the rest.
 */
export interface RepairStore {
  /** Every client with their open episode's facts, and the open episodes' signals: two queries whatever the size. */
  caseload(practiceId: PracticeId): Promise<Caseload>;
  /**
   * Stores the therapist's rating of one session (a second rating of the same session replaces
   * the first). `not-found` when the episode is not in the practice, `conflict` when it has ended.
   */
  saveTherapistRating(
    practiceId: PracticeId,
    input: {
      readonly episodeId: EpisodeId;
      readonly instrumentId: string;
      readonly instrumentVersion: number;
      readonly day: string;
      readonly answers: Answers;
      /** Sealed by the server for `ratingAnswersPlace(episodeId, instrumentId, day)`. */
      readonly sealedAnswers?: string | null;
      readonly scores: StoredScores;
      readonly ratedBy: UserId;
    },
    at: string,
  ): Promise<Result<StoredTherapistRating>>;
  /** Oldest session first. */
  listTherapistRatings(practiceId: PracticeId, clientId: ClientId): Promise<StoredTherapistRating[]>;
  /** `not-found` when the episode is not in the practice. */
  addRepairAttempt(
    practiceId: PracticeId,
    input: {
      readonly id: string;
      readonly episodeId: EpisodeId;
      readonly ruptureAt: string;
      readonly sealedText: string;
      readonly authorId: UserId;
    },
    at: string,
  ): Promise<Result<StoredRepairAttempt>>;
  /** Oldest first. */
  listRepairAttempts(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredRepairAttempt[]>;
  /**
   * Stores the client's answer given with a submitted check. `not-found` when the link is not in
   * the practice or was not answered, `conflict` when that submission already carried an answer.
   */
  saveRepairAnswer(
    practiceId: PracticeId,
    input: { readonly checkLinkId: CheckLinkId; readonly ruptureAt: string; readonly answer: RepairAnswer },
    at: string,
  ): Promise<Result<StoredRepairAnswer>>;
  /** Oldest first. */
  listRepairAnswers(practiceId: PracticeId, clientId: ClientId): Promise<StoredRepairAnswer[]>;
}

const toRating = (r: Selectable<TherapistRatingTable>): StoredTherapistRating => ({
  id: r.id,
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  day: r.session_day,
  answers: toJson(r.answers) as Answers,
  sealedAnswers: r.sealed_answers,
  scores: toJson(r.scores) as StoredScores,
  total: r.total,
  ratedBy: asUserId(r.rated_by),
  ratedAt: toIso(r.rated_at),
});

const toAttempt = (r: Selectable<RepairAttemptTable>): StoredRepairAttempt => ({
  id: r.id,
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  ruptureAt: toIso(r.rupture_at),
  sealedText: r.sealed_text,
  authorId: asUserId(r.author_id),
  writtenAt: toIso(r.written_at),
});

const toAnswer = (r: Selectable<RepairAnswerTable>): StoredRepairAnswer => ({
  id: r.id,
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  checkLinkId: asCheckLinkId(r.check_link_id),
  ruptureAt: toIso(r.rupture_at),
  answer: r.answer as RepairAnswer,
  answeredAt: toIso(r.answered_at),
});

export class KyselyRepairStore implements RepairStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async caseload(practiceId: PracticeId): Promise<Caseload> {
    // One row per client. Each open episode's facts come from subqueries that each read one
    // index entry (migration 0007): the latest response, relationship check and link of the episode.
    const rowsQuery = this.#db
      .selectFrom('client as c')
      .leftJoin('episode as e', (j) =>
        j.onRef('e.client_id', '=', 'c.id').onRef('e.practice_id', '=', 'c.practice_id').on('e.status', '=', 'open'),
      )
      .select(['c.id', 'c.code', 'c.display_name', 'e.id as episode_id', 'e.opened_at'])
      .select((eb) => {
        const latest = () =>
          eb
            .selectFrom('measure_response as r')
            .whereRef('r.episode_id', '=', 'e.id')
            .where('r.practice_id', '=', practiceId)
            .where('r.status', '=', 'complete')
            .orderBy('r.saved_at', 'desc')
            .limit(1);
        const check = () =>
          latest().where('r.instrument_id', '=', DEFAULT_INSTRUMENT_ID).where('r.total', 'is not', null);
        const link = () =>
          eb
            .selectFrom('check_link as l')
            .whereRef('l.episode_id', '=', 'e.id')
            .where('l.practice_id', '=', practiceId)
            .orderBy('l.issued_at', 'desc')
            .limit(1);
        return [
          latest().select('r.saved_at').as('last_completed_at'),
          check().select('r.total').as('last_check_total'),
          check().select('r.saved_at').as('last_check_at'),
          link().select('l.issued_at').as('link_issued_at'),
          link().select('l.expires_at').as('link_expires_at'),
          link().select('l.used_at').as('link_used_at'),
        ];
      })
      .where('c.practice_id', '=', practiceId)
      .orderBy('c.code');
    // Marks only (core's signalMark, stored beside each signal), counted by client and mark: no
    // signal's JSON is read here, and a client sends one row per kind of signal, not one per signal.
    const signalsQuery = this.#db
      .selectFrom('client_signal as s')
      .innerJoin('episode as e', (j) =>
        j
          .onRef('e.client_id', '=', 's.client_id')
          .onRef('e.practice_id', '=', 's.practice_id')
          .on('e.status', '=', 'open'),
      )
      .select(['s.client_id', 's.mark'])
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('s.observed_at').as('latest')])
      .where('s.practice_id', '=', practiceId)
      .whereRef('s.observed_at', '>=', 'e.opened_at')
      .groupBy(['s.client_id', 's.mark']);
    const [rows, signals] = await Promise.all([rowsQuery.execute(), signalsQuery.execute()]);
    return {
      rows: rows.map((r): CaseloadRow => {
        const checkAt = toIsoOrNull(r.last_check_at ?? null);
        const issued = toIsoOrNull(r.link_issued_at ?? null);
        const expires = toIsoOrNull(r.link_expires_at ?? null);
        return {
          clientId: asClientId(r.id),
          code: r.code,
          displayName: r.display_name,
          episode:
            r.episode_id === null || r.opened_at === null
              ? null
              : { id: asEpisodeId(r.episode_id), openedAt: toIso(r.opened_at) },
          lastCompletedAt: toIsoOrNull(r.last_completed_at ?? null),
          lastCheck:
            r.last_check_total === null || checkAt === null ? null : { total: r.last_check_total, at: checkAt },
          lastLink:
            issued === null || expires === null
              ? null
              : { issuedAt: issued, expiresAt: expires, answered: (r.link_used_at ?? null) !== null },
        };
      }),
      signals: signals.flatMap((s) => {
        const mark = parseSignalMark(s.mark);
        return mark === null
          ? []
          : [{ clientId: asClientId(s.client_id), mark, at: toIso(s.latest), count: toCount(s.n) }];
      }),
    };
  }

  async saveTherapistRating(
    ...[practiceId, input, at]: Parameters<RepairStore['saveTherapistRating']>
  ): ReturnType<RepairStore['saveTherapistRating']> {
    return this.#db.transaction().execute(async (trx) => {
      const client = await openEpisodeClient(
        trx,
        practiceId,
        input.episodeId,
        'This episode has ended, so its sessions are closed.',
      );
      if (!client.ok) return client;
      const answers = plainAnswersJson(input.answers);
      const sealedAnswers = input.sealedAnswers ?? null;
      const scores = JSON.stringify(input.scores);
      const total = input.scores.total?.value ?? null;
      await trx
        .insertInto('therapist_rating')
        .values({
          id: randomUUID(),
          practice_id: practiceId,
          client_id: client.value,
          episode_id: input.episodeId,
          instrument_id: input.instrumentId,
          instrument_version: input.instrumentVersion,
          session_day: input.day,
          answers,
          sealed_answers: sealedAnswers,
          scores,
          total,
          rated_by: input.ratedBy,
          rated_at: at,
        })
        // A second rating of the same session replaces the first: one view per session and side.
        .onConflict((oc) =>
          oc.columns(['episode_id', 'instrument_id', 'session_day']).doUpdateSet({
            instrument_version: input.instrumentVersion,
            answers,
            sealed_answers: sealedAnswers,
            scores,
            total,
            rated_by: input.ratedBy,
            rated_at: at,
          }),
        )
        .execute();
      const saved = await trx
        .selectFrom('therapist_rating')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('episode_id', '=', input.episodeId)
        .where('instrument_id', '=', input.instrumentId)
        .where('session_day', '=', input.day)
        .executeTakeFirstOrThrow();
      // The therapist's view of the session feeds the signals (divergence): marked due with it.
      await markSignalsDue(trx, practiceId, asClientId(client.value), at);
      return ok(toRating(saved));
    });
  }

  async listTherapistRatings(practiceId: PracticeId, clientId: ClientId): Promise<StoredTherapistRating[]> {
    const rows = await this.#db
      .selectFrom('therapist_rating')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .orderBy('session_day')
      .orderBy('instrument_id')
      .execute();
    return rows.map(toRating);
  }

  async addRepairAttempt(
    ...[practiceId, input, at]: Parameters<RepairStore['addRepairAttempt']>
  ): ReturnType<RepairStore['addRepairAttempt']> {
    // Any episode of the practice, ended or not.
    const episode = await findEpisode(this.#db, practiceId, input.episodeId);
    if (!episode) return fail('not-found', 'No such episode in this practice.');
    const row = {
      id: input.id,
      practice_id: practiceId,
      client_id: episode.clientId,
      episode_id: input.episodeId,
      rupture_at: input.ruptureAt,
      sealed_text: input.sealedText,
      author_id: input.authorId,
      written_at: at,
    };
    await this.#db.insertInto('repair_attempt').values(row).execute();
    return ok(toAttempt(row));
  }

  async listRepairAttempts(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredRepairAttempt[]> {
    const rows = await this.#db
      .selectFrom('repair_attempt')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .orderBy('written_at')
      .orderBy('id')
      .execute();
    return rows.map(toAttempt);
  }

  async saveRepairAnswer(
    ...[practiceId, input, at]: Parameters<RepairStore['saveRepairAnswer']>
  ): ReturnType<RepairStore['saveRepairAnswer']> {
    return this.#db.transaction().execute(async (trx) => {
      const link = await trx
        .selectFrom('check_link as l')
        .innerJoin('episode as e', 'e.id', 'l.episode_id')
        .select(['l.episode_id', 'l.used_at', 'e.client_id'])
        .where('l.practice_id', '=', practiceId)
        .where('l.id', '=', input.checkLinkId)
        .executeTakeFirst();
      if (!link || link.used_at === null) return fail('not-found', 'No answered check with that link.');
      const taken = await trx
        .selectFrom('repair_answer')
        .select('id')
        .where('check_link_id', '=', input.checkLinkId)
        .executeTakeFirst();
      if (taken) return fail('conflict', 'That check already carried an answer about repair.');
      const row = {
        id: randomUUID(),
        practice_id: practiceId,
        client_id: link.client_id,
        episode_id: link.episode_id,
        check_link_id: input.checkLinkId,
        rupture_at: input.ruptureAt,
        answer: input.answer,
        answered_at: at,
      };
      await trx.insertInto('repair_answer').values(row).execute();
      // The client's word on repair changes their signals: marked due like the answers it came with.
      await markSignalsDue(trx, practiceId, asClientId(link.client_id), at);
      return ok(toAnswer(row));
    });
  }

  async listRepairAnswers(practiceId: PracticeId, clientId: ClientId): Promise<StoredRepairAnswer[]> {
    const rows = await this.#db
      .selectFrom('repair_answer')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .orderBy('answered_at')
      .execute();
    return rows.map(toAnswer);
  }
}

/** The workspace's encrypted column, for key rotation (`resealColumns`). */
export const REPAIR_SEALED: readonly SealedColumnRef[] = [
  { table: 'repair_attempt', sealed: 'sealed_text', keys: ['id'], place: (r) => repairAttemptPlace(String(r['id'])) },
];
