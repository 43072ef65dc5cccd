import type { Problem } from './problems.js';

/**
 * A small reader for untrusted JSON that records every problem with its exact path
 * and keeps going, so one pass reports all of them (a person fixing a definition
 * should not have to fix one error at a time). Core has no runtime dependencies,
 * hence no zod here.
 */
export class JsonReader {
  readonly problems: Problem[] = [];

  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  object(value: unknown, path: string, allowed?: readonly string[]): Readonly<Record<string, unknown>> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(path, 'must be an object.');
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if (allowed) {
      // Unknown keys are usually typos ("reverese"); silently ignoring them would change scoring unseen.
      for (const key of Object.keys(record)) {
        if (!allowed.includes(key)) this.report(`${path}.${key}`, 'is not a known field.');
      }
    }
    return record;
  }

  array(value: unknown, path: string): readonly unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.report(path, 'must be an array.');
      return undefined;
    }
    return value as readonly unknown[];
  }

  string(value: unknown, path: string, opts: { pattern?: RegExp; hint?: string } = {}): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(path, 'must be a non-empty string.');
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.report(path, opts.hint ?? `must match ${String(opts.pattern)}.`);
      return undefined;
    }
    return value;
  }

  number(
    value: unknown,
    path: string,
    opts: { integer?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(path, 'must be a finite number.');
      return undefined;
    }
    if (opts.integer === true && !Number.isInteger(value)) {
      this.report(path, 'must be a whole number.');
      return undefined;
    }
    if (opts.min !== undefined && value < opts.min) {
      this.report(path, `must be at least ${String(opts.min)}.`);
      return undefined;
    }
    if (opts.max !== undefined && value > opts.max) {
      this.report(path, `must be at most ${String(opts.max)}.`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') {
      this.report(path, 'must be true or false.');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.report(path, `must be one of: ${allowed.join(', ')}.`);
      return undefined;
    }
    return value as T;
  }

  /** Reads every element; returns undefined if the array or any element failed. */
  list<T>(value: unknown, path: string, read: (element: unknown, path: string) => T | undefined): T[] | undefined {
    const raw = this.array(value, path);
    if (!raw) return undefined;
    const out: T[] = [];
    let failed = false;
    for (const [i, element] of raw.entries()) {
      const parsed = read(element, `${path}[${String(i)}]`);
      if (parsed === undefined) {
        failed = true;
      } else {
        out.push(parsed);
      }
    }
    return failed ? undefined : out;
  }

  strings(value: unknown, path: string): string[] | undefined {
    return this.list(value, path, (e, p) => this.string(e, p));
  }
}

/** True when every value is defined: lets a reader build an object only from complete parts. */
export function allDefined(...values: unknown[]): boolean {
  return values.every((v) => v !== undefined);
}
