import {
  SIGNAL_DESCRIPTIONS,
  deidentifyCase,
  isSignalType,
  signalMark,
  totalRange,
  type AgendaItem,
  type CaseRecord,
  type ClientSignal,
} from '@rapport/core';
import type { AgendaItemView, SupervisedCaseView } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentBadges, presentSignal } from '../measures/present-signals.js';

/**
 * The therapist's agenda form, filled in with an episode and, when the guide knows the signal's
 * kind (a rupture, stuck, not on track, divergence), the signal: "Bring to supervision".
 */
export const supervisionHref = (episodeId: string, kind: ClientSignal['kind']): string =>
  `/supervision?episode=${encodeURIComponent(episodeId)}${isSignalType(kind) ? `&signal=${kind}` : ''}#bring`;

/**
 * What a supervisor sees of one client. The record goes through core's `deidentifyCase` first,
 * so this presenter never holds a display name, an answer or a draft to leak; signals are
 * presented without their episode, so no link leads into the client record.
 */
export function presentSupervisedCase(record: CaseRecord, library: InstrumentLibrary): SupervisedCaseView {
  const seen = deidentifyCase(record);
  // Risk first, as on the therapist's own page.
  const ordered: ClientSignal[] = [
    ...seen.signals.filter((s) => s.kind === 'flag' && s.flag === 'risk'),
    ...seen.signals.filter((s) => !(s.kind === 'flag' && s.flag === 'risk')),
  ];
  return {
    code: seen.code,
    openedAt: seen.openedAt,
    badges: presentBadges(seen.signals.map(signalMark)),
    signals: ordered.map((s) => presentSignal(s, library)),
    charts: seen.series.flatMap((series) => {
      const def = library.get(series.instrumentId)?.definition;
      const range = def ? totalRange(def) : undefined;
      if (!def || !range) return [];
      return [
        {
          id: series.instrumentId,
          title: def.shortTitle,
          min: range.min,
          max: range.max,
          points: series.scores.map((p) => ({ at: p.at, value: p.total })),
        },
      ];
    }),
  };
}

/** One agenda item for the therapist who brought it (`viewer: 'bringer'`) or for their supervisor. */
export function presentAgendaItem(item: AgendaItem, viewer: 'bringer' | 'supervisor'): AgendaItemView {
  const open = item.status === 'open';
  return {
    id: item.id,
    code: item.clientCode,
    question: item.question,
    signal: item.signal ? SIGNAL_DESCRIPTIONS[item.signal].title : null,
    // The entry's text never travels: the supervisor learns only that one is linked.
    journal:
      item.journalEntryId === null
        ? null
        : viewer === 'bringer'
          ? { text: 'Your journal entry on this', href: `/journal/${item.journalEntryId}` }
          : { text: 'Linked to an entry in their journal (private to them).', href: null },
    status: item.status,
    createdAt: item.createdAt,
    discussedAt: item.discussedAt,
    canMarkDiscussed: open,
    canWithdraw: open && viewer === 'bringer',
  };
}
