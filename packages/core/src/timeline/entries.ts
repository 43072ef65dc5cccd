import type { AgreementRole } from '../frame/records.js';
import type { NoteVisibility } from '../home/notes.js';
import { sessionDayOf, type AdministrationMoment } from '../measures/administration.js';
import type { BoundaryKind } from '../record/boundary.js';
import type { Attendance, SessionModality } from '../record/session.js';

/**
 * The facts of one episode, gathered day by day for its timeline. Only what the timeline
 * shows is asked for: no session note, no boundary description, and a client's note only
 * when they shared it.
 */

/** One recorded session. `heldOn` is a calendar day, `YYYY-MM-DD`. */
export interface TimelineSessionFacts {
  readonly id: string;
  readonly heldOn: string;
  readonly modality: SessionModality;
  readonly attendance: Attendance;
  readonly minutes: number | null;
}

/** One contract version, with what happened to it. */
export interface TimelineContractFacts {
  readonly version: number;
  readonly createdAt: string;
  readonly agreements: readonly { readonly role: AgreementRole; readonly agreedAt: string }[];
  readonly questions: readonly { readonly askedAt: string }[];
}

/** One response to a measure; drafts are passed in too and left out here (they were never scored). */
export interface TimelineResponseFacts {
  readonly instrumentId: string;
  readonly moment: AdministrationMoment;
  readonly status: 'complete' | 'draft';
  readonly at: string;
  readonly total: number | null;
}

export interface TimelineGoalFacts {
  readonly id: string;
  readonly ratings: readonly { readonly rating: number; readonly ratedAt: string }[];
}

/** A client's note on a point of a chart; `series` is core's `seriesKey`. */
export interface TimelineNoteFacts {
  readonly series: string;
  readonly pointAt: string;
  readonly text: string;
  readonly visibility: NoteVisibility;
}

export interface TimelineBoundaryFacts {
  readonly id: string;
  readonly kind: BoundaryKind;
  readonly occurredOn: string;
  readonly clauseId: string | null;
}

export type ContractEvent =
  | { readonly kind: 'offered'; readonly version: number; readonly at: string }
  | { readonly kind: 'agreed'; readonly version: number; readonly at: string; readonly role: AgreementRole }
  | { readonly kind: 'asked'; readonly version: number; readonly at: string };

/** A session as the timeline shows it: `number` counts attended sessions (null for a missed or cancelled one). */
export type TimelineSession = TimelineSessionFacts & { readonly number: number | null };

/** Everything that happened on one day of the episode. */
export interface TimelineEntry<S> {
  readonly day: string;
  readonly sessions: readonly TimelineSession[];
  readonly contract: readonly ContractEvent[];
  readonly measures: readonly {
    readonly instrumentId: string;
    readonly total: number | null;
    readonly moment: AdministrationMoment;
    readonly at: string;
  }[];
  readonly goalRatings: readonly { readonly goalId: string; readonly rating: number; readonly at: string }[];
  /** Shared notes only: a private note never reaches an entry. */
  readonly notes: readonly { readonly series: string; readonly pointAt: string; readonly text: string }[];
  readonly boundaries: readonly TimelineBoundaryFacts[];
  readonly signals: readonly S[];
}

/** The calendar day of a time, as Rapport files answers (UTC, like `sessionDayOf`). */
export const calendarDayOf = (iso: string): string => iso.slice(0, 10);

type Lists<S> = Omit<TimelineEntry<S>, 'day'>;
/** An entry while it is being filled: the same lists, writable. */
type MutableEntry<S> = { readonly day: string } & { -readonly [K in keyof Lists<S>]: Lists<S>[K][number][] };

export interface TimelineFacts<S> {
  readonly sessions: readonly TimelineSessionFacts[];
  readonly contracts: readonly TimelineContractFacts[];
  readonly responses: readonly TimelineResponseFacts[];
  readonly goals: readonly TimelineGoalFacts[];
  readonly notes: readonly TimelineNoteFacts[];
  readonly boundaries: readonly TimelineBoundaryFacts[];
  readonly signals: readonly S[];
}

/** Attended sessions numbered in the order they were held; the rest are listed without a number. */
export function numberSessions(sessions: readonly TimelineSessionFacts[]): TimelineSession[] {
  const ordered = [...sessions].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  let n = 0;
  return ordered.map((s) => ({ ...s, number: s.attendance === 'attended' ? ++n : null }));
}

/** Every fact of the episode on the day it belongs to, oldest day first. */
export function entriesByDay<S extends { readonly at: string }>(facts: TimelineFacts<S>): TimelineEntry<S>[] {
  const days = new Map<string, MutableEntry<S>>();
  const on = (day: string): MutableEntry<S> => {
    let e = days.get(day);
    if (!e) {
      e = { day, sessions: [], contract: [], measures: [], goalRatings: [], notes: [], boundaries: [], signals: [] };
      days.set(day, e);
    }
    return e;
  };
  for (const s of numberSessions(facts.sessions)) on(s.heldOn).sessions.push(s);
  for (const c of facts.contracts) {
    on(calendarDayOf(c.createdAt)).contract.push({ kind: 'offered', version: c.version, at: c.createdAt });
    for (const q of c.questions) {
      on(calendarDayOf(q.askedAt)).contract.push({ kind: 'asked', version: c.version, at: q.askedAt });
    }
    for (const a of c.agreements) {
      on(calendarDayOf(a.agreedAt)).contract.push({ kind: 'agreed', version: c.version, at: a.agreedAt, role: a.role });
    }
  }
  // An answer belongs to its session's day: a next-day rating to the day before (`sessionDayOf`).
  const answeredOn = new Map<string, string>();
  for (const r of facts.responses) {
    if (r.status !== 'complete') continue;
    const day = sessionDayOf(r.at, r.moment);
    answeredOn.set(r.at, day);
    on(day).measures.push({ instrumentId: r.instrumentId, total: r.total, moment: r.moment, at: r.at });
  }
  for (const g of facts.goals) {
    for (const r of g.ratings) {
      on(calendarDayOf(r.ratedAt)).goalRatings.push({ goalId: g.id, rating: r.rating, at: r.ratedAt });
    }
  }
  for (const n of facts.notes) {
    // Defence in depth: the caller loads shared notes only, and a private one is dropped here too.
    if (n.visibility !== 'shared') continue;
    const day = answeredOn.get(n.pointAt) ?? calendarDayOf(n.pointAt);
    on(day).notes.push({ series: n.series, pointAt: n.pointAt, text: n.text });
  }
  for (const b of facts.boundaries) on(b.occurredOn).boundaries.push(b);
  for (const s of facts.signals) on(calendarDayOf(s.at)).signals.push(s);
  const byTime = <T extends { readonly at: string }>(list: T[]): T[] => list.sort((a, b) => a.at.localeCompare(b.at));
  return [...days.values()]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((e) => ({
      ...e,
      contract: byTime(e.contract),
      measures: byTime(e.measures),
      goalRatings: byTime(e.goalRatings),
      notes: e.notes.sort((a, b) => a.pointAt.localeCompare(b.pointAt)),
    }));
}
