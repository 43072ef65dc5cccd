import {
  CHANGE_CATEGORY_LABELS,
  ENDING_KINDS,
  ENDING_KIND_LABELS,
  FOLLOW_UP_MONTHS,
  UNPLANNED_REASONS,
  UNPLANNED_REASON_LABELS,
  endingLinkAllowed,
  followUpStatus,
  sessionsRemaining,
  type Ending,
  type EndingLinkPurpose,
  type EpisodeSummary,
  type PracticeOutcomes,
  type Proportion,
} from '@rapport/core';
import type { StoredEnding } from '@rapport/storage';
import {
  formatDate,
  formatDay,
  preparationLine,
  type EndingLinkView,
  type EndingPanelView,
  type EndingRowView,
  type FormError,
  type OutcomeFigureView,
  type SelectOption,
} from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';
import { ukToday } from '../record/context.js';

/**
 * Presenters of endings: the only way ending data reaches a page. They choose the words; the
 * rules (what may be sent, how a change is classified, what counts) are core's.
 */

const choice = (value: string, label: string, chosen: string | undefined): SelectOption => ({
  value,
  label,
  selected: value === chosen,
});

/** What is agreed about an open episode's ending, as the therapist reads it; null when nothing is. */
export function preparationText(e: StoredEnding): string | null {
  const p = e.preparation;
  if (!p || e.status !== 'open') return null;
  const left = p.sessionsLeft === null ? null : sessionsRemaining(p.sessionsLeft, p.attendedSince);
  return `${preparationLine({ sessionsLeft: left, endOn: p.endOn }, 'therapist')} Agreed on ${formatDay(p.agreedOn)}.`;
}

/** How an episode ended, in one sentence. */
export function endingText(ending: Ending | null, closedAt: string | null): string {
  if (!ending) return closedAt ? `Closed on ${formatDate(closedAt)} with no ending recorded.` : 'Still open.';
  const on = formatDay(ending.endedOn);
  return ending.kind === 'planned'
    ? `${ENDING_KIND_LABELS.planned} on ${on}.`
    : `${ENDING_KIND_LABELS.unplanned} on ${on}: ${UNPLANNED_REASON_LABELS[ending.reason].toLowerCase()}.`;
}

/** The ending on the client's page: the open episode's agreement, and each ended episode. */
export function presentEndingPanel(endings: readonly StoredEnding[], today: string): EndingPanelView {
  const open = endings.find((e) => e.status === 'open');
  return {
    open: open ? { href: `/episodes/${open.episodeId}/ending`, preparation: preparationText(open) } : null,
    ended: endings
      .filter((e) => e.status === 'closed')
      .map((e) => ({
        text: endingText(e.ending, e.closedAt),
        href: `/episodes/${e.episodeId}/ending`,
        summaryHref: `/episodes/${e.episodeId}/ending/summary`,
        followUpDue: followUpStatus(e.followUp, today) === 'due',
      })),
  };
}

/** Where a sent link stands. */
function linkStatus(link: StoredEnding['review'], now: string, none: string): string {
  if (!link) return none;
  const sent = `Sent on ${formatDate(link.issuedAt)}`;
  if (link.usedAt) return `${sent}; answered on ${formatDate(link.usedAt)}. Its answers are in the ending summary.`;
  if (link.expiresAt <= now) return `${sent}; the link expired unanswered.`;
  return `${sent}; waiting for the client (the link works until ${formatDate(link.expiresAt)}).`;
}

/** The state core's rule reads, from a stored ending. */
const linkState = (e: StoredEnding, today: string) => ({
  episode: e.status,
  ending: e.ending,
  reviewAnswered: e.review?.usedAt != null,
  checkInSent: e.checkIn !== null,
  followUp: e.followUp,
  today,
});

const canSend = (purpose: EndingLinkPurpose, e: StoredEnding, today: string): boolean =>
  endingLinkAllowed(purpose, linkState(e, today)).ok;

/** The ending page's sections that depend on where the ending stands. */
export function presentEndingSections(
  e: StoredEnding,
  input: {
    readonly today: string;
    readonly now: string;
    readonly library: InstrumentLibrary;
    /** The measure a follow-up sends unless another is chosen: the episode's outcome measure. */
    readonly outcomeMeasure: string | null;
    readonly fields: Readonly<Record<string, string>>;
    readonly errors: { readonly prepare?: FormError; readonly end?: FormError; readonly followUp?: FormError };
  },
) {
  const { today, now, fields, errors } = input;
  const base = `/episodes/${e.episodeId}/ending`;
  const p = e.preparation;
  const left = p?.sessionsLeft == null ? null : sessionsRemaining(p.sessionsLeft, p.attendedSince);
  const open = e.status === 'open';
  const review: EndingLinkView | null =
    open || e.ending?.kind === 'planned'
      ? {
          action: `${base}/review`,
          status: linkStatus(e.review, now, 'Not sent yet.'),
          canSend: canSend('review', e, today),
          button: e.review ? 'Send a new review link' : 'Create the ending review link',
        }
      : null;
  const checkIn: EndingLinkView | null =
    e.ending?.kind === 'unplanned'
      ? {
          action: `${base}/check-in`,
          status: linkStatus(e.checkIn, now, 'Not sent. Whether to send it is your choice.'),
          canSend: canSend('check-in', e, today),
          button: 'Create the check-in link',
        }
      : null;
  const status = followUpStatus(e.followUp, today);
  const f = e.followUp;
  const followUpText =
    !f || status === 'none'
      ? 'No follow-up chosen.'
      : status === 'sent'
        ? linkStatus(f.link, now, '')
        : `${status === 'due' ? 'Due since' : 'Due on'} ${formatDay(f.dueOn)}, ${String(f.months)} month${f.months === 1 ? '' : 's'} after the ending.`;
  return {
    prepare: open
      ? {
          action: `${base}/preparation`,
          current: preparationText(e),
          sessionsLeft: fields['sessionsLeft'] ?? (left === null ? '' : String(left)),
          endOn: fields['endOn'] ?? p?.endOn ?? '',
          error: errors.prepare,
        }
      : null,
    // An episode that closed without an ending (brought in from earlier records) can still have it recorded.
    end:
      open || !e.ending
        ? {
            title: open ? 'End the episode' : 'Record how it ended',
            action: base,
            kinds: ENDING_KINDS.map((k) => choice(k, ENDING_KIND_LABELS[k], fields['kind'])),
            reasons: UNPLANNED_REASONS.map((r) => choice(r, UNPLANNED_REASON_LABELS[r], fields['reason'])),
            endedOn: fields['endedOn'] ?? (open || !e.closedAt ? today : ukToday(new Date(e.closedAt))),
            error: errors.end,
          }
        : null,
    ended: open ? null : endingText(e.ending, e.closedAt),
    review,
    checkIn,
    followUp:
      !open && e.ending
        ? {
            status: followUpText,
            due: status === 'due',
            schedule:
              status === 'sent'
                ? null
                : {
                    action: `${base}/follow-up`,
                    months: FOLLOW_UP_MONTHS.map((m) =>
                      choice(
                        String(m),
                        `${String(m)} month${m === 1 ? '' : 's'}`,
                        fields['months'] ?? String(f?.months),
                      ),
                    ),
                    error: errors.followUp,
                  },
            send:
              status === 'due'
                ? {
                    action: `${base}/follow-up/send`,
                    instruments: input.library.sendable
                      .filter((d) => d.interpretation.kind === 'published')
                      .map((d) => choice(d.id, d.shortTitle, input.outcomeMeasure ?? 'phq-9')),
                  }
                : null,
          }
        : null,
  };
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);
const signed = (n: number): string => (n > 0 ? `+${fmt(n)}` : fmt(n));

/** The rows of an episode's ending summary. */
export function presentSummaryRows(
  s: EpisodeSummary,
  closedAt: string | null,
  library: InstrumentLibrary,
): { label: string; value: string; note?: string }[] {
  const rows: { label: string; value: string; note?: string }[] = [
    { label: 'Ending', value: endingText(s.ending, closedAt) },
    { label: 'Sessions attended', value: `${String(s.sessionsAttended)} recorded` },
    { label: 'Measures answered', value: String(s.measuresAnswered) },
  ];
  const o = s.outcome;
  if (!o) {
    rows.push({ label: 'Outcome measure', value: 'No published outcome measure was answered in this episode.' });
  } else {
    const title = library.get(o.instrumentId)?.definition.shortTitle ?? o.instrumentId;
    rows.push({
      label: 'Outcome measure',
      value: `${title}: first ${fmt(o.first.score)} on ${formatDate(o.first.at)}, last ${fmt(o.last.score)} on ${formatDate(o.last.at)}`,
      note: `(${String(o.scores)} score${o.scores === 1 ? '' : 's'} before the episode closed)`,
    });
    const c = o.change;
    rows.push(
      c
        ? {
            label: 'Change',
            value: `${CHANGE_CATEGORY_LABELS[c.category]} (${signed(c.change)} points)`,
            note: `A change counts as reliable when it is more than ${fmt(c.reliableChangeValue)} points (${c.source}).${c.cutOff ? ` Clinical range: ${c.cutOff.label}, from ${fmt(c.cutOff.value)}.` : ''}`,
          }
        : { label: 'Change', value: 'Only one score, so there is no change to classify.' },
    );
    if (o.afterEnding) {
      rows.push({
        label: 'After the ending',
        value: `${fmt(o.afterEnding.score)} on ${formatDate(o.afterEnding.at)}`,
        note: '(a follow-up, not part of the change above)',
      });
    }
  }
  rows.push({
    label: 'Relationship',
    value: s.relationship
      ? `Mean ${fmt(s.relationship.mean)} out of 10 over ${String(s.relationship.ratings)} check${s.relationship.ratings === 1 ? '' : 's'}`
      : 'No relationship checks answered.',
  });
  const r = s.ruptures;
  rows.push({
    label: 'Ruptures',
    value:
      r.total === 0
        ? 'None in the stored signals.'
        : `${String(r.total)}: ${String(r.repaired)} repaired, ${String(r.notRepaired)} not repaired`,
    note: '(from the signals stored for the client’s latest episode)',
  });
  return rows;
}

const percent = (p: Proportion): string =>
  p.percent === null ? '—' : `${String(p.count)} (${String(Math.round(p.percent))}%)`;

/** The practice view's figures, each with its denominator. */
export function presentOutcomeFigures(o: PracticeOutcomes): OutcomeFigureView[] {
  const prePost = `${String(o.withPrePost)} closed episode${o.withPrePost === 1 ? '' : 's'} with a first and last score`;
  const rate = (label: string, p: Proportion, outOf: string): OutcomeFigureView => ({
    label,
    value: percent(p),
    outOf,
    small: p.small,
  });
  return [
    {
      label: 'Episodes',
      value: String(o.episodes.total),
      outOf: `${String(o.episodes.open)} open, ${String(o.episodes.closed)} closed`,
      small: false,
    },
    rate('Reliably improved (recovered included)', o.improved, prePost),
    rate('Recovered', o.recovered, `${String(o.recovered.of)} that started in the clinical range`),
    rate('No reliable change', o.unchanged, prePost),
    rate('Reliably deteriorated (harmed included)', o.deteriorated, prePost),
    {
      label: 'Mean relationship check',
      value: o.relationship.mean === null ? '—' : `${fmt(o.relationship.mean)} out of 10`,
      outOf: `${String(o.relationship.episodes)} episode${o.relationship.episodes === 1 ? '' : 's'} with a relationship check`,
      small: o.relationship.small,
    },
    rate(
      'Unplanned endings',
      o.endings.unplanned,
      `${String(o.endings.recorded)} closed episode${o.endings.recorded === 1 ? '' : 's'} with an ending recorded`,
    ),
    rate(
      'Ruptures repaired',
      o.ruptures.repaired,
      `${String(o.ruptures.total)} rupture${o.ruptures.total === 1 ? '' : 's'}`,
    ),
  ];
}

/** How the practice view counts, in plain words, with what is left out. */
export function outcomeNotes(o: PracticeOutcomes, mine: boolean): string[] {
  return [
    ...(mine ? ['An episode counts as yours when you sent it a measure or recorded one of its sessions.'] : []),
    'Change is read on each episode’s outcome measure (the published measure answered most often, such as the PHQ-9): its first score against its last before the episode closed. It is reliable when larger than the measure’s reliable-change value (Jacobson & Truax 1991); recovered means from the clinical range to below it, as NHS Talking Therapies count it.',
    ...(o.endings.notRecorded > 0
      ? [
          `${String(o.endings.notRecorded)} closed episode${o.endings.notRecorded === 1 ? ' has' : 's have'} no ending recorded (for example, brought in from earlier records): they count in the change figures, not among planned and unplanned endings.`,
        ]
      : []),
    'The relationship figure is the mean of each episode’s own mean, so a long episode weighs no more than a short one.',
    'Ruptures come from the signals stored for each client’s latest episode; ruptures in earlier episodes are not counted.',
    'A figure over fewer than 10 is marked: one client moves it by 10 points or more.',
  ];
}

/** The endings list: follow-ups due, endings being prepared, endings recorded (newest first). */
export function presentEndingsList(
  endings: readonly StoredEnding[],
  today: string,
): { due: EndingRowView[]; preparing: EndingRowView[]; ended: EndingRowView[] } {
  const row = (e: StoredEnding, text: string): EndingRowView => ({
    code: e.clientCode,
    href: `/episodes/${e.episodeId}/ending`,
    text,
  });
  const due = endings.filter((e) => followUpStatus(e.followUp, today) === 'due');
  return {
    due: due.map((e) =>
      row(e, `follow-up due since ${formatDay(e.followUp?.dueOn ?? today)}. ${endingText(e.ending, e.closedAt)}`),
    ),
    preparing: endings.flatMap((e) => {
      const text = preparationText(e);
      return text ? [row(e, text)] : [];
    }),
    ended: endings
      .filter((e) => e.ending !== null)
      .sort((a, b) => (b.ending?.endedOn ?? '').localeCompare(a.ending?.endedOn ?? ''))
      .map((e) => row(e, endingText(e.ending, e.closedAt))),
  };
}
