import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CheckLinkId, ClientId, ClientSignal, EpisodeId, PracticeId, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, issueMeasureLink, storedScores, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (days: number): string => new Date(Date.parse(T0) + days * 86_400_000).toISOString();
const flag = { id: 'self-harm-thoughts', kind: 'risk', message: 'Ask about safety.', itemIds: ['item-9'] } as const;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`measures storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let client: ClientId;
    let episode: EpisodeId;
    let tokens = 0;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'm', T0);
      ({ practice, other } = two);
      user = two.admin.id;
      ({ clientId: client, episodeId: episode } = await clientWithEpisode(store, practice, 'M-1', T0));
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const link = (p: PracticeId = practice): Promise<CheckLinkId> => {
      tokens += 1;
      return issueMeasureLink(store, p, {
        episodeId: episode,
        issuedBy: user,
        tokenHash: `hash-${String(tokens)}`,
        at: T0,
        audience: 'young-person',
        moment: 'deferred',
      });
    };

    it('issues a link with its audience and moment, only within the practice', async () => {
      const id = await link();
      expect(await store.measures.findLinkInfo(practice, id)).toEqual({ audience: 'young-person', moment: 'deferred' });
      expect(await store.measures.findLinkInfo(other, id)).toBeNull();
      await expect(link(other)).rejects.toThrow('No such episode');
    });

    it('keeps a draft, replaces it, then turns it into one complete response and refuses a second', async () => {
      const id = await link();
      const d1 = await store.measures.saveDraft(practice, id, {
        answers: { 'item-1': { kind: 'option', code: '2' } },
        flags: [],
        savedAt: later(1),
      });
      expect(d1.ok && d1.value.status).toBe('draft');
      await store.measures.saveDraft(practice, id, {
        answers: { 'item-9': { kind: 'option', code: '1' } },
        flags: [flag],
        savedAt: later(1),
      });
      const draft = await store.measures.getDraft(practice, id);
      expect(draft).toMatchObject({ answers: { 'item-9': { kind: 'option', code: '1' } }, flags: [flag], total: null });
      expect(await store.measures.getDraft(other, id)).toBeNull();

      const done = await store.measures.submitResponse(practice, id, {
        answers: { 'item-1': { kind: 'option', code: '2' } },
        scores: storedScores('phq-9', 12, 27),
        flags: [],
        submittedAt: later(2),
      });
      expect(done.ok && done.value).toMatchObject({ status: 'complete', total: 12, audience: 'young-person' });
      const again = await store.measures.submitResponse(practice, id, {
        answers: {},
        scores: storedScores('phq-9', 0, 27),
        flags: [],
        submittedAt: later(2),
      });
      expect(again.ok ? 'ok' : again.error.code).toBe('link-used');
      const lateDraft = await store.measures.saveDraft(practice, id, { answers: {}, flags: [], savedAt: later(3) });
      expect(lateDraft.ok ? 'ok' : lateDraft.error.code).toBe('link-used');
      const all = await store.measures.listResponses(practice, client);
      expect(all.filter((r) => r.checkLinkId === id).map((r) => [r.status, r.total])).toEqual([['complete', 12]]);
      expect(await store.measures.listResponses(other, client)).toEqual([]);
      expect((await store.measures.latestTotals(practice, 'phq-9')).get(client)?.total).toBe(12);
      // The late draft and the refused second answer add nothing to the practice's sums; another practice has none.
      expect(await store.measures.ratingMoments(practice, 'phq-9')).toEqual({
        ratings: 1,
        clients: 1,
        sum: 12,
        sumOfSquares: 144,
      });
      expect((await store.measures.ratingMoments(other, 'phq-9')).ratings).toBe(0);
    });

    it('refuses a response after the link has expired and writes nothing', async () => {
      const id = await link();
      const r = await store.measures.submitResponse(practice, id, {
        answers: {},
        scores: storedScores('phq-9', 1, 27),
        flags: [],
        submittedAt: later(8),
      });
      expect(r.ok ? 'ok' : r.error.code).toBe('link-expired');
      expect(await store.measures.getDraft(practice, id)).toBeNull();
    });

    it('replaces a client’s signals as a set and keeps them within the practice', async () => {
      const signal: ClientSignal = {
        kind: 'flag',
        flag: 'risk',
        flagId: 'self-harm-thoughts',
        message: 'Ask about safety.',
        instrumentId: 'phq-9',
        at: later(1),
        draft: true,
      };
      await store.measures.replaceSignals(practice, client, [signal, { ...signal, draft: false }], later(1));
      await store.measures.replaceSignals(practice, client, [signal], later(2));
      expect((await store.measures.listSignals(practice, client)).map((s) => s.signal)).toEqual([signal]);
      expect((await store.measures.listSignals(practice, client, 'flag')).map((s) => s.signal)).toEqual([signal]);
      expect(await store.measures.listSignals(practice, client, 'rupture')).toEqual([]);
      expect(await store.measures.listPracticeSignals(other)).toEqual([]);
    });

    it('records the client’s age group, not across practices', async () => {
      expect(await store.measures.getClientAudience(practice, client)).toBeNull();
      expect((await store.measures.setClientAudience(practice, client, 'child')).ok).toBe(true);
      expect((await store.measures.setClientAudience(other, client, 'adult')).ok).toBe(false);
      expect(await store.measures.getClientAudience(practice, client)).toBe('child');
    });
  });
}
