import { notANumber, parseScore, takeInvalidScore } from './csv.js';
import type { Progress } from './progress.js';

/** Where each column of a wide file goes. */
export interface WideLayout {
  readonly names: readonly string[];
  /** The id column's name as the user gave it (for messages). */
  readonly idName: string;
  readonly idColumn: number;
  /** Per file column: ≥ 0 the score's place in a row, −1 ignored, −2 the id. */
  readonly slot: Int32Array;
  /** Per file column: 1 when it is also read as an extra numeric column. */
  readonly isExtra: Uint8Array;
  /** The values of each extra column, by file column, filled while reading. */
  readonly extra: Map<number, number[]>;
  readonly extraColumns: readonly number[];
}

/** The rows read so far: scores row-major in one growing typed array, ids and lines beside them. */
export class RowStore {
  values: Float64Array;
  rows = 0;
  readonly ids: string[] = [];
  readonly lines: number[] = [];
  /** Each id as a number when it is plain digits (read while scanning), else NaN: not yet known. */
  idNumbers: Float64Array;
  readonly columns: number;

  constructor(columns: number, capacity: number) {
    this.columns = columns;
    this.values = new Float64Array(Math.max(1, capacity) * columns);
    this.idNumbers = new Float64Array(Math.max(1, capacity));
  }

  /** Makes room for the row being read and returns the (possibly new) array. */
  reserve(): Float64Array {
    if ((this.rows + 1) * this.columns > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    return this.values;
  }

  /** Where score `s` of the row being read goes. */
  slotOf(s: number): number {
    this.reserve();
    return this.rows * this.columns + s;
  }

  push(id: string, line: number, idNumber: number): void {
    if (this.rows >= this.idNumbers.length) {
      const grown = new Float64Array(this.idNumbers.length * 2);
      grown.set(this.idNumbers);
      this.idNumbers = grown;
    }
    this.idNumbers[this.rows] = idNumber;
    this.ids.push(id);
    this.lines.push(line);
    this.rows++;
  }

  /** Forgets extra values beyond the rows kept (a row the fast path gave up half-way). */
  trimExtra(extra: Map<number, number[]>): void {
    for (const list of extra.values()) list.length = Math.min(list.length, this.rows);
  }
}

/** What is wrong with a row that has been read, or null: too few or many fields, a bad score, no id. */
export function rowFailure(
  l: WideLayout,
  line: number,
  cells: number,
  bad: number,
  badText: string,
  id: string,
): string | null {
  if (cells !== l.slot.length) return `Line ${line} has ${cells} fields; the header has ${l.slot.length}.`;
  if (bad >= 0) return notANumber(line, l.names[bad] ?? String(bad), badText);
  if (id === '' || id === 'NA') return `Line ${line}, column '${l.idName}': the id is missing.`;
  return null;
}

/** How the fast path ended: every row read, a problem, or a quoted cell for the general reader. */
export type PlainOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'quoted'; readonly offset: number; readonly line: number };

const DONE: PlainOutcome = { kind: 'done' };

/**
 * The fast path for unquoted rows: one pass over the text, a cell of plain digits read as a
 * number while it is scanned, no string made for any cell but the id. Kept apart from the
 * general reader so the hot loop is small and is optimised early.
 */
export function readPlainRows(
  text: string,
  from: number,
  firstLine: number,
  l: WideLayout,
  store: RowStore,
  progress: Progress | undefined,
): PlainOutcome {
  const { slot, isExtra } = l;
  const width = slot.length;
  const K = store.columns;
  const n = text.length;
  let pos = from;
  let line = firstLine;
  while (pos < n) {
    let c = text.charCodeAt(pos);
    if (c === 10 || c === 13) {
      pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    const values = store.reserve();
    const base = store.rows * K;
    const rowStart = pos;
    let column = 0;
    let rowId = '';
    let idNumber = Number.NaN;
    let bad = -1;
    let badAt = 0;
    let badEnd = 0;
    for (;;) {
      const start = pos;
      // A quoted cell needs the general reader: it takes over from the start of this row.
      if (text.charCodeAt(pos) === 34) return { kind: 'quoted', offset: rowStart, line };
      const sl = column < width ? (slot[column] ?? -1) : -1;
      const numeric = sl !== -1 || isExtra[column] === 1;
      // A cell of 1 to 15 plain digits (most scores and ids) is read as a number in this one
      // pass; anything else (decimals, NA, signs, spaces, empty) is scanned to its end and a
      // score handed to parseScore.
      let v = 0;
      if (numeric) {
        while (pos < n && (c = text.charCodeAt(pos)) >= 48 && c <= 57) {
          v = v * 10 + (c - 48);
          pos++;
        }
      }
      const plain = numeric && pos > start && pos - start <= 15 && (pos >= n || c === 44 || c === 10 || c === 13);
      if (!plain) while (pos < n && (c = text.charCodeAt(pos)) !== 44 && c !== 10 && c !== 13) pos++;
      if (sl === -2) {
        rowId = text.slice(start, pos).trim();
        idNumber = plain ? v : Number.NaN;
      } else if (numeric) {
        if (!plain) {
          v = parseScore(text, start, pos);
          if (takeInvalidScore() && bad < 0) {
            bad = column;
            badAt = start;
            badEnd = pos;
          }
        }
        if (sl >= 0) values[base + sl] = v;
        if (isExtra[column] === 1) l.extra.get(column)?.push(v);
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
    if (column !== width || bad >= 0 || rowId === '' || rowId === 'NA') {
      return { kind: 'failed', message: rowFailure(l, rowLine, column, bad, text.slice(badAt, badEnd), rowId) ?? '' };
    }
    store.push(rowId, rowLine, idNumber);
    if (progress && (store.rows & 8191) === 0) progress.tick(rowLine);
  }
  return DONE;
}
