import type { DialectName } from './dialect.js';

/** The one place where the two drivers' value shapes become domain values. */

/** Timestamps leave storage as ISO-8601 UTC strings with milliseconds. */
export function toIso(value: string | Date): string {
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
