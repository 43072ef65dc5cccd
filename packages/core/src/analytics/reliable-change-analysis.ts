import { fail, ok, type Result } from '../errors.js';
import {
  clinicalCutoff,
  defaultCutoffType,
  type ClinicalCutoff,
  type CutoffType,
  type Norms,
} from './clinical-cutoff.js';
import { classifyChange, type ChangeCategory, type ChangeClassification } from './clinical-significance.js';
import { mean, sampleSd } from './descriptive.js';
import { reliableChangeCriterion, type BetterDirection, type ReliableChangeCriterion } from './reliable-change.js';

/** One person's pre and post score (both present: leave out people with a missing score first). */
export interface PrePost<Id> {
  readonly id: Id;
  readonly pre: number;
  readonly post: number;
}

/** Options of {@link analyseReliableChange}. */
export interface ReliableChangeOptions {
  readonly reliability: number;
  readonly better: BetterDirection;
  /** Which cut-off; by default Jacobson & Truax's rule of thumb (c with functional norms, else a). */
  readonly cutoff?: CutoffType;
  /** Norms of the dysfunctional population; default: mean and SD of the sample's pre scores. */
  readonly clinical?: Norms;
  readonly functional?: Norms;
  /** Reproduce clinicalsignificance's cut-off b (uses the clinical SD). */
  readonly compat?: 'clinicalsignificance';
}

/** The analysis of a sample: the criterion, the cut-off, and one classification per person. */
export interface ReliableChangeAnalysis<Id> {
  readonly criterion: ReliableChangeCriterion;
  readonly clinical: Norms;
  readonly cutoff: ClinicalCutoff;
  readonly people: readonly (ChangeClassification & { readonly id: Id })[];
  readonly counts: Readonly<Record<ChangeCategory, number>>;
}

/**
 * Reliable and clinically significant change for a sample (Jacobson & Truax 1991), as
 * clinicalsignificance's combined approach with the JT method: S_E from the clinical SD
 * (by default the SD of the sample's pre scores), |RCI| > qnorm(0.975), and cut-off a, b or c.
 */
export function analyseReliableChange<Id>(
  sample: readonly PrePost<Id>[],
  options: ReliableChangeOptions,
): Result<ReliableChangeAnalysis<Id>> {
  if (sample.length < 2 && !options.clinical) {
    return fail('invalid-input', 'At least two people with both scores are needed to estimate the clinical SD.');
  }
  const pres = sample.map((p) => p.pre);
  const clinical = options.clinical ?? { mean: mean(pres), sd: sampleSd(pres) };
  const criterion = reliableChangeCriterion({ sd: clinical.sd, reliability: options.reliability });
  if (!criterion.ok) return criterion;
  const type = options.cutoff ?? defaultCutoffType(true, options.functional !== undefined) ?? 'a';
  const cutoff = clinicalCutoff({
    type,
    better: options.better,
    clinical,
    ...(options.functional ? { functional: options.functional } : {}),
    ...(options.compat ? { compat: options.compat } : {}),
  });
  if (!cutoff.ok) return cutoff;
  const counts: Record<ChangeCategory, number> = {
    recovered: 0,
    improved: 0,
    unchanged: 0,
    deteriorated: 0,
    harmed: 0,
  };
  const people = sample.map((p) => {
    const c = classifyChange(p.pre, p.post, criterion.value, options.better, cutoff.value);
    counts[c.category]++;
    return { ...c, id: p.id };
  });
  return ok({ criterion: criterion.value, clinical, cutoff: cutoff.value, people, counts });
}
