import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkLibraryEntry,
  sendableAudiences,
  type InstrumentDefinition,
  type LibraryEntry,
  type Problem,
} from '@rapport/core';

/**
 * The repository's `content/` folder. This module sits at `packages/server/src/instruments/`
 * and, built, at `packages/server/dist/instruments/`: four levels below the root either way.
 */
export const defaultContentDir = (): string => fileURLToPath(new URL('../../../../content/', import.meta.url));

/** The instrument library as the server holds it for its whole life. */
export interface InstrumentLibrary {
  readonly entries: readonly LibraryEntry[];
  /** An instrument by id and version (stored responses name both); the current version when none is given. */
  get(id: string, version?: number): LibraryEntry | undefined;
  /** Instruments a therapist can send: wording included for at least one client age group. */
  readonly sendable: readonly InstrumentDefinition[];
}

/** Wraps loaded entries for lookup. */
export function instrumentLibrary(entries: readonly LibraryEntry[]): InstrumentLibrary {
  const byId = new Map(entries.map((e) => [e.definition.id, e]));
  return {
    entries,
    get: (id, version) => {
      const e = byId.get(id);
      return e && (version === undefined || e.definition.version === version) ? e : undefined;
    },
    sendable: entries.map((e) => e.definition).filter((d) => sendableAudiences(d).length > 0),
  };
}

/** Broken content is a bug in the repository: the message lists every problem with its path. */
export class InstrumentContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(`The instrument library cannot be loaded:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'InstrumentContentError';
    this.problems = problems;
  }
}

const readIfPresent = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};

/**
 * Reads the library synchronously at start-up (the app is built synchronously), with the
 * same all-or-nothing checks as `loadInstrumentLibrary`; throws on any problem.
 */
export function loadInstrumentLibrarySync(contentDir: string = defaultContentDir()): InstrumentLibrary {
  const root = join(contentDir, 'instruments');
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const entries: LibraryEntry[] = [];
  const problems: Problem[] = [];
  for (const folder of folders) {
    const entry = checkLibraryEntry(
      folder,
      readIfPresent(join(root, folder, 'instrument.json')),
      readIfPresent(join(root, folder, 'LICENCE.md')),
    );
    if (entry.ok) entries.push(entry.value);
    else problems.push(...entry.error.problems);
  }
  if (problems.length > 0) throw new InstrumentContentError(problems);
  return instrumentLibrary(entries);
}

let shipped: InstrumentLibrary | undefined;

/** The shipped library, read once per process. */
export function loadInstrumentsOnce(): InstrumentLibrary {
  shipped ??= loadInstrumentLibrarySync();
  return shipped;
}
