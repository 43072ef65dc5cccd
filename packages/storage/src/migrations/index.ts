import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { frame } from './0002-frame.js';

/**
 * One ordered migration set for both stores. A static provider (no directory
 * scanning) so the list is explicit and reviewable; add new entries at the end.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-frame': frame,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
