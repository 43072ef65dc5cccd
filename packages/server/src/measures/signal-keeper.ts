import { setImmediate } from 'node:timers/promises';
import type { ClientId, PracticeId } from '@rapport/core';
import type { SignalsDue, Store } from '@rapport/storage';
import type { Logger } from 'pino';
import type { Clock } from '../context.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { recomputeSignals } from './signals.js';

/**
 * Keeps clients' stored signals up to date after their own submissions, off the submission's path.
 *
 * Recomputing a client's signals reads their whole history and the practice's spread of ratings:
 * most of what a submission cost when it was done inline, and nothing the client waits for. So a
 * submission only marks its client's signals as due, durably and in its own transaction (storage
 * `signal_due`), and tells the keeper, which recomputes:
 * - at once when the server is idle (the next turn of the event loop);
 * - in the background at most once per `spacingMs` for any one client, so a run of answers from
 *   one client costs one recompute, not one each;
 * - before any staff page reads signals: `settle(practiceId)` runs what is due for the practice
 *   first, so a therapist never sees signals older than the answers already acknowledged (unless a
 *   client's recompute is failing: their page shows the last signals that could be computed);
 * - at start-up (`sweep`), for marks a stopped or killed server left behind.
 * A recompute that fails keeps its mark and waits before the next try (DEFAULT_RETRY_MS, doubling),
 * unless new answers mark the client again.
 * Several server processes each keep their own keeper; `settle` reads the store's marks too, so
 * a page served by one process also recomputes what another process has just taken.
 */
/**
 * How long one client's next background recompute waits after their last. Nothing anyone sees
 * waits on it (pages settle first); it bounds the work a client answering again and again costs.
 */
export const DEFAULT_SPACING_MS = 5000;
/**
 * After a recompute fails, the client waits this long before the next try, doubling with each
 * failure up to MAX_RETRY_MS: a client whose recompute keeps failing (a record the rules cannot
 * read) would otherwise cost every staff page view of the practice another failing recompute and
 * another error in the log. Their mark stays; the therapist's own change still tries at once.
 */
export const DEFAULT_RETRY_MS = 5000;
export const MAX_RETRY_MS = 10 * 60 * 1000;

export class SignalKeeper {
  readonly #store: Store;
  readonly #library: InstrumentLibrary;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #spacingMs: number;
  readonly #retryMs: number;
  /**
   * Clients whose last recompute failed: how many times in a row, when to try again (monotonic ms),
   * and the mark that was due then. A newer mark (new answers) is tried at once.
   */
  readonly #failed = new Map<
    string,
    { readonly count: number; readonly retryAt: number; readonly mark: string | null }
  >();
  /** Clients waiting for a recompute, by practice and client. */
  readonly #due = new Map<string, { readonly practiceId: PracticeId; readonly clientId: ClientId }>();
  /** When each client was last recomputed (monotonic ms), oldest first, pruned as they age out. */
  readonly #last = new Map<string, number>();
  /** Background recomputes (the timer's, the start-up sweep) run one at a time, in order, on this chain. */
  #running: Promise<void> = Promise.resolve();
  /** The recompute under way for each client, whoever started it: a second waits for it, then runs if still due. */
  readonly #inFlight = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #timerAt = Number.POSITIVE_INFINITY;
  #closed = false;

  constructor(options: {
    readonly store: Store;
    readonly library: InstrumentLibrary;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly spacingMs?: number;
    readonly retryMs?: number;
  }) {
    this.#store = options.store;
    this.#library = options.library;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#spacingMs = options.spacingMs ?? DEFAULT_SPACING_MS;
    this.#retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  }

  /** A submission for this client has been stored (and its mark written): recompute soon. */
  due(practiceId: PracticeId, clientId: ClientId): void {
    if (this.#closed) return;
    const key = keyOf(practiceId, clientId);
    this.#due.set(key, { practiceId, clientId });
    // New answers are worth a try at once, even for a client whose last recompute failed.
    this.#failed.delete(key);
    // Only an earlier time than the timer's moves it; otherwise the timer's own pass picks this up.
    if (this.#readyAt(key, performance.now()) < this.#timerAt) this.#schedule();
  }

  /**
   * Runs now whatever is due for the practice: what this process was told of, and the marks in the
   * store (another server process may have taken the answers). It does not queue behind background
   * work for other practices; a client already being recomputed is waited for, then run again if due.
   */
  async settle(practiceId: PracticeId): Promise<void> {
    for (const m of await this.#store.measures.listSignalsDue(practiceId)) this.#markedDue(m);
    const waiting = [...this.#due].filter(([, d]) => d.practiceId === practiceId).map(([k]) => k);
    for (const key of waiting) await this.#one(key, false);
  }

  /**
   * Runs now whatever is due for one client, told to this process or marked in the store: their
   * next form asks about repair only while a rupture is open, and their progress page shows change.
   */
  async settleClient(practiceId: PracticeId, clientId: ClientId): Promise<void> {
    const mark = await this.#store.measures.signalsDueMark(practiceId, clientId);
    if (mark) this.#markedDue({ practiceId, clientId, mark });
    await this.#one(keyOf(practiceId, clientId), false);
  }

  /**
   * Recomputes one client now, after a therapist's own change (their view of a session, a phone
   * entry), which the store marked due in the change's own transaction: it shows on the page they
   * return to. Tried even while the client's recomputes are failing.
   */
  async recomputeNow(practiceId: PracticeId, clientId: ClientId): Promise<void> {
    const key = keyOf(practiceId, clientId);
    this.#due.set(key, { practiceId, clientId });
    await this.#one(key, true);
  }

  /** Finishes the marks in the store that no one is recomputing: call when a server starts. */
  async sweep(): Promise<void> {
    const marks = await this.#store.measures.listSignalsDue();
    for (const m of marks) this.#markedDue(m);
    await this.#enqueue(marks.map((m) => keyOf(m.practiceId, m.clientId)));
  }

  /** Stops scheduling and waits for the recomputes under way; marks left due are swept at the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    await Promise.all(this.#inFlight.values());
  }

  /** A mark read from the store: due, and tried at once if it is newer than the one that failed. */
  #markedDue(m: SignalsDue): void {
    const key = keyOf(m.practiceId, m.clientId);
    this.#due.set(key, { practiceId: m.practiceId, clientId: m.clientId });
    if (this.#failed.get(key)?.mark !== m.mark) this.#failed.delete(key);
  }

  /** Adds a background recompute of these clients (those still due when it runs) to the chain. */
  #enqueue(keys: readonly string[]): Promise<void> {
    const run = this.#running.then(async () => {
      for (const key of keys) {
        await this.#one(key, false);
        // SQLite answers without waiting on I/O, so a long run of recomputes would otherwise hold
        // the event loop: let waiting requests in between clients.
        await setImmediate();
      }
    });
    this.#running = run;
    return run;
  }

  /**
   * Recomputes one client if it is still due, after any recompute of theirs already under way. Two
   * of one client never overlap in this process; across processes the store's mark decides which
   * writes (replaceDueSignals).
   */
  async #one(key: string, evenIfFailing: boolean): Promise<void> {
    for (let running = this.#inFlight.get(key); running; running = this.#inFlight.get(key)) await running;
    const started = this.#recompute(key, evenIfFailing).finally(() => {
      this.#inFlight.delete(key);
    });
    this.#inFlight.set(key, started);
    await started;
  }

  async #recompute(key: string, evenIfFailing: boolean): Promise<void> {
    const due = this.#due.get(key);
    if (!due || this.#closed) return;
    // A client whose recompute failed waits for its retry time (the mark and the due entry stay).
    const failed = this.#failed.get(key);
    if (failed && !evenIfFailing && failed.retryAt > performance.now()) return;
    this.#due.delete(key);
    this.#last.delete(key);
    this.#last.set(key, performance.now());
    try {
      await recomputeSignals(this.#store, this.#library, due.practiceId, due.clientId, this.#clock.now(), {
        whenDue: true,
      });
      this.#failed.delete(key);
    } catch (error) {
      // The durable mark stays: a later pass, page view or start-up tries again, after a wait.
      const count = (failed?.count ?? 0) + 1;
      const waitMs = Math.min(this.#retryMs * 2 ** (count - 1), MAX_RETRY_MS);
      const mark = await this.#store.measures.signalsDueMark(due.practiceId, due.clientId).catch(() => null);
      this.#failed.set(key, { count, retryAt: performance.now() + waitMs, mark });
      this.#due.set(key, due);
      this.#logger.error(
        { err: error, clientId: due.clientId, failures: count, retryInMs: waitMs },
        'signals could not be recomputed',
      );
      this.#schedule();
    }
  }

  /** Sets the timer for the earliest client whose spacing has passed. */
  #schedule(): void {
    if (this.#closed) return;
    const now = performance.now();
    this.#prune(now);
    let next = Number.POSITIVE_INFINITY;
    for (const key of this.#due.keys()) next = Math.min(next, this.#readyAt(key, now));
    if (next === Number.POSITIVE_INFINITY || next >= this.#timerAt) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = next;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.#timerAt = Number.POSITIVE_INFINITY;
        const at = performance.now();
        const ready = [...this.#due.keys()].filter((k) => this.#readyAt(k, at) <= at);
        void this.#enqueue(ready).then(() => {
          this.#schedule();
        });
      },
      Math.max(0, next - now),
    );
    // A keeper never holds a process open: what is left is marked and swept at the next start.
    this.#timer.unref();
  }

  /** When the client may be recomputed again: now, a spacing after their last recompute, or after a failure's wait. */
  #readyAt(key: string, now: number): number {
    const last = this.#last.get(key);
    const spaced = last === undefined ? now : last + this.#spacingMs;
    return Math.max(spaced, this.#failed.get(key)?.retryAt ?? now);
  }

  /** Forgets recompute times older than the spacing: they no longer delay anyone. */
  #prune(now: number): void {
    for (const [key, at] of this.#last) {
      if (at + this.#spacingMs > now) break;
      this.#last.delete(key);
    }
  }
}

const keyOf = (practiceId: PracticeId, clientId: ClientId): string => `${practiceId}\u0000${clientId}`;
