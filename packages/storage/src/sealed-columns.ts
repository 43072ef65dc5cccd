import { sql, type Transaction } from 'kysely';
import type { PracticeId } from '@rapport/core';
import type { SealedPlace } from './record-store.js';
import type { Database } from './schema.js';

/** A row as the generic queries below hand it back. */
export type SealedRow = Readonly<Record<string, unknown>>;

/**
 * One encrypted column: its table, the columns that find a row, and the place (the AAD its
 * ciphertext is bound to) built from them. Each area lists its own columns beside its store;
 * key rotation walks them all through {@link resealColumns}, so a new encrypted column needs
 * one entry, not another copy of the loop.
 */
export interface SealedColumnRef {
  readonly table: SealedPlace['table'];
  readonly sealed: SealedPlace['column'];
  readonly keys: readonly string[];
  readonly place: (row: SealedRow) => SealedPlace;
}

/**
 * The practice's rows of one column, those with a sealed value or (`sealed` false) those still
 * without one, with the key columns, the sealed value as `sealed` and, when asked for, a plain
 * column as `plain`.
 */
export async function sealedRows(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  c: SealedColumnRef,
  options: { readonly sealed: boolean; readonly plain?: string },
): Promise<SealedRow[]> {
  const state = options.sealed ? sql`is not null` : sql`is null`;
  const plain = options.plain === undefined ? sql`` : sql`, ${sql.ref(options.plain)} as plain`;
  const r = await sql<SealedRow>`
    select ${sql.join(c.keys.map((k) => sql.ref(k)))}, ${sql.ref(c.sealed)} as sealed${plain}
    from ${sql.table(c.table)} where practice_id = ${practiceId} and ${sql.ref(c.sealed)} ${state}`.execute(trx);
  return r.rows;
}

/** Writes columns of one row, found by its keys. */
export async function writeSealedRow(
  trx: Transaction<Database>,
  c: SealedColumnRef,
  row: SealedRow,
  set: Readonly<Record<string, string>>,
): Promise<void> {
  const sets = Object.entries(set).map(([col, v]) => sql`${sql.ref(col)} = ${v}`);
  const where = c.keys.map((k) => sql`${sql.ref(k)} = ${row[k]}`);
  await sql`update ${sql.table(c.table)} set ${sql.join(sets)} where ${sql.join(where, sql` and `)}`.execute(trx);
}

/**
 * Reseals every sealed value of the given columns for one practice, inside the caller's
 * transaction (a key rotation); returns how many values moved. Empty (null) values are skipped.
 */
export async function resealColumns(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  columns: readonly SealedColumnRef[],
  reseal: (place: SealedPlace, sealed: string) => string,
): Promise<number> {
  let moved = 0;
  for (const c of columns) {
    for (const row of await sealedRows(trx, practiceId, c, { sealed: true })) {
      await writeSealedRow(trx, c, row, { [c.sealed]: reseal(c.place(row), String(row['sealed'])) });
      moved += 1;
    }
  }
  return moved;
}
