import type { ColumnType } from 'kysely';

/**
 * Table types of the therapist's own record (migration 0005), kept beside their store;
 * `Database` extends them. Columns named `sealed_*` hold AES-256-GCM ciphertext made by
 * the server (`v1.<key version>.<iv>.<tag>.<ciphertext>`): storage never sees the text.
 */
type Timestamp = ColumnType<string | Date, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface PracticeDataKeyTable {
  practice_id: string;
  version: number;
  /** The practice's data key, wrapped (AES-256-GCM) under the master key. */
  wrapped_key: string;
  /** Which master key wrapped it: a fingerprint, so a wrong secret is named, not guessed at. */
  master_key_id: string;
  created_at: Timestamp;
}

export interface EpisodeSessionTable {
  id: string;
  practice_id: string;
  episode_id: string;
  /** A calendar day, YYYY-MM-DD: text on both stores so no driver shifts it by a time zone. */
  held_on: string;
  modality: string;
  attendance: string;
  minutes: number | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SessionNoteTable {
  id: string;
  practice_id: string;
  session_id: string;
  author_id: string;
  sealed_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BoundaryEventTable {
  id: string;
  practice_id: string;
  episode_id: string;
  kind: string;
  occurred_on: string;
  sealed_description: string;
  clause_id: string | null;
  principles: Json;
  sealed_reflection: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface JournalEntryTable {
  id: string;
  practice_id: string;
  author_id: string;
  sealed_text: string;
  client_id: string | null;
  signal: string | null;
  guide_question_id: string | null;
  prompt_id: string | null;
  written_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecordTables {
  practice_data_key: PracticeDataKeyTable;
  episode_session: EpisodeSessionTable;
  session_note: SessionNoteTable;
  boundary_event: BoundaryEventTable;
  journal_entry: JournalEntryTable;
}
