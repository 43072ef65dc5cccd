/**
 * Scores of many people at the same measurement points, row-major in one typed array:
 * the shape research data arrive in, and the fastest to scan. NaN marks a missing score.
 */
export interface ScoreMatrix {
  readonly rows: number;
  readonly columns: number;
  /** Length rows × columns; the score of row r at column c is values[r·columns + c]. */
  readonly values: Float64Array;
}

/**
 * Builds a matrix from nested arrays; `null`, `undefined` and NaN become missing.
 *
 * @example scoreMatrix([[28, 19, null, 12]]).values // Float64Array [28, 19, NaN, 12]
 */
export function scoreMatrix(rows: readonly (readonly (number | null | undefined)[])[]): ScoreMatrix {
  const columns = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const values = new Float64Array(rows.length * columns).fill(Number.NaN);
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) values[r * columns + c] = v;
    });
  });
  return { rows: rows.length, columns, values };
}

/** The score at (row, column), or null when missing or out of range. */
export function scoreAt(data: ScoreMatrix, row: number, column: number): number | null {
  if (column < 0 || column >= data.columns) return null;
  const v = data.values[row * data.columns + column];
  return v === undefined || Number.isNaN(v) ? null : v;
}
