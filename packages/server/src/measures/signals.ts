import {
  DEFAULT_INSTRUMENT_ID,
  acrossClientSdFromMoments,
  computeClientSignals,
  unconfirmedPhoneSignals,
  type ClientId,
  type ClientSignal,
  type PracticeId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { InstrumentLibrary } from '../instruments/library.js';
import { practiceTrajectories } from './trajectories.js';

/**
 * Recomputes and stores one client's signals from every response they have given.
 * Called after each submission (and each saved draft, so a risk answer shows at once).
 * The rules are core's; this only gathers the inputs and stores the result.
 */
export async function recomputeSignals(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  clientId: ClientId,
  now: Date,
): Promise<ClientSignal[]> {
  const [responses, moments, trajectories, therapistRatings, repairAnswers, phoneEntries] = await Promise.all([
    store.measures.listResponses(practiceId, clientId),
    store.measures.ratingMoments(practiceId, DEFAULT_INSTRUMENT_ID),
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
    acrossClientSdFromMoments(moments),
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
  await store.measures.replaceSignals(practiceId, clientId, signals, now.toISOString());
  return signals;
}
