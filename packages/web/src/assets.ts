import { readFileSync } from 'node:fs';

/** The stylesheet, read once. It sits beside src/ and dist/, so the same path works for both. */
export function readStylesheet(): string {
  return readFileSync(new URL('../assets/app.css', import.meta.url), 'utf8');
}
