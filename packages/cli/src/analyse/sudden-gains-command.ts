import { identifySuddenGains, listSuddenGains } from '@rapport/core/analytics';
import type { Parsed } from './csv.js';
import { readLong } from './long.js';
import { Progress, failer, readInput, type AnalyseIo } from './progress.js';
import { planSuddenGains, type SuddenGainsArgs, type SuddenGainsPlan } from './sudden-gains-plan.js';
import { gainTable, intervalCsv, intervalJson, personTable, render } from './sudden-gains-output.js';
import { readWide, type NamedColumn, type WideScores } from './wide.js';

export { planSuddenGains, type SuddenGainsArgs } from './sudden-gains-plan.js';

/** The measure's name for the `sg_<measure>_…` columns: `bdi` from bdi_s1 … bdi_s12. */
export function measureName(vars: readonly string[]): string {
  let prefix = vars[0] ?? 'x';
  for (const v of vars) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const name = prefix.replace(/\d+$/, '').replace(/[_.\-\s]*s?[_.\-\s]*$/i, '');
  return name === '' ? 'x' : name;
}

/** The treatment start and end columns (long data: time values) asked for, in that order. */
function treatmentSpan(p: SuddenGainsPlan): NamedColumn[] {
  if (p.by === 'interval') return [];
  const span: NamedColumn[] = [];
  if (p.txStart !== undefined) span.push({ option: '--tx-start', name: p.txStart });
  if (p.txEnd !== undefined) span.push({ option: '--tx-end', name: p.txEnd });
  return span;
}

/** Reads the scores, wide or long, into one person per row. */
function readScores(text: string, p: SuddenGainsPlan, progress: Progress | undefined): Parsed<WideScores> {
  const common = { id: p.id, extra: treatmentSpan(p), keepRaw: p.by === 'person', minColumns: 4 };
  const { layout } = p;
  if (layout.kind === 'wide') return readWide(text, { ...common, vars: layout.vars }, progress);
  return readLong(text, { ...common, time: layout.time, score: layout.score, vars: layout.vars }, progress);
}

/**
 * Runs `analyse sudden-gains`; returns the exit code (0, or 2 for bad input, with the
 * message on stderr and nothing written).
 */
export function runSuddenGains(args: SuddenGainsArgs, io: AnalyseIo): number {
  const fail = failer(io, 'sudden-gains');
  const plan = planSuddenGains(args);
  if (!plan.ok) return fail(plan.problem.message);
  const p = plan.value;
  const text = readInput(io, p.input, fail);
  if (typeof text === 'number') return text;
  const progress = Progress.for(io, 'Reading', text);
  const read = readScores(text, p, progress);
  progress?.done();
  if (!read.ok) return fail(read.problem.message);
  const data = read.value;
  const result = identifySuddenGains(data.matrix, p.options);
  if (!result.ok) return fail(result.error.message);
  const flags = result.value;

  let output: string | Uint8Array;
  if (p.by === 'interval') {
    output = p.format === 'csv' ? intervalCsv(data, flags) : intervalJson(data, flags);
  } else {
    const m = p.measure ?? measureName(data.scoreColumns.map((c) => data.names[c] ?? ''));
    const startCol = p.txStart === undefined ? -1 : (data.extraColumns[0] ?? -1);
    const endCol = p.txEnd === undefined ? -1 : (data.extraColumns[p.txStart === undefined ? 0 : 1] ?? -1);
    const span = {
      ...(startCol >= 0 ? { txStart: data.extra.get(startCol) ?? new Float64Array() } : {}),
      ...(endCol >= 0 ? { txEnd: data.extra.get(endCol) ?? new Float64Array() } : {}),
    };
    const gains = listSuddenGains(data.matrix, flags, p.options, span, data.order);
    if (gains.length === 0 && p.options.mode === 'suddengains') {
      // create_bysg stops with this error; Rapport writes an empty table instead.
      return fail(`No sudden ${p.options.kind === 'gain' ? 'gains' : 'losses'} were identified.`);
    }
    const table =
      p.by === 'gain'
        ? gainTable(data, gains, m, startCol, endCol)
        : personTable(data, gains, m, p.select, p.options.mode);
    output = render(table, p.format);
  }
  try {
    if (p.out) io.writeText(p.out, output);
    else io.stdout(output);
  } catch (e) {
    return fail(`cannot write ${p.out ?? 'the output'}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 0;
}
