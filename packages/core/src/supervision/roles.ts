import { fail, ok, type Result } from '../errors.js';
import type { Role, User } from '../practice.js';

/** Every role, in the order a practice administrator is offered them. */
export const USER_ROLES: readonly Role[] = ['therapist', 'supervisor', 'practice-admin'];

/** Each role in plain words, with what it may see. */
export const ROLE_LABELS: Readonly<Record<Role, { readonly name: string; readonly sees: string }>> = {
  therapist: {
    name: 'Therapist',
    sees: 'the practice’s clients, their own notes and journal',
  },
  supervisor: {
    name: 'Supervisor',
    sees: 'only the therapists linked to them: client codes, scores and signals, and what each therapist brings',
  },
  'practice-admin': {
    name: 'Practice administrator',
    sees: 'what a therapist sees, and the practice’s people, security settings and audit log',
  },
};

export const isRole = (value: string): value is Role => (USER_ROLES as readonly string[]).includes(value);

/**
 * Who holds client records and can be supervised: therapists, and the practice administrator,
 * who in a small practice is usually a therapist too. A supervisor holds none.
 */
export const holdsClientRecords = (role: Role): boolean => role === 'therapist' || role === 'practice-admin';

/** Reads a role from a form; anything else is refused rather than defaulted. */
export function parseRole(raw: string): Result<Role> {
  const value = raw.trim();
  return isRole(value)
    ? ok(value)
    : fail('invalid-input', 'Choose a role from the list.', {
        role: 'Choose therapist, supervisor or practice administrator.',
      });
}

/**
 * Whether `supervisor` may be linked to `supervisee`: both of one practice, the first a
 * supervisor, the second someone who holds client records. A supervisor never supervises
 * themself, and supervision never crosses practices (each practice is its own tenant).
 */
export function checkSupervisionLink(
  supervisor: Pick<User, 'id' | 'practiceId' | 'role'>,
  supervisee: Pick<User, 'id' | 'practiceId' | 'role'>,
): Result<void> {
  if (supervisor.practiceId !== supervisee.practiceId) {
    return fail('not-found', 'There is no such person in your practice.');
  }
  if (supervisor.role !== 'supervisor') {
    return fail('invalid-input', 'Only someone with the supervisor role can supervise.', {
      supervisorId: 'Choose a supervisor.',
    });
  }
  if (!holdsClientRecords(supervisee.role)) {
    return fail('invalid-input', 'A supervisor supervises therapists, not other supervisors.', {
      superviseeId: 'Choose a therapist.',
    });
  }
  return ok(undefined);
}
