import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, EpisodeId, PracticeId, StoredScores, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const scores = (total: number): StoredScores =>
  ({
    instrumentId: 'x',
    instrumentVersion: 1,
    audience: 'adult',
    total: { value: total, range: { min: 0, max: 10 } },
    subscales: [],
    band: null,
    cutOffs: [],
    reliableChange: null,
    flags: [],
    missing: { rule: 'none-missing' },
  }) as unknown as StoredScores;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's voice in storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let n = 0;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'v', T0);
      ({ practice, other } = two);
      user = two.admin.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** A client with an open episode and a waiting check-out link of the relationship check. */
    async function client(): Promise<{ client: ClientId; episode: EpisodeId; link: string }> {
      n += 1;
      const { clientId, episodeId } = await clientWithEpisode(store, practice, `V-${String(n)}`, T0);
      const link = await store.measures.issueLink(practice, {
        episodeId,
        instrumentId: 'rapport-relationship-check',
        instrumentVersion: 1,
        audience: 'young-person',
        moment: 'check-out',
        tokenHash: `v-link-${String(n)}`,
        issuedBy: user,
        issuedAt: T0,
        expiresAt: later(7 * 24 * 60),
      });
      if (!link.ok) throw new Error(link.error.message);
      return { client: clientId, episode: episodeId, link: link.value.id };
    }

    it('keeps one comment per check: drafts replaced, a sent one never, and only sent ones listed', async () => {
      const c = await client();
      const link = c.link as never;
      const save = (text: string, status: 'draft' | 'sent') =>
        store.voice.saveComment(practice, link, { sealedText: text, hold: 'next-session', status, at: later(1) });
      expect((await save('draft one', 'draft')).ok).toBe(true);
      expect((await save('draft two', 'draft')).ok).toBe(true);
      expect(await store.voice.listComments(practice, c.client)).toEqual([]);
      expect((await save('sent', 'sent')).ok).toBe(true);
      const again = await save('again', 'sent');
      expect(again.ok ? '' : again.error.code).toBe('link-used');
      await store.voice.dropDraftComment(practice, link);
      const listed = await store.voice.listComments(practice, c.client);
      expect(listed.map((x) => [x.sealedText, x.hold, x.status])).toEqual([['sent', 'next-session', 'sent']]);
      // Another practice reaches nothing.
      expect(await store.voice.listComments(other, c.client)).toEqual([]);
      const theirs = await store.voice.saveComment(other, link, {
        sealedText: 'x',
        hold: 'now',
        status: 'draft',
        at: T0,
      });
      expect(theirs.ok ? '' : theirs.error.code).toBe('not-found');
    });

    it('defers a waiting check-out to a next-day link in one step, once', async () => {
      const c = await client();
      const deferred = await store.voice.deferLink(practice, c.link as never, {
        tokenHash: `deferred-${c.link}`,
        at: later(5),
        validFrom: '2026-03-03T00:00:00.000Z',
        expiresAt: '2026-03-10T00:00:00.000Z',
      });
      if (!deferred.ok) throw new Error(deferred.error.message);
      const links = await store.listCheckLinks(practice, c.client);
      expect(links.find((l) => l.id === c.link)?.expiresAt).toBe(later(5));
      const next = await store.findCheckLink(`deferred-${c.link}`);
      expect(next?.id).toBe(deferred.value.linkId);
      expect(await store.measures.findLinkInfo(practice, deferred.value.linkId)).toEqual({
        audience: 'young-person',
        moment: 'deferred',
      });
      expect(await store.voice.linkValidFrom(practice, deferred.value.linkId)).toBe('2026-03-03T00:00:00.000Z');
      expect(await store.voice.linkValidFrom(practice, c.link as never)).toBeNull();
      const twice = await store.voice.deferLink(practice, c.link as never, {
        tokenHash: 'again',
        at: later(6),
        validFrom: '2026-03-03T00:00:00.000Z',
        expiresAt: '2026-03-10T00:00:00.000Z',
      });
      expect(twice.ok ? '' : twice.error.code).toBe('link-used');
      expect(await store.findCheckLink('again')).toBeNull();
    });

    it('keeps a carer’s link and answers apart from the client’s, with nothing shared by default', async () => {
      const c = await client();
      expect(await store.voice.getCarerSharing(practice, c.episode)).toBe('nothing');
      expect(
        (await store.voice.setCarerSharing(practice, c.episode, { sharing: 'answered', setBy: user, at: T0 })).ok,
      ).toBe(true);
      expect(await store.voice.getCarerSharing(practice, c.episode)).toBe('answered');
      const refused = await store.voice.setCarerSharing(other, c.episode, { sharing: 'scores', setBy: user, at: T0 });
      expect(refused.ok ? '' : refused.error.code).toBe('not-found');
      const issued = await store.voice.issueCarerLink(practice, {
        episodeId: c.episode,
        instrumentId: 'goal-based-outcomes',
        instrumentVersion: 1,
        tokenHash: `carer-${c.link}`,
        issuedBy: user,
        issuedAt: T0,
        expiresAt: later(60),
      });
      if (!issued.ok) throw new Error(issued.error.message);
      expect((await store.voice.findCarerLink(`carer-${c.link}`))?.practiceId).toBe(practice);
      const late = await store.voice.submitCarerResponse(practice, issued.value.id, {
        answers: {},
        scores: scores(5),
        at: later(61),
      });
      expect(late.ok ? '' : late.error.code).toBe('link-expired');
      const sent = await store.voice.submitCarerResponse(practice, issued.value.id, {
        answers: { 'goal-1': { kind: 'number', value: 5 } },
        scores: scores(5),
        at: later(2),
      });
      expect(sent.ok && sent.value.total).toBe(5);
      const twice = await store.voice.submitCarerResponse(practice, issued.value.id, {
        answers: {},
        scores: scores(1),
        at: later(3),
      });
      expect(twice.ok ? '' : twice.error.code).toBe('link-used');
      expect((await store.voice.listCarerResponses(practice, c.client)).map((r) => r.total)).toEqual([5]);
      // Never among the client's own responses or links.
      expect(await store.measures.listResponses(practice, c.client)).toEqual([]);
      expect((await store.listCheckLinks(practice, c.client)).map((l) => l.id)).toEqual([c.link]);
      expect(await store.voice.listCarerResponses(other, c.client)).toEqual([]);
    });

    it('stores answers entered by phone as a complete response, unconfirmed until the client confirms or corrects', async () => {
      const c = await client();
      const enter = (hash: string) =>
        store.voice.enterByPhone(practice, {
          episodeId: c.episode,
          instrumentId: 'phq-9',
          instrumentVersion: 1,
          audience: 'adult',
          moment: 'check-in',
          answers: { 'item-1': { kind: 'option', code: '2' } },
          scores: scores(2),
          flags: [],
          enteredBy: user,
          at: later(10),
          confirmTokenHash: hash,
          confirmExpiresAt: later(7 * 24 * 60),
        });
      const due = () => store.measures.signalsDueMark(practice, c.client);
      expect(await due()).toBeNull();
      const first = await enter(`phone-a-${c.link}`);
      // Each step changes the client's signals and marks them due with it (entered, confirmed, corrected).
      const marks = [await due()];
      const second = await enter(`phone-b-${c.link}`);
      if (!first.ok || !second.ok) throw new Error('enter');
      expect(first.value).toMatchObject({ status: 'unconfirmed', moment: 'check-in', audience: 'adult' });
      const responses = await store.measures.listResponses(practice, c.client);
      expect(responses.map((r) => [r.status, r.total])).toEqual([
        ['complete', 2],
        ['complete', 2],
      ]);
      // The link behind it can never be opened by any token.
      expect(await store.findCheckLink(`phone:${responses[0]?.checkLinkId ?? ''}`)).not.toBeNull();
      expect((await store.voice.confirmPhoneEntry(practice, first.value.id, later(20))).ok).toBe(true);
      marks.push(await due());
      const again = await store.voice.confirmPhoneEntry(practice, first.value.id, later(21));
      expect(again.ok ? '' : again.error.code).toBe('link-used');
      const theirs = await store.voice.confirmPhoneEntry(other, second.value.id, later(21));
      expect(theirs.ok ? '' : theirs.error.code).toBe('not-found');
      const corrected = await store.voice.correctPhoneEntry(practice, second.value.id, {
        answers: { 'item-1': { kind: 'option', code: '0' } },
        scores: scores(0),
        flags: [],
        at: later(22),
      });
      expect(corrected.ok).toBe(true);
      marks.push(await due());
      expect(new Set(marks).size).toBe(3);
      expect(marks).not.toContain(null);
      const entries = await store.voice.listPhoneEntries(practice, c.client);
      expect(entries.map((e) => e.status)).toEqual(['confirmed', 'corrected']);
      expect(entries[1]?.answersAsEntered).toEqual({ 'item-1': { kind: 'option', code: '2' } });
      expect(entries[1]?.answers).toEqual({ 'item-1': { kind: 'option', code: '0' } });
      expect((await store.voice.findPhoneEntry(`phone-b-${c.link}`))?.status).toBe('corrected');
      const totals = (await store.measures.listResponses(practice, c.client)).map((r) => r.total);
      expect(totals.sort()).toEqual([0, 2]);
      expect(await store.voice.listPhoneEntries(other, c.client)).toEqual([]);
    });

    it('refuses answers by phone on an ended or unknown episode, writing nothing', async () => {
      const refused = await store.voice.enterByPhone(other, {
        episodeId: (await client()).episode,
        instrumentId: 'phq-9',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-in',
        answers: {},
        scores: scores(0),
        flags: [],
        enteredBy: user,
        at: T0,
        confirmTokenHash: 'never',
        confirmExpiresAt: later(5),
      });
      expect(refused.ok ? '' : refused.error.code).toBe('not-found');
      expect(await store.voice.findPhoneEntry('never')).toBeNull();
    });

    it('sets, replaces and clears a client’s sealed email address, in their practice only', async () => {
      const c = await client();
      expect(await store.voice.getClientEmail(practice, c.client)).toBeNull();
      expect((await store.voice.setClientEmail(practice, c.client, 'sealed-1', T0)).ok).toBe(true);
      expect((await store.voice.setClientEmail(practice, c.client, 'sealed-2', later(1))).ok).toBe(true);
      expect(await store.voice.getClientEmail(practice, c.client)).toBe('sealed-2');
      expect(await store.voice.getClientEmail(other, c.client)).toBeNull();
      const theirs = await store.voice.setClientEmail(other, c.client, 'x', T0);
      expect(theirs.ok ? '' : theirs.error.code).toBe('not-found');
      expect((await store.voice.setClientEmail(practice, c.client, null, later(2))).ok).toBe(true);
      expect(await store.voice.getClientEmail(practice, c.client)).toBeNull();
    });
  });
}
