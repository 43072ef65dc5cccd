import type { Answers } from '../instruments/answers.js';
import type { InstrumentDefinition } from '../instruments/model.js';

/**
 * Ratings at the very top every time tell a counsellor little: clients' alliance ratings
 * crowd at the top of the scale (Tryon, Blackwell & Hammel 2008), often out of kindness.
 * After this many check-ins in a row with every rating at the maximum, the client's page
 * says gently that a lower number is welcome. Three is Rapport's own choice: one top score
 * is ordinary, three in a row is a pattern worth a word.
 */
export const CEILING_RUN = 3;

/** Whether every 0–n rating item of the instrument was answered with its maximum. */
export function everyRatingAtMaximum(def: InstrumentDefinition, answers: Answers): boolean {
  const scales = def.items.filter((i) => i.response.kind === 'scale');
  if (scales.length === 0) return false;
  return scales.every((item) => {
    const a = answers[item.id];
    return item.response.kind === 'scale' && a?.kind === 'number' && a.value === item.response.max;
  });
}

/**
 * True when the last `run` complete answers (oldest first) all had every rating at the
 * maximum. Fewer answers than `run` never count.
 *
 * @example atCeiling(check, [top, top, top]) // → true
 * @example atCeiling(check, [top, top, nine, top, top]) // → false: only two in a row at the end
 */
export function atCeiling(
  def: InstrumentDefinition,
  answersOldestFirst: readonly Answers[],
  run = CEILING_RUN,
): boolean {
  if (run < 1 || answersOldestFirst.length < run) return false;
  return answersOldestFirst.slice(-run).every((a) => everyRatingAtMaximum(def, a));
}
