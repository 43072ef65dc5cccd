import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, EpisodeId, PracticeId, UserId } from '@rapport/core';
import type { EndingLinkInput } from './endings-store.js';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { addColleague, countRows, newClient, openEpisode, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const TODAY = '2026-03-02';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`endings storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let admin: UserId;
    let colleague: UserId;
    let client: ClientId;
    let n = 0;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'e', T0);
      ({ practice, other } = two);
      admin = two.admin.id;
      colleague = await addColleague(store, practice, { email: 'ec@example.org', name: 'Cal' }, T0);
      client = await newClient(store, practice, 'E-1', T0);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const episode = (): Promise<EpisodeId> => openEpisode(store, practice, client, T0);
    const link = (instrumentId: string, by: UserId = admin): EndingLinkInput => {
      n += 1;
      return {
        instrumentId,
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-in',
        tokenHash: `hash-${String(n)}`,
        issuedBy: by,
        issuedAt: T0,
        expiresAt: '2026-03-09T09:00:00.000Z',
      };
    };
    const count = (table: 'check_link' | 'episode_ending' | 'measure_link') => countRows(store, table);

    it('keeps what was agreed and counts down the sessions attended after that day', async () => {
      const e = await episode();
      expect(await store.endings.get(practice, e)).toMatchObject({ status: 'open', preparation: null, ending: null });
      expect(
        await store.endings.prepare(practice, e, { sessionsLeft: 3, endOn: null }, { userId: admin, on: TODAY }),
      ).toEqual({ ok: true, value: undefined });
      for (const [heldOn, attendance] of [
        [TODAY, 'attended'],
        ['2026-03-09', 'attended'],
        ['2026-03-16', 'did-not-attend'],
        ['2026-03-23', 'cancelled'],
      ] as const) {
        const added = await store.record.addSession(
          practice,
          attendance === 'attended'
            ? { episodeId: e, recordedBy: admin, heldOn, modality: 'video', attendance, minutes: 50 }
            : { episodeId: e, recordedBy: admin, heldOn, modality: 'video', attendance },
          T0,
        );
        expect(added.ok).toBe(true);
      }
      const got = await store.endings.get(practice, e);
      // The session on the day of the agreement came before it: only the one on the 9th counts.
      expect(got?.preparation).toEqual({ sessionsLeft: 3, endOn: null, agreedOn: TODAY, attendedSince: 1 });
      await store.endings.prepare(
        practice,
        e,
        { sessionsLeft: null, endOn: '2026-04-14' },
        { userId: admin, on: '2026-03-10' },
      );
      expect((await store.endings.get(practice, e))?.preparation).toEqual({
        sessionsLeft: null,
        endOn: '2026-04-14',
        agreedOn: '2026-03-10',
        attendedSince: 0,
      });
      expect((await store.endings.list(practice)).map((x) => x.episodeId)).toContain(e);
    });

    it('closes an episode with its ending in one step, once, and moves the count of closed episodes', async () => {
      const e = await episode();
      const before = await store.measures.countClosedEpisodes(practice);
      const ended = await store.endings.endEpisode(
        practice,
        e,
        { kind: 'planned', endedOn: TODAY },
        { userId: admin, at: '2026-03-02T17:00:00.000Z' },
      );
      expect(ended.ok).toBe(true);
      expect(await store.getEpisode(practice, e)).toMatchObject({
        status: 'closed',
        closedAt: '2026-03-02T17:00:00.000Z',
      });
      expect(await store.measures.countClosedEpisodes(practice)).toBe(before + 1);
      expect((await store.endings.get(practice, e))?.ending).toEqual({ kind: 'planned', endedOn: TODAY });
      const again = await store.endings.endEpisode(
        practice,
        e,
        { kind: 'unplanned', reason: 'moved-away', endedOn: TODAY },
        { userId: admin, at: '2026-03-03T17:00:00.000Z' },
      );
      expect(again.ok ? null : again.error.code).toBe('conflict');
      expect((await store.endings.get(practice, e))?.ending).toEqual({ kind: 'planned', endedOn: TODAY });
      expect((await store.getEpisode(practice, e))?.closedAt).toBe('2026-03-02T17:00:00.000Z');
      // Two closes at once: one is recorded, the other told.
      const racing = await episode();
      const both = await Promise.all(
        (['planned', 'unplanned'] as const).map((kind) =>
          store.endings.endEpisode(
            practice,
            racing,
            kind === 'planned' ? { kind, endedOn: TODAY } : { kind, reason: 'other', endedOn: TODAY },
            { userId: admin, at: T0 },
          ),
        ),
      );
      expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
      // Nothing more can be agreed about an ending that has happened.
      const late = await store.endings.prepare(
        practice,
        e,
        { sessionsLeft: 1, endOn: null },
        { userId: admin, on: TODAY },
      );
      expect(late.ok ? null : late.error.code).toBe('conflict');
    });

    it('records how an episode brought in from earlier records ended, once, keeping its close time', async () => {
      const imported = await store.measures.importClosedEpisodes(practice, admin, [
        { clientId: client, openedAt: '2025-01-06T09:00:00.000Z', closedAt: '2025-03-03T17:00:00.000Z', responses: [] },
      ]);
      expect(imported.ok).toBe(true);
      const past = (await store.listEpisodes(practice, client)).find((x) => x.closedAt === '2025-03-03T17:00:00.000Z');
      if (!past) throw new Error('setup');
      expect((await store.endings.get(practice, past.id))?.ending).toBeNull();
      const closed = await store.measures.countClosedEpisodes(practice);
      const recorded = await store.endings.endEpisode(
        practice,
        past.id,
        { kind: 'unplanned', reason: 'moved-away', endedOn: '2025-03-03' },
        { userId: admin, at: T0 },
      );
      expect(recorded.ok).toBe(true);
      expect(await store.getEpisode(practice, past.id)).toMatchObject({ closedAt: '2025-03-03T17:00:00.000Z' });
      expect(await store.measures.countClosedEpisodes(practice)).toBe(closed);
      const again = await store.endings.endEpisode(
        practice,
        past.id,
        { kind: 'planned', endedOn: '2025-03-03' },
        { userId: admin, at: T0 },
      );
      expect(again.ok ? null : again.error.code).toBe('conflict');
      expect((await store.endings.get(practice, past.id))?.ending).toMatchObject({ kind: 'unplanned' });
    });

    it('lets another practice neither read nor end nor prepare nor send, and writes nothing for it', async () => {
      const e = await episode();
      const rows = await count('episode_ending');
      const links = await count('check_link');
      expect(await store.endings.get(other, e)).toBeNull();
      const end = await store.endings.endEpisode(
        other,
        e,
        { kind: 'planned', endedOn: TODAY },
        { userId: admin, at: T0 },
      );
      const prep = await store.endings.prepare(
        other,
        e,
        { sessionsLeft: 2, endOn: null },
        { userId: admin, on: TODAY },
      );
      const send = await store.endings.issueLink(other, e, 'review', link('rapport-ending-review'), TODAY);
      const follow = await store.endings.scheduleFollowUp(other, e, { months: 1, dueOn: '2026-04-02' });
      for (const r of [end, prep, send, follow]) expect(r.ok ? null : r.error.code).toBe('not-found');
      expect((await store.getEpisode(practice, e))?.status).toBe('open');
      expect(await count('episode_ending')).toBe(rows);
      expect(await count('check_link')).toBe(links);
      expect((await store.endings.list(other)).length).toBe(0);
    });

    it('sends the check-in after an unplanned ending once only, and not after a planned one', async () => {
      const planned = await episode();
      await store.endings.endEpisode(practice, planned, { kind: 'planned', endedOn: TODAY }, { userId: admin, at: T0 });
      const links = await count('check_link');
      const refused = await store.endings.issueLink(
        practice,
        planned,
        'check-in',
        link('rapport-unplanned-ending'),
        TODAY,
      );
      expect(refused.ok ? null : refused.error.code).toBe('conflict');
      expect(await count('check_link')).toBe(links);

      const e = await episode();
      await store.endings.endEpisode(
        practice,
        e,
        { kind: 'unplanned', reason: 'stopped-coming', endedOn: TODAY },
        { userId: admin, at: T0 },
      );
      const first = await store.endings.issueLink(practice, e, 'check-in', link('rapport-unplanned-ending'), TODAY);
      expect(first.ok).toBe(true);
      // Two at once: neither gets through, whichever way they interleave.
      const racing = await Promise.all([
        store.endings.issueLink(practice, e, 'check-in', link('rapport-unplanned-ending'), TODAY),
        store.endings.issueLink(practice, e, 'check-in', link('rapport-unplanned-ending'), TODAY),
      ]);
      expect(racing.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['conflict', 'conflict']);
      expect(await count('check_link')).toBe(links + 1);
      expect(await count('measure_link')).toBeGreaterThanOrEqual(1);
      const got = await store.endings.get(practice, e);
      expect(got?.checkIn).toMatchObject({ id: first.ok ? first.value.id : '', usedAt: null });
      // The link can be answered although the episode has ended.
      const answered = await store.measures.submitResponse(practice, first.ok ? first.value.id : ('' as never), {
        answers: {},
        scores: { total: null, subscales: {}, band: null, flags: [] } as never,
        flags: [],
        submittedAt: '2026-03-03T10:00:00.000Z',
      });
      expect(answered.ok).toBe(true);
      expect((await store.endings.get(practice, e))?.checkIn?.usedAt).toBe('2026-03-03T10:00:00.000Z');
    });

    it('sends the ending review while open and after a planned ending, until it is answered', async () => {
      const e = await episode();
      const sent = await store.endings.issueLink(practice, e, 'review', link('rapport-ending-review'), TODAY);
      expect(sent.ok).toBe(true);
      if (!sent.ok) return;
      expect((await store.endings.get(practice, e))?.review?.id).toBe(sent.value.id);
      await store.measures.submitResponse(practice, sent.value.id, {
        answers: {},
        scores: { total: null, subscales: {}, band: null, flags: [] } as never,
        flags: [],
        submittedAt: '2026-03-02T12:00:00.000Z',
      });
      const again = await store.endings.issueLink(practice, e, 'review', link('rapport-ending-review'), TODAY);
      expect(again.ok ? null : again.error.message).toContain('already answered');
    });

    it('follows up when due, read from the date, once', async () => {
      const e = await episode();
      const early = await store.endings.scheduleFollowUp(practice, e, { months: 1, dueOn: '2026-04-02' });
      expect(early.ok ? null : early.error.code).toBe('conflict');
      await store.endings.endEpisode(practice, e, { kind: 'planned', endedOn: TODAY }, { userId: admin, at: T0 });
      expect((await store.endings.scheduleFollowUp(practice, e, { months: 3, dueOn: '2026-06-02' })).ok).toBe(true);
      expect((await store.endings.scheduleFollowUp(practice, e, { months: 1, dueOn: '2026-04-02' })).ok).toBe(true);
      expect((await store.endings.get(practice, e))?.followUp).toEqual({
        months: 1,
        dueOn: '2026-04-02',
        sentAt: null,
        link: null,
      });
      const notYet = await store.endings.issueLink(practice, e, 'follow-up', link('phq-9'), '2026-04-01');
      expect(notYet.ok ? null : notYet.error.message).toContain('not due until 2026-04-02');
      const due = await store.endings.issueLink(practice, e, 'follow-up', link('phq-9'), '2026-04-02');
      expect(due.ok).toBe(true);
      expect((await store.endings.get(practice, e))?.followUp?.sentAt).toBe(T0);
      const twice = await store.endings.issueLink(practice, e, 'follow-up', link('phq-9'), '2026-05-02');
      expect(twice.ok ? null : twice.error.code).toBe('conflict');
      const change = await store.endings.scheduleFollowUp(practice, e, { months: 6, dueOn: '2026-09-02' });
      expect(change.ok ? null : change.error.code).toBe('conflict');
    });

    it('reads the practice’s episodes and responses, or only those a clinician worked in', async () => {
      const p = await store.createPractice(
        { practiceName: 'O', admin: { email: 'eo@example.org', name: 'Olu', passwordHash: 'h' } },
        T0,
      );
      if (!p.ok) throw new Error('setup');
      const pid = p.value.practice.id;
      const boss = p.value.user.id;
      const t = await store.addUser(
        pid,
        { email: 'et@example.org', name: 'Tam', role: 'therapist', passwordHash: 'h' },
        T0,
      );
      const c = await store.createClient(pid, { code: 'O-1', displayName: null }, T0);
      if (!t.ok || !c.ok) throw new Error('setup');
      const mine = await store.openEpisode(pid, c.value.id, T0);
      const theirs = await store.openEpisode(pid, c.value.id, '2026-03-03T09:00:00.000Z');
      if (!mine.ok || !theirs.ok) throw new Error('setup');
      await store.record.addSession(
        pid,
        {
          episodeId: mine.value.id,
          recordedBy: t.value.id,
          heldOn: TODAY,
          modality: 'video',
          attendance: 'attended',
          minutes: 50,
        },
        T0,
      );
      const sent = await store.measures.issueLink(pid, {
        episodeId: theirs.value.id,
        instrumentId: 'phq-9',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-in',
        tokenHash: 'o-hash',
        issuedBy: boss,
        issuedAt: T0,
        expiresAt: '2026-03-09T09:00:00.000Z',
      });
      if (!sent.ok) throw new Error('setup');
      await store.measures.submitResponse(pid, sent.value.id, {
        answers: {},
        scores: { total: { value: 12 }, subscales: {}, band: null, flags: [] } as never,
        flags: [],
        submittedAt: '2026-03-04T09:00:00.000Z',
      });
      await store.endings.endEpisode(
        pid,
        theirs.value.id,
        { kind: 'unplanned', reason: 'other', endedOn: '2026-03-04' },
        { userId: boss, at: '2026-03-05T09:00:00.000Z' },
      );
      const all = await store.endings.outcomeFacts(pid, null);
      expect(all.episodes).toHaveLength(2);
      expect(all.episodes.find((e) => e.id === mine.value.id)).toMatchObject({ status: 'open', sessionsAttended: 1 });
      expect(all.episodes.find((e) => e.id === theirs.value.id)).toMatchObject({
        status: 'closed',
        ending: { kind: 'unplanned', reason: 'other' },
      });
      expect(all.responses).toEqual([
        {
          episodeId: theirs.value.id,
          instrumentId: 'phq-9',
          instrumentVersion: 1,
          total: 12,
          at: '2026-03-04T09:00:00.000Z',
        },
      ]);
      expect((await store.endings.outcomeFacts(pid, t.value.id)).episodes.map((e) => e.id)).toEqual([mine.value.id]);
      const boss2 = await store.endings.outcomeFacts(pid, boss);
      expect(boss2.episodes.map((e) => e.id)).toEqual([theirs.value.id]);
      expect(boss2.responses).toHaveLength(1);
      // Another practice's clinician finds nothing here.
      expect((await store.endings.outcomeFacts(pid, colleague)).episodes).toEqual([]);
      expect((await store.endings.listClinicians(pid)).map((u) => u.name)).toEqual(['Olu', 'Tam']);
    });
  });
}
