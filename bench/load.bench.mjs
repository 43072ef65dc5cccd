/* global fetch, URLSearchParams -- Node 20 globals this bench uses */
// `npm run bench:load`: drives the built server over loopback with autocannon and
// prints throughput and latency percentiles at fixed request rates, beside a bare
// Hono endpoint measured in the same run on the same machine.
//
// Routes: the client's check submission (POST /c/:token, one fresh link per
// request) and the therapist's caseload page (GET /clients, signed in).
// The SQLite file lives on tmpfs (/dev/shm) unless BENCH_DATA_DIR says otherwise,
// so the figures measure Rapport rather than this machine's fsync; set
// BENCH_DATA_DIR=./some/dir to include the disk. BENCH_SECONDS sets each run's length.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'packages/cli/dist/bin.js');
if (!existsSync(bin)) {
  console.error('Build first (npm run build): packages/cli/dist/bin.js is missing.');
  process.exit(1);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? '5');
// BENCH_ROUTES=bare,clients,submit runs only those (all three by default), e.g. to profile one.
const ROUTES = new Set((process.env.BENCH_ROUTES ?? 'bare,clients,submit').split(','));
// Fixed rates after each unthrottled run; BENCH_RATES=500 (say) runs only those (0 alone: only unthrottled).
const RATES = (process.env.BENCH_RATES ?? '100,500,2000')
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
// Links for the unthrottled submission run: more than this per second would run out.
const MAX_SUBMISSIONS_PER_S = 4000;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? '200');
const PASSWORD = 'load bench passphrase';
const base = process.env.BENCH_DATA_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const dataDir = mkdtempSync(join(base, 'rapport-load-'));

/** Starts a child process and resolves with the URL it prints. */
function startProcess(args, env, pattern) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const m = pattern.exec(output);
      if (m) resolve({ url: m[1].replace('localhost', '127.0.0.1'), child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // BENCH_SHOW_SERVER=1 passes the server's own output through (its warnings, a profiler's notes).
    if (process.env.BENCH_SHOW_SERVER) child.stderr.pipe(process.stderr);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const post = (url, path, fields, cookie = '') =>
  fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, cookie },
    body: new URLSearchParams(fields).toString(),
  });

function answersFrom(html) {
  const fields = {};
  for (const tag of html.match(/<input[^>]*>/g) ?? []) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1];
    if (name && value !== undefined && /type="(radio|hidden)"/.test(tag)) fields[name] = value;
  }
  return fields;
}

// At a fixed rate autocannon paces each connection on its own, and their ticks line up: 32
// connections at 100/s arrive as bursts of 32, and the latency measured is mostly the burst
// queueing behind itself. One connection per 50 requests a second keeps the pace close to even;
// the unthrottled runs keep 32 connections to find the ceiling.
const connectionsFor = (rate) => (rate ? Math.max(1, Math.min(32, Math.ceil(rate / 50))) : 32);

/**
 * CPU time (user + system, ms) a process has used, from /proc (Linux); null elsewhere. Throughput on
 * a shared 2-core machine moves with whatever else runs; the server's CPU per request does not, so
 * it is the figure to compare between changes.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (clock ticks, 100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function run(opts, pid) {
  const before = cpuMs(pid);
  return new Promise((resolve, reject) => {
    autocannon({ connections: connectionsFor(opts.overallRate), duration: SECONDS, ...opts }, (err, result) => {
      if (err) return reject(err);
      const after = cpuMs(pid);
      const cpu = before === null || after === null ? null : after - before;
      resolve({
        ...result,
        cpuMsPerRequest: cpu === null || !result.requests.total ? null : cpu / result.requests.total,
      });
    });
  });
}

const rows = [];
function report(name, rate, r, okCode) {
  const ok = r.statusCodeStats?.[okCode]?.count ?? 0;
  const row = {
    route: name,
    rate: rate ? `${rate}/s` : 'max',
    'req/s': Math.round(r.requests.average),
    ok: `${ok}/${r.requests.total}`,
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    'server CPU ms/req': r.cpuMsPerRequest === null ? '—' : r.cpuMsPerRequest.toFixed(2),
    errors: r.errors + r.timeouts,
  };
  rows.push(row);
  console.log(Object.values(row).join('  '));
}

const bare = await startProcess(
  [
    '--input-type=module',
    '-e',
    `import { Hono } from 'hono'; import { serve } from '@hono/node-server';
     const app = new Hono(); app.get('/', (c) => c.text('ok'));
     serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (i) => console.log('bare at http://127.0.0.1:' + i.port));`,
  ],
  {},
  /bare at (http:\/\/\S+)/,
);
const server = await startProcess(
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server alone.
  [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), bin, 'serve', '--demo'],
  {
    PORT: '0',
    HOST: '127.0.0.1',
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  },
  /running at (http:\/\/\S+)/,
);

try {
  const url = server.url;
  const login = await post(url, '/login', { email: 'demo@rapport.example', password: PASSWORD });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => /^rapport_session=.+/.test(c));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(
    await (await fetch(`${url}/clients`, { headers: { cookie } })).text(),
  )[1];
  // Submissions are spread over many clients, as in a practice: one client answering
  // thousands of times would measure a caseload no one has (signals are recomputed
  // from the client's own history on every submission).
  const episodes = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const created = await post(
      url,
      '/clients',
      { _csrf: csrf, code: `LOAD-${String(i + 1).padStart(4, '0')}` },
      cookie,
    );
    const clientPath = created.headers.get('location');
    await post(url, `${clientPath}/episodes`, { _csrf: csrf }, cookie);
    const page = await (await fetch(`${url}${clientPath}`, { headers: { cookie } })).text();
    episodes.push(/action="\/episodes\/([^/]+)\/check-links"/.exec(page)[1]);
  }

  const needed = (RATES.reduce((n, r) => n + r, 0) + MAX_SUBMISSIONS_PER_S) * SECONDS + 200;
  const t0 = performance.now();
  const tokens = [];
  while (tokens.length < needed) {
    const batch = await Promise.all(
      Array.from({ length: 64 }, async (_, k) => {
        const episodeId = episodes[(tokens.length + k) % episodes.length];
        const res = await post(url, `/episodes/${episodeId}/check-links`, { _csrf: csrf }, cookie);
        return /\/c\/([A-Za-z0-9_-]{43})"/.exec(await res.text())?.[1];
      }),
    );
    tokens.push(...batch.filter(Boolean));
  }
  const answers = new URLSearchParams(answersFrom(await (await fetch(`${url}/c/${tokens[0]}`)).text())).toString();
  console.log(
    `\nStore: SQLite (WAL, synchronous=FULL) in ${base}; ${tokens.length} links over ${CLIENTS} clients issued in ${Math.round(performance.now() - t0)} ms`,
  );
  console.log(`Each run ${SECONDS} s on loopback; 32 connections unthrottled, one per 50 req/s at a fixed rate.\n`);
  console.log('route  rate  req/s  ok/total  p50 ms  p99 ms  server-CPU-ms/req  errors');

  if (ROUTES.has('bare')) {
    report('bare Hono GET /', 0, await run({ url: bare.url }, bare.child.pid), '200');
    for (const rate of RATES) {
      report('bare Hono GET /', rate, await run({ url: bare.url, overallRate: rate }, bare.child.pid), '200');
    }
  }

  if (ROUTES.has('clients')) {
    report('GET /clients', 0, await run({ url: `${url}/clients`, headers: { cookie } }, server.child.pid), '200');
    for (const rate of RATES) {
      const r = await run({ url: `${url}/clients`, headers: { cookie }, overallRate: rate }, server.child.pid);
      report('GET /clients', rate, r, '200');
    }
  }

  let next = 0;
  for (const rate of ROUTES.has('submit') ? [0, ...RATES] : []) {
    const r = await run(
      {
        url,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
            body: answers,
            setupRequest: (req) => ({ ...req, path: `/c/${tokens[next++ % tokens.length]}` }),
          },
        ],
        ...(rate ? { overallRate: rate } : {}),
      },
      server.child.pid,
    );
    report('POST /c/:token', rate, r, '303');
  }
  console.log('');
  console.table(rows);
  const find = (route, rate) => rows.find((r) => r.route === route && r.rate === rate);
  const bareMax = find('bare Hono GET /', 'max')?.['req/s'] ?? 0;
  const share = (route) => {
    const max = find(route, 'max')?.['req/s'];
    return max === undefined || !bareMax ? 'not run' : `${String(Math.round((100 * max) / bareMax))}%`;
  };
  const submitMax = find('POST /c/:token', 'max');
  const submit500 = find('POST /c/:token', '500/s');
  // The goals of issue 9, beside what this run measured.
  console.log(`Submissions at most: ${String(submitMax?.['req/s'] ?? 'not run')}/s (goal ≥ 2 000/s).`);
  console.log(`Submissions offered 500/s: p99 ${String(submit500?.['p99 ms'] ?? 'not run')} ms (goal ≤ 25 ms).`);
  console.log(
    `Share of the bare endpoint's throughput: submissions ${share('POST /c/:token')}, GET /clients ${share('GET /clients')} (goal ≥ 30%).`,
  );
} finally {
  server.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
  // Let the server close its store (and write a CPU profile, when asked for one).
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
