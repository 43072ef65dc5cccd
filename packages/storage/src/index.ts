export * from './store.js';
export * from './dialect.js';
export { KyselyStore } from './kysely-store.js';
export { openStore, migrateToLatest, describeStore, isPostgresUrl, sqlitePath, type StoreOptions } from './open.js';
export { migrations } from './migrations/index.js';
export type { FrameStore, StoredContractQuestion } from './frame-store.js';
export type { SecurityStore, ThrottleCounter, TwoFactor, LoginChallenge, AuditEntry } from './security-store.js';
export type { MeasuresStore, PastEpisode, StoredResponse, StoredSignal } from './measures-store.js';
export type { SignalsDue } from './signal-due.js';
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
  type StoredGoal,
  type StoredProgressNote,
} from './home-store.js';
export {
  repairAttemptPlace,
  type RepairStore,
  type Caseload,
  type CaseloadRow,
  type CaseloadSignal,
  type StoredTherapistRating,
  type StoredRepairAttempt,
  type StoredRepairAnswer,
} from './repair-store.js';
export type { EndingsStore, StoredEnding, EndingLink, EndingLinkInput, OutcomeFacts } from './endings-store.js';
export {
  commentPlace,
  clientEmailPlace,
  type VoiceStore,
  type StoredComment,
  type CarerLink,
  type CarerResponse,
  type PhoneEntry,
  type PhoneEntryInput,
  type PhoneCorrection,
} from './voice-store.js';
export {
  agendaQuestionPlace,
  type SupervisionStore,
  type PracticeMember,
  type SupervisionLink,
  type SupervisedEpisode,
  type StoredAgendaItem,
} from './supervision-store.js';
export {
  storedText,
  splitTextAnswers,
  progressNotePlace,
  goalWordingPlace,
  contractQuestionPlace,
  responseAnswersPlace,
  ratingAnswersPlace,
  carerAnswersPlace,
  enteredAnswersPlace,
  type StoredText,
} from './client-text.js';
export { ERASED_TABLES, NOT_CLIENT_TABLES, type RightsStore } from './rights-store.js';
export { backupSqlite, restoreSqlite, POSTGRES_BACKUP_GUIDANCE, type BackupReport } from './backup.js';
