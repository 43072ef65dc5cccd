import { describe, expect, it } from 'vitest';
import { checkPassword, parseClientCode, parseEmail, parseName } from './validate.js';

describe('input parsing', () => {
  it('normalises client codes to upper case and rejects names or markup', () => {
    expect(parseClientCode(' ab-12 ')).toEqual({ ok: true, value: 'AB-12' });
    expect(parseClientCode('Jane Smith').ok).toBe(false);
    expect(parseClientCode('<script>').ok).toBe(false);
    expect(parseClientCode('A').ok).toBe(false);
  });

  it('turns an empty optional name into null but requires a required one', () => {
    expect(parseName('   ', 'displayName', 10, true)).toEqual({ ok: true, value: null });
    expect(parseName('   ', 'name', 10, false).ok).toBe(false);
    expect(parseName('a'.repeat(11), 'name', 10, false).ok).toBe(false);
    expect(parseName('Sam\u0000', 'name', 10, false).ok).toBe(false);
  });

  it('lower-cases emails and refuses malformed ones', () => {
    expect(parseEmail(' Sam@Example.ORG ')).toEqual({ ok: true, value: 'sam@example.org' });
    expect(parseEmail('sam@').ok).toBe(false);
  });

  it('requires passwords of at least twelve characters', () => {
    expect(checkPassword('short').ok).toBe(false);
    expect(checkPassword('correct horse battery').ok).toBe(true);
  });
});
