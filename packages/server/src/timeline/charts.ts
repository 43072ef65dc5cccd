import {
  DEFAULT_INSTRUMENT_ID,
  NOT_ON_TRACK_MINIMUM,
  expectedRange,
  intakeBands,
  totalRange,
  type ClientSignal,
  type Goal,
  type MeasureResponse,
  type OutcomeTrajectories,
} from '@rapport/core';
import {
  CHART_COLOURS,
  SERIES_SHAPES,
  chartDate,
  chartScene,
  chartTable,
  type ChartScene,
  type ChartSpec,
} from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';
import { curveSourceText } from '../measures/present-signals.js';

/**
 * The episode's charts, laid out once and drawn both on the timeline page (SVG) and in the
 * PDF report: each outcome measure with its expected range, the relationship check with its
 * ruptures and repairs, and the client's goals, one line each. Goals are named by number
 * ("Goal 1"): the chart carries no words of the client's.
 */
export interface EpisodeChart {
  readonly id: string;
  readonly heading: string;
  readonly scene: ChartScene;
  /** The chart's numbers as a table: its text alternative. */
  readonly table: ReturnType<typeof chartTable>;
  /** Where the expected range came from, when there is one. */
  readonly note: string | null;
}

const n1 = (x: number): string => String(Math.round(x * 10) / 10);
const dated = (r: { readonly total: number; readonly savedAt: string }): string =>
  `${n1(r.total)} on ${chartDate(r.savedAt)}`;

type Scored = MeasureResponse & { readonly total: number };
const scoredOf = (responses: readonly MeasureResponse[], instrumentId: string): Scored[] =>
  responses.filter((r): r is Scored => r.instrumentId === instrumentId && r.status === 'complete' && r.total !== null);

function chart(id: string, heading: string, spec: ChartSpec, note: string | null = null): EpisodeChart {
  return { id, heading, scene: chartScene(spec), table: chartTable(spec), note };
}

/** One measure's totals by session: what the outcome and relationship charts share. */
function measureSpec(
  name: string,
  scored: readonly Scored[],
  range: { readonly min: number; readonly max: number },
  better: 'higher' | 'lower',
  story: string,
): ChartSpec | null {
  const first = scored[0];
  const last = scored[scored.length - 1];
  if (!first || !last) return null;
  return {
    title: `${name} by session`,
    description: `${name} at ${String(scored.length)} sessions of this episode, from ${dated(first)} to ${dated(last)} (${better} is better, scale ${n1(range.min)}–${n1(range.max)}).${story}`,
    min: range.min,
    max: range.max,
    slots: scored.map((r) => chartDate(r.savedAt)),
    series: [
      {
        name,
        colour: CHART_COLOURS.series[0],
        shape: 'circle',
        points: scored.map((r, slot) => ({ slot, value: r.total })),
      },
    ],
  };
}

function outcomeChart(
  id: string,
  scored: readonly Scored[],
  library: InstrumentLibrary,
  trajectories: OutcomeTrajectories | undefined,
): EpisodeChart | null {
  const def = library.get(id)?.definition;
  const range = def ? totalRange(def) : undefined;
  if (!def || !range) return null;
  const found = trajectories
    ? expectedRange(
        scored.map((r) => r.total),
        trajectories,
      )
    : null;
  const band = found && found.sessions.length > 1 ? found.sessions.map((s, slot) => ({ slot, ...s })) : [];
  const better = def.interpretation.kind === 'published' && def.interpretation.direction === 'higher-is-better';
  const intake = scored[0]?.total;
  const shaded =
    band.length > 0 && intake !== undefined
      ? ` Shaded: the range expected for an intake of ${n1(intake)}; dashed: its middle.`
      : '';
  const spec = measureSpec(def.shortTitle, scored, range, better ? 'higher' : 'lower', shaded);
  if (!spec) return null;
  const note =
    found && band.length > 0
      ? curveSourceText(
          found.curve.source,
          found.band.band,
          found.band.practice,
          NOT_ON_TRACK_MINIMUM,
          found.curve.upper,
        )
      : null;
  return chart(`chart-${id}`, def.shortTitle, { ...spec, band }, note);
}

/** The relationship check, with a triangle down at each rupture and a triangle up where it was repaired. */
function relationshipChart(
  scored: readonly Scored[],
  signals: readonly ClientSignal[],
  library: InstrumentLibrary,
): EpisodeChart | null {
  const def = library.get(DEFAULT_INSTRUMENT_ID)?.definition;
  const range = def ? totalRange(def) : undefined;
  if (!def || !range) return null;
  // A signal's time is its response's time; a repair the client reported later goes on the next check.
  const slotAtOrBefore = (at: string): number => scored.reduce((k, r, i) => (r.savedAt <= at ? i : k), 0);
  const slotAtOrAfter = (at: string): number => {
    const i = scored.findIndex((r) => r.savedAt >= at);
    return i === -1 ? scored.length - 1 : i;
  };
  const ruptures = signals.flatMap((s) => (s.kind === 'rupture' ? [s] : []));
  const marks = ruptures.flatMap((s) => {
    const slot = slotAtOrBefore(s.at);
    const repaired = s.repair.status === 'repaired' ? slotAtOrAfter(s.repair.at) : null;
    return [
      { slot, value: scored[slot]?.total ?? 0, kind: 'rupture' as const },
      ...(repaired === null ? [] : [{ slot: repaired, value: scored[repaired]?.total ?? 0, kind: 'repair' as const }]),
    ];
  });
  const repairedCount = marks.filter((m) => m.kind === 'repair').length;
  const story =
    ruptures.length === 0
      ? ' No rupture was signalled.'
      : ` ${String(ruptures.length)} rupture${ruptures.length === 1 ? '' : 's'} (triangles pointing down, above the point), ${String(repairedCount)} repaired (triangles pointing up, below the point where it was repaired).`;
  const spec = measureSpec(def.shortTitle, scored, range, 'higher', story);
  return spec ? chart('chart-relationship', def.shortTitle, { ...spec, marks }) : null;
}

/** One line per goal over the days the client rated any goal; a day's latest rating of a goal counts. */
function goalsChart(goals: readonly Goal[]): EpisodeChart | null {
  const rated = goals.filter((g) => g.ratings.length > 0);
  const days = [...new Set(rated.flatMap((g) => g.ratings.map((r) => r.ratedAt.slice(0, 10))))].sort();
  if (rated.length === 0) return null;
  const series = goals.flatMap((g, i) => {
    if (g.ratings.length === 0) return [];
    const byDay = new Map(g.ratings.map((r) => [r.ratedAt.slice(0, 10), r.rating]));
    return [
      {
        name: `Goal ${String(i + 1)}`,
        colour: CHART_COLOURS.series[i % CHART_COLOURS.series.length] ?? CHART_COLOURS.series[0],
        shape: SERIES_SHAPES[i % SERIES_SHAPES.length] ?? 'circle',
        points: days.flatMap((d, slot) => {
          const value = byDay.get(d);
          return value === undefined ? [] : [{ slot, value }];
        }),
      },
    ];
  });
  const moves = series.map((s) => {
    const a = s.points[0];
    const b = s.points[s.points.length - 1];
    return a && b ? `${s.name} from ${n1(a.value)} to ${n1(b.value)}` : s.name;
  });
  return chart('chart-goals', 'Goals', {
    title: 'Goal ratings by check-in',
    description: `The client’s ratings of each goal from 0 (not started) to 10 (reached), on ${String(days.length)} days: ${moves.join('; ')}.`,
    min: 0,
    max: 10,
    slots: days.map((d) => chartDate(`${d}T12:00:00.000Z`)),
    series,
    legend: true,
  });
}

/** Every chart of the episode, outcome measures first. */
export function episodeCharts(input: {
  readonly responses: readonly MeasureResponse[];
  readonly signals: readonly ClientSignal[];
  readonly goals: readonly Goal[];
  readonly trajectories: ReadonlyMap<string, OutcomeTrajectories>;
  readonly library: InstrumentLibrary;
}): EpisodeChart[] {
  const outcomeIds = [...new Set(input.responses.map((r) => r.instrumentId))].filter((id) => {
    const def = input.library.get(id)?.definition;
    return id !== DEFAULT_INSTRUMENT_ID && def !== undefined && intakeBands(def).length > 0;
  });
  return [
    ...outcomeIds.map((id) =>
      outcomeChart(id, scoredOf(input.responses, id), input.library, input.trajectories.get(id)),
    ),
    relationshipChart(scoredOf(input.responses, DEFAULT_INSTRUMENT_ID), input.signals, input.library),
    goalsChart(input.goals),
  ].filter((c): c is EpisodeChart => c !== null);
}
