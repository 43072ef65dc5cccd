import type { Database as SqliteHandle, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 compiles SQL on every `prepare`, and Kysely's SQLite driver prepares each query
 * afresh: under load that was about a tenth of the server's time. Rapport's queries come from a
 * fixed set of builders, so their SQL texts repeat; this keeps the compiled statements by text and
 * hands the same one back. A statement is only reused when it is not mid-iteration (`busy`), so a
 * streamed query never shares one. The bound keeps memory flat if some SQL were ever generated
 * with values inlined: the oldest statement is dropped first.
 */
export function withStatementCache(db: SqliteHandle, max = 500): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit;
      const fresh = db.prepare(sql);
      if (!hit) {
        if (cache.size >= max) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
        cache.set(sql, fresh);
      }
      return fresh;
    },
  };
}
