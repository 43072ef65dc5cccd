/**
 * Test support (not part of the build): the tables the migrations made, with their columns, read
 * from the database itself (sqlite_master, information_schema), so a test can hold a list in the
 * code against what really exists.
 */
import { sql } from 'kysely';
import type { KyselyStore } from '../kysely-store.js';

/** Every table of the schema but the migrator's own, with its columns. */
export async function tablesWithColumns(store: KyselyStore): Promise<Map<string, string[]>> {
  const rows =
    store.dialect === 'postgres'
      ? (
          await sql<{ t: string; c: string }>`
            select table_name as t, column_name as c from information_schema.columns
            where table_schema = current_schema()`.execute(store.db)
        ).rows
      : (
          await sql<{ t: string; c: string }>`
            select m.name as t, p.name as c from sqlite_master m, pragma_table_info(m.name) p
            where m.type = 'table' and m.name not like 'sqlite_%'`.execute(store.db)
        ).rows;
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (r.t.startsWith('kysely_')) continue;
    out.set(r.t, [...(out.get(r.t) ?? []), r.c]);
  }
  return out;
}

/** Every row of every table, as one JSON string: to show that some words appear nowhere in plain. */
export async function everyRowAsText(store: KyselyStore): Promise<string> {
  const parts: string[] = [];
  for (const table of (await tablesWithColumns(store)).keys()) {
    const rows = await sql`select * from ${sql.table(table)}`.execute(store.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

/** Where any of `ids` still appears, as `table.column` → rows: every column of every table is read. */
export async function rowsNaming(store: KyselyStore, ids: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (ids.length === 0) return out;
  const list = sql.join(ids.map((id) => sql`${id}`));
  for (const [table, columns] of await tablesWithColumns(store)) {
    for (const column of columns) {
      const r = await sql<{ n: number | string }>`
        select count(*) as n from ${sql.table(table)} where cast(${sql.ref(column)} as text) in (${list})`.execute(
        store.db,
      );
      const n = Number(r.rows[0]?.n ?? 0);
      if (n > 0) out[`${table}.${column}`] = n;
    }
  }
  return out;
}
