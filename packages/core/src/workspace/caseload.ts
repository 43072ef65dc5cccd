import type { ClientSignal } from '../measures/signals.js';

/**
 * The caseload sorted by need: which of a client's current signals call for the therapist's
 * attention, how urgent each kind is, and when a client is overdue a measure. Pure rules; the
 * clock comes in as an argument.
 */

/** What can make a client need a look, most urgent first. */
export const NEED_KINDS = [
  'risk',
  'rupture',
  'deterioration',
  'not-on-track',
  'divergence',
  'stuck',
  'overdue',
  // A measure entered by the therapist over the phone and not yet confirmed by the client
  // (voice/phone.ts): a loose end rather than a worry, so it sorts last.
  'unconfirmed-phone-entry',
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** One need, with the time of the latest signal behind it. */
export interface Need {
  readonly kind: NeedKind;
  readonly at: string;
}

export const parseNeedKind = (raw: string): NeedKind | null => NEED_KINDS.find((k) => k === raw) ?? null;

/**
 * What the caseload needs to know of a stored signal, in one word kept beside it, so the caseload
 * reads no signal's details: the kind, with what decides whether it needs a look.
 */
export const SIGNAL_MARKS = [
  'risk',
  'tension',
  'rupture',
  'rupture-repaired',
  'worse',
  'better',
  'not-on-track',
  'stuck',
  'divergence',
  'unconfirmed-phone-entry',
] as const;
export type SignalMark = (typeof SIGNAL_MARKS)[number];

export function signalMark(s: ClientSignal): SignalMark {
  switch (s.kind) {
    case 'flag':
      return s.flag === 'risk' ? 'risk' : 'tension';
    case 'rupture':
      return s.repair.status === 'repaired' ? 'rupture-repaired' : 'rupture';
    case 'reliable-change':
      return s.direction === 'deteriorated' ? 'worse' : 'better';
    case 'not-on-track':
    case 'divergence':
    case 'stuck':
    case 'unconfirmed-phone-entry':
      return s.kind;
  }
}

export const parseSignalMark = (raw: string | null): SignalMark | null => SIGNAL_MARKS.find((m) => m === raw) ?? null;

/**
 * Which need a mark raises. A risk answer counts even from an unfinished form; tension is read
 * through the rupture it raises; a repaired rupture and a reliable improvement need no look.
 */
export const NEED_OF_MARK: Readonly<Record<SignalMark, NeedKind | null>> = {
  risk: 'risk',
  tension: null,
  rupture: 'rupture',
  'rupture-repaired': null,
  worse: 'deterioration',
  better: null,
  'not-on-track': 'not-on-track',
  stuck: 'stuck',
  divergence: 'divergence',
  'unconfirmed-phone-entry': 'unconfirmed-phone-entry',
};

/** A stored signal as the caseload reads it. */
export interface MarkedSignal {
  readonly mark: SignalMark;
  readonly at: string;
}

/** The needs a client's signals raise: one per kind, dated by its latest signal, most urgent first. */
export function needsFromMarks(signals: readonly MarkedSignal[], overdue: OverdueFinding | null = null): Need[] {
  const latest = new Map<NeedKind, string>();
  for (const s of signals) {
    const kind = NEED_OF_MARK[s.mark];
    if (kind === null) continue;
    const seen = latest.get(kind);
    if (seen === undefined || seen < s.at) latest.set(kind, s.at);
  }
  if (overdue) latest.set('overdue', overdue.at);
  return NEED_KINDS.flatMap((kind) => {
    const at = latest.get(kind);
    return at === undefined ? [] : [{ kind, at }];
  });
}

/** As `needsFromMarks`, from the signals themselves. */
export const needsFromSignals = (signals: readonly ClientSignal[], overdue: OverdueFinding | null = null): Need[] =>
  needsFromMarks(
    signals.map((s) => ({ mark: signalMark(s), at: s.at })),
    overdue,
  );

const rank = (kind: NeedKind): number => NEED_KINDS.indexOf(kind);

/** A caseload row as far as ordering is concerned. */
export interface CaseloadEntry {
  readonly code: string;
  /** Most urgent first, as `needsFromSignals` gives them. */
  readonly needs: readonly Need[];
}

/**
 * Orders two rows by need: the most urgent need first (risk, then an unrepaired rupture,
 * reliable deterioration, not on track, divergence, stuck, overdue); between equals, the one
 * whose most urgent need was signalled most recently; then the one with more kinds of need;
 * then by client code, so the order is stable. Rows with no need come last, by code.
 */
export function compareByNeed(a: CaseloadEntry, b: CaseloadEntry): number {
  const [x] = a.needs;
  const [y] = b.needs;
  if (x && y) {
    if (x.kind !== y.kind) return rank(x.kind) - rank(y.kind);
    if (x.at !== y.at) return x.at < y.at ? 1 : -1;
    if (a.needs.length !== b.needs.length) return b.needs.length - a.needs.length;
  } else if (x || y) {
    return x ? -1 : 1;
  }
  return a.code.localeCompare(b.code);
}

/** The rows sorted by need (a new array). */
export const sortByNeed = <T extends CaseloadEntry>(rows: readonly T[]): T[] => [...rows].sort(compareByNeed);

/**
 * Sessions are usually weekly: after two weeks without a completed measure at least one session
 * has gone unmeasured, which is when routine feedback starts to lose what it is for.
 */
export const OVERDUE_AFTER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the overdue rule reads about an open episode. */
export interface OverdueInput {
  readonly openedAt: string;
  /** The latest complete response in the episode, if any. */
  readonly lastCompletedAt: string | null;
  /** The most recent link sent in the episode, if any. */
  readonly lastLink: { readonly issuedAt: string; readonly expiresAt: string; readonly answered: boolean } | null;
}

export type OverdueFinding =
  /** Nothing completed for more than `days` (counted from the last answer, or from the episode's start). */
  | { readonly reason: 'no-recent-measure'; readonly since: string; readonly days: number; readonly at: string }
  /** The latest link expired unanswered and nothing was completed since it was sent. */
  | { readonly reason: 'link-expired'; readonly issuedAt: string; readonly at: string };

/**
 * Whether an open episode is overdue a measure at `now`: no completed measure for more than
 * `afterDays` days (exactly that many is not yet overdue), or the most recent link sent expired
 * unanswered with nothing completed since. Null when neither holds.
 *
 * @example checkOverdue({ openedAt: '2026-01-01T00:00:00Z', lastCompletedAt: null, lastLink: null }, '2026-01-20T00:00:00Z')
 * // → { reason: 'no-recent-measure', days: 19, … }
 */
export function checkOverdue(input: OverdueInput, now: string, afterDays = OVERDUE_AFTER_DAYS): OverdueFinding | null {
  const since = input.lastCompletedAt ?? input.openedAt;
  const quiet = Date.parse(now) - Date.parse(since);
  if (quiet > afterDays * DAY_MS) {
    return {
      reason: 'no-recent-measure',
      since,
      days: Math.floor(quiet / DAY_MS),
      at: new Date(Date.parse(since) + afterDays * DAY_MS).toISOString(),
    };
  }
  const link = input.lastLink;
  if (
    link &&
    !link.answered &&
    Date.parse(link.expiresAt) <= Date.parse(now) &&
    (input.lastCompletedAt === null || Date.parse(input.lastCompletedAt) < Date.parse(link.issuedAt))
  ) {
    return { reason: 'link-expired', issuedAt: link.issuedAt, at: link.expiresAt };
  }
  return null;
}
