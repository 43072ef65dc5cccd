import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PracticeId, UserId } from '@rapport/core';
import type { KyselyStore, SealedPlace } from '@rapport/storage';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { TestClock } from '../testing/harness.js';
import { CipherError } from './envelope.js';
import { Keyring } from './keyring.js';
import { masterKeyFromSecret } from './master-key.js';
import { rewrapDataKeys, rotateDataKeys } from './rotate.js';

const T0 = '2026-03-02T09:00:00.000Z';
const MASTER = masterKeyFromSecret('the first master secret, for tests');
const NEW_MASTER = masterKeyFromSecret('the second master secret, for tests');

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`envelope encryption over ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const a = await store.createPractice(
        { practiceName: 'A', admin: { email: 'ka@example.org', name: 'A', passwordHash: 'h' } },
        T0,
      );
      const b = await store.createPractice(
        { practiceName: 'B', admin: { email: 'kb@example.org', name: 'B', passwordHash: 'h' } },
        T0,
      );
      if (!a.ok || !b.ok) throw new Error('setup');
      practice = a.value.practice.id;
      other = b.value.practice.id;
      user = a.value.user.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** Writes a journal entry sealed by `keys` and returns its place and sealed text. */
    async function entry(keys: Keyring, text: string, p: PracticeId = practice) {
      const id = randomUUID();
      const place: SealedPlace = { table: 'journal_entry', column: 'sealed_text', rowId: id };
      const sealed = await keys.seal(p, place, text);
      const userId = p === practice ? user : (await store.findLogin('kb@example.org'))?.user.id;
      if (!userId) throw new Error('setup');
      await store.record.addJournalEntry(
        p,
        {
          id,
          authorId: userId,
          sealedText: sealed,
          clientId: null,
          signal: null,
          guideQuestionId: null,
          promptId: null,
        },
        T0,
      );
      return { place, sealed };
    }

    it('makes one data key per practice on first use, even when requests race, and stores it only wrapped', async () => {
      const keys = new Keyring(store.record, MASTER, new TestClock());
      const place: SealedPlace = { table: 'session_note', column: 'sealed_text', rowId: 'r' };
      const sealed = await Promise.all([1, 2, 3, 4].map((n) => keys.seal(practice, place, `note ${String(n)}`)));
      const stored = await store.record.listDataKeys(practice);
      expect(stored.map((k) => [k.version, k.masterKeyId])).toEqual([[1, MASTER.id]]);
      // A second keyring (another process) opens what the first sealed.
      const later = new Keyring(store.record, MASTER, new TestClock());
      expect(await Promise.all(sealed.map((s) => later.open(practice, place, s)))).toEqual([
        'note 1',
        'note 2',
        'note 3',
        'note 4',
      ]);
    });

    it('keeps practices apart: another practice’s key cannot open a value, even at the same place', async () => {
      const keys = new Keyring(store.record, MASTER, new TestClock());
      const place: SealedPlace = { table: 'session_note', column: 'sealed_text', rowId: 'same' };
      const sealed = await keys.seal(practice, place, 'mine');
      await keys.seal(other, place, 'theirs');
      await expect(keys.open(other, place, sealed)).rejects.toThrow(CipherError);
    });

    it('names a master key that does not match the one the data keys were wrapped with', async () => {
      const wrong = new Keyring(store.record, NEW_MASTER, new TestClock());
      await expect(
        wrong.open(practice, { table: 'session_note', column: 'sealed_text', rowId: 'r' }, 'v1.1.a.b.c'),
      ).rejects.toThrow(/different master key/);
    });

    it('rotates data keys: every value resealed under a new version, still readable, the raw rows never plain', async () => {
      const keys = new Keyring(store.record, MASTER, new TestClock());
      const a = await entry(keys, 'A long evening after the rupture with R.');
      const b = await entry(keys, 'Practice B’s own entry', other);
      const result = await rotateDataKeys(store.record, MASTER, T0);
      expect(result.practices).toBe(2);
      expect(result.values).toBeGreaterThanOrEqual(2);
      const rows = await store.db.selectFrom('journal_entry').select(['id', 'sealed_text']).execute();
      const rowA = rows.find((r) => r.id === a.place.rowId)?.sealed_text ?? '';
      expect(rowA.startsWith('v1.2.')).toBe(true);
      expect(rowA).not.toBe(a.sealed);
      expect(rows.map((r) => r.sealed_text).join()).not.toMatch(/rupture|own entry/);
      // The running keyring (old version cached) reads the new values and seals new ones under version 2.
      expect(await keys.open(practice, a.place, rowA)).toBe('A long evening after the rupture with R.');
      const fresh = await keys.seal(practice, a.place, 'after rotation');
      expect(fresh.startsWith('v1.2.')).toBe(true);
      const rowB = rows.find((r) => r.id === b.place.rowId)?.sealed_text ?? '';
      expect(await new Keyring(store.record, MASTER, new TestClock()).open(other, b.place, rowB)).toBe(
        'Practice B’s own entry',
      );
    });

    it('re-wraps every data key under a new master secret; the old one then opens nothing', async () => {
      const keys = new Keyring(store.record, MASTER, new TestClock());
      const a = await entry(keys, 'Before the new master key');
      const count = await rewrapDataKeys(store.record, MASTER, NEW_MASTER);
      expect(count).toBe((await store.record.listAllDataKeys()).length);
      expect((await store.record.listAllDataKeys()).every((k) => k.masterKeyId === NEW_MASTER.id)).toBe(true);
      expect(await new Keyring(store.record, NEW_MASTER, new TestClock()).open(practice, a.place, a.sealed)).toBe(
        'Before the new master key',
      );
      await expect(
        new Keyring(store.record, MASTER, new TestClock()).open(practice, a.place, a.sealed),
      ).rejects.toThrow(/different master key/);
      await expect(rewrapDataKeys(store.record, NEW_MASTER, NEW_MASTER)).rejects.toThrow(/same as the one in use/);
      // A wrong "old" secret changes nothing.
      await expect(rewrapDataKeys(store.record, MASTER, NEW_MASTER)).rejects.toThrow(CipherError);
      expect((await store.record.listAllDataKeys()).every((k) => k.masterKeyId === NEW_MASTER.id)).toBe(true);
    });
  });
}
