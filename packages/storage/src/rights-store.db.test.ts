import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, EpisodeId, PracticeId, StoredScores, UserId } from '@rapport/core';
import type { KyselyStore } from './kysely-store.js';
import { ERASED_TABLES, NOT_CLIENT_TABLES } from './rights-store.js';
import type { SealedPlace } from './record-store.js';
import { testDatabases, type OpenedTestStore } from './testing/databases.js';
import { clientWithEpisode, countRows, twoPractices } from './testing/fixtures.js';
import { tablesWithColumns } from './testing/tables.js';

const T0 = '2026-03-02T09:00:00.000Z';
const LATER = '2026-04-02T09:00:00.000Z';
const SCORES = {
  instrumentId: 'x',
  instrumentVersion: 1,
  audience: 'adult',
  total: null,
  subscales: [],
  band: null,
  cutOffs: [],
  reliableChange: null,
  flags: [],
  missing: { rule: 'none', missingItems: [] },
} as unknown as StoredScores;

/** Stands in for the server's sealing: storage only carries what it is given. */
const fakeSeal = (place: SealedPlace, text: string): string => `S[${place.table}/${place.rowId}]${text}`;

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's data rights in storage on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let store: KyselyStore;
    let practice: PracticeId;
    let other: PracticeId;
    let user: UserId;

    beforeAll(async () => {
      opened = await database.open();
      store = opened.store;
      const two = await twoPractices(store, 'rights', T0);
      ({ practice, other } = two);
      user = two.admin.id;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('places every table: erased with a client, or holding nothing of one (a new table fails here until placed)', async () => {
      const tables = await tablesWithColumns(store);
      const erased = new Set<string>(ERASED_TABLES);
      const unplaced = [...tables.keys()].filter((t) => !erased.has(t) && !(t in NOT_CLIENT_TABLES));
      expect(unplaced).toEqual([]);
      // Anything that names a client or an episode is erased with them; only the audit log is kept.
      const clientTables = [...tables].filter(([, cols]) => cols.includes('client_id') || cols.includes('episode_id'));
      expect(clientTables.map(([t]) => t).filter((t) => !erased.has(t))).toEqual(['audit_event']);
      expect([...erased].filter((t) => !tables.has(t))).toEqual([]);
    });

    /** A client with one row of each kind of free text, written sealed as the server would. */
    async function clientWithWords(code: string) {
      const { clientId, episodeId } = await clientWithEpisode(store, practice, code, T0);
      await store.home.issueHome(practice, { episodeId, tokenHash: `home-${code}`, issuedBy: user, issuedAt: T0 });
      const home = await store.home.findHome(`home-${code}`);
      if (!home) throw new Error('setup: home');
      await store.home.addGoal(practice, home.id, { id: `goal-${code}`, sealedText: 'g', at: T0, revision: 0 });
      await store.home.addNote(practice, home.id, {
        id: `note-${code}`,
        series: 'measure:x',
        pointAt: T0,
        sealedText: 'n',
        visibility: 'private',
        at: T0,
        revision: 0,
      });
      const offered = await store.frame.offerContract(practice, {
        episodeId,
        body: { settings: ['video'], audience: 'adult', values: {}, sections: [] } as never,
        contentHash: 'h',
        createdBy: user,
        createdAt: T0,
        tokenHash: `contract-${code}`,
        expiresAt: LATER,
      });
      if (!offered.ok) throw new Error('setup: contract');
      await store.frame.askContractQuestion(practice, offered.value.id, { id: `q-${code}`, sealedText: 'q' }, T0);
      const link = await store.measures.issueLink(practice, {
        episodeId,
        instrumentId: 'x',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-out',
        tokenHash: `check-${code}`,
        issuedBy: user,
        issuedAt: T0,
        expiresAt: LATER,
      });
      if (!link.ok) throw new Error('setup: link');
      const answers = { a: { kind: 'number', value: 3 } } as const;
      await store.measures.submitResponse(practice, link.value.id, {
        answers,
        sealedAnswers: 'r',
        scores: SCORES,
        flags: [],
        submittedAt: T0,
      });
      await store.repair.saveTherapistRating(
        practice,
        {
          episodeId,
          instrumentId: 'x',
          instrumentVersion: 1,
          day: '2026-03-02',
          answers,
          sealedAnswers: 't',
          scores: SCORES,
          ratedBy: user,
        },
        T0,
      );
      const carer = await store.voice.issueCarerLink(practice, {
        episodeId,
        instrumentId: 'x',
        instrumentVersion: 1,
        tokenHash: `carer-${code}`,
        issuedBy: user,
        issuedAt: T0,
        expiresAt: LATER,
      });
      if (!carer.ok) throw new Error('setup: carer');
      await store.voice.submitCarerResponse(practice, carer.value.id, {
        answers,
        sealedAnswers: 'c',
        scores: SCORES,
        at: T0,
      });
      await store.voice.enterByPhone(practice, {
        id: `phone-${code}`,
        sealed: { asEntered: 'p', answers: 'p' },
        episodeId,
        instrumentId: 'x',
        instrumentVersion: 1,
        audience: 'adult',
        moment: 'check-out',
        answers,
        scores: SCORES,
        flags: [],
        enteredBy: user,
        at: T0,
        confirmTokenHash: `confirm-${code}`,
        confirmExpiresAt: LATER,
      });
      return { clientId, episodeId };
    }

    /** Makes the client's rows look as migration 0011 found them: words plain, sealed columns empty. */
    async function asBefore0011(code: string, clientId: ClientId, episodeId: EpisodeId): Promise<void> {
      const db = store.db;
      const words = JSON.stringify({ a: { kind: 'number', value: 3 }, said: { kind: 'text', value: 'plain words' } });
      await db
        .updateTable('progress_note')
        .set({ text: 'plain note', sealed_text: null })
        .where('client_id', '=', clientId)
        .execute();
      await db
        .updateTable('client_goal_wording')
        .set({ text: 'plain goal', sealed_text: null })
        .where('goal_id', '=', `goal-${code}`)
        .execute();
      await db
        .updateTable('contract_question')
        .set({ text: 'plain question', sealed_text: null })
        .where('id', '=', `q-${code}`)
        .execute();
      for (const table of ['measure_response', 'therapist_rating', 'carer_response'] as const) {
        await db
          .updateTable(table)
          .set({ answers: words, sealed_answers: null })
          .where('episode_id', '=', episodeId)
          .execute();
      }
      await db
        .updateTable('phone_entry')
        .set({ answers_as_entered: words, sealed_answers_as_entered: null })
        .where('client_id', '=', clientId)
        .execute();
    }

    it('seals the words left plain from before 0011 in one go per practice, and finds nothing the second time', async () => {
      const { clientId, episodeId } = await clientWithWords('SEAL-1');
      await asBefore0011('SEAL-1', clientId, episodeId);
      // The goal wording, note and question, and the answers of two responses (one entered by phone, with
      // its entry as entered), a rating and a carer's.
      expect(await store.record.sealLeftoverText(practice, fakeSeal)).toBe(8);
      expect(await store.record.sealLeftoverText(practice, fakeSeal)).toBe(0);
      expect(await store.record.sealLeftoverText(other, fakeSeal)).toBe(0);

      const note = await store.db
        .selectFrom('progress_note')
        .select(['text', 'sealed_text'])
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow();
      expect(note).toEqual({ text: '', sealed_text: `S[progress_note/note-SEAL-1]plain note` });
      const [goal] = await store.home.listGoals(practice, episodeId);
      expect(goal?.wordings[0]?.text).toEqual({ sealed: 'S[client_goal_wording/goal-SEAL-1/1]plain goal' });
      const questions = await store.frame.listContractQuestions(practice, episodeId);
      expect(questions.map((q) => q.text)).toEqual([{ sealed: 'S[contract_question/q-SEAL-1]plain question' }]);
      const [response] = await store.measures.listResponses(practice, clientId);
      expect(response?.answers).toEqual({ a: { kind: 'number', value: 3 } });
      expect(response?.sealedAnswers).toBe(`S[measure_response/${response?.checkLinkId ?? ''}]{"said":"plain words"}`);
      const [entry] = await store.voice.listPhoneEntries(practice, clientId);
      expect(entry?.answersAsEntered).toEqual({ a: { kind: 'number', value: 3 } });
      expect(entry?.sealedAnswersAsEntered).toBe('S[phone_entry/phone-SEAL-1]{"said":"plain words"}');
      expect(
        await store.db
          .selectFrom('therapist_rating')
          .select('sealed_answers')
          .where('episode_id', '=', episodeId)
          .executeTakeFirst(),
      ).toEqual({
        sealed_answers: `S[therapist_rating/${episodeId}/x/2026-03-02]{"said":"plain words"}`,
      });
    });

    it('hands back a row still plain as plain, so pages read it until it is sealed', async () => {
      const { clientId, episodeId } = await clientWithWords('SEAL-2');
      await asBefore0011('SEAL-2', clientId, episodeId);
      const [goal] = await store.home.listGoals(practice, episodeId);
      expect(goal?.wordings[0]?.text).toEqual({ plain: 'plain goal' });
      expect(await store.rights.countPrivateNotes(practice, clientId)).toBe(1);
      const [response] = await store.measures.listResponses(practice, clientId);
      expect(response?.sealedAnswers).toBeNull();
      expect(response?.answers['said']).toEqual({ kind: 'text', value: 'plain words' });
    });

    it('refuses a free-text answer that reaches storage unsealed', async () => {
      const { episodeId } = await clientWithEpisode(store, practice, 'SEAL-3', T0);
      const save = store.repair.saveTherapistRating(
        practice,
        {
          episodeId,
          instrumentId: 'x',
          instrumentVersion: 1,
          day: '2026-03-02',
          answers: { said: { kind: 'text', value: 'never plain' } },
          scores: SCORES,
          ratedBy: user,
        },
        T0,
      );
      await expect(save).rejects.toThrow(/unsealed/);
      expect(await countRows(store, 'therapist_rating')).toBe(2);
    });

    it('moves the new sealed values on a key rotation, with the rest', async () => {
      const seen: string[] = [];
      await store.record.rotatePracticeKey(
        practice,
        { version: 2, wrappedKey: 'w', masterKeyId: 'm', createdAt: T0 },
        (place, sealed) => {
          seen.push(`${place.table}.${place.column}`);
          return sealed;
        },
      );
      for (const column of [
        'progress_note.sealed_text',
        'client_goal_wording.sealed_text',
        'contract_question.sealed_text',
        'measure_response.sealed_answers',
        'therapist_rating.sealed_answers',
        'carer_response.sealed_answers',
        'phone_entry.sealed_answers_as_entered',
      ]) {
        expect(seen, column).toContain(column);
      }
    });

    it('erases every row of one client and nobody else’s, keeping the audit log and recording the erasure', async () => {
      const gone = await clientWithWords('ERASE-1');
      const kept = await clientWithWords('ERASE-2');
      await store.recordAudit({
        practiceId: practice,
        actor: { kind: 'user', userId: user },
        action: 'client.read',
        clientId: gone.clientId,
        at: T0,
        ip: null,
      });
      const before = await rowsFor(kept.clientId, kept.episodeId);

      expect(
        (
          await store.rights.eraseClient(other, gone.clientId, {
            actor: { kind: 'user', userId: user },
            action: 'client.erase',
            at: LATER,
            ip: null,
          })
        ).ok,
      ).toBe(false);
      const erased = await store.rights.eraseClient(practice, gone.clientId, {
        actor: { kind: 'user', userId: user },
        action: 'client.erase',
        at: LATER,
        ip: null,
      });
      expect(erased.ok && erased.value.rows).toBeGreaterThan(15);
      expect(await store.getClient(practice, gone.clientId)).toBeNull();
      expect(await rowsFor(gone.clientId, gone.episodeId)).toEqual({});
      expect(await rowsFor(kept.clientId, kept.episodeId)).toEqual(before);
      const trail = await store.db
        .selectFrom('audit_event')
        .select('action')
        .where('client_id', '=', gone.clientId)
        .orderBy('at')
        .execute();
      expect(trail.map((a) => a.action)).toEqual(['client.read', 'client.erase']);
    });

    it('erases nothing when any part fails', async () => {
      const { clientId, episodeId } = await clientWithWords('ERASE-3');
      const before = await rowsFor(clientId, episodeId);
      await refuseClientDeletes(store, true);
      try {
        await expect(
          store.rights.eraseClient(practice, clientId, {
            actor: { kind: 'user', userId: user },
            action: 'client.erase',
            at: LATER,
            ip: null,
          }),
        ).rejects.toThrow();
      } finally {
        await refuseClientDeletes(store, false);
      }
      expect(await rowsFor(clientId, episodeId)).toEqual(before);
      const erasures = await store.db
        .selectFrom('audit_event')
        .select('id')
        .where('client_id', '=', clientId)
        .execute();
      expect(erasures).toEqual([]);
    });

    /** How many rows in each table name the client or their episode (tables with none left out). */
    async function rowsFor(clientId: ClientId, episodeId: EpisodeId): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const [table, cols] of await tablesWithColumns(store)) {
        if (table === 'audit_event') continue;
        const col = cols.includes('client_id')
          ? 'client_id'
          : cols.includes('episode_id')
            ? 'episode_id'
            : table === 'client'
              ? 'id'
              : null;
        if (col === null) continue;
        const value = col === 'episode_id' ? episodeId : clientId;
        const r = await sql<{
          n: number | string;
        }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(col)} = ${value}`.execute(store.db);
        const n = Number(r.rows[0]?.n ?? 0);
        if (n > 0) out[table] = n;
      }
      return out;
    }
  });
}

/** A trigger that makes deleting a client fail, to show erasure is one transaction. */
async function refuseClientDeletes(store: KyselyStore, on: boolean): Promise<void> {
  if (store.dialect === 'postgres') {
    if (on) {
      await sql`create function refuse_delete() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(
        store.db,
      );
      await sql`create trigger refuse_client_delete before delete on client for each row execute function refuse_delete()`.execute(
        store.db,
      );
    } else {
      await sql`drop trigger refuse_client_delete on client`.execute(store.db);
      await sql`drop function refuse_delete()`.execute(store.db);
    }
    return;
  }
  await (
    on
      ? sql`create trigger refuse_client_delete before delete on client begin select raise(abort, 'refused'); end`
      : sql`drop trigger refuse_client_delete`
  ).execute(store.db);
}
