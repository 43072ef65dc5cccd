import type { SubscaleScore } from '../instruments/score.js';

/**
 * The client's preferences (Rapport's preferences measure, after the four C-NIP dimensions of
 * Cooper & Norcross 2016): which leanings are strong enough to put in front of the therapist.
 */

export const PREFERENCES_INSTRUMENT_ID = 'rapport-preferences';

/**
 * A preference counts as strong when its dimension sits at least two thirds of the way from
 * "no preference" to the end of the scale: on the −3…+3 scale, 2 or more either way, which is
 * "mostly" on both items of a pair, or "strongly" on one and "slightly" on the other. This is
 * Rapport's own convention (the measure has no published cut-offs), taken from the scale
 * itself so a change of scale changes it too.
 */
export const STRONG_SHARE = 2 / 3;

/** The smallest distance from the middle that counts as strong, for one dimension's range. */
export function strongThreshold(range: { readonly min: number; readonly max: number }): number {
  const middle = (range.min + range.max) / 2;
  return (range.max - middle) * STRONG_SHARE;
}

/** One dimension as the therapist reads it: which way it leans, by how much, and whether strongly. */
export interface PreferenceLean {
  readonly id: string;
  readonly title: string;
  readonly value: number;
  /** The words of the pole it leans to, from the dimension's title; null at the middle. */
  readonly toward: string | null;
  readonly strong: boolean;
}

/**
 * The two poles named in a dimension's title, "Counsellor leads (+) or client leads (−)".
 * Null when the title does not name them that way.
 */
export function dimensionPoles(title: string): { readonly plus: string; readonly minus: string } | null {
  const m = /^(.+?)\s*\(\+\)\s+or\s+(.+?)\s*\([−-]\)$/.exec(title.trim());
  return m?.[1] && m[2] ? { plus: m[1], minus: m[2] } : null;
}

/**
 * Each scored dimension of a preferences response, with whether it is strong.
 *
 * @example preferenceLeans([{ id: 'x', title: 'Counsellor leads (+) or client leads (−)', value: -2.5, range: { min: -3, max: 3 } }])
 * // → [{ …, toward: 'client leads', strong: true }]
 */
export function preferenceLeans(subscales: readonly SubscaleScore[]): PreferenceLean[] {
  return subscales.flatMap((s) => {
    if (s.value === null) return [];
    const middle = (s.range.min + s.range.max) / 2;
    const poles = dimensionPoles(s.title);
    const toward = s.value === middle || !poles ? null : s.value > middle ? poles.plus : poles.minus;
    return [
      {
        id: s.id,
        title: s.title,
        value: s.value,
        toward,
        // Compared with a hair of tolerance: a mean of two items can land on 2 as 1.9999….
        strong: Math.abs(s.value - middle) >= strongThreshold(s.range) - 1e-9,
      },
    ];
  });
}
