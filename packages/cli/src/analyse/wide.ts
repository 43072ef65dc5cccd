import type { ScoreMatrix } from '@rapport/core/analytics';
import { parseScore, parsed, problem, readHeader, scanCsv, takeInvalidScore, type Parsed } from './csv.js';
import { findColumn, orderById, resolveVars } from './columns.js';
import { RowStore, readPlainRows, rowFailure, type WideLayout } from './plain-rows.js';
import type { Progress } from './progress.js';

/** Wide data: one row per person, the chosen score columns in a matrix. */
export interface WideScores {
  readonly names: readonly string[];
  readonly idColumn: number;
  readonly scoreColumns: readonly number[];
  readonly ids: string[];
  /** Line of each row in the file (1-based), for messages. */
  readonly lines: readonly number[];
  readonly matrix: ScoreMatrix;
  /** The columns named by {@link WideRequest.extra}, in that order. */
  readonly extraColumns: readonly number[];
  /** Extra numeric columns read on request (e.g. treatment start and end), NaN when missing. */
  readonly extra: Map<number, Float64Array>;
  /** Every cell as text, only when asked for (suddengains' byperson table repeats the whole input). */
  readonly raw: string[][] | null;
  /** Row indices sorted by id. */
  readonly order: Int32Array;
}

/** A column asked for by an option, named in messages by that option. */
export interface NamedColumn {
  readonly option: string;
  readonly name: string;
}

/** What to read from a wide file. */
export interface WideRequest {
  readonly id: string;
  /** The score columns: a `--vars` list, or a function choosing them from the header. */
  readonly vars: string | ((names: readonly string[]) => Parsed<number[]>);
  readonly extra?: readonly NamedColumn[];
  readonly keepRaw?: boolean;
  /** Fewest score columns the analysis can use (checked before any row is read). */
  readonly minColumns?: number;
  /** The option(s) that chose the score columns, for messages (default `--vars`). */
  readonly varsOption?: string;
}

/** Checks the header against the request and says where each file column goes. */
function layout(names: readonly string[], request: WideRequest): Parsed<{ layout: WideLayout; vars: number[] }> {
  const idColumn = findColumn(names, request.id, '--id');
  if (!idColumn.ok) return idColumn;
  const vars = typeof request.vars === 'string' ? resolveVars(names, request.vars) : request.vars(names);
  if (!vars.ok) return vars;
  const option = request.varsOption ?? '--vars';
  if (vars.value.length < (request.minColumns ?? 1)) {
    return problem(
      `${option}: the analysis needs at least ${request.minColumns ?? 1} sessions (columns); got ${vars.value.length}.`,
    );
  }
  if (vars.value.includes(idColumn.value)) {
    return problem(`${option}: the id column '${request.id}' cannot also be a score column.`);
  }
  const extraColumns: number[] = [];
  for (const { option, name } of request.extra ?? []) {
    const c = findColumn(names, name, option);
    if (!c.ok) return c;
    extraColumns.push(c.value);
  }
  // Where each file column goes: -1 ignore, -2 id, >= 0 score column index; extra columns flagged.
  const slot = new Int32Array(names.length).fill(-1);
  vars.value.forEach((c, k) => (slot[c] = k));
  slot[idColumn.value] = -2;
  const isExtra = new Uint8Array(names.length);
  for (const c of extraColumns) isExtra[c] = 1;
  const extra = new Map<number, number[]>(extraColumns.map((c) => [c, []]));
  return parsed({
    layout: { names, idName: request.id, idColumn: idColumn.value, slot, isExtra, extra, extraColumns },
    vars: vars.value,
  });
}

/**
 * The general path: quoted cells, and the raw text of every cell when asked for. Gives the
 * same values and messages as {@link readPlainRows}.
 */
function readQuotedRows(
  text: string,
  from: number,
  firstLine: number,
  l: WideLayout,
  store: RowStore,
  raw: string[][] | null,
  progress: Progress | undefined,
): string | null {
  const { slot, isExtra } = l;
  const width = slot.length;
  let rawRow: string[] = [];
  let id = '';
  let bad = -1;
  let badText = '';
  let failure: string | null = null;
  const parseCell = (column: number, start: number, end: number, quoted: string | undefined): number => {
    const v = quoted === undefined ? parseScore(text, start, end) : parseScore(quoted, 0, quoted.length);
    if (takeInvalidScore() && bad < 0) {
      bad = column;
      badText = quoted ?? text.slice(start, end);
    }
    return v;
  };
  const result = scanCsv(
    text,
    {
      cell(column, start, end, quoted) {
        if (column >= width) return;
        const s = slot[column] ?? -1;
        if (raw) rawRow.push(quoted ?? text.slice(start, end));
        if (s >= 0) {
          const at = store.slotOf(s);
          store.values[at] = parseCell(column, start, end, quoted);
        } else if (s === -2) id = (quoted ?? text.slice(start, end)).trim();
        if (isExtra[column] === 1) l.extra.get(column)?.push(parseCell(column, start, end, quoted));
      },
      row(line, cells) {
        failure = rowFailure(l, line, cells, bad, badText, id);
        if (failure !== null) return false;
        store.push(id, line, Number.NaN);
        if (raw) {
          raw.push(rawRow);
          rawRow = [];
        }
        if (progress && (store.rows & 8191) === 0) progress.tick(line);
        return true;
      },
    },
    from,
    firstLine,
  );
  if (!result.ok) return result.problem.message;
  return failure;
}

/**
 * Reads wide CSV: checks the header, the id column (present, unique) and every score cell
 * (a number, or `NA`/empty for missing), naming the line and column of the first problem.
 */
export function readWide(text: string, request: WideRequest, progress?: Progress): Parsed<WideScores> {
  const header = readHeader(text);
  if (!header.ok) return header;
  const { names, next, nextLine } = header.value;
  const planned = layout(names, request);
  if (!planned.ok) return planned;
  const { layout: l, vars } = planned.value;
  const K = vars.length;
  // A generous first guess at the row count avoids regrowing the typed array more than once or twice.
  const store = new RowStore(K, Math.max(16, Math.ceil((text.length - next) / Math.max(8, (K + 1) * 3))));
  const raw: string[][] | null = request.keepRaw ? [] : null;
  takeInvalidScore();
  // Rows without quotes (most files) take the one-pass path; from the first quoted cell on,
  // and for a raw copy, the general reader does.
  let failure: string | null = null;
  const fast = raw === null ? readPlainRows(text, next, nextLine, l, store, progress) : null;
  if (fast?.kind === 'failed') failure = fast.message;
  else if (fast === null || fast.kind === 'quoted') {
    store.trimExtra(l.extra);
    const from = fast === null ? { offset: next, line: nextLine } : fast;
    failure = readQuotedRows(text, from.offset, from.line, l, store, raw, progress);
  }
  if (failure !== null) return problem(failure);
  const rows = store.rows;
  if (rows === 0) return problem('The input has a header but no data rows.');
  const order = orderById(store.ids, store.lines, request.id, store.idNumbers);
  if (!order.ok) return order;
  const extra = new Map<number, Float64Array>();
  for (const [c, list] of l.extra) extra.set(c, Float64Array.from(list));
  return parsed({
    names,
    idColumn: l.idColumn,
    scoreColumns: vars,
    ids: store.ids,
    lines: store.lines,
    matrix: { rows, columns: K, values: store.values.subarray(0, rows * K) },
    extraColumns: l.extraColumns,
    extra,
    raw,
    order: order.value,
  });
}
