import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from '../instruments/model.js';
import { parseInstrumentDefinition } from '../instruments/parse-definition.js';
import {
  NOT_ON_TRACK_MINIMUM,
  checkNotOnTrack,
  expectedRange,
  intakeBands,
  outcomeTrajectories,
  type OutcomeTrajectories,
} from './not-on-track.js';

function load(id: string): InstrumentDefinition {
  const url = new URL(`../../../../content/instruments/${id}/instrument.json`, import.meta.url);
  const parsed = parseInstrumentDefinition(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const phq9 = load('phq-9');
const gad7 = load('gad-7');

function published(def: InstrumentDefinition) {
  if (def.interpretation.kind !== 'published') throw new Error(`${def.id} has no published interpretation`);
  return def.interpretation;
}

/** The PHQ-9 as if higher were better: only to test the direction, not a real measure. */
const upsideDown: InstrumentDefinition = {
  ...phq9,
  interpretation: { ...published(phq9), direction: 'higher-is-better' },
};

/**
 * Completed episodes with an intake of 10–14 (the PHQ-9's moderate band), improving on
 * y = intake − 3·ln t with a fixed pattern of −1, 0, +1 around it: deterministic.
 */
function moderateEpisodes(episodes: number, sessions: number): number[][] {
  return Array.from({ length: episodes }, (_, e) =>
    Array.from({ length: sessions }, (_, i) =>
      i === 0 ? 10 + (e % 5) : 10 + (e % 5) - 3 * Math.log(i + 1) + (((e + i) % 3) - 1),
    ),
  );
}

function trajectories(def: InstrumentDefinition, episodes: number[][] = []): OutcomeTrajectories {
  const t = outcomeTrajectories(def, episodes);
  if (!t) throw new Error(`${def.id} is not checked`);
  return t;
}

const moderate = (t: OutcomeTrajectories) => t.bands.find((b) => b.band.label === 'Moderate');

describe('intake bands', () => {
  it('come from the published severity bands, each up to the next band’s minimum', () => {
    expect(intakeBands(phq9)).toEqual([
      { label: 'Minimal', min: 0, max: 5 },
      { label: 'Mild', min: 5, max: 10 },
      { label: 'Moderate', min: 10, max: 15 },
      { label: 'Moderately severe', min: 15, max: 20 },
      { label: 'Severe', min: 20, max: 28 },
    ]);
    expect(intakeBands(gad7).map((b) => [b.min, b.max])).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 22],
    ]);
    const core10 = intakeBands(load('core-10'));
    // A prorated CORE-10 score between two bands belongs to the lower one.
    expect(core10.find((b) => 14.4 >= b.min && 14.4 < b.max)?.label).toBe('Mild');
    expect(core10.at(-1)).toEqual({ label: 'Severe', min: 25, max: 41 });
  });

  it('fall back to the cut-offs that apply to everyone when a measure has no bands', () => {
    const cutOnly: InstrumentDefinition = { ...gad7, interpretation: { ...published(gad7), bands: [] } };
    expect(intakeBands(cutOnly)).toEqual([
      { label: 'Below 8', min: 0, max: 8 },
      { label: '8 to below 10', min: 8, max: 10 },
      { label: '10 or more', min: 10, max: 22 },
    ]);
  });

  it('leave out measures without bands or a cut-off for everyone, and measures without norms', () => {
    expect(intakeBands(load('yp-core'))).toEqual([]);
    expect(intakeBands(load('goal-based-outcomes'))).toEqual([]);
    expect(intakeBands(load('rapport-relationship-check'))).toEqual([]);
    expect(outcomeTrajectories(load('yp-core'), [])).toBeUndefined();
  });
});

describe('which expected range a band uses', () => {
  it('uses the published rule in every band while the practice has no completed episodes', () => {
    const t = trajectories(phq9);
    expect(t.better).toBe('lower');
    for (const b of t.bands) {
      expect(b.practice).toEqual({ episodes: 0, observations: 0 });
      expect(b.curve).toMatchObject({ path: { kind: 'stays-at-intake' }, lower: -6, upper: 6 });
      expect(b.curve?.source).toMatchObject({ kind: 'published' });
      const citation = b.curve?.source.kind === 'published' ? b.curve.source.citation : '';
      expect(citation).toContain('Finch, Lambert & Schaalje (2001)');
      expect(citation).toContain('Reliable-change value 6: NHS Talking Therapies');
    }
  });

  it(`uses the practice’s own curve from ${String(NOT_ON_TRACK_MINIMUM.episodes)} episodes and ${String(NOT_ON_TRACK_MINIMUM.observations)} scores in the band`, () => {
    const band = moderate(trajectories(phq9, moderateEpisodes(20, 5)));
    expect(band?.practice).toEqual({ episodes: 20, observations: 100 });
    expect(band?.curve).toMatchObject({ path: { kind: 'log-linear' }, source: { kind: 'practice', episodes: 20 } });
  });

  it('keeps the published rule with one episode too few, or too few scores', () => {
    const fewer = moderate(trajectories(phq9, moderateEpisodes(19, 8)));
    expect(fewer?.practice).toEqual({ episodes: 19, observations: 152 });
    expect(fewer?.curve?.source.kind).toBe('published');
    const shorter = moderate(trajectories(phq9, moderateEpisodes(24, 4)));
    expect(shorter?.practice).toEqual({ episodes: 24, observations: 96 });
    expect(shorter?.curve?.source.kind).toBe('published');
  });

  it('has no range for a band with too little data when the measure has no reliable-change value', () => {
    const noRc: InstrumentDefinition = { ...phq9, interpretation: { ...published(phq9), reliableChange: [] } };
    expect(trajectories(noRc).bands.every((b) => b.curve === null)).toBe(true);
    expect(checkNotOnTrack([12, 27], trajectories(noRc))).toBeNull();
  });
});

describe('checkNotOnTrack', () => {
  const rule = trajectories(phq9);

  it('under the published rule, flags a reliable worsening from intake but not a score exactly on the edge', () => {
    expect(checkNotOnTrack([12, 18], rule)).toBeNull();
    expect(checkNotOnTrack([12, 19], rule)).toEqual({
      kind: 'not-on-track',
      session: 2,
      score: 19,
      intake: 12,
      expected: 12,
      bound: 18,
      band: { label: 'Moderate', min: 10, max: 15 },
      source: moderate(rule)?.curve?.source,
      better: 'lower',
      practice: { episodes: 0, observations: 0 },
      minimum: { episodes: 20, observations: 100 },
      earlier: [],
    });
  });

  it('judges the latest score, naming earlier sessions that were also outside the range', () => {
    expect(checkNotOnTrack([12, 19, 13], rule)).toBeNull();
    expect(checkNotOnTrack([12, 19, 14, 20], rule)).toMatchObject({ session: 4, earlier: [2] });
    expect(checkNotOnTrack([12], rule)).toBeNull();
    expect(checkNotOnTrack([], rule)).toBeNull();
  });

  it('looks below the range when higher is better', () => {
    const t = trajectories(upsideDown);
    expect(t.better).toBe('higher');
    expect(checkNotOnTrack([12, 6], t)).toBeNull();
    expect(checkNotOnTrack([12, 5], t)).toMatchObject({ bound: 6, better: 'higher' });
    expect(checkNotOnTrack([12, 27], t)).toBeNull();
  });

  it('with the practice’s curve, flags a client who stays where they started while the practice’s clients improve', () => {
    const t = trajectories(phq9, moderateEpisodes(20, 8));
    const found = checkNotOnTrack([12, 12, 12, 12], t);
    expect(found).toMatchObject({ session: 4, source: { kind: 'practice', episodes: 20, observations: 160 } });
    expect(found?.expected).toBeLessThan(10);
    expect(found?.bound).toBeLessThan(12);
    // The same scores are on track under the published rule: no reliable worsening.
    expect(checkNotOnTrack([12, 12, 12, 12], rule)).toBeNull();
  });

  it('under the published rule, raises nothing for a series that stays at its intake', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 1, max: 20 }), (intake, n) => {
        const flat = Array.from({ length: n }, () => intake);
        expect(checkNotOnTrack(flat, rule)).toBeNull();
        expect(checkNotOnTrack(flat, trajectories(upsideDown))).toBeNull();
      }),
    );
  });
});

describe('expectedRange', () => {
  it('gives the expected score and both edges at each session so far', () => {
    expect(expectedRange([12, 15], trajectories(phq9))?.sessions).toEqual([
      { expected: 12, low: 6, high: 18 },
      { expected: 12, low: 6, high: 18 },
    ]);
    expect(expectedRange([], trajectories(phq9))).toBeNull();
  });
});
