import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Group commit: writes that arrive together share one transaction, and so one commit.
 *
 * With SQLite at `synchronous = FULL` every commit waits for the disk to say the write is safe, and
 * a client's submission is acknowledged only after that; on PostgreSQL every commit flushes the
 * write-ahead log. So the commit is a fixed cost per transaction, and under load it bounds how many
 * submissions a second one store can take. Jobs queued in the same turn of the event loop, or
 * while the previous batch commits, run one after another in a single transaction, each inside its own savepoint (a lone job needs
 * none): a job that throws rolls back to its savepoint and only its caller sees the error; the others commit. Every caller
 * is answered after the commit, so an acknowledged write is as durable as before.
 */
export class GroupCommit {
  readonly #db: Kysely<Database>;
  #queue: Job[] = [];
  /** A flush is scheduled or its transaction is open: new jobs wait for the next one. */
  #busy = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Runs `work` in a transaction shared with the other writes queued meanwhile; resolves after the commit. */
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#busy) this.#schedule();
    });
  }

  /**
   * One batch at a time: on PostgreSQL two open batches could each hold a row the other needs (a
   * client's due mark) and deadlock; and what arrives while one commits makes the next batch.
   */
  #schedule(): void {
    this.#busy = true;
    setImmediate(() => {
      void this.#flush().finally(() => {
        if (this.#queue.length > 0) this.#schedule();
        else this.#busy = false;
      });
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = await this.#db.transaction().execute(async (trx) => {
        const done: Outcome[] = [];
        // A lone job needs no savepoint: if it throws, the whole transaction is its own to roll back.
        if (batch.length === 1 && batch[0]) {
          done.push({ ok: true, value: await batch[0].work(trx) });
          return done;
        }
        for (const job of batch) {
          await trx.executeQuery(SAVEPOINT);
          try {
            done.push({ ok: true, value: await job.work(trx) });
            await trx.executeQuery(RELEASE);
          } catch (error) {
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            done.push({ ok: false, error });
          }
        }
        return done;
      });
    } catch (error) {
      // The transaction failed (its commit, or a lone job's own error): nothing of the batch was
      // written, and every caller is told.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.error : new Error('group commit lost a job'));
    });
  }
}

// The same text on both stores; built once rather than per job.
const SAVEPOINT = CompiledQuery.raw('savepoint group_commit_job');
const RELEASE = CompiledQuery.raw('release savepoint group_commit_job');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_commit_job');

interface Job {
  readonly work: (trx: Transaction<Database>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };
