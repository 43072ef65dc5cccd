import {
  ENDING_KIND_LABELS,
  UNPLANNED_REASON_LABELS,
  agreedClauses,
  timelineOf,
  type Client,
  type ClientSignal,
  type Episode,
  type Goal,
  type PracticeId,
  type Timeline,
  type TimelineEnding,
} from '@rapport/core';
import type { Deps } from '../context.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { practiceTrajectories } from '../measures/trajectories.js';
import { loadGoals, loadSharedNotes } from '../record/client-text.js';
import { episodeCharts, type EpisodeChart } from './charts.js';

/**
 * What the endings record says about this episode: the day it ended, planned or not (and why
 * not), and the day a follow-up is planned for. Null while it is open, and for an episode closed
 * without an ending recorded (imported, say): the timeline then reads the episode's own close date.
 */
export async function timelineEnding(
  deps: Deps,
  practiceId: PracticeId,
  episode: Episode,
): Promise<TimelineEnding | null> {
  const stored = await deps.store.endings.get(practiceId, episode.id);
  const ending = stored?.ending;
  if (!stored || !ending) return null;
  return {
    endedOn: ending.endedOn,
    label:
      ending.kind === 'planned'
        ? ENDING_KIND_LABELS.planned
        : `${ENDING_KIND_LABELS.unplanned}: ${UNPLANNED_REASON_LABELS[ending.reason].toLowerCase()}`,
    followUpOn: stored.followUp?.dueOn ?? null,
  };
}

/** Everything the timeline page and the PDF report show about one episode, loaded once. */
export interface EpisodeStory {
  readonly episode: Episode;
  readonly client: Client;
  readonly timeline: Timeline<ClientSignal>;
  /** The signals of this episode (none when they belong to a later episode of the client's). */
  readonly signals: readonly ClientSignal[];
  /** Said when a later episode holds the client's signals. */
  readonly signalsNote: string | null;
  readonly goals: readonly Goal[];
  readonly charts: readonly EpisodeChart[];
  /** The agreed contract's clause titles by id, for boundary events that touch one. */
  readonly clauseTitles: ReadonlyMap<string, string>;
}

/**
 * Loads an episode's story. No session note, no boundary description and no private note of the
 * client's is read: the timeline needs none, so none can leak into a page or a report. Signals
 * are stored for the client's latest episode (the one of their latest response) only.
 */
export async function loadEpisodeStory(
  deps: Deps,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  episode: Episode,
  client: Client,
): Promise<EpisodeStory> {
  const [contracts, sessions, boundaries, allResponses, stored, goals, notes, trajectories, ending] = await Promise.all(
    [
      deps.store.frame.listContractVersions(practiceId, episode.id),
      deps.store.record.listSessions(practiceId, episode.id),
      deps.store.record.listBoundaryEvents(practiceId, episode.id),
      deps.store.measures.listResponses(practiceId, client.id),
      deps.store.measures.listSignals(practiceId, client.id),
      loadGoals(deps, practiceId, episode.id),
      loadSharedNotes(deps, practiceId, episode.id),
      practiceTrajectories(deps.store, library, practiceId),
      timelineEnding(deps, practiceId, episode),
    ],
  );
  const latest = [...allResponses].sort((a, b) => a.savedAt.localeCompare(b.savedAt)).at(-1);
  const ours = latest === undefined || latest.episodeId === episode.id;
  const signals = ours ? stored.map((s) => s.signal) : [];
  const responses = allResponses.filter((r) => r.episodeId === episode.id);
  const timeline = timelineOf(
    { openedAt: episode.openedAt, closedAt: episode.closedAt },
    {
      sessions: sessions.map((s) => ({
        id: s.id,
        heldOn: s.heldOn,
        modality: s.modality,
        attendance: s.attendance,
        minutes: s.attendance === 'attended' ? s.minutes : null,
      })),
      contracts,
      responses: responses.map((r) => ({ ...r, at: r.savedAt })),
      goals,
      notes,
      boundaries: boundaries.map((b) => ({ id: b.id, kind: b.kind, occurredOn: b.occurredOn, clauseId: b.clauseId })),
      signals,
    },
    ending,
  );
  return {
    episode,
    client,
    timeline,
    signals,
    signalsNote: ours ? null : 'Signals are kept for the client’s latest episode only, so none are shown for this one.',
    goals,
    charts: episodeCharts({ responses, signals, goals, trajectories, library }),
    clauseTitles: new Map(agreedClauses(contracts).map((c) => [c.clauseId, c.title])),
  };
}
