import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asPracticeId, asUserId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { ensureDemo } from '../demo.js';
import { testKeyring } from '../testing/harness.js';
import { openBoundaryEvent, openJournalEntry } from './sealed.js';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the demo's own record on ${database.label}`, () => {
    let opened: OpenedTestStore;
    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('has sessions of every modality with a cancellation and a missed one, notes, a linked boundary event and two journal entries', async () => {
      const store = opened.store;
      const keys = testKeyring(store);
      await ensureDemo(store, new Date('2026-03-02T09:00:00.000Z'), 'a long enough passphrase', undefined, keys);
      const practiceId = asPracticeId((await store.getMeta('demo.practice_id')) ?? '');
      const userId = asUserId((await store.getMeta('demo.user_id')) ?? '');
      const sessions = await store.db.selectFrom('episode_session').select(['modality', 'attendance']).execute();
      expect(new Set(sessions.map((s) => s.modality))).toEqual(new Set(['in-person', 'video', 'text', 'telephone']));
      expect(sessions.filter((s) => s.attendance === 'cancelled').length).toBeGreaterThanOrEqual(1);
      expect(sessions.filter((s) => s.attendance === 'did-not-attend').length).toBeGreaterThanOrEqual(1);
      expect(await store.db.selectFrom('session_note').select('id').execute()).toHaveLength(2);

      const ben = (await store.listClients(practiceId)).find((c) => c.code === 'RC-102');
      const episode = ben && (await store.listEpisodes(practiceId, ben.id)).find((e) => e.status === 'open');
      if (!episode) throw new Error('no demo episode for RC-102');
      const [event] = await store.record.listBoundaryEvents(practiceId, episode.id);
      if (!event) throw new Error('no boundary event');
      const seen = await openBoundaryEvent(keys, event);
      expect(seen.kind).toBe('contact-between-sessions');
      expect(seen.clauseId).not.toBeNull();
      expect(seen.description).toContain('Ben emailed');

      const journal = await store.record.listJournalEntries(practiceId, userId);
      expect(journal).toHaveLength(2);
      expect((await openJournalEntry(keys, journal[1] ?? journal[0]!)).text).toContain('Ben');
    });
  });
}
