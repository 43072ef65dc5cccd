import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteMemory, type OpenedTestStore } from '@rapport/storage/testing';
import { loadGuideOnce } from '../guide/load.js';
import { TestBrowser, signUp, testApp } from '../testing/harness.js';

// The guide holds no client data, so one database (SQLite in memory) is enough for the harness.
describe('the guide’s routes', () => {
  let opened: OpenedTestStore;
  let t: ReturnType<typeof testApp>;
  let reader: TestBrowser;
  const guide = loadGuideOnce();

  beforeAll(async () => {
    opened = await sqliteMemory.open();
    t = testApp(opened.store);
    reader = new TestBrowser(t.app);
  });
  afterAll(async () => {
    await opened.dispose();
  });

  it('serves the home, a chapter, a question, search, references, print and signal pages to anyone', async () => {
    for (const path of [
      '/guide',
      '/guide/alliance',
      '/guide/alliance/alliance-what-is-it',
      '/guide/search?q=aliance',
      '/guide/search',
      '/guide/references',
      '/guide/endings/print',
      '/guide/signal/unplanned-ending',
    ]) {
      const res = await reader.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
    }
  });

  it('answers unknown chapters, questions and signals with the 404 page', async () => {
    for (const path of [
      '/guide/no-such-chapter',
      '/guide/alliance/no-such-question',
      '/guide/bond/alliance-what-is-it',
      '/guide/no-such-chapter/print',
      '/guide/signal/panic',
    ]) {
      const res = await reader.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).toContain('Page not found');
    }
  });

  it('lists every chapter on the home page with a GET search form', async () => {
    const html = await (await reader.get('/guide')).text();
    for (const c of guide.guide.chapters) expect(html).toContain(`href="/guide/${c.id}"`);
    expect(html).toMatch(/<form method="get" action="\/guide\/search" role="search"/);
    expect(html).toContain('href="/guide/signal/rupture"');
  });

  it('searches on the server, so results arrive without JavaScript, typos forgiven', async () => {
    const html = await (await reader.get('/guide/search?q=gillick+compitence')).text();
    expect(html).toContain('href="/guide/children-and-young-people/cyp-consent-gillick"');
    expect(html).toContain('value="gillick compitence"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc="\/assets\/guide-search\.js")/);
  });

  it('escapes what the reader typed', async () => {
    const res = await reader.get(`/guide/search?q=${encodeURIComponent('<script>alert("x")</script>')}`);
    const html = await res.text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert');
  });

  it('returns JSON for the instant search and serves its script under the CSP', async () => {
    const res = await reader.get('/guide/search.json?q=rupure');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { results: { href: string }[] };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results[0]?.href).toMatch(/^\/guide\/ruptures-and-repair\//);
    const script = await reader.get('/assets/guide-search.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await reader.get('/guide')).headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('shows a question’s six parts, copyable prompts, related questions, previous/next and its references', async () => {
    const html = await (await reader.get('/guide/alliance/alliance-why-it-matters')).text();
    for (const id of [
      'short-answer',
      'the-longer-answer',
      'in-practice',
      'what-the-research-says',
      'personal-reflection',
      'ideas-for-research',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toMatch(/<textarea id="prompt-1" class="guide-prompt" rows="3" readonly/);
    expect(html).toContain('<a class="cite" href="#ref-flueckiger2018">Flückiger et al. 2018</a>');
    expect(html).toContain('id="ref-flueckiger2018"');
    expect(html).toContain('id="related"');
    expect(html).toMatch(/rel="prev"/);
    expect(html).toMatch(/rel="next"/);
  });

  it('links every citation on every question page to a reference listed on that page', async () => {
    for (const q of guide.guide.questions) {
      const html = await (await reader.get(`/guide/${q.chapter}/${q.id}`)).text();
      const targets = [...html.matchAll(/class="cite" href="#([^"]+)"/g)].map((m) => m[1]);
      expect(targets.length).toBeGreaterThan(0);
      const missing = targets.filter((id) => !html.includes(`id="${String(id)}"`));
      expect({ id: q.id, missing }).toEqual({ id: q.id, missing: [] });
    }
  });

  it('lists the answers for a signal', async () => {
    const html = await (await reader.get('/guide/signal/boundary-event')).text();
    for (const id of guide.signals['boundary-event']) expect(html).toContain(`/${id}"`);
  });

  it('keeps a signed-in therapist’s navigation, with a link to the guide', async () => {
    const { browser } = await signUp(t.app, 'Guide Practice', 'guide@example.org');
    const html = await (await browser.get('/guide/frame')).text();
    expect(html).toContain('<a href="/guide">Guide</a>');
    expect(html).toContain('Sign out');
    expect(await (await browser.get('/clients')).text()).toContain('<a href="/guide">Guide</a>');
  });
});
