import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asPracticeId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_EMAIL, ensureDemo } from '../demo.js';
import { TestBrowser, TestClock, testApp } from '../testing/harness.js';

const PASSWORD = 'a long enough passphrase';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the demo’s endings on ${database.label}`, () => {
    let opened: OpenedTestStore;
    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('agrees Amara’s last sessions, answers a past client’s check-in, shows a follow-up due, and reads the practice sensibly', async () => {
      const clock = new TestClock();
      const t = testApp(opened.store, clock);
      await ensureDemo(opened.store, clock.now(), PASSWORD, t.deps.instruments, t.deps.keys);
      const practiceId = asPracticeId((await opened.store.getMeta('demo.practice_id')) ?? '');
      const browser = new TestBrowser(t.app);
      expect((await browser.post('/login', { email: DEMO_EMAIL, password: PASSWORD })).status).toBe(303);

      const list = await (await browser.get('/endings')).text();
      expect(list).toMatch(/RC-H099<\/a>: follow-up due since/);
      expect(list).toContain('RC-101</a>: 3 sessions left, as agreed with the client.');
      expect(list).toMatch(/RC-H098<\/a>: Unplanned ending on [^<]*: the client stopped coming\./);

      const amara = (await opened.store.listClients(practiceId)).find((c) => c.code === 'RC-101');
      expect(await (await browser.get(`/clients/${amara?.id ?? ''}`)).text()).toContain('3 sessions left');

      const stopped = /href="(\/episodes\/[^"]+\/ending)">RC-H098</.exec(list)?.[1] ?? '';
      const summary = await (await browser.get(`${stopped}/summary`)).text();
      expect(summary).toContain('so I stopped coming instead');
      expect(summary).toContain('Have one session to close things properly');
      expect(summary).toMatch(/PHQ-9: first \d/);

      // The 100 past clients read as closed episodes with scores, most with no ending recorded.
      const outcomes = await (await browser.get('/practice/outcomes')).text();
      // The demo's current clients each have one open episode; counted, not written in, so new demo clients do not break this.
      const open = (await opened.store.listClients(practiceId)).reduce((n, c) => n + c.openEpisodes, 0);
      expect(open).toBeGreaterThan(0);
      expect(outcomes).toContain(
        `<th scope="row">Episodes</th><td>${String(open + 100)}</td><td>${String(open)} open, 100 closed`,
      );
      expect(outcomes).toContain('100 closed episodes with a first and last score');
      expect(outcomes).toContain('<td>1 (50%)</td><td>2 closed episodes with an ending recorded');
      expect(outcomes).toContain('98 closed episodes have no ending recorded');
    });
  });
}
