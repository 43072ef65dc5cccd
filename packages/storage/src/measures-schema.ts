import type { ColumnType } from 'kysely';

/** Table types of the measures migration (0004), kept beside their store; `Database` extends them. */
type Timestamp = ColumnType<string | Date, string, string>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;
type SealedAnswers = ColumnType<string | null, string | null | undefined, string | null>;

export interface MeasureLinkTable {
  check_link_id: string;
  practice_id: string;
  audience: string;
  moment: string;
}

export interface MeasureResponseTable {
  id: string;
  practice_id: string;
  client_id: string;
  episode_id: string;
  check_link_id: string;
  instrument_id: string;
  instrument_version: number;
  audience: string;
  moment: string;
  status: string;
  answers: Json;
  /** The free-text answers, sealed by the server as one JSON object (migration 0011); null when there are none. */
  sealed_answers: SealedAnswers;
  scores: NullableJson;
  total: number | null;
  flags: Json;
  saved_at: Timestamp;
}

export interface ClientSignalTable {
  id: string;
  practice_id: string;
  client_id: string;
  kind: string;
  instrument_id: string;
  observed_at: Timestamp;
  detail: Json;
  computed_at: Timestamp;
  /** Core's `signalMark` of the signal (migration 0007), so the caseload reads no JSON. */
  mark: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A client whose signals a submission has changed and the server has not yet recomputed (migration 0013). */
export interface SignalDueTable {
  practice_id: string;
  client_id: string;
  /** New at every marking (a random id), so a recompute clears only the mark it saw. */
  mark: string;
  marked_at: Timestamp;
}

export interface ClientMeasureSettingTable {
  client_id: string;
  practice_id: string;
  audience: string;
}

export interface MeasuresTables {
  measure_link: MeasureLinkTable;
  measure_response: MeasureResponseTable;
  client_signal: ClientSignalTable;
  signal_due: SignalDueTable;
  client_measure_setting: ClientMeasureSettingTable;
}
