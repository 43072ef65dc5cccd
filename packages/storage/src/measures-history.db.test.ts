import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, PracticeId, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import type { PastEpisode } from './measures-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { newClient, openEpisode, storedScores, twoPractices } from './testing/fixtures.js';

const T0 = '2025-01-06T09:00:00.000Z';
const day = (n: number): string => new Date(Date.parse(T0) + n * 86_400_000).toISOString();

/** A past episode of weekly responses; `totals` in the order they were given. */
function past(clientId: ClientId, start: number, totals: readonly number[], instrumentId = 'phq-9'): PastEpisode {
  return {
    clientId,
    openedAt: day(start),
    closedAt: day(start + 7 * totals.length),
    responses: totals.map((total, i) => ({
      instrumentId,
      instrumentVersion: 1,
      audience: 'adult',
      moment: 'check-in',
      answers: {},
      scores: storedScores(instrumentId, total, 27),
      flags: [],
      at: day(start + 7 * i + 1),
    })),
  };
}

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`a practice's completed episodes on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let otherUser: UserId;
    let client: ClientId;
    let second: ClientId;
    let stranger: ClientId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'h', T0);
      ({ practice, other } = two);
      user = two.admin.id;
      otherUser = two.otherAdmin.id;
      [client, second, stranger] = await Promise.all([
        newClient(store, practice, 'H-1', T0),
        newClient(store, practice, 'H-2', T0),
        newClient(store, other, 'H-3', T0),
      ]);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('lists each closed episode’s totals in session order, by instrument, only within the practice', async () => {
      expect(await store.measures.countClosedEpisodes(practice)).toBe(0);
      expect(await store.measures.listClosedEpisodeTotals(practice, ['phq-9'])).toEqual(new Map());
      // Given out of order: the store orders each episode by when the responses were given.
      const first = past(client, 0, [20, 16, 12]);
      const shuffled: PastEpisode = { ...first, responses: [...first.responses].reverse() };
      const imported = await store.measures.importClosedEpisodes(practice, user, [
        shuffled,
        past(second, 30, [9, 8]),
        past(second, 60, [5, 6, 7], 'gad-7'),
      ]);
      expect(imported).toEqual({ ok: true, value: { episodes: 3, responses: 8 } });
      await store.measures.importClosedEpisodes(other, otherUser, [past(stranger, 0, [27, 27])]);

      // An open episode's responses are not a completed episode's.
      const open = await openEpisode(store, practice, client, day(100));
      const link = await store.measures.issueLink(practice, {
        episodeId: open,
        instrumentId: 'phq-9',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-in',
        tokenHash: 'open-link',
        issuedBy: user,
        issuedAt: day(100),
        expiresAt: day(107),
      });
      if (!link.ok) throw new Error('setup');
      await store.measures.submitResponse(practice, link.value.id, {
        answers: {},
        scores: storedScores('phq-9', 3, 27),
        flags: [],
        submittedAt: day(101),
      });

      expect(await store.measures.countClosedEpisodes(practice)).toBe(3);
      expect(await store.measures.countClosedEpisodes(other)).toBe(1);
      const totals = await store.measures.listClosedEpisodeTotals(practice, ['phq-9', 'gad-7']);
      expect([...(totals.get('phq-9') ?? [])].sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0))).toEqual([
        [20, 16, 12],
        [9, 8],
      ]);
      expect(totals.get('gad-7')).toEqual([[5, 6, 7]]);
      expect((await store.measures.listClosedEpisodeTotals(practice, ['gad-7'])).get('phq-9')).toBeUndefined();
      expect(await store.measures.listClosedEpisodeTotals(other, ['phq-9'])).toEqual(new Map([['phq-9', [[27, 27]]]]));
      // The imported responses read like any other, and their links can never be used.
      const responses = await store.measures.listResponses(practice, client);
      expect(responses.map((r) => r.total)).toEqual([20, 16, 12, 3]);
      expect((await store.listCheckLinks(practice, client)).every((l) => l.usedAt !== null)).toBe(true);
    });

    it('imports nothing when a client or the user belongs to another practice, or an episode ends before it starts', async () => {
      const before = await store.measures.countClosedEpisodes(practice);
      const foreign = await store.measures.importClosedEpisodes(practice, user, [
        past(client, 200, [10]),
        past(stranger, 200, [10]),
      ]);
      expect(foreign.ok ? 'ok' : foreign.error.code).toBe('not-found');
      const wrongUser = await store.measures.importClosedEpisodes(practice, otherUser, [past(client, 200, [10])]);
      expect(wrongUser.ok ? 'ok' : wrongUser.error.code).toBe('not-found');
      const backwards = await store.measures.importClosedEpisodes(practice, user, [
        { ...past(client, 200, [10]), closedAt: day(199) },
      ]);
      expect(backwards.ok ? 'ok' : backwards.error.code).toBe('invalid-input');
      expect(await store.measures.countClosedEpisodes(practice)).toBe(before);
      expect((await store.measures.listResponses(practice, client)).length).toBe(4);
    });
  });
}
