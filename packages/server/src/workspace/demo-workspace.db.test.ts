import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asPracticeId, type ClientSignal } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_EMAIL, ensureDemo } from '../demo.js';
import { TestBrowser, TestClock, testApp } from '../testing/harness.js';

const PASSWORD = 'a long enough passphrase';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the demo’s workspace on ${database.label}`, () => {
    let opened: OpenedTestStore;
    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('shows divergent views for Chloe, Ben’s rupture repaired in his own words, and a caseload sorted by need', async () => {
      const clock = new TestClock();
      const t = testApp(opened.store, clock);
      await ensureDemo(opened.store, clock.now(), PASSWORD, t.deps.instruments, t.deps.keys);
      const practiceId = asPracticeId((await opened.store.getMeta('demo.practice_id')) ?? '');
      const clients = await opened.store.listClients(practiceId);
      const signalsOf = async (code: string): Promise<ClientSignal[]> => {
        const client = clients.find((c) => c.code === code);
        return client ? (await opened.store.measures.listSignals(practiceId, client.id)).map((s) => s.signal) : [];
      };
      expect((await signalsOf('RC-103')).find((s) => s.kind === 'divergence')).toMatchObject({
        therapist: expect.closeTo(8.57, 2) as unknown,
        client: expect.closeTo(5.71, 2) as unknown,
        threshold: { basis: 'sd', sdSource: 'practice' },
      });
      expect((await signalsOf('RC-101')).some((s) => s.kind === 'divergence')).toBe(false);
      expect((await signalsOf('RC-102')).find((s) => s.kind === 'rupture')).toMatchObject({
        repair: { status: 'repaired', how: 'client-says-better' },
      });

      const browser = new TestBrowser(t.app);
      await browser.post('/login', { email: DEMO_EMAIL, password: PASSWORD });
      const html = await (await browser.get('/clients')).text();
      const order = [...html.matchAll(/<tr data-need="([^"]*)"><th scope="row"><a href="[^"]+">([^<]+)</g)].map(
        (m) => `${m[2] ?? ''}:${m[1] ?? ''}`,
      );
      expect(order.slice(0, 2)).toEqual(['RC-106:risk', 'RC-103:not-on-track']);
      expect(html).toContain('Divergent views: <strong>1</strong>');
      expect(html).toContain('Past clients (100)');
      expect(html).not.toContain('RC-H001');

      const ben = clients.find((c) => c.code === 'RC-102');
      const page = await (await browser.get(`/clients/${ben?.id ?? ''}`)).text();
      expect(page).toContain('the client said things feel better between you');
      const rupture = /href="(\/episodes\/[^"]+\/ruptures\/\d+)"/.exec(page)?.[1] ?? '';
      const guidance = await (await browser.get(rupture)).text();
      expect(guidance).toContain('I might have pushed the homework too hard');
    });
  });
}
