/**
 * "Stuck": no package implements it (reference §3.4), so Rapport defines it. A client is stuck
 * when the symptom score shows no reliable change over the last `window` sessions (Jacobson &
 * Truax 1991) and at least one supporting sign agrees: a flat or falling relationship score, goal
 * ratings that do not move, or missed sessions. Every contribution is reported, met or not.
 */

/** One session of an episode, as far as "stuck" is concerned. */
export interface StuckSession {
  /** Symptom score (lower is better unless `better` says otherwise). */
  readonly symptom: number | null;
  /** Relationship (alliance) score: higher is better. */
  readonly alliance?: number | null;
  /** Mean goal rating (higher is better), e.g. 0–10. */
  readonly goals?: number | null;
  readonly attendance: 'attended' | 'cancelled' | 'did-not-attend';
}

/** Options of {@link assessStuck}. */
export interface StuckOptions {
  /** Sessions looked back over (including the latest). */
  readonly window: number;
  /** The symptom measure's reliable-change value (1.96·S_diff). */
  readonly reliableChangeValue: number;
  /** Alliance slope per session at or below this counts as flat or falling (default 0). */
  readonly allianceSlopeAtMost?: number;
  /** Goal ratings moving less than this over the window count as not moving (default 1). */
  readonly goalChangeBelow?: number;
  /** Cancellations plus did-not-attends in the window at or above this count (default 2). */
  readonly missedAtLeast?: number;
  /** Supporting signs needed besides no reliable change (default 1). */
  readonly minSupporting?: number;
}

/** Each contribution, with its numbers; `met` null when there were not enough data to judge. */
export type StuckContribution =
  | {
      readonly factor: 'no-reliable-change';
      readonly met: boolean | null;
      readonly change: number | null;
      readonly reliableChangeValue: number;
    }
  | {
      readonly factor: 'alliance-flat-or-falling';
      readonly met: boolean | null;
      readonly slope: number | null;
      readonly atMost: number;
    }
  | {
      readonly factor: 'goals-not-moving';
      readonly met: boolean | null;
      readonly change: number | null;
      readonly below: number;
    }
  | { readonly factor: 'missed-sessions'; readonly met: boolean; readonly missed: number; readonly atLeast: number };

/** The verdict and every contribution. */
export interface StuckAssessment {
  readonly stuck: boolean;
  readonly contributions: readonly [StuckContribution, StuckContribution, StuckContribution, StuckContribution];
}

function slope(values: readonly (number | null | undefined)[]): number | null {
  const pts: [number, number][] = [];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) pts.push([i, v]);
  });
  if (pts.length < 3) return null;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  return sxy / sxx;
}

function firstLastChange(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => v !== null && v !== undefined);
  const first = present[0];
  const last = present[present.length - 1];
  return present.length >= 2 && first !== undefined && last !== undefined ? last - first : null;
}

/**
 * Assesses the last `window` sessions. Needs two symptom scores in the window to judge change;
 * the alliance slope needs three ratings, goals two.
 */
export function assessStuck(sessions: readonly StuckSession[], options: StuckOptions): StuckAssessment {
  const recent = sessions.slice(-Math.max(2, Math.floor(options.window)));
  const change = firstLastChange(recent.map((s) => s.symptom));
  const noChange: StuckContribution = {
    factor: 'no-reliable-change',
    // Jacobson & Truax (1991): reliable when |Δ| exceeds the reliable-change value.
    met: change === null ? null : Math.abs(change) <= options.reliableChangeValue,
    change,
    reliableChangeValue: options.reliableChangeValue,
  };
  const atMost = options.allianceSlopeAtMost ?? 0;
  const allianceSlope = slope(recent.map((s) => s.alliance));
  const alliance: StuckContribution = {
    factor: 'alliance-flat-or-falling',
    met: allianceSlope === null ? null : allianceSlope <= atMost,
    slope: allianceSlope,
    atMost,
  };
  const below = options.goalChangeBelow ?? 1;
  const goalChange = firstLastChange(recent.map((s) => s.goals));
  const goals: StuckContribution = {
    factor: 'goals-not-moving',
    met: goalChange === null ? null : goalChange < below,
    change: goalChange,
    below,
  };
  const atLeast = options.missedAtLeast ?? 2;
  const missed = recent.filter((s) => s.attendance !== 'attended').length;
  const attendance: StuckContribution = { factor: 'missed-sessions', met: missed >= atLeast, missed, atLeast };
  const supporting = [alliance, goals, attendance].filter((c) => c.met === true).length;
  return {
    stuck: noChange.met === true && supporting >= (options.minSupporting ?? 1),
    contributions: [noChange, alliance, goals, attendance],
  };
}
