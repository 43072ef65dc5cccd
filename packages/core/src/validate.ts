import { fail, ok, type Result } from './errors.js';

/** Field limits shared by every edge that accepts these values. */
export const LIMITS = {
  practiceName: 120,
  personName: 120,
  email: 254,
  passwordMin: 12,
  passwordMax: 256,
  clientCode: 32,
  displayName: 120,
} as const;

/**
 * A client code is pseudonymous: letters, digits, hyphens, 2–32 characters.
 * Codes are compared case-insensitively, so they are stored upper-case.
 *
 * @example parseClientCode(' ab-12 ') // → ok('AB-12')
 */
export function parseClientCode(raw: string): Result<string> {
  const code = raw.trim().toUpperCase();
  if (code.length < 2 || code.length > LIMITS.clientCode) {
    return fail('invalid-input', `A client code needs 2 to ${String(LIMITS.clientCode)} characters.`, {
      code: `Use 2 to ${String(LIMITS.clientCode)} characters.`,
    });
  }
  if (!/^[A-Z0-9][A-Z0-9-]*$/.test(code)) {
    return fail('invalid-input', 'A client code may hold only letters, digits and hyphens.', {
      code: 'Use only letters, digits and hyphens (no names or spaces).',
    });
  }
  return ok(code);
}

/** Trims and bounds a free-text name; empty → null when optional. */
export function parseName(raw: string, field: string, max: number, optional: true): Result<string | null>;
export function parseName(raw: string, field: string, max: number, optional: false): Result<string>;
export function parseName(raw: string, field: string, max: number, optional: boolean): Result<string | null> {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') {
    return optional ? ok(null) : fail('invalid-input', 'This field is required.', { [field]: 'Please fill this in.' });
  }
  if (value.length > max) {
    return fail('invalid-input', `Too long: at most ${String(max)} characters.`, {
      [field]: `Use at most ${String(max)} characters.`,
    });
  }
  // Control characters have no place in a name and can hide text in logs or exports.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return fail('invalid-input', 'This field contains characters that are not allowed.', {
      [field]: 'Remove the hidden control characters.',
    });
  }
  return ok(value);
}

/** Normalises an email address for sign-in: trimmed, lower-case, one @, no spaces. */
export function parseEmail(raw: string): Result<string> {
  const email = raw.trim().toLowerCase();
  if (email.length > LIMITS.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return fail('invalid-input', 'Please enter a valid email address.', {
      email: 'Enter an address like name@example.org.',
    });
  }
  return ok(email);
}

/** Length rule only here; the common-password list arrives with the security issue. */
export function checkPassword(raw: string): Result<string> {
  if (raw.length < LIMITS.passwordMin) {
    return fail('invalid-input', `Use a password of at least ${String(LIMITS.passwordMin)} characters.`, {
      password: `At least ${String(LIMITS.passwordMin)} characters; a few unrelated words work well.`,
    });
  }
  if (raw.length > LIMITS.passwordMax) {
    return fail('invalid-input', 'That password is too long.', {
      password: `At most ${String(LIMITS.passwordMax)} characters.`,
    });
  }
  return ok(raw);
}
