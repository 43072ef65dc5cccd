import { describe, expect, it } from 'vitest';
import { checkNewPassword, isPatterned, parsePasswordList, passwordCore } from './password-strength.js';

const LIST = parsePasswordList('# comment\npassword\nDragon\nqwertyuiop12\n\n');

describe('checkNewPassword', () => {
  it('accepts a long passphrase of unrelated words', () => {
    expect(checkNewPassword('kettle orchard violet tram', LIST).ok).toBe(true);
  });

  it('refuses a listed password however it is capitalised or decorated', () => {
    for (const p of ['qwertyuiop12', 'Password1234!', 'P@ssw0rd2024!!', 'dragondragon99']) {
      const r = checkNewPassword(p, LIST);
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.error.fields?.['password']).toMatch(/common or follows an easy pattern/);
    }
  });

  it('refuses repeats and keyboard or alphabet runs', () => {
    expect(isPatterned('aaaaaaaaaaaa')).toBe(true);
    expect(isPatterned('abcabcabcabc')).toBe(true);
    expect(isPatterned('1234567890123')).toBe(false);
    expect(checkNewPassword('abcdefghijklm', LIST).ok).toBe(false);
    expect(checkNewPassword('zyxwvutsrqpo', LIST).ok).toBe(false);
    expect(checkNewPassword('asdfghjkl;12', LIST).ok).toBe(false);
  });

  it('refuses a password built from the account’s own email or name', () => {
    const r = checkNewPassword('margaret.h2026', LIST, { email: 'margaret.h@example.org', name: 'Margaret Hale' });
    expect(r.ok).toBe(false);
    expect(checkNewPassword('halehalehale!', LIST, { name: 'Margaret Hale' }).ok).toBe(false);
  });

  it('keeps the length rule first', () => {
    const r = checkNewPassword('short', LIST);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/at least 12/);
  });

  it('undoes look-alike characters when finding the core', () => {
    expect(passwordCore('P@55w0rd!')).toBe('password');
  });
});
