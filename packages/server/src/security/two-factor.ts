import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { tokenHash } from '../auth/tokens.js';

/** Ten single-use recovery codes, as most authenticator guidance suggests. */
export const RECOVERY_CODE_COUNT = 10;

/** A new base32 TOTP secret (160 bits, RFC 4226 §4's recommendation). */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app reads, drawn as inline SVG (no script, no image request). */
export function enrolmentQrSvg(secret: string, account: string): Promise<string> {
  const uri = generateURI({ issuer: 'Rapport', label: account, secret });
  return QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/**
 * Checks a six-digit code at `now`, allowing one step of clock drift either
 * way (RFC 6238 §5.2), and returns the time step it matched so the caller can
 * refuse that step a second time.
 */
export async function matchTotp(secret: string, code: string, now: Date): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const r = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
    // The union also covers HOTP results, which carry no time step.
    return r.valid && 'timeStep' in r ? r.timeStep : null;
  } catch {
    return null;
  }
}

// Crockford-style alphabet without look-alikes (no 0/O, 1/I/L), so codes read aloud or copied by hand survive.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code as typed: case, spaces and hyphens do not matter. */
export const normaliseRecoveryCode = (raw: string): string => raw.toLowerCase().replace(/[\s-]+/g, '');

/**
 * Ten codes of 12 characters from a 31-letter alphabet (≈ 59 bits each). With
 * that much entropy a plain SHA-256 suffices for storage, as for session tokens.
 */
export function newRecoveryCodes(): { readonly codes: string[]; readonly hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length] ?? 'a').join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
  return { codes, hashes: codes.map((c) => recoveryCodeHash(c)) };
}

export const recoveryCodeHash = (code: string): string => tokenHash(`recovery:${normaliseRecoveryCode(code)}`);
