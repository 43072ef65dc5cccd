import { createHash, hash, randomBytes } from 'node:crypto';

/** A URL-safe random token from the CSPRNG. */
export function newToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Tokens are stored only as SHA-256 hashes: a leaked table opens no session and no link. Every
 * client link and page view hashes one, so the one-shot `hash` (no Hash object) is used.
 */
export function tokenHash(token: string): string {
  return hash('sha256', token, 'hex');
}

/**
 * The synchronizer token for forms, derived from the session token. The
 * session token lives only in an HttpOnly cookie, so another site can neither
 * read it nor compute this.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}
