import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  asCheckLinkId,
  asClientId,
  asEpisodeId,
  asPracticeId,
  asUserId,
  fail,
  ok,
  signalMark,
  type AdministrationMoment,
  type Answers,
  type CheckLink,
  type CheckLinkId,
  type ClientAudience,
  type ClientId,
  type ClientSignal,
  type EpisodeId,
  type MeasureLinkInfo,
  type MeasureResponse,
  type PracticeId,
  type RaisedFlag,
  type RatingMoments,
  type Result,
  type StoredScores,
  type UserId,
} from '@rapport/core';
import { toCount, toIso, toJson } from './convert.js';
import { openEpisodeClient } from './episode-guard.js';
import type { MeasureResponseTable } from './measures-schema.js';
import { auditRow } from './audit-row.js';
import { GroupCommit } from './group-commit.js';
import { Precompiled } from './precompiled.js';
import { submissionStatements } from './submission-statements.js';
import type { AuditEvent } from './store.js';
import type { Database } from './schema.js';
import { plainAnswersJson } from './client-text.js';
import { clearSignalsDue, listSignalsDue, markSignalsDue, signalsDueMark, type SignalsDue } from './signal-due.js';

/** A response as stored: its free-text answers sealed apart by the server (null when there are none). */
export type StoredResponse = MeasureResponse & { readonly sealedAnswers: string | null };

/** A signal as stored, with the client it belongs to. */
export interface StoredSignal {
  readonly clientId: ClientId;
  readonly signal: ClientSignal;
  readonly computedAt: string;
}

/** A past, ended episode of an existing client, with its complete responses (oldest first or not). */
export interface PastEpisode {
  readonly clientId: ClientId;
  readonly openedAt: string;
  readonly closedAt: string;
  readonly responses: readonly {
    readonly instrumentId: string;
    readonly instrumentVersion: number;
    readonly audience: ClientAudience;
    readonly moment: AdministrationMoment;
    readonly answers: Answers;
    readonly scores: StoredScores;
    readonly flags: readonly RaisedFlag[];
    readonly at: string;
  }[];
}

/**
 * Storage of measures in use: links with their audience and moment, responses (drafts
 * and complete), the client's signals and age group. Practice-scoped like the rest.
 */
export interface MeasuresStore {
  /** Issues a check link and records how it was sent, in one transaction. */
  issueLink(
    practiceId: PracticeId,
    input: MeasureLinkInfo & {
      readonly episodeId: EpisodeId;
      readonly instrumentId: string;
      readonly instrumentVersion: number;
      readonly tokenHash: string;
      readonly issuedBy: UserId;
      readonly issuedAt: string;
      readonly expiresAt: string;
    },
  ): Promise<Result<CheckLink & MeasureLinkInfo>>;
  /** How a link was sent; null for links of the placeholder check. */
  findLinkInfo(practiceId: PracticeId, linkId: CheckLinkId): Promise<MeasureLinkInfo | null>;
  getDraft(practiceId: PracticeId, linkId: CheckLinkId): Promise<StoredResponse | null>;
  /** Keeps a partial response (replacing an earlier draft); refused once the link is used or expired. */
  saveDraft(
    practiceId: PracticeId,
    linkId: CheckLinkId,
    input: {
      readonly answers: Answers;
      /** The free-text answers, sealed by the server for `responseAnswersPlace(linkId)`. */
      readonly sealedAnswers?: string | null;
      readonly flags: readonly RaisedFlag[];
      readonly savedAt: string;
    },
  ): Promise<Result<StoredResponse>>;
  /**
   * Claims the link and stores the complete response in one transaction (the draft, if any,
   * becomes the response). `link-used` / `link-expired` and nothing written when it is too late.
   */
  submitResponse(
    practiceId: PracticeId,
    linkId: CheckLinkId,
    input: {
      readonly answers: Answers;
      /** The free-text answers, sealed by the server for `responseAnswersPlace(linkId)`. */
      readonly sealedAnswers?: string | null;
      readonly scores: StoredScores;
      readonly flags: readonly RaisedFlag[];
      readonly submittedAt: string;
      /** The submission's audit entry, written in the same transaction (nothing when refused). */
      readonly audit?: AuditEvent;
    },
  ): Promise<Result<StoredResponse>>;
  /** Drafts and complete responses, oldest first. */
  listResponses(practiceId: PracticeId, clientId: ClientId): Promise<StoredResponse[]>;
  /**
   * Every complete total of one instrument in the practice, summed in the database: how many, by
   * how many clients, their sum and sum of squares. One row, from an index: what the spread across
   * clients needs on every submission, without reading the practice's whole history.
   */
  ratingMoments(practiceId: PracticeId, instrumentId: string): Promise<RatingMoments>;
  /**
   * Totals of the complete responses in the practice's closed episodes, for the instruments asked
   * for: by instrument, one list per episode in session order (the first the intake). One query.
   */
  listClosedEpisodeTotals(practiceId: PracticeId, instrumentIds: readonly string[]): Promise<Map<string, number[][]>>;
  /** How many of the practice's episodes are closed: a cheap sign that the totals above may have changed. */
  countClosedEpisodes(practiceId: PracticeId): Promise<number>;
  /**
   * Stores ended episodes of the practice's clients with their complete responses, in one
   * transaction (a practice's earlier records brought in; the demo's history). Each response gets
   * a used link whose hash no token can match. `not-found` and nothing written when a client or the
   * issuing user is not in the practice; `invalid-input` when an episode closes before it opens.
   */
  importClosedEpisodes(
    practiceId: PracticeId,
    issuedBy: UserId,
    episodes: readonly PastEpisode[],
  ): Promise<Result<{ readonly episodes: number; readonly responses: number }>>;
  /** The latest complete total of one instrument per client. */
  latestTotals(
    practiceId: PracticeId,
    instrumentId: string,
  ): Promise<Map<string, { readonly total: number; readonly at: string }>>;
  /**
   * Replaces the client's signals with a fresh set in one transaction. `dueMark` is the
   * "signals due" mark read before the inputs were (see `signalsDueMark`): it is cleared in the
   * same transaction unless a newer submission has marked the client since.
   */
  replaceSignals(
    practiceId: PracticeId,
    clientId: ClientId,
    signals: readonly ClientSignal[],
    computedAt: string,
    dueMark?: string | null,
  ): Promise<void>;
  /**
   * Replaces the client's signals as a recompute of what was due: only if `dueMark` is still the
   * client's mark, which this clears in the same transaction. Anything else means the client's
   * inputs changed after the recompute read them (a newer mark, whose recompute will write) or
   * another recompute that read the same mark has written already (no mark): nothing is written,
   * so an older result never replaces a newer one, even from another server process. True when written.
   */
  replaceDueSignals(
    practiceId: PracticeId,
    clientId: ClientId,
    signals: readonly ClientSignal[],
    computedAt: string,
    dueMark: string,
  ): Promise<boolean>;
  /**
   * The client's "signals due" mark, or null: submissions and saved drafts set it in their own
   * transaction, so signals can be recomputed after the answer is acknowledged without being lost.
   */
  signalsDueMark(practiceId: PracticeId, clientId: ClientId): Promise<string | null>;
  /** The practice's clients whose signals are due; without a practice, every such client in the store (a starting server finishes them). */
  listSignalsDue(practiceId?: PracticeId): Promise<SignalsDue[]>;
  /** The client's signals, oldest first; of one kind only when `kind` is given (filtered in the query: other kinds' JSON is never read). */
  listSignals(practiceId: PracticeId, clientId: ClientId, kind?: ClientSignal['kind']): Promise<StoredSignal[]>;
  /** Every client's signals, for the caseload. */
  listPracticeSignals(practiceId: PracticeId): Promise<StoredSignal[]>;
  getClientAudience(practiceId: PracticeId, clientId: ClientId): Promise<ClientAudience | null>;
  setClientAudience(practiceId: PracticeId, clientId: ClientId, audience: ClientAudience): Promise<Result<void>>;
}

const toResponse = (r: Selectable<MeasureResponseTable>): StoredResponse => ({
  id: r.id,
  practiceId: asPracticeId(r.practice_id),
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  checkLinkId: asCheckLinkId(r.check_link_id),
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  audience: r.audience as ClientAudience,
  moment: r.moment as AdministrationMoment,
  status: r.status === 'complete' ? 'complete' : 'draft',
  answers: toJson(r.answers) as Answers,
  sealedAnswers: r.sealed_answers,
  scores: r.scores === null ? null : (toJson(r.scores) as StoredScores),
  total: r.total,
  flags: toJson(r.flags) as RaisedFlag[],
  savedAt: toIso(r.saved_at),
});

/** Rows in slices of 500: at most 7 500 bound parameters for the widest table here (15 columns). */
function* slices<T>(rows: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** A measure link to issue: the check link's facts and how it is sent. */
export type NewMeasureLink = Parameters<MeasuresStore['issueLink']>[1];

/**
 * Writes a check link's row and how it was sent (`measure_link`) inside the caller's transaction.
 * `usedAt` is set only for answers that arrive with their link (entered by phone).
 */
export async function insertLinkRows(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  id: string,
  input: NewMeasureLink,
  usedAt: string | null = null,
): Promise<void> {
  await trx
    .insertInto('check_link')
    .values({
      id,
      practice_id: practiceId,
      episode_id: input.episodeId,
      instrument_id: input.instrumentId,
      instrument_version: input.instrumentVersion,
      token_hash: input.tokenHash,
      issued_by: input.issuedBy,
      issued_at: input.issuedAt,
      expires_at: input.expiresAt,
      used_at: usedAt,
    })
    .execute();
  await trx
    .insertInto('measure_link')
    .values({ check_link_id: id, practice_id: practiceId, audience: input.audience, moment: input.moment })
    .execute();
}

/**
 * Inserts a check link and how it was sent, inside the caller's transaction (the caller has
 * checked the episode is the practice's and may take a link), and returns it as issued.
 */
export async function insertMeasureLink(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  clientId: string,
  input: NewMeasureLink,
): Promise<CheckLink & MeasureLinkInfo> {
  const id = randomUUID();
  await insertLinkRows(trx, practiceId, id, input);
  return {
    id: asCheckLinkId(id),
    practiceId,
    episodeId: input.episodeId,
    clientId: asClientId(clientId),
    instrumentId: input.instrumentId,
    instrumentVersion: input.instrumentVersion,
    issuedBy: asUserId(input.issuedBy),
    issuedAt: toIso(input.issuedAt),
    expiresAt: toIso(input.expiresAt),
    usedAt: null,
    audience: input.audience,
    moment: input.moment,
  };
}

/** The practice's signals, or one client's. */
const signalsQuery = (db: Kysely<Database>, practiceId: string, clientId: string | null) => {
  const q = db.selectFrom('client_signal').selectAll().where('practice_id', '=', practiceId);
  return clientId === null ? q : q.where('client_id', '=', clientId);
};

/** What every submission runs, compiled once per store (precompiled.ts). */
const measuresStatements = (db: Kysely<Database>) => ({
  ...submissionStatements(db),
  linkInfo: new Precompiled(['practiceId', 'linkId'], (v: { practiceId: string; linkId: string }) =>
    db
      .selectFrom('measure_link')
      .select(['audience', 'moment'])
      .where('practice_id', '=', v.practiceId)
      .where('check_link_id', '=', v.linkId),
  ),
  signalsOfKind: new Precompiled(
    ['practiceId', 'clientId', 'kind'],
    (v: { practiceId: string; clientId: string; kind: string }) =>
      signalsQuery(db, v.practiceId, v.clientId).where('kind', '=', v.kind).orderBy('observed_at', 'asc'),
  ),
});

/** The client's signals, replaced by these, inside the caller's transaction. */
async function writeSignals(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  clientId: ClientId,
  signals: readonly ClientSignal[],
  computedAt: string,
): Promise<void> {
  await trx
    .deleteFrom('client_signal')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .execute();
  if (signals.length === 0) return;
  await trx
    .insertInto('client_signal')
    .values(
      signals.map((s) => ({
        id: randomUUID(),
        practice_id: practiceId,
        client_id: clientId,
        kind: s.kind,
        instrument_id: s.instrumentId,
        observed_at: s.at,
        detail: JSON.stringify(s),
        computed_at: computedAt,
        mark: signalMark(s),
      })),
    )
    .execute();
}

export class KyselyMeasuresStore implements MeasuresStore {
  readonly #db: Kysely<Database>;
  /** Submissions arriving together share a commit (group-commit.ts). */
  readonly #submissions: GroupCommit;
  /** What every submission runs, compiled once (submission-statements.ts). */
  readonly #statements: ReturnType<typeof measuresStatements>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
    this.#submissions = new GroupCommit(db);
    this.#statements = measuresStatements(db);
  }

  async issueLink(
    ...[practiceId, input]: Parameters<MeasuresStore['issueLink']>
  ): ReturnType<MeasuresStore['issueLink']> {
    return this.#db.transaction().execute(async (trx) => {
      const client = await openEpisodeClient(
        trx,
        practiceId,
        input.episodeId,
        'This episode has ended; open a new one to send a check.',
      );
      if (!client.ok) return client;
      return ok(await insertMeasureLink(trx, practiceId, client.value, input));
    });
  }

  async findLinkInfo(practiceId: PracticeId, linkId: CheckLinkId): Promise<MeasureLinkInfo | null> {
    const r = await this.#statements.linkInfo.first(this.#db, { practiceId, linkId });
    return r ? { audience: r.audience as ClientAudience, moment: r.moment as AdministrationMoment } : null;
  }

  async getDraft(practiceId: PracticeId, linkId: CheckLinkId): Promise<StoredResponse | null> {
    const r = await this.#db
      .selectFrom('measure_response')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('check_link_id', '=', linkId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return r ? toResponse(r) : null;
  }

  /** The link's facts for a response row, if it can still take answers at `at`. */
  async #usableLink(trx: Transaction<Database>, practiceId: PracticeId, linkId: CheckLinkId, at: string) {
    const link = await this.#statements.usableLink.first(trx, { linkId, practiceId });
    if (!link) return fail('not-found', 'This link is not recognised.');
    if (link.used_at !== null) return fail('link-used', 'This check has already been completed.');
    if (toIso(link.expires_at) <= toIso(at)) return fail('link-expired', 'This link has expired.');
    return ok(link);
  }

  async saveDraft(
    ...[practiceId, linkId, input]: Parameters<MeasuresStore['saveDraft']>
  ): ReturnType<MeasuresStore['saveDraft']> {
    return this.#db.transaction().execute(async (trx) => {
      const link = await this.#usableLink(trx, practiceId, linkId, input.savedAt);
      if (!link.ok) return link;
      const answers = plainAnswersJson(input.answers);
      const sealedAnswers = input.sealedAnswers ?? null;
      const flags = JSON.stringify(input.flags);
      await trx
        .insertInto('measure_response')
        .values({
          id: randomUUID(),
          practice_id: practiceId,
          client_id: link.value.client_id,
          episode_id: link.value.episode_id,
          check_link_id: linkId,
          instrument_id: link.value.instrument_id,
          instrument_version: link.value.instrument_version,
          audience: link.value.audience,
          moment: link.value.moment,
          status: 'draft',
          answers,
          sealed_answers: sealedAnswers,
          scores: null,
          total: null,
          flags,
          saved_at: input.savedAt,
        })
        // A complete response is never turned back into a draft.
        .onConflict((oc) =>
          oc
            .column('check_link_id')
            .doUpdateSet({ answers, sealed_answers: sealedAnswers, flags, saved_at: input.savedAt })
            .where('measure_response.status', '=', 'draft'),
        )
        .execute();
      const saved = await trx
        .selectFrom('measure_response')
        .selectAll()
        .where('check_link_id', '=', linkId)
        .executeTakeFirstOrThrow();
      // A risk answer in an unfinished form counts too.
      await markSignalsDue(trx, practiceId, asClientId(saved.client_id), input.savedAt);
      return ok(toResponse(saved));
    });
  }

  async submitResponse(
    ...[practiceId, linkId, input]: Parameters<MeasuresStore['submitResponse']>
  ): ReturnType<MeasuresStore['submitResponse']> {
    const q = this.#statements;
    return this.#submissions.run(async (trx) => {
      const link = await this.#usableLink(trx, practiceId, linkId, input.submittedAt);
      if (!link.ok) return link;
      // The conditional update is the guard: of two racing submissions only one claims the link.
      const claimed = await q.claim.execute(trx, { usedAt: input.submittedAt, linkId, practiceId });
      if (Number(claimed.numAffectedRows) !== 1) return fail('link-used', 'This check has already been completed.');
      await q.deleteDraft.execute(trx, { linkId });
      const row = {
        id: randomUUID(),
        practice_id: practiceId,
        client_id: link.value.client_id,
        episode_id: link.value.episode_id,
        check_link_id: linkId,
        instrument_id: link.value.instrument_id,
        instrument_version: link.value.instrument_version,
        audience: link.value.audience,
        moment: link.value.moment,
        status: 'complete',
        answers: plainAnswersJson(input.answers),
        sealed_answers: input.sealedAnswers ?? null,
        scores: JSON.stringify(input.scores),
        total: input.scores.total?.value ?? null,
        flags: JSON.stringify(input.flags),
        saved_at: input.submittedAt,
      };
      await q.insertResponse.execute(trx, row);
      await q.markDue.execute(trx, { practiceId, clientId: row.client_id, mark: randomUUID(), at: input.submittedAt });
      if (input.audit) await q.insertAudit.execute(trx, auditRow(input.audit));
      // The stored response is what was given: nothing to read back or parse.
      return ok({
        id: row.id,
        practiceId,
        clientId: asClientId(row.client_id),
        episodeId: asEpisodeId(row.episode_id),
        checkLinkId: linkId,
        instrumentId: row.instrument_id,
        instrumentVersion: row.instrument_version,
        audience: row.audience as ClientAudience,
        moment: row.moment as AdministrationMoment,
        status: 'complete',
        answers: input.answers,
        sealedAnswers: row.sealed_answers,
        scores: input.scores,
        total: row.total,
        flags: [...input.flags],
        savedAt: toIso(row.saved_at),
      });
    });
  }

  async listResponses(practiceId: PracticeId, clientId: ClientId): Promise<StoredResponse[]> {
    const rows = await this.#db
      .selectFrom('measure_response')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .orderBy('saved_at', 'asc')
      .execute();
    return rows.map(toResponse);
  }

  async #completeTotals(practiceId: PracticeId, instrumentId: string) {
    return this.#db
      .selectFrom('measure_response')
      .select(['client_id', 'total', 'saved_at'])
      .where('practice_id', '=', practiceId)
      .where('instrument_id', '=', instrumentId)
      .where('status', '=', 'complete')
      .where('total', 'is not', null)
      .orderBy('saved_at', 'asc')
      .execute();
  }

  async ratingMoments(practiceId: PracticeId, instrumentId: string): Promise<RatingMoments> {
    const r = await this.#db
      .selectFrom('measure_response')
      .select((eb) => [
        eb.fn.count<number | string | bigint>('total').as('ratings'),
        eb.fn.count<number | string | bigint>('client_id').distinct().as('clients'),
        eb.fn.sum<number | string | null>('total').as('sum'),
        eb.fn.sum<number | string | null>(eb('total', '*', eb.ref('total'))).as('squares'),
      ])
      .where('practice_id', '=', practiceId)
      .where('instrument_id', '=', instrumentId)
      .where('status', '=', 'complete')
      .where('total', 'is not', null)
      .executeTakeFirstOrThrow();
    return {
      ratings: toCount(r.ratings),
      clients: toCount(r.clients),
      sum: Number(r.sum ?? 0),
      sumOfSquares: Number(r.squares ?? 0),
    };
  }

  async listClosedEpisodeTotals(
    practiceId: PracticeId,
    instrumentIds: readonly string[],
  ): Promise<Map<string, number[][]>> {
    const out = new Map<string, number[][]>();
    if (instrumentIds.length === 0) return out;
    const rows = await this.#db
      .selectFrom('measure_response as r')
      .innerJoin('episode as e', (j) =>
        j.onRef('e.id', '=', 'r.episode_id').onRef('e.practice_id', '=', 'r.practice_id'),
      )
      .select(['r.instrument_id', 'r.episode_id', 'r.total'])
      .where('r.practice_id', '=', practiceId)
      .where('e.status', '=', 'closed')
      .where('r.instrument_id', 'in', instrumentIds)
      .where('r.status', '=', 'complete')
      .where('r.total', 'is not', null)
      .orderBy('r.instrument_id')
      .orderBy('r.episode_id')
      .orderBy('r.saved_at')
      .orderBy('r.id')
      .execute();
    let episode: string | null = null;
    let current: number[] = [];
    for (const r of rows) {
      if (r.total === null) continue;
      if (r.episode_id !== episode) {
        episode = r.episode_id;
        current = [];
        const lists = out.get(r.instrument_id);
        if (lists) lists.push(current);
        else out.set(r.instrument_id, [current]);
      }
      current.push(r.total);
    }
    return out;
  }

  async countClosedEpisodes(practiceId: PracticeId): Promise<number> {
    const r = await this.#db
      .selectFrom('episode')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('practice_id', '=', practiceId)
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    return toCount(r.n);
  }

  async importClosedEpisodes(
    ...[practiceId, issuedBy, episodes]: Parameters<MeasuresStore['importClosedEpisodes']>
  ): ReturnType<MeasuresStore['importClosedEpisodes']> {
    if (episodes.some((e) => toIso(e.closedAt) < toIso(e.openedAt))) {
      return fail('invalid-input', 'An episode cannot end before it starts.');
    }
    const clientIds = [...new Set(episodes.map((e) => e.clientId))];
    return this.#db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('app_user')
        .select('id')
        .where('practice_id', '=', practiceId)
        .where('id', '=', issuedBy)
        .executeTakeFirst();
      const known =
        clientIds.length === 0
          ? []
          : await trx
              .selectFrom('client')
              .select('id')
              .where('practice_id', '=', practiceId)
              .where('id', 'in', clientIds)
              .execute();
      if (!user || known.length !== clientIds.length) {
        return fail('not-found', 'No such client or user in this practice.');
      }
      const episodeRows = [];
      const linkRows = [];
      const measureLinkRows = [];
      const responseRows = [];
      for (const e of episodes) {
        const episodeId = randomUUID();
        episodeRows.push({
          id: episodeId,
          practice_id: practiceId,
          client_id: e.clientId,
          status: 'closed',
          opened_at: e.openedAt,
          closed_at: e.closedAt,
        });
        for (const r of e.responses) {
          const linkId = randomUUID();
          // Not a SHA-256 of any token (those are hex), so no one can ever open this link.
          linkRows.push({
            id: linkId,
            practice_id: practiceId,
            episode_id: episodeId,
            instrument_id: r.instrumentId,
            instrument_version: r.instrumentVersion,
            token_hash: `imported:${linkId}`,
            issued_by: issuedBy,
            issued_at: r.at,
            expires_at: r.at,
            used_at: r.at,
          });
          measureLinkRows.push({
            check_link_id: linkId,
            practice_id: practiceId,
            audience: r.audience,
            moment: r.moment,
          });
          responseRows.push({
            id: randomUUID(),
            practice_id: practiceId,
            client_id: e.clientId,
            episode_id: episodeId,
            check_link_id: linkId,
            instrument_id: r.instrumentId,
            instrument_version: r.instrumentVersion,
            audience: r.audience,
            moment: r.moment,
            status: 'complete',
            // Scored answers only: a past episode's free text would need sealing the store cannot do.
            answers: plainAnswersJson(r.answers),
            scores: JSON.stringify(r.scores),
            total: r.scores.total?.value ?? null,
            flags: JSON.stringify(r.flags),
            saved_at: r.at,
          });
        }
      }
      // In slices, to stay under SQLite's and PostgreSQL's limits on bound parameters per statement.
      for (const part of slices(episodeRows)) await trx.insertInto('episode').values(part).execute();
      for (const part of slices(linkRows)) await trx.insertInto('check_link').values(part).execute();
      for (const part of slices(measureLinkRows)) await trx.insertInto('measure_link').values(part).execute();
      for (const part of slices(responseRows)) await trx.insertInto('measure_response').values(part).execute();
      return ok({ episodes: episodeRows.length, responses: responseRows.length });
    });
  }

  async latestTotals(practiceId: PracticeId, instrumentId: string): ReturnType<MeasuresStore['latestTotals']> {
    const out = new Map<string, { total: number; at: string }>();
    for (const r of await this.#completeTotals(practiceId, instrumentId)) {
      if (r.total !== null) out.set(r.client_id, { total: r.total, at: toIso(r.saved_at) });
    }
    return out;
  }

  async replaceSignals(
    ...[practiceId, clientId, signals, computedAt, dueMark]: Parameters<MeasuresStore['replaceSignals']>
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (dueMark != null) await clearSignalsDue(trx, practiceId, clientId, dueMark);
      await writeSignals(trx, practiceId, clientId, signals, computedAt);
    });
  }

  async replaceDueSignals(
    ...[practiceId, clientId, signals, computedAt, dueMark]: Parameters<MeasuresStore['replaceDueSignals']>
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      // The delete is the guard: on PostgreSQL a second recompute's delete waits for the first to
      // commit, then finds the row gone and writes nothing.
      if (!(await clearSignalsDue(trx, practiceId, clientId, dueMark))) return false;
      await writeSignals(trx, practiceId, clientId, signals, computedAt);
      return true;
    });
  }

  signalsDueMark(practiceId: PracticeId, clientId: ClientId): Promise<string | null> {
    return signalsDueMark(this.#db, practiceId, clientId);
  }

  listSignalsDue(practiceId?: PracticeId): Promise<SignalsDue[]> {
    return listSignalsDue(this.#db, practiceId);
  }

  async #signals(
    practiceId: PracticeId,
    clientId: ClientId | null,
    kind?: ClientSignal['kind'],
  ): Promise<StoredSignal[]> {
    // One kind of one client's signals is read by every submission (the repair question): precompiled.
    const rows =
      clientId !== null && kind !== undefined
        ? (await this.#statements.signalsOfKind.execute(this.#db, { practiceId, clientId, kind })).rows
        : await signalsQuery(this.#db, practiceId, clientId).orderBy('observed_at', 'asc').execute();
    return rows.map((r) => ({
      clientId: asClientId(r.client_id),
      signal: toJson(r.detail) as ClientSignal,
      computedAt: toIso(r.computed_at),
    }));
  }

  listSignals(practiceId: PracticeId, clientId: ClientId, kind?: ClientSignal['kind']): Promise<StoredSignal[]> {
    return this.#signals(practiceId, clientId, kind);
  }

  listPracticeSignals(practiceId: PracticeId): Promise<StoredSignal[]> {
    return this.#signals(practiceId, null);
  }

  async getClientAudience(practiceId: PracticeId, clientId: ClientId): Promise<ClientAudience | null> {
    const r = await this.#db
      .selectFrom('client_measure_setting')
      .select('audience')
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return r ? (r.audience as ClientAudience) : null;
  }

  async setClientAudience(practiceId: PracticeId, clientId: ClientId, audience: ClientAudience): Promise<Result<void>> {
    const client = await this.#db
      .selectFrom('client')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (!client) return fail('not-found', 'No such client in this practice.');
    await this.#db
      .insertInto('client_measure_setting')
      .values({ client_id: clientId, practice_id: practiceId, audience })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ audience }))
      .execute();
    return ok(undefined);
  }
}
