import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readability, type ClientId, type EpisodeId, type PracticeId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { newToken, tokenHash } from '../auth/tokens.js';
import { TestBrowser, TestClock, giveHome, issueLink, practiceWithClient, testApp } from '../testing/harness.js';
import { paragraphs, visibleText } from '../testing/plain-text.js';
import { loadGoals, loadSharedNotes } from '../record/client-text.js';

const PIN = '4821';
const phq9 = (each: number): Record<string, string> => ({
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`item-${String(i)}`, String(each)])),
  'item-9': '0',
});

const topMarks: Record<string, string> = {
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((k) => [k, '10']),
  ),
  tension: 'no',
};

const csrfOf = (html: string): string => TestBrowser.csrfFrom(html);
const revisionOf = (html: string): string => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's home on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    const clock = new TestClock();
    let n = 0;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** A practice, a client with an open episode, and a home link for it. */
    async function practice() {
      n += 1;
      const p = await practiceWithClient(t, `Home ${String(n)}`, `home${String(n)}@example.org`, `HM-${String(n)}`);
      const give = async (): Promise<string> => {
        const { path, response } = await giveHome(p.browser, p.csrf, p.episodeId);
        expect(response.headers.get('cache-control')).toBe('no-store');
        return path;
      };
      const home = await give();
      return { ...p, home, give };
    }

    /** A client browser with the home unlocked (PIN chosen on the first visit). */
    async function unlocked() {
      const p = await practice();
      expect((await p.client.post(`${p.home}/pin`, { secret: PIN, again: PIN })).status).toBe(303);
      return p;
    }

    const audits = async (practiceId: PracticeId) =>
      (await opened.store.listAudit(practiceId, 500)).map((e) => `${e.actor.kind} ${e.action}`);

    it('asks for a PIN on the first visit, opens the home, and asks for it on every later visit', async () => {
      const p = await practice();
      const first = await p.client.get(p.home);
      expect(first.status).toBe(200);
      expect(await first.text()).toContain('Choose a PIN for your page');

      for (const [secret, again, message] of [
        ['1234', '1234', 'That PIN is too easy to guess'],
        ['4821', '4812', 'Type the same PIN or password again.'],
        ['12', '12', 'A PIN needs 4 to 8 numbers.'],
      ] as const) {
        const res = await p.client.post(`${p.home}/pin`, { secret, again });
        expect(res.status).toBe(422);
        expect(await res.text()).toContain(message);
      }
      expect((await opened.store.home.homeStatus(p.practiceId, p.episodeId as EpisodeId))?.secretSet).toBe(false);

      const chosen = await p.client.post(`${p.home}/pin`, { secret: PIN, again: PIN });
      expect(chosen.status).toBe(303);
      expect(chosen.headers.get('location')).toBe(p.home);
      const cookie = chosen.headers.getSetCookie().find((c) => c.startsWith('rapport_home=')) ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\/h\//);
      const page = await p.client.get(p.home);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await page.text()).toContain('Your page');

      // The PIN cannot be chosen again, and another browser meets the lock.
      expect((await p.client.post(`${p.home}/pin`, { secret: '9999', again: '9999' })).status).toBe(401);
      const phone = new TestBrowser(t.app);
      const locked = await phone.get(p.home);
      expect(locked.status).toBe(401);
      expect(await locked.text()).toContain('Type your PIN or password');
      const wrong = await phone.post(`${p.home}/unlock`, { secret: '0000' });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('did not match');
      expect((await phone.post(`${p.home}/unlock`, { secret: PIN })).status).toBe(303);
      expect((await phone.get(`${p.home}/goals`)).status).toBe(200);

      // Locking ends the session.
      const home = await (await phone.get(p.home)).text();
      expect((await phone.post(`${p.home}/lock`, { _csrf: csrfOf(home) })).status).toBe(303);
      expect((await phone.get(p.home)).status).toBe(401);

      expect(await audits(p.practiceId)).toEqual(
        expect.arrayContaining([
          'user home-link.issue',
          'client home.secret-set',
          'client home.unlock',
          'client home.unlock-failed',
          'client home.read',
        ]),
      );
    });

    it('answers an unknown link exactly as it answers a wrong PIN, throttle included', async () => {
      const p = await unlocked();
      const unknown = `/h/${newToken(32)}`;
      const same = async (send: (path: string, b: TestBrowser) => Promise<Response>) => {
        const [known, stranger] = [new TestBrowser(t.app), new TestBrowser(t.app)];
        const a = await send(p.home, known);
        const b = await send(unknown, stranger);
        const body = (r: Response, path: string) => r.text().then((x) => x.replaceAll(path, '/h/TOKEN'));
        expect({ status: b.status, body: await body(b, unknown) }).toEqual({
          status: a.status,
          body: await body(a, p.home),
        });
        return a.status;
      };
      expect(await same((path, b) => b.get(path))).toBe(401);
      expect(await same((path, b) => b.get(`${path}/progress`))).toBe(401);
      expect(await same((path, b) => b.post(`${path}/pin`, { secret: '9182', again: '9182' }))).toBe(401);
      // Five wrong tries each, then both wait, with the same words.
      for (let i = 0; i < 5; i++) {
        expect(await same((path, b) => b.post(`${path}/unlock`, { secret: '0000' }))).toBe(401);
      }
      expect(await same((path, b) => b.post(`${path}/unlock`, { secret: '0000' }))).toBe(429);
      // While waiting, even the right PIN is not tried.
      const waiting = await new TestBrowser(t.app).post(`${p.home}/unlock`, { secret: PIN });
      expect(waiting.status).toBe(429);
      expect(await waiting.text()).toContain('Too many tries. Please wait 5 minutes');

      // A stopped link is a link Rapport does not know.
      await p.browser.post(`/episodes/${p.episodeId}/home-link/revoke`, { _csrf: p.csrf });
      const stopped = await new TestBrowser(t.app).get(p.home);
      const stranger = await new TestBrowser(t.app).get(unknown);
      expect(stopped.status).toBe(401);
      expect((await stopped.text()).replaceAll(p.home, 'X')).toBe((await stranger.text()).replaceAll(unknown, 'X'));
      // A malformed link is plainly not a link.
      expect((await new TestBrowser(t.app).get('/h/not-a-token')).status).toBe(404);
    });

    it('ends a session after 15 idle minutes, and a session opens only its own home', async () => {
      const p = await unlocked();
      expect((await p.client.get(p.home)).status).toBe(200);
      clock.advance(14 * 60_000);
      expect((await p.client.get(p.home)).status).toBe(200);
      clock.advance(16 * 60_000);
      expect((await p.client.get(p.home)).status).toBe(401);

      const q = await unlocked();
      expect((await q.client.get(q.home)).status).toBe(200);
      expect((await q.client.get(p.home)).status).toBe(401);
    });

    it('lets the therapist stop the link and give a new one: the old one dies, goals stay, a new PIN is chosen', async () => {
      const p = await unlocked();
      const goals = await (await p.client.get(`${p.home}/goals`)).text();
      await p.client.post(`${p.home}/goals`, {
        _csrf: csrfOf(goals),
        revision: revisionOf(goals),
        text: 'Sleep better',
      });

      expect((await p.browser.post(`/episodes/${p.episodeId}/home-link/revoke`, { _csrf: p.csrf })).status).toBe(303);
      expect((await p.client.get(p.home)).status).toBe(401);
      // A second click changes nothing.
      expect((await p.browser.post(`/episodes/${p.episodeId}/home-link/revoke`, { _csrf: p.csrf })).status).toBe(303);
      const page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('The home link was stopped');

      const fresh = await p.give();
      expect(fresh).not.toBe(p.home);
      expect((await p.client.get(p.home)).status).toBe(401);
      const first = await p.client.get(fresh);
      expect(first.status).toBe(200);
      expect(await first.text()).toContain('Choose a PIN');
      await p.client.post(`${fresh}/pin`, { secret: '5937', again: '5937' });
      expect(await (await p.client.get(`${fresh}/goals`)).text()).toContain('Sleep better');
      expect(await audits(p.practiceId)).toEqual(expect.arrayContaining(['user home-link.revoke', 'client goal.add']));
    });

    it('lists the measures waiting in the episode and takes the answers, while the sent link keeps working', async () => {
      const p = await unlocked();
      const sent = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      const other = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'gad-7', moment: 'check-in' });
      expect((await p.client.get(sent)).status).toBe(200);
      const home = await (await p.client.get(p.home)).text();
      const hrefs = [...home.matchAll(/href="(\/h\/[^/"]+\/check\/[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(hrefs).toHaveLength(2);
      expect(home).toContain('before your session');

      const phqHref = /href="(\/h\/[^"]+)">[^<]*PHQ-9/.exec(home)?.[1];
      const form = await p.client.get(phqHref ?? '');
      expect(form.status).toBe(200);
      const formHtml = await form.text();
      expect(formHtml).toContain(`action="${phqHref ?? ''}"`);
      // Answers posted without the home's token (a forged form, the home cookie riding along) store nothing.
      for (const forged of [{}, { _csrf: 'forged' }]) {
        expect((await p.client.post(phqHref ?? '', { ...phq9(1), ...forged })).status).toBe(403);
      }
      expect(await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId)).toEqual([]);
      const done = await p.client.post(phqHref ?? '', { ...phq9(1), _csrf: csrfOf(formHtml) });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(`${p.home}?notice=sent`);
      expect(await (await p.client.get(`${p.home}?notice=sent`)).text()).toContain('Your answers have gone');
      // One of the two links is now used, whichever way the client answers next.
      const used = [sent, other].map(async (l) => (await p.client.get(l)).status);
      expect((await Promise.all(used)).sort()).toEqual([200, 409]);
      expect((await p.client.post(phqHref ?? '', { ...phq9(2), _csrf: csrfOf(formHtml) })).status).toBe(409);
      expect(await audits(p.practiceId)).toContain('client check.submit');

      // A link of another client is not reachable from this home, even with its id.
      const q = await practice();
      const theirs = await issueLink(q.browser, q.csrf, q.episodeId);
      const theirId = (await opened.store.findCheckLink(tokenHash(theirs.slice('/c/'.length))))?.id;
      expect((await p.client.get(`${p.home}/check/${theirId ?? ''}`)).status).toBe(404);
    });

    it('keeps the client’s own goals: three at most, reworded with history, put away, rated, markup shown as typed', async () => {
      const p = await unlocked();
      const goalsPage = async () => (await p.client.get(`${p.home}/goals`)).text();
      const post = async (path: string, fields: Record<string, string>) => {
        const page = await goalsPage();
        return p.client.post(path, { _csrf: csrfOf(page), revision: revisionOf(page), ...fields });
      };
      const markup = '<script>alert(1)</script> & <b>sleep</b>';
      expect((await post(`${p.home}/goals`, { text: markup })).headers.get('location')).toBe(
        `${p.home}/goals?notice=added`,
      );
      expect((await post(`${p.home}/goals`, { text: 'See friends' })).status).toBe(303);
      expect((await post(`${p.home}/goals`, { text: 'Feel calmer' })).status).toBe(303);
      const fourth = await post(`${p.home}/goals`, { text: 'One too many' });
      expect(fourth.status).toBe(409);
      expect(await fourth.text()).toContain('You can have 3 goals at a time');
      const short = await post(`${p.home}/goals`, { text: 'no' });
      expect(short.status).toBe(422);

      let page = await goalsPage();
      expect(page).not.toContain('<script>alert(1)');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;sleep&lt;/b&gt;');
      expect(page).toContain('You have three goals');
      const goals = await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId);
      expect(goals[0]?.wordings[0]?.text).toBe(markup);
      const [sleep, friends, calm] = goals.map((g) => g.id);

      expect((await post(`${p.home}/goals/${friends ?? ''}/reword`, { text: 'See two friends a week' })).status).toBe(
        303,
      );
      page = await goalsPage();
      expect(page).toContain('See two friends a week');
      expect(page).toContain('Old words: See friends');

      const home = await (await p.client.get(p.home)).text();
      const rate = (fields: Record<string, string>) =>
        p.client.post(`${p.home}/ratings`, { _csrf: csrfOf(home), revision: revisionOf(home), ...fields });
      expect((await rate({ [`rating.${sleep ?? ''}`]: '11' })).status).toBe(422);
      expect((await rate({})).status).toBe(422);
      const rated = await rate({ [`rating.${sleep ?? ''}`]: '3', [`rating.${calm ?? ''}`]: '6' });
      expect(rated.headers.get('location')).toBe(`${p.home}?notice=rated`);
      expect(await (await p.client.get(p.home)).text()).toContain('last time: 3');

      expect((await post(`${p.home}/goals/${calm ?? ''}/retire`, {})).status).toBe(303);
      page = await goalsPage();
      expect(page).toContain('Goals you put away');
      expect(page).not.toContain('You have three goals');
      const after = await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId);
      expect(after.map((g) => [g.status, g.ratings.map((r) => r.rating)])).toEqual([
        ['active', [3]],
        ['active', []],
        ['retired', [6]],
      ]);
      expect((await post(`${p.home}/goals/${calm ?? ''}/retire`, {})).status).toBe(409);
      expect((await post(`${p.home}/goals/not-a-goal/retire`, {})).status).toBe(404);

      // The therapist sees the goals, their wording history and ratings; reading them is audited.
      const client = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(client).toContain('Goals in the client’s words');
      expect(client).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(client).toContain('See two friends a week');
      expect(client).toContain('Earlier wording: “See friends”');
      expect(client).not.toContain('<script>alert(1)');
      expect(await audits(p.practiceId)).toEqual(
        expect.arrayContaining(['user goals.read', 'client goal.reword', 'client goal.retire', 'client goal.rate']),
      );
    });

    it('saves a goal or a rating once however often the form is sent: twice, from the back button or two tabs', async () => {
      const p = await unlocked();
      const tabA = await (await p.client.get(`${p.home}/goals`)).text();
      const tabB = await (await p.client.get(`${p.home}/goals`)).text();
      const add = (page: string, text: string) =>
        p.client.post(`${p.home}/goals`, { _csrf: csrfOf(page), revision: revisionOf(page), text });
      expect((await add(tabA, 'Sleep better')).headers.get('location')).toBe(`${p.home}/goals?notice=added`);
      const again = await add(tabA, 'Sleep better');
      expect(again.headers.get('location')).toBe(`${p.home}/goals?notice=stale`);
      expect((await add(tabB, 'Sleep better')).headers.get('location')).toBe(`${p.home}/goals?notice=stale`);
      expect(await (await p.client.get(`${p.home}/goals?notice=stale`)).text()).toContain('Nothing new was saved');

      const home = await (await p.client.get(p.home)).text();
      const [goal] = await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId);
      const rate = () =>
        p.client.post(`${p.home}/ratings`, {
          _csrf: csrfOf(home),
          revision: revisionOf(home),
          [`rating.${goal?.id ?? ''}`]: '5',
        });
      const results = await Promise.all([rate(), rate(), rate()]);
      expect(results.map((r) => r.headers.get('location')).sort()).toEqual([
        `${p.home}?notice=rated`,
        `${p.home}?notice=stale`,
        `${p.home}?notice=stale`,
      ]);
      const [stored] = await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId);
      expect(stored?.ratings).toHaveLength(1);
    });

    it('refuses a home form without the session’s token, and writes nothing', async () => {
      const p = await unlocked();
      const page = await (await p.client.get(`${p.home}/goals`)).text();
      const res = await p.client.post(`${p.home}/goals`, {
        _csrf: 'forged',
        revision: revisionOf(page),
        text: 'Sneaky',
      });
      expect(res.status).toBe(403);
      const cross = await p.client.post(
        `${p.home}/goals`,
        { _csrf: csrfOf(page), revision: revisionOf(page), text: 'Sneaky' },
        { origin: 'https://evil.example' },
      );
      expect(cross.status).toBe(403);
      expect(await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId)).toEqual([]);
    });

    it('shows the therapist shared notes only: a private note never leaves the client’s home', async () => {
      const p = await unlocked();
      const sent = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      await p.client.post(sent, phq9(2));
      const goals = await (await p.client.get(`${p.home}/goals`)).text();
      await p.client.post(`${p.home}/goals`, {
        _csrf: csrfOf(goals),
        revision: revisionOf(goals),
        text: 'Sleep better',
      });
      const home = await (await p.client.get(p.home)).text();
      const [goal] = await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId);
      await p.client.post(`${p.home}/ratings`, {
        _csrf: csrfOf(home),
        revision: revisionOf(home),
        [`rating.${goal?.id ?? ''}`]: '4',
      });

      let progress = await (await p.client.get(`${p.home}/progress`)).text();
      expect(progress).toContain('What is a real change?');
      const point = (series: string) =>
        new RegExp(`name="series" value="${series}"[\\s\\S]*?<option value="([^"]+)"`).exec(progress)?.[1] ?? '';
      const note = (series: string, text: string, visibility: string) =>
        p.client.post(`${p.home}/notes`, {
          _csrf: csrfOf(progress),
          revision: revisionOf(progress),
          series,
          point: point(series),
          note: text,
          visibility,
        });
      const privateNote = 'PRIVATE-MARKER this dip was when my dad was ill';
      const sharedNote = 'SHARED-MARKER a <i>good</i> week at school';
      expect((await note('measure:phq-9', privateNote, 'private')).headers.get('location')).toBe(
        `${p.home}/progress?notice=note`,
      );
      progress = await (await p.client.get(`${p.home}/progress`)).text();
      expect((await note(`goal:${goal?.id ?? ''}`, sharedNote, 'shared')).status).toBe(303);
      // Bad input: a day that is not on the chart, an empty note, an unknown chart — nothing written.
      progress = await (await p.client.get(`${p.home}/progress`)).text();
      const bad = [
        { series: 'measure:phq-9', point: '2020-01-01T00:00:00.000Z', note: 'x', visibility: 'private' },
        { series: 'measure:phq-9', point: point('measure:phq-9'), note: '  ', visibility: 'private' },
        { series: 'measure:gad-7', point: point('measure:phq-9'), note: 'x', visibility: 'private' },
        { series: 'measure:phq-9', point: point('measure:phq-9'), note: 'x', visibility: 'everyone' },
      ];
      for (const fields of bad) {
        const res = await p.client.post(`${p.home}/notes`, {
          _csrf: csrfOf(progress),
          revision: revisionOf(progress),
          ...fields,
        });
        expect(res.status).toBe(422);
      }

      progress = await (await p.client.get(`${p.home}/progress`)).text();
      expect(progress).toContain('PRIVATE-MARKER');
      expect(progress).toContain('just you');
      expect(progress).toContain('SHARED-MARKER a &lt;i&gt;good&lt;/i&gt; week');
      expect(progress).toContain('your counsellor can see this');

      const clientPage = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(clientPage).toContain('SHARED-MARKER a &lt;i&gt;good&lt;/i&gt; week');
      expect(clientPage).toContain('Goal “Sleep better”');

      // Every page the therapist (the practice administrator here) can open, with this client's ids.
      const routes = [...new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path))];
      let visited = 0;
      for (const route of routes) {
        const path = route.replace(/:(\w+)/g, (_m, name: string) =>
          name === 'clientId'
            ? p.clientId
            : name === 'episodeId'
              ? p.episodeId
              : name === 'token'
                ? p.home.slice(3)
                : name === 'version'
                  ? '1'
                  : 'x',
        );
        const res = await p.browser.get(path);
        visited += 1;
        expect(await res.text(), route).not.toContain('PRIVATE-MARKER');
      }
      expect(visited).toBeGreaterThan(20);
      const shared = await loadSharedNotes(t.deps, p.practiceId, p.episodeId as EpisodeId);
      expect(shared.map((s) => s.text)).toEqual([sharedNote]);
      expect(await audits(p.practiceId)).toEqual(expect.arrayContaining(['client note.add', 'user goals.read']));
    });

    it('keeps the client’s pages plain (Flesch–Kincaid grade 6 or below) and small', async () => {
      const p = await practice();
      const grades: Record<string, number> = {};
      // Each page twice: all its visible text, and its paragraphs alone (longer sentences, the harder test).
      const measure = (name: string, html: string) => {
        grades[name] = readability(visibleText(html)).grade;
        grades[`${name} (paragraphs)`] = readability(paragraphs(html)).grade;
      };
      measure('choose a PIN', await (await p.client.get(p.home)).text());
      await p.client.post(`${p.home}/pin`, { secret: PIN, again: PIN });
      measure('enter the PIN', await (await new TestBrowser(t.app).get(p.home)).text());
      // Enough history for every kind of sentence: a real change, a goal that moved, the top-marks note.
      const goals = await (await p.client.get(`${p.home}/goals`)).text();
      await p.client.post(`${p.home}/goals`, {
        _csrf: csrfOf(goals),
        revision: revisionOf(goals),
        text: 'Sleep better',
      });
      const [goal] = await loadGoals(t.deps, p.practiceId, p.episodeId as EpisodeId);
      for (const rating of ['2', '8']) {
        const page = await (await p.client.get(p.home)).text();
        await p.client.post(`${p.home}/ratings`, {
          _csrf: csrfOf(page),
          revision: revisionOf(page),
          [`rating.${goal?.id ?? ''}`]: rating,
        });
        clock.advance(60_000);
      }
      for (const each of [2, 0]) {
        await p.client.post(await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9' }), phq9(each));
        clock.advance(60_000);
      }
      for (let i = 0; i < 3; i++) {
        await p.client.post(await issueLink(p.browser, p.csrf, p.episodeId), topMarks);
        clock.advance(60_000);
      }
      await issueLink(p.browser, p.csrf, p.episodeId);
      const home = await (await p.client.get(p.home)).text();
      measure('home', home);
      measure('goals', await (await p.client.get(`${p.home}/goals`)).text());
      const progress = await (await p.client.get(`${p.home}/progress`)).text();
      measure('progress', progress);
      for (const [page, grade] of Object.entries(grades)) expect(grade, page).toBeLessThanOrEqual(6);
      console.log(
        `Flesch–Kincaid grades: ${Object.entries(grades)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
      expect(home).toContain('top number for every question');
      expect(progress).toContain('so it is a real change');
      expect(progress).toContain('this goal has gone up by 6');
      const sizes = { home: gzipSync(home).length, progress: gzipSync(progress).length };
      console.log(`gzip bytes: home ${String(sizes.home)}, progress ${String(sizes.progress)}`);
      for (const size of Object.values(sizes)) expect(size).toBeLessThanOrEqual(14 * 1024);
      expect(home).not.toMatch(/<script/i);
    });
  });
}
