import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readability } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { readStylesheet } from '@rapport/web';
import { TestBrowser, TestClock, clientWithEpisode, issueLink, signUp, testApp } from '../testing/harness.js';
import { paragraphs, visibleText } from '../testing/plain-text.js';

/**
 * The client's pages of the client's voice, as a client opens them from a chat or video call:
 * in a new tab, on a phone, JavaScript off. Small (HTML and the one stylesheet within 14 KB
 * compressed, one round trip's worth), with nothing to load but the stylesheet, no script that
 * could bust or need a frame, never cached, and plain (Flesch–Kincaid grade 6 or below).
 */
const GOAL = 14 * 1024;
const css = gzipSync(readStylesheet(), { level: 9 }).length;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's voice pages on ${database.label}`, () => {
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

    it('are small, self-contained, uncached and plain enough for an 11-year-old', async () => {
      const { browser, csrf } = await signUp(t.app, 'Pages', `pages-${database.name}@example.org`);
      const ids = await clientWithEpisode(browser, csrf, 'PG-1');
      const client = new TestBrowser(t.app);
      const pages: Record<string, Response> = {};
      const child = await issueLink(browser, csrf, ids.episodeId, { audience: 'child' });
      pages['child’s relationship check (faces)'] = await client.get(child);
      const yp = await issueLink(browser, csrf, ids.episodeId, { audience: 'young-person' });
      pages['young person’s relationship check'] = await client.get(yp);
      const adult = await issueLink(browser, csrf, ids.episodeId, { audience: 'adult' });
      pages['adult relationship check'] = await client.get(adult);
      pages['rate it tomorrow'] = await client.post(`${adult}/later`, {});
      const carerRes = await browser.post(`/episodes/${ids.episodeId}/carer-links`, {
        _csrf: csrf,
        instrumentId: 'goal-based-outcomes',
      });
      const carer = /value="http:\/\/localhost(\/carer\/[^"]+)"/.exec(await carerRes.text())?.[1] ?? '';
      pages['carer’s form'] = await client.get(carer);
      await client.post(carer, { 'goal-1': '5' });
      pages['carer’s thanks and view'] = await client.get(carer);
      const phoneRes = await browser.post(`/episodes/${ids.episodeId}/phone-entry`, {
        _csrf: csrf,
        instrumentId: 'phq-9',
        audience: 'adult',
        moment: 'check-in',
        ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, '1'])),
      });
      const phone = /value="http:\/\/localhost(\/p\/[^"]+)"/.exec(await phoneRes.text())?.[1] ?? '';
      pages['answers given by phone'] = await client.get(phone);
      pages['answers given by phone, to change'] = await client.get(`${phone}/change`);

      const sizes: string[] = [];
      for (const [name, res] of Object.entries(pages)) {
        expect(res.status, name).toBe(200);
        expect(res.headers.get('cache-control'), name).toBe('no-store');
        expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
        const html = await res.text();
        const gz = gzipSync(html, { level: 9 }).length;
        sizes.push(`${name} ${String(gz + css)}`);
        expect(gz + css, name).toBeLessThanOrEqual(GOAL);
        // Nothing to fetch but the stylesheet: no script, frame, image or font to wait for or to break in a new tab.
        expect(html, name).not.toMatch(/<script|<iframe|<img|<object|<embed|target="_blank"|style=/i);
        expect(
          [...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((m) => m[1]),
          name,
        ).toEqual(['/assets/app.css']);
        // Opened in a tab of its own, never inside another site's frame (the frame-ancestors rule is deliberate).
        expect(res.headers.get('content-security-policy'), name).toContain("frame-ancestors 'none'");
        const text = name.includes('PHQ') ? '' : paragraphs(html);
        if (!name.includes('phone')) {
          expect(readability(text).grade, `${name}: ${text}`).toBeLessThanOrEqual(6);
          expect(readability(visibleText(html)).grade, name).toBeLessThanOrEqual(6);
        }
      }
      console.log(`client voice pages, HTML + app.css gzip bytes (goal ${String(GOAL)}): ${sizes.join(', ')}`);
    });
  });
}
