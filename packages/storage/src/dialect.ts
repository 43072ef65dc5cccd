import { PostgresAdapter } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Which dialect a Kysely instance speaks; used by migrations and conversions. */
export function dialectOf(db: { getExecutor(): { readonly adapter: unknown } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Column types per dialect, so one migration set serves both stores. SQLite
 * keeps ISO-8601 UTC text (it sorts correctly because every value has the same
 * shape), PostgreSQL native types.
 */
export function columnTypes(dialect: DialectName) {
  return dialect === 'postgres'
    ? ({ timestamp: 'timestamptz', json: 'jsonb', bool: 'boolean', real: 'double precision' } as const)
    : ({ timestamp: 'text', json: 'text', bool: 'integer', real: 'real' } as const);
}
