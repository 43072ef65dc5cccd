import type { ColumnType } from 'kysely';

/** Table types of the client-home migration (0006), kept beside their store; `Database` extends them. */
type Timestamp = ColumnType<string | Date, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;
type Bool = ColumnType<number | boolean, number | boolean, number | boolean>;
type Counter = ColumnType<number, number | undefined, number>;
/** A `sealed_*` column added by migration 0011: null on rows written before it and not yet sealed. */
type SealedText = ColumnType<string | null, string | null | undefined, string | null>;

export interface ClientHomeTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  token_hash: string;
  secret_hash: string | null;
  secret_set_at: NullableTimestamp;
  issued_by: string;
  issued_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_opened_at: NullableTimestamp;
  goals_revision: Counter;
  notes_revision: Counter;
}

export interface ClientHomeSessionTable {
  token_hash: string;
  home_id: string;
  practice_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ClientGoalTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  position: number;
  status: string;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

export interface ClientGoalWordingTable {
  goal_id: string;
  practice_id: string;
  version: number;
  /** Plain text of a wording written before migration 0011, until `rapport keys seal-existing`; '' once sealed. */
  text: string;
  /** The wording sealed by the server (migration 0011). */
  sealed_text: SealedText;
  written_at: Timestamp;
}

export interface ClientGoalRatingTable {
  id: string;
  goal_id: string;
  practice_id: string;
  round: number;
  rating: number;
  rated_at: Timestamp;
}

export interface ProgressNoteTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  series: string;
  point_at: Timestamp;
  /** Plain text of a note written before migration 0011, until `rapport keys seal-existing`; '' once sealed. */
  text: string;
  /** The note sealed by the server (migration 0011). */
  sealed_text: SealedText;
  shared: Bool;
  written_at: Timestamp;
}

export interface HomeTables {
  client_home: ClientHomeTable;
  client_home_session: ClientHomeSessionTable;
  client_goal: ClientGoalTable;
  client_goal_wording: ClientGoalWordingTable;
  client_goal_rating: ClientGoalRatingTable;
  progress_note: ProgressNoteTable;
}
