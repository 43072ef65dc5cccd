import type { ColumnType } from 'kysely';
import type { EndingsTables } from './endings-schema.js';
import type { HomeTables } from './home-schema.js';
import type { MeasuresTables } from './measures-schema.js';
import type { RecordTables } from './record-schema.js';
import type { RepairTables } from './repair-schema.js';
import type { VoiceTables } from './voice-schema.js';
import type { SupervisionTables } from './supervision-schema.js';

/**
 * Table types as the two drivers hand them back. Timestamps come back as
 * strings from SQLite and as Date from PostgreSQL; booleans as 0/1 or
 * true/false; JSON as text or as a parsed value. `convert.ts` turns each into
 * one domain form, so nothing above this package sees the difference.
 */
type Timestamp = ColumnType<string | Date, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;
type Bool = ColumnType<number | boolean, number | boolean, number | boolean>;
type Json = ColumnType<unknown, string, string>;

export interface PracticeTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface AppUserTable {
  id: string;
  practice_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  active: Bool;
  created_at: Timestamp;
}

export interface AuthSessionTable {
  token_hash: string;
  user_id: string;
  practice_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ClientTable {
  id: string;
  practice_id: string;
  code: string;
  display_name: string | null;
  created_at: Timestamp;
}

export interface EpisodeTable {
  id: string;
  practice_id: string;
  client_id: string;
  status: string;
  opened_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface CheckLinkTable {
  id: string;
  practice_id: string;
  episode_id: string;
  instrument_id: string;
  instrument_version: number;
  token_hash: string;
  issued_by: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface AdministrationTable {
  id: string;
  practice_id: string;
  episode_id: string;
  check_link_id: string;
  instrument_id: string;
  instrument_version: number;
  answers: Json;
  score: number;
  submitted_at: Timestamp;
}

export interface AuditEventTable {
  id: string;
  practice_id: string;
  actor_kind: string;
  actor_user_id: string | null;
  action: string;
  client_id: string | null;
  at: Timestamp;
  ip: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface PracticeClauseTable {
  practice_id: string;
  clause_id: string;
  clause: Json;
  updated_by: string;
  updated_at: Timestamp;
}

export interface ContractVersionTable {
  id: string;
  practice_id: string;
  episode_id: string;
  version: number;
  body: Json;
  content_hash: string;
  created_by: string;
  created_at: Timestamp;
}

export interface ContractLinkTable {
  id: string;
  practice_id: string;
  contract_version_id: string;
  token_hash: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ContractQuestionTable {
  id: string;
  practice_id: string;
  contract_version_id: string;
  /** Plain text of a question asked before migration 0011, until `rapport keys seal-existing`; '' once sealed. */
  text: string;
  /** The question sealed by the server (migration 0011). */
  sealed_text: ColumnType<string | null, string | null | undefined, string | null>;
  asked_at: Timestamp;
}

export interface ContractAgreementTable {
  id: string;
  practice_id: string;
  contract_version_id: string;
  role: string;
  signed_name: string;
  content_hash: string;
  agreed_at: Timestamp;
}

export interface Database
  extends MeasuresTables, HomeTables, RecordTables, RepairTables, EndingsTables, VoiceTables, SupervisionTables {
  practice_clause: PracticeClauseTable;
  contract_version: ContractVersionTable;
  contract_link: ContractLinkTable;
  contract_question: ContractQuestionTable;
  contract_agreement: ContractAgreementTable;
  practice: PracticeTable;
  app_user: AppUserTable;
  auth_session: AuthSessionTable;
  client: ClientTable;
  episode: EpisodeTable;
  check_link: CheckLinkTable;
  administration: AdministrationTable;
  audit_event: AuditEventTable;
  rapport_meta: MetaTable;
}
