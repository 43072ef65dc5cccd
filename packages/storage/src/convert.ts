import type { DialectName } from './dialect.js';

/** The one place where the two drivers' value shapes become domain values. */

/** The shape `Date.prototype.toISOString` writes, which is how Rapport stores every timestamp. */
const STORED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Timestamps leave storage as ISO-8601 UTC strings with milliseconds. SQLite hands back the text
 * Rapport wrote, already in that shape: it is returned as it is (parsing and reformatting every
 * date was a tenth of the caseload page's time); anything else is parsed and written afresh.
 */
export function toIso(value: string | Date): string {
  if (typeof value === 'string' && STORED_ISO.test(value)) return value;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function toIsoOrNull(value: string | Date | null): string | null {
  return value === null ? null : toIso(value);
}

/** SQLite has no boolean type: 0/1 in, true/false out. */
export function toBool(value: number | boolean): boolean {
  return typeof value === 'boolean' ? value : value !== 0;
}

export function fromBool(dialect: DialectName, value: boolean): number | boolean {
  return dialect === 'sqlite' ? (value ? 1 : 0) : value;
}

/** PostgreSQL's jsonb arrives parsed; SQLite's text does not. */
export function toJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

/** PostgreSQL returns count(*) as a string (int8); SQLite as a number. */
export function toCount(value: string | number | bigint): number {
  return Number(value);
}
