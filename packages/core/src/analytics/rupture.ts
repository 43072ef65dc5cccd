import { mean, sampleSd } from './descriptive.js';

/**
 * Alliance ruptures and repair from session-by-session alliance ratings (higher = better alliance).
 * The detector covers the published variants (reference §3.3): Stiles et al. (2004) used a drop of
 * 2 SD, Strauss et al. (2006) 1 SD; Gumz et al. (2012) advise the larger of the within- and
 * across-client SD; Larsson et al. (2018) and McLaughlin et al. (2014) classify episodes as no
 * rupture, repaired or unrepaired.
 */

/** One session's alliance rating and the client's own rupture items (PSQ-style, Muran et al. 2009). */
export interface AllianceSession {
  /** The alliance score, or null when the client did not rate this session. */
  readonly score: number | null;
  /** The client said there was tension or a problem between them and the therapist. */
  readonly tension?: boolean;
  /** The client said a problem between them now feels resolved. */
  readonly resolved?: boolean;
}

/** What a drop is measured from. */
export type RuptureReference =
  | { readonly kind: 'previous' }
  /** Mean of the last `sessions` rated sessions (fewer at the start of therapy). */
  | { readonly kind: 'mean-of-previous'; readonly sessions: number };

/** Which SD scales the drop (Gumz et al. 2012 recommend the larger of the two). */
export type SdSource =
  /** The client's own SD over their earlier ratings (or their session-to-session differences). */
  | { readonly kind: 'within'; readonly basis: 'scores' | 'differences' }
  /** The SD of alliance ratings across clients, e.g. of the practice or a norm sample. */
  | { readonly kind: 'across'; readonly sd: number }
  | { readonly kind: 'larger'; readonly basis: 'scores' | 'differences'; readonly sd: number };

/** How big a drop must be. */
export type DropThreshold =
  /** ref − score > k·SD: k = 1 (Strauss et al. 2006) or 2 (Stiles et al. 2004). */
  | { readonly kind: 'sd'; readonly k: number; readonly sd: SdSource }
  /** ref − score > the measure's reliable-change value (1.96·S_diff; Jacobson & Truax 1991). */
  | { readonly kind: 'reliable-change'; readonly reliableChangeValue: number };

/** Options of {@link detectRuptures}. */
export interface RuptureOptions {
  readonly reference: RuptureReference;
  readonly threshold: DropThreshold;
  /** A score below this is a rupture whatever the history (only where the measure has a cut-off). */
  readonly lowScoreCutoff?: number;
  /** Treat the client's own tension item as a rupture (default true). */
  readonly useTensionItem?: boolean;
  /** Repair counts when it happens within this many sessions after the rupture. */
  readonly repairWindow: number;
  /** A return to within this distance of the reference counts as repair (default 0). */
  readonly repairTolerance?: number;
  /** Earlier ratings needed before the within-client SD is trusted (default 3, at least 2). */
  readonly minHistory?: number;
}

/** Strauss-like defaults: previous session, 1 SD, the larger of within and across, repair within 3 sessions. */
export const defaultRuptureOptions = (acrossSd: number): RuptureOptions => ({
  reference: { kind: 'previous' },
  threshold: { kind: 'sd', k: 1, sd: { kind: 'larger', basis: 'scores', sd: acrossSd } },
  repairWindow: 3,
});

/** Why a session counts as a rupture: each rule that fired, with its numbers. */
export type RuptureTrigger =
  | {
      readonly rule: 'sd-drop';
      readonly reference: number;
      readonly drop: number;
      readonly k: number;
      readonly sd: number;
      readonly sdSource: 'within' | 'across';
      /** k·SD: the drop had to exceed this. */
      readonly threshold: number;
    }
  | {
      readonly rule: 'reliable-drop';
      readonly reference: number;
      readonly drop: number;
      readonly reliableChangeValue: number;
    }
  | { readonly rule: 'low-score'; readonly score: number; readonly cutoff: number }
  | { readonly rule: 'client-reported' };

/** Whether, and how, a rupture was repaired. */
export type RepairStatus =
  | {
      readonly status: 'repaired';
      readonly session: number;
      readonly how: 'score-returned';
      readonly score: number;
      readonly target: number;
    }
  | { readonly status: 'repaired'; readonly session: number; readonly how: 'client-resolved' }
  /** The repair window has passed without repair. */
  | { readonly status: 'unrepaired'; readonly windowEnded: number }
  /** The repair window is still open (fewer than W sessions since). */
  | { readonly status: 'awaiting-repair'; readonly windowEnds: number };

/** A detected rupture: the session (0-based index), the score, the rules that fired, and the repair. */
export interface Rupture {
  readonly session: number;
  readonly score: number | null;
  /** Never empty. */
  readonly triggers: readonly [RuptureTrigger, ...RuptureTrigger[]];
  /** The level the alliance must return to: the reference, or the low-score cut-off. */
  readonly repairTarget: number | null;
  readonly repair: RepairStatus;
}

/** McLaughlin et al. (2014), Larsson et al. (2018): an episode has no rupture, or repaired or unrepaired ones. */
export type EpisodeRuptureClass =
  | { readonly class: 'no-rupture' }
  | { readonly class: 'repaired'; readonly ruptures: readonly Rupture[] }
  /** At least one rupture not (yet) repaired. */
  | { readonly class: 'unrepaired'; readonly ruptures: readonly Rupture[] };

function referenceAt(history: readonly number[], reference: RuptureReference): number | null {
  if (history.length === 0) return null;
  if (reference.kind === 'previous') return history[history.length - 1] ?? null;
  return mean(history.slice(-Math.max(1, reference.sessions)));
}

function withinSd(history: readonly number[], basis: 'scores' | 'differences', minHistory: number): number | null {
  if (history.length < minHistory) return null;
  const xs = basis === 'scores' ? history : history.slice(1).map((v, i) => v - (history[i] ?? v));
  const sd = sampleSd(xs);
  // A client whose ratings never varied gives no scale for a drop: stay silent rather than flag any dip.
  return Number.isFinite(sd) && sd > 0 ? sd : null;
}

function dropTrigger(history: readonly number[], score: number, options: RuptureOptions): RuptureTrigger | null {
  const reference = referenceAt(history, options.reference);
  if (reference === null) return null;
  const drop = reference - score;
  const t = options.threshold;
  if (t.kind === 'reliable-change') {
    return drop > t.reliableChangeValue
      ? { rule: 'reliable-drop', reference, drop, reliableChangeValue: t.reliableChangeValue }
      : null;
  }
  const minHistory = Math.max(2, options.minHistory ?? 3);
  let sd: number | null;
  let sdSource: 'within' | 'across' = 'within';
  if (t.sd.kind === 'within') sd = withinSd(history, t.sd.basis, minHistory);
  else if (t.sd.kind === 'across') {
    sd = t.sd.sd;
    sdSource = 'across';
  } else {
    const within = withinSd(history, t.sd.basis, minHistory);
    // Gumz et al. (2012): the stricter (larger) of the two SDs.
    if (within !== null && within > t.sd.sd) sd = within;
    else {
      sd = t.sd.sd;
      sdSource = 'across';
    }
  }
  if (sd === null || !(sd > 0)) return null;
  const threshold = t.k * sd;
  return drop > threshold ? { rule: 'sd-drop', reference, drop, k: t.k, sd, sdSource, threshold } : null;
}

/**
 * Finds alliance ruptures in one episode's sessions and follows each to repair or not.
 * A session is a rupture when its score drops below the reference by more than k·SD (or the
 * reliable-change value), falls below a low-score cut-off, or the client reports tension.
 * While a rupture awaits repair no new one starts: a slide over several sessions is one
 * rupture (Gumz et al. 2012 saw declines of up to 6 sessions).
 * Repair: within W sessions the score returns to the target (less the tolerance), or the client
 * says it feels resolved (Strauss et al. 2006: a return to the pre-rupture level).
 */
export function detectRuptures(sessions: readonly AllianceSession[], options: RuptureOptions): Rupture[] {
  const ruptures: Rupture[] = [];
  const history: number[] = [];
  const tolerance = options.repairTolerance ?? 0;
  const window = Math.max(1, Math.floor(options.repairWindow));
  let busyUntil = -1;
  for (let t = 0; t < sessions.length; t++) {
    const session = sessions[t];
    if (!session) continue;
    const score = session.score;
    if (t > busyUntil) {
      const triggers: RuptureTrigger[] = [];
      let reference: number | null = null;
      if (score !== null) {
        const drop = dropTrigger(history, score, options);
        if (drop) triggers.push(drop);
        reference = referenceAt(history, options.reference);
        if (options.lowScoreCutoff !== undefined && score < options.lowScoreCutoff) {
          triggers.push({ rule: 'low-score', score, cutoff: options.lowScoreCutoff });
        }
      }
      if ((options.useTensionItem ?? true) && session.tension === true) triggers.push({ rule: 'client-reported' });
      const [first, ...rest] = triggers;
      if (first) {
        const repairTarget = reference ?? options.lowScoreCutoff ?? null;
        const repair = followRepair(sessions, t, window, repairTarget, tolerance);
        ruptures.push({ session: t, score, triggers: [first, ...rest], repairTarget, repair });
        busyUntil = repair.status === 'repaired' ? repair.session : t + window;
      }
    }
    if (score !== null) history.push(score);
  }
  return ruptures;
}

function followRepair(
  sessions: readonly AllianceSession[],
  t: number,
  window: number,
  target: number | null,
  tolerance: number,
): RepairStatus {
  // The client may say in the rupture session itself that it was talked through and resolved.
  if (sessions[t]?.resolved === true) return { status: 'repaired', session: t, how: 'client-resolved' };
  for (let s = t + 1; s <= t + window && s < sessions.length; s++) {
    const later = sessions[s];
    if (!later) continue;
    if (target !== null && later.score !== null && later.score >= target - tolerance) {
      return { status: 'repaired', session: s, how: 'score-returned', score: later.score, target };
    }
    if (later.resolved === true) return { status: 'repaired', session: s, how: 'client-resolved' };
  }
  return t + window < sessions.length
    ? { status: 'unrepaired', windowEnded: t + window }
    : { status: 'awaiting-repair', windowEnds: t + window };
}

/** Classifies an episode from its ruptures (an open rupture counts as not repaired). */
export function classifyEpisodeRuptures(ruptures: readonly Rupture[]): EpisodeRuptureClass {
  if (ruptures.length === 0) return { class: 'no-rupture' };
  return ruptures.every((r) => r.repair.status === 'repaired')
    ? { class: 'repaired', ruptures }
    : { class: 'unrepaired', ruptures };
}
