import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/** What a finished backup or restore reports. */
export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly migrations: readonly string[];
}

/** Refuses a file that is not a sound Rapport database; returns its applied migrations. */
function verify(file: string): string[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} failed SQLite's integrity check: ${String(check)}`);
    const hasMigrations = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get();
    if (!hasMigrations) throw new Error(`${file} is not a Rapport database (no migration table).`);
    return db
      .prepare('SELECT name FROM kysely_migration ORDER BY name')
      .all()
      .map((r) => String((r as { name: unknown }).name));
  } finally {
    db.close();
  }
}

/**
 * Copies a live SQLite database with SQLite's online backup API, through a
 * connection of its own: the server keeps reading and writing while pages are
 * copied, and the copy is a consistent snapshot (https://sqlite.org/backup.html).
 * The copy is written beside the target and renamed into place only once checked.
 */
export async function backupSqlite(sourceFile: string, outFile: string): Promise<BackupReport> {
  const out = resolve(outFile);
  if (existsSync(out)) throw new Error(`${out} already exists; choose a new file name.`);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // All pages in one step. Copied 100 at a time (the default), the backup starts again whenever
    // another connection writes between steps, so under steady writes it never ends; one step
    // reads a single snapshot, and in WAL mode writers carry on beside it.
    const result = await source.backup(partial, { progress: () => 0x7fffffff });
    const migrations = verify(partial);
    renameSync(partial, out);
    return { file: out, bytes: result.totalPages * Number(source.pragma('page_size', { simple: true })), migrations };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    source.close();
  }
}

/**
 * Replaces the SQLite database at `targetFile` with a backup. Run it with the
 * server stopped: the old file and its WAL are replaced, not merged. The backup
 * is checked first and copied beside the target, then renamed into place, so a
 * failure part-way leaves the old database as it was.
 */
export async function restoreSqlite(backupFile: string, targetFile: string): Promise<BackupReport> {
  const migrations = verify(backupFile);
  const target = resolve(targetFile);
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  let pages: number;
  let pageSize: number;
  try {
    pages = (await source.backup(incoming)).totalPages;
    pageSize = Number(source.pragma('page_size', { simple: true }));
  } finally {
    source.close();
  }
  verify(incoming);
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(incoming, target);
  return { file: target, bytes: pages * pageSize, migrations };
}

/** What to do instead on PostgreSQL, where the database server owns backups. */
export const POSTGRES_BACKUP_GUIDANCE = [
  'Rapport is using PostgreSQL, so back up with PostgreSQL’s own tools:',
  '  pg_dump --format=custom --file=rapport.dump "$DATABASE_URL"',
  'and restore (into an empty database, with Rapport stopped) with:',
  '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" rapport.dump',
  'pg_dump takes a consistent snapshot while Rapport keeps serving. For point-in-time recovery,',
  'use continuous WAL archiving (https://www.postgresql.org/docs/current/continuous-archiving.html).',
].join('\n');
