import { fail, ok, type Result } from '../errors.js';
import type { BetterDirection } from './reliable-change.js';

/** Mean and SD of a reference population. */
export interface Norms {
  readonly mean: number;
  readonly sd: number;
}

/** Jacobson & Truax's (1991) three cut-offs between the dysfunctional and functional populations. */
export type CutoffType = 'a' | 'b' | 'c';

/** A computed cut-off: the score beyond which a person counts as in the functional range. */
export interface ClinicalCutoff {
  readonly type: CutoffType;
  readonly value: number;
  readonly better: BetterDirection;
}

/** Input to {@link clinicalCutoff}. */
export interface ClinicalCutoffInput {
  readonly type: CutoffType;
  readonly better: BetterDirection;
  readonly clinical?: Norms;
  readonly functional?: Norms;
  /**
   * `clinicalsignificance` reproduces that R package, whose cut-off b is
   * m_functional ± 2·sd_clinical; Jacobson & Truax (and Rapport's default) use sd_functional.
   */
  readonly compat?: 'clinicalsignificance';
}

/**
 * Computes cut-off a, b or c (Jacobson & Truax 1991), signs flipped when higher is better:
 * a = M_dys ∓ 2·SD_dys; b = M_func ± 2·SD_func; c = (SD_func·M_dys + SD_dys·M_func)/(SD_func + SD_dys).
 *
 * @example clinicalCutoff({ type: 'c', better: 'lower', clinical: { mean: 24.85, sd: 3.340121 }, functional: { mean: 8, sd: 8 } }) // 19.887
 */
export function clinicalCutoff(input: ClinicalCutoffInput): Result<ClinicalCutoff> {
  const { type, better, clinical, functional } = input;
  // +1 when higher is better: a functional score lies above the cut-off.
  const sign = better === 'higher' ? 1 : -1;
  for (const [label, norms] of [
    ['clinical', clinical],
    ['functional', functional],
  ] as const) {
    if (norms && !(Number.isFinite(norms.mean) && Number.isFinite(norms.sd) && norms.sd > 0)) {
      return fail('invalid-input', `The ${label} norms need a finite mean and a positive SD.`);
    }
  }
  switch (type) {
    case 'a':
      if (!clinical) return fail('invalid-input', 'Cut-off a needs the clinical mean and SD.');
      // Two SDs beyond the dysfunctional mean, towards health.
      return ok({ type, better, value: clinical.mean + sign * 2 * clinical.sd });
    case 'b': {
      if (!functional) return fail('invalid-input', 'Cut-off b needs the functional mean and SD.');
      let sd = functional.sd;
      if (input.compat === 'clinicalsignificance') {
        // clinicalsignificance:::.calc_cutoff_jt(type = "b") uses the clinical SD here.
        if (!clinical) return fail('invalid-input', 'Cut-off b in clinicalsignificance mode needs the clinical SD.');
        sd = clinical.sd;
      }
      // Two SDs inside the functional range, towards the dysfunctional side.
      return ok({ type, better, value: functional.mean - sign * 2 * sd });
    }
    case 'c':
      if (!clinical || !functional) {
        return fail('invalid-input', 'Cut-off c needs both the clinical and the functional norms.');
      }
      // The point equally many SDs from both means.
      return ok({
        type,
        better,
        value: (functional.sd * clinical.mean + clinical.sd * functional.mean) / (functional.sd + clinical.sd),
      });
  }
}

/** Jacobson & Truax's rule of thumb: c when both norms exist, b with functional norms only, a with the clinical sample only. */
export function defaultCutoffType(hasClinical: boolean, hasFunctional: boolean): CutoffType | null {
  if (hasClinical && hasFunctional) return 'c';
  if (hasFunctional) return 'b';
  if (hasClinical) return 'a';
  return null;
}

/** Whether a score lies in the functional range (strictly beyond the cut-off, as clinicalsignificance). */
export function isFunctional(score: number, cutoff: ClinicalCutoff): boolean {
  return cutoff.better === 'higher' ? score > cutoff.value : score < cutoff.value;
}

/** Whether a score lies in the dysfunctional range (strictly short of the cut-off, as clinicalsignificance). */
export function isDysfunctional(score: number, cutoff: ClinicalCutoff): boolean {
  return cutoff.better === 'higher' ? score < cutoff.value : score > cutoff.value;
}
