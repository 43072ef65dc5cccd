import type { DomainError, Result } from '../errors.js';

/** One problem with an input, at an exact path (`$.items[3].response.options[1].score`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/**
 * A refused definition or Questionnaire: a DomainError (so the server maps it like
 * any other) that also lists every problem with its path. `fields` is keyed by path.
 */
export interface InstrumentProblems extends DomainError {
  readonly code: 'invalid-input';
  readonly problems: readonly Problem[];
}

export function problemsError(summary: string, problems: readonly Problem[]): InstrumentProblems {
  const fields: Record<string, string> = {};
  for (const p of problems) {
    // Several problems can share a path; keep them all readable in one field.
    fields[p.path] = fields[p.path] === undefined ? p.message : `${fields[p.path] ?? ''} ${p.message}`;
  }
  return { code: 'invalid-input', message: summary, fields, problems };
}

export function refuse(summary: string, problems: readonly Problem[]): Result<never, InstrumentProblems> {
  return { ok: false, error: problemsError(summary, problems) };
}

/** Lines such as `$.items[2].id: must be unique` for a terminal or a log. */
export function formatProblems(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.path}: ${p.message}`);
}
