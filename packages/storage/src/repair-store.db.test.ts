import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, ClientSignal, EpisodeId, PracticeId, UserId } from '@rapport/core';
import { KyselyStore } from './kysely-store.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { newClient, openEpisode, storedScores, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (hours: number): string => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`workspace storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let tokens = 0;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'w', T0);
      ({ practice, other } = two);
      user = two.admin.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    async function client(code: string, open = true): Promise<{ id: ClientId; episode: EpisodeId | null }> {
      const id = await newClient(store, practice, code, T0);
      return { id, episode: open ? await openEpisode(store, practice, id, T0) : null };
    }

    async function answered(episode: EpisodeId, at: string, total: number | null, expiresAt = later(200)) {
      tokens += 1;
      const l = await store.measures.issueLink(practice, {
        episodeId: episode,
        instrumentId: 'rapport-relationship-check',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-out',
        tokenHash: `w${String(tokens)}`,
        issuedBy: user,
        issuedAt: at,
        expiresAt,
      });
      if (!l.ok) throw new Error('setup');
      if (total === null) return l.value.id;
      const r = await store.measures.submitResponse(practice, l.value.id, {
        answers: {},
        scores: storedScores('rapport-relationship-check', total, 10),
        flags: [],
        submittedAt: at,
      });
      if (!r.ok) throw new Error('setup');
      return l.value.id;
    }

    it('reads the whole caseload in one call: open episodes’ facts, past clients apart, open signals only', async () => {
      const a = await client('W-A');
      const past = await client('W-PAST', false);
      const waiting = await client('W-WAIT');
      if (!a.episode || !waiting.episode) throw new Error('setup');
      await answered(a.episode, later(1), 6);
      await answered(a.episode, later(2), 7.5);
      // A link sent later that expired unanswered.
      await answered(a.episode, later(3), null, later(4));
      await answered(waiting.episode, later(1), null);
      const signal: ClientSignal = {
        kind: 'stuck',
        instrumentId: 'phq-9',
        at: later(2),
        window: 6,
        contributions: [],
      };
      await store.measures.replaceSignals(practice, a.id, [signal], later(2));
      await store.measures.replaceSignals(practice, past.id, [{ ...signal, at: later(1) }], later(2));

      const { rows, signals } = await store.repair.caseload(practice);
      const rowA = rows.find((r) => r.code === 'W-A');
      expect(rowA).toMatchObject({
        episode: { id: a.episode },
        lastCompletedAt: later(2),
        lastCheck: { total: 7.5, at: later(2) },
        lastLink: { issuedAt: later(3), expiresAt: later(4), answered: false },
      });
      expect(rows.find((r) => r.code === 'W-PAST')?.episode).toBeNull();
      expect(rows.find((r) => r.code === 'W-WAIT')).toMatchObject({
        lastCompletedAt: null,
        lastLink: { issuedAt: later(1), answered: false },
      });
      // The past client's signal stays out: only open episodes' signals are read.
      expect(signals).toEqual([{ clientId: a.id, mark: 'stuck', at: later(2), count: 1 }]);
      expect((await store.repair.caseload(other)).rows).toEqual([]);
    });

    it('keeps one therapist rating per session, replacing it on a second save, and refuses another practice', async () => {
      const c = await client('W-R');
      if (!c.episode) throw new Error('setup');
      const input = {
        episodeId: c.episode,
        instrumentId: 'rapport-relationship-check',
        instrumentVersion: 1,
        day: '2026-03-02',
        answers: {},
        scores: storedScores('rapport-relationship-check', 8, 10),
        ratedBy: user,
      };
      expect(await store.measures.signalsDueMark(practice, c.id)).toBeNull();
      expect((await store.repair.saveTherapistRating(practice, input, later(1))).ok).toBe(true);
      // The rating feeds the client's signals: marked due in its own transaction.
      const marked = await store.measures.signalsDueMark(practice, c.id);
      expect(marked).not.toBeNull();
      const again = await store.repair.saveTherapistRating(
        practice,
        { ...input, scores: storedScores('rapport-relationship-check', 6, 10) },
        later(2),
      );
      expect(again).toMatchObject({ ok: true, value: { total: 6, ratedAt: later(2) } });
      expect(await store.measures.signalsDueMark(practice, c.id)).not.toBe(marked);
      expect(await store.repair.listTherapistRatings(practice, c.id)).toHaveLength(1);
      expect(await store.repair.saveTherapistRating(other, input, later(3))).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(await store.repair.listTherapistRatings(other, c.id)).toEqual([]);
    });

    it('stores repair attempts and one answer per answered check, scoped by practice', async () => {
      const c = await client('W-P');
      if (!c.episode) throw new Error('setup');
      const attempt = {
        id: randomUUID(),
        episodeId: c.episode,
        ruptureAt: later(1),
        sealedText: 'v1.x',
        authorId: user,
      };
      expect((await store.repair.addRepairAttempt(other, attempt, later(2))).ok).toBe(false);
      expect((await store.repair.addRepairAttempt(practice, attempt, later(2))).ok).toBe(true);
      expect(await store.repair.listRepairAttempts(practice, c.episode)).toMatchObject([{ ruptureAt: later(1) }]);
      expect(await store.repair.listRepairAttempts(other, c.episode)).toEqual([]);

      const waiting = await answered(c.episode, later(2), null);
      const answer = { checkLinkId: waiting, ruptureAt: later(1), answer: 'better' } as const;
      // Not yet answered: no answer can ride on it.
      expect(await store.repair.saveRepairAnswer(practice, answer, later(3))).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      const done = await answered(c.episode, later(3), 7);
      // The answer's own submission marked the client's signals due; say they were recomputed since.
      const seen = await store.measures.signalsDueMark(practice, c.id);
      await store.measures.replaceSignals(practice, c.id, [], later(3), seen);
      expect(await store.measures.signalsDueMark(practice, c.id)).toBeNull();
      const saved = await store.repair.saveRepairAnswer(practice, { ...answer, checkLinkId: done }, later(3));
      expect(saved).toMatchObject({ ok: true, value: { answer: 'better', clientId: c.id } });
      // The client's word on repair marks them due again, in its own transaction.
      expect(await store.measures.signalsDueMark(practice, c.id)).not.toBeNull();
      expect((await store.repair.saveRepairAnswer(practice, { ...answer, checkLinkId: done }, later(4))).ok).toBe(
        false,
      );
      expect((await store.repair.saveRepairAnswer(other, { ...answer, checkLinkId: done }, later(4))).ok).toBe(false);
      expect(await store.repair.listRepairAnswers(practice, c.id)).toHaveLength(1);
      expect(await store.repair.listRepairAnswers(other, c.id)).toEqual([]);
    });
  });
}

describe('the caseload’s storage, counted', () => {
  it('reads the whole caseload in two queries, and marks signals stored before migration 0007', async () => {
    let queries = 0;
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
      log: (e) => {
        if (e.level === 'query') queries += 1;
      },
    });
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0006-client-home')).error).toBeUndefined();
    const store = new KyselyStore(db);
    const a = await store.createPractice(
      { practiceName: 'Q', admin: { email: 'q@example.org', name: 'Q', passwordHash: 'h' } },
      T0,
    );
    if (!a.ok) throw new Error('setup');
    const c = await store.createClient(a.value.practice.id, { code: 'Q-1', displayName: null }, T0);
    if (!c.ok) throw new Error('setup');
    await store.openEpisode(a.value.practice.id, c.value.id, T0);
    const detail: ClientSignal = { kind: 'stuck', instrumentId: 'phq-9', at: later(1), window: 6, contributions: [] };
    // A signal as the measures store wrote it before 0007: no mark column yet.
    await db
      .insertInto('client_signal')
      .values({
        id: randomUUID(),
        practice_id: a.value.practice.id,
        client_id: c.value.id,
        kind: 'stuck',
        instrument_id: 'phq-9',
        observed_at: later(1),
        detail: JSON.stringify(detail),
        computed_at: later(1),
      })
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    queries = 0;
    const read = await store.repair.caseload(a.value.practice.id);
    expect(queries).toBe(2);
    expect(read.signals).toEqual([{ clientId: c.value.id, mark: 'stuck', at: later(1), count: 1 }]);
    await db.destroy();
  });
});
