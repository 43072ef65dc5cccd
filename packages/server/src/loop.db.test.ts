import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import {
  TestBrowser,
  TestClock,
  clientWithEpisode,
  issueLink,
  signUp,
  testApp,
  RELATIONSHIP_ANSWERS,
} from './testing/harness.js';

const answers = RELATIONSHIP_ANSWERS;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client-to-therapist loop on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    const clock = new TestClock();

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('carries a client’s check to the therapist’s page as a score and an SVG chart', async () => {
      const { browser, csrf } = await signUp(t.app, 'Loop Practice', 'loop@example.org');
      const { clientId, episodeId } = await clientWithEpisode(browser, csrf, 'LP-1');
      const link = await issueLink(browser, csrf, episodeId);

      const client = new TestBrowser(t.app);
      const form = await client.get(link);
      expect(form.status).toBe(200);
      expect(form.headers.get('cache-control')).toBe('no-store');
      const formHtml = await form.text();
      expect(formHtml).toContain('Rapport measure — not validated');
      expect(formHtml).not.toMatch(/<script/i);

      const submitted = await client.post(link, answers);
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get('location')).toBe('/c/thanks');

      const page = await (await browser.get(`/clients/${clientId}`)).text();
      expect(page).toContain('<strong>7.0</strong>');
      expect(page).toMatch(/<svg[^>]*role="img"/);
      const audit = await opened.store.listAudit(
        (await opened.store.findLogin('loop@example.org'))!.user.practiceId,
        20,
      );
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['client.create', 'episode.open', 'check-link.issue', 'check.submit', 'client.read']),
      );
    });

    it('refuses a second submission of the same link politely and keeps the first answers', async () => {
      const { browser, csrf } = await signUp(t.app, 'Twice Practice', 'twice@example.org');
      const { clientId, episodeId } = await clientWithEpisode(browser, csrf, 'TW-1');
      const link = await issueLink(browser, csrf, episodeId);
      const client = new TestBrowser(t.app);
      expect((await client.post(link, answers)).status).toBe(303);

      const again = await client.post(link, { ...answers, bond: '0', goals: '0' });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('already been completed');
      expect((await client.get(link)).status).toBe(409);

      const page = await (await browser.get(`/clients/${clientId}`)).text();
      expect(page).toContain('<strong>7.0</strong>');
      expect(page).not.toContain('<strong>0.0</strong>');
    });

    it('keeps an invalid answer on the page with a clear message and stores nothing', async () => {
      const { browser, csrf } = await signUp(t.app, 'Partial Practice', 'partial@example.org');
      const { clientId, episodeId } = await clientWithEpisode(browser, csrf, 'PA-1');
      const link = await issueLink(browser, csrf, episodeId);
      const client = new TestBrowser(t.app);
      const res = await client.post(link, { bond: '7', goals: '99', approach: '<script>alert(1)</script>' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Some answers need another look');
      expect(html).toMatch(/value="7" checked/);
      expect(html).not.toContain('<script>alert(1)</script>');
      const page = await (await browser.get(`/clients/${clientId}`)).text();
      expect(page).toContain('No checks completed yet');
      // The link still works after a refused attempt.
      expect((await client.post(link, answers)).status).toBe(303);
    });

    it('tells the client when a link has expired, and never accepts it', async () => {
      const { browser, csrf } = await signUp(t.app, 'Expiry Practice', 'expiry@example.org');
      const { episodeId } = await clientWithEpisode(browser, csrf, 'EX-1');
      const link = await issueLink(browser, csrf, episodeId);
      clock.advance(7 * 24 * 60 * 60 * 1000);
      const client = new TestBrowser(t.app);
      expect((await client.get(link)).status).toBe(410);
      expect((await client.post(link, answers)).status).toBe(410);
    });

    it.each([
      ['/c/short', 404],
      ['/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 404],
      ["/c/'%20OR%201=1--", 404],
    ])('answers the unknown link %s with %i, not an error', async (path, status) => {
      const res = await new TestBrowser(t.app).get(path);
      expect(res.status).toBe(status);
      expect(await res.text()).toContain('not recognised');
    });
  });
}
