import type { Command } from 'commander';
import { readEnv } from './env.js';

// Storage (and its native driver) loads only when one of these commands runs.
const loadStorage = () => import('@rapport/storage');

/**
 * `rapport backup --out FILE` and `rapport restore FILE`. On SQLite both use
 * SQLite's online backup API, so a backup can run beside a serving Rapport;
 * on PostgreSQL they print pg_dump / pg_restore guidance and write nothing.
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the SQLite database while Rapport keeps serving (PostgreSQL: prints pg_dump guidance)')
    .requiredOption('--out <file>', 'where to write the backup (must not exist)')
    .action(async (opts: { out: string }) => {
      const env = readEnv();
      const { POSTGRES_BACKUP_GUIDANCE, backupSqlite, isPostgresUrl, sqlitePath } = await loadStorage();
      if (isPostgresUrl(env.store.databaseUrl)) {
        console.log(POSTGRES_BACKUP_GUIDANCE);
        process.exitCode = 2;
        return;
      }
      const report = await backupSqlite(sqlitePath(env.store), opts.out);
      console.log(
        `Backed up ${sqlitePath(env.store)} to ${report.file} (${String(report.bytes)} bytes, migrations: ${report.migrations.join(', ')}).`,
      );
      // Notes, the boundary log and journals are encrypted: the copy is useless without its master key.
      console.log(
        env.masterSecret
          ? 'The master secret is not in the backup: keep RAPPORT_SECRET safe, apart from it.'
          : `The master key is not in the backup: keep a copy of ${env.dataDir}/master.key safe, apart from it.`,
      );
    });

  program
    .command('restore')
    .description('replace the SQLite database with a backup; stop Rapport first (PostgreSQL: prints guidance)')
    .argument('<file>', 'a file written by `rapport backup`')
    .action(async (file: string) => {
      const env = readEnv();
      const {
        POSTGRES_BACKUP_GUIDANCE,
        describeStore,
        isPostgresUrl,
        migrateToLatest,
        openStore,
        restoreSqlite,
        sqlitePath,
      } = await loadStorage();
      if (isPostgresUrl(env.store.databaseUrl)) {
        console.log(POSTGRES_BACKUP_GUIDANCE);
        process.exitCode = 2;
        return;
      }
      await restoreSqlite(file, sqlitePath(env.store));
      // A backup from an older release gains the newer migrations now, not at the next start.
      const store = openStore(env.store);
      try {
        const applied = await migrateToLatest(store);
        console.log(
          `Restored ${describeStore(env.store)} from ${file}${applied.length ? `; then applied ${applied.join(', ')}` : ''}.`,
        );
      } finally {
        await store.close();
      }
    });
}
