import { describe, expect, it } from 'vitest';
import {
  TIMELINE_RULES,
  entriesByDay,
  numberSessions,
  timelineOf,
  type TimelineFacts,
  type TimelineSessionFacts,
  type TimelineStage,
} from './index.js';

interface Sig {
  readonly kind: string;
  readonly at: string;
}

/** Weekly attended sessions from 2 March 2026 (a Monday), each at 10:00. */
const weekly = (count: number, from = 0): TimelineSessionFacts[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `s${String(from + i + 1)}`,
    heldOn: new Date(Date.UTC(2026, 2, 2 + 7 * (from + i))).toISOString().slice(0, 10),
    modality: 'in-person',
    attendance: 'attended',
    minutes: 50,
  }));
const dayOfSession = (n: number): string => weekly(n)[n - 1]?.heldOn ?? '';

const facts = (over: Partial<TimelineFacts<Sig>> = {}): TimelineFacts<Sig> => ({
  sessions: [],
  contracts: [],
  responses: [],
  goals: [],
  notes: [],
  boundaries: [],
  signals: [],
  ...over,
});
const OPEN = { openedAt: '2026-02-20T09:00:00.000Z', closedAt: null };

const kinds = (stages: readonly TimelineStage<Sig>[]): string[] =>
  stages.map((s) =>
    s.kind === 'early' || s.kind === 'block' ? `${s.kind}:${String(s.review?.session ?? '…')}` : s.kind,
  );

describe('an episode’s timeline', () => {
  it('puts the contract before the first session, sessions 1–3 in the early stage and a review every sixth session', () => {
    const t = timelineOf(
      OPEN,
      facts({
        sessions: weekly(8),
        contracts: [
          {
            version: 1,
            createdAt: '2026-02-24T12:00:00.000Z',
            questions: [{ askedAt: '2026-02-25T18:00:00.000Z' }],
            agreements: [{ role: 'client', agreedAt: '2026-02-26T08:00:00.000Z' }],
          },
        ],
      }),
      null,
    );
    expect(kinds(t.stages)).toEqual(['contracting', 'early:…', 'block:6', 'block:…', 'ending', 'follow-up']);
    const [contracting, early, six, current, ending, followUp] = t.stages;
    expect(contracting?.entries.flatMap((e) => e.contract.map((c) => c.kind))).toEqual(['offered', 'asked', 'agreed']);
    expect(early?.sessions).toEqual({ first: 1, last: 3 });
    expect(six?.kind === 'block' && six.review).toEqual({
      session: 6,
      day: dayOfSession(6),
      scheduled: true,
      signals: [],
    });
    expect(six?.sessions).toEqual({ first: 4, last: 6 });
    expect(current?.kind === 'block' && { sessions: current.sessions, next: current.nextReview }).toEqual({
      sessions: { first: 7, last: 8 },
      next: TIMELINE_RULES.reviewEvery * 2,
    });
    expect(ending?.kind === 'ending' && ending.status).toBe('open');
    expect(followUp?.kind === 'follow-up' && followUp.status).toBe('not-yet');
    expect(t.attendedSessions).toBe(8);
  });

  it('brings a review forward to the first session on or after a signal, and reviews early signals at session 3', () => {
    const rupture = { kind: 'rupture', at: `${dayOfSession(4)}T11:00:00.000Z` };
    // Raised the day after session 7 (a next-day rating): reviewed at session 8.
    const late = {
      kind: 'stuck',
      at: `${new Date(Date.parse(dayOfSession(7)) + 86_400_000).toISOString().slice(0, 10)}T08:00:00.000Z`,
    };
    const early = { kind: 'flag', at: `${dayOfSession(2)}T11:00:00.000Z` };
    const t = timelineOf(OPEN, facts({ sessions: weekly(9), signals: [rupture, late, early] }), null);
    expect(kinds(t.stages)).toEqual([
      'contracting',
      'early:3',
      'block:4',
      'block:6',
      'block:8',
      'block:…',
      'ending',
      'follow-up',
    ]);
    const byReview = (n: number) =>
      t.stages.find(
        (s): s is Extract<TimelineStage<Sig>, { kind: 'block' | 'early' }> =>
          (s.kind === 'block' || s.kind === 'early') && s.review?.session === n,
      );
    expect(byReview(3)?.review).toMatchObject({ scheduled: false, signals: [early] });
    expect(byReview(4)?.review).toMatchObject({ scheduled: false, signals: [rupture] });
    expect(byReview(6)?.review).toMatchObject({ scheduled: true, signals: [] });
    expect(byReview(8)?.review).toMatchObject({ scheduled: false, signals: [late] });
    expect(byReview(8)?.sessions).toEqual({ first: 7, last: 8 });
  });

  it('holds a signal raised after the latest session as due at the next one', () => {
    const after = { kind: 'not-on-track', at: '2026-04-01T09:00:00.000Z' };
    const t = timelineOf(OPEN, facts({ sessions: weekly(4), signals: [after] }), null);
    const current = t.stages.at(-3);
    expect(current?.kind === 'block' && { review: current.review, due: current.due, next: current.nextReview }).toEqual(
      { review: null, due: [after], next: 6 },
    );
  });

  it('keeps an episode without sessions in contracting, and an episode of two sessions in its early stage', () => {
    expect(kinds(timelineOf(OPEN, facts(), null).stages)).toEqual(['contracting', 'ending', 'follow-up']);
    const two = timelineOf(OPEN, facts({ sessions: weekly(2) }), null);
    expect(kinds(two.stages)).toEqual(['contracting', 'early:…', 'ending', 'follow-up']);
    expect(two.stages[1]?.sessions).toEqual({ first: 1, last: 2 });
  });

  it('numbers attended sessions only: a cancellation and a missed session are listed without a number', () => {
    const [a, b, c] = weekly(3);
    if (!a || !b || !c) throw new Error('fixture');
    const numbered = numberSessions([
      c,
      { ...b, attendance: 'cancelled', minutes: null },
      a,
      { ...a, id: 'dna', heldOn: '2026-03-05', attendance: 'did-not-attend', minutes: null },
    ]);
    expect(numbered.map((s) => [s.id, s.number])).toEqual([
      ['s1', 1],
      ['dna', null],
      ['s2', null],
      ['s3', 2],
    ]);
  });

  it('places the ending on the day the episode closed and anything later in the follow-up', () => {
    const closed = { openedAt: OPEN.openedAt, closedAt: `${dayOfSession(5)}T17:00:00.000Z` };
    const followUp = {
      instrumentId: 'phq-9',
      moment: 'check-in' as const,
      status: 'complete' as const,
      at: '2026-07-01T09:00:00.000Z',
      total: 6,
    };
    const t = timelineOf(closed, facts({ sessions: weekly(5), responses: [followUp] }), null);
    expect(kinds(t.stages)).toEqual(['contracting', 'early:…', 'block:…', 'ending', 'follow-up']);
    const ending = t.stages.at(-2);
    expect(ending?.kind === 'ending' && ending.status === 'ended' && [ending.endedOn, ending.sessions]).toEqual([
      dayOfSession(5),
      { first: 5, last: 5 },
    ]);
    const last = t.stages.at(-1);
    expect(last?.kind === 'follow-up' && [last.status, last.entries.map((e) => e.day)]).toEqual([
      'after-ending',
      ['2026-07-01'],
    ]);
    // The endings record, when there is one, decides the day and says how it ended.
    const recorded = timelineOf(closed, facts({ sessions: weekly(5) }), {
      endedOn: dayOfSession(4),
      label: 'Planned ending',
      followUpOn: '2026-09-01',
    });
    expect(recorded.stages.at(-2)).toMatchObject({ kind: 'ending', status: 'ended', label: 'Planned ending' });
    expect(recorded.stages.at(-1)).toMatchObject({ kind: 'follow-up', followUpOn: '2026-09-01' });
  });
});

describe('the facts of a day', () => {
  it('files a next-day rating under its session, leaves drafts out, and keeps only the notes a client shared', () => {
    const entries = entriesByDay<Sig>(
      facts({
        sessions: weekly(1),
        responses: [
          { instrumentId: 'rc', moment: 'deferred', status: 'complete', at: '2026-03-03T08:00:00.000Z', total: 7 },
          { instrumentId: 'phq-9', moment: 'check-in', status: 'draft', at: '2026-03-02T09:50:00.000Z', total: null },
        ],
        goals: [{ id: 'g1', ratings: [{ rating: 4, ratedAt: '2026-03-02T09:55:00.000Z' }] }],
        notes: [
          { series: 'measure:rc', pointAt: '2026-03-03T08:00:00.000Z', text: 'Shared words', visibility: 'shared' },
          { series: 'measure:rc', pointAt: '2026-03-03T08:00:00.000Z', text: 'Kept to myself', visibility: 'private' },
        ],
        boundaries: [{ id: 'b1', kind: 'gift', occurredOn: '2026-03-02', clauseId: null }],
      }),
    );
    expect(entries).toHaveLength(1);
    const [day] = entries;
    expect(day?.day).toBe('2026-03-02');
    expect(day?.measures.map((m) => m.instrumentId)).toEqual(['rc']);
    expect(day?.goalRatings).toEqual([{ goalId: 'g1', rating: 4, at: '2026-03-02T09:55:00.000Z' }]);
    expect(day?.notes.map((n) => n.text)).toEqual(['Shared words']);
    expect(day?.boundaries.map((b) => b.kind)).toEqual(['gift']);
    expect(JSON.stringify(entries)).not.toContain('Kept to myself');
  });
});
