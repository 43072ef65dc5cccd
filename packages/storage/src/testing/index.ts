/** Test support (not part of the build), reached as `@rapport/storage/testing`. */
export * from './databases.js';
export * from './fixtures.js';
export * from './tables.js';
