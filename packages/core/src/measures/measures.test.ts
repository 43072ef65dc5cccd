import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from '../instruments/model.js';
import { parseInstrumentDefinition } from '../instruments/parse-definition.js';
import { sessionDayOf, versionFor } from './administration.js';
import { outcomeTrajectories } from './not-on-track.js';
import {
  ACROSS_SD_STAND_IN,
  acrossClientSd,
  acrossClientSdFromMoments,
  computeClientSignals,
  type ResponseFacts,
} from './signals.js';

/** A two-item symptom measure with a reliable-change value of 3, made for these tests. */
const def = ((): InstrumentDefinition => {
  const parsed = parseInstrumentDefinition({
    id: 'toy',
    version: 1,
    title: 'Toy',
    shortTitle: 'Toy',
    purpose: 'Tests.',
    provenance: { kind: 'published', citations: ['Nobody (2026).'] },
    licence: { spdx: 'CC0-1.0', copyright: '© Nobody', mayShipText: true, mayModify: true },
    codes: {},
    items: [{ id: 'a', response: { kind: 'scale', min: 0, max: 10 }, required: true }],
    versions: [
      {
        audience: 'adult',
        presentation: 'standard',
        content: { kind: 'included', title: 'Toy', instructions: 'Rate.', items: { a: { text: 'A?' } } },
      },
    ],
    scoring: {
      kind: 'total',
      method: 'sum',
      items: ['a'],
      reverse: [],
      missing: { kind: 'none-allowed' },
      subscales: [],
    },
    interpretation: {
      kind: 'published',
      direction: 'higher-is-worse',
      bands: [{ id: 'all', label: 'All', min: 0, max: 10 }],
      cutOffs: [],
      reliableChange: [{ value: 3, population: {}, source: 'Made up' }],
    },
    flags: [],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
})();

const at = (day: number): string => new Date(Date.UTC(2026, 0, 1 + day, 10)).toISOString();
const toy = (day: number, total: number, episodeId = 'e1'): ResponseFacts => ({
  episodeId,
  instrumentId: 'toy',
  instrumentVersion: 1,
  moment: 'check-in',
  status: 'complete',
  at: at(day),
  total,
  answers: {},
  flags: [],
});
const lookup = (id: string): InstrumentDefinition | undefined => (id === 'toy' ? def : undefined);
const sd = acrossClientSd(new Map());
const none = (): undefined => undefined;

describe('client signals', () => {
  it('flags a reliable change only when it exceeds the reliable-change value', () => {
    expect(computeClientSignals([toy(0, 8), toy(7, 5)], lookup, sd, none)).toEqual([]);
    expect(computeClientSignals([toy(0, 8), toy(7, 4)], lookup, sd, none)).toMatchObject([
      { kind: 'reliable-change', direction: 'improved', change: -4, reliableChangeValue: 3 },
    ]);
    expect(computeClientSignals([toy(0, 2), toy(7, 6)], lookup, sd, none)).toMatchObject([
      { direction: 'deteriorated' },
    ]);
  });

  it('reads only the latest episode', () => {
    expect(computeClientSignals([toy(0, 10, 'old'), toy(7, 2, 'old'), toy(14, 5, 'new')], lookup, sd, none)).toEqual(
      [],
    );
  });

  it('stores "not on track" for the latest response of the latest episode, with its instrument and date', () => {
    const rule = outcomeTrajectories(def, []);
    const byId = (id: string) => (id === 'toy' ? rule : undefined);
    // The toy's one band is 0–10 with a reliable-change value of 3: from 2, a 5 is on the edge, a 6 beyond it.
    expect(computeClientSignals([toy(0, 2), toy(7, 5)], lookup, sd, byId)).toEqual([]);
    expect(computeClientSignals([toy(0, 2), toy(7, 6)], lookup, sd, byId)).toContainEqual(
      expect.objectContaining({ kind: 'not-on-track', instrumentId: 'toy', at: at(7), session: 2, bound: 5 }),
    );
    expect(computeClientSignals([toy(0, 2, 'old'), toy(7, 6, 'old'), toy(14, 6)], lookup, sd, byId)).toEqual([]);
  });

  it('keeps a flag from a draft and drops it once a later response no longer raises it', () => {
    const flag = { id: 'risk', kind: 'risk', message: 'Ask.', itemIds: ['a'] } as const;
    const draft: ResponseFacts = { ...toy(0, 0), status: 'draft', total: null, flags: [flag] };
    expect(computeClientSignals([draft], lookup, sd, none)).toMatchObject([{ kind: 'flag', draft: true }]);
    expect(computeClientSignals([draft, toy(1, 1)], lookup, sd, none)).toEqual([]);
  });

  it('uses a stand-in spread across clients until the practice has enough ratings', () => {
    expect(sd).toMatchObject({ sd: ACROSS_SD_STAND_IN, source: 'stand-in' });
    const many = new Map([1, 2, 3].map((c) => [String(c), Array.from({ length: 7 }, (_, i) => c + i / 2)]));
    expect(acrossClientSd(many).source).toBe('practice');
  });

  it('finds the same spread from the sums alone as from every rating', () => {
    const ratings = fc.array(
      fc.array(
        fc.integer({ min: 0, max: 100 }).map((x) => x / 10),
        { maxLength: 12 },
      ),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(ratings, (byClient) => {
        const map = new Map(byClient.map((r, i) => [String(i), r]));
        const all = byClient.flat();
        const fromSums = acrossClientSdFromMoments({
          ratings: all.length,
          clients: byClient.filter((r) => r.length > 0).length,
          sum: all.reduce((a, b) => a + b, 0),
          sumOfSquares: all.reduce((a, b) => a + b * b, 0),
        });
        const twoPass = acrossClientSd(map);
        expect(fromSums.source).toBe(twoPass.source);
        expect(fromSums.ratings).toBe(twoPass.ratings);
        expect(fromSums.clients).toBe(twoPass.clients);
        expect(Math.abs(fromSums.sd - twoPass.sd)).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('administration', () => {
  it('refuses an age group the instrument has no version for', () => {
    expect(versionFor(def, 'adult').ok).toBe(true);
    expect(versionFor(def, 'child').ok).toBe(false);
  });

  it('dates a deferred rating to the session the day before', () => {
    expect(sessionDayOf('2026-01-02T08:00:00.000Z', 'deferred')).toBe('2026-01-01');
    expect(sessionDayOf('2026-01-02T08:00:00.000Z', 'check-out')).toBe('2026-01-02');
  });
});
