import { fail, ok, type Result } from '../errors.js';
import { Z_975 } from './normal-quantile.js';

/** Which end of a measure is the good end: `lower` for symptom scales (BDI, PHQ-9), `higher` for alliance or adjustment. */
export type BetterDirection = 'higher' | 'lower';

/** The numbers that decide whether a change is reliable (Jacobson & Truax 1991). */
export interface ReliableChangeCriterion {
  /** SD of the reference (pre-treatment or normative) scores. */
  readonly sd: number;
  /** Reliability of the measure, r_xx in (0, 1). */
  readonly reliability: number;
  /** S_E = s₁·√(1 − r_xx). */
  readonly standardError: number;
  /** S_diff = √(2·S_E²). */
  readonly standardErrorOfDifference: number;
  /** The |RCI| a change must exceed: qnorm(0.975) unless given. */
  readonly criticalValue: number;
  /** The smallest reliable raw change: criticalValue·S_diff. */
  readonly reliableChangeValue: number;
}

/** Input to {@link reliableChangeCriterion}. */
export interface ReliableChangeInput {
  readonly sd: number;
  readonly reliability: number;
  /** Defaults to qnorm(0.975) = 1.959964 (as clinicalsignificance); suddengains uses exactly 1.96. */
  readonly criticalValue?: number;
}

/**
 * Computes S_E, S_diff and the reliable-change value.
 * Jacobson & Truax (1991): S_E = s₁√(1 − r_xx), S_diff = √2·S_E, reliable when |Δ| > 1.96·S_diff.
 *
 * @example reliableChangeCriterion({ sd: 10.5, reliability: 0.961, criticalValue: 1.96 }) // reliableChangeValue 5.7477
 */
export function reliableChangeCriterion(input: ReliableChangeInput): Result<ReliableChangeCriterion> {
  const { sd, reliability } = input;
  const criticalValue = input.criticalValue ?? Z_975;
  if (!(reliability > 0 && reliability < 1)) {
    return fail('invalid-input', `The reliability must lie strictly between 0 and 1 (got ${reliability}).`);
  }
  if (!(Number.isFinite(sd) && sd > 0)) {
    return fail('invalid-input', `The standard deviation must be a positive number (got ${sd}).`);
  }
  if (!(Number.isFinite(criticalValue) && criticalValue > 0)) {
    return fail('invalid-input', `The critical value must be a positive number (got ${criticalValue}).`);
  }
  const standardError = sd * Math.sqrt(1 - reliability);
  // Jacobson & Truax (1991): S_diff = √(2·S_E²)
  const standardErrorOfDifference = Math.sqrt(2 * standardError * standardError);
  return ok({
    sd,
    reliability,
    standardError,
    standardErrorOfDifference,
    criticalValue,
    reliableChangeValue: criticalValue * standardErrorOfDifference,
  });
}

/** RCI = (x_post − x_pre)/S_diff (Jacobson & Truax 1991). Positive means the score rose. */
export function reliableChangeIndex(pre: number, post: number, criterion: ReliableChangeCriterion): number {
  return (post - pre) / criterion.standardErrorOfDifference;
}

/** Which way a change went, once reliability is taken into account. */
export type ReliableChangeDirection = 'improved' | 'unchanged' | 'deteriorated';

/**
 * Classifies a change by its RCI: improved when the RCI exceeds the critical value
 * in the better direction, deteriorated when it does so in the worse one (strict, as
 * clinicalsignificance: `direction·rci > cv`).
 */
export function reliableChangeDirection(
  rci: number,
  criticalValue: number,
  better: BetterDirection,
): ReliableChangeDirection {
  const signed = better === 'higher' ? rci : -rci;
  if (signed > criticalValue) return 'improved';
  if (signed < -criticalValue) return 'deteriorated';
  return 'unchanged';
}
