import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessStuck, type StuckOptions, type StuckSession } from './stuck.js';

const options: StuckOptions = { window: 4, reliableChangeValue: 5 };
const session = (symptom: number | null, extra: Partial<StuckSession> = {}): StuckSession => ({
  symptom,
  attendance: 'attended',
  ...extra,
});

describe('assessStuck', () => {
  it('is stuck with no reliable change and a flat alliance, and shows every contribution', () => {
    const sessions = [20, 21, 19, 20].map((s) => session(s, { alliance: 30 }));
    const a = assessStuck(sessions, options);
    expect(a.stuck).toBe(true);
    expect(a.contributions).toEqual([
      { factor: 'no-reliable-change', met: true, change: 0, reliableChangeValue: 5 },
      { factor: 'alliance-flat-or-falling', met: true, slope: 0, atMost: 0 },
      { factor: 'goals-not-moving', met: null, change: null, below: 1 },
      { factor: 'missed-sessions', met: false, missed: 0, atLeast: 2 },
    ]);
  });

  it('is not stuck when the change is beyond the reliable-change value', () => {
    const sessions = [26, 24, 22, 20].map((s) => session(s, { alliance: 30 }));
    expect(assessStuck(sessions, options).stuck).toBe(false);
  });

  it('counts a change of exactly the reliable-change value as not reliable', () => {
    const sessions = [25, 24, 22, 20].map((s) => session(s, { alliance: 30 }));
    expect(assessStuck(sessions, options).contributions[0].met).toBe(true);
  });

  it('is not stuck on no change alone, without a supporting sign', () => {
    const sessions = [20, 20, 20, 20].map((s, i) => session(s, { alliance: 30 + i }));
    const a = assessStuck(sessions, options);
    expect(a.contributions[1]).toMatchObject({ met: false, slope: 1 });
    expect(a.stuck).toBe(false);
  });

  it('counts goal ratings that move by less than the threshold', () => {
    const moving = [2, 3, 4, 5].map((g) => session(20, { goals: g }));
    expect(assessStuck(moving, options).contributions[2]).toMatchObject({ met: false, change: 3 });
    const still = [4, 4, 4, 4.5].map((g) => session(20, { goals: g }));
    expect(assessStuck(still, options)).toMatchObject({
      stuck: true,
      contributions: [{}, {}, { met: true, change: 0.5 }, {}],
    });
  });

  it('counts cancellations and did-not-attends, from the threshold on', () => {
    const one = [session(20), session(null, { attendance: 'cancelled' }), session(20), session(20)];
    expect(assessStuck(one, options).contributions[3]).toEqual({
      factor: 'missed-sessions',
      met: false,
      missed: 1,
      atLeast: 2,
    });
    const two = [
      session(20),
      session(null, { attendance: 'cancelled' }),
      session(null, { attendance: 'did-not-attend' }),
      session(20),
    ];
    expect(assessStuck(two, options)).toMatchObject({
      stuck: true,
      contributions: [{}, {}, {}, { met: true, missed: 2 }],
    });
  });

  it('looks only at the last window of sessions', () => {
    const sessions = [40, 30, 20, 20, 20, 20].map((s) => session(s, { alliance: 30 }));
    expect(assessStuck(sessions, options).stuck).toBe(true);
    expect(assessStuck(sessions, { ...options, window: 6 }).stuck).toBe(false);
  });

  it('cannot judge change with fewer than two symptom scores', () => {
    const a = assessStuck([session(null, { alliance: 3 }), session(20, { alliance: 3 })], options);
    expect(a.contributions[0].met).toBeNull();
    expect(a.stuck).toBe(false);
  });

  it('asks for more supporting signs when told', () => {
    const sessions = [20, 21, 19, 20].map((s) => session(s, { alliance: 30 }));
    expect(assessStuck(sessions, { ...options, minSupporting: 2 }).stuck).toBe(false);
  });

  it('is unaffected by adding a constant to every symptom score', () => {
    const arb = fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(arb, fc.integer({ min: -20, max: 20 }), (xs, k) => {
        const plain = assessStuck(
          xs.map((x) => session(x, { alliance: 10 })),
          options,
        );
        const shifted = assessStuck(
          xs.map((x) => session(x === null ? null : x + k, { alliance: 10 })),
          options,
        );
        expect(shifted).toEqual(plain);
      }),
    );
  });

  it('is never stuck when the window holds a reliable change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 6, max: 20 }), (start, drop) => {
        const sessions = [start + drop, start + drop, start, start].map((s) =>
          session(s, { alliance: 1, attendance: 'cancelled' }),
        );
        expect(assessStuck(sessions, options).stuck).toBe(false);
      }),
    );
  });
});
