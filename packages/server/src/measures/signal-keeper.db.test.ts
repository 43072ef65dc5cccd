import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import type { ClientId, EpisodeId } from '@rapport/core';
import type { Store } from '@rapport/storage';
import { storedScores, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { TestClock, issueLink, practiceWithClient, testApp } from '../testing/harness.js';
import { loadInstrumentsOnce } from '../instruments/library.js';
import { createApp } from '../app.js';
import { SignalKeeper } from './signal-keeper.js';

const check = (mean: number, extra: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((id) => [id, String(mean)]),
  ),
  tension: 'no',
  ...extra,
});
const RUPTURE = check(3, { tension: 'yes', 'tension-strength': '3', 'tension-resolved': '1' });

type Call = (...args: unknown[]) => Promise<unknown>;

/** The real store, with some `measures` methods wrapped: `around[name]` runs instead, given the real one. */
function wrapMeasures(store: Store, around: Readonly<Record<string, (call: Call, args: unknown[]) => unknown>>): Store {
  const measures = new Proxy(store.measures, {
    get(target, prop, receiver): unknown {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const call: Call = (...args) => Reflect.apply(value, target, args) as Promise<unknown>;
      const wrap = typeof prop === 'string' ? around[prop] : undefined;
      return wrap ? (...args: unknown[]) => wrap(call, args) : call;
    },
  });
  return new Proxy(store, { get: (t, p): unknown => (p === 'measures' ? measures : Reflect.get(t, p)) });
}

/** The real store, counting the keeper's recomputes that reach it (each ends in one `replaceDueSignals`). */
function counting(store: Store): { store: Store; replaced: () => number } {
  let n = 0;
  const counted = wrapMeasures(store, {
    replaceDueSignals: (call, args) => {
      n += 1;
      return call(...args);
    },
  });
  return { store: counted, replaced: () => n };
}

/** Waits (up to five seconds) for something the keeper does on its own timer. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 5000) throw new Error('the keeper did not run');
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`signals kept off the submission's path, on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let n = 0;
    const clock = new TestClock();

    beforeAll(async () => {
      opened = await database.open();
    });
    afterAll(async () => {
      await opened.dispose();
    });

    /** The keeper of another server process over the same store: it knows only the store's marks. */
    const anotherProcess = (): SignalKeeper =>
      new SignalKeeper({
        store: opened.store,
        library: loadInstrumentsOnce(),
        clock,
        logger: pino({ level: 'silent' }),
      });

    /** An app whose keeper is given: `spacingMs` long enough that only `settle` runs it in a test. */
    async function world(spacingMs: number) {
      n += 1;
      const counted = counting(opened.store);
      const keeper = new SignalKeeper({
        store: counted.store,
        library: loadInstrumentsOnce(),
        clock,
        logger: pino({ level: 'silent' }),
        spacingMs,
      });
      const base = testApp(opened.store, clock);
      const deps = { ...base.deps, signals: keeper };
      const p = await practiceWithClient(
        { app: createApp(deps), deps },
        `Keeper ${String(n)}`,
        `keeper${String(n)}@example.org`,
        `KP-${String(n)}`,
      );
      // Links are issued first: the therapist's own requests settle the practice's signals.
      const links = async (count: number): Promise<string[]> => {
        const out: string[] = [];
        for (let i = 0; i < count; i += 1) out.push(await issueLink(p.browser, p.csrf, p.episodeId));
        return out;
      };
      const answer = async (link: string, answers: Record<string, string>): Promise<void> => {
        expect((await p.client.post(link, answers)).status).toBe(303);
        clock.advance(60_000);
      };
      const practiceId = p.practiceId;
      const clientId = p.clientId as ClientId;
      return { p, keeper, links, answer, replaced: counted.replaced, practiceId, clientId };
    }

    it('marks the client due in the submission, and a staff page recomputes before it shows anything', async () => {
      const w = await world(60_000);
      const links = await w.links(4);
      for (const [i, answers] of [check(8), check(8), check(8), RUPTURE].entries()) {
        await w.answer(links[i] ?? '', answers);
      }
      // Acknowledged and marked, not yet recomputed (the spacing holds the keeper back).
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).not.toBeNull();
      const page = await (await w.p.browser.get(`/clients/${w.p.clientId}`)).text();
      expect(page).toMatch(/rupture/i);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBeNull();
      const stored = await opened.store.measures.listSignals(w.practiceId, w.clientId);
      expect(stored.some((s) => s.signal.kind === 'rupture')).toBe(true);
      await w.keeper.close();
    });

    it('recomputes a burst of answers from one client once, not once per answer', async () => {
      const w = await world(60_000);
      // The first answer is recomputed at once (the keeper is idle); the next five wait for the spacing.
      const [first, ...rest] = await w.links(6);
      await w.answer(first ?? '', check(8));
      await until(() => w.replaced() === 1);
      for (const link of rest) await w.answer(link, check(8));
      await new Promise((r) => setTimeout(r, 50));
      expect(w.replaced()).toBe(1);
      await w.keeper.settle(w.practiceId);
      expect(w.replaced()).toBe(2);
      await w.keeper.close();
    });

    it('finishes at start-up the marks a stopped server left, and clears them', async () => {
      const w = await world(60_000);
      const links = await w.links(4);
      await w.keeper.close();
      for (const [i, answers] of [check(8), check(8), check(8), RUPTURE].entries()) {
        await w.answer(links[i] ?? '', answers);
      }
      expect(await opened.store.measures.listSignals(w.practiceId, w.clientId)).toEqual([]);
      // A new server process: its keeper knows nothing but the marks in the store.
      const next = anotherProcess();
      await next.sweep();
      const stored = await opened.store.measures.listSignals(w.practiceId, w.clientId);
      expect(stored.some((s) => s.signal.kind === 'rupture')).toBe(true);
      expect(await opened.store.measures.listSignalsDue(w.practiceId)).toEqual([]);
      await next.close();
    });

    it('settles one client from the mark in the store, though this process was never told of it', async () => {
      const w = await world(60_000);
      const links = await w.links(4);
      await w.keeper.close();
      for (const [i, answers] of [check(8), check(8), check(8), RUPTURE].entries()) {
        await w.answer(links[i] ?? '', answers);
      }
      const next = anotherProcess();
      await next.settleClient(w.practiceId, w.clientId);
      const stored = await opened.store.measures.listSignals(w.practiceId, w.clientId, 'rupture');
      expect(stored).toHaveLength(1);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBeNull();
      await next.close();
    });

    it('keeps a mark that a newer submission made while a recompute was reading', async () => {
      const w = await world(60_000);
      const [first, second] = await w.links(2);
      await w.keeper.close();
      await w.answer(first ?? '', check(8));
      const seen = await opened.store.measures.signalsDueMark(w.practiceId, w.clientId);
      expect(seen).not.toBeNull();
      await w.answer(second ?? '', check(8));
      // The recompute that read `seen` finishes after the second submission: the mark stays due.
      await opened.store.measures.replaceSignals(w.practiceId, w.clientId, [], clock.now().toISOString(), seen);
      const newer = await opened.store.measures.signalsDueMark(w.practiceId, w.clientId);
      expect(newer).not.toBeNull();
      expect(newer).not.toBe(seen);
      // The mark that was read is cleared, and only that one.
      await opened.store.measures.replaceSignals(w.practiceId, w.clientId, [], clock.now().toISOString(), newer);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBeNull();
    });

    it('never writes an older recompute over a newer one, from whichever process it comes', async () => {
      const w = await world(60_000);
      const [first, second] = await w.links(2);
      await w.keeper.close();
      await w.answer(first ?? '', RUPTURE);
      // Process A reads the mark, then its inputs: only the rupture.
      const seen = await opened.store.measures.signalsDueMark(w.practiceId, w.clientId);
      expect(seen).not.toBeNull();
      // Process B recomputes the same mark first and writes.
      const other = anotherProcess();
      await other.settleClient(w.practiceId, w.clientId);
      const written = await opened.store.measures.listSignals(w.practiceId, w.clientId);
      expect(written.some((s) => s.signal.kind === 'rupture')).toBe(true);
      // A finishes late with what it computed: nothing is written over B's signals.
      const late = [{ ...written[0]!.signal, at: '1999-01-01T00:00:00.000Z' }];
      const now = clock.now().toISOString();
      expect(await opened.store.measures.replaceDueSignals(w.practiceId, w.clientId, late, now, seen!)).toBe(false);
      expect(await opened.store.measures.listSignals(w.practiceId, w.clientId)).toEqual(written);
      // Nor when a newer answer has marked the client again: that mark stays for its own recompute.
      await w.answer(second ?? '', check(8));
      const newer = await opened.store.measures.signalsDueMark(w.practiceId, w.clientId);
      expect(await opened.store.measures.replaceDueSignals(w.practiceId, w.clientId, late, now, seen!)).toBe(false);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBe(newer);
      expect(await opened.store.measures.listSignals(w.practiceId, w.clientId)).toEqual(written);
      await other.close();
    });

    it('recomputes a therapist’s own change from the mark the store wrote with it, and leaves none', async () => {
      const w = await world(60_000);
      const [link] = await w.links(1);
      await w.answer(link ?? '', RUPTURE);
      await until(() => w.replaced() === 1);
      // Signals gone stale (as after a change the signals read), with nothing marked due.
      await opened.store.measures.replaceSignals(w.practiceId, w.clientId, [], clock.now().toISOString(), null);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBeNull();
      // Nothing due, nothing to do: a recompute is of a mark.
      await w.keeper.recomputeNow(w.practiceId, w.clientId);
      expect(w.replaced()).toBe(1);
      // The therapist rates the session: the rating's own transaction marks the client due.
      const rated = await opened.store.repair.saveTherapistRating(
        w.practiceId,
        {
          episodeId: w.p.episodeId as EpisodeId,
          instrumentId: 'rapport-relationship-check',
          instrumentVersion: 1,
          day: clock.now().toISOString().slice(0, 10),
          answers: {},
          scores: storedScores('rapport-relationship-check', 6, 10),
          ratedBy: w.p.user.id,
        },
        clock.now().toISOString(),
      );
      expect(rated.ok).toBe(true);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).not.toBeNull();
      await w.keeper.recomputeNow(w.practiceId, w.clientId);
      expect(w.replaced()).toBe(2);
      const stored = await opened.store.measures.listSignals(w.practiceId, w.clientId, 'rupture');
      expect(stored).toHaveLength(1);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBeNull();
      await w.keeper.close();
    });

    it('waits longer after each failed recompute, and keeps the mark until one succeeds', async () => {
      const w = await world(60_000);
      const [link] = await w.links(1);
      await w.keeper.close();
      await w.answer(link ?? '', RUPTURE);
      // A store whose reading of this client's answers fails until told otherwise.
      let failing = true;
      let tries = 0;
      const store = wrapMeasures(opened.store, {
        listResponses: (call, args) => {
          tries += 1;
          return failing ? Promise.reject(new Error('unreadable record')) : call(...args);
        },
      });
      const keeper = new SignalKeeper({
        store,
        library: loadInstrumentsOnce(),
        clock,
        logger: pino({ level: 'silent' }),
        spacingMs: 60_000,
        retryMs: 1000,
      });
      await keeper.settle(w.practiceId);
      expect(tries).toBe(1);
      // Page views within the wait do not try again, and are not held up by the failing client.
      await keeper.settle(w.practiceId);
      await keeper.settleClient(w.practiceId, w.clientId);
      expect(tries).toBe(1);
      // The therapist's own change tries at once; it fails too, and the wait doubles.
      await keeper.recomputeNow(w.practiceId, w.clientId);
      expect(tries).toBe(2);
      await new Promise((r) => setTimeout(r, 1100));
      await keeper.settle(w.practiceId);
      expect(tries).toBe(2);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).not.toBeNull();
      // New answers are tried at once, wait or not (this one fails too, and waits again).
      keeper.due(w.practiceId, w.clientId);
      await keeper.settle(w.practiceId);
      expect(tries).toBe(3);
      // Once the record can be read, the first page view after the wait tries again, and succeeds.
      failing = false;
      await new Promise((r) => setTimeout(r, 1100));
      await keeper.settle(w.practiceId);
      expect(tries).toBe(4);
      expect(await opened.store.measures.signalsDueMark(w.practiceId, w.clientId)).toBeNull();
      expect(await opened.store.measures.listSignals(w.practiceId, w.clientId, 'rupture')).toHaveLength(1);
      await keeper.close();
    });

    it('settles a page’s practice without waiting behind background work for another practice', async () => {
      const [a, b] = [await world(60_000), await world(60_000)];
      const [linkA, linkB] = [(await a.links(1))[0], (await b.links(1))[0]];
      await a.keeper.close();
      await b.keeper.close();
      await a.answer(linkA ?? '', RUPTURE);
      await b.answer(linkB ?? '', RUPTURE);
      // Reading practice B's client hangs until the gate opens: a long background recompute.
      let open: () => void = () => undefined;
      const gate = new Promise<void>((r) => {
        open = r;
      });
      let bStarted = false;
      const store = wrapMeasures(opened.store, {
        listResponses: async (call, args) => {
          if (args[1] === b.clientId) {
            bStarted = true;
            await gate;
          }
          return call(...args);
        },
      });
      const keeper = new SignalKeeper({
        store,
        library: loadInstrumentsOnce(),
        clock,
        logger: pino({ level: 'silent' }),
      });
      // Start-up: both marks are swept in the background, and B's recompute hangs.
      const sweeping = keeper.sweep();
      await until(() => bStarted);
      const settled = await Promise.race([
        keeper.settle(a.practiceId).then(() => 'settled'),
        new Promise((r) =>
          setTimeout(() => {
            r('still waiting');
          }, 3000),
        ),
      ]);
      expect(settled).toBe('settled');
      expect(await opened.store.measures.listSignals(a.practiceId, a.clientId, 'rupture')).toHaveLength(1);
      open();
      await sweeping;
      expect(await opened.store.measures.listSignals(b.practiceId, b.clientId, 'rupture')).toHaveLength(1);
      await keeper.close();
    });
  });
}
