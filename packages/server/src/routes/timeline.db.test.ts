import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asEpisodeId, type PracticeId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { newToken, tokenHash } from '../auth/tokens.js';
import {
  TestBrowser,
  TestClock,
  clientWithEpisode,
  issueLink,
  signUp,
  signUpPractice,
  testApp,
} from '../testing/harness.js';
import { pdfText } from '../testing/pdf-text.js';
import { sealNewGoal, sealNewNote } from '../record/client-text.js';
import { seedRecordWorld } from '../testing/record-world.js';

const check = (mean: number): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((k) => [k, String(mean)]),
  ),
  tension: 'no',
});

const NAME = 'Zelda Quietname';
const SHARED = 'Shared thought about the dip';
const PRIVATE = 'Private thought kept to myself';
const GOAL = 'Sleep through the night';
/** The session note `seedRecordWorld` writes. */
const NOTE_TEXT = 'A private note';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the episode timeline and reports on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    const clock = new TestClock('2026-03-02T09:00:00.000Z');
    let a: { browser: TestBrowser; csrf: string; practiceId: PracticeId; episodeId: string; clientId: string };

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
      const { browser, csrf, practiceId, user } = await signUpPractice(t, 'Timeline A', 'tl-a@example.org');
      const userId = user.id;
      const { clientId, episodeId } = await clientWithEpisode(browser, csrf, 'TL-1', NAME);
      a = { browser, csrf, practiceId, episodeId, clientId };

      await opened.store.frame.offerContract(practiceId, {
        episodeId: asEpisodeId(episodeId),
        body: { settings: ['video'], audience: 'adult', values: {}, sections: [] },
        contentHash: 'h',
        createdBy: userId,
        createdAt: '2026-02-01T10:00:00.000Z',
        tokenHash: 'tl-contract',
        expiresAt: '2026-02-15T10:00:00.000Z',
      });
      for (const [heldOn, attendance] of [
        ['2026-02-09', 'attended'],
        ['2026-02-16', 'attended'],
        ['2026-02-20', 'cancelled'],
        ['2026-02-23', 'attended'],
      ] as const) {
        await browser.post(`/episodes/${episodeId}/sessions`, {
          _csrf: csrf,
          heldOn,
          modality: 'video',
          attendance,
          minutes: attendance === 'attended' ? '50' : '',
        });
      }
      // A fourth attended session on 2 March, with the therapist's sealed note on it.
      await seedRecordWorld(opened.store, practiceId, userId, episodeId);
      // Relationship checks: steady, then a drop that the signals call a rupture.
      for (const mean of [8, 8, 8, 3]) {
        const link = await issueLink(browser, csrf, episodeId);
        await new TestBrowser(t.app).post(link, check(mean));
        clock.advance(60_000);
      }
      // The client's home: a goal rated twice, one note shared and one kept private.
      const token = newToken(32);
      await opened.store.home.issueHome(practiceId, {
        episodeId: asEpisodeId(episodeId),
        tokenHash: tokenHash(token),
        issuedBy: userId,
        issuedAt: '2026-02-09T12:00:00.000Z',
      });
      const home = await opened.store.home.findHome(tokenHash(token));
      if (!home) throw new Error('setup: home');
      const goal = await opened.store.home.addGoal(practiceId, home.id, {
        ...(await sealNewGoal(t.deps.keys, practiceId, GOAL)),
        at: '2026-02-09T12:00:00.000Z',
        revision: 0,
      });
      if (!goal.ok) throw new Error('setup: goal');
      const rate = (at: string, rating: number, revision: number) =>
        opened.store.home.rateGoals(practiceId, home.id, {
          at,
          revision,
          ratings: [{ goalId: goal.value.id, rating }],
        });
      await rate('2026-02-16T12:00:00.000Z', 3, 1);
      await rate('2026-02-23T12:00:00.000Z', 6, 2);
      for (const [text, visibility, revision] of [
        [SHARED, 'shared', 0],
        [PRIVATE, 'private', 1],
      ] as const) {
        await opened.store.home.addNote(practiceId, home.id, {
          series: `goal:${goal.value.id}`,
          pointAt: '2026-02-23T12:00:00.000Z',
          ...(await sealNewNote(t.deps.keys, practiceId, text)),
          visibility,
          at: '2026-02-24T08:00:00.000Z',
          revision,
        });
      }
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('shows the episode through its stages, with the shared note but never the private one or a session note', async () => {
      const res = await a.browser.get(`/episodes/${a.episodeId}/timeline`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Timeline of the episode with TL-1');
      for (const stage of ['Contracting', 'Early sessions (sessions 1–3)', 'Ending', 'Follow-up']) {
        expect(html).toContain(stage);
      }
      expect(html).toContain('Contract version 1 offered');
      expect(html).toContain('Session 2: video, attended (50 min)');
      expect(html).toContain('Video session: cancelled');
      expect(html).toContain('Goal 1 rated 6 out of 10');
      expect(html).toContain(SHARED);
      expect(html).toContain(GOAL);
      expect(html).not.toContain(PRIVATE);
      expect(html).not.toContain(NOTE_TEXT);
      expect(html).toContain('Open: the episode has not ended.');
      // The charts are SVG, drawn on the server, with a rupture marked and a table beside them.
      expect(html).toMatch(/<svg[^>]*role="img"/);
      expect(html).toContain('class="chart-mark"');
      expect(html).toContain('the numbers as a table');
      expect(html).toMatch(/Rupture on/);
      expect(html).not.toMatch(/style="/);
      const actions = (await opened.store.listAudit(a.practiceId, 100)).map((e) => e.action);
      expect(actions).toContain('timeline.read');
    });

    it('gives a PDF of the episode with the client’s code, sessions and a signal’s reasons, and no name or note', async () => {
      const res = await a.browser.get(`/episodes/${a.episodeId}/report.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain('episode-TL-1-');
      const text = await pdfText(await res.arrayBuffer());
      expect(text).toContain('Episode report: client TL-1');
      expect(text).toContain('Client codes only');
      expect(text).toContain('Session 4: video, attended');
      expect(text).toContain('Rupture on');
      expect(text).toMatch(/Why: .*score fell/s);
      expect(text).toContain('Goal 1');
      for (const absent of [NAME, 'Zelda', NOTE_TEXT, SHARED, PRIVATE, GOAL]) expect(text).not.toContain(absent);
      const actions = (await opened.store.listAudit(a.practiceId, 100)).map((e) => e.action);
      expect(actions).toContain('report.read');
    });

    it('gives a caseload PDF of the practice’s open episodes, and another practice sees none of them', async () => {
      const res = await a.browser.get('/reports/caseload.pdf');
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(await res.arrayBuffer());
      expect(text).toContain('Caseload report');
      expect(text).toContain('Client TL-1');
      expect(text).not.toContain('Zelda');

      const b = await signUp(t.app, 'Timeline B', 'tl-b@example.org');
      expect((await b.browser.get(`/episodes/${a.episodeId}/timeline`)).status).toBe(404);
      expect((await b.browser.get(`/episodes/${a.episodeId}/report.pdf`)).status).toBe(404);
      const theirs = await pdfText(await (await b.browser.get('/reports/caseload.pdf')).arrayBuffer());
      expect(theirs).toContain('No open episodes.');
      expect(theirs).not.toContain('TL-1');
    });

    it('answers an id that is not an episode’s with 404, and a signed-out visitor with sign-in', async () => {
      expect((await a.browser.get('/episodes/not-an-id/timeline')).status).toBe(404);
      expect((await a.browser.get('/episodes/00000000-0000-4000-8000-000000000000/report.pdf')).status).toBe(404);
      const stranger = new TestBrowser(t.app);
      const res = await stranger.get('/reports/caseload.pdf');
      expect([res.status, res.headers.get('location')]).toEqual([303, '/login']);
    });

    it('shows how the episode ended and when the follow-up is planned, on the page and in the report', async () => {
      const ending = `/episodes/${a.episodeId}/ending`;
      const timeline = async () => (await a.browser.get(`/episodes/${a.episodeId}/timeline`)).text();
      expect((await a.browser.post(ending, { _csrf: a.csrf, kind: 'planned', endedOn: '2026-03-02' })).status).toBe(
        303,
      );
      const ended = await timeline();
      expect(ended).toContain('Ended on 2 Mar 2026 (Planned ending).');
      expect(ended).not.toContain('Follow-up planned for');
      expect((await a.browser.post(`${ending}/follow-up`, { _csrf: a.csrf, months: '3' })).status).toBe(303);
      const html = await timeline();
      expect(html).toContain('Ending');
      expect(html).toContain('Ended on 2 Mar 2026 (Planned ending).');
      expect(html).toContain('Follow-up planned for 2 Jun 2026.');
      const text = await pdfText(await (await a.browser.get(`/episodes/${a.episodeId}/report.pdf`)).arrayBuffer());
      expect(text).toMatch(/Ended on 2 Mar 2026\s+\(Planned\s+ending\)/);
      expect(text).toMatch(/Follow-up planned for\s+2 Jun 2026/);
    });

    it('names an unplanned ending with its reason', async () => {
      const login = await opened.store.findLogin('tl-a@example.org');
      const client = await opened.store.createClient(
        a.practiceId,
        { code: 'TL-2', displayName: null },
        '2026-02-01T09:00:00.000Z',
      );
      const episode = client.ok
        ? await opened.store.openEpisode(a.practiceId, client.value.id, '2026-02-01T09:00:00.000Z')
        : null;
      if (!login || !episode?.ok) throw new Error('setup');
      const ended = await opened.store.endings.endEpisode(
        a.practiceId,
        episode.value.id,
        { kind: 'unplanned', reason: 'stopped-coming', endedOn: '2026-02-20' },
        { userId: login.user.id, at: '2026-02-20T17:00:00.000Z' },
      );
      expect(ended.ok).toBe(true);
      const html = await (await a.browser.get(`/episodes/${episode.value.id}/timeline`)).text();
      expect(html).toContain('Ended on 20 Feb 2026 (Unplanned ending: the client stopped coming).');
      expect(html).not.toContain('Follow-up planned for');
    });
  });
}
