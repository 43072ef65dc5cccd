import {
  computeClientSignals,
  unconfirmedPhoneSignals,
  type ClientId,
  type ClientSignal,
  type PracticeId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { InstrumentLibrary } from '../instruments/library.js';
import { practiceRatingSpread } from './rating-spread.js';
import { practiceTrajectories } from './trajectories.js';

/**
 * Recomputes and stores one client's signals from every response they have given.
 * Called by the signal keeper after submissions and saved drafts (signal-keeper.ts), and at once
 * after the therapist's own changes. The rules are core's; this only gathers the inputs and
 * stores the result, clearing the client's "signals due" mark if no newer one came meanwhile.
 */
export async function recomputeSignals(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  clientId: ClientId,
  now: Date,
  options: {
    /**
     * The keeper's recompute of what was due: nothing happens when no mark is due (another
     * process has done it), and nothing is written if the client's mark has changed meanwhile.
     */
    readonly whenDue?: boolean;
  } = {},
): Promise<ClientSignal[] | null> {
  // The mark is read before the inputs: a submission that lands while this runs marks the client
  // again (a new mark), so it survives the replace below and the client is recomputed in turn.
  const dueMark = await store.measures.signalsDueMark(practiceId, clientId);
  if (options.whenDue && dueMark === null) return null;
  const [responses, spread, trajectories, therapistRatings, repairAnswers, phoneEntries] = await Promise.all([
    store.measures.listResponses(practiceId, clientId),
    practiceRatingSpread(store, practiceId),
    practiceTrajectories(store, library, practiceId),
    store.repair.listTherapistRatings(practiceId, clientId),
    store.repair.listRepairAnswers(practiceId, clientId),
    store.voice.listPhoneEntries(practiceId, clientId),
  ]);
  const signals = computeClientSignals(
    responses.map((r) => ({
      episodeId: r.episodeId,
      instrumentId: r.instrumentId,
      instrumentVersion: r.instrumentVersion,
      moment: r.moment,
      status: r.status,
      at: r.savedAt,
      total: r.total,
      answers: r.answers,
      flags: r.flags,
    })),
    (id, version) => library.get(id, version)?.definition,
    spread,
    (id) => trajectories.get(id),
    {
      // The therapist's own view of each session (divergence) and the client's word on repair.
      therapistRatings: therapistRatings.flatMap((t) =>
        t.total === null
          ? []
          : [{ episodeId: t.episodeId, instrumentId: t.instrumentId, day: t.day, total: t.total, at: t.ratedAt }],
      ),
      repairAnswers: repairAnswers.map((a) => ({ ruptureAt: a.ruptureAt, answer: a.answer, at: a.answeredAt })),
    },
  );
  // Answers entered by phone that the client has not yet confirmed, in the latest episode (core's rule).
  const latestEpisode = [...responses].sort((a, b) => a.savedAt.localeCompare(b.savedAt)).at(-1)?.episodeId ?? null;
  signals.push(...unconfirmedPhoneSignals(phoneEntries, latestEpisode));
  if (options.whenDue && dueMark !== null) {
    return (await store.measures.replaceDueSignals(practiceId, clientId, signals, now.toISOString(), dueMark))
      ? signals
      : null;
  }
  await store.measures.replaceSignals(practiceId, clientId, signals, now.toISOString(), dueMark);
  return signals;
}
