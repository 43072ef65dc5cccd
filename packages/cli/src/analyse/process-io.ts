import { readFileSync, writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { AnalyseIo } from './progress.js';

/** The real process: files, stdout, stderr and the clock. */
export const processIo: AnalyseIo = {
  readText: (path) => readFileSync(path, 'utf8'),
  writeText: (path, data) => {
    writeFileSync(path, data);
  },
  stdout: (data) => void process.stdout.write(data),
  stderr: (text) => void process.stderr.write(text),
  // isatty rather than process.stderr.isTTY: a run that writes its output to a file then never
  // sets up the stdout and stderr streams, which costs a few milliseconds when they are pipes.
  stderrIsTty: isatty(2),
  now: () => Date.now(),
};
