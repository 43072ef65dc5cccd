import { readFileSync } from 'node:fs';
import type { AnalyseIo } from './progress.js';

/** For tests: an AnalyseIo over files in memory, recording what was written. */
export interface MemoryIo extends AnalyseIo {
  readonly files: Map<string, string>;
  readonly written: Map<string, string>;
  out: string;
  err: string;
}

export function memoryIo(files: Record<string, string>, options: { tty?: boolean; now?: () => number } = {}): MemoryIo {
  const decode = (data: string | Uint8Array): string =>
    typeof data === 'string' ? data : new TextDecoder().decode(data);
  const io: MemoryIo = {
    files: new Map(Object.entries(files)),
    written: new Map(),
    out: '',
    err: '',
    readText(path) {
      const text = io.files.get(path);
      if (text === undefined) throw new Error('no such file');
      return text;
    },
    writeText(path, data) {
      io.written.set(path, decode(data));
    },
    stdout(data) {
      io.out += decode(data);
    },
    stderr(text) {
      io.err += text;
    },
    stderrIsTty: options.tty ?? false,
    now: options.now ?? (() => 0),
  };
  return io;
}

/** A file of the analytics engine's test data (packages/core/src/analytics/fixtures). */
export const fixture = (name: string): string =>
  readFileSync(new URL(`../../../core/src/analytics/fixtures/${name}`, import.meta.url), 'utf8');

/** CSV text as rows of cells (test data has no quoted commas). */
export const csvRows = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));
