import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countRows, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { BODY_LIMIT_BYTES } from './app.js';
import { ORIGIN, TestBrowser, signUp, testApp } from './testing/harness.js';

const NASTY = [`Robert'); DROP TABLE client;--`, '<script>alert("x")</script>', '"><img src=x onerror=alert(1)>'];

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`bad input and security edges on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const countClients = (): Promise<number> => countRows(opened.store, 'client');

    it('sends a strict Content-Security-Policy and the other security headers on every page', async () => {
      const res = await new TestBrowser(t.app).get('/login');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).not.toMatch(/<script|style="/);
    });

    it('sets an HttpOnly, SameSite=Lax session cookie and rotates it on sign-in', async () => {
      const { browser } = await signUp(t.app, 'Cookie Practice', 'cookie@example.org');
      const signIn = await browser.post('/login', {
        email: 'cookie@example.org',
        password: 'a long enough passphrase',
      });
      expect(signIn.status).toBe(303);
      const cookie = signIn.headers
        .getSetCookie()
        .find((c) => c.startsWith('rapport_session=') && !/Max-Age=0/i.test(c));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      // The sign-up session was deleted when the new one started: one session row remains for this user.
      const login = await opened.store.findLogin('cookie@example.org');
      const rows = await opened.store.db
        .selectFrom('auth_session')
        .selectAll()
        .where('user_id', '=', login?.user.id ?? '')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('refuses a wrong password with 401 and the same message as an unknown email', async () => {
      await signUp(t.app, 'Pw Practice', 'pw@example.org');
      const wrong = await new TestBrowser(t.app).post('/login', {
        email: 'pw@example.org',
        password: 'not the password at all',
      });
      const unknown = await new TestBrowser(t.app).post('/login', {
        email: 'nobody@example.org',
        password: 'whatever it is',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const message = 'The email address or password is not right.';
      expect(await wrong.text()).toContain(message);
      expect(await unknown.text()).toContain(message);
    });

    it('signs out: the old session no longer opens client pages', async () => {
      const { browser, csrf } = await signUp(t.app, 'Out Practice', 'out@example.org');
      expect((await browser.post('/logout', { _csrf: csrf })).status).toBe(200);
      expect((await browser.get('/clients')).status).toBe(303);
    });

    it('refuses cross-site and header-less form posts (Origin check)', async () => {
      const { browser, csrf } = await signUp(t.app, 'Csrf Practice', 'csrf@example.org');
      const before = await countClients();
      const cross = await browser.post('/clients', { _csrf: csrf, code: 'X-1' }, { origin: 'https://evil.example' });
      expect(cross.status).toBe(403);
      const bare = await browser.raw('/clients', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, code: 'X-2' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(bare.status).toBe(403);
      expect(await countClients()).toBe(before);
    });

    it('refuses a same-origin form post without the session’s token', async () => {
      const { browser } = await signUp(t.app, 'Token Practice', 'token@example.org');
      const before = await countClients();
      expect((await browser.post('/clients', { code: 'T-1' })).status).toBe(403);
      expect((await browser.post('/clients', { code: 'T-2', _csrf: 'forged' })).status).toBe(403);
      expect(await countClients()).toBe(before);
    });

    it('refuses an oversized body with 413 before reading it, writing nothing', async () => {
      const { browser, csrf } = await signUp(t.app, 'Big Practice', 'big@example.org');
      const before = await countClients();
      const res = await browser.post('/clients', {
        _csrf: csrf,
        code: 'BIG-1',
        displayName: 'x'.repeat(BODY_LIMIT_BYTES + 1),
      });
      expect(res.status).toBe(413);
      expect(await countClients()).toBe(before);
    });

    it('answers malformed bodies, repeated fields and wrong content types with a 4xx page', async () => {
      const { browser, csrf } = await signUp(t.app, 'Odd Practice', 'odd@example.org');
      const before = await countClients();
      const repeated = await browser.raw('/clients', {
        method: 'POST',
        body: `_csrf=${csrf}&code=A-1&code=A-2`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      });
      expect(repeated.status).toBe(422);
      const json = await browser.raw('/clients', {
        method: 'POST',
        body: JSON.stringify({ code: 'J-1' }),
        headers: { 'content-type': 'application/json', origin: ORIGIN },
      });
      expect(json.status).toBe(422);
      const broken = await browser.raw('/clients', {
        method: 'POST',
        body: '--b\r\nContent-Disposition: form-data; name="code"\r\n\r\nM-1',
        headers: { 'content-type': 'multipart/form-data; boundary=b', origin: ORIGIN },
      });
      expect(broken.status).toBeGreaterThanOrEqual(400);
      expect(broken.status).toBeLessThan(500);
      expect(await countClients()).toBe(before);
    });

    it.each(NASTY)(
      'treats %s in every text field as text: refused or stored verbatim, always escaped',
      async (nasty) => {
        const email = `n${String(NASTY.indexOf(nasty))}@example.org`;
        const signup = await new TestBrowser(t.app).post('/signup', {
          practiceName: nasty,
          name: nasty,
          email,
          password: 'a long enough passphrase',
        });
        expect(signup.status).toBe(303);
        const browser = new TestBrowser(t.app);
        await browser.post('/login', { email, password: 'a long enough passphrase' });
        const list = await browser.get('/clients');
        const html = await list.text();
        expect(html).not.toContain(nasty);
        const token = TestBrowser.csrfFrom(html);

        const badCode = await browser.post('/clients', { _csrf: token, code: nasty });
        expect(badCode.status).toBe(422);
        expect(await badCode.text()).not.toContain(nasty);

        const named = await browser.post('/clients', { _csrf: token, code: 'SAFE-1', displayName: nasty });
        expect(named.status).toBe(303);
        const page = await (await browser.get(named.headers.get('location') ?? '')).text();
        expect(page).not.toContain(nasty);
        const stored = await opened.store.db
          .selectFrom('client')
          .select('display_name')
          .where('code', '=', 'SAFE-1')
          .execute();
        expect(stored.map((r) => r.display_name)).toContain(nasty);
      },
    );

    it('answers an unknown page with a 404 page, not an error', async () => {
      const res = await new TestBrowser(t.app).get('/no/such/page');
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Page not found');
    });
  });
}
