import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generate } from 'otplib';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { hashPassword } from './auth/password.js';
import { TestBrowser, TestClock, clientWithEpisode, signUp, testApp } from './testing/harness.js';

const PASSWORD = 'a long enough passphrase';

const codeAt = (secret: string, clock: TestClock): Promise<string> =>
  generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

const secretFrom = (html: string): string => {
  const m = /Key: <code>([A-Z2-7]+)<\/code>/.exec(html);
  if (!m?.[1]) throw new Error('no key on the set-up page');
  return m[1];
};

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`access security on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let clock: TestClock;

    beforeAll(async () => {
      opened = await database.open();
      clock = new TestClock();
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** Signs up, enrols two-factor through the pages, and returns the secret and recovery codes. */
    async function enrolled(email: string) {
      const a = await signUp(t.app, `Practice ${email}`, email);
      const setup = await a.browser.post('/account/two-factor/setup', { _csrf: a.csrf });
      expect(setup.status).toBe(200);
      const html = await setup.text();
      expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const secret = secretFrom(html);
      const done = await a.browser.post('/account/two-factor/confirm', {
        _csrf: a.csrf,
        code: await codeAt(secret, clock),
      });
      expect(done.status).toBe(200);
      const codes = [...(await done.text()).matchAll(/<li><code>([a-z2-9-]{14})<\/code><\/li>/g)].map(
        (m) => m[1] ?? '',
      );
      return { ...a, secret, codes };
    }

    it('refuses a common password at sign-up with a clear message', async () => {
      const res = await new TestBrowser(t.app).post('/signup', {
        practiceName: 'Weak',
        name: 'Wendy Weak',
        email: 'weak@example.org',
        password: 'Password1234!',
      });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('This password is common or follows an easy pattern');
    });

    it('locks an account out after five wrong passwords from one address, and tells the caller plainly', async () => {
      await signUp(t.app, 'Throttle', 'throttle@example.org');
      const stranger = new TestBrowser(t.app);
      for (let i = 0; i < 5; i += 1) {
        expect(
          (await stranger.post('/login', { email: 'throttle@example.org', password: `wrong ${String(i)}` })).status,
        ).toBe(401);
      }
      const locked = await stranger.post('/login', { email: 'throttle@example.org', password: PASSWORD });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
      expect(await locked.text()).toContain('Too many attempts to sign in. Please wait 5 minutes');
      // Another account from the same address is unaffected.
      await signUp(t.app, 'Other', 'throttle-other@example.org');
      expect((await stranger.post('/login', { email: 'throttle-other@example.org', password: PASSWORD })).status).toBe(
        303,
      );
    });

    it('enrols two-factor with an SVG QR code and ten recovery codes, rotating the session', async () => {
      const a = await signUp(t.app, 'Rotate', 'rotate@example.org');
      const before = await opened.store.db.selectFrom('auth_session').select('token_hash').execute();
      const setup = await (await a.browser.post('/account/two-factor/setup', { _csrf: a.csrf })).text();
      const secret = secretFrom(setup);
      const done = await a.browser.post('/account/two-factor/confirm', {
        _csrf: a.csrf,
        code: await codeAt(secret, clock),
      });
      const codes = [...(await done.text()).matchAll(/<li><code>([a-z2-9-]{14})<\/code><\/li>/g)];
      expect(codes).toHaveLength(10);
      const after = await opened.store.db.selectFrom('auth_session').select('token_hash').execute();
      const fresh = after.filter((r) => !before.some((b) => b.token_hash === r.token_hash));
      expect(fresh).toHaveLength(1);
      expect(after).toHaveLength(before.length);
      expect((await a.browser.get('/clients')).status).toBe(200);
    });

    it('asks for the code after the password, accepts each code once, and each recovery code once', async () => {
      const { secret, codes } = await enrolled('twostep@example.org');
      clock.advance(60_000);
      const b = new TestBrowser(t.app);
      const pw = await b.post('/login', { email: 'twostep@example.org', password: PASSWORD });
      expect(pw.headers.get('location')).toBe('/login/two-factor');
      // No session yet: the client list is closed.
      expect((await b.get('/clients')).headers.get('location')).toBe('/login');
      expect((await b.post('/login/two-factor', { code: '000000' })).status).toBe(401);
      const code = await codeAt(secret, clock);
      const ok = await b.post('/login/two-factor', { code });
      expect(ok.headers.get('location')).toBe('/clients');
      expect((await b.get('/clients')).status).toBe(200);

      // The same code again, from another browser, is refused: replay blocked by the stored time step.
      const replay = new TestBrowser(t.app);
      await replay.post('/login', { email: 'twostep@example.org', password: PASSWORD });
      expect((await replay.post('/login/two-factor', { code })).status).toBe(401);
      const recovery = codes[0] ?? '';
      expect((await replay.post('/login/two-factor', { code: recovery.toUpperCase() })).status).toBe(303);

      const again = new TestBrowser(t.app);
      await again.post('/login', { email: 'twostep@example.org', password: PASSWORD });
      expect((await again.post('/login/two-factor', { code: recovery })).status).toBe(401);
    });

    it('lets the practice administrator require two-factor, and holds everyone else at set-up until they comply', async () => {
      const admin = await signUp(t.app, 'Strict', 'strict-admin@example.org');
      const practiceId = (await opened.store.findLogin('strict-admin@example.org'))?.user.practiceId;
      if (!practiceId) throw new Error('no practice');
      await opened.store.addUser(
        practiceId,
        { email: 'strict-t@example.org', name: 'Theo', role: 'therapist', passwordHash: await hashPassword(PASSWORD) },
        clock.now().toISOString(),
      );
      const therapist = new TestBrowser(t.app);
      await therapist.post('/login', { email: 'strict-t@example.org', password: PASSWORD });
      const page = await therapist.get('/clients');
      const csrf = TestBrowser.csrfFrom(await page.text());
      // A therapist may not change the practice's settings or read its audit log.
      expect((await therapist.get('/practice/security')).status).toBe(403);
      expect((await therapist.get('/practice/audit')).status).toBe(403);
      expect((await therapist.post('/practice/security', { _csrf: csrf, requireTwoFactor: 'yes' })).status).toBe(403);

      expect(
        (await admin.browser.post('/practice/security', { _csrf: admin.csrf, requireTwoFactor: 'yes' })).status,
      ).toBe(303);
      expect(await opened.store.security.requiresTwoFactor(practiceId)).toBe(true);
      expect((await therapist.get('/clients')).headers.get('location')).toBe('/account/two-factor');
      expect((await therapist.post('/clients', { _csrf: csrf, code: 'X-1' })).status).toBe(403);
      expect(await (await therapist.get('/account/two-factor')).text()).toContain(
        'Your practice requires two-step sign-in',
      );
    });

    it('changes a password only with the current one, refusing a common new one', async () => {
      const a = await signUp(t.app, 'Change', 'change@example.org');
      const wrong = await a.browser.post('/account/password', {
        _csrf: a.csrf,
        current: 'nope',
        password: 'kettle orchard violet tram',
      });
      expect(wrong.status).toBe(422);
      const weak = await a.browser.post('/account/password', {
        _csrf: a.csrf,
        current: PASSWORD,
        password: 'qwertyuiop12',
      });
      expect(weak.status).toBe(422);
      expect(await weak.text()).toContain('too easy to guess');
      const good = await a.browser.post('/account/password', {
        _csrf: a.csrf,
        current: PASSWORD,
        password: 'kettle orchard violet tram',
      });
      expect(good.status).toBe(303);
      expect(
        (await new TestBrowser(t.app).post('/login', { email: 'change@example.org', password: PASSWORD })).status,
      ).toBe(401);
      expect(
        (
          await new TestBrowser(t.app).post('/login', {
            email: 'change@example.org',
            password: 'kettle orchard violet tram',
          })
        ).status,
      ).toBe(303);
    });

    it('shows the practice administrator who opened which client record, when and from where, paged', async () => {
      const a = await signUp(t.app, 'Audited', 'audited@example.org');
      const { clientId } = await clientWithEpisode(a.browser, a.csrf, 'AUD-1');
      for (let i = 0; i < 60; i += 1) {
        clock.advance(1000);
        await a.browser.get(`/clients/${clientId}`);
      }
      const first = await (await a.browser.get('/practice/audit')).text();
      expect(first).toContain('Opened the client record');
      expect(first).toContain(`<a href="/clients/${clientId}">AUD-1</a>`);
      expect(first).toContain('Therapist of Audited');
      expect(first).toContain('href="/practice/audit?page=2"');
      const second = await (await a.browser.get('/practice/audit?page=2')).text();
      expect(second).toContain('Added the client');
      expect((await a.browser.get('/practice/audit?page=0')).status).toBe(404);
      expect((await a.browser.get('/practice/audit?page=abc')).status).toBe(404);
    });
  });
}
