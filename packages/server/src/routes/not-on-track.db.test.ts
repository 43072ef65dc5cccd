import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIN_EPISODES_PER_BAND, scoreResponse, type ClientId } from '@rapport/core';
import type { PastEpisode } from '@rapport/storage';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { loadInstrumentsOnce } from '../instruments/library.js';
import { TestClock, issueLink, practiceWithClient, testApp, storedSignals } from '../testing/harness.js';

/** PHQ-9 answers adding up to `total` (items 1–8 filled in turn, item 9 always 0). */
const phq9 = (total: number): Record<string, string> => ({
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`item-${String(i)}`, String(Math.max(0, Math.min(3, total - (i - 1) * 3)))]),
  ),
  'item-9': '0',
});

/** A past PHQ-9 response scored as the app scores a client's answers. */
function pastResponse(total: number, at: string): PastEpisode['responses'][number] {
  const def = loadInstrumentsOnce().get('phq-9')?.definition;
  const scored = def ? scoreResponse(def, 'adult', phq9(total)) : undefined;
  if (!scored?.ok) throw new Error('setup');
  const { answers, ...scores } = scored.value;
  return {
    instrumentId: 'phq-9',
    instrumentVersion: 1,
    audience: 'adult',
    moment: 'check-in',
    answers,
    scores,
    flags: [],
    at,
  };
}

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`not on track, stored and shown, on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let n = 0;
    const clock = new TestClock();

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const practice = () => {
      n += 1;
      return practiceWithClient(t, `Trajectories ${String(n)}`, `t${String(n)}@example.org`, `NT-${String(n)}`);
    };

    async function answer(p: Awaited<ReturnType<typeof practice>>, total: number): Promise<void> {
      const link = await issueLink(p.browser, p.csrf, p.episodeId, { instrumentId: 'phq-9', moment: 'check-in' });
      expect((await p.client.post(link, phq9(total))).status).toBe(303);
      // A minute apart: enough for an order on every database, within the sign-in's idle limit.
      clock.advance(60_000);
    }

    const notOnTrack = async (p: Awaited<ReturnType<typeof practice>>) =>
      (await storedSignals(t, p.practiceId, p.clientId as ClientId)).find((s) => s.signal.kind === 'not-on-track')
        ?.signal;

    it('uses the published rule without completed episodes: a score on the edge is on track, one point more is not', async () => {
      const p = await practice();
      await answer(p, 8);
      await answer(p, 14);
      expect(await notOnTrack(p)).toBeUndefined();
      let page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('Not on track: each outcome measure');
      expect(page).toContain('<polygon');

      await answer(p, 15);
      expect(await notOnTrack(p)).toMatchObject({
        kind: 'not-on-track',
        instrumentId: 'phq-9',
        session: 3,
        score: 15,
        intake: 8,
        expected: 8,
        bound: 14,
        band: { label: 'Mild', min: 5, max: 10 },
        source: { kind: 'published' },
        practice: { episodes: 0, observations: 0 },
        minimum: { episodes: MIN_EPISODES_PER_BAND, observations: 100 },
      });
      page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('Not on track: PHQ-9 at session 3');
      expect(page).toContain('a score above 14 is outside the expected range');
      expect(page).toContain('Expected range: a published rule, because this practice has 0 completed episodes');
      expect(page).toContain('Finch, Lambert &amp; Schaalje (2001)');
      expect(page).toContain('Not a validated recovery curve.');
      expect(await (await p.browser.get('/clients')).text()).toContain('>Not on track<');
    });

    it('switches to the practice’s own curve once enough episodes in the band have closed', async () => {
      const p = await practice();
      await answer(p, 8);
      await answer(p, 8);
      // Staying put is no reliable worsening: on track under the published rule.
      expect(await notOnTrack(p)).toBeUndefined();

      // Completed episodes with an intake of 7–9 (mild), improving by about 4 points per ln(session).
      const past: PastEpisode[] = [];
      for (let e = 0; e < MIN_EPISODES_PER_BAND; e++) {
        const created = await opened.store.createClient(
          p.practiceId,
          { code: `NT-H${String(n)}-${String(e)}`, displayName: null },
          clock.now().toISOString(),
        );
        if (!created.ok) throw new Error('setup');
        const start = Date.parse('2025-01-06T09:00:00.000Z') + e * 86_400_000;
        const intake = 7 + (e % 3);
        const totals = [0, 1, 2, 3, 4, 5].map((i) =>
          i === 0 ? intake : Math.max(0, Math.round(intake - 4 * Math.log(i + 1) + (((e + i) % 3) - 1))),
        );
        past.push({
          clientId: created.value.id,
          openedAt: new Date(start).toISOString(),
          closedAt: new Date(start + 60 * 86_400_000).toISOString(),
          responses: totals.map((total, i) =>
            pastResponse(total, new Date(start + (7 * i + 1) * 86_400_000).toISOString()),
          ),
        });
      }
      const imported = await opened.store.measures.importClosedEpisodes(p.practiceId, p.user.id, past);
      expect(imported.ok).toBe(true);

      await answer(p, 8);
      const signal = await notOnTrack(p);
      expect(signal).toMatchObject({
        session: 3,
        score: 8,
        intake: 8,
        band: { label: 'Mild' },
        source: { kind: 'practice', episodes: MIN_EPISODES_PER_BAND, observations: 120 },
        practice: { episodes: MIN_EPISODES_PER_BAND, observations: 120 },
      });
      const page = await (await p.browser.get(`/clients/${p.clientId}`)).text();
      expect(page).toContain('Expected range: this practice’s own curve for intakes in the mild band');
      expect(page).toContain('fitted from 20 completed episodes (120 scores)');
      expect(page).toContain('not validated');
    });
  });
}
