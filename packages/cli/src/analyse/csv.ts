/**
 * A small, fast CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF). The scanner hands
 * out cell positions rather than strings, so numeric columns are parsed without a substring
 * per cell: the sudden-gains path reads 100 000 × 12 scores in a few tens of milliseconds.
 */

/** A problem with the input file: reported with exit code 2, nothing written. */
export interface InputProblem {
  readonly message: string;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: InputProblem };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const problem = (message: string): Parsed<never> => ({ ok: false, problem: { message } });

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Receives cells; return false from `row` to stop scanning. */
export interface CsvHandler {
  /** An unquoted cell is text[start, end); a quoted cell also arrives unescaped as `quoted`. */
  cell(column: number, start: number, end: number, quoted: string | undefined): void;
  /** End of a record that began on `line` (1-based) with `cells` cells. Blank lines are skipped. */
  row(line: number, cells: number): boolean;
}

/**
 * Scans records from `from` to the end. Returns the offset and line reached (the end unless
 * stopped), or a problem for an unterminated quote.
 */
export function scanCsv(
  text: string,
  handler: CsvHandler,
  from = 0,
  firstLine = 1,
): Parsed<{ readonly offset: number; readonly line: number }> {
  const n = text.length;
  let pos = from;
  let line = firstLine;
  while (pos < n) {
    const startLine = line;
    let column = 0;
    // Skip blank lines.
    const c0 = text.charCodeAt(pos);
    if (c0 === LF || c0 === CR) {
      pos += c0 === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        let value = '';
        let chunk = pos + 1;
        let i = chunk;
        for (;;) {
          if (i >= n) return problem(`Line ${startLine}: a quoted field is not closed.`);
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(chunk, i + 1);
              i += 2;
              chunk = i;
              continue;
            }
            value += text.slice(chunk, i);
            i++;
            break;
          }
          if (c === LF) line++;
          i++;
        }
        // Anything between the closing quote and the separator is kept, as most readers do.
        let end = i;
        while (
          end < n &&
          text.charCodeAt(end) !== COMMA &&
          text.charCodeAt(end) !== LF &&
          text.charCodeAt(end) !== CR
        ) {
          end++;
        }
        if (end > i) value += text.slice(i, end);
        handler.cell(column, pos, end, value);
        pos = end;
      } else {
        let end = pos;
        let c = text.charCodeAt(end);
        while (end < n && c !== COMMA && c !== LF && c !== CR) c = text.charCodeAt(++end);
        handler.cell(column, pos, end, undefined);
        pos = end;
      }
      column++;
      const sep = text.charCodeAt(pos);
      if (sep === COMMA) {
        pos++;
        // A trailing comma at the end of the text or line still makes an empty last cell.
        if (pos >= n || text.charCodeAt(pos) === LF || text.charCodeAt(pos) === CR) {
          handler.cell(column, pos, pos, undefined);
          column++;
        } else continue;
      }
      break;
    }
    if (pos < n) {
      pos += text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
    }
    if (!handler.row(startLine, column)) return parsed({ offset: pos, line });
  }
  return parsed({ offset: pos, line });
}

/** Reads the header record: the column names and where the data start. */
export function readHeader(text: string): Parsed<{ names: string[]; next: number; nextLine: number }> {
  const names: string[] = [];
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const state = { seen: false };
  const result = scanCsv(
    text,
    {
      cell(_column, s, e, quoted) {
        names.push((quoted ?? text.slice(s, e)).trim());
      },
      row() {
        state.seen = true;
        return false;
      },
    },
    start,
  );
  if (!result.ok) return result;
  if (!state.seen) return problem('The input has no header line.');
  const next = result.value.offset;
  const nextLine = result.value.line;
  const seenAt = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const before = seenAt.get(name);
    if (before !== undefined) {
      return problem(
        `The header names column '${name}' twice (columns ${before + 1} and ${i + 1}); column names must be unique.`,
      );
    }
    seenAt.set(name, i);
  }
  return parsed({ names, next, nextLine });
}

/** The message for a score cell that is neither a number nor a missing mark. */
export const notANumber = (line: number, column: string, text: string): string =>
  `Line ${line}, column '${column}': '${text}' is not a number (write NA or leave the cell empty for a missing score).`;

/** Set by {@link parseScore} when a cell is neither a number nor a missing mark. */
const scoreStatus = { invalid: false };

/** Whether a cell parsed since the last call was invalid; clears the mark. */
export function takeInvalidScore(): boolean {
  const invalid = scoreStatus.invalid;
  scoreStatus.invalid = false;
  return invalid;
}

const isSpace = (c: number): boolean => c === 32 || c === 9;

/**
 * Parses a score from text[start, end): NaN for a missing score (empty or `NA`); sets
 * the mark read by {@link takeInvalidScore} for anything else that is not a finite number. Plain decimals are
 * parsed in place; exponents and other forms fall back to Number().
 */
export function parseScore(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return Number.NaN;
  let i = start;
  let c = text.charCodeAt(i);
  if (c === 78 && end - start === 2 && text.charCodeAt(i + 1) === 65) return Number.NaN; // "NA"
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let value = 0;
  let digits = 0;
  while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    value = value * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    let scale = 1;
    let fraction = 0;
    const fractionStart = i;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      fraction = fraction * 10 + (c - 48);
      scale *= 10;
      i++;
    }
    digits += i - fractionStart;
    // Beyond 15 significant digits the in-place sum can round differently from Number(): defer.
    if (i === end && digits > 0 && digits <= 15) {
      // Both operands are exact below 2^53, so one correctly rounded division gives Number()'s result.
      const v = (value * scale + fraction) / scale;
      return negative ? -v : v;
    }
  } else if (i === end && digits > 0 && digits <= 15) {
    return negative ? -value : value;
  }
  const slow = Number(text.slice(start, end));
  if (!Number.isFinite(slow) || /^[+-]?(0x|0b|0o)/i.test(text.slice(start, end))) {
    scoreStatus.invalid = true;
    return Number.NaN;
  }
  return slow;
}

/** Quotes a cell for CSV output when it needs it. */
export function csvCell(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === COMMA || c === LF || c === CR) return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** Formats a number as R's readr writes it: shortest round-trip digits, `NA` for missing, `Inf` for infinity. */
export function formatNumber(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'NA';
  if (x === Number.POSITIVE_INFINITY) return 'Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(x);
}
