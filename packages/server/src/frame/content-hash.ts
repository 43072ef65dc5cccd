import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a contract's canonical text: what an agreement records that the client saw. */
export const contentHashOf = (canonical: string): string =>
  createHash('sha256').update(canonical, 'utf8').digest('hex');
