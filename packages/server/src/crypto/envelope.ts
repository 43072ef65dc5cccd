import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh random 96-bit IV per value (NIST SP 800-38D §8.2.2: a random
 * 12-byte IV is safe far beyond the number of values one practice will ever seal) and a
 * 128-bit tag. Additional authenticated data ties each ciphertext to its place, so a
 * value copied into another row, column or practice fails to open.
 */
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** A value or key that cannot be opened. The message never holds text or key material. */
export class CipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CipherError';
  }
}

const b64 = (b: Buffer): string => b.toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

function encrypt(key: Buffer, aad: string, plain: Buffer): { iv: Buffer; tag: Buffer; body: Buffer } {
  if (key.length !== KEY_BYTES) throw new CipherError('A key must be 32 bytes.');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

function decrypt(key: Buffer, aad: string, iv: Buffer, tag: Buffer, body: Buffer, what: string): Buffer {
  if (key.length !== KEY_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new CipherError(`The ${what} is not in a form Rapport wrote.`);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new CipherError(
      `The ${what} could not be opened: it was changed, moved to another record, or sealed under another key.`,
    );
  }
}

/**
 * Seals text as `v1.<keyVersion>.<iv>.<tag>.<ciphertext>` (base64url parts): self-describing,
 * so a reader knows the format and which of the practice's key versions to use.
 *
 * @example sealText(key, 2, 'rapport/v1/…', 'note') // → 'v1.2.Vt0…'
 */
export function sealText(key: Buffer, keyVersion: number, aad: string, text: string): string {
  const { iv, tag, body } = encrypt(key, aad, Buffer.from(text, 'utf8'));
  return ['v1', String(keyVersion), b64(iv), b64(tag), b64(body)].join('.');
}

/** The key version a sealed value names; throws for anything not in the v1 form. */
export function sealedKeyVersion(sealed: string): number {
  const [format, version] = sealed.split('.');
  const n = Number(version);
  if (format !== 'v1' || !/^[1-9]\d{0,8}$/.test(version ?? '') || !Number.isSafeInteger(n)) {
    throw new CipherError('The stored value is not in a form Rapport wrote.');
  }
  return n;
}

export function openText(key: Buffer, aad: string, sealed: string): string {
  sealedKeyVersion(sealed);
  const parts = sealed.split('.');
  if (parts.length !== 5) throw new CipherError('The stored value is not in a form Rapport wrote.');
  const [, , iv = '', tag = '', body = ''] = parts;
  return decrypt(key, aad, unb64(iv), unb64(tag), unb64(body), 'stored value').toString('utf8');
}

/** Wraps a data key under the master key as `k1.<iv>.<tag>.<ciphertext>`. */
export function wrapKey(master: Buffer, aad: string, dataKey: Buffer): string {
  const { iv, tag, body } = encrypt(master, aad, dataKey);
  return ['k1', b64(iv), b64(tag), b64(body)].join('.');
}

export function unwrapKey(master: Buffer, aad: string, wrapped: string): Buffer {
  const [format, iv = '', tag = '', body = ''] = wrapped.split('.');
  if (format !== 'k1') throw new CipherError('The wrapped key is not in a form Rapport wrote.');
  const key = decrypt(master, aad, unb64(iv), unb64(tag), unb64(body), 'data key');
  if (key.length !== KEY_BYTES) throw new CipherError('The data key is not 32 bytes.');
  return key;
}
