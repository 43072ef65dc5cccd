import {
  DEFAULT_INSTRUMENT_ID,
  GOALS_INSTRUMENT_ID,
  atCeiling,
  currentWording,
  goalChange,
  reliableChangeFor,
  seriesKey,
  totalRange,
  type AdministrationMoment,
  type ClientSignal,
  type ContractVersion,
  type Goal,
  type MeasureResponse,
} from '@rapport/core';
import { STALE_FORM, type ProgressNote } from '@rapport/storage';
import {
  formatDate,
  type GoalsView,
  type HomeAgreementView,
  type HomeNavView,
  type HomeNoticeView,
  type HomeView,
  type HonestyView,
  type ProgressSeriesView,
  type ProgressView,
} from '@rapport/web';
import { presentSections } from '../frame/presenters.js';
import type { InstrumentLibrary } from '../instruments/library.js';

/**
 * Presenters of the client's home. Everything the client reads is written here or in the
 * views, for a reading age of about 11 (a readability test keeps it so); numbers come from
 * core's rules (reliable change, the honest-feedback nudge), never worked out here.
 */

/** Messages after an action, by the short name the redirect carries; anything else shows nothing. */
const NOTICES: Readonly<Record<string, HomeNoticeView>> = {
  rated: { tone: 'done', text: 'Thank you. Your numbers are saved.' },
  added: { tone: 'done', text: 'Your goal is saved.' },
  reworded: { tone: 'done', text: 'The new words are saved. The old words are kept too.' },
  retired: { tone: 'done', text: 'The goal is put away. You can still see it at the bottom.' },
  note: { tone: 'done', text: 'Your note is saved.' },
  sent: { tone: 'done', text: 'Thank you. Your answers have gone to your counsellor.' },
  later: { tone: 'done', text: 'That is fine. You can rate your session tomorrow. It will be here.' },
  stale: { tone: 'problem', text: STALE_FORM },
};

export const homeNotice = (raw: string | undefined): HomeNoticeView | null => (raw ? (NOTICES[raw] ?? null) : null);

const HONEST =
  'Honest numbers help the most. A low number is not rude. It shows your counsellor what to change, and that helps you.';
const CEILING =
  'You gave the top number for every question at your last three check-ins. That is great if it is how you feel. If one thing could be even a bit better, it is fine to pick a lower number.';

/** The framing every time, and the gentle note after three top-marks check-ins in a row (core's rule). */
export function presentHonesty(responses: readonly MeasureResponse[], library: InstrumentLibrary): HonestyView {
  const def = library.get(DEFAULT_INSTRUMENT_ID)?.definition;
  const checks = responses.filter((r) => r.instrumentId === DEFAULT_INSTRUMENT_ID && r.status === 'complete');
  return {
    framing: HONEST,
    ceiling:
      def &&
      atCeiling(
        def,
        checks.map((r) => r.answers),
      )
        ? CEILING
        : null,
  };
}

const WHEN: Readonly<Record<AdministrationMoment, string>> = {
  'check-in': 'before your session',
  'check-out': 'after your session',
  deferred: 'about your last session',
};

/** A measure waiting on the client, as the home lists it. */
export interface PendingCheck {
  readonly linkId: string;
  readonly instrumentId: string;
  readonly title: string;
  readonly moment: AdministrationMoment;
}

const latestAgreed = (versions: readonly ContractVersion[]): ContractVersion | undefined =>
  [...versions].reverse().find((v) => v.agreements.some((a) => a.role === 'client'));

export function presentHomePage(input: {
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  readonly pending: readonly PendingCheck[];
  readonly goals: readonly Goal[];
  readonly revision: number;
  readonly contracts: readonly ContractVersion[];
  readonly responses: readonly MeasureResponse[];
  readonly library: InstrumentLibrary;
  readonly errors?: Readonly<Record<string, string>>;
}): HomeView {
  const { base } = input.nav;
  const active = input.goals.filter((g) => g.status === 'active');
  const prefs = input.pending.find((p) => p.instrumentId === 'rapport-preferences');
  const prefsDone = input.responses.some((r) => r.instrumentId === 'rapport-preferences' && r.status === 'complete');
  const agreed = latestAgreed(input.contracts);
  const newer = (input.contracts.at(-1)?.version ?? 0) > (agreed?.version ?? 0);
  return {
    nav: input.nav,
    notice: input.notice,
    todo: input.pending.map((p) => ({ title: p.title, when: WHEN[p.moment], href: `${base}/check/${p.linkId}` })),
    rating:
      active.length === 0
        ? null
        : {
            action: `${base}/ratings`,
            revision: input.revision,
            goals: active.map((g) => ({ id: g.id, text: currentWording(g), last: g.ratings.at(-1)?.rating ?? null })),
            errors: input.errors ?? {},
          },
    agreement: agreed
      ? {
          text: newer
            ? 'what you agreed, and a new version is waiting for you.'
            : 'what you and your counsellor agreed.',
          href: `${base}/agreement`,
        }
      : { text: 'your counsellor has not shared one yet.', href: null },
    preferences: prefs
      ? {
          text: 'your counsellor would like to know what you want from your sessions.',
          href: `${base}/check/${prefs.linkId}`,
        }
      : prefsDone
        ? { text: 'you told your counsellor. Thank you.', href: null }
        : { text: 'your counsellor has not asked yet.', href: null },
    honesty: presentHonesty(input.responses, input.library),
  };
}

export function presentGoalsPage(input: {
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  readonly goals: readonly Goal[];
  readonly revision: number;
  /** A refused post: its words back in the right box, with the reason. */
  readonly refused?: { readonly goalId: string | null; readonly text: string; readonly error: string };
}): GoalsView {
  const { base } = input.nav;
  const active = input.goals.filter((g) => g.status === 'active');
  const refusedHere = (goalId: string | null) => (input.refused?.goalId === goalId ? input.refused : undefined);
  return {
    nav: input.nav,
    notice: input.notice,
    revision: input.revision,
    active: active.map((g) => {
      const last = g.ratings.at(-1);
      const refused = refusedHere(g.id);
      return {
        id: g.id,
        text: currentWording(g),
        last: last ? { value: last.rating, at: last.ratedAt } : null,
        earlier: g.wordings
          .slice(0, -1)
          .reverse()
          .map((w) => w.text),
        rewordAction: `${base}/goals/${g.id}/reword`,
        retireAction: `${base}/goals/${g.id}/retire`,
        value: refused?.text ?? currentWording(g),
        error: refused?.error,
      };
    }),
    add:
      active.length >= 3
        ? null
        : {
            action: `${base}/goals`,
            value: refusedHere(null)?.text ?? '',
            error: refusedHere(null)?.error,
          },
    full: 'You have three goals. To add a new one, put one away first.',
    retired: input.goals
      .filter((g) => g.status === 'retired')
      .map((g) => ({ text: currentWording(g), retiredAt: g.retiredAt ?? g.createdAt })),
  };
}

const REAL_CHANGE =
  'Scores go up and down a bit by chance, the way you can feel a little different from one day to the next. We call it a real change only when a score moves by more than chance can explain. On your charts, a ring marks a real change.';

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

/** A chart of one measure's totals in the home's episode, with its real change from the stored signal. */
function measureSeries(
  instrumentId: string,
  responses: readonly MeasureResponse[],
  signals: readonly ClientSignal[],
  library: InstrumentLibrary,
): Omit<ProgressSeriesView, 'notes' | 'noteForm'> | null {
  const scored = responses.filter(
    (r): r is MeasureResponse & { total: number } =>
      r.instrumentId === instrumentId && r.status === 'complete' && r.total !== null,
  );
  const def = library.get(instrumentId)?.definition;
  const range = def ? totalRange(def) : undefined;
  if (!def || !range || scored.length === 0) return null;
  const interp = def.interpretation;
  const relationship = instrumentId === DEFAULT_INSTRUMENT_ID;
  const lowerBetter = interp.direction === 'higher-is-worse';
  const about = relationship
    ? 'Your numbers after each session, from 0 to 10. Higher means the session felt better for you.'
    : `Your score on the ${def.shortTitle} form. On this one, ${lowerBetter ? 'lower' : 'higher'} is better.`;
  const rc = signals.find(
    (s): s is Extract<ClientSignal, { kind: 'reliable-change' }> =>
      s.kind === 'reliable-change' && s.instrumentId === instrumentId,
  );
  const change = rc
    ? `Since your first score it has gone ${rc.change < 0 ? 'down' : 'up'} by ${fmt(Math.abs(rc.change))}. That is more than the ${fmt(rc.reliableChangeValue)} that chance can explain, so it is a real change${rc.direction === 'improved' ? ' for the better' : '. It is worth talking about with your counsellor'}.`
    : interp.kind !== 'published' || reliableChangeFor(def, {}) === undefined
      ? 'This one has no rule for a real change. Look at how it goes over time.'
      : scored.length < 2
        ? 'One score so far. After a few more you will see a line.'
        : 'It has not moved more than chance yet. That is fine: change can take time.';
  return {
    id: `m-${instrumentId}`,
    title: relationship ? 'How our sessions feel' : def.shortTitle,
    about,
    points: scored.map((r) => ({ at: r.savedAt, value: r.total })),
    min: range.min,
    max: range.max,
    marks: rc ? [scored.length - 1] : [],
    change,
  };
}

/** A chart of one goal's ratings, with its real change by the goal-based outcomes value. */
function goalSeries(goal: Goal, library: InstrumentLibrary): Omit<ProgressSeriesView, 'notes' | 'noteForm'> | null {
  if (goal.ratings.length === 0) return null;
  const def = library.get(GOALS_INSTRUMENT_ID)?.definition;
  const rcv = def ? reliableChangeFor(def, {})?.value : undefined;
  const moved = rcv === undefined ? null : goalChange(goal.ratings, rcv);
  const change =
    moved === null
      ? 'One number so far. After a few more you will see a line.'
      : moved.reliable
        ? `Since you first rated it, this goal has gone ${moved.direction} by ${String(Math.abs(moved.change))}. That is more than chance, so it is a real change${moved.direction === 'up' ? '. Well done' : '. It may help to talk about it'}.`
        : 'It has not moved more than chance yet. That is fine: change can take time.';
  return {
    id: `g-${goal.id}`,
    title: `Goal: ${currentWording(goal)}`,
    about: 'How close you are to this goal, from 0 (not started) to 10 (done).',
    points: goal.ratings.map((r) => ({ at: r.ratedAt, value: r.rating })),
    min: 0,
    max: 10,
    marks: moved?.reliable ? [goal.ratings.length - 1] : [],
    change,
  };
}

export function presentProgressPage(input: {
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  readonly responses: readonly MeasureResponse[];
  readonly signals: readonly ClientSignal[];
  readonly goals: readonly Goal[];
  readonly notes: readonly ProgressNote[];
  readonly revision: number;
  readonly library: InstrumentLibrary;
  /** A refused note: its words back, with the reason. */
  readonly refused?: {
    readonly series: string;
    readonly text: string;
    readonly shared: boolean;
    readonly error: string;
  };
}): ProgressView {
  const instrumentIds = [...new Set(input.responses.map((r) => r.instrumentId))];
  // The relationship check first, then the other forms, then the goals.
  instrumentIds.sort((a, b) => Number(b === DEFAULT_INSTRUMENT_ID) - Number(a === DEFAULT_INSTRUMENT_ID));
  const charts = [
    ...instrumentIds.map((id) => ({
      key: seriesKey({ kind: 'measure', instrumentId: id }),
      chart: measureSeries(id, input.responses, input.signals, input.library),
    })),
    ...input.goals.map((g) => ({
      key: seriesKey({ kind: 'goal', goalId: g.id }),
      chart: goalSeries(g, input.library),
    })),
  ];
  return {
    nav: input.nav,
    notice: input.notice,
    realChange: REAL_CHANGE,
    honesty: presentHonesty(input.responses, input.library),
    series: charts.flatMap(({ key, chart }) => {
      if (!chart) return [];
      const refused = input.refused?.series === key ? input.refused : undefined;
      const valueAt = (at: string): number | null => chart.points.find((p) => p.at === at)?.value ?? null;
      return [
        {
          ...chart,
          notes: input.notes
            .filter((n) => n.series === key)
            .map((n) => ({
              at: n.pointAt,
              value: valueAt(n.pointAt),
              text: n.text,
              shared: n.visibility === 'shared',
            })),
          noteForm: {
            action: `${input.nav.base}/notes`,
            series: key,
            revision: input.revision,
            points: chart.points.map((p, i) => ({ at: p.at, value: p.value, selected: i === chart.points.length - 1 })),
            text: refused?.text ?? '',
            shared: refused?.shared ?? false,
            error: refused?.error,
          },
        },
      ];
    }),
  };
}

/** The latest version the client agreed, in the words they read. */
export function presentHomeAgreement(nav: HomeNavView, contracts: readonly ContractVersion[]): HomeAgreementView {
  const agreed = latestAgreed(contracts);
  if (!agreed) return { nav, status: 'There is no agreement here yet.', sections: [] };
  const when = agreed.agreements.find((a) => a.role === 'client')?.agreedAt ?? agreed.createdAt;
  const newer = (contracts.at(-1)?.version ?? 0) > agreed.version;
  return {
    nav,
    status: `You agreed to this on ${formatDate(when)}.${newer ? ' A new version is waiting for you: use the link your counsellor sent.' : ''}`,
    sections: presentSections(agreed.body).map((s) => ({ title: s.title, text: s.text })),
  };
}
