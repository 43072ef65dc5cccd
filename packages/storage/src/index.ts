export * from './store.js';
export * from './dialect.js';
export { KyselyStore } from './kysely-store.js';
export { openStore, migrateToLatest, describeStore, isPostgresUrl, sqlitePath, type StoreOptions } from './open.js';
export { migrations } from './migrations/index.js';
export type { FrameStore } from './frame-store.js';
export type { SecurityStore, ThrottleCounter, TwoFactor, LoginChallenge, AuditEntry } from './security-store.js';
export type { MeasuresStore, PastEpisode, StoredSignal } from './measures-store.js';
export type {
  RecordStore,
  StoredDataKey,
  SealedPlace,
  StoredNote,
  StoredBoundaryEvent,
  StoredJournalEntry,
} from './record-store.js';
export {
  STALE_FORM,
  type HomeStore,
  type ClientHome,
  type HomeLinkStatus,
  type HomeSession,
  type ProgressNote,
} from './home-store.js';
export { backupSqlite, restoreSqlite, POSTGRES_BACKUP_GUIDANCE, type BackupReport } from './backup.js';
