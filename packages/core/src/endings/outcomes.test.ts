import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from '../instruments/model.js';
import { parseInstrumentDefinition } from '../instruments/parse-definition.js';
import type { ClientSignal } from '../measures/signals.js';
import { SMALL_NUMBER, aggregateOutcomes, proportion, type EpisodeOutcomeRow } from './practice-outcomes.js';
import {
  classifyOutcome,
  outcomeMeasureOf,
  ruptureFacts,
  rupturesWithin,
  summariseEpisode,
  type EpisodeFacts,
  type SummaryResponse,
} from './summary.js';

function load(id: string): InstrumentDefinition {
  const url = new URL(`../../../../content/instruments/${id}/instrument.json`, import.meta.url);
  const parsed = parseInstrumentDefinition(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const defs = new Map(
  ['phq-9', 'gad-7', 'core-10', 'yp-core', 'rapport-relationship-check', 'rapport-unplanned-ending'].map((id) => [
    id,
    load(id),
  ]),
);
const lookup = (id: string) => defs.get(id);
const phq9 = (() => {
  const d = defs.get('phq-9');
  if (!d) throw new Error('no PHQ-9');
  return d;
})();

const at = (day: number): string => new Date(Date.UTC(2026, 0, 5 + 7 * day, 10)).toISOString();
const response = (instrumentId: string, day: number, total: number | null, version = 1): SummaryResponse => ({
  instrumentId,
  instrumentVersion: version,
  status: 'complete',
  at: at(day),
  total,
});

describe('classifying the change on the outcome measure', () => {
  // PHQ-9: reliable change 6 points (NHS Talking Therapies), clinical at 10 or more.
  it.each([
    [19, 8, 'recovered'],
    [19, 12, 'improved'],
    [8, 2, 'unchanged'],
    [8, 3, 'unchanged'],
    [8, 15, 'harmed'],
    [8, 14, 'unchanged'],
    [12, 19, 'deteriorated'],
    [15, 10, 'unchanged'],
    [10, 3, 'recovered'],
    [26, 14, 'improved'],
  ] as const)('PHQ-9 %i → %i is %s', (pre, post, category) => {
    expect(classifyOutcome(phq9, pre, post)?.category).toBe(category);
  });

  it('needs a change strictly larger than the reliable-change value, and reports its numbers', () => {
    expect(classifyOutcome(phq9, 16, 10)?.category).toBe('unchanged');
    expect(classifyOutcome(phq9, 16, 9)).toMatchObject({
      category: 'recovered',
      change: -7,
      reliableChangeValue: 6,
      clinicalAtStart: true,
      cutOff: { value: 10 },
    });
  });

  it('gives no category for a measure without published norms', () => {
    const check = defs.get('rapport-relationship-check');
    if (!check) throw new Error('no check');
    expect(classifyOutcome(check, 4, 9)).toBeNull();
  });

  it('judges recovery only with a cut-off that applies to everyone: not one set by age and sex', () => {
    const published = phq9.interpretation.kind === 'published' ? phq9.interpretation : null;
    if (!published) throw new Error('PHQ-9 is published');
    const byAge: InstrumentDefinition = {
      ...phq9,
      interpretation: {
        ...published,
        cutOffs: published.cutOffs.map((c) => ({ ...c, population: { ages: { min: 18, max: 25 } } })),
      },
    };
    expect(classifyOutcome(byAge, 19, 8)).toMatchObject({ category: 'improved', clinicalAtStart: null, cutOff: null });
    // YP-CORE publishes no reliable-change value that Rapport can apply to everyone.
    const yp = defs.get('yp-core');
    if (!yp) throw new Error('no YP-CORE');
    expect(classifyOutcome(yp, 25, 5)).toBeNull();
  });
});

describe('the outcome measure of an episode', () => {
  it('is the published measure answered most often, ignoring Rapport’s own and unscored ones', () => {
    const rs = [
      response('rapport-relationship-check', 0, 7),
      response('rapport-relationship-check', 1, 7),
      response('rapport-relationship-check', 2, 7),
      response('gad-7', 0, 12),
      response('phq-9', 0, 15),
      response('phq-9', 1, 14),
    ];
    expect(outcomeMeasureOf(rs, lookup)).toBe('phq-9');
    expect(outcomeMeasureOf(rs.slice(0, 3), lookup)).toBeNull();
    // Equal counts: the first answered.
    expect(outcomeMeasureOf([response('gad-7', 1, 12), response('phq-9', 2, 15)], lookup)).toBe('gad-7');
  });
});

const facts = (over: Partial<EpisodeFacts> = {}): EpisodeFacts => ({
  openedAt: at(0),
  closedAt: at(9),
  ending: { kind: 'planned', endedOn: '2026-03-09' },
  sessionsAttended: 8,
  responses: [],
  ruptures: [],
  ...over,
});

describe('an episode’s ending summary', () => {
  it('reports counts, first and last scores with their category, the relationship mean and ruptures repaired', () => {
    const s = summariseEpisode(
      facts({
        responses: [
          response('phq-9', 0, 19),
          response('rapport-relationship-check', 0, 6),
          response('phq-9', 4, 12),
          response('rapport-relationship-check', 4, 8),
          response('phq-9', 8, 8),
          { ...response('rapport-relationship-check', 8, null), status: 'draft' },
          response('rapport-unplanned-ending', 8, null),
        ],
        ruptures: [
          { at: at(2), repair: 'repaired' },
          { at: at(5), repair: 'unrepaired' },
          { at: at(7), repair: 'awaiting-repair' },
        ],
      }),
      lookup,
    );
    expect(s).toMatchObject({
      sessionsAttended: 8,
      measuresAnswered: 6,
      outcome: {
        instrumentId: 'phq-9',
        first: { score: 19 },
        last: { score: 8 },
        scores: 3,
        change: { category: 'recovered' },
        afterEnding: null,
      },
      relationship: { mean: 7, ratings: 2 },
      ruptures: { total: 3, repaired: 1, notRepaired: 2 },
    });
  });

  it('keeps a follow-up score after the close apart from the change at ending', () => {
    const s = summariseEpisode(
      facts({ responses: [response('phq-9', 0, 19), response('phq-9', 8, 12), response('phq-9', 20, 6)] }),
      lookup,
    );
    expect(s.outcome?.last.score).toBe(12);
    expect(s.outcome?.change?.category).toBe('improved');
    expect(s.outcome?.afterEnding?.score).toBe(6);
  });

  it('has no change to classify from a single score, and nothing at all from no scores', () => {
    expect(summariseEpisode(facts({ responses: [response('phq-9', 0, 19)] }), lookup).outcome).toMatchObject({
      scores: 1,
      change: null,
    });
    const empty = summariseEpisode(facts({ ending: null, sessionsAttended: 0 }), lookup);
    expect(empty).toEqual({
      ending: null,
      sessionsAttended: 0,
      measuresAnswered: 0,
      outcome: null,
      relationship: null,
      ruptures: { total: 0, repaired: 0, notRepaired: 0 },
    });
  });

  it('takes ruptures from stored signals within the episode’s dates', () => {
    const signal = (day: number, status: 'repaired' | 'unrepaired'): ClientSignal => ({
      kind: 'rupture',
      instrumentId: 'rapport-relationship-check',
      at: at(day),
      score: 4,
      triggers: [],
      repair: status === 'repaired' ? { status, at: at(day + 1), how: 'score-returned' } : { status },
      acrossSd: { sd: 1.5, source: 'stand-in', ratings: 0, clients: 1 },
    });
    const all = ruptureFacts([signal(1, 'repaired'), signal(12, 'unrepaired'), { kind: 'stuck' } as ClientSignal]);
    expect(all).toHaveLength(2);
    expect(rupturesWithin(all, { openedAt: at(0), closedAt: at(9) })).toEqual([{ at: at(1), repair: 'repaired' }]);
    expect(rupturesWithin(all, { openedAt: at(0), closedAt: null })).toHaveLength(2);
  });
});

describe('the practice’s outcomes', () => {
  const row = (status: 'open' | 'closed', over: Partial<EpisodeFacts>): EpisodeOutcomeRow => ({
    status,
    summary: summariseEpisode(facts(over), lookup),
  });

  it('gives zeros and no percentages for no episodes, and says the numbers are small', () => {
    const o = aggregateOutcomes([]);
    expect(o.episodes).toEqual({ total: 0, open: 0, closed: 0 });
    expect(o.improved).toEqual({ count: 0, of: 0, percent: null, small: true });
    expect(o.relationship).toEqual({ mean: null, episodes: 0, small: true });
    expect(o.endings).toEqual({ recorded: 0, notRecorded: 0, unplanned: proportion(0, 0) });
    expect(o.ruptures.repaired.percent).toBeNull();
  });

  it('counts changes among closed episodes with pre and post scores only, with their denominators', () => {
    const rows = [
      row('closed', { responses: [response('phq-9', 0, 19), response('phq-9', 8, 8)] }),
      row('closed', { responses: [response('phq-9', 0, 26), response('phq-9', 8, 14)] }),
      row('closed', { responses: [response('phq-9', 0, 8), response('phq-9', 8, 15)] }),
      row('closed', { responses: [response('phq-9', 0, 12), response('phq-9', 8, 11)] }),
      // A single score, and an open episode: neither counts towards change.
      row('closed', { responses: [response('phq-9', 0, 20)], ending: null }),
      row('open', { closedAt: null, ending: null, responses: [response('phq-9', 0, 20), response('phq-9', 1, 2)] }),
      row('closed', {
        ending: { kind: 'unplanned', reason: 'stopped-coming', endedOn: '2026-02-01' },
        responses: [response('rapport-relationship-check', 0, 6), response('rapport-relationship-check', 1, 8)],
        ruptures: [{ at: at(1), repair: 'unrepaired' }],
      }),
      row('open', {
        closedAt: null,
        ending: null,
        responses: [response('rapport-relationship-check', 0, 9)],
        ruptures: [{ at: at(0), repair: 'repaired' }],
      }),
    ];
    const o = aggregateOutcomes(rows);
    expect(o.episodes).toEqual({ total: 8, open: 2, closed: 6 });
    expect(o.withPrePost).toBe(4);
    expect(o.improved).toEqual({ count: 2, of: 4, percent: 50, small: true });
    // Recovery is out of those who started in the clinical range (19, 26 and 12; not 8).
    expect(o.recovered).toMatchObject({ count: 1, of: 3 });
    expect(o.deteriorated).toMatchObject({ count: 1, of: 4 });
    expect(o.unchanged).toMatchObject({ count: 1, of: 4 });
    expect(o.relationship).toEqual({ mean: 8, episodes: 2, small: true });
    expect(o.endings).toEqual({ recorded: 5, notRecorded: 1, unplanned: proportion(1, 5) });
    expect(o.ruptures).toEqual({ total: 2, repaired: proportion(1, 2), notRepaired: 1 });
  });

  it('stops calling a figure small at ten', () => {
    expect(proportion(3, SMALL_NUMBER - 1).small).toBe(true);
    expect(proportion(3, SMALL_NUMBER)).toEqual({ count: 3, of: 10, percent: 30, small: false });
  });
});
