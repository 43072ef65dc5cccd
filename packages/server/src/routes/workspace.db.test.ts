import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ruptureKey, type ClientId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import {
  TestBrowser,
  TestClock,
  clientWithEpisode,
  issueLink,
  signUpPractice,
  testApp,
  storedSignals,
} from '../testing/harness.js';
import { tenseCheck } from '../testing/workspace-world.js';

const check = (mean: number): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((id) => [id, String(mean)]),
  ),
  tension: 'no',
});
const phq9 = (each: number, item9 = 0): Record<string, string> => ({
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`item-${String(i)}`, String(each)])),
  'item-9': String(item9),
});
const DAY = 86_400_000;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the therapist's workspace on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let n = 0;
    const clock = new TestClock();

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    async function practice() {
      n += 1;
      const email = `ws${String(n)}@example.org`;
      const { browser, csrf, practiceId } = await signUpPractice(t, `Workspace ${String(n)}`, email);
      /** A client with an open episode who answers the given checks, a minute apart. */
      const client = async (code: string, answers: readonly (readonly [string, Record<string, string>])[] = []) => {
        const ids = await clientWithEpisode(browser, csrf, code);
        const phone = new TestBrowser(t.app);
        for (const [instrumentId, form] of answers) {
          clock.advance(60_000);
          const link = await issueLink(browser, csrf, ids.episodeId, { instrumentId });
          const res = await phone.post(link, form);
          if (res.status !== 303) throw new Error(`answer refused: ${String(res.status)}`);
        }
        return { ...ids, phone };
      };
      /** Signs in again: a session ends after a while without use, and these tests move the clock on. */
      const signIn = async () => {
        await browser.post('/login', { email, password: 'a long enough passphrase' });
      };
      return { browser, csrf, practiceId, client, signIn };
    }

    const rows = (html: string): string[] =>
      [...html.matchAll(/<tr data-need="[^"]*"><th scope="row"><a href="\/clients\/[^"]+">([^<]+)<\/a>/g)].map(
        (m) => m[1] ?? '',
      );

    it('sorts the caseload by need, counts each need and filters by it without script', async () => {
      const p = await practice();
      await p.client('C-CALM', [['rapport-relationship-check', check(8)]]);
      await p.client('C-RUPTURE', [['rapport-relationship-check', tenseCheck()]]);
      await p.client('C-RISK', [['phq-9', phq9(1, 1)]]);
      await p.client('C-WORSE', [
        ['phq-9', phq9(0)],
        ['phq-9', phq9(2)],
      ]);
      const past = await opened.store.createClient(
        p.practiceId,
        { code: 'C-PAST', displayName: null },
        clock.now().toISOString(),
      );
      if (!past.ok) throw new Error('setup');

      const res = await p.browser.get('/clients');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(rows(html)).toEqual(['C-RISK', 'C-RUPTURE', 'C-WORSE', 'C-CALM']);
      expect(html).toContain('Risk: <strong>1</strong>');
      expect(html).toContain('Unrepaired rupture: <strong>1</strong>');
      expect(html).toContain('Reliably worse: <strong>1</strong>');
      expect(html).toContain('Unconfirmed phone entry: <strong>0</strong>');
      expect(html).not.toContain('not recorded by Rapport yet');
      expect(html).toContain('Everyone with an open episode: <strong>4</strong>');
      // The past client is not in the main list, only behind its own link.
      expect(html).not.toContain('>C-PAST<');
      expect(html).toContain('Past clients (1)');
      expect(await (await p.browser.get('/clients?view=past')).text()).toContain('>C-PAST<');

      const filtered = await (await p.browser.get('/clients?need=rupture')).text();
      expect(rows(filtered)).toEqual(['C-RUPTURE']);
      expect(filtered).toContain('aria-current="true"');

      const unknown = await p.browser.get('/clients?need=nonsense');
      expect(unknown.status).toBe(400);
      const body = await unknown.text();
      expect(body).toContain('not one Rapport knows');
      expect(body).not.toContain('nonsense');
      expect(rows(body)).toHaveLength(4);

      const audit = await opened.store.listAudit(p.practiceId, 50);
      expect(audit.some((e) => e.action === 'caseload.read')).toBe(true);
    });

    it('counts a client as overdue after more than 14 days without a completed measure', async () => {
      const p = await practice();
      await p.client('O-QUIET', [['rapport-relationship-check', check(8)]]);
      expect(await (await p.browser.get('/clients')).text()).toContain('Overdue a measure: <strong>0</strong>');
      clock.advance(15 * DAY);
      await p.signIn();
      const html = await (await p.browser.get('/clients?need=overdue')).text();
      expect(rows(html)).toEqual(['O-QUIET']);
      expect(html).toContain('Overdue a measure: <strong>1</strong>');
    });

    it('takes the therapist’s rating on the mirrored form and raises divergence with its numbers', async () => {
      const p = await practice();
      const c = await p.client('D-1', [['rapport-relationship-check', check(5)]]);
      const form = await p.browser.get(`/episodes/${c.episodeId}/perspective`);
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain('I felt my client and I were connected today.');
      expect(html).toContain('name="day"');

      const day = clock.now().toISOString().slice(0, 10);
      const before = await opened.store.repair.listTherapistRatings(p.practiceId, c.clientId as ClientId);
      // Unanswered questions: refused, nothing written.
      const incomplete = await p.browser.post(`/episodes/${c.episodeId}/perspective`, { _csrf: p.csrf, day });
      expect(incomplete.status).toBe(422);
      expect(await incomplete.text()).toContain('Some questions still need an answer.');
      const future = await p.browser.post(`/episodes/${c.episodeId}/perspective`, {
        _csrf: p.csrf,
        day: '2099-01-01',
        ...check(9),
      });
      expect(future.status).toBe(422);
      expect(await opened.store.repair.listTherapistRatings(p.practiceId, c.clientId as ClientId)).toEqual(before);

      const saved = await p.browser.post(`/episodes/${c.episodeId}/perspective`, { _csrf: p.csrf, day, ...check(8) });
      expect(saved.status).toBe(303);
      const signals = await storedSignals(t, p.practiceId, c.clientId as ClientId);
      expect(signals.map((s) => s.signal)).toContainEqual(
        expect.objectContaining({
          kind: 'divergence',
          client: 5,
          therapist: 8,
          gap: 3,
          threshold: expect.objectContaining({ basis: 'sd', value: 1.5 }) as unknown,
        }),
      );
      const page = await (await p.browser.get(`/clients/${c.clientId}`)).text();
      expect(page).toContain('Divergent views: you rated the session');
      expect(page).toContain(
        'Your rating 8, your client’s 5 on Relationship check: 3 points higher, more than 1 × SD 1.5',
      );
      expect(page).toContain('Two perspectives');
      expect(page).toContain('clearly higher');
      expect(rows(await (await p.browser.get('/clients?need=divergence')).text())).toEqual(['D-1']);

      // A second rating of the same session replaces the first; a matching view clears the signal.
      expect(
        (await p.browser.post(`/episodes/${c.episodeId}/perspective`, { _csrf: p.csrf, day, ...check(6) })).status,
      ).toBe(303);
      expect(await opened.store.repair.listTherapistRatings(p.practiceId, c.clientId as ClientId)).toHaveLength(1);
      const after = await storedSignals(t, p.practiceId, c.clientId as ClientId);
      expect(after.some((s) => s.signal.kind === 'divergence')).toBe(false);
      const audit = await opened.store.listAudit(p.practiceId, 50);
      expect(audit.filter((e) => e.action === 'perspective.write')).toHaveLength(2);
      expect(audit.some((e) => e.action === 'perspective.read')).toBe(true);
    });

    it('follows a rupture to repair: guidance, a noted attempt, the client says better, repaired', async () => {
      const p = await practice();
      const c = await p.client('R-1', [['rapport-relationship-check', tenseCheck()]]);
      const [rupture] = (await storedSignals(t, p.practiceId, c.clientId as ClientId))
        .map((s) => s.signal)
        .filter((s) => s.kind === 'rupture');
      if (!rupture) throw new Error('no rupture');
      const path = `/episodes/${c.episodeId}/ruptures/${ruptureKey(rupture.at)}`;
      expect(await (await p.browser.get(`/clients/${c.clientId}`)).text()).toContain(`href="${path}"`);

      const guidance = await p.browser.get(path);
      expect(guidance.status).toBe(200);
      const text = await guidance.text();
      expect(text).toContain('Withdrawal');
      expect(text).toContain('Confrontation');
      expect(text).toContain('Metacommunication');
      expect(text).toContain('href="/guide/ruptures-and-repair/rupture-what-to-say"');
      expect(text).toContain('awaiting repair');

      const saved = await p.browser.post(`${path}/attempts`, {
        _csrf: p.csrf,
        text: 'Named the moment gently and asked what it was like.',
      });
      expect(saved.status).toBe(303);
      expect(await (await p.browser.get(`${path}?saved=1`)).text()).toContain(
        'Named the moment gently and asked what it was like.',
      );
      // Sealed at rest: the store holds ciphertext only.
      const [attempt] = await opened.store.repair.listRepairAttempts(p.practiceId, c.episodeId as never);
      expect(attempt?.sealedText).not.toContain('Named the moment');

      // The next check asks the one optional question; a value not offered is refused, nothing written.
      clock.advance(60_000);
      const link = await issueLink(p.browser, p.csrf, c.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      const form = await (await c.phone.get(link)).text();
      expect(form).toContain('name="repair-between-us"');
      const bad = await c.phone.post(link, { ...phq9(1), 'repair-between-us': 'perhaps' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Choose one of the answers offered');
      expect(await opened.store.repair.listRepairAnswers(p.practiceId, c.clientId as ClientId)).toEqual([]);
      const responses = await opened.store.measures.listResponses(p.practiceId, c.clientId as ClientId);
      expect(responses).toHaveLength(1);

      expect((await c.phone.post(link, { ...phq9(1), 'repair-between-us': 'better' })).status).toBe(303);
      const after = (await storedSignals(t, p.practiceId, c.clientId as ClientId))
        .map((s) => s.signal)
        .find((s) => s.kind === 'rupture');
      expect(after).toMatchObject({ repair: { status: 'repaired', how: 'client-says-better' } });
      const page = await (await p.browser.get(path)).text();
      expect(page).toContain('the client said things feel better between you');
      expect(page).toContain('asked whether things feel better between you, answered “Yes, better”');
      expect(await (await p.browser.get(`/clients/${c.clientId}`)).text()).toContain('1 repair attempt noted');
      // Repaired: the next check no longer asks.
      const next = await issueLink(p.browser, p.csrf, c.episodeId);
      expect(await (await c.phone.get(next)).text()).not.toContain('repair-between-us');
      const audit = await opened.store.listAudit(p.practiceId, 80);
      for (const action of ['rupture.read', 'repair-attempt.write', 'repair.answer']) {
        expect(audit.some((e) => e.action === action)).toBe(true);
      }
    });

    it('refuses an empty or too long note and an unknown rupture, writing nothing', async () => {
      const p = await practice();
      const c = await p.client('B-1', [['rapport-relationship-check', tenseCheck()]]);
      const [rupture] = (await storedSignals(t, p.practiceId, c.clientId as ClientId))
        .map((s) => s.signal)
        .filter((s) => s.kind === 'rupture');
      if (!rupture) throw new Error('no rupture');
      const path = `/episodes/${c.episodeId}/ruptures/${ruptureKey(rupture.at)}`;

      const empty = await p.browser.post(`${path}/attempts`, { _csrf: p.csrf, text: '   ' });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('Write something before saving.');
      const long = await p.browser.post(`${path}/attempts`, { _csrf: p.csrf, text: 'x'.repeat(2001) });
      expect(long.status).toBe(422);
      expect(await long.text()).toContain('at most 2000 characters');

      const other = ruptureKey(new Date(Date.parse(rupture.at) + 1).toISOString());
      for (const bad of [other, 'not-a-key', '9'.repeat(20)]) {
        expect((await p.browser.get(`/episodes/${c.episodeId}/ruptures/${bad}`)).status).toBe(404);
        const post = await p.browser.post(`/episodes/${c.episodeId}/ruptures/${bad}/attempts`, {
          _csrf: p.csrf,
          text: 'Something',
        });
        expect(post.status).toBe(404);
      }
      expect(await opened.store.repair.listRepairAttempts(p.practiceId, c.episodeId as never)).toEqual([]);
    });
  });
}
