import {
  BOUNDARY_KIND_LABELS,
  MODALITY_LABELS,
  TIMELINE_RULES,
  currentWording,
  type ClientSignal,
  type ClientSignalKind,
  type ContractEvent,
  type Goal,
  type TimelineEntry,
  type TimelineSession,
  type TimelineStage,
} from '@rapport/core';
import { formatDate } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';

/**
 * The timeline in words, shared by the page and the PDF report so both say the same thing.
 * Nothing here reads a note or a description: the report can use every line as it is.
 */

/** A calendar day (`YYYY-MM-DD`) as read. Noon keeps it on the same day in UK time. */
export const dayText = (day: string): string => formatDate(`${day}T12:00:00.000Z`);

export const TIMELINE_RULES_TEXT = `Stages follow Rapport’s own conventions, not a published standard: contracting is everything before the first attended session; the early sessions are sessions 1 to ${String(TIMELINE_RULES.earlySessions)}; after them a review point falls every ${String(TIMELINE_RULES.reviewEvery)} sessions, and sooner at the first session on or after a signal is raised (signals in the early sessions are reviewed at session ${String(TIMELINE_RULES.earlySessions)}). Only attended sessions are counted. A day between sessions is listed with the session that follows it.`;

/** Short names for a summary line; a kind added later reads as its own name until it gets one. */
const SIGNAL_NAMES: Readonly<Partial<Record<ClientSignalKind, string>>> = {
  flag: 'a flag',
  'reliable-change': 'a reliable change',
  rupture: 'a rupture',
  stuck: 'stuck',
  'not-on-track': 'not on track',
  divergence: 'divergent views',
  'unconfirmed-phone-entry': 'an unconfirmed phone entry',
};

/** A total as read: at most one decimal (a mean of seven items is not worth fifteen digits). */
export const totalText = (total: number): string => String(Math.round(total * 10) / 10);

const count = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;
const signalList = (signals: readonly ClientSignal[]): string =>
  `${count(signals.length, 'signal')} (${[...new Set(signals.map((s) => SIGNAL_NAMES[s.kind] ?? s.kind))].join(', ')})`;

const span = (s: { readonly first: number; readonly last: number } | null): string =>
  s === null ? '' : s.first === s.last ? `Session ${String(s.first)}` : `Sessions ${String(s.first)}–${String(s.last)}`;

/** The stage's heading. */
export function stageTitle(stage: TimelineStage<ClientSignal>): string {
  switch (stage.kind) {
    case 'contracting':
      return 'Contracting';
    case 'early':
      return `Early sessions${stage.sessions ? ` (${span(stage.sessions).toLowerCase()})` : ''}`;
    case 'block':
      if (stage.review) {
        return `${span(stage.sessions) || 'Sessions'}: review at session ${String(stage.review.session)}`;
      }
      return stage.sessions ? `${span(stage.sessions)}: since the last review` : 'Since the latest session';
    case 'ending':
      return 'Ending';
    case 'follow-up':
      return 'Follow-up';
  }
}

/** One sentence on what the stage holds and why it ends where it does. */
export function stageSummary(stage: TimelineStage<ClientSignal>): string {
  switch (stage.kind) {
    case 'contracting': {
      const events = stage.entries.flatMap((e) => e.contract);
      const offered = events.filter((c) => c.kind === 'offered').length;
      const agreed = events.find((c) => c.kind === 'agreed' && c.role === 'client');
      if (offered === 0) return 'Before the first session. No contract was offered before it.';
      return `Before the first session: ${count(offered, 'contract version')} offered${agreed ? `, agreed by the client on ${dayText(agreed.at.slice(0, 10))}` : ', not yet agreed'}.`;
    }
    case 'early':
    case 'block': {
      const parts: string[] = [];
      if (stage.review) {
        const why = [
          ...(stage.review.scheduled
            ? [`the regular review point (every ${String(TIMELINE_RULES.reviewEvery)} sessions)`]
            : []),
          ...(stage.review.signals.length > 0
            ? [`${signalList(stage.review.signals)} raised since the last review`]
            : []),
        ];
        parts.push(
          `Review at session ${String(stage.review.session)} on ${dayText(stage.review.day)}: ${why.join(', and ')}.`,
        );
      } else {
        parts.push(
          stage.kind === 'early'
            ? 'Under way: the frame and the relationship are taking shape.'
            : `Under way. The next regular review is at session ${String(stage.nextReview ?? '')}.`,
        );
        if (stage.due.length > 0) parts.push(`${signalList(stage.due)} to review at the next session.`);
      }
      return parts.join(' ');
    }
    case 'ending':
      return stage.status === 'open'
        ? 'Open: the episode has not ended.'
        : `Ended on ${dayText(stage.endedOn)}${stage.label ? ` (${stage.label})` : ''}.`;
    case 'follow-up':
      if (stage.status === 'not-yet') return 'After the ending.';
      if (stage.followUpOn) return `Follow-up planned for ${dayText(stage.followUpOn)}.`;
      return stage.entries.length > 0 ? 'After the ending.' : 'Nothing recorded after the ending.';
  }
}

const sessionText = (s: TimelineSession): string => {
  const how = MODALITY_LABELS[s.modality].toLowerCase();
  if (s.number === null) {
    return `${MODALITY_LABELS[s.modality]} session: ${s.attendance === 'cancelled' ? 'cancelled' : 'did not attend'}`;
  }
  return `Session ${String(s.number)}: ${how}, attended${s.minutes === null ? '' : ` (${String(s.minutes)} min)`}`;
};

/** The day's sessions, or "Between sessions". */
export const entryHeading = (e: TimelineEntry<ClientSignal>): string =>
  e.sessions.length === 0 ? 'Between sessions' : e.sessions.map(sessionText).join('; ');

const contractText = (c: ContractEvent): string => {
  switch (c.kind) {
    case 'offered':
      return `Contract version ${String(c.version)} offered`;
    case 'asked':
      return `The client asked a question about version ${String(c.version)}`;
    case 'agreed':
      return c.role === 'client'
        ? `Version ${String(c.version)} agreed by the client`
        : `Version ${String(c.version)} acknowledged by a parent or carer`;
  }
};

const MOMENT_WORDS = {
  'check-in': 'before the session',
  'check-out': 'after the session',
  deferred: 'the next day',
} as const;

/** Goals by number, as the charts name them. */
export const goalLabel = (goals: readonly Goal[], goalId: string): string => {
  const i = goals.findIndex((g) => g.id === goalId);
  return i === -1 ? 'A goal' : `Goal ${String(i + 1)}`;
};

/** The goals in the client's words, for the page only (the report keeps to numbers). */
export const goalNames = (goals: readonly Goal[]): { label: string; text: string }[] =>
  goals.map((g, i) => ({ label: `Goal ${String(i + 1)}`, text: currentWording(g) }));

/** The day's facts as plain lines: contract events, measures, goal ratings, boundary events. */
export function entryFacts(
  e: TimelineEntry<ClientSignal>,
  ctx: {
    readonly library: InstrumentLibrary;
    readonly goals: readonly Goal[];
    readonly clauseTitles: ReadonlyMap<string, string>;
  },
): string[] {
  const name = (id: string): string => ctx.library.get(id)?.definition.shortTitle ?? id;
  return [
    ...e.contract.map(contractText),
    ...e.measures.map(
      (m) =>
        `${name(m.instrumentId)}: ${m.total === null ? 'answered (no total)' : totalText(m.total)}, ${MOMENT_WORDS[m.moment]}`,
    ),
    ...e.goalRatings.map((g) => `${goalLabel(ctx.goals, g.goalId)} rated ${String(g.rating)} out of 10`),
    ...e.boundaries.map((b) => {
      const clause = b.clauseId === null ? undefined : ctx.clauseTitles.get(b.clauseId);
      return `Boundary event: ${BOUNDARY_KIND_LABELS[b.kind]}${clause ? `, touching “${clause}”` : ''}`;
    }),
  ];
}
