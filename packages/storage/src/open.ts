import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { withStatementCache } from './statement-cache.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export interface StoreOptions {
  /** postgres://… or postgresql://… selects PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
  readonly databaseUrl?: string | undefined;
  /** Where the SQLite file lives when no URL is given. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  readonly poolSize?: number | undefined;
}

export const isPostgresUrl = (url: string | undefined): url is string =>
  url !== undefined && /^postgres(ql)?:\/\//.test(url);

/** Describes the chosen store without secrets, for start-up messages and test output. */
export function describeStore(options: StoreOptions): string {
  if (isPostgresUrl(options.databaseUrl)) {
    const u = new URL(options.databaseUrl);
    return `PostgreSQL at ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  }
  return `SQLite file ${sqlitePath(options)}`;
}

/** The SQLite file the options select (absolute), or `:memory:`. */
export function sqlitePath(options: StoreOptions): string {
  const url = options.databaseUrl?.replace(/^sqlite:/, '');
  if (url) return url === ':memory:' ? url : resolve(url);
  return resolve(join(options.dataDir ?? 'data', 'rapport.sqlite'));
}

/**
 * Opens the store chosen by the URL. SQLite runs in WAL mode with full sync,
 * so an acknowledged write survives a killed process.
 */
export function openStore(options: StoreOptions = {}): KyselyStore {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    return new KyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  }
  const file = sqlitePath(options);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new KyselyStore(
    new Kysely<Database>({
      dialect: new SqliteDialect({
        database: withStatementCache(sqlite),
        onCreateConnection: async (conn) => {
          await conn.executeQuery(CompiledQuery.raw('PRAGMA foreign_keys = ON'));
        },
      }),
    }),
  );
}

/** Applies every pending migration; returns the names applied. Throws on failure, leaving earlier ones in place. */
export async function migrateToLatest(store: KyselyStore): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
