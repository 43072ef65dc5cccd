import { parseAnalyseArgv } from './options.js';
import { processIo } from './process-io.js';
import type { AnalyseIo } from './progress.js';

/**
 * Runs `analyse <command> …` without commander when the command line is plain and valid, loading
 * only that command: research runs start sooner. Returns the exit code, or null when commander
 * should parse the line instead (help, or a mistake it explains).
 */
export async function runAnalyseArgv(argv: readonly string[], io: AnalyseIo = processIo): Promise<number | null> {
  const line = parseAnalyseArgv(argv);
  if (line === null) return null;
  // The keys come from the option table commander also uses, so the commands get what commander would give.
  if (line.command === 'sudden-gains') {
    const { runSuddenGains } = await import('./sudden-gains-command.js');
    return runSuddenGains(line.args, io);
  }
  const { runReliableChange } = await import('./reliable-change-command.js');
  return runReliableChange(line.args, io);
}
