/**
 * Crash safety: the built server on SQLite (WAL, synchronous=FULL), and on
 * PostgreSQL when a server answers (a fresh database of its own), takes
 * concurrent check submissions and is killed with SIGKILL at random moments,
 * again and again. After every restart, every submission that was
 * acknowledged (303) must be stored exactly once, and no link may be used
 * without its answers or answered without being used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'packages/cli/dist/bin.js');
const PASSWORD = 'crash test passphrase';
const BUDGET_MS = 25_000;
const MAX_KILLS = 20;
// A run ends on MAX_KILLS, the time budget or the last link, whichever comes first. Between two
// kills SQLite now takes several hundred submissions: 4 000 links give it about ten kills.
const LINKS = 4000;
const CONCURRENCY = 12;

interface Running {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

function start(dataDir: string, databaseUrl: string): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'serve', '--demo'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  let output = '';
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1].replace('localhost', '127.0.0.1'), child, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      reject(new Error(`server exited early:\n${output}`));
    });
  });
}

/** A form post as the browser sends it, without following the redirect. */
function post(url: string, path: string, fields: Record<string, string>, cookie = ''): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Answers for whatever check form the server shows: for each question, its last choice. */
function answersFrom(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const tag of html.match(/<input[^>]*>/g) ?? []) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1];
    if (name && value !== undefined && /type="(radio|hidden)"/.test(tag)) fields[name] = value;
  }
  return fields;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Reads the database the server wrote, whichever store it is. */
interface Inspector {
  /** SQL with $1-style parameters; returns rows. */
  query(sql: string, params?: readonly string[]): Promise<Record<string, unknown>[]>;
  tables(): Promise<Set<string>>;
  close(): Promise<void>;
}

function sqliteInspector(file: string): Inspector {
  const db = new SQLite(file);
  return {
    query: (sql, params = []) =>
      Promise.resolve(db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Record<string, unknown>[]),
    tables: () =>
      Promise.resolve(
        new Set(
          (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
            (r) => r.name,
          ),
        ),
      ),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

async function pgInspector(url: string): Promise<Inspector> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async (sql, params = []) => (await client.query(sql, [...params])).rows as Record<string, unknown>[],
    tables: async () =>
      new Set(
        (
          await client.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
          )
        ).rows.map((r) => r.table_name),
      ),
    close: () => client.end(),
  };
}

/** Runs rounds of concurrent submissions, SIGKILLing the server in each, then checks the store. */
async function crashRun(
  label: string,
  dataDir: string,
  databaseUrl: string,
  inspect: () => Promise<Inspector>,
): Promise<void> {
  // Set up: sign in to the demo practice, add a client, open an episode, issue the links.
  let server = await start(dataDir, databaseUrl);
  const login = await post(server.url, '/login', { email: 'demo@rapport.example', password: PASSWORD });
  expect(login.status).toBe(303);
  // Sign-in first clears any old cookie, then sets the new one: take the one with a value.
  const cookie =
    login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => /^rapport_session=.+/.test(c)) ?? '';
  const csrf = (s: string): string => /name="_csrf" value="([^"]+)"/.exec(s)?.[1] ?? '';
  const token = csrf(await (await fetch(`${server.url}/clients`, { headers: { cookie } })).text());
  const created = await post(server.url, '/clients', { _csrf: token, code: 'CRASH-1' }, cookie);
  const clientPath = created.headers.get('location') ?? '';
  await post(server.url, `${clientPath}/episodes`, { _csrf: token }, cookie);
  const page = await (await fetch(`${server.url}${clientPath}`, { headers: { cookie } })).text();
  const episodeId = /action="\/episodes\/([^/]+)\/check-links"/.exec(page)?.[1] ?? '';
  const tokens: string[] = [];
  for (let i = 0; i < LINKS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, LINKS - i) }, async () => {
        const res = await post(server.url, `/episodes/${episodeId}/check-links`, { _csrf: token }, cookie);
        return /\/c\/([A-Za-z0-9_-]{43})"/.exec(await res.text())?.[1] ?? '';
      }),
    );
    tokens.push(...batch.filter(Boolean));
  }
  if (tokens.length !== LINKS) {
    const res = await post(server.url, `/episodes/${episodeId}/check-links`, { _csrf: token }, cookie);
    throw new Error(
      `no links issued (${String(res.status)}): ${(await res.text()).slice(0, 2000)} ${episodeId} ${clientPath}`,
    );
  }
  const answers = answersFrom(await (await fetch(`${server.url}/c/${tokens[0] ?? ''}`)).text());

  const acknowledged = new Set<string>();
  let next = 0;
  let kills = 0;
  const started = Date.now();
  while (kills < MAX_KILLS && Date.now() - started < BUDGET_MS && next < tokens.length) {
    const url = server.url;
    const round = { killed: false };
    // Read through a function: the flag changes while a request is awaited.
    const killed = (): boolean => round.killed;
    const worker = async (): Promise<void> => {
      while (!killed() && next < tokens.length) {
        const t = tokens[next++] ?? '';
        try {
          const res = await post(url, `/c/${t}`, answers);
          if (res.status === 303) acknowledged.add(t);
          else if (!killed() && res.status >= 500) throw new Error(`submission answered ${String(res.status)}`);
        } catch (e) {
          if (!killed()) throw e;
        }
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, worker);
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 700));
    round.killed = true;
    server.child.kill('SIGKILL');
    await server.exited;
    kills += 1;
    await Promise.all(workers);
    server = await start(dataDir, databaseUrl);
  }
  // Signals are recomputed after the answer is acknowledged, from a mark stored with it: a staff
  // page settles whatever the killed servers left due (checked below: no mark is left).
  expect((await fetch(`${server.url}${clientPath}`, { headers: { cookie } })).status).toBe(200);
  server.child.kill('SIGKILL');
  await server.exited;

  // Verify as the next start would find it (SQLite replays its WAL on open).
  const db = await inspect();
  // Answers live in `administration` (the skeleton's check) or `measure_response` (instruments), by release.
  const tables = await db.tables();
  const stored = [
    'SELECT check_link_id AS link_id FROM administration',
    ...(tables.has('measure_response')
      ? ["SELECT check_link_id AS link_id FROM measure_response WHERE status = 'complete'"]
      : []),
  ].join(' UNION ALL ');
  let verified = 0;
  for (const t of acknowledged) {
    const rows = await db.query(
      `SELECT count(*) AS n FROM (${stored}) s JOIN check_link l ON l.id = s.link_id WHERE l.token_hash = $1`,
      [sha256(t)],
    );
    expect(Number(rows[0]?.['n']), t).toBe(1);
    verified += 1;
  }
  // Atomicity: a link is marked used exactly when its answers are stored, once.
  const torn = await db.query(
    `SELECT count(*) AS n FROM check_link l
       LEFT JOIN (SELECT link_id, count(*) AS k FROM (${stored}) u GROUP BY link_id) s ON s.link_id = l.id
       WHERE (l.used_at IS NOT NULL AND coalesce(s.k, 0) <> 1) OR (l.used_at IS NULL AND s.k IS NOT NULL)`,
  );
  const due = tables.has('signal_due') ? await db.query('SELECT count(*) AS n FROM signal_due') : [{ n: 0 }];
  await db.close();
  expect(Number(torn[0]?.['n'])).toBe(0);
  expect(Number(due[0]?.['n'])).toBe(0);
  expect(kills).toBeGreaterThanOrEqual(3);
  expect(verified).toBeGreaterThan(0);
  console.log(
    `kills survived: ${String(kills)}, records verified: ${String(verified)} (${label}, ${String(next)} submissions sent)`,
  );
}

describe.skipIf(!existsSync(bin))('crash safety of the built server', () => {
  const dirs: string[] = [];
  const dataDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('on SQLite (WAL): keeps every acknowledged submission exactly once across random SIGKILLs', async () => {
    const dir = dataDir();
    await crashRun('SQLite', dir, '', () => Promise.resolve(sqliteInspector(join(dir, 'rapport.sqlite'))));
  }, 120_000);

  const target = inject('pgTarget');
  it.skipIf(target.kind !== 'server')(
    'on PostgreSQL: keeps every acknowledged submission exactly once across random SIGKILLs',
    async () => {
      if (target.kind !== 'server') return;
      const name = `rapport_crash_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: target.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(target.url);
      url.pathname = `/${name}`;
      try {
        await crashRun('PostgreSQL', dataDir(), url.toString(), () => pgInspector(url.toString()));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    120_000,
  );
});
