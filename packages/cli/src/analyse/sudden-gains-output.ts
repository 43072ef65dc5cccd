import type { GainSelection, SuddenGain, SuddenGainFlags, SuddenGainsMode } from '@rapport/core/analytics';
import { selectGainPerPerson } from '@rapport/core/analytics';
import { ByteWriter } from './byte-writer.js';
import { csvCell, formatNumber } from './csv.js';
import type { WideScores } from './wide.js';

/** A table to write: a header and rows of already formatted cells. */
interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** CSV, or JSON objects with numbers where a cell is one. */
export function render(table: Table, format: 'csv' | 'json'): string {
  if (format === 'json') {
    const objects = table.rows.map((row) => {
      const o: Record<string, string | number | null> = {};
      table.header.forEach((h, i) => {
        const cell = row[i] ?? 'NA';
        const n = Number(cell);
        o[h] = cell === 'NA' ? null : cell !== '' && Number.isFinite(n) && String(n) === cell ? n : cell;
      });
      return o;
    });
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  const lines = [table.header.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

function intervalHeader(data: WideScores, flags: SuddenGainFlags): string[] {
  return [data.names[data.idColumn] ?? 'id', ...data.scoreColumns.map((c) => data.names[c] ?? ''), ...flags.names];
}

/** The identify_sg / identify_sl table as CSV, written straight into bytes for speed. */
export function intervalCsv(data: WideScores, flags: SuddenGainFlags): Uint8Array {
  const { matrix, ids, order } = data;
  const K = matrix.columns;
  const n = flags.intervals;
  const out = new ByteWriter(Math.max(1 << 16, matrix.rows * (K * 3 + n * 2 + 8)));
  out.text(intervalHeader(data, flags).map(csvCell).join(','));
  out.byte(10);
  const values = matrix.values;
  for (let i = 0; i < order.length; i++) {
    const r = order[i] ?? 0;
    out.cell(ids[r] ?? '');
    out.numbers(values, r * K, r * K + K);
    out.flags(flags.flags, r * n, r * n + n);
    out.byte(10);
  }
  return out.bytes();
}

/** The identify_sg / identify_sl table as JSON. */
export function intervalJson(data: WideScores, flags: SuddenGainFlags): string {
  const K = data.matrix.columns;
  const n = flags.intervals;
  const rows = Array.from(data.order, (r) => [
    data.ids[r] ?? '',
    ...Array.from(data.matrix.values.subarray(r * K, (r + 1) * K), (v) => formatNumber(v)),
    ...Array.from(flags.flags.subarray(r * n, (r + 1) * n), (f) => (f < 0 ? 'NA' : String(f))),
  ]);
  return render({ header: intervalHeader(data, flags), rows }, 'json');
}

function gainColumns(m: string): string[] {
  return [
    `sg_${m}_2n`,
    `sg_${m}_1n`,
    `sg_${m}_n`,
    `sg_${m}_n1`,
    `sg_${m}_n2`,
    `sg_${m}_n3`,
    'sg_magnitude',
    `sg_${m}_tx_change`,
    'sg_change_proportion',
    'sg_reversal_value',
    'sg_reversal',
  ];
}

function gainCells(g: SuddenGain): string[] {
  return [
    ...g.around.map(formatNumber),
    formatNumber(g.magnitude),
    formatNumber(g.txChange),
    formatNumber(g.changeProportion),
    formatNumber(g.reversalValue),
    g.reversal ? '1' : '0',
  ];
}

function rawCell(text: string): string {
  const t = text.trim();
  if (t === '' || t === 'NA') return 'NA';
  const n = Number(t);
  return Number.isFinite(n) ? String(n) : text;
}

/** The first columns of both tables: who, which gain, and how many. */
const keyColumns = (data: WideScores): string[] => [
  data.names[data.idColumn] ?? 'id',
  'id_sg',
  'sg_crit123',
  'sg_session_n',
  'sg_freq_byperson',
];

/** The first cells of a gain's row in both tables. */
const gainKey = (id: string, g: SuddenGain): string[] => [
  id,
  `${id}_sg_${g.sessionN}`,
  '1',
  String(g.sessionN),
  String(g.freqByPerson),
];

/**
 * suddengains' create_bysg: one row per gain, the score columns (with the treatment start and
 * end columns `startCol`/`endCol` added when not among them), then the gain's descriptives.
 */
export function gainTable(
  data: WideScores,
  gains: readonly SuddenGain[],
  measure: string,
  startCol: number,
  endCol: number,
): Table {
  const { names } = data;
  const scoreCols = [...data.scoreColumns];
  if (startCol >= 0 && !scoreCols.includes(startCol)) scoreCols.unshift(startCol);
  if (endCol >= 0 && !scoreCols.includes(endCol)) scoreCols.push(endCol);
  const header = [...keyColumns(data), ...scoreCols.map((c) => names[c] ?? ''), ...gainColumns(measure)];
  const K = data.matrix.columns;
  const rows = gains.map((g) => {
    const scores = scoreCols.map((c) => {
      const k = data.scoreColumns.indexOf(c);
      const v = k >= 0 ? data.matrix.values[g.row * K + k] : data.extra.get(c)?.[g.row];
      return formatNumber(v ?? null);
    });
    return [...gainKey(data.ids[g.row] ?? '', g), ...scores, ...gainCells(g)];
  });
  return { header, rows };
}

/** suddengains' create_byperson: one row per person, the chosen gain (or NA), then every other input column. */
export function personTable(
  data: WideScores,
  gains: readonly SuddenGain[],
  measure: string,
  select: GainSelection,
  mode: SuddenGainsMode,
): Table {
  const { names } = data;
  const chosen = selectGainPerPerson(gains, select, mode);
  const otherCols = names.map((_, c) => c).filter((c) => c !== data.idColumn);
  const header = [...keyColumns(data), ...gainColumns(measure), ...otherCols.map((c) => names[c] ?? '')];
  const rows = Array.from(data.order, (r) => {
    const id = data.ids[r] ?? '';
    const g = chosen.get(r);
    const rest = otherCols.map((c) => rawCell(data.raw?.[r]?.[c] ?? ''));
    if (!g) return [id, 'NA', '0', 'NA', '0', ...gainColumns(measure).map(() => 'NA'), ...rest];
    return [...gainKey(id, g), ...gainCells(g), ...rest];
  });
  return { header, rows };
}
