import {
  identifySuddenGains,
  listSuddenGains,
  selectGainPerPerson,
  type GainSelection,
  type SuddenGain,
  type SuddenGainOptions,
} from '@rapport/core/analytics';
import { ByteWriter } from './byte-writer.js';
import { csvCell, formatNumber, parsed, problem, type Parsed } from './csv.js';
import { Progress, failer, readInput, type AnalyseIo } from './progress.js';
import { readWide, type WideScores } from './wide.js';

/** The options of `analyse sudden-gains` as commander hands them over (strings, booleans). */
export interface SuddenGainsArgs {
  readonly input?: string;
  readonly id?: string;
  readonly vars?: string;
  readonly cutoff?: string;
  readonly pct?: string;
  readonly crit3?: boolean;
  readonly alpha?: string;
  readonly adjust?: boolean;
  readonly criticalValue?: string;
  readonly firstIsBaseline?: boolean;
  readonly losses?: boolean;
  readonly compat?: string;
  readonly by?: string;
  readonly select?: string;
  readonly measure?: string;
  readonly txStart?: string;
  readonly txEnd?: string;
  readonly out?: string;
  readonly format?: string;
}

interface Plan {
  readonly input: string;
  readonly id: string;
  readonly vars: string;
  readonly options: SuddenGainOptions;
  readonly by: 'interval' | 'gain' | 'person';
  readonly select: GainSelection;
  readonly measure: string | undefined;
  readonly txStart: string | undefined;
  readonly txEnd: string | undefined;
  readonly out: string | undefined;
  readonly format: 'csv' | 'json';
}

function number(option: string, text: string): Parsed<number> {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return problem(`${option}: '${text}' is not a number.`);
  return parsed(v);
}

/** Validates the options before any file is read. */
export function planSuddenGains(args: SuddenGainsArgs): Parsed<Plan> {
  if (!args.input) return problem('--input is required.');
  if (!args.id) return problem('--id is required.');
  if (!args.vars) return problem('--vars is required.');
  if (args.cutoff === undefined) return problem('--cutoff is required (a number, or none to switch criterion 1 off).');
  let cutoff: number | null = null;
  if (args.cutoff !== 'none') {
    const c = number('--cutoff', args.cutoff);
    if (!c.ok) return c;
    cutoff = c.value;
  }
  let pct: number | null = 0.25;
  if (args.pct !== undefined) {
    if (args.pct === 'none') pct = null;
    else {
      const p = number('--pct', args.pct);
      if (!p.ok) return p;
      pct = p.value;
    }
  }
  const compat = args.compat;
  if (compat !== undefined && compat !== 'suddengains') {
    return problem(`--compat: '${compat}' is unknown; the only value is suddengains.`);
  }
  const adjust = args.adjust ?? true;
  let crit3: SuddenGainOptions['crit3'] = { enabled: false };
  if (args.crit3 ?? true) {
    if (args.criticalValue !== undefined && adjust) {
      return problem('--critical-value applies only without adjustment: add --no-adjust (or use --alpha).');
    }
    if (adjust) {
      const alpha = number('--alpha', args.alpha ?? '0.05');
      if (!alpha.ok) return alpha;
      if (!(alpha.value > 0 && alpha.value < 1)) {
        return problem(`--alpha: ${alpha.value} must lie strictly between 0 and 1.`);
      }
      crit3 = { enabled: true, adjust: true, alpha: alpha.value };
    } else {
      const cv = number('--critical-value', args.criticalValue ?? '2.776');
      if (!cv.ok) return cv;
      if (!(cv.value > 0)) return problem(`--critical-value: ${cv.value} must be positive.`);
      crit3 = { enabled: true, adjust: false, criticalValue: cv.value };
    }
  } else if (args.alpha !== undefined || args.criticalValue !== undefined || args.adjust === false) {
    return problem('--alpha, --critical-value and --no-adjust belong to criterion 3, which --no-crit3 switches off.');
  }
  if (cutoff === null && pct === null && !crit3.enabled) {
    return problem(
      'At least one criterion must stay on: --cutoff none, --pct none and --no-crit3 together leave none.',
    );
  }
  const by = args.by === undefined ? 'interval' : args.by;
  if (by !== 'interval' && by !== 'gain' && by !== 'person') {
    return problem(`--by: '${by}' is unknown; use gain or person.`);
  }
  if (args.select !== undefined && by !== 'person') {
    return problem('--select chooses one gain per person: use it with --by person.');
  }
  const select = args.select ?? 'first';
  if (select !== 'first' && select !== 'last' && select !== 'smallest' && select !== 'largest') {
    return problem(`--select: '${select}' is unknown; use first, last, smallest or largest.`);
  }
  const format = args.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') return problem(`--format: '${format}' is unknown; use csv or json.`);
  return parsed({
    input: args.input,
    id: args.id,
    vars: args.vars,
    options: {
      kind: args.losses ? 'loss' : 'gain',
      cutoff,
      pct,
      crit3,
      firstIsBaseline: args.firstIsBaseline ?? false,
      mode: compat === 'suddengains' ? 'suddengains' : 'rapport',
    },
    by,
    select,
    measure: args.measure,
    txStart: args.txStart,
    txEnd: args.txEnd,
    out: args.out,
    format,
  });
}

/** The measure's name for the `sg_<measure>_…` columns: `bdi` from bdi_s1 … bdi_s12. */
export function measureName(vars: readonly string[]): string {
  let prefix = vars[0] ?? 'x';
  for (const v of vars) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const name = prefix.replace(/\d+$/, '').replace(/[_.\-\s]*s?[_.\-\s]*$/i, '');
  return name === '' ? 'x' : name;
}

/** A table to write: a header and rows of already formatted cells. */
interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function render(table: Table, format: 'csv' | 'json'): string {
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

/** The identify_sg / identify_sl table, written straight into bytes for speed. */
function intervalCsv(
  data: WideScores,
  order: Int32Array,
  flags: Int8Array,
  intervals: number,
  names: readonly string[],
): Uint8Array {
  const { matrix, ids } = data;
  const K = matrix.columns;
  const out = new ByteWriter(Math.max(1 << 16, matrix.rows * (K + intervals) * 4));
  out.text(
    [data.names[data.idColumn] ?? 'id', ...data.scoreColumns.map((c) => data.names[c] ?? ''), ...names]
      .map(csvCell)
      .join(','),
  );
  out.byte(10);
  const values = matrix.values;
  for (const r of order) {
    out.text(csvCell(ids[r] ?? ''));
    const base = r * K;
    for (let c = 0; c < K; c++) {
      out.byte(44);
      out.number(values[base + c] ?? Number.NaN);
    }
    const fb = r * intervals;
    for (let i = 0; i < intervals; i++) {
      out.byte(44);
      const f = flags[fb + i] ?? -1;
      if (f < 0) {
        out.byte(78);
        out.byte(65);
      } else out.byte(48 + f);
    }
    out.byte(10);
  }
  return out.bytes();
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

/**
 * Runs `analyse sudden-gains`; returns the exit code (0, or 2 for bad input, with the
 * message on stderr and nothing written).
 */
export function runSuddenGains(args: SuddenGainsArgs, io: AnalyseIo): number {
  const fail = failer(io, 'sudden-gains');
  const plan = planSuddenGains(args);
  if (!plan.ok) return fail(plan.problem.message);
  const p = plan.value;
  const text = readInput(io, p.input, fail);
  if (typeof text === 'number') return text;
  const progress = Progress.for(io, 'Reading', text);
  const extra = p.by === 'interval' ? [] : [p.txStart, p.txEnd].filter((x): x is string => x !== undefined);
  const wide = readWide(text, { id: p.id, vars: p.vars, extra, keepRaw: p.by === 'person', minColumns: 4 }, progress);
  progress?.done();
  if (!wide.ok) return fail(wide.problem.message);
  const data = wide.value;
  const result = identifySuddenGains(data.matrix, p.options);
  if (!result.ok) return fail(result.error.message);
  const flags = result.value;
  const order = data.order;

  let output: string | Uint8Array;
  if (p.by === 'interval') {
    if (p.format === 'csv') output = intervalCsv(data, order, flags.flags, flags.intervals, flags.names);
    else {
      const header = [
        data.names[data.idColumn] ?? 'id',
        ...data.scoreColumns.map((c) => data.names[c] ?? ''),
        ...flags.names,
      ];
      const rows = Array.from(order, (r) => [
        data.ids[r] ?? '',
        ...Array.from(data.matrix.values.subarray(r * data.matrix.columns, (r + 1) * data.matrix.columns), (v) =>
          formatNumber(v),
        ),
        ...Array.from(flags.flags.subarray(r * flags.intervals, (r + 1) * flags.intervals), (f) =>
          f < 0 ? 'NA' : String(f),
        ),
      ]);
      output = render({ header, rows }, 'json');
    }
  } else {
    const names = data.names;
    const varNames = data.scoreColumns.map((c) => names[c] ?? '');
    const m = p.measure ?? measureName(varNames);
    const span = {
      ...(p.txStart ? { txStart: data.extra.get(names.indexOf(p.txStart)) ?? new Float64Array() } : {}),
      ...(p.txEnd ? { txEnd: data.extra.get(names.indexOf(p.txEnd)) ?? new Float64Array() } : {}),
    };
    const gains = listSuddenGains(data.matrix, flags, p.options, span, order);
    const idName = names[data.idColumn] ?? 'id';
    if (gains.length === 0 && p.options.mode === 'suddengains') {
      // create_bysg stops with this error; Rapport writes an empty table instead.
      return fail(`No sudden ${p.options.kind === 'gain' ? 'gains' : 'losses'} were identified.`);
    }
    if (p.by === 'gain') {
      // create_bysg: the score columns, with treatment start and end added when not among them.
      const scoreCols = [...data.scoreColumns];
      const startCol = p.txStart ? names.indexOf(p.txStart) : -1;
      const endCol = p.txEnd ? names.indexOf(p.txEnd) : -1;
      if (startCol >= 0 && !scoreCols.includes(startCol)) scoreCols.unshift(startCol);
      if (endCol >= 0 && !scoreCols.includes(endCol)) scoreCols.push(endCol);
      const header = [
        idName,
        'id_sg',
        'sg_crit123',
        'sg_session_n',
        'sg_freq_byperson',
        ...scoreCols.map((c) => names[c] ?? ''),
        ...gainColumns(m),
      ];
      const rows = gains.map((g) => {
        const id = data.ids[g.row] ?? '';
        const scores = scoreCols.map((c) => {
          const k = data.scoreColumns.indexOf(c);
          const v = k >= 0 ? data.matrix.values[g.row * data.matrix.columns + k] : data.extra.get(c)?.[g.row];
          return formatNumber(v ?? null);
        });
        return [
          id,
          `${id}_sg_${g.sessionN}`,
          '1',
          String(g.sessionN),
          String(g.freqByPerson),
          ...scores,
          ...gainCells(g),
        ];
      });
      output = render({ header, rows }, p.format);
    } else {
      const chosen = selectGainPerPerson(gains, p.select, p.options.mode);
      const otherCols = names.map((_, c) => c).filter((c) => c !== data.idColumn);
      const header = [
        idName,
        'id_sg',
        'sg_crit123',
        'sg_session_n',
        'sg_freq_byperson',
        ...gainColumns(m),
        ...otherCols.map((c) => names[c] ?? ''),
      ];
      const rows = Array.from(order, (r) => {
        const id = data.ids[r] ?? '';
        const g = chosen.get(r);
        const rest = otherCols.map((c) => rawCell(data.raw?.[r]?.[c] ?? ''));
        if (!g) return [id, 'NA', '0', 'NA', '0', ...gainColumns(m).map(() => 'NA'), ...rest];
        return [
          id,
          `${id}_sg_${g.sessionN}`,
          '1',
          String(g.sessionN),
          String(g.freqByPerson),
          ...gainCells(g),
          ...rest,
        ];
      });
      output = render({ header, rows }, p.format);
    }
  }
  try {
    if (p.out) io.writeText(p.out, output);
    else io.stdout(output);
  } catch (e) {
    return fail(`cannot write ${p.out ?? 'the output'}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 0;
}
