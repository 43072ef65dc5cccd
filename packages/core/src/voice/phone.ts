import type { ClientSignal } from '../measures/signals.js';

/**
 * Measures read aloud over the telephone: the therapist enters the client's answers, marked as
 * given by phone, and the client confirms them (or corrects them) on a link of their own. Until
 * then the entry is the therapist's hearing of the answers, not the client's word.
 */

/** `unconfirmed` until the client says they are right (`confirmed`) or changes them (`corrected`). */
export type PhoneEntryStatus = 'unconfirmed' | 'confirmed' | 'corrected';

/** What the signal rule reads about one entry. */
export interface PhoneEntryFacts {
  readonly episodeId: string;
  readonly instrumentId: string;
  readonly status: PhoneEntryStatus;
  readonly enteredAt: string;
}

/**
 * One `unconfirmed-phone-entry` signal for each entry of the episode the client has not yet
 * confirmed or corrected, dated when it was entered. Other episodes' entries raise nothing.
 */
export function unconfirmedPhoneSignals(entries: readonly PhoneEntryFacts[], episodeId: string | null): ClientSignal[] {
  return entries
    .filter((e) => e.status === 'unconfirmed' && e.episodeId === episodeId)
    .map((e) => ({ kind: 'unconfirmed-phone-entry', instrumentId: e.instrumentId, at: e.enteredAt }));
}
