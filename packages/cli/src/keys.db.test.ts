import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asPracticeId, asUserId } from '@rapport/core';
import { Keyring, masterKeyFromSecret, systemClock } from '@rapport/server';
import { contractQuestionPlace, migrateToLatest, openStore, type KyselyStore } from '@rapport/storage';
import { buildProgram } from './program.js';

const T0 = '2026-03-02T09:00:00.000Z';
const OLD = 'the first master secret of this practice';
const NEW = 'a second master secret, kept elsewhere';

describe('rapport keys', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-keys-'));
    process.env['RAPPORT_DATA_DIR'] = dir;
    process.env['DATABASE_URL'] = '';
    process.env['RAPPORT_SECRET'] = OLD;
    delete process.env['RAPPORT_NEW_SECRET'];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => buildProgram().parseAsync(['node', 'rapport', ...args]);
  const place = (rowId: string) => ({ table: 'journal_entry', column: 'sealed_text', rowId }) as const;

  /** A practice with one journal entry sealed under RAPPORT_SECRET; returns how to read it back. */
  async function seed(): Promise<{ store: KyselyStore; read: (secret: string) => Promise<string> }> {
    const store = openStore({ dataDir: dir });
    await migrateToLatest(store);
    const p = await store.createPractice(
      { practiceName: 'Keys', admin: { email: 'keys@example.org', name: 'K', passwordHash: 'h' } },
      T0,
    );
    if (!p.ok) throw new Error('setup');
    const practiceId = asPracticeId(p.value.practice.id);
    const id = randomUUID();
    const keys = new Keyring(store.record, masterKeyFromSecret(OLD), systemClock);
    await store.record.addJournalEntry(
      practiceId,
      {
        id,
        authorId: asUserId(p.value.user.id),
        sealedText: await keys.seal(practiceId, place(id), 'Before any rotation'),
        clientId: null,
        signal: null,
        guideQuestionId: null,
        promptId: null,
      },
      T0,
    );
    const read = async (secret: string) => {
      const [entry] = await store.record.listJournalEntries(practiceId, asUserId(p.value.user.id));
      if (!entry) throw new Error('no entry');
      return new Keyring(store.record, masterKeyFromSecret(secret), systemClock).open(
        practiceId,
        place(id),
        entry.sealedText,
      );
    };
    return { store, read };
  }

  it('re-encrypts every value under a new data key, then moves the data keys to a new master secret', async () => {
    const { store, read } = await seed();
    await run('keys', 'rotate', '--data');
    const [entry] = await store.db.selectFrom('journal_entry').select('sealed_text').execute();
    expect(entry?.sealed_text.startsWith('v1.2.')).toBe(true);
    expect(await read(OLD)).toBe('Before any rotation');

    process.env['RAPPORT_NEW_SECRET'] = NEW;
    await run('keys', 'rotate', '--master');
    expect(await read(NEW)).toBe('Before any rotation');
    await expect(read(OLD)).rejects.toThrow(/different master key/);
    expect(vi.mocked(console.log).mock.calls.flat().join('\n')).toContain('re-wrapped 2 data key(s)');
    await store.close();
  });

  it('changes nothing when the secret in use is not the one the keys were made with, and says why', async () => {
    const { store, read } = await seed();
    process.env['RAPPORT_SECRET'] = 'not the secret these keys were made with';
    process.env['RAPPORT_NEW_SECRET'] = NEW;
    await run('keys', 'rotate', '--master', '--data');
    expect(process.exitCode).toBe(1);
    expect(vi.mocked(console.error).mock.calls.flat().join('\n')).toMatch(
      /Nothing was changed: .*different master key/,
    );
    expect(await read(OLD)).toBe('Before any rotation');
    await store.close();
  });

  it('asks what to rotate, and for the new secret', async () => {
    await run('keys', 'rotate');
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    await run('keys', 'rotate', '--master');
    expect(process.exitCode).toBe(2);
    expect(vi.mocked(console.error).mock.calls.flat().join('\n')).toContain('RAPPORT_NEW_SECRET');
  });
  it('seals a question left plain from before, once: a second run finds nothing', async () => {
    const store = openStore({ dataDir: dir });
    await migrateToLatest(store);
    const p = await store.createPractice(
      { practiceName: 'Seal', admin: { email: 'seal@example.org', name: 'S', passwordHash: 'h' } },
      T0,
    );
    if (!p.ok) throw new Error('setup');
    const practiceId = p.value.practice.id;
    const client = await store.createClient(practiceId, { code: 'SE-1', displayName: null }, T0);
    const episode = client.ok ? await store.openEpisode(practiceId, client.value.id, T0) : null;
    if (!episode?.ok) throw new Error('setup');
    const offered = await store.frame.offerContract(practiceId, {
      episodeId: episode.value.id,
      body: { settings: ['video'], audience: 'adult', values: {}, sections: [] } as never,
      contentHash: 'h',
      createdBy: p.value.user.id,
      createdAt: T0,
      tokenHash: 'seal-contract',
      expiresAt: T0,
    });
    if (!offered.ok) throw new Error('setup');
    // As migration 0011 found it: the words in the old plain column, no data key made yet.
    await store.db
      .insertInto('contract_question')
      .values({
        id: 'q-1',
        practice_id: practiceId,
        contract_version_id: offered.value.id,
        text: 'Is it weekly?',
        asked_at: T0,
      })
      .execute();

    await run('keys', 'seal-existing');
    expect(console.log).toHaveBeenLastCalledWith(expect.stringContaining('1 value(s) encrypted in 1 practice(s)'));
    const row = await store.db
      .selectFrom('contract_question')
      .select(['text', 'sealed_text'])
      .executeTakeFirstOrThrow();
    expect(row.text).toBe('');
    expect(row.sealed_text?.startsWith('v1.1.')).toBe(true);
    const keys = new Keyring(store.record, masterKeyFromSecret(OLD), systemClock);
    expect(await keys.open(practiceId, contractQuestionPlace('q-1'), row.sealed_text ?? '')).toBe('Is it weekly?');

    await run('keys', 'seal-existing');
    expect(console.log).toHaveBeenLastCalledWith(expect.stringContaining('nothing left to encrypt'));
    await store.close();
  });
});
