import { createRequire } from 'node:module';
import type { RateLimiterRes as RateLimiterResType, RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { SecurityStore, ThrottleCounter } from '@rapport/storage';

// The package exports its store base class in its types but not from its entry
// point; its file is the documented extension point for new stores.
const require = createRequire(import.meta.url);
const StoreAbstract =
  require('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js') as typeof RateLimiterStoreAbstract;

/**
 * rate-limiter-flexible over our own storage port, so one limiter works on
 * SQLite and PostgreSQL alike and its counters survive restarts and are shared
 * by every process on one database. (The library's own SQLite and PostgreSQL
 * limiters want the raw driver clients, which the storage port keeps private.)
 */
export class StoreRateLimiter extends StoreAbstract {
  readonly #store: SecurityStore;

  constructor(store: SecurityStore, opts: { keyPrefix: string; points: number; duration: number }) {
    super({ ...opts, storeClient: store });
    this.#store = store;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, result: ThrottleCounter): RateLimiterResType {
    const isFirstInDuration = changedPoints === result.points;
    const consumed = isFirstInDuration ? changedPoints : result.points;
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      result.expire === null ? -1 : Math.max(result.expire - Date.now(), 0),
      consumed,
      isFirstInDuration,
    );
  }

  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<ThrottleCounter> {
    if (forceExpire) await this.#store.deleteThrottle(rlKey);
    return this.#store.consumeThrottle(rlKey, points, msDuration, Date.now());
  }

  _get(rlKey: string): Promise<ThrottleCounter | null> {
    return this.#store.getThrottle(rlKey, Date.now());
  }

  async _delete(rlKey: string): Promise<boolean> {
    await this.#store.deleteThrottle(rlKey);
    return true;
  }
}
