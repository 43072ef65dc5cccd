import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from './backup.js';
import { migrateToLatest, openStore } from './open.js';

const T0 = '2026-03-02T09:00:00.000Z';

describe('SQLite backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-backup-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while writes continue, and restores to exactly the backed-up records', async () => {
    const live = join(dir, 'live.sqlite');
    const store = openStore({ databaseUrl: live });
    await migrateToLatest(store);
    const p = await store.createPractice(
      { practiceName: 'Backed up', admin: { email: 'bk@example.org', name: 'B', passwordHash: 'h' } },
      T0,
    );
    if (!p.ok) throw new Error('setup');
    const practice = p.value.practice.id;
    for (let i = 0; i < 50; i += 1) {
      await store.createClient(practice, { code: `BK-${String(i)}`, displayName: null }, T0);
    }

    // Writes keep landing while the backup copies pages.
    const state = { writing: true };
    const writing = (): boolean => state.writing;
    let n = 50;
    const writer = (async () => {
      while (writing()) {
        await store.createClient(practice, { code: `BK-${String(n)}`, displayName: null }, T0);
        n += 1;
        // Let the backup's own steps run between writes, as requests interleave in a server.
        await new Promise((r) => setImmediate(r));
      }
    })();
    const report = await backupSqlite(live, join(dir, 'copy.sqlite'));
    state.writing = false;
    await writer;
    expect(report.migrations).toContain('0003-security');

    await expect(backupSqlite(live, join(dir, 'copy.sqlite'))).rejects.toThrow(/already exists/);

    const target = join(dir, 'restored.sqlite');
    writeFileSync(target, 'stale');
    await restoreSqlite(report.file, target);
    const restored = openStore({ databaseUrl: target });
    const clients = await restored.listClients(practice);
    expect(clients.length).toBeGreaterThanOrEqual(50);
    expect(clients.length).toBeLessThanOrEqual(n);
    // A consistent snapshot: codes 0…k-1 with no gaps.
    const numbers = clients.map((c) => Number(c.code.slice(3))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i));
    expect(await restored.getPractice(practice)).toMatchObject({ name: 'Backed up' });
    await restored.close();
    await store.close();
  });

  it('refuses to restore a file that is not a Rapport database, leaving the target alone', async () => {
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all');
    const target = join(dir, 'keep.sqlite');
    writeFileSync(target, 'keep me');
    await expect(restoreSqlite(junk, target)).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });
});
