import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asCheckLinkId, asClientId, type PracticeId, type UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`storage contract on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practiceA: PracticeId;
    let practiceB: PracticeId;
    let userA: UserId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, '', T0);
      practiceA = two.practice;
      practiceB = two.other;
      userA = two.admin.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it(`reports its dialect as ${database.name}`, () => {
      expect(store.dialect).toBe(database.name);
    });

    it('refuses a second account with the same email and leaves no practice behind', async () => {
      const r = await store.createPractice(
        { practiceName: 'Dup', admin: { email: 'a@example.org', name: 'X', passwordHash: 'h' } },
        T0,
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('conflict');
      const names = await store.db.selectFrom('practice').select('name').execute();
      expect(names.map((n) => n.name).sort()).toEqual(['A', 'B']);
    });

    it('finds a login with a real boolean and ISO timestamps', async () => {
      const login = await store.findLogin('a@example.org');
      expect(login?.active).toBe(true);
      expect(login?.user.createdAt).toBe(T0);
      expect(login?.user.role).toBe('practice-admin');
      expect(await store.findLogin('nobody@example.org')).toBeNull();
    });

    it('keeps client codes unique within a practice but not across practices', async () => {
      const c1 = await store.createClient(practiceA, { code: 'AB-1', displayName: 'Sam' }, T0);
      expect(c1.ok).toBe(true);
      const dup = await store.createClient(practiceA, { code: 'AB-1', displayName: null }, T0);
      expect(dup.ok).toBe(false);
      const other = await store.createClient(practiceB, { code: 'AB-1', displayName: null }, T0);
      expect(other.ok).toBe(true);
      expect(await store.countClients(practiceA)).toBe(1);
      expect(typeof (await store.countClients(practiceB))).toBe('number');
    });

    it('never returns or changes one practice’s records for another', async () => {
      const c = await store.createClient(practiceA, { code: 'SCOPE-1', displayName: null }, T0);
      if (!c.ok) throw new Error('create failed');
      expect(await store.getClient(practiceB, c.value.id)).toBeNull();
      const ep = await store.openEpisode(practiceB, c.value.id, T0);
      expect(ep.ok).toBe(false);
      if (!ep.ok) expect(ep.error.code).toBe('not-found');
      expect(await store.listEpisodes(practiceB, c.value.id)).toEqual([]);
      expect((await store.listClients(practiceB)).map((x) => x.code)).not.toContain('SCOPE-1');
    });

    it('stores a check once, with answers as JSON and the score, and refuses the same link again', async () => {
      const c = await store.createClient(practiceA, { code: 'LOOP-1', displayName: null }, T0);
      if (!c.ok) throw new Error('create failed');
      const ep = await store.openEpisode(practiceA, c.value.id, T0);
      if (!ep.ok) throw new Error('episode failed');
      const link = await store.measures.issueLink(practiceA, {
        audience: 'adult',
        moment: 'check-out',
        episodeId: ep.value.id,
        instrumentId: 'rapport-session-check',
        instrumentVersion: 0,
        tokenHash: 'hash-loop-1',
        issuedBy: userA,
        issuedAt: T0,
        expiresAt: later(60),
      });
      if (!link.ok) throw new Error('link failed');
      expect((await store.findCheckLink('hash-loop-1'))?.clientId).toBe(c.value.id);

      const first = await store.submitCheck(practiceA, link.value.id, {
        answers: { bond: 7, goals: 8 },
        score: 7.5,
        submittedAt: later(5),
      });
      expect(first.ok).toBe(true);
      const second = await store.submitCheck(practiceA, link.value.id, {
        answers: { bond: 1, goals: 1 },
        score: 1,
        submittedAt: later(6),
      });
      expect(second.ok).toBe(false);
      if (!second.ok) expect(second.error.code).toBe('link-used');

      const all = await store.listAdministrations(practiceA, c.value.id);
      expect(all).toHaveLength(1);
      expect(all[0]?.answers).toEqual({ bond: 7, goals: 8 });
      expect(all[0]?.score).toBe(7.5);
      expect(all[0]?.submittedAt).toBe(later(5));
      expect((await store.findCheckLink('hash-loop-1'))?.usedAt).toBe(later(5));
      expect(await store.listAdministrations(practiceB, c.value.id)).toEqual([]);

      const summary = (await store.listClients(practiceA)).find((x) => x.code === 'LOOP-1');
      expect(summary).toMatchObject({ openEpisodes: 1, lastScore: 7.5, lastSubmittedAt: later(5) });
    });

    it('refuses an expired link and a link of another practice, writing nothing', async () => {
      const c = await store.createClient(practiceA, { code: 'EXP-1', displayName: null }, T0);
      if (!c.ok) throw new Error('create failed');
      const ep = await store.openEpisode(practiceA, c.value.id, T0);
      if (!ep.ok) throw new Error('episode failed');
      const link = await store.measures.issueLink(practiceA, {
        audience: 'adult',
        moment: 'check-out',
        episodeId: ep.value.id,
        instrumentId: 'rapport-session-check',
        instrumentVersion: 0,
        tokenHash: 'hash-exp-1',
        issuedBy: userA,
        issuedAt: T0,
        expiresAt: later(10),
      });
      if (!link.ok) throw new Error('link failed');
      const late = await store.submitCheck(practiceA, link.value.id, { answers: {}, score: 0, submittedAt: later(10) });
      expect(!late.ok && late.error.code).toBe('link-expired');
      const wrong = await store.submitCheck(practiceB, link.value.id, { answers: {}, score: 0, submittedAt: later(1) });
      expect(!wrong.ok && wrong.error.code).toBe('not-found');
      const unknown = await store.submitCheck(practiceA, asCheckLinkId('nope'), {
        answers: {},
        score: 0,
        submittedAt: later(1),
      });
      expect(!unknown.ok && unknown.error.code).toBe('not-found');
      expect(await store.listAdministrations(practiceA, c.value.id)).toEqual([]);
    });

    it('lets exactly one of many racing submissions of one link through', async () => {
      const c = await store.createClient(practiceA, { code: 'RACE-1', displayName: null }, T0);
      if (!c.ok) throw new Error('create failed');
      const ep = await store.openEpisode(practiceA, c.value.id, T0);
      if (!ep.ok) throw new Error('episode failed');
      const link = await store.measures.issueLink(practiceA, {
        audience: 'adult',
        moment: 'check-out',
        episodeId: ep.value.id,
        instrumentId: 'rapport-session-check',
        instrumentVersion: 0,
        tokenHash: 'hash-race-1',
        issuedBy: userA,
        issuedAt: T0,
        expiresAt: later(60),
      });
      if (!link.ok) throw new Error('link failed');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.submitCheck(practiceA, link.value.id, { answers: { bond: i }, score: i, submittedAt: later(1) }),
        ),
      );
      const succeeded = results.filter((r) => r.status === 'fulfilled' && r.value.ok);
      expect(succeeded).toHaveLength(1);
      expect(await store.listAdministrations(practiceA, c.value.id)).toHaveLength(1);
    });

    it('refuses to issue a link for another practice’s episode', async () => {
      const c = await store.createClient(practiceA, { code: 'LINK-X', displayName: null }, T0);
      if (!c.ok) throw new Error('create failed');
      const ep = await store.openEpisode(practiceA, c.value.id, T0);
      if (!ep.ok) throw new Error('episode failed');
      const r = await store.measures.issueLink(practiceB, {
        audience: 'adult',
        moment: 'check-out',
        episodeId: ep.value.id,
        instrumentId: 'x',
        instrumentVersion: 0,
        tokenHash: 'hash-x',
        issuedBy: userA,
        issuedAt: T0,
        expiresAt: later(60),
      });
      expect(!r.ok && r.error.code).toBe('not-found');
      expect(await store.findCheckLink('hash-x')).toBeNull();
    });

    it('creates, finds, touches and expires sessions', async () => {
      await store.createSession({
        tokenHash: 's1',
        userId: userA,
        practiceId: practiceA,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: later(30),
      });
      await store.touchSession('s1', later(1));
      expect((await store.findSession('s1'))?.lastSeenAt).toBe(later(1));
      expect(await store.deleteExpiredSessions(later(29))).toBe(0);
      expect(await store.deleteExpiredSessions(later(30))).toBe(1);
      expect(await store.findSession('s1')).toBeNull();
    });

    it('records audit events scoped to their practice, newest first', async () => {
      await store.recordAudit({
        practiceId: practiceA,
        actor: { kind: 'user', userId: userA },
        action: 'client.read',
        clientId: asClientId('c-1'),
        at: later(1),
        ip: '127.0.0.1',
      });
      await store.recordAudit({
        practiceId: practiceA,
        actor: { kind: 'client-link' },
        action: 'check.submit',
        clientId: asClientId('c-1'),
        at: later(2),
        ip: null,
      });
      const events = await store.listAudit(practiceA, 10);
      expect(events.map((e) => e.action)).toEqual(['check.submit', 'client.read']);
      expect(events[1]?.actor).toEqual({ kind: 'user', userId: userA });
      expect(await store.listAudit(practiceB, 10)).toEqual([]);
    });

    it('upserts meta values', async () => {
      expect(await store.getMeta('demo')).toBeNull();
      await store.setMeta('demo', '1');
      await store.setMeta('demo', '2');
      expect(await store.getMeta('demo')).toBe('2');
    });
  });
}
