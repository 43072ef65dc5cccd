import { idComparator, findColumn } from './columns.js';
import { notANumber, parseScore, parsed, problem, readHeader, scanCsv, takeInvalidScore, type Parsed } from './csv.js';
import type { Progress } from './progress.js';
import { findLongColumns } from './long.js';
import { readWide } from './wide.js';

/** One person's pre and post scores (undefined when missing), people sorted by id. */
export interface PrePostRow {
  readonly id: string;
  readonly pre: number | undefined;
  readonly post: number | undefined;
}

/** Long data: the time column and the values that mark the pre and post rows. */
export interface LongPrePost {
  readonly kind: 'long';
  readonly id: string;
  readonly time: string;
  readonly pre: string;
  readonly post: string;
  readonly score: string;
}

/** Wide data: one row per person, the pre and post scores in two columns. */
export interface WidePrePost {
  readonly kind: 'wide';
  readonly id: string;
  readonly preCol: string;
  readonly postCol: string;
}

interface Person {
  pre: number | undefined;
  post: number | undefined;
  preLine: number;
  postLine: number;
}

/** Reads long data: one row per person and time point; rows at other time points are ignored. */
function readLongPrePost(text: string, plan: LongPrePost, progress?: Progress): Parsed<Map<string, Person>> {
  const header = readHeader(text);
  if (!header.ok) return header;
  const { names, next, nextLine } = header.value;
  const columns = findLongColumns(names, plan);
  if (!columns.ok) return columns;
  const { id: idCol, time: timeCol, score: scoreCol } = columns.value;
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
        if (column === idCol) id = (quoted ?? text.slice(start, end)).trim();
        else if (column === timeCol) time = (quoted ?? text.slice(start, end)).trim();
        if (column === scoreCol) scoreText = quoted ?? text.slice(start, end);
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
          state.failure = notANumber(line, plan.score, scoreText);
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
  if (people.size === 0) return problem(`no rows have ${plan.time} = ${plan.pre} or ${plan.post}.`);
  return parsed(people);
}

const scoreOrUndefined = (v: number | undefined): number | undefined =>
  v === undefined || Number.isNaN(v) ? undefined : v;

/**
 * Reads each person's pre and post scores from long or wide CSV, sorted by id, naming the
 * line and column of the first problem.
 */
export function readPrePost(text: string, plan: LongPrePost | WidePrePost, progress?: Progress): Parsed<PrePostRow[]> {
  if (plan.kind === 'long') {
    const people = readLongPrePost(text, plan, progress);
    if (!people.ok) return people;
    const ids = [...people.value.keys()];
    const order = ids.map((_, i) => i).sort(idComparator(ids));
    return parsed(
      order.map((i) => {
        const id = ids[i] ?? '';
        const person = people.value.get(id);
        return { id, pre: person?.pre, post: person?.post };
      }),
    );
  }
  const columns = (names: readonly string[]): Parsed<number[]> => {
    const pre = findColumn(names, plan.preCol, '--pre-col');
    if (!pre.ok) return pre;
    const post = findColumn(names, plan.postCol, '--post-col');
    if (!post.ok) return post;
    return parsed([pre.value, post.value]);
  };
  const wide = readWide(
    text,
    { id: plan.id, vars: columns, minColumns: 2, varsOption: '--pre-col/--post-col' },
    progress,
  );
  if (!wide.ok) return wide;
  const { ids, matrix, order } = wide.value;
  return parsed(
    Array.from(order, (r) => ({
      id: ids[r] ?? '',
      pre: scoreOrUndefined(matrix.values[2 * r]),
      post: scoreOrUndefined(matrix.values[2 * r + 1]),
    })),
  );
}
