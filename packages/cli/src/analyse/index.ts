import type { Command } from 'commander';
import { reliableChangeSpec, suddenGainsSpec, type CommandSpec } from './options.js';
import { processIo } from './process-io.js';
import type { AnalyseIo } from './progress.js';
import { runReliableChange } from './reliable-change-command.js';
import { runSuddenGains } from './sudden-gains-command.js';

export { runReliableChange, type ReliableChangeArgs } from './reliable-change-command.js';
export { runSuddenGains, type SuddenGainsArgs } from './sudden-gains-command.js';
export { runAnalyseArgv } from './direct.js';
export { processIo } from './process-io.js';
export type { AnalyseIo } from './progress.js';

/**
 * Adds `analyse sudden-gains` and `analyse reliable-change` to the `rapport` program.
 * Bad input exits with code 2 and a message naming the line and column; nothing is written.
 */
export function registerAnalyseCommands(program: Command, io: AnalyseIo = processIo): void {
  const analyse = program.command('analyse').description('Research analyses of score data in CSV files.');
  const add = (spec: CommandSpec, run: (options: Record<string, string | boolean>) => number): void => {
    const cmd = analyse.command(spec.name).description(spec.description);
    for (const o of spec.options) cmd.option(o.flags, o.description, o.defaultValue);
    // Commander's own usage errors (unknown option, missing value) exit with 2 like ours.
    cmd.exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
    cmd.action((options: Record<string, string | boolean>) => {
      process.exitCode = run(options);
    });
  };
  add(suddenGainsSpec, (options) => runSuddenGains(options, io));
  add(reliableChangeSpec, (options) => runReliableChange(options, io));
}
