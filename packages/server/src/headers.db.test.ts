import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { createApp } from './app.js';
import { TestClock, testKeyring } from './testing/harness.js';

const PAGES = ['/login', '/signup', '/guide', '/c/thanks', '/no-such-page', '/assets/app.css'];

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`security headers and cookies on ${database.label}`, () => {
    let opened: OpenedTestStore;
    const appWith = (secureCookies: boolean) =>
      createApp({
        store: opened.store,
        clock: new TestClock(),
        logger: pino({ level: 'silent' }),
        config: { secureCookies, publicUrl: null, trustProxy: false },
        keys: testKeyring(opened.store),
      });

    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('sends a CSP without unsafe-inline, frame-ancestors none, and a Permissions-Policy on every response', async () => {
      const app = appWith(false);
      for (const path of PAGES) {
        const res = await app.request(`http://localhost${path}`);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).toContain("object-src 'none'");
        expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
        const permissions = res.headers.get('permissions-policy') ?? '';
        for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()']) {
          expect(permissions, path).toContain(feature);
        }
        expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      }
    });

    it('sends HSTS only when served over HTTPS', async () => {
      const plain = await appWith(false).request('http://localhost/login');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      const secure = await appWith(true).request('https://localhost/login');
      expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains/);
    });

    it('marks the session cookie Secure with the __Host- prefix under HTTPS, and HttpOnly, SameSite=Lax always', async () => {
      const res = await appWith(true).request('https://localhost/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost' },
        body: new URLSearchParams({
          practiceName: 'Secure practice',
          name: 'Sam Secure',
          email: 'secure-cookie@example.org',
          password: 'kettle orchard violet tram',
        }).toString(),
      });
      expect(res.status).toBe(303);
      const cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('__Host-rapport_session=') && !/Max-Age=0/.test(c));
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/);
    });
  });
}
