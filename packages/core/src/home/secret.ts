import { fail, ok, type Result } from '../errors.js';

/**
 * What a client chooses to lock their home with: a short PIN of 4–8 digits, or a
 * password of 8 or more characters. A PIN is weak on its own; it is only ever the second
 * lock behind the 256-bit link, and guessing is throttled with back-off.
 */
export const HOME_SECRET_RULES = { pinMin: 4, pinMax: 8, passwordMin: 8, passwordMax: 128 } as const;

export type HomeSecretKind = 'pin' | 'password';

/** PINs anyone would try first: one digit repeated, or a straight run up or down. */
function obviousPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const digits = Array.from({ length: pin.length }, (_, i) => Number(pin.charAt(i)));
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/**
 * Checks a chosen PIN or password (and that it was typed the same twice).
 *
 * @example parseHomeSecret('4821', '4821') // → ok({ kind: 'pin', value: '4821' })
 * @example parseHomeSecret('1234', '1234') // → fail: too easy to guess
 */
export function parseHomeSecret(raw: string, again: string): Result<{ kind: HomeSecretKind; value: string }> {
  const value = raw.trim();
  const field = (message: string) => fail('invalid-input', message, { secret: message });
  if (value === '') return field('Please choose a PIN or password.');
  if (/^\d+$/.test(value)) {
    if (value.length < HOME_SECRET_RULES.pinMin || value.length > HOME_SECRET_RULES.pinMax) {
      return field(`A PIN needs ${String(HOME_SECRET_RULES.pinMin)} to ${String(HOME_SECRET_RULES.pinMax)} numbers.`);
    }
    if (obviousPin(value)) return field('That PIN is too easy to guess. Try a mix of numbers.');
  } else if (value.length < HOME_SECRET_RULES.passwordMin) {
    return field(`A password needs at least ${String(HOME_SECRET_RULES.passwordMin)} letters or numbers.`);
  } else if (value.length > HOME_SECRET_RULES.passwordMax) {
    return field('That password is too long.');
  }
  if (again.trim() !== value) {
    return fail('invalid-input', 'The two did not match.', { again: 'Type the same PIN or password again.' });
  }
  return ok({ kind: /^\d+$/.test(value) ? 'pin' : 'password', value });
}
