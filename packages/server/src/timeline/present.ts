import { parseSeriesKey, type Goal } from '@rapport/core';
import type { TimelineStageView, TimelineView, Viewer } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentSignal } from '../measures/present-signals.js';
import { episodeHead } from '../record/context.js';
import type { EpisodeStory } from './load.js';
import {
  TIMELINE_RULES_TEXT,
  dayText,
  entryFacts,
  entryHeading,
  goalLabel,
  goalNames,
  stageSummary,
  stageTitle,
} from './words.js';

/** What a shared note is about: the measure or the goal, and the day of its point. */
function noteAbout(series: string, pointAt: string, goals: readonly Goal[], library: InstrumentLibrary): string {
  const s = parseSeriesKey(series);
  const what = !s.ok
    ? 'a chart'
    : s.value.kind === 'measure'
      ? (library.get(s.value.instrumentId)?.definition.shortTitle ?? s.value.instrumentId)
      : goalLabel(goals, s.value.goalId);
  return `${what}, ${dayText(pointAt.slice(0, 10))}`;
}

/** The timeline page's view: stages with their days, the charts, and the goals in the client's words. */
export function presentTimeline(
  story: EpisodeStory,
  library: InstrumentLibrary,
  viewer: Extract<Viewer, { kind: 'therapist' }>,
): TimelineView {
  const { episode, client, goals } = story;
  const ctx = { library, goals, clauseTitles: story.clauseTitles };
  const open = episode.status === 'open' ? { id: episode.id, openedAt: episode.openedAt } : undefined;
  const stages: TimelineStageView[] = story.timeline.stages.map((stage, i) => ({
    id: `stage-${String(i + 1)}`,
    title: stageTitle(stage),
    summary: stageSummary(stage),
    entries: stage.entries.map((e) => ({
      day: dayText(e.day),
      heading: entryHeading(e),
      facts: entryFacts(e, ctx),
      notes: e.notes.map((n) => ({ about: noteAbout(n.series, n.pointAt, goals, library), text: n.text })),
      signals: e.signals.map((s) => presentSignal(s, library, open)),
    })),
  }));
  return {
    viewer,
    head: episodeHead(episode, client),
    rules: TIMELINE_RULES_TEXT,
    reportHref: `/episodes/${episode.id}/report.pdf`,
    charts: story.charts,
    goals: goalNames(goals),
    stages,
    signalsNote: story.signalsNote,
  };
}
