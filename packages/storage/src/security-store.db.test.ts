import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, PracticeId, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { newClient, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const NOW = Date.parse(T0);

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`security storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let otherUser: UserId;
    let client: ClientId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 's', T0);
      ({ practice, other } = two);
      user = two.admin.id;
      otherUser = two.otherAdmin.id;
      client = await newClient(store, practice, 'S-1', T0);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('counts throttle points within a window and starts afresh when it ends', async () => {
      expect(await store.security.consumeThrottle('k', 1, 1000, NOW)).toEqual({ points: 1, expire: NOW + 1000 });
      expect(await store.security.consumeThrottle('k', 2, 1000, NOW + 10)).toEqual({ points: 3, expire: NOW + 1000 });
      expect(await store.security.getThrottle('k', NOW + 20)).toEqual({ points: 3, expire: NOW + 1000 });
      expect(await store.security.getThrottle('k', NOW + 1000)).toBeNull();
      expect(await store.security.consumeThrottle('k', 1, 1000, NOW + 1500)).toEqual({ points: 1, expire: NOW + 2500 });
      await store.security.deleteThrottle('k');
      expect(await store.security.getThrottle('k', NOW)).toBeNull();
    });

    it('adds concurrent throttle points without losing any', async () => {
      await Promise.all(Array.from({ length: 20 }, () => store.security.consumeThrottle('race', 1, 60_000, NOW)));
      expect((await store.security.getThrottle('race', NOW))?.points).toBe(20);
    });

    it('enrols two-factor, accepts each time step once and uses each recovery code once', async () => {
      expect(await store.security.beginTwoFactor(practice, user, 'SECRET1', T0)).toBe(true);
      expect(await store.security.getTwoFactor(practice, user)).toEqual({
        secret: 'SECRET1',
        confirmed: false,
        lastTimeStep: null,
      });
      // Another practice cannot confirm this user's enrolment.
      expect(
        await store.security.confirmTwoFactor(other, user, { timeStep: 5, recoveryCodeHashes: ['x'], at: T0 }),
      ).toBe(false);
      expect(
        await store.security.confirmTwoFactor(practice, user, {
          timeStep: 5,
          recoveryCodeHashes: ['r1', 'r2'],
          at: T0,
        }),
      ).toBe(true);
      expect(await store.security.beginTwoFactor(practice, user, 'SECRET2', T0)).toBe(false);
      expect(await store.security.acceptTimeStep(practice, user, 5)).toBe(false);
      expect(await store.security.acceptTimeStep(practice, user, 6)).toBe(true);
      expect(await store.security.acceptTimeStep(practice, user, 6)).toBe(false);
      expect(await store.security.countRecoveryCodes(practice, user)).toBe(2);
      expect(await store.security.useRecoveryCode(practice, user, 'r1', T0)).toBe(true);
      expect(await store.security.useRecoveryCode(practice, user, 'r1', T0)).toBe(false);
      expect(await store.security.useRecoveryCode(other, user, 'r2', T0)).toBe(false);
      expect(await store.security.countRecoveryCodes(practice, user)).toBe(1);
      await store.security.disableTwoFactor(practice, user);
      expect(await store.security.getTwoFactor(practice, user)).toBeNull();
      expect(await store.security.countRecoveryCodes(practice, user)).toBe(0);
    });

    it('keeps the practice’s two-factor requirement per practice', async () => {
      expect(await store.security.requiresTwoFactor(practice)).toBe(false);
      await store.security.setRequireTwoFactor(practice, true, user, T0);
      expect(await store.security.requiresTwoFactor(practice)).toBe(true);
      expect(await store.security.requiresTwoFactor(other)).toBe(false);
      await store.security.setRequireTwoFactor(practice, false, user, T0);
      expect(await store.security.requiresTwoFactor(practice)).toBe(false);
    });

    it('finds a login challenge only before it expires', async () => {
      await store.security.createLoginChallenge('ch', { userId: user, practiceId: practice, expiresAt: T0 });
      expect(await store.security.findLoginChallenge('ch', '2026-03-02T08:59:00.000Z')).toEqual({
        userId: user,
        practiceId: practice,
        expiresAt: T0,
      });
      expect(await store.security.findLoginChallenge('ch', T0)).toBeNull();
      await store.security.deleteLoginChallenge('ch');
    });

    it('pages the audit trail newest first, with names, and only the practice’s own', async () => {
      for (let i = 0; i < 5; i += 1) {
        await store.recordAudit({
          practiceId: practice,
          actor: { kind: 'user', userId: user },
          action: 'client.read',
          clientId: client,
          at: new Date(NOW + i * 1000).toISOString(),
          ip: '192.0.2.1',
        });
      }
      await store.recordAudit({
        practiceId: other,
        actor: { kind: 'user', userId: otherUser },
        action: 'client.read',
        clientId: null,
        at: T0,
        ip: null,
      });
      const first = await store.security.pageAudit(practice, { limit: 3, offset: 0 });
      const second = await store.security.pageAudit(practice, { limit: 3, offset: 3 });
      expect(first).toHaveLength(3);
      expect(second).toHaveLength(2);
      expect(first[0]).toEqual({
        at: new Date(NOW + 4000).toISOString(),
        action: 'client.read',
        actorKind: 'user',
        actorName: 'Ann',
        clientId: client,
        clientCode: 'S-1',
        ip: '192.0.2.1',
      });
      expect([...first, ...second].every((e) => e.actorName === 'Ann')).toBe(true);
    });
  });
}
