import { calendarDayOf, entriesByDay, type TimelineFacts, type TimelineEntry } from './entries.js';

/**
 * An episode told through its stages: contracting, the early sessions, blocks of sessions
 * each closed by a review point, the ending and the follow-up. The stage rules are Rapport's
 * own working conventions, not a published standard:
 *
 * - contracting: everything before the first attended session (the contract offered, asked
 *   about and agreed; answers given before meeting);
 * - early sessions: attended sessions 1 to 3, when the frame and the relationship are formed;
 * - review points: from session 4, every 6th attended session (6, 12, 18 …), and sooner at the
 *   first session on or after a signal was raised (a signal during the early sessions is
 *   reviewed at session 3);
 * - ending: the day the episode ended; follow-up: anything after it.
 *
 * A day between two sessions belongs with the session that follows it, so a review point
 * looks back over everything since the previous one.
 */
export const TIMELINE_RULES = {
  /** Attended sessions counted as the early sessions. */
  earlySessions: 3,
  /** A review point falls on every attended session that is a multiple of this. */
  reviewEvery: 6,
} as const;

/** Why a review point falls where it does. */
export interface ReviewPoint<S> {
  /** The attended session the review falls on. */
  readonly session: number;
  readonly day: string;
  /** It is one of the regular review points (every `reviewEvery` sessions). */
  readonly scheduled: boolean;
  /** The signals raised since the previous review point, which bring a review forward. */
  readonly signals: readonly S[];
}

interface StageBase<S> {
  readonly entries: readonly TimelineEntry<S>[];
  /** The attended sessions the stage covers, by number; null when it has none. */
  readonly sessions: { readonly first: number; readonly last: number } | null;
}

/**
 * A block of sessions: the early sessions, or the sessions up to a review point. The last
 * block may still be under way: then `review` is null and `due` holds the signals raised in it
 * that the next session should review.
 */
export type SessionStage<S> = StageBase<S> & {
  readonly kind: 'early' | 'block';
  readonly review: ReviewPoint<S> | null;
  readonly due: readonly S[];
  /** The next regular review point, for a block still under way. */
  readonly nextReview: number | null;
};

/** What the endings record says about the episode, when there is one. */
export interface TimelineEnding {
  readonly endedOn: string;
  /** A label for how it ended (e.g. "Planned ending"), when recorded. */
  readonly label: string | null;
  /** The day a follow-up is planned for, when one is. */
  readonly followUpOn: string | null;
}

export type TimelineStage<S> =
  | (StageBase<S> & { readonly kind: 'contracting' })
  | SessionStage<S>
  | (StageBase<S> & { readonly kind: 'ending'; readonly status: 'open' })
  | (StageBase<S> & {
      readonly kind: 'ending';
      readonly status: 'ended';
      readonly endedOn: string;
      readonly label: string | null;
    })
  | (StageBase<S> & {
      readonly kind: 'follow-up';
      readonly status: 'not-yet' | 'after-ending';
      readonly followUpOn: string | null;
    });

export interface Timeline<S> {
  /** In order: contracting, early sessions, blocks, ending, follow-up. */
  readonly stages: readonly TimelineStage<S>[];
  readonly attendedSessions: number;
}

export interface TimelineEpisode {
  readonly openedAt: string;
  readonly closedAt: string | null;
}

const span = <S>(entries: readonly TimelineEntry<S>[]): StageBase<S>['sessions'] => {
  const numbers = entries.flatMap((e) => e.sessions.flatMap((s) => (s.number === null ? [] : [s.number])));
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  return first === undefined || last === undefined ? null : { first, last };
};

const signalsIn = <S>(entries: readonly TimelineEntry<S>[]): S[] => entries.flatMap((e) => e.signals);

/**
 * The episode's stages with everything that happened in each, oldest first.
 *
 * @example timelineOf({ openedAt, closedAt: null }, facts, null).stages.map((s) => s.kind)
 * // → ['contracting', 'early', 'block', 'ending', 'follow-up'] for an open episode of 8 sessions
 */
export function timelineOf<S extends { readonly at: string }>(
  episode: TimelineEpisode,
  facts: TimelineFacts<S>,
  ending: TimelineEnding | null,
): Timeline<S> {
  const entries = entriesByDay(facts);
  const endedOn = ending?.endedOn ?? (episode.closedAt === null ? null : calendarDayOf(episode.closedAt));
  const during = endedOn === null ? entries : entries.filter((e) => e.day < endedOn);
  const attended = during.flatMap((e) => e.sessions.filter((s) => s.number !== null).map(() => e.day));
  const firstDay = attended[0];
  const contracting = firstDay === undefined ? during : during.filter((e) => e.day < firstDay);
  const rest = firstDay === undefined ? [] : during.filter((e) => e.day >= firstDay);

  // Each day goes with the first attended session on or after it; days after the latest go last.
  const periods: TimelineEntry<S>[][] = attended.map(() => []);
  const after: TimelineEntry<S>[] = [];
  for (const e of rest) {
    const i = attended.findIndex((d) => d >= e.day);
    (i === -1 ? after : (periods[i] ?? after)).push(e);
  }

  const stages: TimelineStage<S>[] = [{ kind: 'contracting', entries: contracting, sessions: null }];
  const { earlySessions, reviewEvery } = TIMELINE_RULES;
  let block: TimelineEntry<S>[] = [];
  const close = (kind: SessionStage<S>['kind'], n: number, scheduled: boolean): void => {
    const signals = signalsIn(block);
    stages.push({
      kind,
      entries: block,
      sessions: span(block),
      review: { session: n, day: attended[n - 1] ?? '', scheduled, signals },
      due: [],
      nextReview: null,
    });
    block = [];
  };
  periods.forEach((p, i) => {
    const n = i + 1;
    block.push(...p);
    if (n === earlySessions) {
      if (signalsIn(block).length > 0) close('early', n, false);
      else {
        stages.push({ kind: 'early', entries: block, sessions: span(block), review: null, due: [], nextReview: null });
        block = [];
      }
    } else if (n > earlySessions && (n % reviewEvery === 0 || signalsIn(block).length > 0)) {
      close('block', n, n % reviewEvery === 0);
    }
  });
  block.push(...after);
  const n = attended.length;
  if (n > 0 && (n < earlySessions || block.length > 0)) {
    stages.push({
      kind: n < earlySessions ? 'early' : 'block',
      entries: block,
      sessions: span(block),
      review: null,
      due: signalsIn(block),
      nextReview: n < earlySessions ? null : (Math.floor(n / reviewEvery) + 1) * reviewEvery,
    });
  }

  if (endedOn === null) {
    stages.push({ kind: 'ending', status: 'open', entries: [], sessions: null });
    stages.push({ kind: 'follow-up', status: 'not-yet', followUpOn: null, entries: [], sessions: null });
  } else {
    const onTheDay = entries.filter((e) => e.day === endedOn);
    const later = entries.filter((e) => e.day > endedOn);
    stages.push({
      kind: 'ending',
      status: 'ended',
      endedOn,
      label: ending?.label ?? null,
      entries: onTheDay,
      sessions: span(onTheDay),
    });
    stages.push({
      kind: 'follow-up',
      status: 'after-ending',
      followUpOn: ending?.followUpOn ?? null,
      entries: later,
      sessions: span(later),
    });
  }
  const total = entries.reduce((k, e) => k + e.sessions.filter((x) => x.number !== null).length, 0);
  return { stages, attendedSessions: total };
}
