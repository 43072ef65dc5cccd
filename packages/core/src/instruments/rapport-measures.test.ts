import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from './model.js';
import { parseInstrumentDefinition } from './parse-definition.js';
import { scoreResponse } from './score.js';

function load(id: string): InstrumentDefinition {
  const url = new URL(`../../../../content/instruments/${id}/instrument.json`, import.meta.url);
  const parsed = parseInstrumentDefinition(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const ratings = (value: string): Record<string, string> =>
  Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((id) => [id, value]),
  );

describe('Session relationship check (Rapport measure — not validated)', () => {
  const check = load('rapport-relationship-check');

  it('has adult, young-person, pictorial child and therapist-mirror versions on the same items', () => {
    expect(check.versions.map((v) => [v.audience, v.presentation])).toEqual([
      ['adult', 'standard'],
      ['young-person', 'standard'],
      ['child', 'pictorial'],
      ['therapist', 'standard'],
    ]);
  });

  it('scores the mean of the seven 0–10 ratings, from 0 to 10', () => {
    const low = scoreResponse(check, 'adult', { ...ratings('0'), tension: 'no' });
    const high = scoreResponse(check, 'therapist', { ...ratings('10'), tension: 'no' });
    expect(low.ok && low.value.total).toEqual({ value: 0, range: { min: 0, max: 10 } });
    expect(high.ok && high.value.total?.value).toBe(10);
    expect(high.ok && high.value.band).toBeNull();
    expect(high.ok && high.value.cutOffs).toEqual([]);
  });

  it('asks how strong and how far resolved only after a "yes" to tension', () => {
    const draft = scoreResponse(check, 'adult', { ...ratings('7'), tension: 'yes' });
    expect(draft.ok ? [] : Object.keys(draft.error.fields ?? {})).toEqual(['tension-strength', 'tension-resolved']);
    // A form without scripts posts the follow-ups anyway; after "no" they are dropped, not stored.
    const no = scoreResponse(check, 'adult', { ...ratings('7'), tension: 'no', 'tension-strength': '4' });
    expect(no.ok && no.value.answers['tension-strength']).toBeUndefined();
  });

  it('flags tension that feels little or not at all resolved, and not tension that was repaired', () => {
    const open = scoreResponse(check, 'adult', {
      ...ratings('6'),
      tension: 'yes',
      'tension-strength': '3',
      'tension-resolved': '2',
    });
    const repaired = scoreResponse(check, 'adult', {
      ...ratings('6'),
      tension: 'yes',
      'tension-strength': '3',
      'tension-resolved': '4',
    });
    expect(open.ok && open.value.flags.map((f) => [f.id, f.kind])).toEqual([['unresolved-tension', 'relationship']]);
    expect(repaired.ok && repaired.value.flags).toEqual([]);
  });

  it('refuses a rating of 11 or 6.5 with a message the client understands', () => {
    const result = scoreResponse(check, 'child', { ...ratings('7'), bond: '11', goals: '6.5', tension: 'no' });
    expect(result.ok ? {} : result.error.fields).toEqual({
      bond: 'Please choose a whole number from 0 to 10.',
      goals: 'Please choose a whole number from 0 to 10.',
    });
  });

  it('keeps the free-text answer as given (trimmed) and refuses an unknown audience', () => {
    const result = scoreResponse(check, 'adult', { ...ratings('8'), tension: 'no', 'more-or-less': '  more silence ' });
    expect(result.ok && result.value.answers['more-or-less']).toEqual({ kind: 'text', value: 'more silence' });
    const carer = scoreResponse(check, 'carer', { ...ratings('8'), tension: 'no' });
    expect(carer.ok ? '' : carer.error.reason).toBe('unknown-audience');
  });
});

describe('Preferences (Rapport measure after the C-NIP dimensions)', () => {
  const prefs = load('rapport-preferences');
  const all = (code: string): Record<string, string> => Object.fromEntries(prefs.items.map((i) => [i.id, code]));

  it('reverses the oppositely worded item of each pair, so consistent answers cancel to a clear pole', () => {
    const s = scoreResponse(prefs, 'adult', {
      ...all('none'),
      'lead-1': 'a3', // counsellor suggests the focus: +3
      'lead-2': 'b3', // my counsellor gives structure (second pole, reversed): +3
      'challenge-1': 'a2', // support (reversed): −2
      'challenge-2': 'b2', // patient and reassuring: −2
    });
    expect(s.ok && s.value.total).toBeNull();
    expect(s.ok && s.value.subscales.map((x) => [x.id, x.value])).toEqual([
      ['therapist-directiveness', 3],
      ['emotional-intensity', 0],
      ['past-orientation', 0],
      ['focused-challenge', -2],
    ]);
  });

  it('keeps a partial set of preferences as a draft', () => {
    const partial = all('none');
    delete partial['past-2'];
    const s = scoreResponse(prefs, 'adult', partial);
    expect(s.ok ? '' : s.error.reason).toBe('incomplete');
  });
});

describe('Goal-based outcomes (our wording of Law’s method)', () => {
  const goals = load('goal-based-outcomes');

  it('scores the mean of the goals rated, with each goal as its own score', () => {
    const s = scoreResponse(goals, 'carer', { 'goal-1': '2', 'goal-2': '7' });
    expect(s.ok && s.value.total?.value).toBe(4.5);
    expect(s.ok && s.value.subscales.map((x) => x.value)).toEqual([2, 7, null]);
    expect(s.ok && s.value.missing).toEqual({ rule: 'prorated', missingItems: ['goal-3'], maxMissing: 2 });
    expect(s.ok && s.value.reliableChange?.value).toBe(2.45);
  });

  it('needs at least one goal rated', () => {
    const s = scoreResponse(goals, 'adult', {});
    expect(s.ok ? '' : s.error.reason).toBe('incomplete');
  });
});

describe('Ending review and unplanned-ending check-in (read, not scored)', () => {
  it('accepts a complete ending review without a score', () => {
    const review = load('rapport-ending-review');
    const s = scoreResponse(review, 'adult', {
      'how-much-helped': '8',
      'relationship-overall': '9',
      'ready-to-end': 'mostly',
    });
    expect(s.ok && s.value.total).toBeNull();
    expect(s.ok && s.value.answers['ready-to-end']).toEqual({ kind: 'option', code: 'mostly' });
  });

  it('asks what did not feel right only after a "yes"', () => {
    const checkIn = load('rapport-unplanned-ending');
    const s = scoreResponse(checkIn, 'adult', {
      'how-are-things': '4',
      'something-not-right': 'yes',
      'what-was-it': 'It felt rushed.',
      'what-next': 'closing-session',
    });
    expect(s.ok && s.value.answers['what-was-it']).toEqual({ kind: 'text', value: 'It felt rushed.' });
    const draft = scoreResponse(checkIn, 'adult', { 'how-are-things': '4' });
    expect(draft.ok ? [] : Object.keys(draft.error.fields ?? {})).toEqual(['something-not-right', 'what-next']);
  });
});
