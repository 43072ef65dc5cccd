/**
 * Test support (not part of the build): a Hono app over a real store, and a
 * small "browser" that keeps cookies and sends same-origin form posts, so
 * route tests run through every middleware without opening a port.
 */
import { pino } from 'pino';
import type { ClientId, PracticeId, User } from '@rapport/core';
import type { KyselyStore, StoredSignal } from '@rapport/storage';
import { createApp, signalKeeperFor } from '../app.js';
import type { AppDeps, Clock, Deps } from '../context.js';
import { Keyring, masterKeyFromSecret } from '../crypto/index.js';
import { loadInstrumentsOnce } from '../instruments/library.js';

export const ORIGIN = 'http://localhost';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  #now: Date;
  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

/** A fixed master secret for tests only; derived once per test file, as scrypt takes a moment. */
export const TEST_MASTER_KEY = masterKeyFromSecret('rapport test secret: never for real records');

/** The keyring a test app uses, over the test's own store. */
export const testKeyring = (store: KyselyStore, clock: Clock = new TestClock()): Keyring =>
  new Keyring(store.record, TEST_MASTER_KEY, clock);

export function testApp(store: KyselyStore, clock: Clock = new TestClock()) {
  const deps: AppDeps = {
    store,
    clock,
    logger: pino({ level: 'silent' }),
    config: { secureCookies: false, publicUrl: null, trustProxy: false },
    keys: testKeyring(store, clock),
    instruments: loadInstrumentsOnce(),
  };
  // The app's signal keeper, so tests can settle signals before reading them from the store.
  const withKeeper: Deps = { ...deps, signals: signalKeeperFor(deps) };
  return { app: createApp(withKeeper), deps: withKeeper };
}

export type TestApp = ReturnType<typeof testApp>;

/** The client's stored signals once the app's keeper has recomputed what their answers made due. */
export async function storedSignals(t: TestApp, practiceId: PracticeId, clientId: ClientId): Promise<StoredSignal[]> {
  await t.deps.signals.settle(practiceId);
  return t.deps.store.measures.listSignals(practiceId, clientId);
}
type App = TestApp['app'];

export class TestBrowser {
  readonly #app: App;
  readonly #cookies = new Map<string, string>();
  constructor(app: App) {
    this.#app = app;
  }

  async get(path: string): Promise<Response> {
    return this.#send(path, { method: 'GET' });
  }

  /** A form post as a browser sends it from one of our pages. */
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.#send(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    });
  }

  async raw(path: string, init: RequestInit): Promise<Response> {
    return this.#send(path, init);
  }

  /** The CSRF token from the last page that had a form. */
  static csrfFrom(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m?.[1]) throw new Error('no CSRF token on the page');
    return m[1];
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.#app.request(`${ORIGIN}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (value === '' || /max-age=0/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return res;
  }
}

/** Signs up a practice and returns a signed-in browser with its CSRF token. */
export async function signUp(
  app: App,
  practiceName: string,
  email: string,
): Promise<{ browser: TestBrowser; csrf: string }> {
  const browser = new TestBrowser(app);
  const res = await browser.post('/signup', {
    practiceName,
    name: `Therapist of ${practiceName}`,
    email,
    password: 'a long enough passphrase',
  });
  if (res.status !== 303) throw new Error(`sign-up failed with ${String(res.status)}`);
  const page = await browser.get('/clients');
  return { browser, csrf: TestBrowser.csrfFrom(await page.text()) };
}

/** A signed-in practice admin with the ids the pages do not show: their practice's and their own. */
export interface SignedUpPractice {
  readonly browser: TestBrowser;
  readonly csrf: string;
  readonly practiceId: PracticeId;
  readonly user: User;
}

/** Signs up a practice as `signUp` does, then reads from the store who signed up. */
export async function signUpPractice(t: TestApp, practiceName: string, email: string): Promise<SignedUpPractice> {
  const { browser, csrf } = await signUp(t.app, practiceName, email);
  const login = await t.deps.store.findLogin(email);
  if (!login) throw new Error(`sign-up left no login for ${email}`);
  return { browser, csrf, practiceId: login.user.practiceId, user: login.user };
}

/**
 * A signed-up practice with one client in an open episode, and a browser of the client's own
 * (no cookies) for the links the therapist sends.
 */
export async function practiceWithClient(t: TestApp, practiceName: string, email: string, code: string) {
  const p = await signUpPractice(t, practiceName, email);
  const ids = await clientWithEpisode(p.browser, p.csrf, code);
  return { ...p, ...ids, client: new TestBrowser(t.app) };
}

/** Creates a client (with a name if given) and an open episode; returns their ids as the pages reveal them. */
export async function clientWithEpisode(
  browser: TestBrowser,
  csrf: string,
  code: string,
  displayName?: string,
): Promise<{ clientId: string; episodeId: string }> {
  const created = await browser.post('/clients', {
    _csrf: csrf,
    code,
    ...(displayName === undefined ? {} : { displayName }),
  });
  const clientPath = created.headers.get('location') ?? '';
  const clientId = clientPath.split('/').pop() ?? '';
  await browser.post(`${clientPath}/episodes`, { _csrf: csrf });
  const page = await (await browser.get(clientPath)).text();
  const m = /action="\/episodes\/([^/]+)\/check-links"/.exec(page);
  if (!m?.[1]) throw new Error('no open episode on the client page');
  return { clientId, episodeId: m[1] };
}

/** Gives the client their home link; returns its path (/h/…) and the response, for its headers. */
export async function giveHome(
  browser: TestBrowser,
  csrf: string,
  episodeId: string,
): Promise<{ path: string; response: Response }> {
  const response = await browser.post(`/episodes/${episodeId}/home-link`, { _csrf: csrf });
  const m = /value="http:\/\/localhost(\/h\/[A-Za-z0-9_-]{43})"/.exec(await response.text());
  if (!m?.[1]) throw new Error(`no home link (status ${String(response.status)})`);
  return { path: m[1], response };
}

/**
 * Issues a check link and returns its path (/c/…). Without `choice` it is the default:
 * the relationship check, after the session, for the client's age group.
 */
export async function issueLink(
  browser: TestBrowser,
  csrf: string,
  episodeId: string,
  choice: { readonly instrumentId?: string; readonly moment?: string; readonly audience?: string } = {},
): Promise<string> {
  const res = await browser.post(`/episodes/${episodeId}/check-links`, { _csrf: csrf, ...choice });
  const m = /value="http:\/\/localhost(\/c\/[^"]+)"/.exec(await res.text());
  if (!m?.[1]) throw new Error(`no link on the page (status ${String(res.status)})`);
  return m[1];
}

/** The session relationship check: seven ratings with a mean of 7.0, no tension. */
export const RELATIONSHIP_ANSWERS: Readonly<Record<string, string>> = {
  bond: '7',
  goals: '8',
  approach: '6',
  understood: '7',
  respected: '7',
  genuine: '7',
  overall: '7',
  'more-or-less': '',
  tension: 'no',
};
