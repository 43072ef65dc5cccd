import {
  formatNumber,
  notANumber,
  parseScore,
  parsed,
  problem,
  readHeader,
  scanCsv,
  takeInvalidScore,
  type Parsed,
} from './csv.js';
import { findColumn, orderById } from './columns.js';
import type { Progress } from './progress.js';
import type { NamedColumn, WideScores } from './wide.js';

/** What to read from a long file: one row per person and session. */
export interface LongRequest {
  readonly id: string;
  /** The column whose numbers order the sessions. */
  readonly time: string;
  readonly score: string;
  /** The time values to analyse, in order (`1,2,3` or `1:12`); all of them when undefined. */
  readonly vars: string | undefined;
  /** Extra sessions read on request (treatment start and end), named by their time value. */
  readonly extra?: readonly NamedColumn[];
  readonly keepRaw?: boolean;
  /** Fewest sessions the analysis can use. */
  readonly minColumns?: number;
}

/** The rows as read, in file order; people numbered by first appearance. */
interface LongRows {
  readonly people: string[];
  readonly firstLine: number[];
  readonly person: number[];
  readonly time: number[];
  readonly score: number[];
  readonly line: number[];
}

/** Where the id, time and score columns of long data are. */
export interface LongColumns {
  readonly names: readonly string[];
  readonly id: number;
  readonly time: number;
  readonly score: number;
}

/** Finds the id, time and score columns: present, and three different columns. */
export function findLongColumns(
  names: readonly string[],
  request: { readonly id: string; readonly time: string; readonly score: string },
): Parsed<LongColumns> {
  const id = findColumn(names, request.id, '--id');
  if (!id.ok) return id;
  const time = findColumn(names, request.time, '--time');
  if (!time.ok) return time;
  const score = findColumn(names, request.score, '--score');
  if (!score.ok) return score;
  if (time.value === id.value) return problem(`--time: '${request.time}' is the id column; name another.`);
  if (score.value === id.value) return problem(`--score: '${request.score}' is the id column; name another.`);
  if (score.value === time.value) return problem(`--score: '${request.score}' is the time column; name another.`);
  return parsed({ names, id: id.value, time: time.value, score: score.value });
}

/** Reads every row, stopping at the first bad one: returns the rows before it and its message. */
function scanLong(
  text: string,
  from: number,
  firstLine: number,
  c: LongColumns,
  progress: Progress | undefined,
): { rows: LongRows; failure: string | null } {
  const rows: LongRows = { people: [], firstLine: [], person: [], time: [], score: [], line: [] };
  const personOf = new Map<string, number>();
  const width = c.names.length;
  const timeName = c.names[c.time] ?? '';
  const scoreName = c.names[c.score] ?? '';
  let id = '';
  let time = '';
  let score = '';
  let failure: string | null = null;
  const fail = (message: string): boolean => {
    failure = message;
    return false;
  };
  const result = scanCsv(
    text,
    {
      cell(column, start, end, quoted) {
        if (column === c.id) id = (quoted ?? text.slice(start, end)).trim();
        else if (column === c.time) time = (quoted ?? text.slice(start, end)).trim();
        else if (column === c.score) score = quoted ?? text.slice(start, end);
      },
      row(line, cells) {
        if (cells !== width) return fail(`Line ${line} has ${cells} fields; the header has ${width}.`);
        if (id === '' || id === 'NA') return fail(`Line ${line}, column '${c.names[c.id] ?? ''}': the id is missing.`);
        if (time === '' || time === 'NA') return fail(`Line ${line}, column '${timeName}': the time is missing.`);
        takeInvalidScore();
        const t = parseScore(time, 0, time.length);
        if (takeInvalidScore()) {
          return fail(
            `Line ${line}, column '${timeName}': '${time}' is not a number; times must be numbers that order the sessions.`,
          );
        }
        const v = parseScore(score, 0, score.length);
        if (takeInvalidScore()) return fail(notANumber(line, scoreName, score));
        let p = personOf.get(id);
        if (p === undefined) {
          p = rows.people.length;
          personOf.set(id, p);
          rows.people.push(id);
          rows.firstLine.push(line);
        }
        rows.person.push(p);
        rows.time.push(t);
        rows.score.push(v);
        rows.line.push(line);
        if (progress && (rows.line.length & 8191) === 0) progress.tick(line);
        return true;
      },
    },
    from,
    firstLine,
  );
  return { rows, failure: result.ok ? failure : result.problem.message };
}

/**
 * The time values chosen by `--vars`, as indices into `times` (sorted): values and ranges
 * `a:b` (every time from a to b), in the order given.
 */
function selectTimes(times: readonly number[], spec: string | undefined, timeName: string): Parsed<number[]> {
  if (spec === undefined) return parsed(times.map((_, i) => i));
  const out: number[] = [];
  const value = (text: string, item: string): Parsed<number> => {
    const v = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(v)) {
      return problem(`--vars: '${item}' is not a time value or a range a:b of them (with --time, --vars names times).`);
    }
    return parsed(v);
  };
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '') return problem(`--vars: empty item in '${spec}'.`);
    const range = item.split(':');
    if (range.length > 2) return problem(`--vars: '${item}' is not a time value or a range a:b.`);
    const from = value(range[0] ?? '', item);
    if (!from.ok) return from;
    const to = range.length === 2 ? value(range[1] ?? '', item) : from;
    if (!to.ok) return to;
    if (to.value < from.value) return problem(`--vars: in '${item}' the second time is smaller than the first.`);
    const before = out.length;
    times.forEach((t, i) => {
      if (t >= from.value && t <= to.value) out.push(i);
    });
    if (out.length === before) {
      const what = range.length === 2 ? `from ${range[0] ?? ''} to ${range[1] ?? ''}` : `= ${item}`;
      return problem(`--vars: no row has ${timeName} ${what}.`);
    }
  }
  const seen = new Set<number>();
  for (const i of out) {
    if (seen.has(i)) return problem(`--vars: ${timeName} ${formatNumber(times[i] ?? null)} is listed twice.`);
    seen.add(i);
  }
  return parsed(out);
}

/**
 * Reads long CSV (one row per person and session) into one row per person, sessions in the
 * numeric order of the time column; a session with no row is missing. Checks what the wide
 * reader checks, and that times are numbers and no person has two rows for one time, naming
 * the line and column of the first problem.
 */
export function readLong(text: string, request: LongRequest, progress?: Progress): Parsed<WideScores> {
  const header = readHeader(text);
  if (!header.ok) return header;
  const columns = findLongColumns(header.value.names, request);
  if (!columns.ok) return columns;
  const c = columns.value;
  const { rows, failure } = scanLong(text, header.value.next, header.value.nextLine, c, progress);
  const times = [...new Set(rows.time)].sort((a, b) => a - b);
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const T = times.length;
  const P = rows.people.length;
  const timeName = c.names[c.time] ?? '';
  // Every person × time; `seen` holds the line that filled a cell, so a repeat can name both.
  const all = new Float64Array(P * T).fill(Number.NaN);
  const seen = new Int32Array(P * T);
  for (let i = 0; i < rows.line.length; i++) {
    const p = rows.person[i] ?? 0;
    const cell = p * T + (timeIndex.get(rows.time[i] ?? 0) ?? 0);
    const line = rows.line[i] ?? 0;
    const earlier = seen[cell] ?? 0;
    if (earlier !== 0) {
      // Rows are read in order, so this repeat comes before any problem that stopped the scan.
      return problem(
        `Line ${line}, column '${request.id}': id '${rows.people[p] ?? ''}' already has a row for ${timeName} = ${formatNumber(rows.time[i] ?? null)} (line ${earlier}).`,
      );
    }
    seen[cell] = line;
    all[cell] = rows.score[i] ?? Number.NaN;
  }
  if (failure !== null) return problem(failure);
  if (P === 0) return problem('The input has a header but no data rows.');
  const chosen = selectTimes(times, request.vars, timeName);
  if (!chosen.ok) return chosen;
  const K = chosen.value.length;
  if (K < (request.minColumns ?? 1)) {
    return problem(
      `--vars: the analysis needs at least ${request.minColumns ?? 1} sessions (times); got ${K}${request.vars === undefined ? ` in column '${timeName}'` : ''}.`,
    );
  }
  // Column 0 is the id; column 1 + i holds time i, named <score>_<time>.
  const names = [request.id, ...times.map((t) => `${request.score}_${formatNumber(t)}`)];
  const extraColumns: number[] = [];
  const extra = new Map<number, Float64Array>();
  for (const { option, name } of request.extra ?? []) {
    const i = timeIndex.get(Number(name.trim()));
    if (name.trim() === '' || i === undefined) return problem(`${option}: no row has ${timeName} = ${name}.`);
    extraColumns.push(1 + i);
    extra.set(
      1 + i,
      Float64Array.from({ length: P }, (_, p) => all[p * T + i] ?? Number.NaN),
    );
  }
  const values = new Float64Array(P * K);
  for (let p = 0; p < P; p++) {
    chosen.value.forEach((i, k) => (values[p * K + k] = all[p * T + i] ?? Number.NaN));
  }
  const raw = request.keepRaw
    ? rows.people.map((id, p) => [id, ...Array.from(all.subarray(p * T, p * T + T), (v) => formatNumber(v))])
    : null;
  const order = orderById(rows.people, rows.firstLine, request.id);
  if (!order.ok) return order;
  return parsed({
    names,
    idColumn: 0,
    scoreColumns: chosen.value.map((i) => 1 + i),
    ids: rows.people,
    lines: rows.firstLine,
    matrix: { rows: P, columns: K, values },
    extraColumns,
    extra,
    raw,
    order: order.value,
  });
}
