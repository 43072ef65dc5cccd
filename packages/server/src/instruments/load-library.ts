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

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Reads every content/instruments/<id>/instrument.json with its LICENCE.md and checks
 * them with the core parser. All or nothing: if any instrument is invalid or lacks its
 * licence, the library is refused with every problem and its path.
 *
 * @example
 *   const library = await loadInstrumentLibrary('content');
 *   if (!library.ok) for (const p of library.error.problems) console.error(`${p.path}: ${p.message}`);
 */
export async function loadInstrumentLibrary(contentDir: string): Promise<Result<LibraryEntry[], InstrumentProblems>> {
  const root = join(contentDir, 'instruments');
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const entries: LibraryEntry[] = [];
  const problems: Problem[] = [];
  for (const folder of folders) {
    const entry = checkLibraryEntry(
      folder,
      await readIfPresent(join(root, folder, 'instrument.json')),
      await readIfPresent(join(root, folder, 'LICENCE.md')),
    );
    if (entry.ok) entries.push(entry.value);
    else problems.push(...entry.error.problems);
  }
  if (problems.length > 0) return refuse('The instrument library cannot be loaded.', problems);
  return { ok: true, value: entries };
}
