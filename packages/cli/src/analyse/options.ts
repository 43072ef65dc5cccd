import { parseArgs } from 'node:util';

/**
 * The options of the analyse commands, in one table each: commander builds its parser and help
 * from them, and {@link parseAnalyseArgv} reads a plain command line from them without commander.
 */
export interface OptionSpec {
  /** As commander writes it: `--name <value>` for a value, `--name` or `--no-name` for a switch. */
  readonly flags: string;
  readonly description: string;
  readonly defaultValue?: string;
}

export interface CommandSpec {
  readonly name: 'sudden-gains' | 'reliable-change';
  readonly description: string;
  readonly options: readonly OptionSpec[];
}

export const suddenGainsSpec: CommandSpec = {
  name: 'sudden-gains',
  description: 'Sudden gains or losses (Tang & DeRubeis 1999) in wide or long data, as R suddengains 0.7.2.',
  options: [
    { flags: '--input <file>', description: 'CSV file (NA or empty = missing)' },
    { flags: '--id <column>', description: 'id column' },
    {
      flags: '--vars <list>',
      description:
        'wide: score columns in session order, a,b,c or a:c (from a to c in file order); ' +
        'long: the time values to use, a,b,c or a:c (default: all, in numeric order)',
    },
    { flags: '--time <column>', description: 'long data: the session column (numbers), with --score' },
    { flags: '--score <column>', description: 'long data: the score column, with --time' },
    { flags: '--cutoff <n|none>', description: 'criterion 1: least change in points, or none' },
    {
      flags: '--pct <p|none>',
      description: 'criterion 2: least change as a share of the pregain score, or none',
      defaultValue: '0.25',
    },
    { flags: '--no-crit3', description: 'switch criterion 3 off' },
    { flags: '--alpha <a>', description: 'criterion 3: alpha for the adjusted critical value' },
    { flags: '--no-adjust', description: 'criterion 3: one critical value whatever is missing' },
    { flags: '--critical-value <v>', description: 'criterion 3 critical value with --no-adjust (default 2.776)' },
    { flags: '--first-is-baseline', description: 'the first session is a baseline: test the interval 1 to 2 too' },
    { flags: '--losses', description: 'find sudden losses (the score rises) instead of gains' },
    { flags: '--compat <package>', description: 'suddengains: reproduce that package exactly, quirks included' },
    { flags: '--by <table>', description: 'gain: one row per gain; person: one row per person' },
    { flags: '--select <which>', description: 'with --by person: first, last, smallest or largest' },
    {
      flags: '--measure <name>',
      description: 'name in the sg_<measure>_… columns (default: from the column names)',
    },
    {
      flags: '--tx-start <column>',
      description: 'treatment start score, a column (long data: a time value); default the first session',
    },
    {
      flags: '--tx-end <column>',
      description: 'treatment end score, a column (long data: a time value); default the last session',
    },
    { flags: '--out <file>', description: 'write here instead of stdout' },
    { flags: '--format <csv|json>', description: 'output format', defaultValue: 'csv' },
  ],
};

export const reliableChangeSpec: CommandSpec = {
  name: 'reliable-change',
  description: 'Reliable and clinically significant change (Jacobson & Truax 1991) from long or wide data.',
  options: [
    { flags: '--input <file>', description: 'CSV file: one row per person and time point, or one per person' },
    { flags: '--id <column>', description: 'id column' },
    { flags: '--time <column>', description: 'long data: time column' },
    { flags: '--pre <value>', description: 'long data: time value of the pre score' },
    { flags: '--post <value>', description: 'long data: time value of the post score' },
    { flags: '--score <column>', description: 'long data: score column' },
    {
      flags: '--pre-col <column>',
      description: 'wide data: the pre score column (instead of --time/--pre/--post/--score)',
    },
    { flags: '--post-col <column>', description: 'wide data: the post score column' },
    { flags: '--reliability <r>', description: 'reliability of the measure, in (0, 1)' },
    { flags: '--better <higher|lower>', description: 'which end of the scale is better' },
    { flags: '--cutoff <a|b|c>', description: 'clinical cut-off (default: c with functional norms, else a)' },
    { flags: '--m-clinical <m>', description: 'clinical mean (default: mean of the pre scores)' },
    { flags: '--sd-clinical <sd>', description: 'clinical SD (default: SD of the pre scores)' },
    { flags: '--m-functional <m>', description: 'functional mean' },
    { flags: '--sd-functional <sd>', description: 'functional SD' },
    { flags: '--out <file>', description: 'write here instead of stdout' },
    { flags: '--format <csv|json>', description: 'output format', defaultValue: 'csv' },
  ],
};

/** `--critical-value <v>` → `criticalValue`, as commander names option keys. */
const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Reads `<command> --option value …` as commander would for a plain, valid command line, or
 * returns null for anything else (help, an unknown option, a missing value, a value that
 * starts with a dash, an extra argument): commander then parses it and gives its usual message.
 */
export function parseAnalyseArgv(
  argv: readonly string[],
): { readonly command: CommandSpec['name']; readonly args: Record<string, string | boolean> } | null {
  const spec = [suddenGainsSpec, reliableChangeSpec].find((s) => s.name === argv[0]);
  if (!spec) return null;
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const o of spec.options) {
    const name = o.flags.split(' ')[0]?.slice(2) ?? '';
    options[name] = { type: o.flags.includes('<') ? 'string' : 'boolean' };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv.slice(1), options, strict: true, allowPositionals: false }).values;
  } catch {
    return null;
  }
  const args: Record<string, string | boolean> = {};
  for (const o of spec.options) {
    const name = o.flags.split(' ')[0]?.slice(2) ?? '';
    const v = values[name];
    if (name.startsWith('no-')) args[camel(name.slice(3))] = v !== true;
    else if (v !== undefined) args[camel(name)] = v;
    else if (o.defaultValue !== undefined) args[camel(name)] = o.defaultValue;
  }
  return { command: spec.name, args };
}
