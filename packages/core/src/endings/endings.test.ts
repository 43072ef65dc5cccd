import { describe, expect, it } from 'vitest';
import {
  addMonths,
  endingLinkAllowed,
  followUpSchedulable,
  followUpStatus,
  parseEnding,
  parseFollowUpMonths,
  parsePreparation,
  sessionsRemaining,
  type EndingLinkState,
} from './ending.js';

const TODAY = '2026-03-02';

describe('preparing the ending', () => {
  it('accepts sessions left, a last date, or both', () => {
    expect(parsePreparation({ sessionsLeft: '3', endOn: '' }, TODAY)).toEqual({
      ok: true,
      value: { sessionsLeft: 3, endOn: null },
    });
    expect(parsePreparation({ sessionsLeft: '', endOn: '2026-04-14' }, TODAY)).toEqual({
      ok: true,
      value: { sessionsLeft: null, endOn: '2026-04-14' },
    });
    expect(parsePreparation({ sessionsLeft: ' 1 ', endOn: TODAY }, TODAY)).toEqual({
      ok: true,
      value: { sessionsLeft: 1, endOn: TODAY },
    });
  });

  it('refuses neither, nought, fractions, too many, a past date, a date beyond two years, a date that does not exist', () => {
    const fields = (sessionsLeft: string, endOn: string) => {
      const r = parsePreparation({ sessionsLeft, endOn }, TODAY);
      return r.ok ? null : Object.keys(r.error.fields ?? {});
    };
    expect(fields('', '')).toEqual(['sessionsLeft']);
    expect(fields('0', '')).toEqual(['sessionsLeft']);
    expect(fields('2.5', '')).toEqual(['sessionsLeft']);
    expect(fields('53', '')).toEqual(['sessionsLeft']);
    expect(fields('-1', '2026-03-01')).toEqual(['sessionsLeft', 'endOn']);
    expect(fields('', '2028-03-03')).toEqual(['endOn']);
    expect(fields('', '2026-02-30')).toEqual(['endOn']);
    expect(fields('', '2028-03-01')).toBeNull();
  });

  it('counts down only the sessions attended since the agreement, never below nought', () => {
    expect(sessionsRemaining(3, 0)).toBe(3);
    expect(sessionsRemaining(3, 2)).toBe(1);
    expect(sessionsRemaining(3, 5)).toBe(0);
  });
});

describe('ending an episode', () => {
  const limits = { today: TODAY, openedOn: '2026-01-05' };

  it('reads a planned ending and an unplanned one with its reason', () => {
    expect(parseEnding({ kind: 'planned', endedOn: TODAY, reason: 'moved-away' }, limits)).toEqual({
      ok: true,
      value: { kind: 'planned', endedOn: TODAY },
    });
    expect(parseEnding({ kind: 'unplanned', reason: 'stopped-coming', endedOn: '2026-02-10' }, limits)).toEqual({
      ok: true,
      value: { kind: 'unplanned', reason: 'stopped-coming', endedOn: '2026-02-10' },
    });
  });

  it('names every problem at once: no kind, no reason for an unplanned ending, a future day, a day before the episode', () => {
    const problems = (fields: Record<string, string>) => {
      const r = parseEnding(fields, limits);
      return r.ok ? null : Object.keys(r.error.fields ?? {}).sort();
    };
    expect(problems({})).toEqual(['endedOn', 'kind']);
    expect(problems({ kind: 'unplanned', endedOn: TODAY })).toEqual(['reason']);
    expect(problems({ kind: 'unplanned', reason: 'bored', endedOn: TODAY })).toEqual(['reason']);
    expect(problems({ kind: 'planned', endedOn: '2026-03-03' })).toEqual(['endedOn']);
    expect(problems({ kind: 'planned', endedOn: '2026-01-04' })).toEqual(['endedOn']);
    expect(problems({ kind: 'closed', endedOn: TODAY })).toEqual(['kind']);
  });
});

describe('follow-up', () => {
  it('offers 1, 3 or 6 months only', () => {
    expect(parseFollowUpMonths('3')).toEqual({ ok: true, value: 3 });
    for (const raw of ['', '2', '12', '3 ', 'three', undefined]) {
      expect(parseFollowUpMonths(raw).ok, String(raw)).toBe(raw === '3 ');
    }
  });

  it('adds calendar months, keeping to the end of a shorter month and crossing the year', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-10-15', 3)).toBe('2027-01-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });

  it('falls due on its day, from the date alone', () => {
    const f = { months: 1 as const, dueOn: '2026-04-02', sentAt: null };
    expect(followUpStatus(null, TODAY)).toBe('none');
    expect(followUpStatus(f, '2026-04-01')).toBe('scheduled');
    expect(followUpStatus(f, '2026-04-02')).toBe('due');
    expect(followUpStatus(f, '2026-09-01')).toBe('due');
    expect(followUpStatus({ ...f, sentAt: '2026-04-03T10:00:00.000Z' }, '2026-09-01')).toBe('sent');
  });

  it('can be chosen once the episode has ended, and changed until it is sent', () => {
    const ending = { kind: 'planned', endedOn: TODAY } as const;
    expect(followUpSchedulable({ episode: 'open', ending: null, followUp: null }).ok).toBe(false);
    expect(followUpSchedulable({ episode: 'closed', ending: null, followUp: null }).ok).toBe(false);
    expect(followUpSchedulable({ episode: 'closed', ending, followUp: null }).ok).toBe(true);
    const sent = { months: 1 as const, dueOn: TODAY, sentAt: `${TODAY}T09:00:00.000Z` };
    expect(followUpSchedulable({ episode: 'closed', ending, followUp: sent }).ok).toBe(false);
  });
});

describe('what the ending may send', () => {
  const base: EndingLinkState = {
    episode: 'open',
    ending: null,
    reviewAnswered: false,
    checkInSent: false,
    followUp: null,
    today: TODAY,
  };
  const planned = { ...base, episode: 'closed', ending: { kind: 'planned', endedOn: TODAY } } as const;
  const unplanned = {
    ...base,
    episode: 'closed',
    ending: { kind: 'unplanned', reason: 'stopped-coming', endedOn: TODAY },
  } as const;

  it('sends the ending review while open or after a planned ending, until it is answered', () => {
    expect(endingLinkAllowed('review', base).ok).toBe(true);
    expect(endingLinkAllowed('review', planned).ok).toBe(true);
    expect(endingLinkAllowed('review', unplanned).ok).toBe(false);
    expect(endingLinkAllowed('review', { ...base, episode: 'closed' }).ok).toBe(false);
    expect(endingLinkAllowed('review', { ...planned, reviewAnswered: true }).ok).toBe(false);
  });

  it('sends the check-in only after an unplanned ending, and once only', () => {
    expect(endingLinkAllowed('check-in', base).ok).toBe(false);
    expect(endingLinkAllowed('check-in', planned).ok).toBe(false);
    expect(endingLinkAllowed('check-in', unplanned).ok).toBe(true);
    const again = endingLinkAllowed('check-in', { ...unplanned, checkInSent: true });
    expect(again.ok ? null : again.error.message).toContain('once only');
  });

  it('sends a follow-up only when one was chosen and is due, and only once', () => {
    const followUp = { months: 1 as const, dueOn: '2026-04-02', sentAt: null };
    expect(endingLinkAllowed('follow-up', planned).ok).toBe(false);
    expect(endingLinkAllowed('follow-up', { ...planned, followUp }).ok).toBe(false);
    expect(endingLinkAllowed('follow-up', { ...planned, followUp, today: '2026-04-02' }).ok).toBe(true);
    expect(endingLinkAllowed('follow-up', { ...unplanned, followUp, today: '2026-05-02' }).ok).toBe(true);
    const sent = { ...followUp, sentAt: '2026-04-02T09:00:00.000Z' };
    expect(endingLinkAllowed('follow-up', { ...planned, followUp: sent, today: '2026-05-02' }).ok).toBe(false);
  });
});
