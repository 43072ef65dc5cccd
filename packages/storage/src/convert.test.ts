import { describe, expect, it } from 'vitest';
import { toIso, toIsoOrNull } from './convert.js';

describe('timestamps leaving storage', () => {
  it('returns text already in the stored shape as it is', () => {
    const stored = '2026-11-26T09:15:30.250Z';
    expect(toIso(stored)).toBe(stored);
  });

  it('writes any other shape afresh as UTC with milliseconds', () => {
    expect(toIso('2026-11-26T10:15:30+01:00')).toBe('2026-11-26T09:15:30.000Z');
    expect(toIso('2026-11-26T09:15:30Z')).toBe('2026-11-26T09:15:30.000Z');
    expect(toIso(new Date(Date.UTC(2026, 10, 26, 9, 15, 30, 250)))).toBe('2026-11-26T09:15:30.250Z');
    expect(toIsoOrNull(null)).toBeNull();
  });

  it('refuses text that is not a time rather than passing it on', () => {
    expect(() => toIso('not a time')).toThrow(RangeError);
  });
});
