import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AnalyseIo } from './progress.js';
import { runReliableChange, type ReliableChangeArgs } from './reliable-change-command.js';
import { runSuddenGains, type SuddenGainsArgs } from './sudden-gains-command.js';

export { runReliableChange, type ReliableChangeArgs } from './reliable-change-command.js';
export { runSuddenGains, type SuddenGainsArgs } from './sudden-gains-command.js';
export type { AnalyseIo } from './progress.js';

/** The real process: files, stdout, stderr and the clock. */
export const processIo: AnalyseIo = {
  readText: (path) => readFileSync(path, 'utf8'),
  writeText: (path, data) => {
    writeFileSync(path, data);
  },
  stdout: (data) => void process.stdout.write(data),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY,
  now: () => Date.now(),
};

/**
 * Adds `analyse sudden-gains` and `analyse reliable-change` to the `rapport` program.
 * Bad input exits with code 2 and a message naming the line and column; nothing is written.
 */
export function registerAnalyseCommands(program: Command, io: AnalyseIo = processIo): void {
  const analyse = program.command('analyse').description('Research analyses of score data in CSV files.');
  // Commander's own usage errors (unknown option, missing value) exit with 2 like ours.
  const usageExit = (cmd: Command): Command =>
    cmd.exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    });

  usageExit(
    analyse
      .command('sudden-gains')
      .description('Sudden gains or losses (Tang & DeRubeis 1999) in wide data, as R suddengains 0.7.2.')
      .option('--input <file>', 'CSV file, one row per person (NA or empty = missing)')
      .option('--id <column>', 'id column')
      .option('--vars <list>', 'score columns in session order: a,b,c or a:c (from a to c in file order)')
      .option('--cutoff <n|none>', 'criterion 1: least change in points, or none')
      .option('--pct <p|none>', 'criterion 2: least change as a share of the pregain score, or none', '0.25')
      .option('--no-crit3', 'switch criterion 3 off')
      .option('--alpha <a>', 'criterion 3: alpha for the adjusted critical value')
      .option('--no-adjust', 'criterion 3: one critical value whatever is missing')
      .option('--critical-value <v>', 'criterion 3 critical value with --no-adjust (default 2.776)')
      .option('--first-is-baseline', 'the first column is a baseline: test the interval 1 to 2 too')
      .option('--losses', 'find sudden losses (the score rises) instead of gains')
      .option('--compat <package>', 'suddengains: reproduce that package exactly, quirks included')
      .option('--by <table>', 'gain: one row per gain; person: one row per person')
      .option('--select <which>', 'with --by person: first, last, smallest or largest')
      .option('--measure <name>', 'name in the sg_<measure>_… columns (default: from the column names)')
      .option('--tx-start <column>', 'treatment start score (default: the first of --vars)')
      .option('--tx-end <column>', 'treatment end score (default: the last of --vars)')
      .option('--out <file>', 'write here instead of stdout')
      .option('--format <csv|json>', 'output format', 'csv')
      .action((options: SuddenGainsArgs) => {
        process.exitCode = runSuddenGains(options, io);
      }),
  );

  usageExit(
    analyse
      .command('reliable-change')
      .description('Reliable and clinically significant change (Jacobson & Truax 1991) from long data.')
      .option('--input <file>', 'CSV file, one row per person and time point')
      .option('--id <column>', 'id column')
      .option('--time <column>', 'time column')
      .option('--pre <value>', 'time value of the pre score')
      .option('--post <value>', 'time value of the post score')
      .option('--score <column>', 'score column')
      .option('--reliability <r>', 'reliability of the measure, in (0, 1)')
      .option('--better <higher|lower>', 'which end of the scale is better')
      .option('--cutoff <a|b|c>', 'clinical cut-off (default: c with functional norms, else a)')
      .option('--m-clinical <m>', 'clinical mean (default: mean of the pre scores)')
      .option('--sd-clinical <sd>', 'clinical SD (default: SD of the pre scores)')
      .option('--m-functional <m>', 'functional mean')
      .option('--sd-functional <sd>', 'functional SD')
      .option('--out <file>', 'write here instead of stdout')
      .option('--format <csv|json>', 'output format', 'csv')
      .action((options: ReliableChangeArgs) => {
        process.exitCode = runReliableChange(options, io);
      }),
  );
}
