import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asAgendaItemId, type ClientId, type EpisodeId, type PracticeId, type User, type UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-03T09:00:00.000Z';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`supervision storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let admin: User;
    let therapist: User;
    let supervisor: User;
    let otherAdmin: User;
    let otherSupervisor: User;
    let mine: { clientId: ClientId; episodeId: EpisodeId };
    let theirs: { clientId: ClientId; episodeId: EpisodeId };
    let otherEpisode: EpisodeId;

    const member = async (practiceId: PracticeId, email: string, role: User['role']): Promise<User> => {
      const r = await store.supervision.addMember(practiceId, { email, name: email, role, passwordHash: 'h' }, T0);
      if (!r.ok) throw new Error('setup');
      return r.value;
    };
    const episodeFor = (practiceId: PracticeId, code: string, displayName: string | null) =>
      clientWithEpisode(store, practiceId, code, T0, displayName);
    const issue = async (practiceId: PracticeId, episodeId: EpisodeId, by: UserId) => {
      const r = await store.measures.issueLink(practiceId, {
        episodeId,
        instrumentId: 'rapport-session-check',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-out',
        tokenHash: randomUUID(),
        issuedBy: by,
        issuedAt: T0,
        expiresAt: T1,
      });
      if (!r.ok) throw new Error('setup');
    };

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      ({ practice, other, admin, otherAdmin } = await twoPractices(store, 's', T0));
      therapist = await member(practice, 'st@example.org', 'therapist');
      supervisor = await member(practice, 'ss@example.org', 'supervisor');
      otherSupervisor = await member(other, 'sx@example.org', 'supervisor');
      mine = await episodeFor(practice, 'SV-1', 'Amara Example');
      theirs = await episodeFor(practice, 'SV-2', 'Ben Example');
      otherEpisode = (await episodeFor(other, 'SV-9', 'Cara Example')).episodeId;
      await issue(practice, mine.episodeId, therapist.id);
      await issue(practice, theirs.episodeId, admin.id);
      await issue(other, otherEpisode, otherAdmin.id);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('adds people with a password to change at first sign-in, and refuses a taken address', async () => {
      expect(await store.supervision.passwordChangeDue(practice, therapist.id)).toBe(true);
      expect(await store.supervision.passwordChangeDue(practice, admin.id)).toBe(false);
      // Another practice cannot even ask about A's user.
      expect(await store.supervision.passwordChangeDue(other, therapist.id)).toBe(false);
      const again = await store.supervision.addMember(
        practice,
        { email: 'st@example.org', name: 'Again', role: 'therapist', passwordHash: 'h' },
        T0,
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const members = await store.supervision.listMembers(practice);
      expect(members.map((m) => [m.email, m.role, m.passwordChangeDue])).toEqual([
        ['sa@example.org', 'practice-admin', false],
        ['ss@example.org', 'supervisor', true],
        ['st@example.org', 'therapist', true],
      ]);
      const login = await store.findLogin('ss@example.org');
      expect(login?.user.role).toBe('supervisor');
    });

    it('clears the password flag for its owner only', async () => {
      const u = await member(practice, 'flag@example.org', 'therapist');
      await store.supervision.clearPasswordChange(other, u.id);
      expect(await store.supervision.passwordChangeDue(practice, u.id)).toBe(true);
      await store.supervision.clearPasswordChange(practice, u.id);
      expect(await store.supervision.passwordChangeDue(practice, u.id)).toBe(false);
    });

    it('links a supervisor to therapists of the practice only, once', async () => {
      const by = admin.id;
      expect(
        await store.supervision.link(practice, { supervisorId: supervisor.id, superviseeId: therapist.id, by }, T0),
      ).toEqual({ ok: true, value: undefined });
      expect(
        (await store.supervision.link(practice, { supervisorId: supervisor.id, superviseeId: therapist.id, by }, T1))
          .ok,
      ).toBe(true);
      expect(await store.supervision.listLinks(practice)).toEqual([
        { supervisorId: supervisor.id, superviseeId: therapist.id, createdAt: T0 },
      ]);
      // Wrong roles, and a person of another practice (not found, whichever side).
      expect(
        await store.supervision.link(practice, { supervisorId: therapist.id, superviseeId: admin.id, by }, T0),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(
        await store.supervision.link(
          practice,
          { supervisorId: otherSupervisor.id, superviseeId: therapist.id, by },
          T0,
        ),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(
        await store.supervision.link(other, { supervisorId: otherSupervisor.id, superviseeId: therapist.id, by }, T0),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await store.supervision.listLinks(other)).toEqual([]);
      expect(await store.supervision.supervises(practice, supervisor.id, therapist.id)).toBe(true);
      expect(await store.supervision.supervises(other, supervisor.id, therapist.id)).toBe(false);
      expect((await store.supervision.listSupervisees(practice, supervisor.id)).map((u) => u.id)).toEqual([
        therapist.id,
      ]);
      expect(await store.supervision.listSupervisees(other, supervisor.id)).toEqual([]);
    });

    it('reads a supervisee’s caseload as codes of the episodes they work in, never names', async () => {
      const load = await store.supervision.caseloadOf(practice, therapist.id);
      expect(load).toEqual([{ clientId: mine.clientId, code: 'SV-1', episodeId: mine.episodeId, openedAt: T0 }]);
      expect(JSON.stringify(load)).not.toContain('Amara');
      // A recorded session counts too.
      await store.record.addSession(
        practice,
        {
          episodeId: theirs.episodeId,
          heldOn: '2026-03-02',
          modality: 'in-person',
          attendance: 'attended',
          minutes: 50,
          recordedBy: therapist.id,
        },
        T0,
      );
      expect((await store.supervision.caseloadOf(practice, therapist.id)).map((r) => r.code)).toEqual(['SV-1', 'SV-2']);
      expect(await store.supervision.caseloadOf(other, therapist.id)).toEqual([]);
    });

    it('keeps the agenda per supervisee, checks the episode and journal entry, and marks an item discussed once', async () => {
      const entryId = randomUUID();
      await store.record.addJournalEntry(
        practice,
        {
          id: entryId,
          authorId: therapist.id,
          sealedText: 'sealed',
          clientId: null,
          signal: null,
          guideQuestionId: null,
          promptId: null,
        },
        T0,
      );
      const base = { superviseeId: therapist.id, sealedQuestion: 'sealed-q', signal: 'rupture' as const };
      const first = await store.supervision.addItem(
        practice,
        { ...base, id: randomUUID(), episodeId: mine.episodeId, journalEntryId: entryId },
        T0,
      );
      expect(first).toMatchObject({ ok: true, value: { clientCode: 'SV-1', status: 'open', journalEntryId: entryId } });
      // Another practice's episode, and a journal entry the supervisee did not write, are not found.
      expect(
        await store.supervision.addItem(
          practice,
          { ...base, id: randomUUID(), episodeId: otherEpisode, journalEntryId: null },
          T0,
        ),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(
        await store.supervision.addItem(
          practice,
          { ...base, superviseeId: admin.id, id: randomUUID(), episodeId: mine.episodeId, journalEntryId: entryId },
          T0,
        ),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
      if (!first.ok) throw new Error('unreachable');
      const id = first.value.id;
      expect(await store.supervision.getItem(other, id)).toBeNull();
      expect(await store.supervision.markDiscussed(other, id, otherSupervisor.id, T1)).toMatchObject({
        error: { code: 'not-found' },
      });
      expect(await store.supervision.withdraw(practice, id, admin.id)).toMatchObject({ error: { code: 'not-found' } });
      expect(await store.supervision.markDiscussed(practice, id, supervisor.id, T1)).toEqual({
        ok: true,
        value: undefined,
      });
      expect(await store.supervision.markDiscussed(practice, id, supervisor.id, T1)).toMatchObject({
        error: { code: 'conflict' },
      });
      expect(await store.supervision.withdraw(practice, id, therapist.id)).toMatchObject({
        error: { code: 'conflict' },
      });
      const second = await store.supervision.addItem(
        practice,
        { ...base, signal: null, id: randomUUID(), episodeId: theirs.episodeId, journalEntryId: null },
        T1,
      );
      if (!second.ok) throw new Error('setup');
      const listed = await store.supervision.listItems(practice, therapist.id);
      expect(listed.map((i) => [i.clientCode, i.status, i.discussedAt, i.discussedBy])).toEqual([
        ['SV-1', 'discussed', T1, supervisor.id],
        ['SV-2', 'open', null, null],
      ]);
      expect(await store.supervision.listItems(other, therapist.id)).toEqual([]);
      expect(await store.supervision.withdraw(practice, second.value.id, therapist.id)).toEqual({
        ok: true,
        value: undefined,
      });
      expect(await store.supervision.getItem(practice, second.value.id)).toBeNull();
      expect(await store.supervision.withdraw(practice, asAgendaItemId(randomUUID()), therapist.id)).toMatchObject({
        error: { code: 'not-found' },
      });
    });

    it('unlinks, after which the supervisor supervises no one', async () => {
      expect(await store.supervision.unlink(other, supervisor.id, therapist.id)).toBe(false);
      expect(await store.supervision.unlink(practice, supervisor.id, therapist.id)).toBe(true);
      expect(await store.supervision.supervises(practice, supervisor.id, therapist.id)).toBe(false);
      expect(await store.supervision.unlink(practice, supervisor.id, therapist.id)).toBe(false);
    });
  });
}
