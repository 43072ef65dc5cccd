import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkLibraryEntry,
  refuse,
  type InstrumentProblems,
  type LibraryEntry,
  type Problem,
  type Result,
} from '@rapport/core';

const readIfPresent = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  });

/** The CLI's own read of content/instruments (the CLI uses core, not the server); checks are core's. */
export async function readLibrary(contentDir: string): Promise<Result<LibraryEntry[], InstrumentProblems>> {
  const root = join(contentDir, 'instruments');
  const folders = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const entries: LibraryEntry[] = [];
  const problems: Problem[] = [];
  for (const folder of folders.sort()) {
    const entry = checkLibraryEntry(
      folder,
      await readIfPresent(join(root, folder, 'instrument.json')),
      await readIfPresent(join(root, folder, 'LICENCE.md')),
    );
    if (entry.ok) entries.push(entry.value);
    else problems.push(...entry.error.problems);
  }
  return problems.length > 0
    ? refuse('The instrument library cannot be loaded.', problems)
    : { ok: true, value: entries };
}
