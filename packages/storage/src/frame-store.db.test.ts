import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Clause, ContractBody, EpisodeId, PracticeId, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, twoPractices } from './testing/fixtures.js';

const T0 = '2026-03-02T09:00:00.000Z';
const later = (m: number): string => new Date(Date.parse(T0) + m * 60_000).toISOString();
const body = (text: string): ContractBody => ({
  settings: ['video'],
  audience: 'young-person',
  values: {},
  sections: [{ clauseId: 'c', clauseVersion: 1, topic: 'endings', title: 'Endings', standard: text, plain: text }],
});

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`frame storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;
    let episode: EpisodeId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'f', T0);
      ({ practice, other } = two);
      user = two.admin.id;
      episode = (await clientWithEpisode(store, practice, 'F-1', T0)).episodeId;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const offer = (text: string, token: string, p: PracticeId = practice) =>
      store.frame.offerContract(p, {
        episodeId: episode,
        body: body(text),
        contentHash: `hash:${text}`,
        createdBy: user,
        createdAt: T0,
        tokenHash: token,
        expiresAt: later(60),
      });

    it('numbers versions in order and keeps the body exactly as offered', async () => {
      const v1 = await offer('We end with notice.', 'tok-1');
      expect(v1.ok && v1.value.version).toBe(1);
      const link = await store.frame.findContractLink('tok-1');
      expect(link?.version.body).toEqual(body('We end with notice.'));
      expect(link?.latestVersion).toBe(1);
      expect(link?.previous).toBeNull();
    });

    it('refuses another practice’s episode', async () => {
      const r = await offer('x', 'tok-x', other);
      expect(!r.ok && r.error.code).toBe('not-found');
      expect(await store.frame.findContractLink('tok-x')).toBeNull();
      expect(await store.frame.listContractVersions(other, episode)).toEqual([]);
    });

    it('keeps questions with their version and refuses agreement to a superseded version', async () => {
      const first = await store.frame.findContractLink('tok-1');
      if (!first) throw new Error('no link');
      // Storage keeps the server's ciphertext as given: any string stands in for it here.
      const asked = { id: 'q-1', sealedText: 'sealed: fortnightly?' };
      await store.frame.askContractQuestion(practice, first.version.id, asked, later(1));
      const v2 = await offer('We end with two weeks’ notice.', 'tok-2');
      expect(v2.ok && v2.value.version).toBe(2);
      const stale = await store.frame.agreeContract(practice, first.linkId, {
        contentHash: first.version.contentHash,
        signatures: [{ role: 'client', signedName: 'Sam' }],
        at: later(2),
      });
      expect(!stale.ok && stale.error.code).toBe('conflict');
      const versions = await store.frame.listContractVersions(practice, episode);
      expect(versions[0]?.questions.map((q) => q.id)).toEqual(['q-1']);
      expect(await store.frame.listContractQuestions(practice, episode)).toEqual([
        { id: 'q-1', versionId: first.version.id, text: { sealed: 'sealed: fortnightly?' }, askedAt: later(1) },
      ]);
      expect(await store.frame.listContractQuestions(other, episode)).toEqual([]);
      expect(versions[0]?.agreements).toEqual([]);
      expect((await store.frame.findContractLink('tok-2'))?.previous?.version).toBe(1);
    });

    it('records an agreement once, with the hash of what was read, and refuses a second', async () => {
      const link = await store.frame.findContractLink('tok-2');
      if (!link) throw new Error('no link');
      const wrongHash = await store.frame.agreeContract(practice, link.linkId, {
        contentHash: 'something else',
        signatures: [{ role: 'client', signedName: 'Sam' }],
        at: later(3),
      });
      expect(!wrongHash.ok && wrongHash.error.code).toBe('conflict');
      const agreed = await store.frame.agreeContract(practice, link.linkId, {
        contentHash: link.version.contentHash,
        signatures: [
          { role: 'client', signedName: 'Sam' },
          { role: 'carer', signedName: 'Pat' },
        ],
        at: later(4),
      });
      expect(agreed.ok && agreed.value.agreements.map((a) => [a.role, a.signedName, a.agreedAt])).toEqual([
        ['client', 'Sam', later(4)],
        ['carer', 'Pat', later(4)],
      ]);
      const again = await store.frame.agreeContract(practice, link.linkId, {
        contentHash: link.version.contentHash,
        signatures: [{ role: 'client', signedName: 'Sam' }],
        at: later(5),
      });
      expect(!again.ok && again.error.code).toBe('link-used');
    });

    it('keeps a practice’s own clause wording, replacing it on a later save', async () => {
      const clause: Clause = {
        id: 'endings-standard',
        topic: 'endings',
        title: 'Endings',
        settings: ['in-person'],
        audiences: ['adult'],
        version: 2,
        optional: false,
        sources: [],
        text: { standard: 'Ours.', plain: 'Ours, plainly.' },
      };
      await store.frame.savePracticeClause(practice, clause, user, T0);
      await store.frame.savePracticeClause(
        practice,
        { ...clause, version: 3, text: { standard: 'Ours again.', plain: 'Plain.' } },
        user,
        later(1),
      );
      const saved = await store.frame.listPracticeClauses(practice);
      expect(saved).toHaveLength(1);
      expect(saved[0]?.text.standard).toBe('Ours again.');
      expect(await store.frame.listPracticeClauses(other)).toEqual([]);
    });
  });
}
