// Shared by the content tests (guide, clause library): the originality check's
// tokenisation and shingles. Keep in step with scripts/guide-shingles.mjs, which
// writes the digest used when the reference folder is not beside the repository.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Runs of this many words shared with the reference notes count as copying. */
export const SHINGLE = 12;

/** Lower-cased words: runs of letters, digits and apostrophes, edge apostrophes trimmed. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[\p{L}\p{N}']+/gu) ?? []
  )
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '');
}

/** Every run of SHINGLE consecutive words, joined by single spaces. */
export function shingles(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= w.length; i += 1) out.push(w.slice(i, i + SHINGLE).join(' '));
  return out;
}

/** The digest form of a shingle: SHA-256, first 16 hex characters. */
export const digest = (shingle: string): string => createHash('sha256').update(shingle).digest('hex').slice(0, 16);

/** Every file below a folder, in a stable order. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}
