import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, EpisodeId, PracticeId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { rotateDataKeys } from '../crypto/index.js';
import {
  TEST_MASTER_KEY,
  TestBrowser,
  TestClock,
  giveHome,
  issueLink,
  practiceWithClient,
  testApp,
} from '../testing/harness.js';

const RATINGS = ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'];
const check = (n: number, extra: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(RATINGS.map((k) => [k, String(n)])),
  tension: 'no',
  ...extra,
});
const phq9 = (each: number): Record<string, string> =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, String(i === 9 ? 0 : each)]));
const PIN = '5192';
const DAY = 86_400_000;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's voice on ${database.label}`, () => {
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

    async function practice() {
      n += 1;
      const p = await practiceWithClient(t, `Voice ${String(n)}`, `voice${String(n)}@example.org`, `VC-${String(n)}`);
      const page = async (): Promise<string> => (await p.browser.get(`/clients/${p.clientId}`)).text();
      return { ...p, page };
    }

    /** A client browser with the home given and unlocked. */
    async function home(p: Awaited<ReturnType<typeof practice>>) {
      const { path } = await giveHome(p.browser, p.csrf, p.episodeId);
      expect((await p.client.post(`${path}/pin`, { secret: PIN, again: PIN })).status).toBe(303);
      return path;
    }

    const audits = async (practiceId: PracticeId): Promise<string[]> =>
      (await opened.store.listAudit(practiceId, 200)).map((a) => `${a.actor.kind} ${a.action}`);

    it('highlights strong preferences on the client page, and lets the client change them from their home', async () => {
      const p = await practice();
      const prefs = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'rapport-preferences' });
      // Client leads strongly (b3 on lead-1, a3 on the reversed lead-2); the rest only slightly one way.
      const answers = {
        'lead-1': 'b3',
        'lead-2': 'a3',
        'feeling-1': 'a1',
        'feeling-2': 'b1',
        'past-1': 'none',
        'past-2': 'none',
        'challenge-1': 'a1',
        'challenge-2': 'none',
      };
      expect((await p.client.post(prefs, answers)).status).toBe(303);
      const page = await p.page();
      const strong = /data-testid="strong-preferences">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
      expect(strong).toContain('client leads');
      expect(strong).toContain('−3');
      expect(strong).not.toContain('Emotional intensity');
      expect(page).toContain('class="strong-preference"');

      const path = await home(p);
      const homePage = await (await p.client.get(path)).text();
      expect(homePage).toContain('Change what I want');
      const res = await p.client.post(`${path}/preferences`, { _csrf: TestBrowser.csrfFrom(homePage) });
      expect(res.status).toBe(303);
      const form = await (await p.client.get(res.headers.get('location') ?? '')).text();
      // Filled with the last answers, to change only what has changed.
      expect(form).toMatch(/name="lead-1" value="b3" checked=""/);
      const changed = await p.client.post(res.headers.get('location') ?? '', {
        ...answers,
        'lead-1': 'none',
        _csrf: TestBrowser.csrfFrom(form),
      });
      expect(changed.headers.get('location')).toBe(`${path}?notice=sent`);
      const after = await p.page();
      expect(/data-testid="strong-preferences"/.test(after)).toBe(false);
      expect(await audits(p.practiceId)).toEqual(expect.arrayContaining(['client preferences.revisit']));
    });

    it('keeps the comment sealed and apart; one held for next session shows only after the next check-in', async () => {
      const p = await practice();
      const shared = await issueLink(p.browser, p.csrf, p.episodeId);
      const form = await (await p.client.get(shared)).text();
      expect(form).toContain('Less-than-perfect answers help the most');
      expect(form).toContain('When should your counsellor read what you wrote?');
      await p.client.post(shared, check(7, { 'more-or-less': 'More <b>silence</b> please', 'comment-hold': 'now' }));
      clock.advance(60_000);
      const held = await issueLink(p.browser, p.csrf, p.episodeId);
      // Unfinished first: the comment is kept as a draft and comes back on the next visit.
      const draft = await p.client.post(held, {
        bond: '6',
        'more-or-less': 'HELD-MARKER less advice',
        'comment-hold': 'next-session',
      });
      expect(draft.status).toBe(422);
      expect(await (await p.client.get(held)).text()).toContain('HELD-MARKER less advice');
      await p.client.post(
        held,
        check(6, { 'more-or-less': 'HELD-MARKER less advice', 'comment-hold': 'next-session' }),
      );
      const bad = await issueLink(p.browser, p.csrf, p.episodeId);
      expect((await p.client.post(bad, check(6, { 'comment-hold': 'tomorrow' }))).status).toBe(422);

      let page = await p.page();
      expect(page).toContain('More &lt;b&gt;silence&lt;/b&gt; please');
      expect(page).not.toContain('HELD-MARKER');
      // Never among the scored answers, never in plain text at rest.
      const responses = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
      expect(JSON.stringify(responses)).not.toContain('silence');
      const rows = await opened.store.db.selectFrom('voice_comment').select('sealed_text').execute();
      expect(JSON.stringify(rows)).not.toMatch(/silence|HELD-MARKER/);

      clock.advance(60_000);
      const checkIn = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      await p.client.post(checkIn, phq9(1));
      page = await p.page();
      expect(page).toContain('HELD-MARKER less advice');
      expect(page).toContain('kept by the client for this session');
      expect(await audits(p.practiceId)).toEqual(
        expect.arrayContaining(['client-link comment.write', 'user voice.read']),
      );
    });

    it('moves a check-out to tomorrow: a new link that opens the next day, the old one closed', async () => {
      const p = await practice();
      const link = await issueLink(p.browser, p.csrf, p.episodeId);
      expect(await (await p.client.get(link)).text()).toContain('Rate it tomorrow');
      const checkIn = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      expect(await (await p.client.get(checkIn)).text()).not.toContain('Rate it tomorrow');
      expect((await p.client.post(`${checkIn}/later`, {})).status).toBe(409);

      const later = await p.client.post(`${link}/later`, {});
      expect(later.status).toBe(200);
      expect(later.headers.get('cache-control')).toBe('no-store');
      const next = /value="http:\/\/localhost(\/c\/[A-Za-z0-9_-]{43})"/.exec(await later.text())?.[1] ?? '';
      expect(next).not.toBe('');
      expect((await p.client.get(link)).status).toBe(410);
      const early = await p.client.get(next);
      expect(early.status).toBe(409);
      expect(await early.text()).toContain('This link opens on');

      clock.advance(DAY);
      const form = await (await p.client.get(next)).text();
      expect(form).toContain('About your most recent session');
      expect((await p.client.post(next, check(5))).status).toBe(303);
      const responses = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
      expect(responses.map((r) => r.moment)).toEqual(['deferred']);
      expect(await audits(p.practiceId)).toEqual(expect.arrayContaining(['client-link check.defer']));
    });

    it('moves a check-out to tomorrow from the home, which says when it opens', async () => {
      const p = await practice();
      const path = await home(p);
      await issueLink(p.browser, p.csrf, p.episodeId);
      const listed = await (await p.client.get(path)).text();
      const linkId = /\/check\/([0-9a-f-]{36})"/.exec(listed)?.[1] ?? '';
      // A post without the home's token (one forged on another site, the home cookie riding along) moves nothing.
      expect((await p.client.post(`${path}/check/${linkId}/later`, {})).status).toBe(403);
      expect(await (await p.client.get(path)).text()).not.toContain('You can rate your session tomorrow');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(listed)?.[1] ?? '';
      const res = await p.client.post(`${path}/check/${linkId}/later`, { _csrf: csrf });
      expect(res.headers.get('location')).toBe(`${path}?notice=later`);
      const after = await (await p.client.get(`${path}?notice=later`)).text();
      expect(after).toContain('You can rate your session tomorrow');
      expect(after).toContain('Coming up');
      expect(after).toContain('Rate your last session');
      // A stranger without the home unlocked gets the locked door.
      expect((await new TestBrowser(t.app).post(`${path}/check/${linkId}/later`, {})).status).toBe(401);
    });

    it('draws a child’s scale as faces with numbers, and tells a young person what their carer can see', async () => {
      const p = await practice();
      const child = await (
        await p.client.get(await issueLink(p.browser, p.csrf, p.episodeId, { audience: 'child' }))
      ).text();
      expect(child.match(/<use href="#face-\d"/g)?.length).toBe(7 * 11);
      expect(child).toContain('<symbol id="face-0"');
      expect(child).not.toMatch(/style=/);
      expect(child).toContain('Your carer can see: nothing you choose or write here.');
      const adult = await (
        await p.client.get(await issueLink(p.browser, p.csrf, p.episodeId, { audience: 'adult' }))
      ).text();
      expect(adult).not.toContain('face-0');
      expect(adult).not.toContain('Your carer can see');
      expect(adult).toContain('Your answers go only to your counsellor.');
    });

    it('keeps a carer’s ratings apart and shows the carer only what the episode’s setting allows', async () => {
      const p = await practice();
      const yp = await issueLink(p.browser, p.csrf, p.episodeId, { audience: 'young-person' });
      await p.client.post(yp, check(8, { 'more-or-less': 'YP-WORDS-MARKER' }));
      const carerLink = async (): Promise<string> => {
        const res = await p.browser.post(`/episodes/${p.episodeId}/carer-links`, {
          _csrf: p.csrf,
          instrumentId: 'goal-based-outcomes',
        });
        return /value="http:\/\/localhost(\/carer\/[A-Za-z0-9_-]{43})"/.exec(await res.text())?.[1] ?? '';
      };
      const carer = new TestBrowser(t.app);
      const first = await carerLink();
      const form = await (await carer.get(first)).text();
      expect(form).toContain('Goals for your child');
      expect((await carer.post(first, {})).status).toBe(422);
      const sent = await carer.post(first, { 'goal-1': '4', 'goal-2': '6' });
      expect(sent.headers.get('location')).toBe(first);
      let view = await (await carer.get(first)).text();
      expect(view).toContain('stay between them and their counsellor');
      expect(view).not.toMatch(/YP-WORDS-MARKER|How was today\?/);

      await p.browser.post(`/episodes/${p.episodeId}/carer-sharing`, { _csrf: p.csrf, sharing: 'answered' });
      view = await (await carer.get(first)).text();
      expect(view).toContain('How was today?');
      expect(view).not.toContain('8.0');
      expect(view).not.toContain('>8<');

      await p.browser.post(`/episodes/${p.episodeId}/carer-sharing`, { _csrf: p.csrf, sharing: 'scores' });
      view = await (await carer.get(first)).text();
      expect(view).toMatch(/<td>8<\/td>/);
      expect(view).not.toContain('YP-WORDS-MARKER');
      // The young person is told, on their next form.
      const next = await (
        await p.client.get(await issueLink(p.browser, p.csrf, p.episodeId, { audience: 'young-person' }))
      ).text();
      expect(next).toContain('Your carer can see: your total scores.');

      // Apart from the young person's: not in their responses or signals, shown to the therapist as the carer's.
      const responses = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
      expect(responses.map((r) => r.instrumentId)).toEqual(['rapport-relationship-check']);
      const page = await p.page();
      expect(page).toContain('the carer’s view, kept apart');
      expect((await carer.post(first, { 'goal-1': '1' })).status).toBe(409);
      expect(
        (await p.browser.post(`/episodes/${p.episodeId}/carer-sharing`, { _csrf: p.csrf, sharing: 'all' })).status,
      ).toBe(422);
      expect(await audits(p.practiceId)).toEqual(
        expect.arrayContaining(['client-link carer.submit', 'client-link carer.read', 'user carer-sharing.set']),
      );
    });

    it('marks answers given by phone unconfirmed, in the caseload too, until the client confirms or corrects them', async () => {
      const p = await practice();
      const form = await (
        await p.browser.get(`/episodes/${p.episodeId}/phone-entry?instrumentId=phq-9&moment=check-in`)
      ).text();
      expect(form).toContain('Answers given by phone: PHQ-9');
      const refused = await p.browser.post(`/episodes/${p.episodeId}/phone-entry`, {
        _csrf: p.csrf,
        instrumentId: 'phq-9',
        audience: 'adult',
        moment: 'check-in',
        'item-1': '2',
      });
      expect(refused.status).toBe(422);
      expect(await opened.store.voice.listPhoneEntries(p.practiceId, p.clientId as ClientId)).toEqual([]);
      const enter = async (each: number): Promise<string> => {
        const res = await p.browser.post(`/episodes/${p.episodeId}/phone-entry`, {
          _csrf: p.csrf,
          instrumentId: 'phq-9',
          audience: 'adult',
          moment: 'check-in',
          ...phq9(each),
        });
        expect(res.status).toBe(200);
        return /value="http:\/\/localhost(\/p\/[A-Za-z0-9_-]{43})"/.exec(await res.text())?.[1] ?? '';
      };
      const first = await enter(2);
      clock.advance(60_000);
      const second = await enter(1);
      let page = await p.page();
      expect(page.match(/not yet confirmed by the client/g)?.length).toBe(2);
      expect(page).toContain('Entered by phone, not yet confirmed');
      const caseload = await (await p.browser.get('/clients')).text();
      expect(caseload).toContain('Unconfirmed phone entry: <strong>1</strong>');

      const client = new TestBrowser(t.app);
      const shown = await (await client.get(first)).text();
      expect(shown).toContain('Are these your answers?');
      expect(shown).toContain('More than half the days');
      expect((await client.post(`${first}/confirm`, {})).headers.get('location')).toBe('/c/thanks');
      expect((await client.get(first)).status).toBe(409);
      const change = await (await client.get(`${second}/change`)).text();
      expect(change).toMatch(/name="item-1" value="1" checked=""/);
      expect((await client.post(`${second}/change`, { 'item-1': '9' })).status).toBe(422);
      expect((await client.post(`${second}/change`, phq9(0))).headers.get('location')).toBe('/c/thanks');

      page = await p.page();
      expect(page).toContain('confirmed by the client');
      expect(page).toContain('corrected by the client');
      expect(page).not.toContain('not yet confirmed by the client');
      expect(page).not.toContain('Entered by phone, not yet confirmed');
      const responses = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
      expect(responses.map((r) => r.total)).toEqual([16, 0]);
      expect(await audits(p.practiceId)).toEqual(
        expect.arrayContaining([
          'user phone-entry.write',
          'client-link phone-entry.read',
          'client-link phone-entry.confirm',
          'client-link phone-entry.correct',
        ]),
      );
    });

    it('moves the comment and the email address to a new data key on rotation, still readable', async () => {
      const p = await practice();
      await p.client.post(
        await issueLink(p.browser, p.csrf, p.episodeId),
        check(7, { 'more-or-less': 'ROTATE-MARKER' }),
      );
      await p.browser.post(`/clients/${p.clientId}/email`, { _csrf: p.csrf, email: 'rotate@example.net' });
      const sealed = async () =>
        JSON.stringify([
          await opened.store.db.selectFrom('voice_comment').select('sealed_text').execute(),
          await opened.store.db.selectFrom('client_contact').select('sealed_email').execute(),
        ]);
      const before = await sealed();
      const moved = await rotateDataKeys(opened.store.record, TEST_MASTER_KEY, clock.now().toISOString());
      expect(moved.values).toBeGreaterThanOrEqual(2);
      expect(await sealed()).not.toBe(before);
      const page = await p.page();
      expect(page).toContain('ROTATE-MARKER');
      expect(page).toContain('value="rotate@example.net"');
    });

    it('refuses what it cannot do plainly, writing nothing', async () => {
      const p = await practice();
      const other = await practice();
      expect((await other.browser.get(`/episodes/${p.episodeId}/phone-entry`)).status).toBe(404);
      expect(
        (await p.browser.get(`/episodes/${p.episodeId}/phone-entry?instrumentId=phq-9&audience=child`)).status,
      ).toBe(422);
      expect(
        (await p.browser.post(`/episodes/${p.episodeId}/carer-links`, { _csrf: p.csrf, instrumentId: 'phq-9' })).status,
      ).toBe(422);
      expect(
        (await p.browser.post(`/clients/${p.clientId}/email`, { _csrf: p.csrf, email: 'not an address' })).status,
      ).toBe(422);
      expect(await opened.store.voice.getClientEmail(p.practiceId, p.clientId as ClientId)).toBeNull();
      for (const path of [`/p/${'x'.repeat(43)}`, `/carer/${'x'.repeat(43)}`, '/p/short', '/carer/short']) {
        expect((await p.client.get(path)).status, path).toBe(404);
      }
      const links = await opened.store.listCheckLinks(p.practiceId, p.clientId as ClientId);
      expect(links).toEqual([]);
      const episodes = await opened.store.listEpisodes(p.practiceId, p.clientId as ClientId);
      expect(await opened.store.voice.getCarerSharing(p.practiceId, episodes[0]?.id as EpisodeId)).toBe('nothing');
    });
  });
}
