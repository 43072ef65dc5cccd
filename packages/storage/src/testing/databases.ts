/**
 * Test support (not part of the build): every storage test loops over these
 * targets, after Kysely's DIALECTS loop. PostgreSQL is a real server when one
 * answers (each opened store gets a fresh database), otherwise PGlite in
 * process behind its socket server, reached through the same `pg` driver.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { KyselyStore } from '../kysely-store.js';
import { migrateToLatest, openStore } from '../open.js';

/** What the global setup found: a server URL, or PGlite. */
export type PgTarget =
  { readonly kind: 'server'; readonly url: string; readonly version: string } | { readonly kind: 'pglite' };

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  /** Says which database the run really used, e.g. `postgres (server 15.19)`. */
  readonly label: string;
  /** A migrated, empty store of its own. */
  open(): Promise<OpenedTestStore>;
}

export interface OpenedTestStore {
  readonly store: KyselyStore;
  /** Closes the store and removes its database. */
  dispose(): Promise<void>;
}

export const sqliteMemory: TestDatabase = {
  name: 'sqlite',
  label: 'sqlite (better-sqlite3, in memory)',
  async open() {
    const store = openStore({ databaseUrl: ':memory:' });
    await migrateToLatest(store);
    return { store, dispose: () => store.close() };
  },
};

export function postgresDatabase(target: PgTarget): TestDatabase {
  return target.kind === 'server'
    ? {
        name: 'postgres',
        label: `postgres (server ${target.version})`,
        open: () => openOnServer(target.url),
      }
    : { name: 'postgres', label: 'postgres (PGlite in process)', open: openOnPglite };
}

export const testDatabases = (target: PgTarget): TestDatabase[] => [sqliteMemory, postgresDatabase(target)];

async function openOnServer(adminUrl: string): Promise<OpenedTestStore> {
  const name = `rapport_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = openStore({ databaseUrl: url.toString(), poolSize: 4 });
  await migrateToLatest(store);
  return {
    store,
    async dispose() {
      await store.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // pg-pool's end() resolves before its sockets have closed; forcing the drop while one is
        // still closing kills it mid-goodbye and surfaces as an unhandled error. Wait for them (≤ 2 s).
        for (let i = 0; i < 40; i++) {
          const open = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if ((open.rows[0] as { n: number } | undefined)?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

// PGlite takes seconds to start, so one instance per test worker, reset between stores.
let pglite: Promise<{ url: string }> | undefined;

async function startPglite(): Promise<{ url: string }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  const port = server.getServerConn().split(':').pop() ?? '';
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres` };
}

async function openOnPglite(): Promise<OpenedTestStore> {
  pglite ??= startPglite();
  const { url } = await pglite;
  const reset = new pg.Client({ connectionString: url });
  await reset.connect();
  try {
    await reset.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await reset.end();
  }
  // PGlite is a single session: one connection at a time.
  const store = openStore({ databaseUrl: url, poolSize: 1 });
  await migrateToLatest(store);
  return { store, dispose: () => store.close() };
}
