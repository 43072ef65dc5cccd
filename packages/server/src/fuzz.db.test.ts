import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { countRows, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { BODY_LIMIT_BYTES } from './app.js';
import { ORIGIN, testApp } from './testing/harness.js';
import { startServer, type RunningServer } from './serve.js';
import { buildWorld, type World } from './testing/roles.js';

/**
 * Property-based fuzzing of every route, two requests in three through `app.request()` and the
 * third over real HTTP to a running server (half of those with chunked bodies): malformed
 * bodies, odd encodings, huge values, hostile headers and injection strings.
 * Properties: never a 5xx, never an injection string reflected unescaped, and
 * a refused request (4xx) writes no clinical or account row.
 */

// Each carries a marker (fz) so a reflection is unmistakable.
const INJECTIONS = [
  '<script>fz()</script>',
  '"><img src=x onerror=fz()>',
  "'><svg onload=fz()>",
  "Robert'); DROP TABLE client;-- fz",
  '${fz}{{fz}}<%= fz %>',
  '../../../../etc/passwd\u0000fz',
  '\u202e\ufeff\ud800fz',
  'javascript:fz()',
  '%00%0d%0aSet-Cookie:fz=1',
];
const UNESCAPED = ['<script>fz', '<img src=x onerror=fz', '<svg onload=fz', 'Set-Cookie:fz'];

const FIELDS = [
  '_csrf',
  'email',
  'password',
  'code',
  'displayName',
  'name',
  'practiceName',
  'requireTwoFactor',
  'current',
  'bond',
  'goals',
  'approach',
  'overall',
  'instrumentId',
  'audience',
  'moment',
  'settings',
  'clauses',
  'question',
  'signedName',
  'heldOn',
  'modality',
  'attendance',
  'minutes',
  'text',
  'kind',
  'occurredOn',
  'description',
  'principles',
  'clientCode',
  'secret',
  'again',
  'revision',
  'note',
  'series',
  'point',
  'visibility',
  'sessionsLeft',
  'endOn',
  'endedOn',
  'reason',
  'months',
  'role',
  'episodeId',
  'supervisorId',
  'superviseeId',
  'journalEntryId',
  'signal',
  // The client's voice: what a carer may see, a comment and when it is read.
  'sharing',
  'more-or-less',
  'comment-hold',
];

const value = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.constantFrom('', ' ', '10', '-1', '1e308', 'NaN', '0x10', 'true', '[]', '{}'),
  fc.nat({ max: 3 }).map((k) => 'x'.repeat([300, 5_000, 40_000, 70_000][k] ?? 1)),
);

const formBody = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value), { maxLength: 8 })
  .map((pairs) => new URLSearchParams(pairs).toString());

const rawBody = fc.oneof(
  formBody,
  fc.constantFrom('%', '%E0%A4%A', 'a=%ZZ&b=%', '=&=&&', 'a=1&a=2&a=3', '\u0000\u0001', '{"email":"a@b.c"}'),
  fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant(`--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nfz\r\n--b--\r\n`),
  fc.constant(`--b\r\nContent-Disposition: form-data; name="`),
);

const contentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-16',
  'multipart/form-data; boundary=b',
  'multipart/form-data',
  'text/plain',
  'application/json',
  '',
  '\u00e9/\u00e9',
);

const extraHeaders = fc.record(
  {
    origin: fc.constantFrom(ORIGIN, 'https://evil.example', 'null', ''),
    cookie: fc.constantFrom('rapport_session=' + 'A'.repeat(300), 'rapport_session=;;;', 'rapport_pending=x', '=', 'a'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '<script>fz()</script>', 'x'.repeat(500)),
    'accept-language': fc.constantFrom(...INJECTIONS),
    'content-length': fc.constantFrom('0', '99999999', '-1'),
  },
  { requiredKeys: [] },
);

/**
 * Sends a request over real HTTP, with its length declared or (`chunked`, when no length is set)
 * in chunks; the answer as a web Response, as `app.request()` gives.
 */
function overHttp(
  url: string,
  method: string,
  headers: Headers,
  body: string | undefined,
  chunked: boolean,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const sent: Record<string, string> = {};
    headers.forEach((value, name) => {
      sent[name] = value;
    });
    const req = httpRequest(url, { method, headers: sent });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : [value ?? '']) out.append(name, v);
        }
        const status = res.statusCode ?? 0;
        resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on('error', reject);
    if (chunked && body !== undefined) {
      // A first write before `end` sends Transfer-Encoding: chunked.
      req.write(body.slice(0, body.length >> 1));
      req.end(body.slice(body.length >> 1));
    } else req.end(body);
  });
}

type Case = {
  route: string;
  role: 'anonymous' | 'admin' | 'link' | 'home';
  fuzzParams: boolean;
  paramValue: string;
  query: string;
  withCsrf: boolean;
  contentType: string;
  body: string;
  headers: Record<string, string>;
};

/** Percent-encodes, sending a lone surrogate as the invalid UTF-8 bytes a hostile client would. */
const enc = (v: string): string => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

const COUNTED = [
  'practice',
  'app_user',
  'client',
  'episode',
  'check_link',
  'administration',
  'contract_version',
  'episode_session',
  'session_note',
  'boundary_event',
  'journal_entry',
  'client_home',
  'client_goal',
  'client_goal_wording',
  'client_goal_rating',
  'progress_note',
  'episode_ending',
  'deferred_link',
  'carer_sharing',
  'carer_link',
  'carer_response',
  'phone_entry',
  'client_contact',
  'supervision_link',
  'supervision_item',
  'password_change_due',
] as const;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`fuzzing every route on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let world: World;
    let server: RunningServer;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store);
      world = await buildWorld(t.app, opened.store, 'fz');
      server = await startServer(t.deps, 0, '127.0.0.1');
    });
    afterAll(async () => {
      await server.close();
      await opened.dispose();
    });

    const counts = async (): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const table of COUNTED) out[table] = await countRows(opened.store, table);
      return out;
    };

    /** Fills a route's parameters with practice A's real ids, or with the fuzz value. */
    const pathFor = (route: string, c: Case): string => {
      const path = route.split(' ')[1] ?? '/';
      return path.replace(/:(\w+)/g, (_m, name: string) => {
        if (c.fuzzParams) return enc(c.paramValue);
        const real: Record<string, string> = {
          clientId: world.clientId,
          // Giving a home link on the world's episode would end the `home` role's session.
          episodeId: path.includes('/home-link') ? world.home.spareEpisodeId : world.episodeId,
          version: '1',
          chapter: 'alliance',
          questionId: 'alliance-what-is-it',
          signal: 'rupture',
          token: path.startsWith('/a/')
            ? world.agreementToken
            : path.startsWith('/h/')
              ? world.home.token
              : path.startsWith('/carer/')
                ? world.voice.carerToken
                : path.startsWith('/p/')
                  ? world.voice.phoneToken
                  : world.checkToken,
          goalId: world.home.goalId,
          linkId: world.home.checkLinkId,
          superviseeId: world.supervision.superviseeId,
          itemId: world.supervision.itemId,
        };
        return real[name] ?? enc(c.paramValue);
      });
    };

    it('answers every malformed or hostile request without a 5xx, an unescaped reflection or a partial write', async () => {
      const routes = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
      const arb = fc.record({
        route: fc.constantFrom(...routes),
        role: fc.constantFrom('anonymous' as const, 'admin' as const, 'link' as const, 'home' as const),
        fuzzParams: fc.boolean(),
        paramValue: value,
        query: fc.oneof(
          fc.constant(''),
          value.map((v) => `?q=${enc(v)}&page=${enc(v)}`),
          fc.constant('?%'),
        ),
        withCsrf: fc.boolean(),
        contentType,
        body: rawBody,
        headers: extraHeaders,
      });
      let tried = 0;
      let overWire = 0;
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const method = c.route.split(' ')[0] ?? 'GET';
          const { cookie, csrf } = await world.credentials(c.role);
          const headers = new Headers();
          for (const [k, v] of Object.entries(c.headers)) {
            // A value no HTTP client could put on the wire (NUL, CR/LF) is left out, as Node itself would refuse it.
            // eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
            if (k !== 'content-length' && !/[\u0000\r\n]|[^\u0000-\u00ff]/.test(v)) headers.set(k, v);
          }
          if (cookie) headers.set('cookie', cookie);
          let body: string | undefined;
          if (method === 'POST') {
            body = c.withCsrf && csrf ? `_csrf=${csrf}&${c.body}` : c.body;
            if (c.contentType) headers.set('content-type', c.contentType);
            if (c.body.length > BODY_LIMIT_BYTES) headers.set('content-length', String(Buffer.byteLength(body)));
          }
          const before = method === 'POST' ? await counts() : null;
          const path = `${pathFor(c.route, c)}${c.query}`;
          let res: Response;
          if (tried % 3 === 2) {
            // The page's own origin is the server's here.
            if (headers.get('origin') === ORIGIN) headers.set('origin', server.url);
            res = await overHttp(`${server.url}${path}`, method, headers, body, tried % 6 === 5);
            overWire += 1;
          } else {
            const url = `${ORIGIN}${path}`;
            res = await t.app.request(url, body === undefined ? { method, headers } : { method, headers, body });
          }
          const text = await res.text();
          tried += 1;
          expect(res.status, `${c.route} → ${String(res.status)}`).toBeLessThan(500);
          // Markup matters where a browser parses markup: JSON (with nosniff) may carry the string as data.
          if (/^text\/html/.test(res.headers.get('content-type') ?? '')) {
            for (const marker of UNESCAPED) expect(text, c.route).not.toContain(marker);
          }
          for (const h of res.headers.getSetCookie()) expect(h).not.toContain('fz');
          if (before && res.status >= 400) {
            expect(await counts(), `${c.route} wrote on ${String(res.status)}`).toEqual(before);
          }
        }),
        { numRuns: database.name === 'sqlite' ? 1500 : 500, interruptAfterTimeLimit: 60_000, seed: 20260302 },
      );
      console.log(
        `requests tried: ${String(tried)} (${String(overWire)} of them over HTTP; ${database.label}, ${String(routes.length)} routes)`,
      );
      expect(tried).toBeGreaterThan(100);
      expect(overWire).toBeGreaterThan(30);
    }, 120_000);
  });
}
