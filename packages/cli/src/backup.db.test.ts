import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateToLatest, openStore } from '@rapport/storage';
import { buildProgram } from './program.js';

const T0 = '2026-03-02T09:00:00.000Z';

describe('rapport backup and rapport restore', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-backup-'));
    process.env['RAPPORT_DATA_DIR'] = dir;
    process.env['DATABASE_URL'] = '';
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => buildProgram().parseAsync(['node', 'rapport', ...args]);

  it('round-trips: a client added after the backup is gone after the restore', async () => {
    const store = openStore({ dataDir: dir });
    await migrateToLatest(store);
    const p = await store.createPractice(
      { practiceName: 'CLI', admin: { email: 'cli@example.org', name: 'C', passwordHash: 'h' } },
      T0,
    );
    if (!p.ok) throw new Error('setup');
    await store.createClient(p.value.practice.id, { code: 'KEEP', displayName: null }, T0);
    const out = join(dir, 'rapport-backup.sqlite');
    await run('backup', '--out', out);
    expect(existsSync(out)).toBe(true);
    await store.createClient(p.value.practice.id, { code: 'LATER', displayName: null }, T0);
    await store.close();

    await run('restore', out);
    const restored = openStore({ dataDir: dir });
    expect((await restored.listClients(p.value.practice.id)).map((c) => c.code)).toEqual(['KEEP']);
    await restored.close();
  });

  it('prints pg_dump guidance for PostgreSQL and writes nothing', async () => {
    process.env['DATABASE_URL'] = 'postgres://nobody@127.0.0.1:1/none';
    const out = join(dir, 'never.sqlite');
    await run('backup', '--out', out);
    expect(existsSync(out)).toBe(false);
    expect(process.exitCode).toBe(2);
    expect(vi.mocked(console.log).mock.calls.flat().join('\n')).toContain('pg_dump --format=custom');
  });
});
