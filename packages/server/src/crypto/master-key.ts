import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CipherError, KEY_BYTES } from './envelope.js';

/** The key that wraps every practice's data keys. It never reaches the database. */
export interface MasterKey {
  /** A fingerprint stored beside each wrapped key, so a wrong secret is named at once. */
  readonly id: string;
  readonly key: Buffer;
  readonly source: 'secret' | 'file';
}

export const MASTER_KEY_FILE = 'master.key';
/** A passphrase shorter than this is refused: scrypt slows guessing, it cannot save a short secret. */
export const MIN_SECRET_LENGTH = 16;

const fingerprint = (key: Buffer): string =>
  createHash('sha256').update('rapport master key id\n').update(key).digest('hex').slice(0, 16);

/**
 * Derives the master key from `RAPPORT_SECRET` with scrypt (N = 2^15, r = 8, p = 1: about
 * 32 MiB and a tenth of a second, once at start-up), so a guessable passphrase is slow to
 * try. The salt is fixed because the secret must alone recreate the key on a new machine.
 */
export function masterKeyFromSecret(secret: string): MasterKey {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new CipherError(`RAPPORT_SECRET must be at least ${String(MIN_SECRET_LENGTH)} characters long.`);
  }
  const key = scryptSync(secret, 'rapport/master-key/v1', KEY_BYTES, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
  return { id: fingerprint(key), key, source: 'secret' };
}

/** A master key from raw bytes (a key file's content). */
export function masterKeyFromBytes(key: Buffer): MasterKey {
  if (key.length !== KEY_BYTES) throw new CipherError('A master key must be 32 bytes.');
  return { id: fingerprint(key), key, source: 'file' };
}

/**
 * The master key in use: from `RAPPORT_SECRET` when set, else from `<dataDir>/master.key`,
 * which is made on first run (32 random bytes, base64url, mode 0600). Returns warnings for
 * the operator, such as a key file others can read.
 */
export function loadMasterKey(options: { readonly secret: string | undefined; readonly dataDir: string }): {
  readonly master: MasterKey;
  readonly warnings: readonly string[];
} {
  if (options.secret !== undefined && options.secret !== '') {
    return { master: masterKeyFromSecret(options.secret), warnings: [] };
  }
  const file = join(options.dataDir, MASTER_KEY_FILE);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    // 'wx': only the first of two starting processes creates it; the other reads what was written.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'EEXIST') throw e;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== KEY_BYTES) throw new CipherError(`${file} does not hold a 32-byte key.`);
  const warnings =
    process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0
      ? [`${file} can be read by other users of this machine: run chmod 600 on it.`]
      : [];
  return { master: masterKeyFromBytes(key), warnings };
}
