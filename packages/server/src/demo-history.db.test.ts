import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asPracticeId, type ClientSignal } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_HISTORY_PER_BAND, demoHistoryTotals } from './demo-history.js';
import { ensureDemo } from './demo.js';
import { loadInstrumentsOnce } from './instruments/library.js';
import { practiceTrajectories } from './measures/trajectories.js';

describe('the demo’s past episodes', () => {
  it('are generated the same way every time, within the PHQ-9’s range, five to eight sessions each', () => {
    const band = { min: 20, max: 28 };
    expect(demoHistoryTotals(band, 3)).toEqual(demoHistoryTotals(band, 3));
    for (let e = 0; e < DEMO_HISTORY_PER_BAND; e++) {
      const totals = demoHistoryTotals(band, e);
      expect(totals.length).toBeGreaterThanOrEqual(5);
      expect(totals.length).toBeLessThanOrEqual(8);
      expect(totals.every((t) => Number.isInteger(t) && t >= 0 && t <= 27)).toBe(true);
      expect(totals[0]).toBeGreaterThanOrEqual(20);
    }
  });
});

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the demo practice’s expected curves on ${database.label}`, () => {
    let opened: OpenedTestStore;
    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('fits the practice’s own PHQ-9 curve from mild upwards and shows the stuck client as not on track', async () => {
      const store = opened.store;
      const library = loadInstrumentsOnce();
      await ensureDemo(store, new Date('2026-03-02T09:00:00.000Z'), 'a long enough passphrase', library);
      const practiceId = asPracticeId((await store.getMeta('demo.practice_id')) ?? '');

      const phq9 = (await practiceTrajectories(store, library, practiceId)).get('phq-9');
      expect(phq9?.bands.map((b) => [b.band.label, b.curve?.source.kind, b.practice.episodes])).toEqual([
        ['Minimal', 'published', 0],
        ['Mild', 'practice', DEMO_HISTORY_PER_BAND],
        ['Moderate', 'practice', DEMO_HISTORY_PER_BAND],
        ['Moderately severe', 'practice', DEMO_HISTORY_PER_BAND],
        ['Severe', 'practice', DEMO_HISTORY_PER_BAND],
      ]);

      const clients = await store.listClients(practiceId);
      const signalsOf = async (code: string): Promise<ClientSignal[]> => {
        const client = clients.find((c) => c.code === code);
        return client ? (await store.measures.listSignals(practiceId, client.id)).map((s) => s.signal) : [];
      };
      const stuck = (await signalsOf('RC-103')).find((s) => s.kind === 'not-on-track');
      expect(stuck).toMatchObject({ session: 8, score: 15, intake: 14, source: { kind: 'practice' } });
      for (const code of ['RC-101', 'RC-102', 'RC-104', 'RC-106']) {
        expect((await signalsOf(code)).map((s) => s.kind)).not.toContain('not-on-track');
      }
      // The past clients' own episodes have ended: they raise no signals.
      expect(await signalsOf('RC-H001')).toEqual([]);
    });
  });
}
