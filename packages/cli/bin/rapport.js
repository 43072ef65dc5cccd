#!/usr/bin/env node
// The committed entry point: it exists before the first build, so npm can link it.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  console.error('Rapport is not built yet. Run `npm start` or `npm run build` in the repository root first.');
  process.exit(1);
}
await import(built.href);
