import { sampleSd } from '../analytics/descriptive.js';
import {
  classifyEpisodeRuptures,
  defaultRuptureOptions,
  detectRuptures,
  type RuptureTrigger,
} from '../analytics/rupture.js';
import { assessStuck, type StuckContribution, type StuckSession } from '../analytics/stuck.js';
import type { Answers } from '../instruments/answers.js';
import type { RaisedFlag } from '../instruments/flags.js';
import { reliableChangeFor } from '../instruments/interpret.js';
import type { InstrumentDefinition } from '../instruments/model.js';
import { DEFAULT_INSTRUMENT_ID, sessionDayOf, type AdministrationMoment } from './administration.js';
import {
  NOT_ON_TRACK_MINIMUM,
  checkNotOnTrack,
  type NotOnTrackFinding,
  type OutcomeTrajectories,
} from './not-on-track.js';
import {
  checkDivergence,
  divergenceThreshold,
  pairPerspectives,
  type DivergenceFinding,
  type TherapistRatingFacts,
} from '../workspace/perspectives.js';
import { withClientAnswers, type RepairAnswerFacts, type RuptureRepair } from '../workspace/repair.js';

/**
 * A client's signals, recomputed from every stored response on each submission.
 * Each signal carries the numbers that triggered it, so the therapist can see why.
 */

/** One stored response, as far as signals are concerned. */
export interface ResponseFacts {
  readonly episodeId: string;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly moment: AdministrationMoment;
  readonly status: 'complete' | 'draft';
  /** When it was submitted (complete) or last saved (draft). */
  readonly at: string;
  /** The derived total, null for drafts and unscored instruments. */
  readonly total: number | null;
  readonly answers: Answers;
  readonly flags: readonly RaisedFlag[];
}

export type ClientSignal =
  | {
      readonly kind: 'flag';
      readonly flag: RaisedFlag['kind'];
      readonly flagId: string;
      readonly message: string;
      readonly instrumentId: string;
      readonly at: string;
      /** Raised by an unfinished (draft) response. */
      readonly draft: boolean;
    }
  | {
      readonly kind: 'reliable-change';
      readonly direction: 'improved' | 'deteriorated';
      readonly instrumentId: string;
      readonly at: string;
      readonly first: { readonly at: string; readonly score: number };
      readonly latest: { readonly at: string; readonly score: number };
      readonly change: number;
      readonly reliableChangeValue: number;
      readonly source: string;
    }
  | {
      readonly kind: 'rupture';
      readonly instrumentId: string;
      readonly at: string;
      readonly score: number | null;
      readonly triggers: readonly RuptureTrigger[];
      readonly repair: RuptureRepair;
      readonly acrossSd: AcrossSd;
    }
  | {
      readonly kind: 'stuck';
      readonly instrumentId: string;
      readonly at: string;
      readonly window: number;
      readonly contributions: readonly StuckContribution[];
    }
  | (NotOnTrackFinding & { readonly instrumentId: string; readonly at: string })
  /** The therapist rated the latest shared session clearly higher than the client did. */
  | (DivergenceFinding & { readonly kind: 'divergence'; readonly instrumentId: string; readonly at: string })
  /**
   * A measure the therapist entered for the client (read out over the phone) that the client has
   * not yet confirmed or corrected: raised by `unconfirmedPhoneSignals` (voice/phone.ts).
   */
  | { readonly kind: 'unconfirmed-phone-entry'; readonly instrumentId: string; readonly at: string };

export type ClientSignalKind = ClientSignal['kind'];

/** The SD across clients the rupture detector scales a drop by (Gumz et al. 2012), and where it came from. */
export interface AcrossSd {
  readonly sd: number;
  readonly source: 'practice' | 'stand-in';
  readonly ratings: number;
  readonly clients: number;
}

/** The practice's own spread is trusted from this many relationship ratings by this many clients. */
export const ACROSS_SD_MIN_RATINGS = 20;
export const ACROSS_SD_MIN_CLIENTS = 3;
/**
 * Until then a stand-in of 1.5 points on the 0–10 check (15 % of the range). It is not a
 * norm (the check has none); it keeps a single small dip from counting as a rupture.
 */
export const ACROSS_SD_STAND_IN = 1.5;

/** The SD of every relationship rating in the practice, or the stand-in while there are too few. */
export function acrossClientSd(totalsByClient: ReadonlyMap<string, readonly number[]>): AcrossSd {
  const all = [...totalsByClient.values()].flat();
  const clients = [...totalsByClient.values()].filter((v) => v.length > 0).length;
  return chooseAcrossSd(sampleSd(all), all.length, clients);
}

/** What the database can sum for {@link acrossClientSdFromMoments} without sending every rating. */
export interface RatingMoments {
  readonly ratings: number;
  readonly clients: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}

/**
 * {@link acrossClientSd} from sums alone: the same SD, (Σx² − (Σx)²/n) / (n − 1) under the root.
 * Signals are recomputed on every submission, and reading every rating of the practice each time
 * was most of a submission's cost; ratings are small numbers (0–10), so the one-pass formula loses
 * nothing that matters (the property test holds it to the two-pass SD within 1e-9).
 */
export function acrossClientSdFromMoments(m: RatingMoments): AcrossSd {
  const sd =
    m.ratings > 1
      ? Math.sqrt(Math.max(0, (m.sumOfSquares - (m.sum * m.sum) / m.ratings) / (m.ratings - 1)))
      : Number.NaN;
  return chooseAcrossSd(sd, m.ratings, m.clients);
}

function chooseAcrossSd(sd: number, ratings: number, clients: number): AcrossSd {
  if (ratings >= ACROSS_SD_MIN_RATINGS && clients >= ACROSS_SD_MIN_CLIENTS && Number.isFinite(sd) && sd > 0) {
    return { sd, source: 'practice', ratings, clients };
  }
  return { sd: ACROSS_SD_STAND_IN, source: 'stand-in', ratings, clients };
}

/** Goal ratings feed "stuck" as goals that do not move. */
export const GOALS_INSTRUMENT_ID = 'goal-based-outcomes';
/** "Mostly" (4) or "completely" (5) sorted out counts as the client saying it feels resolved. */
export const TENSION_RESOLVED_AT_LEAST = 4;
/** Sessions "stuck" looks back over. */
export const STUCK_WINDOW = 6;

/** A short "why" for each kind of signal, with its source, shown beside it. */
export const SIGNAL_WHY: Readonly<Record<ClientSignalKind, string>> = {
  flag: 'Raised by the instrument’s own rule on a single answer (e.g. PHQ-9 item 9 above 0), from the latest response, finished or not.',
  'reliable-change':
    'Jacobson & Truax (1991): a change counts as reliable only when it is larger than the measure’s reliable-change value (first score of this episode against the latest).',
  rupture:
    'A drop from the previous session by more than 1 SD (Strauss et al. 2006), the larger of this client’s and the practice’s SD (Gumz et al. 2012), or tension the client reported (after Muran et al. 2009). Repaired when the score returns or the client says it is sorted out within 3 sessions, or when at a later check the client says things feel better between you.',
  stuck:
    'Rapport’s own composite (no published definition): no reliable change on the outcome measure over the last 6 sessions, and at least one supporting sign (relationship flat or falling, goals not moving, missed sessions).',
  'not-on-track':
    'Expected treatment response (Lutz, Martinovich & Howard 1999; Finch, Lambert & Schaalje 2001): the latest score lies beyond the worse edge of the range expected for the client’s intake band. A score exactly on the edge does not count.',
  divergence:
    'Client and therapist often see the relationship differently (Igra et al. 2020), and clients tend to keep doubts to themselves (Rennie 1994; Blanchard & Farber 2016). Raised when your rating of the latest session you both rated is higher than the client’s by more than the measure’s reliable-change value or, for a measure without one such as the relationship check, by more than 1 SD of the practice’s relationship ratings across clients: the size of drop that counts as a rupture (Strauss et al. 2006; Gumz et al. 2012). A gap exactly that size does not count.',
  'unconfirmed-phone-entry':
    'A measure you entered for the client over the phone that the client has not yet confirmed or corrected on their own link. Until then the answers are what you heard, not yet the client’s own word.',
};

/** How "not on track" is checked, with the minimum for the practice's own curve (Lutz et al. 1999; Finch et al. 2001). */
export const NOT_ON_TRACK_RULE = `Not on track: each outcome measure with published severity bands (such as the PHQ-9) is checked at every session against the range expected for the client’s intake band. The practice’s own curve is used once it has at least ${String(NOT_ON_TRACK_MINIMUM.episodes)} completed episodes and ${String(NOT_ON_TRACK_MINIMUM.observations)} scores with an intake in that band; until then a published rule stands in: a reliable worsening from intake is not on track (Finch, Lambert & Schaalje 2001). Neither is a validated expected-recovery curve.`;

/** The fitted trajectories of an outcome measure, by instrument id (undefined: not checked). */
export type TrajectoryLookup = (instrumentId: string) => OutcomeTrajectories | undefined;

type Lookup = (id: string, version: number) => InstrumentDefinition | undefined;

const complete = (r: ResponseFacts): r is ResponseFacts & { total: number } =>
  r.status === 'complete' && r.total !== null;

function latestFlags(responses: readonly ResponseFacts[]): ClientSignal[] {
  const latest = new Map<string, ResponseFacts>();
  for (const r of responses) latest.set(r.instrumentId, r);
  return [...latest.values()].flatMap((r) =>
    r.flags.map((f): ClientSignal => ({
      kind: 'flag',
      flag: f.kind,
      flagId: f.id,
      message: f.message,
      instrumentId: r.instrumentId,
      at: r.at,
      draft: r.status === 'draft',
    })),
  );
}

function reliableChanges(scored: readonly (ResponseFacts & { total: number })[], lookup: Lookup): ClientSignal[] {
  const ids = [...new Set(scored.map((r) => r.instrumentId))];
  return ids.flatMap((id): ClientSignal[] => {
    const series = scored.filter((r) => r.instrumentId === id);
    const first = series[0];
    const last = series[series.length - 1];
    if (!first || !last || series.length < 2) return [];
    const def = lookup(last.instrumentId, last.instrumentVersion);
    const rc = def ? reliableChangeFor(def, {}) : undefined;
    if (!def || !rc || def.interpretation.kind !== 'published') return [];
    const change = last.total - first.total;
    // Jacobson & Truax (1991): reliable only when the change exceeds the value (strictly).
    if (!(Math.abs(change) > rc.value)) return [];
    const better = def.interpretation.direction === 'higher-is-better' ? change > 0 : change < 0;
    return [
      {
        kind: 'reliable-change',
        direction: better ? 'improved' : 'deteriorated',
        instrumentId: id,
        at: last.at,
        first: { at: first.at, score: first.total },
        latest: { at: last.at, score: last.total },
        change,
        reliableChangeValue: rc.value,
        source: rc.source,
      },
    ];
  });
}

function ruptures(
  scored: readonly (ResponseFacts & { total: number })[],
  acrossSd: AcrossSd,
  answers: readonly RepairAnswerFacts[],
): ClientSignal[] {
  const checks = scored.filter((r) => r.instrumentId === DEFAULT_INSTRUMENT_ID);
  const sessions = checks.map((r) => {
    const tension = r.answers['tension'];
    const resolved = r.answers['tension-resolved'];
    return {
      score: r.total,
      tension: tension?.kind === 'boolean' && tension.value,
      resolved: resolved?.kind === 'option' && Number(resolved.code) >= TENSION_RESOLVED_AT_LEAST,
    };
  });
  const found = classifyEpisodeRuptures(detectRuptures(sessions, defaultRuptureOptions(acrossSd.sd)));
  if (found.class === 'no-rupture') return [];
  return found.ruptures.map((r): ClientSignal => {
    const at = checks[r.session]?.at ?? '';
    const measured: RuptureRepair =
      r.repair.status === 'repaired'
        ? { status: 'repaired', at: checks[r.repair.session]?.at ?? at, how: r.repair.how }
        : r.repair.status === 'unrepaired'
          ? { status: 'unrepaired' }
          : { status: 'awaiting-repair', sessionsLeft: r.repair.windowEnds - (checks.length - 1) };
    // The client's own word at a later check ("things feel better between us") also repairs it.
    const repair = withClientAnswers(at, measured, answers);
    return {
      kind: 'rupture',
      instrumentId: DEFAULT_INSTRUMENT_ID,
      at,
      score: r.score,
      triggers: r.triggers,
      repair,
      acrossSd,
    };
  });
}

function stuck(scored: readonly (ResponseFacts & { total: number })[], lookup: Lookup): ClientSignal[] {
  // The outcome measure: a published symptom measure with a reliable-change value, the most used one.
  const counts = new Map<string, { n: number; rc: number; version: number }>();
  for (const r of scored) {
    const def = lookup(r.instrumentId, r.instrumentVersion);
    const rc = def ? reliableChangeFor(def, {}) : undefined;
    if (!def || !rc || def.interpretation.kind !== 'published') continue;
    if (def.interpretation.direction !== 'higher-is-worse') continue;
    const c = counts.get(r.instrumentId);
    counts.set(r.instrumentId, { n: (c?.n ?? 0) + 1, rc: rc.value, version: r.instrumentVersion });
  }
  const [outcome] = [...counts.entries()].sort((a, b) => b[1].n - a[1].n);
  if (!outcome || outcome[1].n < 2) return [];
  const days = new Map<string, { symptom: number | null; alliance: number | null; goals: number | null; at: string }>();
  for (const r of scored) {
    const day = sessionDayOf(r.at, r.moment);
    const d = days.get(day) ?? { symptom: null, alliance: null, goals: null, at: r.at };
    if (r.instrumentId === outcome[0]) d.symptom = r.total;
    if (r.instrumentId === DEFAULT_INSTRUMENT_ID) d.alliance = r.total;
    if (r.instrumentId === GOALS_INSTRUMENT_ID) d.goals = r.total;
    d.at = r.at;
    days.set(day, d);
  }
  const ordered = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, d]) => d);
  // Attendance is not recorded in Rapport yet: every session with an answer counts as attended.
  const sessions: StuckSession[] = ordered.map((d) => ({ ...d, attendance: 'attended' }));
  const result = assessStuck(sessions, { window: STUCK_WINDOW, reliableChangeValue: outcome[1].rc });
  const last = ordered[ordered.length - 1];
  if (!result.stuck || !last) return [];
  return [
    { kind: 'stuck', instrumentId: outcome[0], at: last.at, window: STUCK_WINDOW, contributions: result.contributions },
  ];
}

/** "Not on track" on each outcome measure of the episode, judged on its latest score (sessions = its complete responses). */
function notOnTrack(
  scored: readonly (ResponseFacts & { total: number })[],
  trajectories: TrajectoryLookup,
): ClientSignal[] {
  const ids = [...new Set(scored.map((r) => r.instrumentId))];
  return ids.flatMap((id): ClientSignal[] => {
    const t = trajectories(id);
    const series = scored.filter((r) => r.instrumentId === id);
    const last = series[series.length - 1];
    const found =
      t && last
        ? checkNotOnTrack(
            series.map((r) => r.total),
            t,
          )
        : null;
    return found && last ? [{ ...found, instrumentId: id, at: last.at }] : [];
  });
}

/** The therapist's ratings of the same sessions beside the client's relationship checks. */
function divergence(
  scored: readonly (ResponseFacts & { total: number })[],
  therapist: readonly TherapistRatingFacts[],
  lookup: Lookup,
  acrossSd: AcrossSd,
): ClientSignal[] {
  const checks = scored.filter((r) => r.instrumentId === DEFAULT_INSTRUMENT_ID);
  const last = checks[checks.length - 1];
  if (!last) return [];
  const pairs = pairPerspectives(
    checks.map((r) => ({ day: sessionDayOf(r.at, r.moment), total: r.total, at: r.at })),
    therapist.filter((t) => t.instrumentId === DEFAULT_INSTRUMENT_ID),
  );
  const def = lookup(last.instrumentId, last.instrumentVersion);
  const found = checkDivergence(pairs, divergenceThreshold(def ? reliableChangeFor(def, {}) : undefined, acrossSd));
  const pair = pairs[pairs.length - 1];
  if (!found || !pair) return [];
  const at = pair.client.at > pair.therapist.at ? pair.client.at : pair.therapist.at;
  return [{ kind: 'divergence', instrumentId: DEFAULT_INSTRUMENT_ID, at, ...found }];
}

/** What else the signals read beside the client's responses: the therapist's ratings, the client's repair answers. */
export interface OtherFacts {
  readonly therapistRatings?: readonly TherapistRatingFacts[];
  readonly repairAnswers?: readonly RepairAnswerFacts[];
}

/**
 * Every signal for a client from their responses (any order): flags from each instrument's
 * latest response; reliable change, ruptures (with the client's repair answers), "stuck",
 * "not on track" and divergence from the therapist's own ratings, within the latest episode.
 */
export function computeClientSignals(
  responses: readonly ResponseFacts[],
  lookup: Lookup,
  acrossSd: AcrossSd,
  trajectories: TrajectoryLookup,
  others: OtherFacts = {},
): ClientSignal[] {
  const ordered = [...responses].sort((a, b) => a.at.localeCompare(b.at));
  const episodeId = ordered[ordered.length - 1]?.episodeId;
  const episode = ordered.filter((r) => r.episodeId === episodeId);
  const scored = episode.filter(complete);
  const therapist = (others.therapistRatings ?? []).filter((t) => t.episodeId === episodeId);
  return [
    ...latestFlags(episode),
    ...reliableChanges(scored, lookup),
    ...ruptures(scored, acrossSd, others.repairAnswers ?? []),
    ...stuck(scored, lookup),
    ...notOnTrack(scored, trajectories),
    ...divergence(scored, therapist, lookup, acrossSd),
  ];
}
