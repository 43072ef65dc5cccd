import type { Compilable, CompiledQuery, Kysely, QueryResult, Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * A query built and compiled once, then run many times with new values.
 *
 * Kysely builds an operation tree and compiles it to SQL on every call: on the submission path that
 * was about a sixth of the server's time, more than SQLite's own work. The few queries that every
 * submission runs are built here once, with a placeholder in each place a value goes; a call binds
 * its values to those places and hands the same SQL text to the driver (whose statement cache then
 * finds it at once). Placeholders are private strings that no caller could pass, so a value of
 * the builder's own (a status, a constant) stays as it was built.
 *
 * Only plain values may take a placeholder: one the builder transforms (a value list, a JSON
 * helper) would not be found among the compiled parameters, and the constructor refuses the query.
 */
export class Precompiled<Values extends Record<string, unknown>, Row = unknown> {
  readonly #compiled: CompiledQuery<Row>;
  /** For each compiled parameter: the name of the value it takes, or the builder's own value. */
  readonly #sources: readonly ({ readonly name: keyof Values } | { readonly value: unknown })[];

  /**
   * `names` lists the values a call passes. `build` receives a placeholder for each, typed as the
   * value it stands for so the builder type-checks; at run time each is a private string.
   */
  constructor(names: readonly (keyof Values & string)[], build: (slots: Values) => Compilable<Row>) {
    const slotOf = new Map(names.map((n) => [`\u0000rapport:${n}\u0000`, n]));
    const slots = Object.fromEntries([...slotOf].map(([slot, n]) => [n, slot])) as unknown as Values;
    this.#compiled = build(slots).compile();
    const placed = new Set<string>();
    this.#sources = this.#compiled.parameters.map((p) => {
      const name = typeof p === 'string' ? slotOf.get(p) : undefined;
      if (name === undefined) return { value: p };
      placed.add(name);
      return { name };
    });
    const missing = names.filter((n) => !placed.has(n));
    if (missing.length > 0) {
      throw new Error(`A precompiled query did not place ${missing.join(', ')}: ${this.#compiled.sql}`);
    }
  }

  /** Runs the query, in `on` (the store's database or an open transaction), with these values. */
  execute(on: Kysely<Database> | Transaction<Database>, values: Values): Promise<QueryResult<Row>> {
    // An absent optional value is SQL NULL, as the builder would have written (drivers differ on `undefined`).
    const parameters = this.#sources.map((s) => ('name' in s ? (values[s.name] ?? null) : s.value));
    return on.executeQuery<Row>({ ...this.#compiled, parameters });
  }

  /** The first row, or undefined. */
  async first(on: Kysely<Database> | Transaction<Database>, values: Values): Promise<Row | undefined> {
    return (await this.execute(on, values)).rows[0];
  }
}
