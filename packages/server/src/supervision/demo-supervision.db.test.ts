import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asPracticeId, asUserId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_STORIES, ensureDemo, type DemoResult } from '../demo.js';
import { notePlace, openBoundaryEvent, openJournalEntry } from '../record/sealed.js';
import { TestBrowser, testApp, testKeyring } from '../testing/harness.js';
import { DEMO_SUPERVISOR_EMAIL } from './demo-supervision.js';

const PASSWORD = 'a long enough passphrase';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the demo supervisor on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let demo: DemoResult;
    const now = new Date('2026-03-02T09:00:00.000Z');

    beforeAll(async () => {
      opened = await database.open();
      demo = await ensureDemo(opened.store, now, PASSWORD, undefined, testKeyring(opened.store));
    }, 120_000);
    afterAll(async () => {
      await opened.dispose();
    });

    it('signs in with the demo password and sees the therapist’s caseload by code and a two-item agenda, nothing identifying', async () => {
      expect(demo.supervisorEmail).toBe(DEMO_SUPERVISOR_EMAIL);
      const store = opened.store;
      const practiceId = asPracticeId((await store.getMeta('demo.practice_id')) ?? '');
      const therapistId = asUserId((await store.getMeta('demo.user_id')) ?? '');
      const { app } = testApp(store);
      const browser = new TestBrowser(app);
      const login = await browser.post('/login', { email: DEMO_SUPERVISOR_EMAIL, password: PASSWORD });
      expect(login.headers.get('location')).toBe('/supervision');
      const home = await (await browser.get('/supervision')).text();
      expect(home).toContain(`/supervision/${therapistId}`);
      const res = await browser.get(`/supervision/${therapistId}`);
      expect(res.status).toBe(200);
      const page = await res.text();
      for (const story of DEMO_STORIES) expect(page).toContain(story.code);
      expect(page).toContain('Did we really talk about what happened');
      expect(page).toContain('Linked to an entry in their journal');
      expect((await store.supervision.listItems(practiceId, therapistId)).map((i) => i.clientCode)).toEqual([
        'RC-102',
        'RC-103',
      ]);

      // Everything the therapist and the clients wrote, decrypted, and every name: none of it shows.
      const keys = testKeyring(store);
      const notes = await Promise.all(
        (await store.db.selectFrom('session_note').select(['id', 'sealed_text']).execute()).map(async (r) => ({
          text: await keys.open(practiceId, notePlace(r.id), r.sealed_text),
        })),
      );
      const journal = await Promise.all(
        (await store.record.listJournalEntries(practiceId, therapistId)).map((e) => openJournalEntry(keys, e)),
      );
      const ben = (await store.listClients(practiceId)).find((c) => c.code === 'RC-102');
      const benEpisode = ben && (await store.listEpisodes(practiceId, ben.id)).find((e) => e.status === 'open');
      const events = benEpisode ? await store.record.listBoundaryEvents(practiceId, benEpisode.id) : [];
      const boundary = await Promise.all(events.map((e) => openBoundaryEvent(keys, e)));
      const secrets = [
        ...DEMO_STORIES.map((s) => s.displayName),
        ...notes.map((n) => n.text.slice(0, 40)),
        ...journal.map((j) => j.text.slice(0, 40)),
        ...boundary.map((b) => b.description.slice(0, 40)),
        'Sing with the choir again',
        'The breathing before bed is starting to work.',
        'This was the week Dad was in hospital.',
      ];
      expect(notes.length + journal.length + boundary.length).toBeGreaterThanOrEqual(5);
      for (const secret of secrets) expect(page).not.toContain(secret);
      for (const name of DEMO_STORIES.map((s) => s.displayName.split(' ')[0] ?? '')) {
        expect(page).not.toMatch(new RegExp(`\\b${name}\\b`));
      }
    });

    it('takes a new demo password on a later run, for the supervisor too', async () => {
      const again = await ensureDemo(opened.store, now, 'another long passphrase');
      expect(again).toMatchObject({ created: false, supervisorEmail: DEMO_SUPERVISOR_EMAIL });
      const { app } = testApp(opened.store);
      const res = await new TestBrowser(app).post('/login', {
        email: DEMO_SUPERVISOR_EMAIL,
        password: 'another long passphrase',
      });
      expect(res.headers.get('location')).toBe('/supervision');
    });
  });
}
