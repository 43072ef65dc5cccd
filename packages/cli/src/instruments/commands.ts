import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { explainScoring, formatProblems, fromQuestionnaire, toQuestionnaire } from '@rapport/core';
import { readLibrary } from './read-library.js';

/** Where the commands write: stdout and stderr in the CLI, arrays in tests. */
export interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Exit codes: 0 done, 2 bad input (with the exact path of each problem). */
export type ExitCode = 0 | 2;

/** `rapport instruments list`: id, version, title, audiences, licence and status of each instrument. */
export async function listInstruments(contentDir: string, io: Output): Promise<ExitCode> {
  const library = await readLibrary(contentDir);
  if (!library.ok) {
    for (const line of formatProblems(library.error.problems)) io.err(line);
    return 2;
  }
  for (const { definition: d } of library.value) {
    const terms = d.licence.terms.kind === 'spdx' ? d.licence.terms.id : 'own terms';
    const status = d.provenance.kind === 'rapport' ? d.provenance.label : d.provenance.kind;
    const audiences = d.versions
      .map((v) => `${v.audience}${v.content.kind === 'import-only' ? ' (wording import-only)' : ''}`)
      .join(', ');
    io.out(`${d.id}\tv${String(d.version)}\t${d.title}\t[${audiences}]\t${terms}\t${status}`);
  }
  return 0;
}

/**
 * `rapport instruments export --format fhir --out DIR`: one `<id>.json` R4 Questionnaire
 * per instrument (its first audience version), plus `<id>-<audience>.json` for the others.
 */
export async function exportInstruments(
  contentDir: string,
  format: string,
  outDir: string,
  io: Output,
): Promise<ExitCode> {
  if (format !== 'fhir') {
    io.err(`--format: "${format}" is not supported; use "fhir".`);
    return 2;
  }
  const library = await readLibrary(contentDir);
  if (!library.ok) {
    for (const line of formatProblems(library.error.problems)) io.err(line);
    return 2;
  }
  await mkdir(outDir, { recursive: true });
  for (const { definition } of library.value) {
    for (const [i, version] of definition.versions.entries()) {
      const q = toQuestionnaire(definition, version.audience);
      const file = join(outDir, `${i === 0 ? definition.id : `${definition.id}-${version.audience}`}.json`);
      await writeFile(file, `${JSON.stringify(q, null, 2)}\n`);
      io.out(`wrote ${file}`);
    }
  }
  return 0;
}

async function readJson(
  path: string,
  label: string,
  io: Output,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await readFile(path, 'utf8')) as unknown };
  } catch (e) {
    io.err(`${label}: cannot read JSON from ${path} (${e instanceof Error ? e.message : String(e)}).`);
    return { ok: false };
  }
}

/**
 * `rapport instruments import FILE [--companion FILE] [--holder --evidence --by]`: validates a licensed R4
 * Questionnaire and prints what would be scored and how. Nothing is stored here:
 * storing an import (with who imported it and under what licence) is the server's.
 */
export interface ImportOptions {
  readonly companion?: string;
  /** The practice's own licence for wording Rapport may not redistribute (SRS/ORS, WAI-SR). */
  readonly holder?: string;
  readonly evidence?: string;
  readonly by?: string;
}

export async function importInstrument(file: string, options: ImportOptions, io: Output): Promise<ExitCode> {
  const companionFile = options.companion;
  const questionnaire = await readJson(file, 'FILE', io);
  if (!questionnaire.ok) return 2;
  let companion: unknown;
  if (companionFile !== undefined) {
    const read = await readJson(companionFile, '--companion', io);
    if (!read.ok) return 2;
    companion = read.value;
  }
  const { holder, evidence, by } = options;
  const local = holder && evidence && by ? { holder, evidence, importedBy: by } : undefined;
  const result = fromQuestionnaire(questionnaire.value, companion, local);
  if (!result.ok) {
    io.err(result.error.message);
    for (const line of formatProblems(result.error.problems)) io.err(`  ${line}`);
    if (result.error.problems.some((p) => p.path === 'Questionnaire.item') && !local) {
      io.err('  (A practice holding a licence for this wording records it with --holder, --evidence and --by.)');
    }
    return 2;
  }
  io.out('Valid. This is what would be scored, and how:');
  for (const line of explainScoring(result.value)) io.out(`  ${line}`);
  return 0;
}
