import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_EPISODES_PER_BAND,
  checkTrajectory,
  chooseCurves,
  expectedScore,
  fitExpectedCurves,
  staysAtIntakeCurves,
  type ExpectedCurve,
  type IntakeBand,
} from './trajectory.js';

const mild: IntakeBand = { label: 'mild', min: 0, max: 20 };
const severe: IntakeBand = { label: 'severe', min: 20, max: 64 };

// 20 episodes of 8 sessions on y = 30 − 5·ln t, residuals alternating −2, −1, 0, +1, +2 (deterministic).
function practice(episodes = 20, intercept = 30): (number | null)[][] {
  return Array.from({ length: episodes }, (_, e) =>
    Array.from({ length: 8 }, (_, i) => intercept - 5 * Math.log(i + 1) + (((e + i) % 5) - 2)),
  );
}

describe('fitExpectedCurves', () => {
  it('recovers the log-linear curve and a tolerance band from the practice', () => {
    const [fit] = fitExpectedCurves(practice(), [severe]);
    expect(fit?.status).toBe('fitted');
    if (fit?.status !== 'fitted') return;
    if (fit.curve.path.kind !== 'log-linear') throw new Error('a fitted curve is log-linear');
    expect(fit.curve.path.intercept).toBeCloseTo(30, 0);
    expect(fit.curve.path.slope).toBeCloseTo(-5, 0);
    expect(fit.curve.upper).toBeGreaterThan(1);
    expect(fit.curve.lower).toBeLessThan(-1);
    expect(fit.curve.source).toEqual({ kind: 'practice', episodes: 20, observations: 160 });
    expect(fit).toMatchObject({ band: severe, episodes: 20, observations: 160 });
  });

  it('refuses to fit a band with fewer than the minimum of completed episodes', () => {
    const [fit] = fitExpectedCurves(practice(MIN_EPISODES_PER_BAND - 1), [severe]);
    expect(fit).toMatchObject({ status: 'too-little-data', episodes: 19, observations: 152 });
  });

  it('refuses to fit a band with too few scores', () => {
    const short = practice().map((e) => e.slice(0, 4));
    expect(fitExpectedCurves(short, [severe])[0]?.status).toBe('too-little-data');
  });

  it('fits each band only from episodes whose intake falls in it', () => {
    const fits = fitExpectedCurves([...practice(), ...practice(20, 12)], [mild, severe]);
    expect(fits.map((f) => f.status)).toEqual(['fitted', 'fitted']);
    const [m, s] = fits;
    if (m?.status !== 'fitted' || s?.status !== 'fitted') return;
    if (m.curve.path.kind !== 'log-linear' || s.curve.path.kind !== 'log-linear') throw new Error('log-linear');
    expect(m.curve.path.intercept).toBeCloseTo(12, 0);
    expect(s.curve.path.intercept).toBeCloseTo(30, 0);
  });

  it('moves with the scores: adding a constant to every score and band edge shifts only the intercept', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), (c) => {
        const shifted = practice().map((e) => e.map((y) => (y === null ? null : y + c)));
        const band = { label: 'shifted', min: severe.min + c, max: severe.max + c };
        const [a] = fitExpectedCurves(practice(), [severe]);
        const [b] = fitExpectedCurves(shifted, [band]);
        if (a?.status !== 'fitted' || b?.status !== 'fitted') throw new Error('both bands should fit');
        if (a.curve.path.kind !== 'log-linear' || b.curve.path.kind !== 'log-linear') throw new Error('log-linear');
        expect(b.curve.path.intercept).toBeCloseTo(a.curve.path.intercept + c, 9);
        expect(b.curve.path.slope).toBeCloseTo(a.curve.path.slope, 9);
        expect(b.curve.lower).toBeCloseTo(a.curve.lower, 9);
        expect(b.curve.upper).toBeCloseTo(a.curve.upper, 9);
      }),
    );
  });
});

describe('chooseCurves', () => {
  const published: ExpectedCurve = {
    band: mild,
    path: { kind: 'log-linear', intercept: 15, slope: -3 },
    lower: -4,
    upper: 4,
    source: { kind: 'published', citation: 'an example citation' },
  };

  it('falls back to the published curve where the practice has too little data', () => {
    const curves = chooseCurves(fitExpectedCurves(practice(), [mild, severe]), [published]);
    expect(curves.map((c) => c.source.kind)).toEqual(['published', 'practice']);
  });

  it('drops a band with neither', () => {
    expect(chooseCurves(fitExpectedCurves([], [severe]), [published])).toEqual([]);
  });
});

describe('checkTrajectory', () => {
  const curve: ExpectedCurve = {
    band: severe,
    path: { kind: 'log-linear', intercept: 30, slope: -5 },
    lower: -3,
    upper: 3,
    source: { kind: 'published', citation: 'test' },
  };

  it('signals a score above the band when lower is better, with its reasons', () => {
    const at3 = expectedScore(curve, 3, 30);
    const [signal] = checkTrajectory([30, null, at3 + 3.5], [curve], 'lower');
    expect(signal).toMatchObject({ kind: 'not-on-track', session: 3, expected: at3, bound: at3 + 3 });
  });

  it('does not signal a score exactly on the edge of the band', () => {
    expect(checkTrajectory([30, null, expectedScore(curve, 3, 30) + 3], [curve], 'lower')).toEqual([]);
  });

  it('signals a score below the band when higher is better', () => {
    expect(checkTrajectory([30, expectedScore(curve, 2, 30) - 3.1], [curve], 'higher')).toHaveLength(1);
    expect(checkTrajectory([30, expectedScore(curve, 2, 30) + 10], [curve], 'higher')).toEqual([]);
  });

  it('never judges the intake itself, and needs an intake in a known band', () => {
    expect(checkTrajectory([63], [curve], 'lower')).toEqual([]);
    expect(checkTrajectory([null, 60], [curve], 'lower')).toEqual([]);
    expect(checkTrajectory([10, 60], [curve], 'lower')).toEqual([]);
  });

  it('raises no signal for scores that follow the expected curve', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.double({ min: -2.9, max: 2.9, noNaN: true }), (n, noise) => {
        const scores = Array.from({ length: n }, (_, i) => (i === 0 ? 30 : expectedScore(curve, i + 1, 30) + noise));
        expect(checkTrajectory(scores, [curve], 'lower')).toEqual([]);
      }),
    );
  });

  it('keeps a flagged score flagged when it gets worse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.double({ min: 3.01, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (s, over, more) => {
          const scores: (number | null)[] = Array.from({ length: s }, () => null);
          scores[0] = 30;
          scores[s - 1] = expectedScore(curve, s, 30) + over;
          const flagged = checkTrajectory(scores, [curve], 'lower').length;
          scores[s - 1] = expectedScore(curve, s, 30) + over + more;
          expect(checkTrajectory(scores, [curve], 'lower').length).toBe(flagged);
          expect(flagged).toBe(1);
        },
      ),
    );
  });
});

describe('staysAtIntakeCurves (a fallback with no fitted data)', () => {
  const [flat] = staysAtIntakeCurves([severe], 6, { kind: 'published', citation: 'test' });
  if (!flat) throw new Error('one band, one curve');

  it('expects the intake at every session and flags only a score strictly beyond intake ± the width', () => {
    expect(expectedScore(flat, 7, 24)).toBe(24);
    expect(checkTrajectory([24, 30], [flat], 'lower')).toEqual([]);
    expect(checkTrajectory([24, 31], [flat], 'lower')).toMatchObject([
      { session: 2, score: 31, intake: 24, expected: 24, bound: 30, band: severe },
    ]);
    expect(checkTrajectory([24, 18], [flat], 'higher')).toEqual([]);
    expect(checkTrajectory([24, 17.5], [flat], 'higher')).toMatchObject([{ bound: 18 }]);
  });

  it('raises nothing for a series that stays at its intake', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 63 }), fc.integer({ min: 1, max: 30 }), (intake, n) => {
        const scores = Array.from({ length: n }, () => intake);
        expect(checkTrajectory(scores, [flat], 'lower')).toEqual([]);
        expect(checkTrajectory(scores, [flat], 'higher')).toEqual([]);
      }),
    );
  });

  it('gives the same verdicts when the intake and every score move by the same constant within the band', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 23 }),
        (intake, later, c) => {
          const sessions = (scores: number[]) => checkTrajectory(scores, [flat], 'lower').map((s) => s.session);
          expect(sessions([intake + c, ...later.map((y) => y + c)])).toEqual(sessions([intake, ...later]));
        },
      ),
    );
  });
});
