import type { Command } from 'commander';
import { exportInstruments, importInstrument, listInstruments, type Output } from './commands.js';

const console_: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Adds `instruments list | export | import` to the `rapport` program. */
export function registerInstrumentsCommands(program: Command): void {
  const instruments = program
    .command('instruments')
    .description('the measures library: list, export as FHIR, validate an import')
    .option('--content <dir>', 'the content folder holding instruments/', 'content');
  const contentDir = (): string => instruments.opts<{ content: string }>().content;

  instruments
    .command('list')
    .description('list every instrument with its version, audiences and licence')
    .action(async () => {
      process.exitCode = await listInstruments(contentDir(), console_);
    });

  instruments
    .command('export')
    .description('write one <id>.json R4 Questionnaire per instrument')
    .requiredOption('--format <format>', 'export format (fhir)')
    .requiredOption('--out <dir>', 'folder to write to')
    .action(async (opts: { format: string; out: string }) => {
      process.exitCode = await exportInstruments(contentDir(), opts.format, opts.out, console_);
    });

  instruments
    .command('import')
    .description('validate a licensed R4 Questionnaire and show what would be scored and how')
    .argument('<file>', 'the Questionnaire JSON')
    .option('--companion <file>', 'scoring companion JSON, if not inside the Questionnaire')
    .option('--holder <name>', 'who holds the licence for wording Rapport may not redistribute')
    .option('--evidence <text>', 'the licence reference or agreement')
    .option('--by <name>', 'who is importing it')
    .action(async (file: string, opts: { companion?: string; holder?: string; evidence?: string; by?: string }) => {
      process.exitCode = await importInstrument(file, opts, console_);
    });
}
