import { analyseReliableChange, type CutoffType, type Norms, type PrePost } from '@rapport/core/analytics';
import { idComparator, findColumn } from './columns.js';
import {
  csvCell,
  formatNumber,
  parseScore,
  parsed,
  problem,
  readHeader,
  scanCsv,
  takeInvalidScore,
  type Parsed,
} from './csv.js';
import { Progress, failer, readInput, type AnalyseIo } from './progress.js';

/** The options of `analyse reliable-change` as commander hands them over. */
export interface ReliableChangeArgs {
  readonly input?: string;
  readonly id?: string;
  readonly time?: string;
  readonly pre?: string;
  readonly post?: string;
  readonly score?: string;
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
  readonly id: string;
  readonly time: string;
  readonly pre: string;
  readonly post: string;
  readonly score: string;
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

/** Validates the options before any file is read. */
export function planReliableChange(args: ReliableChangeArgs): Parsed<Plan> {
  for (const [key, flag] of [
    ['input', '--input'],
    ['id', '--id'],
    ['time', '--time'],
    ['pre', '--pre'],
    ['post', '--post'],
    ['score', '--score'],
    ['reliability', '--reliability'],
    ['better', '--better'],
  ] as const) {
    if (args[key] === undefined) return problem(`${flag} is required.`);
  }
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
  if (args.pre === args.post) return problem('--pre and --post name the same time point.');
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
    input: args.input ?? '',
    id: args.id ?? '',
    time: args.time ?? '',
    pre: args.pre ?? '',
    post: args.post ?? '',
    score: args.score ?? '',
    reliability,
    better: args.better,
    cutoff: args.cutoff,
    clinical: clinical.value,
    functional: functional.value,
    out: args.out,
    format,
  });
}

interface Person {
  pre: number | undefined;
  post: number | undefined;
  preLine: number;
  postLine: number;
}

/** Reads long data: one row per person and time point; rows at other time points are ignored. */
function readLong(text: string, plan: Plan, progress?: Progress): Parsed<Map<string, Person>> {
  const header = readHeader(text);
  if (!header.ok) return header;
  const { names, next, nextLine } = header.value;
  const idCol = findColumn(names, plan.id, '--id');
  if (!idCol.ok) return idCol;
  const timeCol = findColumn(names, plan.time, '--time');
  if (!timeCol.ok) return timeCol;
  const scoreCol = findColumn(names, plan.score, '--score');
  if (!scoreCol.ok) return scoreCol;
  const people = new Map<string, Person>();
  let id = '';
  let time = '';
  let scoreText = '';
  const state: { failure: string | null } = { failure: null };
  let rows = 0;
  const result = scanCsv(
    text,
    {
      cell(column, start, end, quoted) {
        if (column === idCol.value) id = (quoted ?? text.slice(start, end)).trim();
        else if (column === timeCol.value) time = (quoted ?? text.slice(start, end)).trim();
        if (column === scoreCol.value) scoreText = quoted ?? text.slice(start, end);
      },
      row(line, cells) {
        if (cells !== names.length) {
          state.failure = `Line ${line} has ${cells} fields; the header has ${names.length}.`;
          return false;
        }
        rows++;
        if (progress && (rows & 8191) === 0) progress.tick(line);
        if (time !== plan.pre && time !== plan.post) return true;
        if (id === '' || id === 'NA') {
          state.failure = `Line ${line}, column '${plan.id}': the id is missing.`;
          return false;
        }
        takeInvalidScore();
        const v = parseScore(scoreText, 0, scoreText.length);
        if (takeInvalidScore()) {
          state.failure = `Line ${line}, column '${plan.score}': '${scoreText}' is not a number (write NA or leave the cell empty for a missing score).`;
          return false;
        }
        const person = people.get(id) ?? { pre: undefined, post: undefined, preLine: 0, postLine: 0 };
        const isPre = time === plan.pre;
        const earlier = isPre ? person.preLine : person.postLine;
        if (earlier !== 0) {
          state.failure = `Line ${line}, column '${plan.id}': id '${id}' already has a row for ${plan.time} = ${time} (line ${earlier}).`;
          return false;
        }
        const score = Number.isNaN(v) ? undefined : v;
        if (isPre) {
          person.pre = score;
          person.preLine = line;
        } else {
          person.post = score;
          person.postLine = line;
        }
        people.set(id, person);
        return true;
      },
    },
    next,
    nextLine,
  );
  if (!result.ok) return result;
  if (state.failure !== null) return problem(state.failure);
  return parsed(people);
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
  const people = readLong(text, p, progress);
  progress?.done();
  if (!people.ok) return fail(people.problem.message);
  const ids = [...people.value.keys()];
  if (ids.length === 0) return fail(`no rows have ${p.time} = ${p.pre} or ${p.post}.`);
  const order = ids.map((_, i) => i).sort(idComparator(ids));
  const sample: PrePost<string>[] = [];
  const leftOut: string[] = [];
  for (const i of order) {
    const id = ids[i] ?? '';
    const person = people.value.get(id);
    if (person?.pre === undefined || person.post === undefined) leftOut.push(id);
    else sample.push({ id, pre: person.pre, post: person.post });
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
  const header = [p.id, 'pre', 'post', 'change', 'rci', 'category'];
  let output: string;
  if (p.format === 'json') {
    output = `${JSON.stringify(
      a.people.map((x) => ({
        [p.id]: x.id,
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
