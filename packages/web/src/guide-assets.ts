import { readFileSync } from 'node:fs';

/** The guide's optional search script, read once. Like the stylesheet, it sits beside src/ and dist/. */
export function readGuideSearchScript(): string {
  return readFileSync(new URL('../assets/guide-search.js', import.meta.url), 'utf8');
}
