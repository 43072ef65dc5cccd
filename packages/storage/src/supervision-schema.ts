import type { ColumnType } from 'kysely';

/** Table types of the supervision migration (0010), kept beside their store; `Database` extends them. */
type Timestamp = ColumnType<string | Date, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;

export interface SupervisionLinkTable {
  practice_id: string;
  supervisor_id: string;
  supervisee_id: string;
  created_by: string;
  created_at: Timestamp;
}

export interface SupervisionItemTable {
  id: string;
  practice_id: string;
  supervisee_id: string;
  client_id: string;
  episode_id: string;
  /** The therapist's question, sealed by the server like the rest of their record. */
  sealed_question: string;
  signal: string | null;
  journal_entry_id: string | null;
  status: string;
  created_at: Timestamp;
  discussed_at: NullableTimestamp;
  discussed_by: string | null;
}

export interface PasswordChangeDueTable {
  user_id: string;
  practice_id: string;
  since: Timestamp;
}

export interface SupervisionTables {
  supervision_link: SupervisionLinkTable;
  supervision_item: SupervisionItemTable;
  password_change_due: PasswordChangeDueTable;
}
