import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, EpisodeId, PracticeId, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import type { StoredText } from './client-text.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
/** Storage keeps the server's ciphertext as it is given: any string stands in for it here. */
let written = 0;
const sealed = (text: string) => ({ id: `row-${String((written += 1))}`, sealedText: text });
const words = (t: StoredText): string => ('sealed' in t ? t.sealed : t.plain);

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`client home storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let otherUser: UserId;
    let n = 0;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'h', T0);
      ({ practice, other } = two);
      user = two.admin.id;
      otherUser = two.otherAdmin.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** A client with an open episode and a home whose token hash is returned. */
    async function home(): Promise<{ client: ClientId; episode: EpisodeId; hash: string; id: string }> {
      n += 1;
      const { clientId, episodeId } = await clientWithEpisode(store, practice, `H-${String(n)}`, T0);
      const hash = `home-${String(n)}`;
      const issued = await store.home.issueHome(practice, {
        episodeId,
        tokenHash: hash,
        issuedBy: user,
        issuedAt: T0,
      });
      if (!issued.ok) throw new Error(issued.error.message);
      const found = await store.home.findHome(hash);
      if (!found) throw new Error('setup');
      return { client: clientId, episode: episodeId, hash, id: found.id };
    }

    const revision = async (hash: string) => (await store.home.findHome(hash))?.revision ?? { goals: -1, notes: -1 };

    it('issues a home for an open episode, found by its token hash with its practice and client', async () => {
      const h = await home();
      expect(await store.home.findHome(h.hash)).toMatchObject({
        practiceId: practice,
        clientId: h.client,
        episodeId: h.episode,
        secretHash: null,
        revision: { goals: 0, notes: 0 },
      });
      expect(await store.home.homeStatus(practice, h.episode)).toEqual({
        issuedAt: T0,
        revokedAt: null,
        secretSet: false,
        lastOpenedAt: null,
      });
      expect(await store.home.findHome('no-such-hash')).toBeNull();
    });

    it('gives another practice no way to issue, stop or see a home of this practice', async () => {
      const h = await home();
      const issued = await store.home.issueHome(other, {
        episodeId: h.episode,
        tokenHash: 'stolen',
        issuedBy: otherUser,
        issuedAt: T0,
      });
      expect(!issued.ok && issued.error.code).toBe('not-found');
      expect(await store.home.findHome('stolen')).toBeNull();
      const revoked = await store.home.revokeHome(other, h.episode, T0);
      expect(!revoked.ok && revoked.error.code).toBe('not-found');
      expect(await store.home.homeStatus(other, h.episode)).toBeNull();
      expect(await store.home.setSecret(other, h.id, 'x', T0)).toBe(false);
      const added = await store.home.addGoal(other, h.id, { ...sealed('Sneak in'), at: T0, revision: 0 });
      expect(!added.ok && added.error.code).toBe('not-found');
      expect(await store.home.listGoals(practice, h.episode)).toEqual([]);
      expect(await store.home.findHome(h.hash)).toMatchObject({ revision: { goals: 0 } });
    });

    it('lets the first PIN be chosen once only', async () => {
      const h = await home();
      expect(await store.home.setSecret(practice, h.id, 'argon-1', T0)).toBe(true);
      expect(await store.home.setSecret(practice, h.id, 'argon-2', T0)).toBe(false);
      expect((await store.home.findHome(h.hash))?.secretHash).toBe('argon-1');
      expect((await store.home.homeStatus(practice, h.episode))?.secretSet).toBe(true);
    });

    it('keeps sessions for a live home and ends them when the link is stopped or replaced', async () => {
      const h = await home();
      const session = (token: string) => ({
        tokenHash: token,
        homeId: h.id,
        practiceId: practice,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: later(120),
      });
      await store.home.createSession(session(`${h.hash}-s1`));
      expect(await store.home.findSession(`${h.hash}-s1`)).toMatchObject({
        session: { homeId: h.id, lastSeenAt: T0 },
        home: { id: h.id, tokenHash: h.hash },
      });
      await store.home.touchSession(`${h.hash}-s1`, later(5));
      expect((await store.home.findSession(`${h.hash}-s1`))?.session.lastSeenAt).toBe(later(5));

      // A new link: old token gone, PIN cleared, sessions ended, the same goals kept.
      await store.home.setSecret(practice, h.id, 'argon', T0);
      const goal = await store.home.addGoal(practice, h.id, { ...sealed('Sleep better'), at: T0, revision: 0 });
      expect(goal.ok).toBe(true);
      const again = await store.home.issueHome(practice, {
        episodeId: h.episode,
        tokenHash: `${h.hash}-new`,
        issuedBy: user,
        issuedAt: later(10),
      });
      expect(again.ok).toBe(true);
      expect(await store.home.findHome(h.hash)).toBeNull();
      expect(await store.home.findSession(`${h.hash}-s1`)).toBeNull();
      expect(await store.home.findHome(`${h.hash}-new`)).toMatchObject({
        id: h.id,
        secretHash: null,
        revision: { goals: 1 },
      });
      expect(await store.home.listGoals(practice, h.episode)).toHaveLength(1);

      await store.home.createSession(session(`${h.hash}-s2`));
      const stopped = await store.home.revokeHome(practice, h.episode, later(20));
      expect(stopped).toEqual({ ok: true, value: { clientId: h.client } });
      expect(await store.home.findHome(`${h.hash}-new`)).toBeNull();
      expect(await store.home.findSession(`${h.hash}-s2`)).toBeNull();
      expect((await store.home.homeStatus(practice, h.episode))?.revokedAt).toBe(later(20));
      expect((await store.home.revokeHome(practice, h.episode, later(21))).ok).toBe(false);
      const late = await store.home.addGoal(practice, h.id, {
        ...sealed('After the stop'),
        at: later(22),
        revision: 1,
      });
      expect(!late.ok && late.error.code).toBe('not-found');
    });

    it('holds three active goals at most, and keeps every wording and rating', async () => {
      const h = await home();
      for (const [i, text] of ['Sleep better', 'See friends', 'Feel calmer'].entries()) {
        const r = await store.home.addGoal(practice, h.id, { ...sealed(text), at: later(i), revision: i });
        expect(r.ok).toBe(true);
      }
      const fourth = await store.home.addGoal(practice, h.id, { ...sealed('One more'), at: later(3), revision: 3 });
      expect(!fourth.ok && fourth.error.code).toBe('conflict');
      expect(await revision(h.hash)).toEqual({ goals: 3, notes: 0 });

      const [sleep, friends] = await store.home.listGoals(practice, h.episode);
      if (!sleep || !friends) throw new Error('goals');
      expect(
        (
          await store.home.rewordGoal(practice, h.id, sleep.id, {
            version: 2,
            sealedText: 'Sleep 7 hours',
            at: later(4),
            revision: 3,
          })
        ).ok,
      ).toBe(true);
      expect(
        (
          await store.home.rateGoals(practice, h.id, {
            ratings: [
              { goalId: sleep.id, rating: 3 },
              { goalId: friends.id, rating: 6 },
            ],
            at: later(5),
            revision: 4,
          })
        ).ok,
      ).toBe(true);
      expect((await store.home.retireGoal(practice, h.id, friends.id, { at: later(6), revision: 5 })).ok).toBe(true);
      const room = await store.home.addGoal(practice, h.id, { ...sealed('One more'), at: later(7), revision: 6 });
      expect(room.ok).toBe(true);

      const goals = await store.home.listGoals(practice, h.episode);
      expect(goals.map((g) => g.status)).toEqual(['active', 'retired', 'active', 'active']);
      expect(goals[0]?.wordings.map((w) => [w.version, words(w.text)])).toEqual([
        [1, 'Sleep better'],
        [2, 'Sleep 7 hours'],
      ]);
      expect(goals[0]?.ratings).toEqual([{ rating: 3, ratedAt: later(5) }]);
      expect(goals[1]).toMatchObject({ retiredAt: later(6), ratings: [{ rating: 6 }] });

      // A put-away goal can be neither rated nor reworded.
      const rateRetired = await store.home.rateGoals(practice, h.id, {
        ratings: [{ goalId: friends.id, rating: 9 }],
        at: later(8),
        revision: 7,
      });
      expect(!rateRetired.ok && rateRetired.error.code).toBe('conflict');
      const rewordRetired = await store.home.rewordGoal(practice, h.id, friends.id, {
        version: 2,
        sealedText: 'x y z',
        at: later(8),
        revision: 7,
      });
      expect(rewordRetired.ok).toBe(false);
      expect(await revision(h.hash)).toEqual({ goals: 7, notes: 0 });
    });

    it('saves a form sent twice once: the second copy finds the revision moved on and writes nothing', async () => {
      const h = await home();
      const first = await store.home.addGoal(practice, h.id, { ...sealed('Sleep better'), at: T0, revision: 0 });
      const second = await store.home.addGoal(practice, h.id, { ...sealed('Sleep better'), at: T0, revision: 0 });
      expect(first.ok).toBe(true);
      expect(!second.ok && second.error.code).toBe('conflict');
      const [goal] = await store.home.listGoals(practice, h.episode);
      if (!goal) throw new Error('goal');
      const rate = () =>
        store.home.rateGoals(practice, h.id, { ratings: [{ goalId: goal.id, rating: 4 }], at: later(1), revision: 1 });
      // Two copies racing (two tabs, a double click): exactly one is saved.
      const raced = await Promise.all([rate(), rate(), rate()]);
      expect(raced.filter((r) => r.ok)).toHaveLength(1);
      expect((await store.home.listGoals(practice, h.episode))[0]?.ratings).toHaveLength(1);
      const goals = await Promise.all(
        [0, 1].map(() => store.home.addGoal(practice, h.id, { ...sealed('Two tabs'), at: later(2), revision: 2 })),
      );
      expect(goals.filter((r) => r.ok)).toHaveLength(1);
      expect(await store.home.listGoals(practice, h.episode)).toHaveLength(2);
    });

    it('gives the client every note and a therapist only the shared ones', async () => {
      const h = await home();
      const note = (text: string, visibility: 'shared' | 'private', revision: number) =>
        store.home.addNote(practice, h.id, {
          series: 'measure:phq-9',
          pointAt: T0,
          ...sealed(text),
          visibility,
          at: later(revision),
          revision,
        });
      expect((await note('this dip was when my dad was ill', 'private', 0)).ok).toBe(true);
      expect((await note('a good week at school', 'shared', 1)).ok).toBe(true);
      const twice = await note('a good week at school', 'shared', 1);
      expect(!twice.ok && twice.error.code).toBe('conflict');

      const own = await store.home.listOwnNotes(practice, h.id);
      expect(own.map((x) => [words(x.text), x.visibility])).toEqual([
        ['this dip was when my dad was ill', 'private'],
        ['a good week at school', 'shared'],
      ]);
      const shared = await store.home.listSharedNotes(practice, h.episode);
      expect(shared.map((x) => words(x.text))).toEqual(['a good week at school']);
      expect(JSON.stringify(shared)).not.toContain('dad');
      expect(await store.home.listSharedNotes(other, h.episode)).toEqual([]);
      expect(await store.home.listOwnNotes(other, h.id)).toEqual([]);
    });
  });
}
