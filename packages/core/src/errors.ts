/**
 * Expected failures are values with a stable code (after Medplum's
 * OperationOutcome): the server maps each code to an HTTP status and a page in
 * exactly one place. Exceptions are kept for bugs.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'link-used'
  | 'link-expired'
  | 'too-large'
  | 'rate-limited';

export interface DomainError {
  readonly code: ErrorCode;
  /** A message a person can act on. Never contains clinical data. */
  readonly message: string;
  /** Field-level problems, keyed by form field name. */
  readonly fields?: Readonly<Record<string, string>>;
}

export type Result<T, E = DomainError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: Readonly<Record<string, string>>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Thrown only to carry a DomainError through layers that cannot return one (e.g. a transaction). */
export class DomainFailure extends Error {
  readonly error: DomainError;
  constructor(error: DomainError) {
    super(error.message);
    this.name = 'DomainFailure';
    this.error = error;
  }
}
