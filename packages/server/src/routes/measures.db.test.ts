import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { TestClock, issueLink, practiceWithClient, testApp, storedSignals } from '../testing/harness.js';

const check = (mean: number, extra: Record<string, string> = {}): Record<string, string> => ({
  bond: String(mean),
  goals: String(mean),
  approach: String(mean),
  understood: String(mean),
  respected: String(mean),
  genuine: String(mean),
  overall: String(mean),
  tension: 'no',
  ...extra,
});
const phq9 = (each: number, item9 = 0): Record<string, string> => ({
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`item-${String(i)}`, String(each)])),
  'item-9': String(item9),
});

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`sending measures and showing signals on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let n = 0;
    const clock = new TestClock();
    /** A minute between responses, so they have an order on every database. */
    const week = (): void => {
      clock.advance(60_000);
    };

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const practice = () => {
      n += 1;
      return practiceWithClient(t, `Measures ${String(n)}`, `m${String(n)}@example.org`, `MS-${String(n)}`);
    };

    it.each([
      ['phq-9', phq9(1), 'Copyright © Pfizer Inc.', 'item-1'],
      ['gad-7', Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`item-${String(i)}`, '2'])), 'Pfizer', 'item-7'],
      [
        'core-10',
        Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [`item-${String(i)}`, '1'])),
        '© CORE System Trust',
        'item-10',
      ],
      ['goal-based-outcomes', { 'goal-1': '3', 'goal-2': '4', 'goal-3': '5' }, 'CC BY 4.0', 'goal-3'],
      ['rapport-relationship-check', check(8), 'Rapport measure — not validated', 'tension'],
    ])(
      'sends %s, shows its credit line to the client and stores the scored response',
      async (id, answers, credit, lastItem) => {
        const p = await practice();
        const link = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: id, moment: 'check-in' });
        const form = await (await p.client.get(link)).text();
        expect(form).toContain(credit);
        expect(form).toContain(`name="${lastItem}"`);
        expect(form).toContain('Before your session');
        expect(form).not.toMatch(/<script/i);
        expect((await p.client.post(link, answers)).status).toBe(303);
        const [stored] = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
        expect(stored).toMatchObject({
          instrumentId: id,
          instrumentVersion: 1,
          status: 'complete',
          moment: 'check-in',
        });
        expect(stored?.total).not.toBeNull();
        const page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
        expect(page).toContain(`data-testid="latest-${id}"`);
      },
    );

    it('sends the young-person version to a young person and remembers the age group', async () => {
      const p = await practice();
      const link = await issueLink(p.browser, p.csrf, p.episodeId, { audience: 'young-person' });
      expect(await (await p.client.get(link)).text()).toContain('I felt my counsellor and I got on well today.');
      const page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toMatch(/<option value="young-person" selected/);
    });

    it('refuses a measure without a version for the client’s age group, and creates no link', async () => {
      const p = await practice();
      const res = await p.browser.post(`/episodes/${p.episodeId}/check-links`, {
        _csrf: p.csrf,
        instrumentId: 'phq-9',
        audience: 'child',
      });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('PHQ-9 has no version for children');
      for (const bad of [{ instrumentId: 'yp-core' }, { instrumentId: 'nope' }, { moment: 'whenever' }]) {
        const r = await p.browser.post(`/episodes/${p.episodeId}/check-links`, { _csrf: p.csrf, ...bad });
        expect(r.status).toBe(422);
      }
      expect(await opened.store.listCheckLinks(p.practiceId, p.clientId as ClientId)).toEqual([]);
    });

    it('keeps a partial response as an unscored draft, refills it, and flags a risk answer at once', async () => {
      const p = await practice();
      const link = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9' });
      const res = await p.client.post(link, { 'item-1': '2', 'item-9': '1' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Some questions still need an answer');
      expect(html).toContain('Your answers so far are saved');
      const [draft] = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
      expect(draft).toMatchObject({ status: 'draft', total: null, scores: null });
      expect(await (await p.client.get(link)).text()).toMatch(/name="item-1" value="2" checked/);
      const page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('Needs your attention');
      expect(page).toContain('Risk: PHQ-9');
      expect(page).toContain('from an unfinished response');
      expect(page).toContain('Unfinished (draft, not scored)');
      expect(await (await p.browser.get('/clients')).text()).toContain('class="badge risk"');
      // Finishing the draft scores it; nothing is left as a draft.
      expect((await p.client.post(link, phq9(1, 1))).status).toBe(303);
      const after = await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId);
      expect(after.map((r) => [r.status, r.total])).toEqual([['complete', 9]]);
    });

    it('refuses an out-of-range answer with a message for the client and writes nothing', async () => {
      const p = await practice();
      const link = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9' });
      const res = await p.client.post(link, { ...phq9(1), 'item-2': '7', sneaky: 'x' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Please choose one of the answers shown.');
      expect(html).toContain('Some answers need another look');
      expect(await opened.store.measures.listResponses(p.practiceId, p.clientId as ClientId)).toEqual([]);
    });

    it('shows the tension follow-ups without scripts and explains when to answer them', async () => {
      const p = await practice();
      const link = await issueLink(p.browser, p.csrf, p.episodeId);
      const html = await (await p.client.get(link)).text();
      expect(html).toContain('Answer this only if you said “Yes” to “Was there a moment today');
      expect(html).toContain('name="tension-resolved"');
      // Follow-ups answered after "no" are dropped, not refused.
      expect((await p.client.post(link, check(7, { 'tension-strength': '3' }))).status).toBe(303);
    });

    it('stores a rupture and its repair with the numbers, and shows them on the client page and the caseload', async () => {
      const p = await practice();
      const series: Record<string, string>[] = [
        check(8),
        check(8),
        check(8),
        check(4, { tension: 'yes', 'tension-strength': '3', 'tension-resolved': '1' }),
      ];
      for (const answers of series) {
        const link = await issueLink(p.browser, p.csrf, p.episodeId);
        expect((await p.client.post(link, answers)).status).toBe(303);
        week();
      }
      const stored = await storedSignals(t, p.practiceId, p.clientId as ClientId);
      const rupture = stored.find((s) => s.signal.kind === 'rupture')?.signal;
      expect(rupture).toMatchObject({ kind: 'rupture', score: 4, repair: { status: 'awaiting-repair' } });
      expect(stored.some((s) => s.signal.kind === 'flag' && s.signal.flag === 'relationship')).toBe(true);
      let page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('awaiting repair');
      expect(page).toContain('the score fell from 8 to 4 (a drop of 4)');
      expect(page).toContain('Strauss et al. 2006');
      expect(page).toContain('Not on track: each outcome measure');
      expect(await (await p.browser.get('/clients')).text()).toContain('>Rupture<');

      const link = await issueLink(p.browser, p.csrf, p.episodeId);
      expect((await p.client.post(link, check(8))).status).toBe(303);
      page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('repaired on');
      expect(await (await p.browser.get('/clients')).text()).toContain('Repaired rupture');
    });

    it('stores a reliable improvement on the PHQ-9 with its reliable-change value and source', async () => {
      const p = await practice();
      for (const each of [2, 1, 0]) {
        const link = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9' });
        expect((await p.client.post(link, phq9(each))).status).toBe(303);
        week();
      }
      const [signal] = await storedSignals(t, p.practiceId, p.clientId as ClientId);
      expect(signal?.signal).toMatchObject({ kind: 'reliable-change', direction: 'improved', change: -16 });
      const page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('Reliable improvement on PHQ-9');
      expect(page).toContain('Jacobson &amp; Truax (1991)');
      expect(page).toContain('larger than the reliable-change value of 6');
    });
  });
}
