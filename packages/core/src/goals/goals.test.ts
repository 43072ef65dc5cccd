import { describe, expect, it } from 'vitest';
import {
  GOAL_RULES,
  canAddGoal,
  currentWording,
  goalChange,
  parseGoalRating,
  parseGoalRatings,
  parseGoalWording,
  type Goal,
} from './goals.js';

describe('goal wording', () => {
  it('trims the words and makes runs of spaces one', () => {
    expect(parseGoalWording('  Sleep   better\tat night ')).toEqual({ ok: true, value: 'Sleep better at night' });
  });

  it('keeps markup exactly as typed, to be escaped when shown', () => {
    expect(parseGoalWording('<b>Be</b> calmer & kinder')).toEqual({ ok: true, value: '<b>Be</b> calmer & kinder' });
  });

  it.each([
    ['', 'Write at least 3 letters.'],
    ['ab', 'Write at least 3 letters.'],
    ['x'.repeat(GOAL_RULES.wordingMax + 1), 'Use 200 letters or fewer.'],
  ])('refuses %j with a clear message', (raw, message) => {
    const r = parseGoalWording(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toEqual({ text: message });
  });

  it('accepts the longest wording allowed', () => {
    expect(parseGoalWording('x'.repeat(GOAL_RULES.wordingMax)).ok).toBe(true);
  });

  it('refuses hidden control characters', () => {
    expect(parseGoalWording('Sleep\u0000 better').ok).toBe(false);
  });

  it('reads the latest wording as the goal', () => {
    const goal: Goal = {
      id: 'g',
      status: 'active',
      createdAt: 't0',
      retiredAt: null,
      wordings: [
        { version: 1, text: 'Sleep', writtenAt: 't0' },
        { version: 2, text: 'Sleep through the night', writtenAt: 't1' },
      ],
      ratings: [],
    };
    expect(currentWording(goal)).toBe('Sleep through the night');
  });
});

describe('how many goals', () => {
  it('allows up to three active goals and refuses a fourth', () => {
    expect(canAddGoal(0).ok).toBe(true);
    expect(canAddGoal(2).ok).toBe(true);
    const fourth = canAddGoal(3);
    expect(fourth.ok).toBe(false);
    if (!fourth.ok) expect(fourth.error.code).toBe('conflict');
  });
});

describe('goal ratings', () => {
  it.each(['0', '7', '10', ' 5 '])('accepts the whole number %j from 0 to 10', (raw) => {
    expect(parseGoalRating(raw, 'r').ok).toBe(true);
  });

  it.each(['-1', '11', '7.5', '1e1', 'seven', '', '010'])('refuses %j', (raw) => {
    expect(parseGoalRating(raw, 'r').ok).toBe(false);
  });

  it('reads one check-in: any active goals rated, blanks skipped', () => {
    const r = parseGoalRatings(['a', 'b', 'c'], { 'rating.a': '3', 'rating.b': '', 'rating.c': '10', other: 'x' });
    expect(r).toEqual({
      ok: true,
      value: [
        { goalId: 'a', rating: 3 },
        { goalId: 'c', rating: 10 },
      ],
    });
  });

  it('refuses a check-in with nothing rated, a bad number, or a goal that was put away', () => {
    expect(parseGoalRatings(['a'], { 'rating.a': '' }).ok).toBe(false);
    const bad = parseGoalRatings(['a'], { 'rating.a': '12' });
    expect(!bad.ok && bad.error.fields).toEqual({ 'rating.a': 'Pick a number from 0 to 10.' });
    expect(parseGoalRatings(['a'], { 'rating.z': '4' }).ok).toBe(false);
  });
});

describe('goal change', () => {
  const r = (...xs: number[]) => xs.map((rating) => ({ rating }));

  it('needs two ratings', () => {
    expect(goalChange(r(), 2.45)).toBeNull();
    expect(goalChange(r(4), 2.45)).toBeNull();
  });

  it('counts a change as reliable only when it is larger than the reliable-change value', () => {
    expect(goalChange(r(2, 4), 2.45)).toMatchObject({ change: 2, reliable: false, direction: 'up' });
    expect(goalChange(r(2, 5), 2.45)).toMatchObject({ change: 3, reliable: true, direction: 'up' });
    expect(goalChange(r(8, 3, 5), 2.45)).toMatchObject({ first: 8, latest: 5, reliable: true, direction: 'down' });
    expect(goalChange(r(4, 9, 4), 2.45)).toMatchObject({ change: 0, reliable: false, direction: 'same' });
  });
});
