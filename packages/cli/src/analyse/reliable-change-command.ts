import { analyseReliableChange, type CutoffType, type Norms, type PrePost } from '@rapport/core/analytics';
import { csvCell, formatNumber, parsed, problem, type Parsed } from './csv.js';
import { Progress, failer, readInput, type AnalyseIo } from './progress.js';
import { readPrePost, type LongPrePost, type WidePrePost } from './reliable-change-read.js';

/** The options of `analyse reliable-change` as commander hands them over. */
export interface ReliableChangeArgs {
  readonly input?: string;
  readonly id?: string;
  readonly time?: string;
  readonly pre?: string;
  readonly post?: string;
  readonly score?: string;
  readonly preCol?: string;
  readonly postCol?: string;
  readonly reliability?: string;
  readonly better?: string;
  readonly cutoff?: string;
  readonly mClinical?: string;
  readonly sdClinical?: string;
  readonly mFunctional?: string;
  readonly sdFunctional?: string;
  readonly out?: string;
  readonly format?: string;
}

interface Plan {
  readonly input: string;
  readonly layout: LongPrePost | WidePrePost;
  readonly reliability: number;
  readonly better: 'higher' | 'lower';
  readonly cutoff: CutoffType | undefined;
  readonly clinical: Norms | undefined;
  readonly functional: Norms | undefined;
  readonly out: string | undefined;
  readonly format: 'csv' | 'json';
}

function norms(kind: string, mean: string | undefined, sd: string | undefined): Parsed<Norms | undefined> {
  if (mean === undefined && sd === undefined) return parsed(undefined);
  if (mean === undefined || sd === undefined) {
    return problem(`--m-${kind} and --sd-${kind} go together: give both or neither.`);
  }
  const m = Number(mean);
  const s = Number(sd);
  if (mean.trim() === '' || !Number.isFinite(m)) return problem(`--m-${kind}: '${mean}' is not a number.`);
  if (sd.trim() === '' || !Number.isFinite(s) || s <= 0) {
    return problem(`--sd-${kind}: '${sd}' is not a positive number.`);
  }
  return parsed({ mean: m, sd: s });
}

/** Wide data name the pre and post columns; long data the time column, its two values and the score column. */
function layout(args: ReliableChangeArgs): Parsed<LongPrePost | WidePrePost> {
  const id = args.id ?? '';
  if (args.preCol !== undefined || args.postCol !== undefined) {
    if (args.preCol === undefined || args.postCol === undefined) {
      return problem('--pre-col and --post-col go together (wide data): give both.');
    }
    if (args.time !== undefined || args.pre !== undefined || args.post !== undefined || args.score !== undefined) {
      return problem(
        'Give --pre-col and --post-col (wide data) or --time, --pre, --post and --score (long data), not both.',
      );
    }
    if (args.preCol === args.postCol) return problem('--pre-col and --post-col name the same column.');
    return parsed({ kind: 'wide', id, preCol: args.preCol, postCol: args.postCol });
  }
  for (const [key, flag] of [
    ['time', '--time'],
    ['pre', '--pre'],
    ['post', '--post'],
    ['score', '--score'],
  ] as const) {
    if (args[key] === undefined) return problem(`${flag} is required (or --pre-col and --post-col for wide data).`);
  }
  if (args.pre === args.post) return problem('--pre and --post name the same time point.');
  return parsed({
    kind: 'long',
    id,
    time: args.time ?? '',
    pre: args.pre ?? '',
    post: args.post ?? '',
    score: args.score ?? '',
  });
}

/** Validates the options before any file is read. */
export function planReliableChange(args: ReliableChangeArgs): Parsed<Plan> {
  if (args.input === undefined) return problem('--input is required.');
  if (args.id === undefined) return problem('--id is required.');
  const scores = layout(args);
  if (!scores.ok) return scores;
  if (args.reliability === undefined) return problem('--reliability is required.');
  if (args.better === undefined) return problem('--better is required.');
  const reliability = Number(args.reliability);
  if (!(reliability > 0 && reliability < 1)) {
    return problem(`--reliability: '${args.reliability ?? ''}' must be a number strictly between 0 and 1.`);
  }
  if (args.better !== 'higher' && args.better !== 'lower') {
    return problem(`--better: '${args.better ?? ''}' must be higher or lower.`);
  }
  if (args.cutoff !== undefined && args.cutoff !== 'a' && args.cutoff !== 'b' && args.cutoff !== 'c') {
    return problem(`--cutoff: '${args.cutoff}' must be a, b or c.`);
  }
  const clinical = norms('clinical', args.mClinical, args.sdClinical);
  if (!clinical.ok) return clinical;
  const functional = norms('functional', args.mFunctional, args.sdFunctional);
  if (!functional.ok) return functional;
  if ((args.cutoff === 'b' || args.cutoff === 'c') && !functional.value) {
    return problem(`--cutoff ${args.cutoff} needs the functional norms: --m-functional and --sd-functional.`);
  }
  const format = args.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') return problem(`--format: '${format}' is unknown; use csv or json.`);
  return parsed({
    input: args.input,
    layout: scores.value,
    reliability,
    better: args.better,
    cutoff: args.cutoff,
    clinical: clinical.value,
    functional: functional.value,
    out: args.out,
    format,
  });
}

/**
 * Runs `analyse reliable-change`: one row per person with both scores, a summary on stderr.
 * Returns the exit code (2 for bad input, nothing written).
 */
export function runReliableChange(args: ReliableChangeArgs, io: AnalyseIo): number {
  const fail = failer(io, 'reliable-change');
  const plan = planReliableChange(args);
  if (!plan.ok) return fail(plan.problem.message);
  const p = plan.value;
  const text = readInput(io, p.input, fail);
  if (typeof text === 'number') return text;
  const progress = Progress.for(io, 'Reading', text);
  const people = readPrePost(text, p.layout, progress);
  progress?.done();
  if (!people.ok) return fail(people.problem.message);
  const sample: PrePost<string>[] = [];
  const leftOut: string[] = [];
  for (const { id, pre, post } of people.value) {
    if (pre === undefined || post === undefined) leftOut.push(id);
    else sample.push({ id, pre, post });
  }
  const analysis = analyseReliableChange(sample, {
    reliability: p.reliability,
    better: p.better,
    ...(p.cutoff ? { cutoff: p.cutoff } : {}),
    ...(p.clinical ? { clinical: p.clinical } : {}),
    ...(p.functional ? { functional: p.functional } : {}),
  });
  if (!analysis.ok) return fail(analysis.error.message);
  const a = analysis.value;
  const header = [p.layout.id, 'pre', 'post', 'change', 'rci', 'category'];
  let output: string;
  if (p.format === 'json') {
    output = `${JSON.stringify(
      a.people.map((x) => ({
        [p.layout.id]: x.id,
        pre: x.pre,
        post: x.post,
        change: x.change,
        rci: x.rci,
        category: x.category,
      })),
      null,
      2,
    )}\n`;
  } else {
    const lines = [header.map(csvCell).join(',')];
    for (const x of a.people) {
      lines.push(
        [
          csvCell(x.id),
          formatNumber(x.pre),
          formatNumber(x.post),
          formatNumber(x.change),
          formatNumber(x.rci),
          x.category,
        ].join(','),
      );
    }
    output = `${lines.join('\n')}\n`;
  }
  try {
    if (p.out) io.writeText(p.out, output);
    else io.stdout(output);
  } catch (e) {
    return fail(`cannot write ${p.out ?? 'the output'}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const c = a.counts;
  const f = (x: number): string => x.toFixed(3);
  io.stderr(
    `reliable-change: ${a.people.length} people analysed, ${leftOut.length} left out for a missing score` +
      `${leftOut.length > 0 && leftOut.length <= 10 ? ` (${leftOut.join(', ')})` : ''}; ` +
      `recovered ${c.recovered}, improved ${c.improved}, unchanged ${c.unchanged}, deteriorated ${c.deteriorated}, harmed ${c.harmed}; ` +
      `S_diff ${f(a.criterion.standardErrorOfDifference)}, reliable change beyond ${f(a.criterion.reliableChangeValue)}, ` +
      `cut-off ${a.cutoff.type} = ${f(a.cutoff.value)}\n`,
  );
  return 0;
}
