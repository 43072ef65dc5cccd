import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CheckLinkId, ClientId, EpisodeId, PracticeId, UserId } from '@rapport/core';
import { GroupCommit } from './group-commit.js';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, issueMeasureLink, storedScores, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (days: number): string => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`group commit on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let user: UserId;
    let client: ClientId;
    let episode: EpisodeId;
    let tokens = 0;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'g', T0);
      practice = two.practice;
      user = two.admin.id;
      ({ clientId: client, episodeId: episode } = await clientWithEpisode(store, practice, 'G-1', T0));
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const link = (): Promise<CheckLinkId> => {
      tokens += 1;
      return issueMeasureLink(store, practice, {
        episodeId: episode,
        issuedBy: user,
        tokenHash: `group-${String(tokens)}`,
        at: T0,
      });
    };

    const submit = (id: CheckLinkId, total: number) =>
      store.measures.submitResponse(practice, id, {
        answers: {},
        scores: storedScores('phq-9', total, 27),
        flags: [],
        submittedAt: later(1),
      });

    it('stores every one of many submissions sent at once, and one of two racing for the same link', async () => {
      const ids = await Promise.all(Array.from({ length: 24 }, () => link()));
      // Sent in one turn, they share a transaction; the last link is sent twice, in the same batch.
      const results = await Promise.all([
        ...ids.map((id, i) => submit(id, i % 28)),
        ...ids.slice(-1).map((id) => submit(id, 1)),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(24);
      expect(results.flatMap((r) => (r.ok ? [] : [r.error.code]))).toEqual(['link-used']);
      const stored = await store.measures.listResponses(practice, client);
      expect(new Set(stored.filter((r) => r.status === 'complete').map((r) => r.checkLinkId))).toEqual(new Set(ids));
    });

    it('rolls back only the job that failed: the others in its batch commit', async () => {
      const commits = new GroupCommit(store.db);
      const write = (key: string, fail: boolean) =>
        commits.run(async (trx) => {
          await trx.insertInto('rapport_meta').values({ key, value: 'written' }).execute();
          if (fail) throw new Error(`job ${key} failed after writing`);
          return key;
        });
      const outcomes = await Promise.allSettled([write('g-a', false), write('g-b', true), write('g-c', false)]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.getMeta('g-a')).toBe('written');
      expect(await store.getMeta('g-b')).toBeNull();
      expect(await store.getMeta('g-c')).toBe('written');
    });
  });
}
