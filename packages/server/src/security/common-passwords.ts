import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePasswordList } from '@rapport/core';

/**
 * The repository's `content/security/common-passwords.txt`. This module sits
 * at `packages/server/src/security/` and, built, at `packages/server/dist/security/`:
 * four levels below the root either way.
 */
export const defaultPasswordListFile = (): string =>
  fileURLToPath(new URL('../../../../content/security/common-passwords.txt', import.meta.url));

let cached: ReadonlySet<string> | undefined;

/** The bundled list, read once: checks never touch the network. */
export function commonPasswords(): ReadonlySet<string> {
  cached ??= parsePasswordList(readFileSync(defaultPasswordListFile(), 'utf8'));
  return cached;
}
