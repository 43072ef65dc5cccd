import { fail, ok, type Result } from '../errors.js';

/**
 * Rupture → repair: the client's own answer, at the next check, to whether things feel better
 * between them and the therapist, and how a rupture is named in a link. Pure rules.
 */

/** The client's answer to "do things feel better between us?". */
export const REPAIR_ANSWERS = ['better', 'same', 'worse'] as const;
export type RepairAnswer = (typeof REPAIR_ANSWERS)[number];

/** The form field of the optional repair question, kept apart from any instrument's item ids. */
export const REPAIR_FIELD = 'repair-between-us';

/** One answer, tied to the rupture it was asked about (by that rupture's time). */
export interface RepairAnswerFacts {
  readonly ruptureAt: string;
  readonly answer: RepairAnswer;
  readonly at: string;
}

/**
 * Reads the optional repair question: blank is no answer (it is optional); anything not offered
 * is refused, so a mistyped post writes nothing.
 *
 * @example parseRepairAnswer('better') // → ok('better')
 */
export function parseRepairAnswer(raw: string | undefined): Result<RepairAnswer | null> {
  const value = (raw ?? '').trim();
  if (value === '') return ok(null);
  const found = REPAIR_ANSWERS.find((a) => a === value);
  return found
    ? ok(found)
    : fail('invalid-input', 'Some answers need another look.', {
        [REPAIR_FIELD]: 'Choose one of the answers offered, or leave this question blank.',
      });
}

/** The repair of a rupture as signals carry it. */
export type RuptureRepair =
  | {
      readonly status: 'repaired';
      readonly at: string;
      readonly how: 'score-returned' | 'client-resolved' | 'client-says-better';
    }
  | { readonly status: 'unrepaired' }
  | { readonly status: 'awaiting-repair'; readonly sessionsLeft: number };

/**
 * A rupture counts as repaired from the first time the client says things feel better between
 * you (asked about this rupture), unless the measures already showed repair earlier. "About the
 * same" or "worse" leaves it as it was: the question is asked again at the next check.
 */
export function withClientAnswers(
  ruptureAt: string,
  repair: RuptureRepair,
  answers: readonly RepairAnswerFacts[],
): RuptureRepair {
  const said = answers
    .filter((a) => a.ruptureAt === ruptureAt && a.answer === 'better')
    .sort((a, b) => a.at.localeCompare(b.at))[0];
  if (!said) return repair;
  if (repair.status === 'repaired' && repair.at <= said.at) return repair;
  return { status: 'repaired', at: said.at, how: 'client-says-better' };
}

/**
 * A rupture's stable name in a link: the time of the check that showed it, in milliseconds.
 * Stored signals are replaced on every submission, so their row ids cannot name a rupture.
 *
 * @example ruptureKey('2026-03-02T11:00:00.000Z') // → '1772449200000'
 */
export const ruptureKey = (at: string): string => String(Date.parse(at));

/** The rupture time a key names, or null for anything that is not a key. */
export function ruptureAtFromKey(key: string): string | null {
  if (!/^\d{1,15}$/.test(key)) return null;
  const t = new Date(Number(key));
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** A short note of what was tried: room for a paragraph or two. */
export const REPAIR_NOTE_MAX = 2_000;
