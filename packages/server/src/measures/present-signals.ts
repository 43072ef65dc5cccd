import {
  SIGNAL_WHY,
  ruptureKey,
  type ClientSignal,
  type DivergenceThreshold,
  type RuptureRepair,
  type SignalMark,
  type CurveSource,
  type IntakeBand,
  type PracticeData,
  type RuptureTrigger,
  type StuckContribution,
} from '@rapport/core';
import type { BadgeView, SignalView } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';

/**
 * Signals in plain words with the numbers that triggered them. Wording only: what
 * counts as a signal, and why, is core's (`SIGNAL_WHY` cites each rule's source).
 */

const n1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${n1(Math.abs(x))}`;
const day = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

function trigger(t: RuptureTrigger, score: number | null): string {
  switch (t.rule) {
    case 'sd-drop':
      return `the score fell from ${n1(t.reference)} to ${score === null ? '—' : n1(score)} (a drop of ${n1(t.drop)}), more than ${String(t.k)} × SD ${n1(t.sd)} (${t.sdSource === 'within' ? 'this client’s own spread' : 'the spread across clients'})`;
    case 'reliable-drop':
      return `the score fell by ${n1(t.drop)} from ${n1(t.reference)}, more than the reliable-change value of ${n1(t.reliableChangeValue)}`;
    case 'low-score':
      return `the score ${n1(t.score)} is below the cut-off ${n1(t.cutoff)}`;
    case 'client-reported':
      return 'the client reported a moment when something felt off between you';
  }
}

function contribution(c: StuckContribution): string {
  const verdict = c.met === null ? 'not enough data' : c.met ? 'yes' : 'no';
  switch (c.factor) {
    case 'no-reliable-change':
      return `No reliable change: ${verdict}${c.change === null ? '' : ` (change ${signed(c.change)}, reliable only beyond ${n1(c.reliableChangeValue)})`}.`;
    case 'alliance-flat-or-falling':
      return `Relationship check flat or falling: ${verdict}${c.slope === null ? '' : ` (slope ${signed(c.slope)} per session)`}.`;
    case 'goals-not-moving':
      return `Goals not moving: ${verdict}${c.change === null ? '' : ` (change ${signed(c.change)}, needs at least ${n1(c.below)})`}.`;
    case 'missed-sessions':
      return 'Missed sessions: not recorded in Rapport yet, so not counted.';
  }
}

const plural = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * Which expected range was used for an intake band and why, with the minimum for the practice's
 * own curve: said plainly wherever "not on track" is shown, and never called validated.
 */
export function curveSourceText(
  source: CurveSource,
  band: IntakeBand,
  practice: PracticeData,
  minimum: PracticeData,
  halfWidth: number,
): string {
  const needs = `${plural(minimum.episodes, 'completed episode')} and ${plural(minimum.observations, 'score')}`;
  if (source.kind === 'practice') {
    return `Expected range: this practice’s own curve for intakes in the ${band.label.toLowerCase()} band, fitted from ${plural(source.episodes, 'completed episode')} (${plural(source.observations, 'score')}); a band needs at least ${needs} for its own curve. It describes this practice’s past clients and is not validated.`;
  }
  return `Expected range: a published rule, because this practice has ${plural(practice.episodes, 'completed episode')} (${plural(practice.observations, 'score')}) with an intake in the ${band.label.toLowerCase()} band and its own curve needs ${needs}. The score is expected to stay at intake; more than ${n1(halfWidth)} points worse is a reliable worsening. Source: ${source.citation} Not a validated recovery curve.`;
}

/** What "clearly higher" meant here, with its numbers. */
export function thresholdText(t: DivergenceThreshold): string {
  return t.basis === 'reliable-change'
    ? `the measure’s reliable-change value of ${n1(t.value)} (${t.source})`
    : `${String(t.k)} × SD ${n1(t.sd)} (${t.sdSource === 'practice' ? 'the spread of relationship ratings across this practice’s clients' : 'a stand-in spread until the practice has more ratings; it is not a norm'})`;
}

const REPAIRED_HOW = {
  'score-returned': 'the score came back',
  'client-resolved': 'the client said it was sorted out',
  'client-says-better': 'the client said things feel better between you',
} as const;

/** Where a rupture stands, in words: repaired (when and how), not repaired in time, or awaiting repair. */
export function repairText(repair: RuptureRepair): string {
  switch (repair.status) {
    case 'repaired':
      return `repaired on ${day(repair.at)} (${REPAIRED_HOW[repair.how]})`;
    case 'unrepaired':
      return 'not repaired within 3 sessions';
    case 'awaiting-repair':
      return `awaiting repair (${String(repair.sessionsLeft)} more session${repair.sessionsLeft === 1 ? '' : 's'} to go)`;
  }
}

/**
 * One signal for the client page. With the open episode, a rupture in it links to its guidance
 * and repair notes (`/episodes/:episodeId/ruptures/:ruptureId`).
 */
export function presentSignal(
  s: ClientSignal,
  library: InstrumentLibrary,
  episode?: { readonly id: string; readonly openedAt: string },
): SignalView {
  const name = library.get(s.instrumentId)?.definition.shortTitle ?? s.instrumentId;
  const why = SIGNAL_WHY[s.kind];
  switch (s.kind) {
    case 'flag':
      return {
        tone: s.flag === 'risk' ? 'risk' : 'attention',
        title: s.flag === 'risk' ? `Risk: ${name}, ${day(s.at)}` : `Tension not resolved: ${name}, ${day(s.at)}`,
        details: [`${s.message}${s.draft ? ' (from an unfinished response)' : ''}`],
        why,
      };
    case 'reliable-change':
      return {
        tone: s.direction === 'improved' ? 'good' : 'attention',
        title: `Reliable ${s.direction === 'improved' ? 'improvement' : 'deterioration'} on ${name}`,
        details: [
          `From ${n1(s.first.score)} on ${day(s.first.at)} to ${n1(s.latest.score)} on ${day(s.latest.at)}: a change of ${signed(s.change)}, larger than the reliable-change value of ${n1(s.reliableChangeValue)}.`,
          `Reliable-change value: ${s.source}.`,
        ],
        why,
      };
    case 'rupture': {
      const repair = repairText(s.repair);
      return {
        tone: s.repair.status === 'repaired' ? 'info' : 'attention',
        title: `Rupture on ${day(s.at)}: ${repair}`,
        details: [
          `Why: ${s.triggers.map((t) => trigger(t, s.score)).join('; ')}.`,
          s.acrossSd.source === 'practice'
            ? `Spread across clients: SD ${n1(s.acrossSd.sd)} from ${String(s.acrossSd.ratings)} ratings of ${String(s.acrossSd.clients)} clients in this practice.`
            : `Spread across clients: a stand-in SD of ${n1(s.acrossSd.sd)} until the practice has more ratings (it is not a norm).`,
        ],
        why,
        ...(episode && s.at >= episode.openedAt
          ? {
              link: {
                href: `/episodes/${episode.id}/ruptures/${ruptureKey(s.at)}`,
                text:
                  s.repair.status === 'repaired' ? 'What was tried, and guidance' : 'Guidance and your repair notes',
              },
            }
          : {}),
      };
    }
    case 'divergence':
      return {
        tone: 'attention',
        title: `Divergent views: you rated the session of ${day(s.day)} higher than your client`,
        details: [
          `Your rating ${n1(s.therapist)}, your client’s ${n1(s.client)} on ${name}: ${n1(s.gap)} points higher, more than ${thresholdText(s.threshold)}.`,
          `Clearly higher in ${String(s.diverged)} of the ${plural(s.paired, 'session')} you have both rated this episode.`,
        ],
        why,
      };
    case 'unconfirmed-phone-entry':
      return {
        tone: 'info',
        title: `Entered by phone, not yet confirmed: ${name}, ${day(s.at)}`,
        details: [],
        why,
      };
    case 'stuck':
      return {
        tone: 'attention',
        title: `Stuck: ${name} over the last ${String(s.window)} sessions`,
        details: s.contributions.map(contribution),
        why,
      };
    case 'not-on-track':
      return {
        tone: 'attention',
        title: `Not on track: ${name} at session ${String(s.session)}`,
        details: [
          `A score of ${n1(s.score)} on ${day(s.at)} (session ${String(s.session)}), from an intake of ${n1(s.intake)} (${s.band.label.toLowerCase()} band): about ${n1(s.expected)} was expected, and a score ${s.better === 'lower' ? 'above' : 'below'} ${n1(s.bound)} is outside the expected range.`,
          curveSourceText(s.source, s.band, s.practice, s.minimum, Math.abs(s.bound - s.expected)),
          ...(s.earlier.length > 0
            ? [`Also outside the range at session${s.earlier.length === 1 ? '' : 's'} ${s.earlier.join(', ')}.`]
            : []),
        ],
        why,
      };
  }
}

/** Caseload badges, in this order: what needs a look first, then what went well. */
const BADGES: readonly { readonly mark: SignalMark; readonly tone: BadgeView['tone']; readonly label: string }[] = [
  { mark: 'risk', tone: 'risk', label: 'Risk' },
  { mark: 'tension', tone: 'attention', label: 'Tension' },
  { mark: 'rupture', tone: 'attention', label: 'Rupture' },
  { mark: 'rupture-repaired', tone: 'info', label: 'Repaired rupture' },
  { mark: 'stuck', tone: 'attention', label: 'Stuck' },
  { mark: 'divergence', tone: 'attention', label: 'Divergent views' },
  { mark: 'not-on-track', tone: 'attention', label: 'Not on track' },
  { mark: 'worse', tone: 'attention', label: 'Reliably worse' },
  { mark: 'better', tone: 'good', label: 'Reliably better' },
  { mark: 'unconfirmed-phone-entry', tone: 'info', label: 'Unconfirmed phone entry' },
];

/** Badges for one client from how many stored signals they have of each mark (the caseload reads counts). */
export function presentBadgeCounts(
  counts: readonly { readonly mark: SignalMark; readonly count: number }[],
): BadgeView[] {
  return BADGES.flatMap((b) => {
    const count = counts.reduce((n, m) => (m.mark === b.mark ? n + m.count : n), 0);
    return count > 0 ? [{ tone: b.tone, label: b.label, count }] : [];
  });
}

/** Badges for one client from the marks of their signals, one mark per signal. */
export const presentBadges = (marks: readonly SignalMark[]): BadgeView[] =>
  presentBadgeCounts(marks.map((mark) => ({ mark, count: 1 })));
