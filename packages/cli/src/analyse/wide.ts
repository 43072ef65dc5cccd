import type { ScoreMatrix } from '@rapport/core/analytics';
import { parseScore, parsed, problem, readHeader, scanCsv, takeInvalidScore, type Parsed } from './csv.js';
import { findColumn, idComparator, resolveVars } from './columns.js';
import type { Progress } from './progress.js';

/** Wide data: one row per person, the chosen score columns in a matrix. */
export interface WideScores {
  readonly names: readonly string[];
  readonly idColumn: number;
  readonly scoreColumns: readonly number[];
  readonly ids: string[];
  /** Line of each row in the file (1-based), for messages. */
  readonly lines: number[];
  readonly matrix: ScoreMatrix;
  /** Extra numeric columns read on request (e.g. treatment start and end), NaN when missing. */
  readonly extra: Map<number, Float64Array>;
  /** Every cell as text, only when asked for (suddengains' byperson table repeats the whole input). */
  readonly raw: string[][] | null;
  /** Row indices sorted by id. */
  readonly order: Int32Array;
}

/** What to read from a wide file. */
export interface WideRequest {
  readonly id: string;
  readonly vars: string;
  readonly extra?: readonly string[];
  readonly keepRaw?: boolean;
  /** Fewest score columns the analysis can use (checked before any row is read). */
  readonly minColumns?: number;
}

/**
 * Reads wide CSV: checks the header, the id column (present, unique) and every score cell
 * (a number, or `NA`/empty for missing), naming the line and column of the first problem.
 */
export function readWide(text: string, request: WideRequest, progress?: Progress): Parsed<WideScores> {
  const header = readHeader(text);
  if (!header.ok) return header;
  const { names, next, nextLine } = header.value;
  const idColumn = findColumn(names, request.id, '--id');
  if (!idColumn.ok) return idColumn;
  const vars = resolveVars(names, request.vars);
  if (!vars.ok) return vars;
  if (vars.value.length < (request.minColumns ?? 1)) {
    return problem(
      `--vars: the analysis needs at least ${request.minColumns ?? 1} sessions (columns); got ${vars.value.length}.`,
    );
  }
  if (vars.value.includes(idColumn.value)) {
    return problem(`--vars: the id column '${request.id}' cannot also be a score column.`);
  }
  const extraColumns: number[] = [];
  for (const name of request.extra ?? []) {
    const c = findColumn(names, name, name === request.extra?.[0] ? '--tx-start' : '--tx-end');
    if (!c.ok) return c;
    extraColumns.push(c.value);
  }
  const K = vars.value.length;
  const width = names.length;
  // Where each file column goes: -1 ignore, -2 id, >= 0 score column index, extra columns by map.
  const slot = new Int32Array(width).fill(-1);
  vars.value.forEach((c, k) => (slot[c] = k));
  slot[idColumn.value] = -2;
  const isExtra = new Uint8Array(width);
  for (const c of extraColumns) isExtra[c] = 1;

  // A generous first guess at the row count avoids regrowing the typed array more than once or twice.
  let capacity = Math.max(16, Math.ceil((text.length - next) / Math.max(8, (K + 1) * 3)));
  let values = new Float64Array(capacity * K);
  const extraValues = new Map<number, number[]>(extraColumns.map((c) => [c, []]));
  const ids: string[] = [];
  const lines: number[] = [];
  const raw: string[][] | null = request.keepRaw ? [] : null;
  let rawRow: string[] = [];
  let rows = 0;
  const state: { failure: string | null } = { failure: null };
  let id = '';
  takeInvalidScore();
  let badColumn = -1;
  let badText = '';
  // Fast path for the common case (no quotes, no raw copy): one loop with local variables and
  // numbers parsed in place. The general scanner below handles everything else identically.
  if (raw === null && text.indexOf('"', next) < 0) {
    const n = text.length;
    let pos = next;
    let line = nextLine;
    let fastFailure: string | null = null;
    while (pos < n) {
      let c = text.charCodeAt(pos);
      if (c === 10 || c === 13) {
        pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
        line++;
        continue;
      }
      if (rows >= capacity) {
        capacity *= 2;
        const grown = new Float64Array(capacity * K);
        grown.set(values);
        values = grown;
      }
      const base = rows * K;
      let column = 0;
      let rowId = '';
      let bad = -1;
      let badAt = 0;
      let badEnd = 0;
      for (;;) {
        const start = pos;
        while (pos < n && (c = text.charCodeAt(pos)) !== 44 && c !== 10 && c !== 13) pos++;
        if (column < width) {
          const sl = slot[column] ?? -1;
          if (sl >= 0 || isExtra[column] === 1) {
            const v = parseScore(text, start, pos);
            if (takeInvalidScore() && bad < 0) {
              bad = column;
              badAt = start;
              badEnd = pos;
            }
            if (sl >= 0) values[base + sl] = v;
            if (isExtra[column] === 1) extraValues.get(column)?.push(v);
          } else if (sl === -2) rowId = text.slice(start, pos).trim();
        }
        column++;
        if (pos < n && text.charCodeAt(pos) === 44) {
          // After a comma comes another cell, even an empty last one.
          pos++;
          continue;
        }
        break;
      }
      const rowLine = line;
      if (pos < n) pos += text.charCodeAt(pos) === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
      line++;
      if (column !== width) {
        fastFailure = `Line ${rowLine} has ${column} fields; the header has ${width}.`;
        break;
      }
      if (bad >= 0) {
        fastFailure = `Line ${rowLine}, column '${names[bad] ?? bad}': '${text.slice(badAt, badEnd)}' is not a number (write NA or leave the cell empty for a missing score).`;
        break;
      }
      if (rowId === '' || rowId === 'NA') {
        fastFailure = `Line ${rowLine}, column '${request.id}': the id is missing.`;
        break;
      }
      ids.push(rowId);
      lines.push(rowLine);
      rows++;
      if (progress && (rows & 8191) === 0) progress.tick(rowLine);
    }
    if (fastFailure !== null) return problem(fastFailure);
  } else {
    const result = scanCsv(
      text,
      {
        cell(column, start, end, quoted) {
          if (column >= width) return;
          const s = slot[column] ?? -1;
          if (raw) rawRow.push(quoted ?? text.slice(start, end));
          if (s >= 0) {
            if (rows >= capacity) {
              capacity *= 2;
              const grown = new Float64Array(capacity * K);
              grown.set(values);
              values = grown;
            }
            const v = quoted === undefined ? parseScore(text, start, end) : parseScore(quoted, 0, quoted.length);
            if (takeInvalidScore() && badColumn < 0) {
              badColumn = column;
              badText = quoted ?? text.slice(start, end);
            }
            values[rows * K + s] = v;
          } else if (s === -2) {
            id = (quoted ?? text.slice(start, end)).trim();
          }
          if (isExtra[column] === 1) {
            const v = quoted === undefined ? parseScore(text, start, end) : parseScore(quoted, 0, quoted.length);
            if (takeInvalidScore() && badColumn < 0) {
              badColumn = column;
              badText = quoted ?? text.slice(start, end);
            }
            extraValues.get(column)?.push(v);
          }
        },
        row(line, cells) {
          if (cells !== width) {
            state.failure = `Line ${line} has ${cells} fields; the header has ${width}.`;
            return false;
          }
          if (badColumn >= 0) {
            state.failure = `Line ${line}, column '${names[badColumn] ?? badColumn}': '${badText}' is not a number (write NA or leave the cell empty for a missing score).`;
            return false;
          }
          if (id === '' || id === 'NA') {
            state.failure = `Line ${line}, column '${request.id}': the id is missing.`;
            return false;
          }
          ids.push(id);
          lines.push(line);
          if (raw) {
            raw.push(rawRow);
            rawRow = [];
          }
          rows++;
          if (progress && (rows & 8191) === 0) progress.tick(line);
          return true;
        },
      },
      next,
      nextLine,
    );
    if (!result.ok) return result;
    if (state.failure !== null) return problem(state.failure);
  }
  if (rows === 0) return problem('The input has a header but no data rows.');
  // Sorting by id (as suddengains does) puts duplicates side by side: no hash of 100 000 ids needed.
  const compare = idComparator(ids);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < rows && sorted; i++) sorted = compare(i - 1, i) < 0;
  if (!sorted) order.sort(compare);
  for (let i = 1; i < rows; i++) {
    const a = order[i - 1] ?? 0;
    const b = order[i] ?? 0;
    if (compare.same(a, b)) {
      const [first, second] = a < b ? [a, b] : [b, a];
      return problem(
        `Line ${lines[second] ?? 0}, column '${request.id}': id '${ids[second] ?? ''}' already appears on line ${lines[first] ?? 0}.`,
      );
    }
  }
  const extra = new Map<number, Float64Array>();
  for (const [c, list] of extraValues) extra.set(c, Float64Array.from(list));
  return parsed({
    names,
    idColumn: idColumn.value,
    scoreColumns: vars.value,
    ids,
    lines,
    matrix: { rows, columns: K, values: values.subarray(0, rows * K) },
    extra,
    raw,
    order,
  });
}
