import {
  DEFAULT_INSTRUMENT_ID,
  acrossClientSdFromMoments,
  divergenceThreshold,
  reliableChangeFor,
  ruptureKey,
  sessionDayOf,
  type ClientSignal,
  type DivergenceThreshold,
  type Episode,
  type MeasureResponse,
  type PracticeId,
} from '@rapport/core';
import type { PerspectiveRowView, WorkspacePanelView } from '@rapport/web';
import type { Deps } from '../context.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { repairText, thresholdText } from '../measures/present-signals.js';

/** The client's answer about repair, in the words of the choice they picked. */
export const REPAIR_ANSWER_TEXT = {
  better: '“Yes, better”',
  same: '“About the same”',
  worse: '“Worse”',
} as const;

/** The threshold the stored signals used, else the one they would use now (one query more). */
async function currentThreshold(
  deps: Deps,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  signals: readonly ClientSignal[],
): Promise<DivergenceThreshold> {
  for (const s of signals) if (s.kind === 'divergence') return s.threshold;
  const def = library.get(DEFAULT_INSTRUMENT_ID)?.definition;
  const rc = def ? reliableChangeFor(def, {}) : undefined;
  for (const s of signals) if (s.kind === 'rupture') return divergenceThreshold(rc, s.acrossSd);
  const moments = await deps.store.measures.ratingMoments(practiceId, DEFAULT_INSTRUMENT_ID);
  return divergenceThreshold(rc, acrossClientSdFromMoments(moments));
}

/**
 * The client page's workspace panel for the open episode: both views of each session (the
 * client's relationship check and the therapist's mirrored rating, by session day) and each
 * rupture with its repair notes and the client's answers.
 */
export async function loadWorkspacePanel(
  deps: Deps,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  episode: Episode,
  record: { readonly responses: readonly MeasureResponse[]; readonly signals: readonly ClientSignal[] },
): Promise<WorkspacePanelView> {
  const [ratings, attempts, answers, threshold] = await Promise.all([
    deps.store.repair.listTherapistRatings(practiceId, episode.clientId),
    deps.store.repair.listRepairAttempts(practiceId, episode.id),
    deps.store.repair.listRepairAnswers(practiceId, episode.clientId),
    currentThreshold(deps, library, practiceId, record.signals),
  ]);
  const days = new Map<string, { client: number | null; therapist: number | null }>();
  const side = (day: string) => days.get(day) ?? { client: null, therapist: null };
  // Oldest first, so the later rating of a day stands, as in core's pairing.
  for (const r of record.responses) {
    if (r.episodeId !== episode.id || r.instrumentId !== DEFAULT_INSTRUMENT_ID) continue;
    if (r.status !== 'complete' || r.total === null) continue;
    const day = sessionDayOf(r.savedAt, r.moment);
    days.set(day, { ...side(day), client: r.total });
  }
  for (const t of ratings) {
    if (t.episodeId !== episode.id || t.instrumentId !== DEFAULT_INSTRUMENT_ID || t.total === null) continue;
    days.set(t.day, { ...side(t.day), therapist: t.total });
  }
  const rows: PerspectiveRowView[] = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, v]) => {
      const gap = v.client === null || v.therapist === null ? null : v.therapist - v.client;
      return { day, ...v, gap, clearly: gap !== null && gap > threshold.value };
    });
  const ruptures = record.signals.flatMap((s) =>
    s.kind === 'rupture' && s.at >= episode.openedAt
      ? [
          {
            at: s.at,
            status: repairText(s.repair),
            href: `/episodes/${episode.id}/ruptures/${ruptureKey(s.at)}`,
            attempts: attempts.filter((a) => a.ruptureAt === s.at).length,
            answers: answers.filter((a) => a.ruptureAt === s.at).map((a) => REPAIR_ANSWER_TEXT[a.answer]),
          },
        ]
      : [],
  );
  return {
    rateHref: episode.status === 'open' ? `/episodes/${episode.id}/perspective` : null,
    rows,
    threshold: `“Clearly higher”: your rating exceeds your client’s by more than ${thresholdText(threshold)}. Your view still counts; a gap is a reason to ask, not a verdict.`,
    ruptures,
  };
}
