import fhir from 'fhir';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PLACEHOLDERS } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { TestBrowser, clientWithEpisode, signUp, testApp } from '../testing/harness.js';
import { pdfText } from '../testing/pdf-text.js';

const VALUES: Record<string, string> = Object.fromEntries(
  PLACEHOLDERS.map((p) => [`value.${p}`, p === 'emergencyContact' ? 'your aunt <b>Jo</b>' : `the ${p}`]),
);

/** Reads the builder form on the page: the ticked clauses. */
const tickedClauses = (html: string): string[] =>
  [...html.matchAll(/<input type="checkbox" name="clauses" value="([^"]+)" checked=""/g)].map((m) => m[1] ?? '');

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the frame on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    async function builder(browser: TestBrowser, episodeId: string, settings: string, audience: string) {
      const html = await (
        await browser.get(`/episodes/${episodeId}/contract?settings=${settings}&audience=${audience}`)
      ).text();
      return { html, clauses: tickedClauses(html) };
    }

    const form = (
      csrf: string,
      settings: string,
      audience: string,
      clauses: string[],
      intent: string,
      values = VALUES,
    ) => {
      const p = new URLSearchParams({ _csrf: csrf, audience, intent, ...values });
      p.append('settings', settings);
      for (const c of clauses) p.append('clauses', c);
      return p;
    };
    const post = (browser: TestBrowser, path: string, body: URLSearchParams) =>
      browser.raw(path, {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      });

    it('offers only a complete contract, then carries question, amendment and agreement through versions', async () => {
      const { browser, csrf } = await signUp(t.app, 'Frame Practice', 'frame@example.org');
      const { episodeId } = await clientWithEpisode(browser, csrf, 'YP-15');
      const path = `/episodes/${episodeId}/contract`;
      const { html, clauses } = await builder(browser, episodeId, 'video', 'young-person');
      expect(html).toContain('required for this setting');
      expect(clauses).toEqual(expect.arrayContaining(['video-emergency-plan', 'consent-young-people']));

      // Without the emergency plan a video contract cannot be sent.
      const missing = await post(
        browser,
        path,
        form(
          csrf,
          'video',
          'young-person',
          clauses.filter((c) => c !== 'video-emergency-plan'),
          'offer',
        ),
      );
      expect(missing.status).toBe(422);
      expect(await missing.text()).toContain('add a clause for: video-emergency-plan');
      // Unfilled details are named too.
      const unfilled = await post(browser, path, form(csrf, 'video', 'young-person', clauses, 'offer', {}));
      expect(unfilled.status).toBe(422);
      expect(await unfilled.text()).toContain('fill in:');
      expect(await opened.store.db.selectFrom('contract_version').selectAll().execute()).toHaveLength(0);

      const preview = await post(browser, path, form(csrf, 'video', 'young-person', clauses, 'preview'));
      expect(preview.status).toBe(200);
      const previewHtml = await preview.text();
      expect(previewHtml).toContain('your aunt &lt;b&gt;Jo&lt;/b&gt;');
      expect(previewHtml).not.toContain('<b>Jo</b>');

      const offered = await post(browser, path, form(csrf, 'video', 'young-person', clauses, 'offer'));
      expect(offered.status).toBe(200);
      const link1 = /value="http:\/\/localhost(\/a\/[^"]+)"/.exec(await offered.text())?.[1] ?? '';
      expect(link1).toMatch(/^\/a\/[A-Za-z0-9_-]{43}$/);

      const young = new TestBrowser(t.app);
      const read = await (await young.get(link1)).text();
      expect(read).toContain('Our agreement');
      expect(read).toContain('Read the fuller wording');
      const asked = await young.post(`${link1}/question`, {
        question: 'Can my mum not be told when I miss a session?',
      });
      expect(asked.status).toBe(303);
      expect(await (await browser.get(path)).text()).toContain('Can my mum not be told when I miss a session?');

      // The therapist amends one detail: a new version.
      const amended = await post(
        browser,
        path,
        form(csrf, 'video', 'young-person', clauses, 'offer', {
          ...VALUES,
          'value.emergencyContact': 'the school nurse',
        }),
      );
      const link2 = /value="http:\/\/localhost(\/a\/[^"]+)"/.exec(await amended.text())?.[1] ?? '';
      const therapistView = await (await browser.get(path)).text();
      expect(therapistView).toContain('What changed from version 1 to version 2');
      expect(therapistView).toMatch(/<ins>.*school nurse/s);

      // The old link now shows the new version and refuses agreement.
      const stale = await (await young.get(link1)).text();
      expect(stale).toContain('This version has changed');
      expect(stale).toContain('school nurse');
      const hash1 = /name="contentHash" value="([^"]+)"/.exec(read)?.[1] ?? '';
      const refused = await young.post(`${link1}/agree`, { contentHash: hash1, clientName: 'Alex', confirm: 'yes' });
      expect(refused.status).toBe(409);

      const page2 = await (await young.get(link2)).text();
      expect(page2).toContain('What changed from version 1 to version 2');
      const hash2 = /name="contentHash" value="([^"]+)"/.exec(page2)?.[1] ?? '';
      const noTick = await young.post(`${link2}/agree`, { contentHash: hash2, clientName: 'Alex' });
      expect(noTick.status).toBe(422);
      const agreed = await young.post(`${link2}/agree`, { contentHash: hash2, clientName: 'Alex', confirm: 'yes' });
      expect(agreed.status).toBe(303);
      expect(await (await young.get(link2)).text()).toContain('Agreed by Alex');
      const twice = await young.post(`${link2}/agree`, { contentHash: hash2, clientName: 'Alex', confirm: 'yes' });
      expect(twice.status).toBe(409);

      const history = await (await browser.get(path)).text();
      expect(history).toContain('signed “Alex”');
      expect(history).toContain('Replaced by a later version');

      const pdf = await browser.get(`${path}/2/contract.pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(await pdf.arrayBuffer());
      expect(text).toContain('Counselling agreement: version 2');
      expect(text).toContain('Client: Alex');
      expect(text).toContain('school nurse');

      const consent = (await (await browser.get(`${path}/2/consent.json`)).json()) as Record<string, unknown>;
      expect(consent['resourceType']).toBe('Consent');
      expect(consent['status']).toBe('active');
      const problems = new fhir.Fhir().validate(consent).messages.filter((m) => String(m.severity) === 'error');
      expect(problems).toEqual([]);
    });

    it('needs a parent’s or carer’s name as well for a child’s contract', async () => {
      const { browser, csrf } = await signUp(t.app, 'Child Practice', 'child@example.org');
      const { episodeId } = await clientWithEpisode(browser, csrf, 'CH-8');
      const { clauses } = await builder(browser, episodeId, 'in-person', 'child');
      expect(clauses).toContain('carer-acknowledgement');
      const offered = await post(
        browser,
        `/episodes/${episodeId}/contract`,
        form(csrf, 'in-person', 'child', clauses, 'offer'),
      );
      const link = /value="http:\/\/localhost(\/a\/[^"]+)"/.exec(await offered.text())?.[1] ?? '';
      const child = new TestBrowser(t.app);
      const html = await (await child.get(link)).text();
      const hash = /name="contentHash" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const noCarer = await child.post(`${link}/agree`, { contentHash: hash, clientName: 'Mo', confirm: 'yes' });
      expect(noCarer.status).toBe(422);
      expect(await noCarer.text()).toContain('A parent or carer needs to type their name.');
      const both = await child.post(`${link}/agree`, {
        contentHash: hash,
        clientName: 'Mo',
        carerName: 'Pat',
        confirm: 'yes',
      });
      expect(both.status).toBe(303);
      expect(await (await child.get(link)).text()).toContain('Agreed by Mo and Pat');
    });

    it('lets a practice use its own clause wording, shown as text, without touching another practice', async () => {
      const a = await signUp(t.app, 'Wording A', 'wording-a@example.org');
      const b = await signUp(t.app, 'Wording B', 'wording-b@example.org');
      const bad = await a.browser.post('/practice/clauses/endings', {
        _csrf: a.csrf,
        title: 'Endings',
        standard: 'Ring {{mobileNumber}}.',
        plain: 'Plain.',
      });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Unknown placeholders: {{mobileNumber}}');
      const saved = await a.browser.post('/practice/clauses/endings', {
        _csrf: a.csrf,
        title: 'How we end',
        standard: 'We plan our ending together. <script>alert(1)</script>',
        plain: 'We decide together when to stop.',
      });
      expect(saved.status).toBe(303);
      const list = await (await a.browser.get('/practice/clauses')).text();
      expect(list).toContain('Your wording (version 2)');
      expect(list).toContain('&lt;script&gt;');
      expect(list).not.toContain('<script>alert(1)</script>');
      expect(await (await b.browser.get('/practice/clauses')).text()).not.toContain('How we end');

      const { episodeId } = await clientWithEpisode(a.browser, a.csrf, 'OWN-1');
      const { clauses } = await builder(a.browser, episodeId, 'in-person', 'adult');
      const preview = await post(
        a.browser,
        `/episodes/${episodeId}/contract`,
        form(a.csrf, 'in-person', 'adult', clauses, 'preview'),
      );
      const html = await preview.text();
      expect(html).toContain('How we end');
      expect(html).toContain('We plan our ending together. &lt;script&gt;');
    });

    it('answers unknown agreement links and markup in questions safely', async () => {
      expect((await new TestBrowser(t.app).get(`/a/${'z'.repeat(43)}`)).status).toBe(404);
      expect((await new TestBrowser(t.app).post(`/a/${'z'.repeat(43)}/agree`, {})).status).toBe(404);
    });
  });
}
