import type { SecurityStore } from '@rapport/storage';
import { StoreRateLimiter } from './login-throttle.js';

/** Five wrong passwords for one account from one address start a lock-out… */
export const FAILURES_PER_ACCOUNT = 5;
/** …which lasts five minutes, doubling with each lock-out that day, to at most a day. */
export const FIRST_LOCKOUT_S = 5 * 60;
const MAX_LOCKOUT_S = 24 * 60 * 60;
/** One address may fail 100 times an hour across all accounts (password spraying). */
export const FAILURES_PER_ADDRESS = 100;

/**
 * Login throttling with back-off (OWASP ASVS 2.2.1), counted in the database
 * through rate-limiter-flexible. Only failures count, so a therapist who signs
 * in correctly is never slowed; a success clears the account's count.
 */
export class LoginGuard {
  readonly #perAccount: StoreRateLimiter;
  readonly #lockouts: StoreRateLimiter;
  readonly #perAddress: StoreRateLimiter;
  readonly #secondFactor: StoreRateLimiter;

  /** `prefix` keeps another door's counters apart (the client's home counts PIN tries the same way). */
  constructor(store: SecurityStore, prefix = 'login') {
    this.#perAccount = new StoreRateLimiter(store, {
      keyPrefix: `${prefix}:account`,
      points: FAILURES_PER_ACCOUNT,
      duration: 15 * 60,
    });
    this.#lockouts = new StoreRateLimiter(store, {
      keyPrefix: `${prefix}:lockouts`,
      points: 1000,
      duration: 24 * 60 * 60,
    });
    this.#perAddress = new StoreRateLimiter(store, {
      keyPrefix: `${prefix}:address`,
      points: FAILURES_PER_ADDRESS,
      duration: 60 * 60,
    });
    // Six-digit codes: five wrong tries per user in fifteen minutes.
    this.#secondFactor = new StoreRateLimiter(store, { keyPrefix: `${prefix}:2fa`, points: 5, duration: 15 * 60 });
  }

  /** Milliseconds to wait before this account may try from this address, or 0. */
  async waitMs(email: string, ip: string | null): Promise<number> {
    const [account, address] = await Promise.all([
      this.#perAccount.get(accountKey(email, ip)),
      this.#perAddress.get(ip ?? 'unknown'),
    ]);
    const waits = [
      account && account.consumedPoints >= FAILURES_PER_ACCOUNT ? account.msBeforeNext : 0,
      address && address.consumedPoints >= FAILURES_PER_ADDRESS ? address.msBeforeNext : 0,
    ];
    return Math.max(...waits);
  }

  async failed(email: string, ip: string | null): Promise<void> {
    const key = accountKey(email, ip);
    const [account] = await Promise.all([this.#perAccount.penalty(key), this.#perAddress.penalty(ip ?? 'unknown')]);
    if (account.consumedPoints >= FAILURES_PER_ACCOUNT) {
      const n = (await this.#lockouts.penalty(key)).consumedPoints;
      await this.#perAccount.block(key, Math.min(FIRST_LOCKOUT_S * 2 ** Math.max(n - 1, 0), MAX_LOCKOUT_S));
    }
  }

  async succeeded(email: string, ip: string | null): Promise<void> {
    await this.#perAccount.delete(accountKey(email, ip));
  }

  async secondFactorWaitMs(userId: string): Promise<number> {
    const r = await this.#secondFactor.get(userId);
    return r && r.consumedPoints >= 5 ? r.msBeforeNext : 0;
  }

  async secondFactorFailed(userId: string): Promise<void> {
    await this.#secondFactor.penalty(userId);
  }

  async secondFactorSucceeded(userId: string): Promise<void> {
    await this.#secondFactor.delete(userId);
  }
}

const accountKey = (email: string, ip: string | null): string => `${email}_${ip ?? 'unknown'}`;

/** One instance per store, made on first use: the routes that share a door share its counters. */
export function oncePerStore<T extends object>(make: (store: SecurityStore) => T): (store: SecurityStore) => T {
  const made = new WeakMap<SecurityStore, T>();
  return (store) => {
    let guard = made.get(store);
    if (!guard) {
      guard = make(store);
      made.set(store, guard);
    }
    return guard;
  };
}

/** One guard per store, shared by the sign-in and two-factor routes. */
export const loginGuardFor = oncePerStore((store) => new LoginGuard(store));

/** “5 minutes”, “1 minute”: a wait put plainly. */
export function plainWait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes >= 120) return `${String(Math.ceil(minutes / 60))} hours`;
  return minutes === 1 ? '1 minute' : `${String(minutes)} minutes`;
}
