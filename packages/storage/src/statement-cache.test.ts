import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('the SQLite statement cache', () => {
  const open = (max?: number) => {
    const raw = new SQLite(':memory:');
    raw.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    return withStatementCache(raw, max);
  };

  it('hands back the compiled statement for SQL it has seen, with results unchanged', () => {
    const db = open();
    const a = db.prepare('SELECT x FROM t WHERE x > ? ORDER BY x');
    const b = db.prepare('SELECT x FROM t WHERE x > ? ORDER BY x');
    expect(b).toBe(a);
    expect(b.all([1])).toEqual([{ x: 2 }, { x: 3 }]);
    expect(a.all([2])).toEqual([{ x: 3 }]);
    db.close();
  });

  it('gives a fresh statement while the cached one is still iterating', () => {
    const db = open();
    const sql = 'SELECT x FROM t ORDER BY x';
    const first = db.prepare(sql);
    const rows = first.iterate([]);
    expect(rows.next().value).toEqual({ x: 1 });
    const second = db.prepare(sql);
    expect(second).not.toBe(first);
    expect(second.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ x: 2 }, { x: 3 }]);
    db.close();
  });

  it('drops the oldest statement when full', () => {
    const db = open(2);
    const one = db.prepare('SELECT 1');
    db.prepare('SELECT 2');
    db.prepare('SELECT 3');
    expect(db.prepare('SELECT 1')).not.toBe(one);
    db.close();
  });
});
