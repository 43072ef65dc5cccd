import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { diffContracts } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_CONTRACTS, seedDemoContracts } from './demo-contracts.js';
import { loadClauseLibraryOnce } from './library.js';
import { testKeyring } from '../testing/harness.js';
import { openQuestions } from '../record/client-text.js';

const T0 = '2026-01-05T09:00:00.000Z';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`demo contracts on ${database.label}`, () => {
    let opened: OpenedTestStore;
    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('seeds contracts for several settings from the real clause library, one renegotiated', async () => {
      const store = opened.store;
      const p = await store.createPractice(
        { practiceName: 'Demo', admin: { email: 'd@example.org', name: 'D', passwordHash: 'h' } },
        T0,
      );
      if (!p.ok) throw new Error('setup');
      const practiceId = p.value.practice.id;
      for (const story of DEMO_CONTRACTS) {
        const c = await store.createClient(practiceId, { code: story.code, displayName: null }, T0);
        if (!c.ok) throw new Error('setup');
        await store.openEpisode(practiceId, c.value.id, T0);
      }
      await seedDemoContracts(
        store,
        practiceId,
        p.value.user.id,
        loadClauseLibraryOnce(),
        new Date('2026-03-01T09:00:00.000Z'),
        testKeyring(store),
      );

      const versionsOf = async (code: string) => {
        const client = (await store.listClients(practiceId)).find((c) => c.code === code);
        const episode = client ? (await store.listEpisodes(practiceId, client.id))[0] : undefined;
        return episode ? store.frame.listContractVersions(practiceId, episode.id) : [];
      };
      const settings = new Set<string>();
      for (const story of DEMO_CONTRACTS) {
        for (const v of await versionsOf(story.code)) for (const s of v.body.settings) settings.add(s);
      }
      expect([...settings].sort()).toEqual(['in-person', 'telephone', 'text', 'video']);

      const ben = await versionsOf('RC-102');
      expect(ben.map((v) => [v.version, v.agreements.map((a) => a.signedName)])).toEqual([
        [1, ['Ben']],
        [2, ['Ben']],
      ]);
      const [v1, v2] = ben;
      if (!v1 || !v2) throw new Error('two versions expected');
      const changed = diffContracts(v1.body, v2.body).sections;
      expect(changed.length).toBeGreaterThan(0);
      expect(JSON.stringify(changed)).toContain('every other week');

      const erin = await versionsOf('RC-105');
      expect(erin[0]?.agreements).toEqual([]);
      expect(erin[0]?.questions).toHaveLength(1);
      const erinEpisode = erin[0]?.episodeId;
      if (!erinEpisode) throw new Error('Erin has a contract');
      const asked = await openQuestions(
        testKeyring(store),
        practiceId,
        await store.frame.listContractQuestions(practiceId, erinEpisode),
      );
      expect([...asked.values()].flat().map((q) => q.text)).toEqual(['What happens if my phone signal drops?']);
    });
  });
}
