import type { GainSelection, SuddenGainOptions } from '@rapport/core/analytics';
import { parsed, problem, type Parsed } from './csv.js';

/** The options of `analyse sudden-gains` as commander hands them over (strings, booleans). */
export interface SuddenGainsArgs {
  readonly input?: string;
  readonly id?: string;
  readonly vars?: string;
  readonly time?: string;
  readonly score?: string;
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

/** Wide data name the score columns; long data name the time and score columns. */
export type ScoreLayout =
  | { readonly kind: 'wide'; readonly vars: string }
  | { readonly kind: 'long'; readonly time: string; readonly score: string; readonly vars: string | undefined };

export interface SuddenGainsPlan {
  readonly input: string;
  readonly id: string;
  readonly layout: ScoreLayout;
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

function scoreLayout(args: SuddenGainsArgs): Parsed<ScoreLayout> {
  if (args.time !== undefined || args.score !== undefined) {
    if (args.time === undefined || args.score === undefined) {
      return problem('--time and --score go together (long data): give both, or neither for wide data.');
    }
    if (args.vars === '') return problem('--vars: empty list.');
    return parsed({ kind: 'long', time: args.time, score: args.score, vars: args.vars });
  }
  if (!args.vars) return problem('--vars is required (or --time and --score for long data).');
  return parsed({ kind: 'wide', vars: args.vars });
}

/** Validates the options before any file is read. */
export function planSuddenGains(args: SuddenGainsArgs): Parsed<SuddenGainsPlan> {
  if (!args.input) return problem('--input is required.');
  if (!args.id) return problem('--id is required.');
  const layout = scoreLayout(args);
  if (!layout.ok) return layout;
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
    layout: layout.value,
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
