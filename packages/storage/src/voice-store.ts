import { randomUUID } from 'node:crypto';
import { Precompiled } from './precompiled.js';
import type { Selectable, Transaction } from 'kysely';
import {
  DEFAULT_CARER_SHARING,
  asCheckLinkId,
  asClientId,
  asEpisodeId,
  asUserId,
  fail,
  ok,
  type Answers,
  type CarerSharing,
  type CheckLinkId,
  type ClientAudience,
  type ClientId,
  type CommentHold,
  type EpisodeId,
  type PracticeId,
  type Result,
  type StoredScores,
  type UserId,
} from '@rapport/core';
import { toIso, toIsoOrNull, toJson } from './convert.js';
import { findEpisode, openEpisodeClient } from './episode-guard.js';
import { insertLinkRows } from './measures-store.js';
import type { SealedPlace } from './record-store.js';
import type { Database } from './schema.js';
import type { SealedColumnRef } from './sealed-columns.js';
import { plainAnswersJson } from './client-text.js';
import { KyselyVoicePhone, clientEmailPlace, type VoicePhoneStore } from './voice-phone.js';
import type { CarerLinkTable, CarerResponseTable, VoiceCommentTable } from './voice-schema.js';

export { clientEmailPlace, type PhoneEntry, type PhoneEntryInput, type PhoneCorrection } from './voice-phone.js';

/** The client's comment on one check, sealed by the server. */
export interface StoredComment {
  readonly checkLinkId: CheckLinkId;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly sealedText: string;
  readonly hold: CommentHold;
  /** `draft` while the form is unfinished; `sent` with the complete response. */
  readonly status: 'draft' | 'sent';
  readonly writtenAt: string;
}

export interface CarerLink {
  readonly id: string;
  readonly practiceId: PracticeId;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

export interface CarerResponse {
  readonly id: string;
  /** The carer's link: the place its sealed text answers are bound to. */
  readonly carerLinkId: string;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly answers: Answers;
  /** The carer's free-text answers, sealed apart (`carerAnswersPlace`); null when there are none. */
  readonly sealedAnswers: string | null;
  readonly scores: StoredScores;
  readonly total: number | null;
  readonly submittedAt: string;
}

/**
 * The client's voice: comments (shared now or held), next-day links, a carer's links and
 * ratings kept apart from the client's with what the carer may see, answers entered by phone,
 * the client's email address. Practice-scoped like the rest; token lookups carry their practice.
 */
export interface VoiceStore extends VoicePhoneStore {
  /**
   * Keeps the comment of a check link (replacing a draft). `link-used` when a comment was already
   * sent with this link; `not-found` when the link is not in the practice.
   */
  saveComment(
    practiceId: PracticeId,
    linkId: CheckLinkId,
    input: {
      readonly sealedText: string;
      readonly hold: CommentHold;
      readonly status: 'draft' | 'sent';
      readonly at: string;
    },
  ): Promise<Result<void>>;
  /** Removes a draft comment the client has since cleared; a sent one stays. */
  dropDraftComment(practiceId: PracticeId, linkId: CheckLinkId): Promise<void>;
  getComment(practiceId: PracticeId, linkId: CheckLinkId): Promise<StoredComment | null>;
  /** The client's sent comments, oldest first. */
  listComments(practiceId: PracticeId, clientId: ClientId): Promise<StoredComment[]>;

  /**
   * "Rate it tomorrow": closes a waiting check-out link and issues a next-day link for the same
   * instrument, version, audience and episode that opens at `validFrom`, in one transaction.
   * `link-used` / `link-expired` and nothing written when the link can no longer be answered.
   */
  deferLink(
    practiceId: PracticeId,
    linkId: CheckLinkId,
    input: { readonly tokenHash: string; readonly at: string; readonly validFrom: string; readonly expiresAt: string },
  ): Promise<Result<{ readonly linkId: CheckLinkId }>>;
  /** When a next-day link opens; null for a link that is open at once. */
  linkValidFrom(practiceId: PracticeId, linkId: CheckLinkId): Promise<string | null>;
  /** The episode's next-day links with when each opens (used or not). */
  listDeferredLinks(
    practiceId: PracticeId,
    episodeId: EpisodeId,
  ): Promise<{ readonly linkId: CheckLinkId; readonly validFrom: string }[]>;

  /** What a carer may see in this episode: nothing unless the therapist has said otherwise. */
  getCarerSharing(practiceId: PracticeId, episodeId: EpisodeId): Promise<CarerSharing>;
  setCarerSharing(
    practiceId: PracticeId,
    episodeId: EpisodeId,
    input: { readonly sharing: CarerSharing; readonly setBy: UserId; readonly at: string },
  ): Promise<Result<void>>;
  /** `not-found` when the episode is not in the practice, `conflict` when it has ended. */
  issueCarerLink(
    practiceId: PracticeId,
    input: {
      readonly episodeId: EpisodeId;
      readonly instrumentId: string;
      readonly instrumentVersion: number;
      readonly tokenHash: string;
      readonly issuedBy: UserId;
      readonly issuedAt: string;
      readonly expiresAt: string;
    },
  ): Promise<Result<CarerLink>>;
  /** The token is the carer's credential, so this lookup is not practice-scoped; the link carries its practice. */
  findCarerLink(tokenHash: string): Promise<CarerLink | null>;
  /** Claims the carer's link and stores their answers in one transaction; `link-used` / `link-expired` when too late. */
  submitCarerResponse(
    practiceId: PracticeId,
    linkId: string,
    input: {
      readonly answers: Answers;
      /** Sealed by the server for `carerAnswersPlace(linkId)`. */
      readonly sealedAnswers?: string | null;
      readonly scores: StoredScores;
      readonly at: string;
    },
  ): Promise<Result<CarerResponse>>;
  /** Oldest first. */
  listCarerResponses(practiceId: PracticeId, clientId: ClientId): Promise<CarerResponse[]>;
}

/** Where a comment is sealed: bound to its check link's id. */
export const commentPlace = (linkId: string): SealedPlace => ({
  table: 'voice_comment',
  column: 'sealed_text',
  rowId: linkId,
});

const toComment = (r: Selectable<VoiceCommentTable>): StoredComment => ({
  checkLinkId: asCheckLinkId(r.check_link_id),
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  sealedText: r.sealed_text,
  hold: r.hold === 'next-session' ? 'next-session' : 'now',
  status: r.status === 'sent' ? 'sent' : 'draft',
  writtenAt: toIso(r.written_at),
});

const toCarerLink = (r: Selectable<CarerLinkTable>): CarerLink => ({
  id: r.id,
  practiceId: r.practice_id as PracticeId,
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  issuedAt: toIso(r.issued_at),
  expiresAt: toIso(r.expires_at),
  usedAt: toIsoOrNull(r.used_at),
});

const toCarerResponse = (r: Selectable<CarerResponseTable>): CarerResponse => ({
  id: r.id,
  carerLinkId: r.carer_link_id,
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  answers: toJson(r.answers) as Answers,
  sealedAnswers: r.sealed_answers ?? null,
  scores: toJson(r.scores) as StoredScores,
  total: r.total,
  submittedAt: toIso(r.submitted_at),
});

export class KyselyVoiceStore extends KyselyVoicePhone implements VoiceStore {
  /** Read before every client's form and submission: compiled once (precompiled.ts). */
  readonly #validFrom = new Precompiled(['practiceId', 'linkId'], (v: { practiceId: string; linkId: string }) =>
    this.db
      .selectFrom('deferred_link')
      .select('valid_from')
      .where('practice_id', '=', v.practiceId)
      .where('check_link_id', '=', v.linkId),
  );

  async saveComment(
    ...[practiceId, linkId, input]: Parameters<VoiceStore['saveComment']>
  ): ReturnType<VoiceStore['saveComment']> {
    return this.db.transaction().execute(async (trx) => {
      const link = await trx
        .selectFrom('check_link as l')
        .innerJoin('episode as e', 'e.id', 'l.episode_id')
        .select(['l.episode_id', 'e.client_id'])
        .where('l.practice_id', '=', practiceId)
        .where('l.id', '=', linkId)
        .executeTakeFirst();
      if (!link) return fail('not-found', 'This link is not recognised.');
      const row = {
        check_link_id: linkId,
        practice_id: practiceId,
        client_id: link.client_id,
        episode_id: link.episode_id,
        sealed_text: input.sealedText,
        hold: input.hold,
        status: input.status,
        written_at: input.at,
      };
      // A sent comment is never replaced: the guard is in the conflict clause, as for drafts of responses.
      const written = await trx
        .insertInto('voice_comment')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('check_link_id')
            .doUpdateSet({
              sealed_text: row.sealed_text,
              hold: row.hold,
              status: row.status,
              written_at: row.written_at,
            })
            .where('voice_comment.status', '=', 'draft'),
        )
        .executeTakeFirst();
      if (Number(written.numInsertedOrUpdatedRows ?? 0n) !== 1) {
        return fail('link-used', 'A comment was already sent with this check.');
      }
      return ok(undefined);
    });
  }

  async dropDraftComment(practiceId: PracticeId, linkId: CheckLinkId): Promise<void> {
    await this.db
      .deleteFrom('voice_comment')
      .where('practice_id', '=', practiceId)
      .where('check_link_id', '=', linkId)
      .where('status', '=', 'draft')
      .execute();
  }

  async getComment(practiceId: PracticeId, linkId: CheckLinkId): Promise<StoredComment | null> {
    const r = await this.db
      .selectFrom('voice_comment')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('check_link_id', '=', linkId)
      .executeTakeFirst();
    return r ? toComment(r) : null;
  }

  async listComments(practiceId: PracticeId, clientId: ClientId): Promise<StoredComment[]> {
    const rows = await this.db
      .selectFrom('voice_comment')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .where('status', '=', 'sent')
      .orderBy('written_at', 'asc')
      .execute();
    return rows.map(toComment);
  }

  async deferLink(
    ...[practiceId, linkId, input]: Parameters<VoiceStore['deferLink']>
  ): ReturnType<VoiceStore['deferLink']> {
    return this.db.transaction().execute(async (trx) => {
      const link = await trx
        .selectFrom('check_link as l')
        .innerJoin('measure_link as m', 'm.check_link_id', 'l.id')
        .select(['l.episode_id', 'l.instrument_id', 'l.instrument_version', 'l.issued_by', 'm.audience', 'm.moment'])
        .where('l.practice_id', '=', practiceId)
        .where('l.id', '=', linkId)
        .executeTakeFirst();
      if (!link) return fail('not-found', 'This link is not recognised.');
      // The waiting link closes as it is replaced: the conditional update is the guard against a race.
      const closed = await trx
        .updateTable('check_link')
        .set({ expires_at: input.at })
        .where('practice_id', '=', practiceId)
        .where('id', '=', linkId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', input.at)
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) return fail('link-used', 'This check can no longer be answered.');
      const id = randomUUID();
      await insertLinkRows(trx, practiceId, id, {
        episodeId: asEpisodeId(link.episode_id),
        instrumentId: link.instrument_id,
        instrumentVersion: link.instrument_version,
        audience: link.audience as ClientAudience,
        moment: 'deferred',
        tokenHash: input.tokenHash,
        issuedBy: asUserId(link.issued_by),
        issuedAt: input.at,
        expiresAt: input.expiresAt,
      });
      await trx
        .insertInto('deferred_link')
        .values({ check_link_id: id, practice_id: practiceId, deferred_from: linkId, valid_from: input.validFrom })
        .execute();
      return ok({ linkId: asCheckLinkId(id) });
    });
  }

  async linkValidFrom(practiceId: PracticeId, linkId: CheckLinkId): Promise<string | null> {
    const r = await this.#validFrom.first(this.db, { practiceId, linkId });
    return r ? toIso(r.valid_from) : null;
  }

  async listDeferredLinks(
    practiceId: PracticeId,
    episodeId: EpisodeId,
  ): Promise<{ readonly linkId: CheckLinkId; readonly validFrom: string }[]> {
    const rows = await this.db
      .selectFrom('deferred_link as d')
      .innerJoin('check_link as l', 'l.id', 'd.check_link_id')
      .select(['d.check_link_id', 'd.valid_from'])
      .where('d.practice_id', '=', practiceId)
      .where('l.episode_id', '=', episodeId)
      .orderBy('d.valid_from')
      .execute();
    return rows.map((r) => ({ linkId: asCheckLinkId(r.check_link_id), validFrom: toIso(r.valid_from) }));
  }

  async getCarerSharing(practiceId: PracticeId, episodeId: EpisodeId): Promise<CarerSharing> {
    const r = await this.db
      .selectFrom('carer_sharing')
      .select('sharing')
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .executeTakeFirst();
    return r?.sharing === 'answered' || r?.sharing === 'scores' ? r.sharing : DEFAULT_CARER_SHARING;
  }

  async setCarerSharing(
    ...[practiceId, episodeId, input]: Parameters<VoiceStore['setCarerSharing']>
  ): ReturnType<VoiceStore['setCarerSharing']> {
    // Any episode of the practice, ended or not.
    if (!(await findEpisode(this.db, practiceId, episodeId))) {
      return fail('not-found', 'No such episode in this practice.');
    }
    const values = { sharing: input.sharing, set_by: input.setBy, set_at: input.at };
    await this.db
      .insertInto('carer_sharing')
      .values({ episode_id: episodeId, practice_id: practiceId, ...values })
      .onConflict((oc) => oc.column('episode_id').doUpdateSet(values))
      .execute();
    return ok(undefined);
  }

  async issueCarerLink(
    ...[practiceId, input]: Parameters<VoiceStore['issueCarerLink']>
  ): ReturnType<VoiceStore['issueCarerLink']> {
    return this.db.transaction().execute(async (trx) => {
      const client = await openEpisodeClient(
        trx,
        practiceId,
        input.episodeId,
        'This episode has ended; open a new one to ask a carer.',
      );
      if (!client.ok) return client;
      const row = {
        id: randomUUID(),
        practice_id: practiceId,
        client_id: client.value,
        episode_id: input.episodeId,
        instrument_id: input.instrumentId,
        instrument_version: input.instrumentVersion,
        token_hash: input.tokenHash,
        issued_by: input.issuedBy,
        issued_at: input.issuedAt,
        expires_at: input.expiresAt,
        used_at: null,
      };
      await trx.insertInto('carer_link').values(row).execute();
      return ok(toCarerLink(row));
    });
  }

  async findCarerLink(tokenHash: string): Promise<CarerLink | null> {
    const r = await this.db.selectFrom('carer_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? toCarerLink(r) : null;
  }

  async submitCarerResponse(
    ...[practiceId, linkId, input]: Parameters<VoiceStore['submitCarerResponse']>
  ): ReturnType<VoiceStore['submitCarerResponse']> {
    return this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const link = await trx
        .selectFrom('carer_link')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('id', '=', linkId)
        .executeTakeFirst();
      if (!link) return fail('not-found', 'This link is not recognised.');
      if (toIso(link.expires_at) <= toIso(input.at)) return fail('link-expired', 'This link has expired.');
      const claimed = await trx
        .updateTable('carer_link')
        .set({ used_at: input.at })
        .where('practice_id', '=', practiceId)
        .where('id', '=', linkId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return fail('link-used', 'These answers have already been sent.');
      const row = {
        id: randomUUID(),
        practice_id: practiceId,
        client_id: link.client_id,
        episode_id: link.episode_id,
        carer_link_id: linkId,
        instrument_id: link.instrument_id,
        instrument_version: link.instrument_version,
        answers: plainAnswersJson(input.answers),
        sealed_answers: input.sealedAnswers ?? null,
        scores: JSON.stringify(input.scores),
        total: input.scores.total?.value ?? null,
        submitted_at: input.at,
      };
      await trx.insertInto('carer_response').values(row).execute();
      return ok(toCarerResponse(row));
    });
  }

  async listCarerResponses(practiceId: PracticeId, clientId: ClientId): Promise<CarerResponse[]> {
    const rows = await this.db
      .selectFrom('carer_response')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .orderBy('submitted_at', 'asc')
      .execute();
    return rows.map(toCarerResponse);
  }
}

/** The client's voice's encrypted columns (comments, email addresses), for key rotation (`resealColumns`). */
export const VOICE_SEALED: readonly SealedColumnRef[] = [
  {
    table: 'voice_comment',
    sealed: 'sealed_text',
    keys: ['check_link_id'],
    place: (r) => commentPlace(String(r['check_link_id'])),
  },
  {
    table: 'client_contact',
    sealed: 'sealed_email',
    keys: ['client_id'],
    place: (r) => clientEmailPlace(String(r['client_id'])),
  },
];
