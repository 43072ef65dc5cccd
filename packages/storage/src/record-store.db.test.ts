import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  asEpisodeSessionId,
  type ClientId,
  type EpisodeId,
  type EpisodeSessionId,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { addColleague, clientWithEpisode, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-03T09:00:00.000Z';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the therapist's record in storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let author: UserId;
    let colleague: UserId;
    let client: ClientId;
    let episode: EpisodeId;
    let session: EpisodeSessionId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'r', T0);
      ({ practice, other } = two);
      author = two.admin.id;
      colleague = await addColleague(store, practice, { email: 'rc@example.org', name: 'C' }, T0);
      ({ clientId: client, episodeId: episode } = await clientWithEpisode(store, practice, 'R-1', T0));
      const s = await store.record.addSession(
        practice,
        {
          episodeId: episode,
          heldOn: '2026-03-02',
          modality: 'video',
          attendance: 'attended',
          minutes: 50,
          recordedBy: author,
        },
        T0,
      );
      if (!s.ok) throw new Error('setup');
      session = s.value.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('keeps sessions in day order with the length only on an attended one, and finds them only in their practice', async () => {
      await store.record.addSession(
        practice,
        {
          episodeId: episode,
          heldOn: '2026-02-23',
          modality: 'in-person',
          attendance: 'cancelled',
          recordedBy: author,
        },
        T0,
      );
      const list = await store.record.listSessions(practice, episode);
      expect(list.map((s) => [s.heldOn, s.attendance, s.attendance === 'attended' ? s.minutes : '-'])).toEqual([
        ['2026-02-23', 'cancelled', '-'],
        ['2026-03-02', 'attended', 50],
      ]);
      expect(await store.record.listSessions(other, episode)).toEqual([]);
      expect(await store.record.getSession(other, session)).toBeNull();
      expect((await store.record.getSession(practice, session))?.clientId).toBe(client);
      const refused = await store.record.addSession(
        other,
        {
          episodeId: episode,
          heldOn: '2026-03-02',
          modality: 'text',
          attendance: 'did-not-attend',
          recordedBy: author,
        },
        T0,
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('finds a note only for its author, one per session each, and updates only the author’s', async () => {
      const id = randomUUID();
      const made = await store.record.createNote(
        practice,
        { id, sessionId: session, authorId: author, sealedText: 'v1.1.a' },
        T0,
      );
      expect(made.ok).toBe(true);
      const again = await store.record.createNote(
        practice,
        { id: randomUUID(), sessionId: session, authorId: author, sealedText: 'v1.1.b' },
        T0,
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // A colleague may keep a note of their own on the same session.
      const theirs = await store.record.createNote(
        practice,
        { id: randomUUID(), sessionId: session, authorId: colleague, sealedText: 'v1.1.c' },
        T0,
      );
      expect(theirs.ok).toBe(true);
      expect(await store.record.getNote(practice, id, colleague)).toBeNull();
      expect(await store.record.getNote(other, id, author)).toBeNull();
      expect(await store.record.updateNote(practice, id, colleague, 'v1.1.x', T1)).toBe(false);
      expect(await store.record.updateNote(practice, id, author, 'v1.1.d', T1)).toBe(true);
      const note = await store.record.getNote(practice, id, author);
      expect(note).toMatchObject({ sealedText: 'v1.1.d', createdAt: T0, updatedAt: T1 });
      expect((await store.record.findNote(practice, session, author))?.id).toBe(id);
      expect((await store.record.listNotesBy(practice, episode, author)).map((n) => n.id)).toEqual([id]);
      const missing = await store.record.createNote(
        other,
        { id: randomUUID(), sessionId: asEpisodeSessionId(randomUUID()), authorId: author, sealedText: 'x' },
        T0,
      );
      expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('keeps boundary events per episode with their principles, scoped by practice', async () => {
      const made = await store.record.addBoundaryEvent(
        practice,
        {
          id: randomUUID(),
          episodeId: episode,
          kind: 'gift',
          occurredOn: '2026-02-27',
          sealedDescription: 'v1.1.d',
          clauseId: 'gifts',
          principles: ['being-trustworthy', 'self-respect'],
          sealedReflection: null,
          recordedBy: author,
        },
        T0,
      );
      expect(made.ok).toBe(true);
      const list = await store.record.listBoundaryEvents(practice, episode);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        kind: 'gift',
        principles: ['being-trustworthy', 'self-respect'],
        clauseId: 'gifts',
      });
      expect(await store.record.listBoundaryEvents(other, episode)).toEqual([]);
    });

    it('lists journal entries newest first for their author only', async () => {
      const first = await store.record.addJournalEntry(
        practice,
        {
          id: randomUUID(),
          authorId: author,
          sealedText: 'v1.1.j1',
          clientId: client,
          signal: 'rupture',
          guideQuestionId: null,
          promptId: null,
        },
        T0,
      );
      await store.record.addJournalEntry(
        practice,
        {
          id: randomUUID(),
          authorId: author,
          sealedText: 'v1.1.j2',
          clientId: null,
          signal: null,
          guideQuestionId: null,
          promptId: 'any-day',
        },
        T1,
      );
      expect((await store.record.listJournalEntries(practice, author)).map((e) => e.sealedText)).toEqual([
        'v1.1.j2',
        'v1.1.j1',
      ]);
      expect(await store.record.listJournalEntries(practice, colleague)).toEqual([]);
      expect(await store.record.getJournalEntry(practice, first.id, colleague)).toBeNull();
      expect(await store.record.updateJournalEntry(practice, first.id, colleague, 'x', T1)).toBe(false);
      expect(await store.record.updateJournalEntry(practice, first.id, author, 'v1.1.j3', T1)).toBe(true);
      expect(await store.record.getJournalEntry(practice, first.id, author)).toMatchObject({
        sealedText: 'v1.1.j3',
        clientId: client,
        signal: 'rupture',
        writtenAt: T0,
        updatedAt: T1,
      });
    });

    it('adds a data key version once, and rotates every sealed value of one practice in one transaction', async () => {
      const key = { version: 1, wrappedKey: 'w1', masterKeyId: 'm1', createdAt: T0 };
      expect(await store.record.addDataKey(practice, key)).toBe(true);
      expect(await store.record.addDataKey(practice, { ...key, wrappedKey: 'racing' })).toBe(false);
      expect((await store.record.listDataKeys(practice)).map((k) => k.wrappedKey)).toEqual(['w1']);

      const seen: string[] = [];
      const moved = await store.record.rotatePracticeKey(
        practice,
        { version: 2, wrappedKey: 'w2', masterKeyId: 'm1', createdAt: T1 },
        (place, sealed) => {
          seen.push(`${place.table}.${place.column}`);
          return sealed.replace('v1.1.', 'v1.2.');
        },
      );
      // Two notes, one boundary description (no reflection), two journal entries.
      expect(moved).toBe(5);
      expect(new Set(seen)).toEqual(
        new Set(['session_note.sealed_text', 'boundary_event.sealed_description', 'journal_entry.sealed_text']),
      );
      const notes = await opened.store.db.selectFrom('session_note').select('sealed_text').execute();
      expect(notes.every((n) => n.sealed_text.startsWith('v1.2.'))).toBe(true);
      expect((await store.record.listDataKeys(practice)).map((k) => k.version)).toEqual([1, 2]);

      // A failing reseal leaves everything as it was, the new key version included.
      await expect(
        store.record.rotatePracticeKey(
          practice,
          { version: 3, wrappedKey: 'w3', masterKeyId: 'm1', createdAt: T1 },
          () => {
            throw new Error('cannot open');
          },
        ),
      ).rejects.toThrow('cannot open');
      expect((await store.record.listDataKeys(practice)).map((k) => k.version)).toEqual([1, 2]);

      const rewrapped = await store.record.rewrapDataKeys((k) => ({
        wrappedKey: `${k.wrappedKey}'`,
        masterKeyId: 'm2',
      }));
      expect(rewrapped).toBe(2);
      expect((await store.record.listAllDataKeys()).map((k) => [k.wrappedKey, k.masterKeyId])).toEqual([
        ["w1'", 'm2'],
        ["w2'", 'm2'],
      ]);
    });
  });
}
