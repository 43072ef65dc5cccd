/**
 * "Rate it tomorrow": a client who would rather not rate a session straight after it gets a
 * next-day link instead. The feeling of a session often settles overnight, and a rating given
 * away from the room is more likely to be honest (the deferred moment of `measures`).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A deferred link opens at the start of the next day (UTC), so it is never answered the same day. */
export function deferredValidFrom(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today + DAY_MS);
}

/** Whether a link that opens at `validFrom` can be answered at `now`. */
export const isOpenYet = (validFrom: string, now: Date): boolean => now.getTime() >= Date.parse(validFrom);
