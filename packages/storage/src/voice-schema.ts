import type { ColumnType } from 'kysely';

/**
 * Table types of the client's voice (migration 0009), kept beside their store; `Database`
 * extends them. `sealed_*` columns hold ciphertext made by the server, as in the record.
 */
type Timestamp = ColumnType<string | Date, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;
type Json = ColumnType<unknown, string, string>;

export interface VoiceCommentTable {
  check_link_id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  sealed_text: string;
  hold: string;
  status: string;
  written_at: Timestamp;
}

export interface DeferredLinkTable {
  check_link_id: string;
  practice_id: string;
  deferred_from: string;
  valid_from: Timestamp;
}

export interface CarerSharingTable {
  episode_id: string;
  practice_id: string;
  sharing: string;
  set_by: string;
  set_at: Timestamp;
}

export interface CarerLinkTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  instrument_id: string;
  instrument_version: number;
  token_hash: string;
  issued_by: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface CarerResponseTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  carer_link_id: string;
  instrument_id: string;
  instrument_version: number;
  answers: Json;
  /** The carer's free-text answers, sealed (migration 0011); null when there are none. */
  sealed_answers: ColumnType<string | null, string | null | undefined, string | null>;
  scores: Json;
  total: number | null;
  submitted_at: Timestamp;
}

export interface PhoneEntryTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  response_id: string;
  instrument_id: string;
  entered_by: string;
  entered_at: Timestamp;
  answers_as_entered: Json;
  /** Free-text answers as entered, sealed (migration 0011); null when there are none. */
  sealed_answers_as_entered: ColumnType<string | null, string | null | undefined, string | null>;
  status: string;
  confirm_token_hash: string;
  confirm_expires_at: Timestamp;
  settled_at: NullableTimestamp;
}

export interface ClientContactTable {
  client_id: string;
  practice_id: string;
  sealed_email: string;
  updated_at: Timestamp;
}

export interface VoiceTables {
  voice_comment: VoiceCommentTable;
  deferred_link: DeferredLinkTable;
  carer_sharing: CarerSharingTable;
  carer_link: CarerLinkTable;
  carer_response: CarerResponseTable;
  phone_entry: PhoneEntryTable;
  client_contact: ClientContactTable;
}
