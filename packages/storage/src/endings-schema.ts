import type { ColumnType } from 'kysely';

/** Table types of the endings migration (0008), kept beside their store; `Database` extends them. */
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;

export interface EpisodeEndingTable {
  episode_id: string;
  practice_id: string;
  sessions_left: number | null;
  /** Calendar days, YYYY-MM-DD. */
  end_on: string | null;
  prepared_on: string | null;
  prepared_by: string | null;
  kind: string | null;
  reason: string | null;
  ended_on: string | null;
  ended_by: string | null;
  ended_at: NullableTimestamp;
  review_link_id: string | null;
  check_in_link_id: string | null;
  follow_up_months: number | null;
  follow_up_due_on: string | null;
  follow_up_link_id: string | null;
}

export interface EndingsTables {
  episode_ending: EpisodeEndingTable;
}
