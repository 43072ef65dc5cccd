import type { ColumnType } from 'kysely';

/**
 * Table types of the therapist's workspace (migration 0007), kept beside their store;
 * `Database` extends them. `sealed_text` holds ciphertext made by the server, as in the record.
 */
type Timestamp = ColumnType<string | Date, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface TherapistRatingTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  instrument_id: string;
  instrument_version: number;
  session_day: string;
  answers: Json;
  /** The therapist's free-text answers, sealed (migration 0011); null when there are none. */
  sealed_answers: ColumnType<string | null, string | null | undefined, string | null>;
  scores: Json;
  total: number | null;
  rated_by: string;
  rated_at: Timestamp;
}

export interface RepairAttemptTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  rupture_at: Timestamp;
  sealed_text: string;
  author_id: string;
  written_at: Timestamp;
}

export interface RepairAnswerTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  check_link_id: string;
  rupture_at: Timestamp;
  answer: string;
  answered_at: Timestamp;
}

export interface RepairTables {
  therapist_rating: TherapistRatingTable;
  repair_attempt: RepairAttemptTable;
  repair_answer: RepairAnswerTable;
}
