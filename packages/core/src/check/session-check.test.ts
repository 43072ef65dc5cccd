import { describe, expect, it } from 'vitest';
import { SESSION_CHECK, scoreCheck } from './session-check.js';
import { linkExpiry, linkState } from './check-link.js';

const full = { bond: '8', goals: '6', approach: '7', overall: '9' };

describe('session check scoring', () => {
  it('scores the mean of the four ratings to one decimal place', () => {
    const r = scoreCheck(SESSION_CHECK, full);
    expect(r).toEqual({ ok: true, value: { answers: { bond: 8, goals: 6, approach: 7, overall: 9 }, score: 7.5 } });
  });

  it('scores all-minimum as 0 and all-maximum as 10', () => {
    const min = scoreCheck(SESSION_CHECK, { bond: '0', goals: '0', approach: '0', overall: '0' });
    const max = scoreCheck(SESSION_CHECK, { bond: '10', goals: '10', approach: '10', overall: '10' });
    expect(min.ok && min.value.score).toBe(0);
    expect(max.ok && max.value.score).toBe(10);
  });

  it('refuses a partial check and names each missing item', () => {
    const r = scoreCheck(SESSION_CHECK, { bond: '8', goals: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(Object.keys(r.error.fields ?? {}).sort()).toEqual(['approach', 'goals', 'overall']);
    }
  });

  it.each(['11', '-1', '7.5', 'abc', '1e1', "8' OR 1=1"])('refuses the out-of-range or malformed rating %s', (v) => {
    const r = scoreCheck(SESSION_CHECK, { ...full, bond: v });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('bond');
  });
});

describe('check links', () => {
  const issued = new Date('2026-01-01T10:00:00Z');
  const link = { expiresAt: linkExpiry(issued).toISOString(), usedAt: null };

  it('expires seven days after issue, not before', () => {
    expect(linkState(link, new Date('2026-01-08T09:59:59Z'))).toBe('usable');
    expect(linkState(link, new Date('2026-01-08T10:00:00Z'))).toBe('expired');
  });

  it('reports a used link as used even after it has expired', () => {
    expect(linkState({ ...link, usedAt: '2026-01-02T00:00:00Z' }, new Date('2027-01-01T00:00:00Z'))).toBe('used');
  });
});
