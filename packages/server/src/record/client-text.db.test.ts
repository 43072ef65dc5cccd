import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asEpisodeId } from '@rapport/core';
import { everyRowAsText, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { newToken, tokenHash } from '../auth/tokens.js';
import { TestBrowser, TestClock, giveHome, issueLink, practiceWithClient, testApp } from '../testing/harness.js';

/** Words that must never be found in the database in plain, only on the pages they belong to. */
const WORDS = {
  goal: 'GOAL-WORDS sleep through',
  reworded: 'REWORDED-WORDS sleep deeply',
  shared: 'SHARED-NOTE-WORDS a calmer week',
  kept: 'PRIVATE-NOTE-WORDS my own',
  question: 'QUESTION-WORDS can we meet later',
  review: 'REVIEW-WORDS being heard mattered',
  mine: 'THERAPIST-WORDS slower pace next time',
} as const;

const PIN = '4821';
const revisionOf = (html: string): string => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '';
const relationship = (rating: number): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((id) => [id, String(rating)]),
  ),
  tension: 'no',
});

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's own words sealed at rest on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, new TestClock('2026-03-02T09:00:00.000Z'));
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('stores goals, notes, questions and free-text answers only as ciphertext, and shows them where they belong', async () => {
      const p = await practiceWithClient(t, 'Sealed words', 'sealed@example.org', 'SW-1');
      // The client's home: a goal, reworded, and two notes (one shared, one kept private).
      const { path: home } = await giveHome(p.browser, p.csrf, p.episodeId);
      const client = new TestBrowser(t.app);
      expect((await client.post(`${home}/pin`, { secret: PIN, again: PIN })).status).toBe(303);
      const form = async (page: string) => {
        const html = await (await client.get(page)).text();
        return { _csrf: TestBrowser.csrfFrom(html), revision: revisionOf(html) };
      };
      expect((await client.post(`${home}/goals`, { ...(await form(`${home}/goals`)), text: WORDS.goal })).status).toBe(
        303,
      );
      const [goal] = await opened.store.home.listGoals(p.practiceId, asEpisodeId(p.episodeId));
      const reword = `${home}/goals/${goal?.id ?? ''}/reword`;
      expect((await client.post(reword, { ...(await form(`${home}/goals`)), text: WORDS.reworded })).status).toBe(303);
      const checkIn = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      const phq = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, '1']));
      expect((await client.post(checkIn, phq)).status).toBe(303);
      const progress = await (await client.get(`${home}/progress`)).text();
      const point = /<option value="([^"]+)"/.exec(progress)?.[1] ?? '';
      const series = /name="series" value="([^"]+)"/.exec(progress)?.[1] ?? 'measure:phq-9';
      for (const [note, visibility] of [
        [WORDS.shared, 'shared'],
        [WORDS.kept, 'private'],
      ] as const) {
        const saved = await client.post(`${home}/notes`, {
          ...(await form(`${home}/progress`)),
          series,
          point,
          note,
          visibility,
        });
        expect(saved.status, note).toBe(303);
      }

      // A question about the contract, asked on the agreement link.
      const token = newToken(32);
      await opened.store.frame.offerContract(p.practiceId, {
        episodeId: asEpisodeId(p.episodeId),
        body: { settings: ['video'], audience: 'adult', values: {}, sections: [] } as never,
        contentHash: 'h',
        createdBy: p.user.id,
        createdAt: '2026-03-02T09:00:00.000Z',
        tokenHash: tokenHash(token),
        expiresAt: '2026-03-20T09:00:00.000Z',
      });
      expect((await client.post(`/a/${token}/question`, { question: WORDS.question })).status).toBe(303);

      // The client's words in an ending review, and the therapist's own on their view of a session.
      const review = await issueLink(p.browser, p.csrf, p.episodeId, {
        instrumentId: 'rapport-ending-review',
        moment: 'check-out',
      });
      const answers = { 'how-much-helped': '8', 'relationship-overall': '9', 'ready-to-end': 'yes' };
      expect((await client.post(review, { ...answers, 'most-helpful': WORDS.review })).status).toBe(303);
      const perspective = `/episodes/${p.episodeId}/perspective`;
      const rated = await p.browser.post(perspective, {
        _csrf: p.csrf,
        day: '2026-03-02',
        ...relationship(7),
        'more-or-less': WORDS.mine,
      });
      expect(rated.status).toBe(303);

      // Not one of them is anywhere in the database in plain.
      const raw = await everyRowAsText(opened.store);
      expect(raw).toContain('SW-1');
      for (const words of Object.values(WORDS)) expect(raw, words).not.toContain(words);

      // Each is read back where it is shown.
      const goalsPage = await (await client.get(`${home}/goals`)).text();
      expect(goalsPage).toContain(WORDS.reworded);
      expect(goalsPage).toContain(WORDS.goal);
      const notesPage = await (await client.get(`${home}/progress`)).text();
      expect(notesPage).toContain(WORDS.shared);
      expect(notesPage).toContain(WORDS.kept);
      const clientPage = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(clientPage).toContain(WORDS.shared);
      expect(clientPage).toContain(WORDS.reworded);
      expect(clientPage).toContain(WORDS.review);
      expect(clientPage).not.toContain(WORDS.kept);
      expect(await (await p.browser.get(`/episodes/${p.episodeId}/contract`)).text()).toContain(WORDS.question);
      expect(await (await p.browser.get(`${perspective}?day=2026-03-02`)).text()).toContain(WORDS.mine);
      expect(await (await p.browser.get(`/episodes/${p.episodeId}/timeline`)).text()).toContain(WORDS.shared);
    });
  });
}
