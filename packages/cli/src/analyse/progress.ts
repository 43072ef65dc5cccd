/** Where output goes; injected so commands run in tests without a process. */
export interface AnalyseIo {
  readText(path: string): string;
  writeText(path: string, data: string | Uint8Array): void;
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (a progress bar is drawn only there). */
  readonly stderrIsTty: boolean;
  now(): number;
}

/** How an analyse command reports bad input: one line on stderr naming the command; exit code 2. */
export const failer =
  (io: AnalyseIo, command: string) =>
  (message: string): number => {
    io.stderr(`rapport analyse ${command}: ${message}\n`);
    return 2;
  };

/** Reads the input file, or says why it cannot (as a bad-input failure). */
export function readInput(io: AnalyseIo, path: string, fail: (message: string) => number): string | number {
  try {
    return io.readText(path);
  } catch (e) {
    return fail(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Inputs at least this long (in characters) get a progress bar. */
export const PROGRESS_THRESHOLD = 2_000_000;

/** A one-line progress bar on stderr, redrawn at most every 100 ms, for long inputs on a terminal. */
export class Progress {
  readonly #io: AnalyseIo;
  readonly #totalLines: number;
  readonly #label: string;
  #last = 0;
  #drawn = false;

  constructor(io: AnalyseIo, label: string, totalLines: number) {
    this.#io = io;
    this.#label = label;
    this.#totalLines = Math.max(1, totalLines);
  }

  /** Creates a bar for this input, or none when the input is short or stderr is not a terminal. */
  static for(io: AnalyseIo, label: string, text: string): Progress | undefined {
    if (!io.stderrIsTty || text.length < PROGRESS_THRESHOLD) return undefined;
    // Estimate lines from the first 64 kB rather than counting them all.
    const sample = text.slice(0, 65536);
    const perLine = sample.length / Math.max(1, sample.split('\n').length - 1);
    return new Progress(io, label, Math.round(text.length / perLine));
  }

  tick(line: number): void {
    const now = this.#io.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    const share = Math.min(1, line / this.#totalLines);
    const filled = Math.round(share * 30);
    this.#io.stderr(`\r${this.#label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(share * 100)}%`);
    this.#drawn = true;
  }

  done(): void {
    if (this.#drawn) this.#io.stderr(`\r${' '.repeat(this.#label.length + 40)}\r`);
  }
}
