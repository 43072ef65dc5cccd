import { describe, expect, it } from 'vitest';
import { computeClientSignals, type AcrossSd, type ClientSignal, type ResponseFacts } from '../measures/signals.js';
import {
  OVERDUE_AFTER_DAYS,
  checkOverdue,
  compareByNeed,
  needsFromMarks,
  needsFromSignals,
  parseSignalMark,
  signalMark,
  sortByNeed,
  type CaseloadEntry,
} from './caseload.js';
import { checkDivergence, divergenceThreshold, pairPerspectives, type TherapistRatingFacts } from './perspectives.js';
import { parseRepairAnswer, ruptureAtFromKey, ruptureKey, withClientAnswers } from './repair.js';

const at = (day: number, hour = 11): string => new Date(Date.UTC(2026, 0, 1 + day, hour)).toISOString();
const standIn: AcrossSd = { sd: 1.5, source: 'stand-in', ratings: 0, clients: 0 };

describe('need ordering', () => {
  const flag = (when: string, risk = true): ClientSignal => ({
    kind: 'flag',
    flag: risk ? 'risk' : 'relationship',
    flagId: 'f',
    message: 'm',
    instrumentId: 'phq-9',
    at: when,
    draft: false,
  });
  const rupture = (when: string, repaired = false): ClientSignal => ({
    kind: 'rupture',
    instrumentId: 'rapport-relationship-check',
    at: when,
    score: 3,
    triggers: [{ rule: 'client-reported' }],
    repair: repaired ? { status: 'repaired', at: when, how: 'score-returned' } : { status: 'unrepaired' },
    acrossSd: standIn,
  });
  const stuck = (when: string): ClientSignal => ({
    kind: 'stuck',
    instrumentId: 'phq-9',
    at: when,
    window: 6,
    contributions: [],
  });
  const worse = (when: string, direction: 'improved' | 'deteriorated' = 'deteriorated'): ClientSignal => ({
    kind: 'reliable-change',
    direction,
    instrumentId: 'phq-9',
    at: when,
    first: { at: when, score: 5 },
    latest: { at: when, score: 15 },
    change: 10,
    reliableChangeValue: 5.2,
    source: 's',
  });
  const row = (code: string, signals: readonly ClientSignal[]): CaseloadEntry => ({
    code,
    needs: needsFromSignals(signals),
  });

  it('names one need per kind, most urgent first, dated by its latest signal, and ignores what needs no look', () => {
    expect(needsFromSignals([stuck(at(1)), flag(at(2)), flag(at(5)), worse(at(3)), worse(at(4), 'improved')])).toEqual([
      { kind: 'risk', at: at(5) },
      { kind: 'deterioration', at: at(3) },
      { kind: 'stuck', at: at(1) },
    ]);
    expect(needsFromSignals([rupture(at(1), true), flag(at(1), false)])).toEqual([]);
    expect(needsFromSignals([rupture(at(1))])).toEqual([{ kind: 'rupture', at: at(1) }]);
  });

  it('marks each signal with what the caseload needs, and reads needs from marks alone', () => {
    expect(
      [
        flag(at(1)),
        flag(at(1), false),
        rupture(at(1)),
        rupture(at(1), true),
        worse(at(1)),
        worse(at(1), 'improved'),
      ].map(signalMark),
    ).toEqual(['risk', 'tension', 'rupture', 'rupture-repaired', 'worse', 'better']);
    expect(
      needsFromMarks([
        { mark: 'better', at: at(1) },
        { mark: 'stuck', at: at(2) },
      ]),
    ).toEqual([{ kind: 'stuck', at: at(2) }]);
    expect(parseSignalMark('stuck')).toBe('stuck');
    expect(parseSignalMark('nonsense')).toBeNull();
  });

  it('puts risk first, then an unrepaired rupture, deterioration, not on track, divergence, stuck, overdue', () => {
    const overdue = { reason: 'link-expired', issuedAt: at(0), at: at(9) } as const;
    const rows = [
      { code: 'G', needs: needsFromSignals([], overdue) },
      row('F', [stuck(at(9))]),
      row('A', []),
      row('C', [worse(at(1))]),
      row('B', [rupture(at(1))]),
      row('R', [flag(at(1))]),
    ];
    expect(sortByNeed(rows).map((r) => r.code)).toEqual(['R', 'B', 'C', 'F', 'G', 'A']);
  });

  it('breaks a tie by the most recent signal of the shared need, then by more needs, then by code', () => {
    const rows = [
      row('OLD', [rupture(at(1))]),
      row('NEW', [rupture(at(3))]),
      row('MORE', [rupture(at(1)), stuck(at(0))]),
      row('SAME', [rupture(at(1))]),
    ];
    expect(sortByNeed(rows).map((r) => r.code)).toEqual(['NEW', 'MORE', 'OLD', 'SAME']);
    expect(compareByNeed(row('X', []), row('Y', []))).toBeLessThan(0);
  });
});

describe('overdue', () => {
  const base = { openedAt: at(0), lastCompletedAt: null, lastLink: null };

  it('is overdue only after more than the set number of days without a completed measure', () => {
    expect(OVERDUE_AFTER_DAYS).toBe(14);
    expect(checkOverdue(base, at(14, 11))).toBeNull();
    expect(checkOverdue(base, new Date(Date.parse(at(14, 11)) + 1).toISOString())).toMatchObject({
      reason: 'no-recent-measure',
      since: at(0),
      days: 14,
      at: at(14),
    });
    expect(checkOverdue({ ...base, lastCompletedAt: at(10) }, at(20))).toBeNull();
    expect(checkOverdue({ ...base, lastCompletedAt: at(10) }, at(25))).toMatchObject({ days: 15 });
  });

  it('is overdue when the latest link expired unanswered and nothing was completed since it was sent', () => {
    const sent = { issuedAt: at(3), expiresAt: at(10), answered: false };
    const input = { ...base, lastCompletedAt: at(2), lastLink: sent };
    expect(checkOverdue(input, at(9))).toBeNull(); // still open
    expect(checkOverdue(input, at(10))).toEqual({ reason: 'link-expired', issuedAt: at(3), at: at(10) });
    // Answered, or the client completed something after it was sent: not overdue.
    expect(checkOverdue({ ...input, lastLink: { ...sent, answered: true } }, at(12))).toBeNull();
    expect(checkOverdue({ ...input, lastCompletedAt: at(5) }, at(12))).toBeNull();
  });
});

const check = (day: number, total: number): ResponseFacts => ({
  episodeId: 'e1',
  instrumentId: 'rapport-relationship-check',
  instrumentVersion: 1,
  moment: 'check-out',
  status: 'complete',
  at: at(day),
  total,
  answers: {},
  flags: [],
});
const mine = (day: number, total: number, episodeId = 'e1'): TherapistRatingFacts => ({
  episodeId,
  instrumentId: 'rapport-relationship-check',
  day: at(day).slice(0, 10),
  total,
  at: at(day, 12),
});

describe('divergence', () => {
  const sd = divergenceThreshold(undefined, standIn);

  it('uses the reliable-change value where the measure has one, else one SD across clients', () => {
    expect(divergenceThreshold({ value: 2, source: 'x' }, standIn)).toEqual({
      basis: 'reliable-change',
      value: 2,
      source: 'x',
    });
    expect(sd).toEqual({ basis: 'sd', k: 1, sd: 1.5, sdSource: 'stand-in', value: 1.5 });
  });

  it('pairs the two views by session day, the later rating of a day standing', () => {
    const pairs = pairPerspectives(
      [
        { day: '2026-01-02', total: 6, at: at(1) },
        { day: '2026-01-03', total: 7, at: at(2) },
      ],
      [mine(2, 8), mine(1, 7), { ...mine(1, 9), at: at(1, 20) }],
    );
    expect(pairs.map((p) => [p.day, p.client.total, p.therapist.total])).toEqual([
      ['2026-01-02', 6, 9],
      ['2026-01-03', 7, 8],
    ]);
  });

  it('is raised only when the therapist’s rating exceeds the client’s by more than the threshold', () => {
    const pair = (client: number, therapist: number) =>
      pairPerspectives([{ day: 'd', total: client, at: at(0) }], [{ ...mine(0, therapist), day: 'd' }]);
    expect(checkDivergence(pair(6, 7.5), sd)).toBeNull(); // exactly 1.5: not clearly higher
    expect(checkDivergence(pair(6, 7.6), sd)).toMatchObject({ client: 6, therapist: 7.6, diverged: 1, paired: 1 });
    expect(checkDivergence(pair(8, 4), sd)).toBeNull(); // the client rating higher is not this signal
    expect(checkDivergence([], sd)).toBeNull();
  });

  it('is stored as a signal of the latest paired session with its numbers, in the latest episode only', () => {
    const lookup = (): undefined => undefined;
    const none = (): undefined => undefined;
    const signals = computeClientSignals([check(0, 8), check(7, 6)], lookup, standIn, none, {
      therapistRatings: [mine(0, 8.5), mine(7, 8)],
    });
    const found = signals.find((s) => s.kind === 'divergence');
    expect(found).toMatchObject({
      kind: 'divergence',
      day: at(7).slice(0, 10),
      client: 6,
      therapist: 8,
      gap: 2,
      threshold: { basis: 'sd', value: 1.5 },
      diverged: 1,
      paired: 2,
      at: at(7, 12),
    });
    const otherEpisode = computeClientSignals([check(7, 6)], lookup, standIn, none, {
      therapistRatings: [mine(7, 9, 'e0')],
    });
    expect(otherEpisode.some((s) => s.kind === 'divergence')).toBe(false);
    // With a reliable-change value of 2, a gap of exactly 2 is not enough, and 2.1 is.
    const rc = divergenceThreshold({ value: 2, source: 'x' }, standIn);
    const gap = (therapist: number) =>
      checkDivergence(pairPerspectives([{ day: 'd', total: 6, at: at(0) }], [{ ...mine(0, therapist), day: 'd' }]), rc);
    expect(gap(8)).toBeNull();
    expect(gap(8.1)).toMatchObject({ threshold: { basis: 'reliable-change', value: 2 } });
  });
});

describe('rupture → repair', () => {
  it('reads the optional answer: blank is none, anything not offered is refused', () => {
    expect(parseRepairAnswer(undefined)).toEqual({ ok: true, value: null });
    expect(parseRepairAnswer(' better ')).toEqual({ ok: true, value: 'better' });
    expect(parseRepairAnswer('maybe').ok).toBe(false);
  });

  it('names a rupture by its time, and reads only keys back', () => {
    expect(ruptureKey('2026-03-02T11:00:00.000Z')).toBe('1772449200000');
    expect(ruptureAtFromKey('1772449200000')).toBe('2026-03-02T11:00:00.000Z');
    expect(ruptureAtFromKey('abc')).toBeNull();
    expect(ruptureAtFromKey('9'.repeat(16))).toBeNull();
  });

  it('repairs a rupture when the client says things feel better, but not on "about the same"', () => {
    const open = { status: 'awaiting-repair', sessionsLeft: 2 } as const;
    expect(withClientAnswers(at(1), open, [{ ruptureAt: at(1), answer: 'same', at: at(8) }])).toEqual(open);
    expect(withClientAnswers(at(1), open, [{ ruptureAt: at(0), answer: 'better', at: at(8) }])).toEqual(open);
    expect(
      withClientAnswers(at(1), open, [
        { ruptureAt: at(1), answer: 'better', at: at(15) },
        { ruptureAt: at(1), answer: 'better', at: at(8) },
      ]),
    ).toEqual({ status: 'repaired', at: at(8), how: 'client-says-better' });
    const earlier = { status: 'repaired', at: at(5), how: 'score-returned' } as const;
    expect(withClientAnswers(at(1), earlier, [{ ruptureAt: at(1), answer: 'better', at: at(8) }])).toEqual(earlier);
  });

  it('closes a client-reported rupture as repaired through computeClientSignals', () => {
    const tension: ResponseFacts = {
      ...check(0, 7),
      answers: { tension: { kind: 'boolean', value: true }, 'tension-resolved': { kind: 'option', code: '1' } },
    };
    const none = (): undefined => undefined;
    const before = computeClientSignals([tension], none, standIn, none);
    expect(before).toContainEqual(
      expect.objectContaining({ kind: 'rupture', repair: { status: 'awaiting-repair', sessionsLeft: 3 } }),
    );
    const after = computeClientSignals([tension], none, standIn, none, {
      repairAnswers: [{ ruptureAt: at(0), answer: 'better', at: at(7) }],
    });
    expect(after).toContainEqual(
      expect.objectContaining({
        kind: 'rupture',
        repair: { status: 'repaired', at: at(7), how: 'client-says-better' },
      }),
    );
  });
});
