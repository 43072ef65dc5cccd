import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { PgTarget } from './packages/storage/src/testing/databases.js';

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTarget: PgTarget;
  }
}

async function probe(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>('SHOW server_version');
    return r.rows[0]?.server_version ?? 'unknown';
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Decides once per run which PostgreSQL the storage tests use and says so:
 * RAPPORT_TEST_PG_URL (must answer; the value `pglite` forces PGlite), else the local server if it answers,
 * else PGlite in process, so `npm test` passes on any machine.
 */
export default async function setup(project: TestProject): Promise<void> {
  const explicit = process.env['RAPPORT_TEST_PG_URL'];
  let target: PgTarget;
  if (explicit === 'pglite') {
    target = { kind: 'pglite' };
  } else if (explicit) {
    const version = await probe(explicit);
    if (version === null) throw new Error('RAPPORT_TEST_PG_URL is set but no PostgreSQL server answers there.');
    target = { kind: 'server', url: explicit, version };
  } else {
    const version = await probe(DEFAULT_PG);
    target = version === null ? { kind: 'pglite' } : { kind: 'server', url: DEFAULT_PG, version };
  }
  const where =
    target.kind === 'server'
      ? `PostgreSQL server ${target.version} at ${new URL(target.url).host}`
      : 'PGlite in process (no PostgreSQL server answered)';
  console.log(`\nStorage tests run on: SQLite (better-sqlite3) and ${where}\n`);
  project.provide('pgTarget', target);
}
