import { isDysfunctional, isFunctional, type ClinicalCutoff } from './clinical-cutoff.js';
import {
  reliableChangeDirection,
  reliableChangeIndex,
  type BetterDirection,
  type ReliableChangeCriterion,
  type ReliableChangeDirection,
} from './reliable-change.js';

/** Jacobson & Truax's categories, with "harmed" (reliable worsening into the dysfunctional range). */
export type ChangeCategory = 'recovered' | 'improved' | 'unchanged' | 'deteriorated' | 'harmed';

/** The numbers behind every classification. */
interface ChangeReasons {
  readonly pre: number;
  readonly post: number;
  /** post − pre. */
  readonly change: number;
  readonly rci: number;
  readonly criticalValue: number;
  readonly reliableChangeValue: number;
}

/** A change judged by reliability alone (no cut-off available). */
export interface ReliableChangeOnly extends ChangeReasons {
  readonly kind: 'reliable-change';
  readonly category: ReliableChangeDirection;
}

/** A change judged by reliability and a clinical cut-off. */
export interface ClinicallySignificantChange extends ChangeReasons {
  readonly kind: 'clinical-significance';
  readonly category: ChangeCategory;
  readonly cutoff: ClinicalCutoff;
  /** The pre score lay in the dysfunctional range. */
  readonly clinicalPre: boolean;
  /** The post score lies in the functional range. */
  readonly functionalPost: boolean;
}

/** A classified pre–post change. */
export type ChangeClassification = ReliableChangeOnly | ClinicallySignificantChange;

/**
 * Classifies a pre–post change (Jacobson & Truax 1991). Recovered = reliable improvement,
 * dysfunctional before and functional after; harmed = reliable worsening, functional before
 * and dysfunctional after (clinicalsignificance's combined approach).
 */
export function classifyChange(
  pre: number,
  post: number,
  criterion: ReliableChangeCriterion,
  better: BetterDirection,
  cutoff?: ClinicalCutoff,
): ChangeClassification {
  const rci = reliableChangeIndex(pre, post, criterion);
  const direction = reliableChangeDirection(rci, criterion.criticalValue, better);
  const reasons: ChangeReasons = {
    pre,
    post,
    change: post - pre,
    rci,
    criticalValue: criterion.criticalValue,
    reliableChangeValue: criterion.reliableChangeValue,
  };
  if (!cutoff) return { kind: 'reliable-change', category: direction, ...reasons };
  const clinicalPre = isDysfunctional(pre, cutoff);
  const functionalPost = isFunctional(post, cutoff);
  let category: ChangeCategory = direction;
  if (direction === 'improved' && clinicalPre && functionalPost) category = 'recovered';
  // clinicalsignificance: a pre score on the cut-off counts as not clinical, a post score on it as not functional.
  if (direction === 'deteriorated' && !clinicalPre && !functionalPost) category = 'harmed';
  return { kind: 'clinical-significance', category, cutoff, clinicalPre, functionalPost, ...reasons };
}
