import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CipherError, openText, sealText, sealedKeyVersion, unwrapKey, wrapKey } from './envelope.js';
import { loadMasterKey, masterKeyFromSecret, MASTER_KEY_FILE } from './master-key.js';

const key = randomBytes(32);
const AAD = 'rapport/v1/practice-a/session_note/sealed_text/row-1';

/** Flips one bit of one base64url part of a sealed value. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealed values', () => {
  it('round-trips text, names its format and key version, and never repeats a ciphertext', () => {
    const text = 'Client spoke about her father. Tearful — “I can’t say it”.\nNext week: endings.';
    const a = sealText(key, 3, AAD, text);
    const b = sealText(key, 3, AAD, text);
    expect(a).toMatch(/^v1\.3\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('father');
    expect(sealedKeyVersion(a)).toBe(3);
    expect(openText(key, AAD, a)).toBe(text);
    expect(openText(key, AAD, sealText(key, 1, AAD, ''))).toBe('');
  });

  it('refuses a value moved to another row, column or practice (the AAD differs)', () => {
    const sealed = sealText(key, 1, AAD, 'private');
    for (const other of [
      AAD.replace('row-1', 'row-2'),
      AAD.replace('sealed_text', 'sealed_description'),
      AAD.replace('practice-a', 'practice-b'),
    ]) {
      expect(() => openText(key, other, sealed)).toThrow(CipherError);
    }
  });

  it('refuses a changed tag, IV or ciphertext, and the wrong key', () => {
    const sealed = sealText(key, 1, AAD, 'private');
    for (const part of [2, 3, 4]) expect(() => openText(key, AAD, tamper(sealed, part))).toThrow(CipherError);
    expect(() => openText(randomBytes(32), AAD, sealed)).toThrow(
      /changed, moved to another record, or sealed under another key/,
    );
  });

  it('refuses what Rapport did not write, without echoing it', () => {
    for (const bad of ['plain text', 'v2.1.a.b.c', 'v1.0.a.b.c', 'v1.x.a.b.c', 'v1.1.a.b']) {
      expect(() => openText(key, AAD, bad)).toThrow(CipherError);
    }
    try {
      openText(key, AAD, 'my secret note');
    } catch (e) {
      expect(String(e)).not.toContain('secret note');
    }
  });

  it('wraps a data key under the master key, bound to its practice and version', () => {
    const master = randomBytes(32);
    const wrapped = wrapKey(master, 'rapport/data-key/a/1', key);
    expect(wrapped.startsWith('k1.')).toBe(true);
    expect(unwrapKey(master, 'rapport/data-key/a/1', wrapped).equals(key)).toBe(true);
    expect(() => unwrapKey(master, 'rapport/data-key/a/2', wrapped)).toThrow(CipherError);
    expect(() => unwrapKey(randomBytes(32), 'rapport/data-key/a/1', wrapped)).toThrow(CipherError);
  });
});

describe('the master key', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'rapport-key-'));
    dirs.push(d);
    return d;
  };

  it('derives the same key from the same secret, another from another, and refuses a short one', () => {
    const a = masterKeyFromSecret('correct horse battery staple');
    expect(masterKeyFromSecret('correct horse battery staple').key.equals(a.key)).toBe(true);
    expect(masterKeyFromSecret('correct horse battery stapler').id).not.toBe(a.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(() => masterKeyFromSecret('too short')).toThrow(/at least 16 characters/);
  });

  it('makes a key file readable by its owner only on first run, and reads the same key after', () => {
    const d = dir();
    const first = loadMasterKey({ secret: undefined, dataDir: d });
    expect(first.master.source).toBe('file');
    expect(first.warnings).toEqual([]);
    expect(statSync(join(d, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = loadMasterKey({ secret: '', dataDir: d });
    expect(again.master.key.equals(first.master.key)).toBe(true);
    // RAPPORT_SECRET wins over the file.
    expect(loadMasterKey({ secret: 'a passphrase long enough', dataDir: d }).master.source).toBe('secret');
  });

  it('refuses a key file of the wrong size and warns about one others can read', () => {
    const d = dir();
    writeFileSync(join(d, MASTER_KEY_FILE), 'short\n', { mode: 0o600 });
    expect(() => loadMasterKey({ secret: undefined, dataDir: d })).toThrow(/32-byte key/);
    const e = dir();
    writeFileSync(join(e, MASTER_KEY_FILE), `${randomBytes(32).toString('base64url')}\n`, { mode: 0o644 });
    expect(loadMasterKey({ secret: undefined, dataDir: e }).warnings[0]).toMatch(/chmod 600/);
  });
});
