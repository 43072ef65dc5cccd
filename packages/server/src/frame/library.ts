import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { parseClause, type Clause } from '@rapport/core';

/** content/frame/clauses, found from this file in src/ or dist/ alike. */
export const DEFAULT_CLAUSE_DIR = fileURLToPath(new URL('../../../../content/frame/clauses/', import.meta.url));

// gray-matter can evaluate `---js` front matter; content is data, so refuse it.
const noCode = {
  engines: {
    js: () => {
      throw new Error('JavaScript front matter is not allowed in clauses.');
    },
    javascript: () => {
      throw new Error('JavaScript front matter is not allowed in clauses.');
    },
  },
};

/** Splits a clause body into its two `##` sections. */
function sections(body: string): { standard: string; plain: string } {
  const standard = /##\s*Standard\s*\n([\s\S]*?)(?=\n##\s|$)/.exec(body)?.[1]?.trim() ?? '';
  const plain = /##\s*Plain words\s*\n([\s\S]*?)(?=\n##\s|$)/.exec(body)?.[1]?.trim() ?? '';
  return { standard, plain };
}

/** Reads and checks every clause of the library; a broken clause stops start-up with its file named. */
export function loadClauseLibrary(dir: string = DEFAULT_CLAUSE_DIR): Clause[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return files.map((file) => {
    const parsed = matter(readFileSync(join(dir, file), 'utf8'), noCode);
    const data = parsed.data as Record<string, unknown>;
    const text = sections(parsed.content);
    const clause = parseClause({
      id: data['id'],
      topic: data['topic'],
      title: data['title'],
      settings: data['settings'],
      audiences: data['audiences'],
      version: data['version'],
      optional: data['optional'],
      sources: data['sources'],
      standard: text.standard,
      plain: text.plain,
    });
    if (!clause.ok) {
      throw new Error(`Clause ${file}: ${Object.values(clause.error.fields ?? {}).join(' ') || clause.error.message}`);
    }
    return clause.value;
  });
}

/** The practice's clauses: its own wording replaces the library's, by id. */
export function practiceLibrary(library: readonly Clause[], own: readonly Clause[]): Clause[] {
  const byId = new Map(library.map((c) => [c.id, c]));
  for (const c of own) byId.set(c.id, c);
  return [...byId.values()];
}

let cached: Clause[] | undefined;
/** The library, read once per process. */
export function loadClauseLibraryOnce(): Clause[] {
  cached ??= loadClauseLibrary();
  return cached;
}
