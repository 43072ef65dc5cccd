import type { SecurityStore } from '@rapport/storage';
import { LoginGuard, oncePerStore } from './login-guard.js';
import { StoreRateLimiter } from './login-throttle.js';

/** Wrong PINs for one home from every address together, in a day, before the home waits out the day. */
export const HOME_FAILURES_PER_DAY = 20;

/**
 * Throttling of the client's PIN, counted in the database like sign-in: five wrong tries
 * from one address lock that address out for five minutes, doubling each time; one address
 * may fail 100 times an hour across homes; and a home takes at most 20 wrong tries a day
 * from all addresses together, because a PIN has far fewer values than a password.
 *
 * Counters are keyed by the SHA-256 of the link token, never by the home's id, so a token
 * that matches no home is counted and slowed exactly like one that does: the response to a
 * wrong PIN and to an unknown link is the same, down to when the waiting starts.
 */
export class HomeGuard {
  readonly #attempts: LoginGuard;
  readonly #perHome: StoreRateLimiter;

  constructor(store: SecurityStore) {
    this.#attempts = new LoginGuard(store, 'home');
    this.#perHome = new StoreRateLimiter(store, {
      keyPrefix: 'home:all',
      points: HOME_FAILURES_PER_DAY,
      duration: 24 * 60 * 60,
    });
  }

  /** Milliseconds to wait before this link may be tried again from this address, or 0. */
  async waitMs(linkHash: string, ip: string | null): Promise<number> {
    const [attempts, home] = await Promise.all([this.#attempts.waitMs(linkHash, ip), this.#perHome.get(linkHash)]);
    return Math.max(attempts, home && home.consumedPoints >= HOME_FAILURES_PER_DAY ? home.msBeforeNext : 0);
  }

  async failed(linkHash: string, ip: string | null): Promise<void> {
    await Promise.all([this.#attempts.failed(linkHash, ip), this.#perHome.penalty(linkHash)]);
  }

  /** The right PIN clears this address's count; the day's count for the home stays. */
  async succeeded(linkHash: string, ip: string | null): Promise<void> {
    await this.#attempts.succeeded(linkHash, ip);
  }
}

/** One guard per store. */
export const homeGuardFor = oncePerStore((store) => new HomeGuard(store));
