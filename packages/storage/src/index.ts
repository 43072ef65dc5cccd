export * from './store.js';
export * from './dialect.js';
export { KyselyStore } from './kysely-store.js';
export { openStore, migrateToLatest, describeStore, isPostgresUrl, type StoreOptions } from './open.js';
export { migrations } from './migrations/index.js';
export type { FrameStore } from './frame-store.js';
