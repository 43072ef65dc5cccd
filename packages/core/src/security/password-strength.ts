import { fail, ok, type Result } from '../errors.js';
import { checkPassword } from '../validate.js';

/** What a new password is compared with besides the bundled list: the account's own details. */
export interface PasswordContext {
  readonly email?: string;
  readonly name?: string;
}

const WEAK: Result<never> = fail('invalid-input', 'That password is too easy to guess.', {
  password:
    'This password is common or follows an easy pattern. Try three or four unrelated words, such as “kettle orchard violet tram”.',
});

// Look-alike characters people substitute for letters; undoing them catches “p@ssw0rd”.
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Lower-case, drop the digits and symbols tacked on at either end, undo look-alikes, keep letters only. */
export function passwordCore(raw: string): string {
  const trimmed = raw
    .toLowerCase()
    .replace(/^\d+/, '')
    .replace(/[^a-z@$]+$/, '');
  return trimmed.replace(/./gu, (ch) => LEET[ch] ?? ch).replace(/[^a-z]/g, '');
}

const ROWS = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv'];

/** True when the password is one short run repeated (“abcabcabcabc”) or a run along the keyboard or alphabet. */
export function isPatterned(raw: string): boolean {
  const s = raw.toLowerCase();
  for (let n = 1; n <= Math.floor(s.length / 2); n += 1) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return true;
  }
  // Both with digits kept (“1234567890ab”) and letters only (“asdfghjkl;12”).
  const runs = [s.replace(/[^a-z0-9]/g, ''), s.replace(/[^a-z]/g, '')].filter((r) => r.length >= 8);
  return ROWS.some((row) => {
    const both = `${row} ${Array.from(row).reverse().join('')}`;
    return runs.some((r) => both.includes(r));
  });
}

/**
 * Checks a new password (sign-up, password change): the length rule, then the
 * bundled list of common passwords and easy patterns (NIST SP 800-63B §5.1.1.2:
 * compare against commonly used and expected values). The list comes in as an
 * argument so core stays free of I/O. Entries are compared exactly
 * (lower-case) and by their letters-only core, so “Password1234!” matches
 * “password”.
 *
 * @example checkNewPassword('password1234', new Set(['password'])) // → fail: too easy to guess
 */
export function checkNewPassword(
  raw: string,
  common: ReadonlySet<string>,
  context: PasswordContext = {},
): Result<string> {
  const length = checkPassword(raw);
  if (!length.ok) return length;
  const lower = raw.toLowerCase();
  const core = passwordCore(raw);
  if (common.has(lower) || common.has(core) || isPatterned(raw)) return WEAK;
  // A core that is a listed word repeated (“dragondragon”) is no stronger than the word.
  for (const word of common) {
    if (word.length >= 4 && core.length > 0 && core.replaceAll(word, '') === '') return WEAK;
  }
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  const nameParts = (context.name ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((p) => p.length >= 3);
  const own = [local, ...nameParts].filter((p) => passwordCore(p).length >= 3);
  // The account's own email or name with a few characters added is the first guess an attacker makes.
  if (own.some((p) => core.replaceAll(passwordCore(p), '').length < 4 || lower.replaceAll(p, '').length < 4)) {
    return fail('invalid-input', 'That password is too close to your name or email address.', {
      password: 'Choose a password that does not contain your name or email address.',
    });
  }
  return ok(raw);
}

/** Parses the bundled list: one password a line, `#` starts a comment, blank lines ignored. */
export function parsePasswordList(text: string): ReadonlySet<string> {
  return new Set(
    text
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}
