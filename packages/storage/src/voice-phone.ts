import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  asClientId,
  asEpisodeId,
  asUserId,
  fail,
  ok,
  type AdministrationMoment,
  type Answers,
  type ClientAudience,
  type ClientId,
  type EpisodeId,
  type PhoneEntryStatus,
  type PracticeId,
  type RaisedFlag,
  type Result,
  type StoredScores,
  type UserId,
} from '@rapport/core';
import { toIso, toIsoOrNull, toJson } from './convert.js';
import { openEpisodeClient } from './episode-guard.js';
import { insertLinkRows } from './measures-store.js';
import type { SealedPlace } from './record-store.js';
import type { Database } from './schema.js';
import { plainAnswersJson } from './client-text.js';
import { markSignalsDue } from './signal-due.js';
import type { PhoneEntryTable } from './voice-schema.js';

/** A measure the therapist entered for the client over the phone, with the response as it stands now. */
export interface PhoneEntry {
  readonly id: string;
  readonly practiceId: PracticeId;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly responseId: string;
  /** The response's check link: the place its sealed text answers are bound to. */
  readonly checkLinkId: string;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly audience: ClientAudience;
  readonly moment: AdministrationMoment;
  readonly enteredBy: UserId;
  readonly enteredAt: string;
  /** What the therapist entered, kept as heard even after the client corrects it. */
  readonly answersAsEntered: Answers;
  /** Their free-text answers, sealed apart (`enteredAnswersPlace(id)`); null when there are none. */
  readonly sealedAnswersAsEntered: string | null;
  /** The response's answers now: as entered, or as the client corrected them. */
  readonly answers: Answers;
  /** Their free-text answers, sealed apart (`responseAnswersPlace(checkLinkId)`); null when there are none. */
  readonly sealedAnswers: string | null;
  readonly status: PhoneEntryStatus;
  readonly confirmExpiresAt: string;
  readonly settledAt: string | null;
}

export interface PhoneEntryInput {
  /**
   * The ids the server chose for the entry and its response's link, when it sealed free-text
   * answers for them (`enteredAnswersPlace(id)`, `responseAnswersPlace(linkId)`); made here otherwise.
   */
  readonly id?: string;
  readonly linkId?: string;
  /** The free-text answers sealed twice: as entered, and as the response's. */
  readonly sealed?: { readonly asEntered: string; readonly answers: string };
  readonly episodeId: EpisodeId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly audience: ClientAudience;
  readonly moment: AdministrationMoment;
  readonly answers: Answers;
  readonly scores: StoredScores;
  readonly flags: readonly RaisedFlag[];
  readonly enteredBy: UserId;
  readonly at: string;
  readonly confirmTokenHash: string;
  readonly confirmExpiresAt: string;
}

/** The client's corrected answers, scored again by core. */
export interface PhoneCorrection {
  readonly answers: Answers;
  /** Sealed by the server for `responseAnswersPlace(entry.checkLinkId)`. */
  readonly sealedAnswers?: string | null;
  readonly scores: StoredScores;
  readonly flags: readonly RaisedFlag[];
  readonly at: string;
}

export interface VoicePhoneStore {
  /**
   * Stores answers entered over the phone as a complete response (with a used link no token can
   * open) marked as entered by phone and unconfirmed, in one transaction. `not-found` when the
   * episode or user is not in the practice, `conflict` when the episode has ended.
   */
  enterByPhone(practiceId: PracticeId, input: PhoneEntryInput): Promise<Result<PhoneEntry>>;
  /** The token is the client's credential, so this lookup is not practice-scoped; the entry carries its practice. */
  findPhoneEntry(confirmTokenHash: string): Promise<PhoneEntry | null>;
  /** Oldest first. */
  listPhoneEntries(practiceId: PracticeId, clientId: ClientId): Promise<PhoneEntry[]>;
  /** The client says the answers are right. `link-used` when already confirmed or corrected. */
  confirmPhoneEntry(practiceId: PracticeId, entryId: string, at: string): Promise<Result<void>>;
  /** The client's own answers replace the entered ones in the response, in one transaction. `link-used` as above. */
  correctPhoneEntry(practiceId: PracticeId, entryId: string, correction: PhoneCorrection): Promise<Result<void>>;
  /** Sets or clears (null) the client's email address, sealed by the server. */
  setClientEmail(
    practiceId: PracticeId,
    clientId: ClientId,
    sealedEmail: string | null,
    at: string,
  ): Promise<Result<void>>;
  /** The sealed address, or null. */
  getClientEmail(practiceId: PracticeId, clientId: ClientId): Promise<string | null>;
}

/** Where the client's email address is sealed (the AAD its ciphertext is bound to). */
export const clientEmailPlace = (clientId: string): SealedPlace => ({
  table: 'client_contact',
  column: 'sealed_email',
  rowId: clientId,
});

type EntryRow = Selectable<PhoneEntryTable> & {
  instrument_version: number;
  audience: string;
  moment: string;
  answers: unknown;
  sealed_answers: string | null;
  check_link_id: string;
};

const toEntry = (r: EntryRow): PhoneEntry => ({
  id: r.id,
  practiceId: r.practice_id as PracticeId,
  clientId: asClientId(r.client_id),
  episodeId: asEpisodeId(r.episode_id),
  responseId: r.response_id,
  checkLinkId: r.check_link_id,
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  audience: r.audience as ClientAudience,
  moment: r.moment as AdministrationMoment,
  enteredBy: asUserId(r.entered_by),
  enteredAt: toIso(r.entered_at),
  answersAsEntered: toJson(r.answers_as_entered) as Answers,
  sealedAnswersAsEntered: r.sealed_answers_as_entered,
  answers: toJson(r.answers) as Answers,
  sealedAnswers: r.sealed_answers,
  status: r.status as PhoneEntryStatus,
  confirmExpiresAt: toIso(r.confirm_expires_at),
  settledAt: toIsoOrNull(r.settled_at),
});

/** Entries with their response's version, audience, moment and current answers (a transaction is a Kysely too). */
const entries = (db: Kysely<Database>) =>
  db
    .selectFrom('phone_entry as p')
    .innerJoin('measure_response as r', 'r.id', 'p.response_id')
    .selectAll('p')
    .select(['r.instrument_version', 'r.audience', 'r.moment', 'r.answers', 'r.sealed_answers', 'r.check_link_id']);

export abstract class KyselyVoicePhone implements VoicePhoneStore {
  protected readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async enterByPhone(practiceId: PracticeId, input: PhoneEntryInput): Promise<Result<PhoneEntry>> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('app_user')
        .select('id')
        .where('practice_id', '=', practiceId)
        .where('id', '=', input.enteredBy)
        .executeTakeFirst();
      if (!user) return fail('not-found', 'No such user in this practice.');
      const client = await openEpisodeClient(
        trx,
        practiceId,
        input.episodeId,
        'This episode has ended; open a new one to enter answers.',
      );
      if (!client.ok) return client;
      const linkId = input.linkId ?? randomUUID();
      const responseId = randomUUID();
      // A used link whose hash no token can match (tokens hash to hex): the answers came by phone.
      await insertLinkRows(
        trx,
        practiceId,
        linkId,
        {
          episodeId: input.episodeId,
          instrumentId: input.instrumentId,
          instrumentVersion: input.instrumentVersion,
          audience: input.audience,
          moment: input.moment,
          tokenHash: `phone:${linkId}`,
          issuedBy: input.enteredBy,
          issuedAt: input.at,
          expiresAt: input.at,
        },
        input.at,
      );
      const answers = plainAnswersJson(input.answers);
      await trx
        .insertInto('measure_response')
        .values({
          id: responseId,
          practice_id: practiceId,
          client_id: client.value,
          episode_id: input.episodeId,
          check_link_id: linkId,
          instrument_id: input.instrumentId,
          instrument_version: input.instrumentVersion,
          audience: input.audience,
          moment: input.moment,
          status: 'complete',
          answers,
          sealed_answers: input.sealed?.answers ?? null,
          scores: JSON.stringify(input.scores),
          total: input.scores.total?.value ?? null,
          flags: JSON.stringify(input.flags),
          saved_at: input.at,
        })
        .execute();
      const id = input.id ?? randomUUID();
      await trx
        .insertInto('phone_entry')
        .values({
          id,
          practice_id: practiceId,
          client_id: client.value,
          episode_id: input.episodeId,
          response_id: responseId,
          instrument_id: input.instrumentId,
          entered_by: input.enteredBy,
          entered_at: input.at,
          answers_as_entered: answers,
          sealed_answers_as_entered: input.sealed?.asEntered ?? null,
          status: 'unconfirmed',
          confirm_token_hash: input.confirmTokenHash,
          confirm_expires_at: input.confirmExpiresAt,
          settled_at: null,
        })
        .execute();
      // The client's signals read these answers: marked due with them (signal-due.ts).
      await markSignalsDue(trx, practiceId, asClientId(client.value), input.at);
      const row = await entries(trx).where('p.id', '=', id).executeTakeFirstOrThrow();
      return ok(toEntry(row));
    });
  }

  async findPhoneEntry(confirmTokenHash: string): Promise<PhoneEntry | null> {
    const r = await entries(this.db).where('p.confirm_token_hash', '=', confirmTokenHash).executeTakeFirst();
    return r ? toEntry(r) : null;
  }

  async listPhoneEntries(practiceId: PracticeId, clientId: ClientId): Promise<PhoneEntry[]> {
    const rows = await entries(this.db)
      .where('p.practice_id', '=', practiceId)
      .where('p.client_id', '=', clientId)
      .orderBy('p.entered_at', 'asc')
      .execute();
    return rows.map(toEntry);
  }

  /** The one guard for both answers: only an unconfirmed entry moves, once. */
  async #settle(
    trx: Transaction<Database>,
    practiceId: PracticeId,
    entryId: string,
    status: PhoneEntryStatus,
    at: string,
  ): Promise<Result<string>> {
    const entry = await trx
      .selectFrom('phone_entry')
      .select(['response_id', 'client_id'])
      .where('practice_id', '=', practiceId)
      .where('id', '=', entryId)
      .executeTakeFirst();
    if (!entry) return fail('not-found', 'This link is not recognised.');
    const moved = await trx
      .updateTable('phone_entry')
      .set({ status, settled_at: at })
      .where('practice_id', '=', practiceId)
      .where('id', '=', entryId)
      .where('status', '=', 'unconfirmed')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return fail('link-used', 'These answers have already been checked.');
    // Confirmed or corrected, the entry changes the client's signals: marked due in the same transaction.
    await markSignalsDue(trx, practiceId, asClientId(entry.client_id), at);
    return ok(entry.response_id);
  }

  async confirmPhoneEntry(practiceId: PracticeId, entryId: string, at: string): Promise<Result<void>> {
    return this.db.transaction().execute(async (trx) => {
      const settled = await this.#settle(trx, practiceId, entryId, 'confirmed', at);
      return settled.ok ? ok(undefined) : settled;
    });
  }

  async correctPhoneEntry(practiceId: PracticeId, entryId: string, c: PhoneCorrection): Promise<Result<void>> {
    return this.db.transaction().execute(async (trx) => {
      const settled = await this.#settle(trx, practiceId, entryId, 'corrected', c.at);
      if (!settled.ok) return settled;
      await trx
        .updateTable('measure_response')
        .set({
          answers: plainAnswersJson(c.answers),
          sealed_answers: c.sealedAnswers ?? null,
          scores: JSON.stringify(c.scores),
          total: c.scores.total?.value ?? null,
          flags: JSON.stringify(c.flags),
        })
        .where('practice_id', '=', practiceId)
        .where('id', '=', settled.value)
        .execute();
      return ok(undefined);
    });
  }

  async setClientEmail(
    practiceId: PracticeId,
    clientId: ClientId,
    sealedEmail: string | null,
    at: string,
  ): Promise<Result<void>> {
    const client = await this.db
      .selectFrom('client')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (!client) return fail('not-found', 'No such client in this practice.');
    if (sealedEmail === null) {
      await this.db
        .deleteFrom('client_contact')
        .where('practice_id', '=', practiceId)
        .where('client_id', '=', clientId)
        .execute();
      return ok(undefined);
    }
    await this.db
      .insertInto('client_contact')
      .values({ client_id: clientId, practice_id: practiceId, sealed_email: sealedEmail, updated_at: at })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ sealed_email: sealedEmail, updated_at: at }))
      .execute();
    return ok(undefined);
  }

  async getClientEmail(practiceId: PracticeId, clientId: ClientId): Promise<string | null> {
    const r = await this.db
      .selectFrom('client_contact')
      .select('sealed_email')
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return r?.sealed_email ?? null;
  }
}
