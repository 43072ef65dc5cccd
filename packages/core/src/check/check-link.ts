/**
 * Policy for the private links a client uses to complete a check. The token
 * itself is made and hashed at the edge (it needs a CSPRNG); core decides what
 * a link's state means.
 */
export const LINK_LIFETIME_DAYS = 7;

/** Tokens carry at least 128 bits; we use 256. */
export const LINK_TOKEN_BYTES = 32;

export type LinkState = 'usable' | 'used' | 'expired';

export interface LinkFacts {
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** When a link issued at `issuedAt` stops working. */
export function linkExpiry(issuedAt: Date, days: number = LINK_LIFETIME_DAYS): Date {
  return new Date(issuedAt.getTime() + days * 24 * 60 * 60 * 1000);
}

/** A used link stays "used" after it expires: the client is told the truth about it. */
export function linkState(link: LinkFacts, now: Date): LinkState {
  if (link.usedAt !== null) return 'used';
  return now.getTime() >= Date.parse(link.expiresAt) ? 'expired' : 'usable';
}
