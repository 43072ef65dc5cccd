import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EpisodeId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_EMAIL, ensureDemo, type DemoResult } from '../demo.js';
import { TestBrowser, testApp, testKeyring } from '../testing/harness.js';
import { openNotes } from '../record/client-text.js';
import { DEMO_HOME_PIN } from './demo-home.js';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the demo client's home on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let demo: DemoResult;

    beforeAll(async () => {
      opened = await database.open();
      demo = await ensureDemo(
        opened.store,
        new Date('2026-03-02T09:00:00.000Z'),
        'demo passphrase long',
        undefined,
        testKeyring(opened.store),
      );
    }, 120_000);
    afterAll(async () => {
      await opened.dispose();
    });

    it('opens with the printed PIN and holds three goals with ratings, one shared note and one private', async () => {
      const home = demo.home;
      expect(home).toMatchObject({ clientCode: 'RC-101', pin: DEMO_HOME_PIN });
      const { app } = testApp(opened.store);
      const client = new TestBrowser(app);
      expect((await client.post(`${home?.path ?? ''}/unlock`, { secret: DEMO_HOME_PIN })).status).toBe(303);
      const goals = await (await client.get(`${home?.path ?? ''}/goals`)).text();
      expect(goals).toContain('Sing with the choir again');
      expect(goals).toContain('Old words: Go back to the choir');
      const progress = await (await client.get(`${home?.path ?? ''}/progress`)).text();
      expect(progress).toContain('This was the week Dad was in hospital.');
      expect(progress).toContain('The breathing before bed is starting to work.');

      const login = await opened.store.findLogin(DEMO_EMAIL);
      const practiceId = login?.user.practiceId;
      if (!practiceId) throw new Error('no demo practice');
      const [amara] = (await opened.store.listClients(practiceId)).filter((c) => c.code === 'RC-101');
      const [episode] = await opened.store.listEpisodes(practiceId, amara?.id ?? ('' as never));
      const episodeId = episode?.id ?? ('' as EpisodeId);
      const stored = await opened.store.home.listGoals(practiceId, episodeId);
      expect(stored.map((g) => g.ratings.length)).toEqual([4, 4, 4]);
      const shared = await opened.store.home.listSharedNotes(practiceId, episodeId);
      const opens = await openNotes(testKeyring(opened.store), practiceId, shared);
      expect(opens.map((n) => n.text)).toEqual(['The breathing before bed is starting to work.']);

      // A later run creates nothing and prints no link.
      const again = await ensureDemo(opened.store, new Date('2026-03-03T09:00:00.000Z'), undefined);
      expect(again.home).toBeUndefined();
    });
  });
}
