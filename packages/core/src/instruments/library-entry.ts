import type { Result } from '../errors.js';
import type { InstrumentDefinition } from './model.js';
import { parseInstrumentDefinition } from './parse-definition.js';
import { refuse, type InstrumentProblems, type Problem } from './problems.js';

/** One instrument of the library with the licence file that must travel with it. */
export interface LibraryEntry {
  readonly definition: InstrumentDefinition;
  /** The LICENCE.md beside the definition, shown wherever the instrument's licence is asked for. */
  readonly licenceText: string;
}

/**
 * Checks one library folder's files, already read by the caller (core does no I/O):
 * the definition must parse, its id must be the folder name, and a LICENCE.md must
 * sit beside it carrying the copyright line. Paths name the file, then the JSON path.
 */
export function checkLibraryEntry(
  folder: string,
  definitionJson: string | undefined,
  licenceText: string | undefined,
): Result<LibraryEntry, InstrumentProblems> {
  const file = `instruments/${folder}/instrument.json`;
  const licenceFile = `instruments/${folder}/LICENCE.md`;
  const problems: Problem[] = [];
  if (definitionJson === undefined) {
    return refuse('An instrument folder has no definition.', [{ path: file, message: 'is missing.' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(definitionJson);
  } catch (e) {
    return refuse('An instrument definition is not JSON.', [
      { path: file, message: `is not valid JSON (${String(e)}).` },
    ]);
  }
  const parsed = parseInstrumentDefinition(json);
  if (!parsed.ok) {
    return refuse(
      parsed.error.message,
      parsed.error.problems.map((p) => ({ path: `${file} ${p.path}`, message: p.message })),
    );
  }
  const def = parsed.value;
  if (def.id !== folder) problems.push({ path: `${file} $.id`, message: `must equal the folder name ("${folder}").` });
  if (licenceText === undefined || licenceText.trim() === '') {
    problems.push({ path: licenceFile, message: 'is missing: every instrument needs its licence file beside it.' });
  } else if (!licenceText.includes(def.licence.copyright)) {
    problems.push({ path: licenceFile, message: `must state the copyright line "${def.licence.copyright}".` });
  }
  if (problems.length > 0 || licenceText === undefined) return refuse('An instrument cannot be loaded.', problems);
  return { ok: true, value: { definition: def, licenceText } };
}
