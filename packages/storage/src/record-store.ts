import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  asBoundaryEventId,
  asClientId,
  asEpisodeId,
  asEpisodeSessionId,
  asJournalEntryId,
  asPracticeId,
  asSessionNoteId,
  asUserId,
  fail,
  ok,
  type BoundaryEvent,
  type BoundaryKind,
  type ClientId,
  type EpisodeId,
  type EpisodeSession,
  type EpisodeSessionId,
  type EthicalPrinciple,
  type JournalEntry,
  type NewSession,
  type PracticeId,
  type Result,
  type SessionModality,
  type SessionNote,
  type SignalType,
  type UserId,
} from '@rapport/core';
import { toIso, toJson } from './convert.js';
import { findEpisode } from './episode-guard.js';
import type { BoundaryEventTable, EpisodeSessionTable, JournalEntryTable, SessionNoteTable } from './record-schema.js';
import type { Database } from './schema.js';
import { REPAIR_SEALED } from './repair-store.js';
import { VOICE_SEALED } from './voice-store.js';
import { SUPERVISION_SEALED } from './supervision-store.js';
import { CLIENT_TEXT_SEALED, sealLeftoverText } from './client-text.js';
import { resealColumns, type SealedColumnRef, type SealedRow } from './sealed-columns.js';

/** A practice's data key as stored: wrapped under the master key, never in the clear. */
export interface StoredDataKey {
  readonly practiceId: PracticeId;
  readonly version: number;
  readonly wrappedKey: string;
  readonly masterKeyId: string;
  readonly createdAt: string;
}

/** Where an encrypted value lives; the server binds its ciphertext to exactly this place. */
export interface SealedPlace {
  readonly table:
    | 'session_note'
    | 'boundary_event'
    | 'journal_entry'
    | 'repair_attempt'
    | 'voice_comment'
    | 'client_contact'
    | 'supervision_item'
    | 'progress_note'
    | 'client_goal_wording'
    | 'contract_question'
    | 'measure_response'
    | 'therapist_rating'
    | 'carer_response'
    | 'phone_entry';
  readonly column:
    | 'sealed_text'
    | 'sealed_description'
    | 'sealed_reflection'
    | 'sealed_email'
    | 'sealed_question'
    | 'sealed_answers'
    | 'sealed_answers_as_entered';
  readonly rowId: string;
}

/** The stored forms carry ciphertext where the domain types carry text. */
export type StoredNote = Omit<SessionNote, 'text'> & { readonly sealedText: string };
export type StoredBoundaryEvent = Omit<BoundaryEvent, 'description' | 'reflection'> & {
  readonly sealedDescription: string;
  readonly sealedReflection: string | null;
};
export type StoredJournalEntry = Omit<JournalEntry, 'text'> & { readonly sealedText: string };

/**
 * Storage of the therapist's own record and of the keys that seal it. Practice-scoped
 * like the rest; notes and journal entries are also scoped by their author, so another
 * user's request finds nothing. Free text arrives sealed: this module never sees it.
 */
export interface RecordStore {
  listDataKeys(practiceId: PracticeId): Promise<StoredDataKey[]>;
  /** Adds a key version; false (and nothing written) when that version already exists. */
  addDataKey(practiceId: PracticeId, key: Omit<StoredDataKey, 'practiceId'>): Promise<boolean>;
  /** Every practice's keys: for the operator's `rapport keys rotate`, not for requests. */
  listAllDataKeys(): Promise<StoredDataKey[]>;
  /** Replaces every wrapped key in one transaction (a new master key); returns how many. */
  rewrapDataKeys(
    rewrap: (key: StoredDataKey) => { readonly wrappedKey: string; readonly masterKeyId: string },
  ): Promise<number>;
  /**
   * Adds a new key version and reseals every encrypted value of the practice under it,
   * in one transaction: either every value moves, or none does. Returns how many moved.
   */
  rotatePracticeKey(
    practiceId: PracticeId,
    next: Omit<StoredDataKey, 'practiceId'>,
    reseal: (place: SealedPlace, sealed: string) => string,
  ): Promise<number>;
  listPracticeIds(): Promise<PracticeId[]>;
  /**
   * Seals the practice's free text still plain from before migration 0011, in one transaction;
   * returns how many values it sealed (none the second time).
   */
  sealLeftoverText(practiceId: PracticeId, seal: (place: SealedPlace, text: string) => string): Promise<number>;

  /** `not-found` when the episode is not in the practice. */
  addSession(
    practiceId: PracticeId,
    input: NewSession & { readonly episodeId: EpisodeId; readonly recordedBy: UserId },
    at: string,
  ): Promise<Result<EpisodeSession>>;
  /** A session with the client it belongs to (for the audit log). */
  getSession(
    practiceId: PracticeId,
    sessionId: EpisodeSessionId,
  ): Promise<{ readonly session: EpisodeSession; readonly clientId: ClientId } | null>;
  /** Oldest first. */
  listSessions(practiceId: PracticeId, episodeId: EpisodeId): Promise<EpisodeSession[]>;

  /** The author's own note on a session, if they wrote one. */
  findNote(practiceId: PracticeId, sessionId: EpisodeSessionId, authorId: UserId): Promise<StoredNote | null>;
  /** A note by id, found only for its author. */
  getNote(practiceId: PracticeId, noteId: string, authorId: UserId): Promise<StoredNote | null>;
  /** `conflict` if the author already has a note on the session, `not-found` if the session is not in the practice. */
  createNote(
    practiceId: PracticeId,
    input: {
      readonly id: string;
      readonly sessionId: EpisodeSessionId;
      readonly authorId: UserId;
      readonly sealedText: string;
    },
    at: string,
  ): Promise<Result<StoredNote>>;
  /** Replaces the text of the author's own note; false when there is no such note of theirs. */
  updateNote(
    practiceId: PracticeId,
    noteId: string,
    authorId: UserId,
    sealedText: string,
    at: string,
  ): Promise<boolean>;
  /** The author's notes on an episode's sessions. */
  listNotesBy(practiceId: PracticeId, episodeId: EpisodeId, authorId: UserId): Promise<StoredNote[]>;

  addBoundaryEvent(
    practiceId: PracticeId,
    input: Omit<StoredBoundaryEvent, 'id' | 'practiceId' | 'recordedAt'> & { readonly id: string },
    at: string,
  ): Promise<Result<StoredBoundaryEvent>>;
  /** Oldest first. */
  listBoundaryEvents(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredBoundaryEvent[]>;

  addJournalEntry(
    practiceId: PracticeId,
    input: Omit<StoredJournalEntry, 'id' | 'practiceId' | 'writtenAt' | 'updatedAt'> & { readonly id: string },
    at: string,
  ): Promise<StoredJournalEntry>;
  getJournalEntry(practiceId: PracticeId, entryId: string, authorId: UserId): Promise<StoredJournalEntry | null>;
  updateJournalEntry(
    practiceId: PracticeId,
    entryId: string,
    authorId: UserId,
    sealedText: string,
    at: string,
  ): Promise<boolean>;
  /** The author's entries, newest first. */
  listJournalEntries(practiceId: PracticeId, authorId: UserId): Promise<StoredJournalEntry[]>;
}

const toKey = (r: Selectable<Database['practice_data_key']>): StoredDataKey => ({
  practiceId: asPracticeId(r.practice_id),
  version: r.version,
  wrappedKey: r.wrapped_key,
  masterKeyId: r.master_key_id,
  createdAt: toIso(r.created_at),
});

function toSession(r: Selectable<EpisodeSessionTable>): EpisodeSession {
  const base = {
    id: asEpisodeSessionId(r.id),
    practiceId: asPracticeId(r.practice_id),
    episodeId: asEpisodeId(r.episode_id),
    heldOn: r.held_on,
    modality: r.modality as SessionModality,
    recordedBy: asUserId(r.recorded_by),
    recordedAt: toIso(r.recorded_at),
  };
  if (r.attendance === 'attended') return { ...base, attendance: 'attended', minutes: r.minutes };
  return { ...base, attendance: r.attendance === 'cancelled' ? 'cancelled' : 'did-not-attend' };
}

const toNote = (r: Selectable<SessionNoteTable>): StoredNote => ({
  id: asSessionNoteId(r.id),
  practiceId: asPracticeId(r.practice_id),
  sessionId: asEpisodeSessionId(r.session_id),
  authorId: asUserId(r.author_id),
  sealedText: r.sealed_text,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

const toBoundary = (r: Selectable<BoundaryEventTable>): StoredBoundaryEvent => ({
  id: asBoundaryEventId(r.id),
  practiceId: asPracticeId(r.practice_id),
  episodeId: asEpisodeId(r.episode_id),
  kind: r.kind as BoundaryKind,
  occurredOn: r.occurred_on,
  sealedDescription: r.sealed_description,
  clauseId: r.clause_id,
  principles: toJson(r.principles) as EthicalPrinciple[],
  sealedReflection: r.sealed_reflection,
  recordedBy: asUserId(r.recorded_by),
  recordedAt: toIso(r.recorded_at),
});

const toJournal = (r: Selectable<JournalEntryTable>): StoredJournalEntry => ({
  id: asJournalEntryId(r.id),
  practiceId: asPracticeId(r.practice_id),
  authorId: asUserId(r.author_id),
  sealedText: r.sealed_text,
  clientId: r.client_id === null ? null : asClientId(r.client_id),
  signal: r.signal as SignalType | null,
  guideQuestionId: r.guide_question_id,
  promptId: r.prompt_id,
  writtenAt: toIso(r.written_at),
  updatedAt: toIso(r.updated_at),
});

export class KyselyRecordStore implements RecordStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async listDataKeys(practiceId: PracticeId): Promise<StoredDataKey[]> {
    const rows = await this.#db
      .selectFrom('practice_data_key')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .orderBy('version')
      .execute();
    return rows.map(toKey);
  }

  async addDataKey(practiceId: PracticeId, key: Omit<StoredDataKey, 'practiceId'>): Promise<boolean> {
    // Two first requests of a new practice may race to make version 1: one wins, the other rereads.
    const r = await this.#db
      .insertInto('practice_data_key')
      .values({
        practice_id: practiceId,
        version: key.version,
        wrapped_key: key.wrappedKey,
        master_key_id: key.masterKeyId,
        created_at: key.createdAt,
      })
      .onConflict((oc) => oc.columns(['practice_id', 'version']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async listAllDataKeys(): Promise<StoredDataKey[]> {
    const rows = await this.#db
      .selectFrom('practice_data_key')
      .selectAll()
      .orderBy('practice_id')
      .orderBy('version')
      .execute();
    return rows.map(toKey);
  }

  async rewrapDataKeys(...[rewrap]: Parameters<RecordStore['rewrapDataKeys']>): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('practice_data_key').selectAll().execute();
      for (const row of rows) {
        const next = rewrap(toKey(row));
        await trx
          .updateTable('practice_data_key')
          .set({ wrapped_key: next.wrappedKey, master_key_id: next.masterKeyId })
          .where('practice_id', '=', row.practice_id)
          .where('version', '=', row.version)
          .execute();
      }
      return rows.length;
    });
  }

  async rotatePracticeKey(
    ...[practiceId, next, reseal]: Parameters<RecordStore['rotatePracticeKey']>
  ): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('practice_data_key')
        .values({
          practice_id: practiceId,
          version: next.version,
          wrapped_key: next.wrappedKey,
          master_key_id: next.masterKeyId,
          created_at: next.createdAt,
        })
        .execute();
      return resealAll(trx, practiceId, reseal);
    });
  }

  async sealLeftoverText(practiceId: PracticeId, seal: (place: SealedPlace, text: string) => string): Promise<number> {
    return this.#db.transaction().execute((trx) => sealLeftoverText(trx, practiceId, seal));
  }

  async listPracticeIds(): Promise<PracticeId[]> {
    const rows = await this.#db.selectFrom('practice').select('id').orderBy('id').execute();
    return rows.map((r) => asPracticeId(r.id));
  }

  async addSession(
    ...[practiceId, input, at]: Parameters<RecordStore['addSession']>
  ): ReturnType<RecordStore['addSession']> {
    if (!(await findEpisode(this.#db, practiceId, input.episodeId))) {
      return fail('not-found', 'No such episode in this practice.');
    }
    const row = {
      id: randomUUID(),
      practice_id: practiceId,
      episode_id: input.episodeId,
      held_on: input.heldOn,
      modality: input.modality,
      attendance: input.attendance,
      minutes: input.attendance === 'attended' ? input.minutes : null,
      recorded_by: input.recordedBy,
      recorded_at: at,
    };
    await this.#db.insertInto('episode_session').values(row).execute();
    return ok(toSession(row));
  }

  async getSession(
    ...[practiceId, sessionId]: Parameters<RecordStore['getSession']>
  ): ReturnType<RecordStore['getSession']> {
    const r = await this.#db
      .selectFrom('episode_session as s')
      .innerJoin('episode as e', 'e.id', 's.episode_id')
      .selectAll('s')
      .select('e.client_id')
      .where('s.practice_id', '=', practiceId)
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
    return r ? { session: toSession(r), clientId: asClientId(r.client_id) } : null;
  }

  async listSessions(practiceId: PracticeId, episodeId: EpisodeId): Promise<EpisodeSession[]> {
    const rows = await this.#db
      .selectFrom('episode_session')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .orderBy('held_on')
      .orderBy('recorded_at')
      .execute();
    return rows.map(toSession);
  }

  async findNote(practiceId: PracticeId, sessionId: EpisodeSessionId, authorId: UserId): Promise<StoredNote | null> {
    const r = await this.#db
      .selectFrom('session_note')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('session_id', '=', sessionId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return r ? toNote(r) : null;
  }

  async getNote(practiceId: PracticeId, noteId: string, authorId: UserId): Promise<StoredNote | null> {
    const r = await this.#db
      .selectFrom('session_note')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('id', '=', noteId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return r ? toNote(r) : null;
  }

  async createNote(
    ...[practiceId, input, at]: Parameters<RecordStore['createNote']>
  ): ReturnType<RecordStore['createNote']> {
    const session = await this.#db
      .selectFrom('episode_session')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('id', '=', input.sessionId)
      .executeTakeFirst();
    if (!session) return fail('not-found', 'No such session in this practice.');
    const row = {
      id: input.id,
      practice_id: practiceId,
      session_id: input.sessionId,
      author_id: input.authorId,
      sealed_text: input.sealedText,
      created_at: at,
      updated_at: at,
    };
    const r = await this.#db
      .insertInto('session_note')
      .values(row)
      .onConflict((oc) => oc.columns(['session_id', 'author_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) {
      return fail('conflict', 'You already have a note on this session.');
    }
    return ok(toNote(row));
  }

  async updateNote(
    ...[practiceId, noteId, authorId, sealedText, at]: Parameters<RecordStore['updateNote']>
  ): Promise<boolean> {
    const r = await this.#db
      .updateTable('session_note')
      .set({ sealed_text: sealedText, updated_at: at })
      .where('practice_id', '=', practiceId)
      .where('id', '=', noteId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listNotesBy(practiceId: PracticeId, episodeId: EpisodeId, authorId: UserId): Promise<StoredNote[]> {
    const rows = await this.#db
      .selectFrom('session_note as n')
      .innerJoin('episode_session as s', 's.id', 'n.session_id')
      .selectAll('n')
      .where('n.practice_id', '=', practiceId)
      .where('s.episode_id', '=', episodeId)
      .where('n.author_id', '=', authorId)
      .execute();
    return rows.map(toNote);
  }

  async addBoundaryEvent(
    ...[practiceId, input, at]: Parameters<RecordStore['addBoundaryEvent']>
  ): ReturnType<RecordStore['addBoundaryEvent']> {
    if (!(await findEpisode(this.#db, practiceId, input.episodeId))) {
      return fail('not-found', 'No such episode in this practice.');
    }
    const row = {
      id: input.id,
      practice_id: practiceId,
      episode_id: input.episodeId,
      kind: input.kind,
      occurred_on: input.occurredOn,
      sealed_description: input.sealedDescription,
      clause_id: input.clauseId,
      principles: JSON.stringify(input.principles),
      sealed_reflection: input.sealedReflection,
      recorded_by: input.recordedBy,
      recorded_at: at,
    };
    await this.#db.insertInto('boundary_event').values(row).execute();
    return ok(toBoundary(row));
  }

  async listBoundaryEvents(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredBoundaryEvent[]> {
    const rows = await this.#db
      .selectFrom('boundary_event')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .orderBy('occurred_on')
      .orderBy('recorded_at')
      .execute();
    return rows.map(toBoundary);
  }

  async addJournalEntry(
    ...[practiceId, input, at]: Parameters<RecordStore['addJournalEntry']>
  ): Promise<StoredJournalEntry> {
    const row = {
      id: input.id,
      practice_id: practiceId,
      author_id: input.authorId,
      sealed_text: input.sealedText,
      client_id: input.clientId,
      signal: input.signal,
      guide_question_id: input.guideQuestionId,
      prompt_id: input.promptId,
      written_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('journal_entry').values(row).execute();
    return toJournal(row);
  }

  async getJournalEntry(practiceId: PracticeId, entryId: string, authorId: UserId): Promise<StoredJournalEntry | null> {
    const r = await this.#db
      .selectFrom('journal_entry')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('id', '=', entryId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return r ? toJournal(r) : null;
  }

  async updateJournalEntry(
    ...[practiceId, entryId, authorId, sealedText, at]: Parameters<RecordStore['updateJournalEntry']>
  ): Promise<boolean> {
    const r = await this.#db
      .updateTable('journal_entry')
      .set({ sealed_text: sealedText, updated_at: at })
      .where('practice_id', '=', practiceId)
      .where('id', '=', entryId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listJournalEntries(practiceId: PracticeId, authorId: UserId): Promise<StoredJournalEntry[]> {
    const rows = await this.#db
      .selectFrom('journal_entry')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('author_id', '=', authorId)
      .orderBy('written_at', 'desc')
      .execute();
    return rows.map(toJournal);
  }
}

/** The record's encrypted columns, for key rotation. */
const RECORD_SEALED: readonly SealedColumnRef[] = [
  {
    table: 'session_note',
    sealed: 'sealed_text',
    keys: ['id'],
    place: (r) => placeOf('session_note', 'sealed_text', r),
  },
  {
    table: 'boundary_event',
    sealed: 'sealed_description',
    keys: ['id'],
    place: (r) => placeOf('boundary_event', 'sealed_description', r),
  },
  {
    table: 'boundary_event',
    sealed: 'sealed_reflection',
    keys: ['id'],
    place: (r) => placeOf('boundary_event', 'sealed_reflection', r),
  },
  {
    table: 'journal_entry',
    sealed: 'sealed_text',
    keys: ['id'],
    place: (r) => placeOf('journal_entry', 'sealed_text', r),
  },
];

function placeOf(table: SealedPlace['table'], column: SealedPlace['column'], row: SealedRow): SealedPlace {
  return { table, column, rowId: String(row['id']) };
}

/**
 * Reseals every encrypted value of one practice inside the caller's transaction. Every encrypted
 * column Rapport has is listed here, area by area, so that a key rotation cannot miss one
 * silently: the record-store tests count that every sealed value moved. (Built per call: the
 * areas' modules import this one's types, and a list made at load time would race them.)
 */
function resealAll(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  reseal: (place: SealedPlace, sealed: string) => string,
): Promise<number> {
  const all = [...RECORD_SEALED, ...REPAIR_SEALED, ...VOICE_SEALED, ...SUPERVISION_SEALED, ...CLIENT_TEXT_SEALED];
  return resealColumns(trx, practiceId, all, reseal);
}
