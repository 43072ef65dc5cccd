import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyEpisodeRuptures, detectRuptures, type AllianceSession, type RuptureOptions } from './rupture.js';

const s = (...scores: (number | null)[]): AllianceSession[] => scores.map((score) => ({ score }));

const acrossOne: RuptureOptions = {
  reference: { kind: 'previous' },
  threshold: { kind: 'sd', k: 1, sd: { kind: 'across', sd: 5 } },
  repairWindow: 3,
};

describe('detectRuptures: the drop rules', () => {
  it('flags a drop from the previous session larger than k·SD', () => {
    const [r] = detectRuptures(s(40, 40, 34, 40), acrossOne);
    expect(r?.session).toBe(2);
    expect(r?.triggers).toEqual([
      { rule: 'sd-drop', reference: 40, drop: 6, k: 1, sd: 5, sdSource: 'across', threshold: 5 },
    ]);
  });

  it('does not flag a drop of exactly k·SD (the drop must exceed it)', () => {
    expect(detectRuptures(s(40, 40, 35, 40), acrossOne)).toEqual([]);
  });

  it('needs twice the drop with k = 2 (Stiles et al. 2004)', () => {
    const k2: RuptureOptions = { ...acrossOne, threshold: { kind: 'sd', k: 2, sd: { kind: 'across', sd: 5 } } };
    expect(detectRuptures(s(40, 40, 31, 40), k2)).toEqual([]);
    expect(detectRuptures(s(40, 40, 29, 40), k2)).toHaveLength(1);
  });

  it('measures from the mean of the previous m sessions when asked', () => {
    const meanOf3: RuptureOptions = { ...acrossOne, reference: { kind: 'mean-of-previous', sessions: 3 } };
    // 30, 40, 50 then 44: a drop of 6 from the previous session, but above their mean of 40.
    expect(detectRuptures(s(30, 40, 50, 44), acrossOne).map((r) => r.session)).toEqual([3]);
    expect(detectRuptures(s(30, 40, 50, 44), meanOf3)).toEqual([]);
    const [r] = detectRuptures(s(40, 42, 44, 36), meanOf3);
    expect(r?.triggers[0]).toMatchObject({ rule: 'sd-drop', reference: 42, drop: 6 });
  });

  it('uses the within-client SD once there is enough history', () => {
    const within: RuptureOptions = {
      ...acrossOne,
      threshold: { kind: 'sd', k: 1, sd: { kind: 'within', basis: 'scores' } },
    };
    // History 40, 42, 44: SD 2. A drop from 44 to 41 (3) exceeds it.
    const [r] = detectRuptures(s(40, 42, 44, 41), within);
    expect(r?.triggers[0]).toMatchObject({ rule: 'sd-drop', sd: 2, sdSource: 'within', drop: 3 });
    // With only two earlier ratings the within SD is not trusted (minHistory 3).
    expect(detectRuptures(s(42, 44, 30), within)).toEqual([]);
    expect(detectRuptures(s(42, 44, 30), { ...within, minHistory: 2 })).toHaveLength(1);
  });

  it('stays silent on the within rule when the client never varied', () => {
    const within: RuptureOptions = {
      ...acrossOne,
      threshold: { kind: 'sd', k: 1, sd: { kind: 'within', basis: 'scores' } },
    };
    expect(detectRuptures(s(40, 40, 40, 39), within)).toEqual([]);
  });

  it('can scale by the SD of session-to-session differences', () => {
    const diffs: RuptureOptions = {
      ...acrossOne,
      threshold: { kind: 'sd', k: 1, sd: { kind: 'within', basis: 'differences' } },
    };
    // Differences 2, 2, -2, 2: SD 2; a drop of 5 exceeds it.
    const [r] = detectRuptures(s(40, 42, 44, 42, 44, 39), diffs);
    expect(r?.session).toBe(5);
    expect(r?.triggers[0]).toMatchObject({ sd: 2 });
  });

  it('takes the larger of within and across SDs (Gumz et al. 2012)', () => {
    const larger = (sd: number): RuptureOptions => ({
      ...acrossOne,
      threshold: { kind: 'sd', k: 1, sd: { kind: 'larger', basis: 'scores', sd } },
    });
    // Within SD 2 (history 40, 42, 44); across 1: the within SD decides, a drop of 3 counts.
    expect(detectRuptures(s(40, 42, 44, 41), larger(1))[0]?.triggers[0]).toMatchObject({ sdSource: 'within', sd: 2 });
    // Across 4 is larger: a drop of 3 no longer counts.
    expect(detectRuptures(s(40, 42, 44, 41), larger(4))).toEqual([]);
    // No history yet: the across SD stands in.
    expect(detectRuptures(s(44, 39), larger(4))[0]?.triggers[0]).toMatchObject({ sdSource: 'across', sd: 4 });
  });

  it('flags a drop beyond the reliable-change value, strictly', () => {
    const rc: RuptureOptions = { ...acrossOne, threshold: { kind: 'reliable-change', reliableChangeValue: 8 } };
    expect(detectRuptures(s(40, 32), rc)).toEqual([]);
    expect(detectRuptures(s(40, 31.9), rc)[0]?.triggers).toEqual([
      { rule: 'reliable-drop', reference: 40, drop: 8.100000000000001, reliableChangeValue: 8 },
    ]);
  });

  it('skips unrated sessions and measures from the last rating', () => {
    expect(detectRuptures(s(40, null, 33), acrossOne).map((r) => r.session)).toEqual([2]);
  });

  it('needs a reference: the first session is never a drop', () => {
    expect(detectRuptures(s(10), acrossOne)).toEqual([]);
  });
});

describe('detectRuptures: the other rules', () => {
  it('flags a score below the low-score cut-off, strictly', () => {
    const low: RuptureOptions = { ...acrossOne, lowScoreCutoff: 30 };
    expect(detectRuptures(s(30, 30), low)).toEqual([]);
    const [r] = detectRuptures(s(29), low);
    expect(r?.triggers).toEqual([{ rule: 'low-score', score: 29, cutoff: 30 }]);
    expect(r?.repairTarget).toBe(30);
  });

  it('flags a session where the client reports tension, even without a score', () => {
    const [r] = detectRuptures([{ score: 40 }, { score: null, tension: true }], acrossOne);
    expect(r?.triggers).toEqual([{ rule: 'client-reported' }]);
    expect(
      detectRuptures([{ score: 40 }, { score: 40, tension: true }], { ...acrossOne, useTensionItem: false }),
    ).toEqual([]);
  });

  it('lists every rule that fired', () => {
    const [r] = detectRuptures([{ score: 40 }, { score: 20, tension: true }], { ...acrossOne, lowScoreCutoff: 30 });
    expect(r?.triggers.map((t) => t.rule)).toEqual(['sd-drop', 'low-score', 'client-reported']);
  });

  it('treats a slide over several sessions as one rupture', () => {
    expect(detectRuptures(s(40, 34, 28, 22, 40), acrossOne).map((r) => r.session)).toEqual([1]);
  });
});

describe('detectRuptures: repair', () => {
  it('counts a return to the reference within W sessions as repair', () => {
    const [r] = detectRuptures(s(40, 30, 35, 40), acrossOne);
    expect(r?.repair).toEqual({ status: 'repaired', session: 3, how: 'score-returned', score: 40, target: 40 });
  });

  it('counts a return at exactly W sessions but not at W + 1', () => {
    expect(detectRuptures(s(40, 30, 31, 32, 40), acrossOne)[0]?.repair.status).toBe('repaired');
    expect(detectRuptures(s(40, 30, 31, 32, 33, 40), acrossOne)[0]?.repair).toEqual({
      status: 'unrepaired',
      windowEnded: 4,
    });
  });

  it('accepts a return to within the tolerance', () => {
    expect(detectRuptures(s(40, 30, 39), acrossOne)[0]?.repair.status).toBe('awaiting-repair');
    expect(detectRuptures(s(40, 30, 39), { ...acrossOne, repairTolerance: 1 })[0]?.repair.status).toBe('repaired');
  });

  it('counts the client saying it feels resolved as repair', () => {
    const [r] = detectRuptures([{ score: 40 }, { score: 30 }, { score: 31, resolved: true }], acrossOne);
    expect(r?.repair).toEqual({ status: 'repaired', session: 2, how: 'client-resolved' });
  });

  it('waits while the repair window is still open', () => {
    expect(detectRuptures(s(40, 30, 31), acrossOne)[0]?.repair).toEqual({ status: 'awaiting-repair', windowEnds: 4 });
  });

  it('can find a new rupture after a repair', () => {
    expect(detectRuptures(s(40, 30, 40, 30, 40), acrossOne).map((r) => r.session)).toEqual([1, 3]);
  });
});

describe('classifyEpisodeRuptures', () => {
  it('classifies no rupture, repaired and unrepaired episodes', () => {
    expect(classifyEpisodeRuptures(detectRuptures(s(40, 41, 40), acrossOne)).class).toBe('no-rupture');
    expect(classifyEpisodeRuptures(detectRuptures(s(40, 30, 40), acrossOne)).class).toBe('repaired');
    expect(classifyEpisodeRuptures(detectRuptures(s(40, 30, 40, 30, 31, 32, 33), acrossOne)).class).toBe('unrepaired');
  });
});

describe('detectRuptures: invariants', () => {
  const scores = fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { maxLength: 20 });
  const option = fc.constantFrom<RuptureOptions>(
    acrossOne,
    { ...acrossOne, threshold: { kind: 'sd', k: 2, sd: { kind: 'within', basis: 'scores' } } },
    {
      ...acrossOne,
      reference: { kind: 'mean-of-previous', sessions: 3 },
      threshold: { kind: 'sd', k: 1, sd: { kind: 'larger', basis: 'differences', sd: 3 } },
    },
    { ...acrossOne, threshold: { kind: 'reliable-change', reliableChangeValue: 6 } },
  );

  it('finds the same ruptures when a constant is added to every score', () => {
    fc.assert(
      fc.property(scores, fc.integer({ min: -30, max: 30 }), option, (xs, k, o) => {
        const shifted = detectRuptures(s(...xs.map((x) => (x === null ? null : x + k))), o);
        const plain = detectRuptures(s(...xs), o);
        expect(shifted.map((r) => [r.session, r.repair.status, r.triggers.map((t) => t.rule)])).toEqual(
          plain.map((r) => [r.session, r.repair.status, r.triggers.map((t) => t.rule)]),
        );
      }),
    );
  });

  it('raises no signal on a flat series', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), option, (x, n, o) => {
        expect(detectRuptures(s(...Array.from({ length: n }, () => x)), o)).toEqual([]);
      }),
    );
  });

  it('raises no signal on a series that never falls', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }), option, (steps, o) => {
        let level = 20;
        const xs = steps.map((d) => (level += d));
        expect(detectRuptures(s(...xs), o)).toEqual([]);
      }),
    );
  });

  it('gives every rupture at least one reason', () => {
    fc.assert(
      fc.property(scores, option, (xs, o) => {
        for (const r of detectRuptures(s(...xs), o)) expect(r.triggers.length).toBeGreaterThan(0);
      }),
    );
  });
});
