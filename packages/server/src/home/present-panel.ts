import {
  GOALS_INSTRUMENT_ID,
  currentWording,
  goalChange,
  parseSeriesKey,
  reliableChangeFor,
  type Goal,
} from '@rapport/core';
import type { HomeLinkStatus, ProgressNote } from '@rapport/storage';
import { formatDate as day, type ClientHomePanelView } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';

function linkStatus(status: HomeLinkStatus | null): string {
  if (!status) return 'No home link yet. Give one so the client can set goals, rate them and see their progress.';
  if (status.revokedAt) return `The home link was stopped on ${day(status.revokedAt)}. Give a new one to reopen it.`;
  const pin = status.secretSet ? 'the client has chosen a PIN' : 'the client has not opened it yet';
  const opened = status.lastOpenedAt ? `; last opened ${day(status.lastOpenedAt)}` : '';
  return `Home link given on ${day(status.issuedAt)}: ${pin}${opened}.`;
}

/** What a shared note is about, for the therapist: the chart and the point's day. */
function noteAbout(note: ProgressNote, goals: readonly Goal[], library: InstrumentLibrary): string {
  const series = parseSeriesKey(note.series);
  let about = 'A chart';
  if (series.ok && series.value.kind === 'measure') {
    const id = series.value.instrumentId;
    about = library.get(id)?.definition.shortTitle ?? id;
  } else if (series.ok && series.value.kind === 'goal') {
    const id = series.value.goalId;
    const goal = goals.find((g) => g.id === id);
    about = goal ? `Goal “${currentWording(goal)}”` : 'A goal';
  }
  return `${about}, ${day(note.pointAt)}`;
}

/**
 * The client's home on the therapist's client page. It is given the shared notes only
 * (`listSharedNotes`): a private note cannot reach this view because it is never loaded.
 */
export function presentHomePanel(input: {
  readonly episodeId: string;
  readonly status: HomeLinkStatus | null;
  readonly goals: readonly Goal[];
  readonly sharedNotes: readonly ProgressNote[];
  readonly library: InstrumentLibrary;
}): ClientHomePanelView {
  const live = input.status !== null && input.status.revokedAt === null;
  const def = input.library.get(GOALS_INSTRUMENT_ID)?.definition;
  const rcv = def ? reliableChangeFor(def, {}) : undefined;
  return {
    status: linkStatus(input.status),
    issue: {
      action: `/episodes/${input.episodeId}/home-link`,
      label: live ? 'Give a new home link (the old one stops)' : 'Give a home link',
    },
    revokeAction: live ? `/episodes/${input.episodeId}/home-link/revoke` : null,
    goals: input.goals.map((g) => {
      const moved = rcv ? goalChange(g.ratings, rcv.value) : null;
      return {
        id: g.id,
        text: currentWording(g),
        status: g.status === 'active' ? 'active' : `put away ${day(g.retiredAt ?? g.createdAt)}`,
        earlier: g.wordings.slice(0, -1).map((w) => `“${w.text}” (${day(w.writtenAt)})`),
        ratings: g.ratings.map((r) => ({ at: r.ratedAt, value: r.rating })),
        change:
          moved === null
            ? null
            : `${String(moved.first)} → ${String(moved.latest)} (${moved.change >= 0 ? '+' : ''}${String(moved.change)}): ${
                moved.reliable ? 'a reliable change' : 'within chance'
              } (reliable-change value ${String(rcv?.value)}, ${rcv?.source ?? ''}).`,
      };
    }),
    notes: input.sharedNotes.map((n) => ({
      about: noteAbout(n, input.goals, input.library),
      text: n.text,
      writtenAt: n.writtenAt,
    })),
  };
}
