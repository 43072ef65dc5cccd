import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asEpisodeId } from '@rapport/core';
import { countRows, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import {
  TestBrowser,
  TestClock,
  clientWithEpisode,
  issueLink,
  practiceWithClient,
  signUp,
  signUpPractice,
  testApp,
} from '../testing/harness.js';

const DAY = 86_400_000;

/** PHQ-9 answers with the given total (items 1–8 filled in turn, item 9 always 0). */
const phq9 = (total: number): Record<string, string> => ({
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`item-${String(i)}`, String(Math.max(0, Math.min(3, total - (i - 1) * 3)))]),
  ),
  'item-9': '0',
});
const check = (rating: number): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((id) => [id, String(rating)]),
  ),
  tension: 'no',
});
const linkOf = (html: string): string => {
  const m = /value="http:\/\/localhost(\/c\/[^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no link on the page');
  return m[1];
};

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`endings on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let clock: TestClock;
    let t: ReturnType<typeof testApp>;

    beforeAll(async () => {
      opened = await database.open();
      clock = new TestClock('2026-03-02T09:00:00.000Z');
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** A practice with a client and an open episode, and a browser for the client. */
    async function practice(tag: string) {
      const p = await practiceWithClient(t, `Endings ${tag}`, `end-${tag}@example.org`, `EN-${tag}`.toUpperCase());
      /** Sends a measure and answers it as the client would, a minute apart (a signed-in session stays alive). */
      const answered = async (instrumentId: string, fields: Record<string, string>) => {
        const link = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId, moment: 'check-in' });
        expect((await p.client.post(link, fields)).status).toBe(303);
        clock.advance(60_000);
      };
      return { ...p, answered };
    }

    const count = (table: 'check_link' | 'episode_ending') => countRows(opened.store, table);

    it('prepares a planned ending the client sees, sends the review, ends it and sums it up', async () => {
      const p = await practice('planned');
      for (const [score, rating] of [
        [19, 6],
        [14, 7],
        [8, 8],
      ] as const) {
        await p.answered('phq-9', phq9(score));
        await p.answered('rapport-relationship-check', check(rating));
      }
      const ending = `/episodes/${p.episodeId}/ending`;
      const prepared = await p.browser.post(`${ending}/preparation`, { _csrf: p.csrf, sessionsLeft: '3', endOn: '' });
      expect(prepared.status).toBe(303);
      expect(await (await p.browser.get(prepared.headers.get('location') ?? '')).text()).toContain(
        'The client will see it on the next measure',
      );
      expect(await (await p.browser.get(`/clients/${p.clientId}`)).text()).toContain(
        '3 sessions left, as agreed with the client.',
      );
      // The client reads the same agreement on their next form.
      const next = await issueLink(p.browser, p.csrf, p.episodeId);
      expect(await (await p.client.get(next)).text()).toContain('3 sessions left, as we agreed.');

      const review = await p.browser.post(`${ending}/review`, { _csrf: p.csrf });
      expect(review.status).toBe(200);
      const reviewLink = linkOf(await review.text());
      const answers = { 'how-much-helped': '8', 'relationship-overall': '9', 'ready-to-end': 'yes' };
      expect((await p.client.post(reviewLink, { ...answers, 'most-helpful': 'Being listened to' })).status).toBe(303);
      // Answered: no second review.
      expect((await p.browser.post(`${ending}/review`, { _csrf: p.csrf })).status).toBe(409);

      const closedBefore = await opened.store.measures.countClosedEpisodes(p.practiceId);
      const ended = await p.browser.post(ending, { _csrf: p.csrf, kind: 'planned', endedOn: '2026-03-02' });
      expect(ended.status).toBe(303);
      expect(await opened.store.getEpisode(p.practiceId, asEpisodeId(p.episodeId))).toMatchObject({ status: 'closed' });
      expect(await opened.store.measures.countClosedEpisodes(p.practiceId)).toBe(closedBefore + 1);
      // Once ended, the agreement is no longer shown to the client.
      expect(await (await p.client.get(next)).text()).not.toContain('as we agreed');

      const summary = await (await p.browser.get(`${ending}/summary`)).text();
      expect(summary).toContain('Planned ending on 2 Mar 2026.');
      expect(summary).toContain('PHQ-9: first 19.0');
      expect(summary).toContain('last 8.0');
      expect(summary).toContain('Recovered: reliably improved, from the clinical range to below it (-11.0 points)');
      expect(summary).toContain('Mean 7.0 out of 10 over 3 checks');
      expect(summary).toContain('Being listened to');
      expect(summary).toContain('None in the stored signals.');
    });

    it('refuses bad input and writes nothing', async () => {
      const p = await practice('bad');
      const ending = `/episodes/${p.episodeId}/ending`;
      const rows = await count('episode_ending');
      for (const [path, fields] of [
        [ending, { kind: 'unplanned', endedOn: '2026-03-02' }],
        [ending, { kind: 'planned', endedOn: '2026-03-03' }],
        [ending, { kind: 'planned', endedOn: '2026-02-30' }],
        [ending, { kind: 'planned', endedOn: '2020-01-01' }],
        [`${ending}/preparation`, { sessionsLeft: '0', endOn: '' }],
        [`${ending}/preparation`, { sessionsLeft: '', endOn: '2026-03-01' }],
      ] as const) {
        const res = await p.browser.post(path, { _csrf: p.csrf, ...fields });
        expect({ path, fields, status: res.status }).toEqual({ path, fields, status: 422 });
        expect(await res.text()).toContain('There is a problem');
      }
      // The follow-up of an open episode, the check-in of an open episode: refused with a reason.
      expect((await p.browser.post(`${ending}/follow-up`, { _csrf: p.csrf, months: '1' })).status).toBe(409);
      expect((await p.browser.post(`${ending}/check-in`, { _csrf: p.csrf })).status).toBe(409);
      expect((await p.browser.post(`${ending}/follow-up/send`, { _csrf: p.csrf, instrumentId: 'phq-9' })).status).toBe(
        409,
      );
      expect((await p.browser.post(`${ending}/follow-up/send`, { _csrf: p.csrf, instrumentId: 'nope' })).status).toBe(
        422,
      );
      expect(await opened.store.getEpisode(p.practiceId, asEpisodeId(p.episodeId))).toMatchObject({ status: 'open' });
      expect(await count('episode_ending')).toBe(rows);
    });

    it('ends without a plan, sends the gentle check-in once only, and shows the answer in the summary', async () => {
      const p = await practice('unplanned');
      await p.answered('rapport-relationship-check', check(7));
      const ending = `/episodes/${p.episodeId}/ending`;
      const res = await p.browser.post(ending, {
        _csrf: p.csrf,
        kind: 'unplanned',
        reason: 'stopped-coming',
        endedOn: '2026-03-02',
      });
      expect(res.status).toBe(303);
      const page = await (await p.browser.get(ending)).text();
      expect(page).toContain('It is optional for the client');
      expect(page).toContain('Create the check-in link');
      // No ending review after an unplanned ending: the check-in takes its place.
      expect(page).not.toContain('Create the ending review link');

      const links = await count('check_link');
      const sent = await p.browser.post(`${ending}/check-in`, { _csrf: p.csrf });
      expect(sent.status).toBe(200);
      const checkIn = linkOf(await sent.text());
      const again = await p.browser.post(`${ending}/check-in`, { _csrf: p.csrf });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('sent once only');
      expect(await count('check_link')).toBe(links + 1);
      expect(await (await p.browser.get(ending)).text()).not.toContain('Create the check-in link');

      const form = await (await p.client.get(checkIn)).text();
      expect(form).toContain('There is no session to come to for this');
      const answered = await p.client.post(checkIn, {
        'how-are-things': '6',
        'something-not-right': 'yes',
        'what-was-it': 'The times stopped suiting me',
        'what-next': 'closing-session',
      });
      expect(answered.status).toBe(303);
      const summary = await (await p.browser.get(`${ending}/summary`)).text();
      expect(summary).toContain('Unplanned ending on 2 Mar 2026: the client stopped coming.');
      expect(summary).toContain('The times stopped suiting me');
      expect(summary).toContain('Have one session to close things properly');
      expect(await (await p.browser.get(ending)).text()).toContain('answered on');
    });

    it('shows a follow-up as due from the clock alone, and sends it once', async () => {
      const p = await practice('follow');
      const ending = `/episodes/${p.episodeId}/ending`;
      expect((await p.browser.post(ending, { _csrf: p.csrf, kind: 'planned', endedOn: '2026-03-02' })).status).toBe(
        303,
      );
      const bad = await p.browser.post(`${ending}/follow-up`, { _csrf: p.csrf, months: '2' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Choose 1, 3 or 6 months after the ending.');
      expect((await p.browser.post(`${ending}/follow-up`, { _csrf: p.csrf, months: '1' })).status).toBe(303);
      expect(await (await p.browser.get(ending)).text()).toContain('Due on 2 Apr 2026');
      expect(await (await p.browser.get('/endings')).text()).toContain('No follow-up is due.');
      const wait = Date.parse('2026-04-02T09:00:00.000Z') - clock.now().getTime();
      clock.advance(Math.max(0, wait) + DAY);
      // A month on, the therapist signs in again.
      const again = new TestBrowser(t.app);
      expect(
        (await again.post('/login', { email: 'end-follow@example.org', password: 'a long enough passphrase' })).status,
      ).toBe(303);
      p.browser = again;
      p.csrf = TestBrowser.csrfFrom(await (await again.get('/endings')).text());
      const list = await (await p.browser.get('/endings')).text();
      expect(list).toContain('EN-FOLLOW</a>: follow-up due since 2 Apr 2026');
      expect(await (await p.browser.get(`/clients/${p.clientId}`)).text()).toContain('Follow-up due');
      const sent = await p.browser.post(`${ending}/follow-up/send`, { _csrf: p.csrf, instrumentId: 'phq-9' });
      expect(sent.status).toBe(200);
      const followLink = linkOf(await sent.text());
      expect(await (await p.client.get(followLink)).text()).toContain(
        'A follow-up, some time after our sessions ended',
      );
      expect((await p.browser.post(`${ending}/follow-up/send`, { _csrf: p.csrf, instrumentId: 'phq-9' })).status).toBe(
        409,
      );
      expect(await (await p.browser.get('/endings')).text()).toContain('No follow-up is due.');
    });

    it('gives another practice a 404 for every ending page and form, and changes nothing', async () => {
      const p = await practice('owner');
      const b = await signUp(t.app, 'Endings stranger', 'end-stranger@example.org');
      const ending = `/episodes/${p.episodeId}/ending`;
      for (const path of [ending, `${ending}/summary`]) expect((await b.browser.get(path)).status).toBe(404);
      const rows = await count('episode_ending');
      for (const [path, fields] of [
        [ending, { kind: 'planned', endedOn: '2026-03-02' }],
        [`${ending}/preparation`, { sessionsLeft: '2' }],
        [`${ending}/review`, {}],
      ] as const) {
        expect((await b.browser.post(path, { _csrf: b.csrf, ...fields })).status).toBe(404);
      }
      expect(await count('episode_ending')).toBe(rows);
      expect(await opened.store.getEpisode(p.practiceId, asEpisodeId(p.episodeId))).toMatchObject({ status: 'open' });
      expect(await (await b.browser.get('/endings')).text()).not.toContain('EN-OWNER');
      expect(await (await b.browser.get('/practice/outcomes')).text()).toContain('Too few to read much into');
    });

    it('counts the practice’s outcomes with their denominators, and a therapist’s own episodes only', async () => {
      const admin = await signUpPractice(t, 'Outcomes practice', 'out-admin@example.org');
      const pid = admin.practiceId;
      // Twelve past episodes brought in, PHQ-9 first and last: 6 recovered, 3 improved, 2 unchanged, 1 deteriorated.
      const pairs = [
        ...Array.from({ length: 6 }, () => [19, 6]),
        ...Array.from({ length: 3 }, () => [24, 15]),
        [12, 10],
        [9, 9],
        [8, 16],
      ];
      const { scoreResponse } = await import('@rapport/core');
      const { loadInstrumentsOnce } = await import('../instruments/library.js');
      const def = loadInstrumentsOnce().get('phq-9')?.definition;
      if (!def) throw new Error('no PHQ-9');
      const episodes = [];
      for (const [i, [pre, post]] of pairs.entries()) {
        const c = await opened.store.createClient(
          pid,
          { code: `OUT-${String(i)}`, displayName: null },
          '2025-01-01T09:00:00.000Z',
        );
        if (!c.ok) throw new Error('setup');
        episodes.push({
          clientId: c.value.id,
          openedAt: '2025-01-01T09:00:00.000Z',
          closedAt: '2025-03-01T09:00:00.000Z',
          responses: [pre ?? 0, post ?? 0].map((total, k) => {
            const scored = scoreResponse(def, 'adult', phq9(total));
            if (!scored.ok) throw new Error('setup');
            const { answers, ...scores } = scored.value;
            return {
              instrumentId: 'phq-9',
              instrumentVersion: def.version,
              audience: 'adult' as const,
              moment: 'check-in' as const,
              answers,
              scores,
              flags: [],
              at: new Date(Date.parse('2025-01-02T09:00:00.000Z') + k * 30 * DAY).toISOString(),
            };
          }),
        });
      }
      expect((await opened.store.measures.importClosedEpisodes(pid, admin.user.id, episodes)).ok).toBe(true);
      // One ending recorded here, unplanned, by a therapist of the practice on an episode of their own.
      const added = await opened.store.addUser(
        pid,
        { email: 'out-t@example.org', name: 'Tess', role: 'therapist', passwordHash: 'x' },
        clock.now().toISOString(),
      );
      if (!added.ok) throw new Error('setup');
      const own = await clientWithEpisode(admin.browser, admin.csrf, 'OUT-OWN');
      await opened.store.measures.issueLink(pid, {
        episodeId: asEpisodeId(own.episodeId),
        instrumentId: 'rapport-relationship-check',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-out',
        tokenHash: 'out-own',
        issuedBy: added.value.id,
        issuedAt: clock.now().toISOString(),
        expiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      });
      await opened.store.endings.endEpisode(
        pid,
        asEpisodeId(own.episodeId),
        { kind: 'unplanned', reason: 'moved-away', endedOn: '2026-03-02' },
        { userId: added.value.id, at: clock.now().toISOString() },
      );

      const page = await (await admin.browser.get('/practice/outcomes')).text();
      const row = (label: string) => {
        const m = new RegExp(`<th scope="row">${label}</th><td>([^<]*)</td><td>([^<]*)`).exec(page);
        return m ? [m[1], m[2]] : null;
      };
      expect(page).toContain('The whole practice');
      expect(row('Episodes')).toEqual(['13', '0 open, 13 closed']);
      expect(row('Reliably improved \\(recovered included\\)')).toEqual([
        '9 (75%)',
        '12 closed episodes with a first and last score',
      ]);
      expect(row('Recovered')).toEqual(['6 (60%)', '10 that started in the clinical range']);
      expect(row('No reliable change')).toEqual(['2 (17%)', '12 closed episodes with a first and last score']);
      expect(row('Reliably deteriorated \\(harmed included\\)')).toEqual([
        '1 (8%)',
        '12 closed episodes with a first and last score',
      ]);
      expect(row('Unplanned endings')).toEqual(['1 (100%)', '1 closed episode with an ending recorded']);
      expect(page).toContain('12 closed episodes have no ending recorded');
      expect(page).toContain('Too few to read much into');

      // The administrator may read one clinician's episodes; the therapist reads only their own.
      const tess = await (await admin.browser.get(`/practice/outcomes?clinician=${added.value.id}`)).text();
      expect(tess).toContain('Episodes of Tess.');
      expect(tess).toContain('<th scope="row">Episodes</th><td>1</td>');
      const therapistBrowser = new TestBrowser(t.app);
      await opened.store.setPasswordHash(
        pid,
        added.value.id,
        (await opened.store.findLogin('out-admin@example.org'))?.passwordHash ?? '',
      );
      expect(
        (await therapistBrowser.post('/login', { email: 'out-t@example.org', password: 'a long enough passphrase' }))
          .status,
      ).toBe(303);
      const mine = await (await therapistBrowser.get(`/practice/outcomes?clinician=${admin.user.id}`)).text();
      expect(mine).toContain('Your episodes.');
      expect(mine).toContain('<th scope="row">Episodes</th><td>1</td>');
      expect(mine).not.toContain('Whose episodes');
    });
  });
}
