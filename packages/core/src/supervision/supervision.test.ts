import { describe, expect, it } from 'vitest';
import { asPracticeId, asUserId } from '../ids.js';
import type { ClientSignal } from '../measures/signals.js';
import {
  checkMarkDiscussed,
  checkSupervisionLink,
  checkWithdraw,
  deidentifyCase,
  holdsClientRecords,
  namesIn,
  orderAgenda,
  parseAgendaItem,
  parseRole,
  type AgendaStatus,
} from './index.js';

const EPISODE = '0b7f1c52-3a8e-4d7e-9a0c-5f2d8e1b6a41';
const ENTRY = 'f3a9d2c4-1b5e-4f6a-8c7d-2e9b0a1c3d5f';
const practice = asPracticeId('p1');
const user = (id: string, role: 'therapist' | 'practice-admin' | 'supervisor', practiceId = practice) => ({
  id: asUserId(id),
  practiceId,
  role,
});

describe('roles', () => {
  it('reads the three roles from a form and refuses anything else', () => {
    expect(parseRole(' supervisor ')).toEqual({ ok: true, value: 'supervisor' });
    expect(parseRole('practice-admin')).toEqual({ ok: true, value: 'practice-admin' });
    const bad = parseRole('root');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields).toHaveProperty('role');
  });

  it('gives client records to therapists and administrators, never to supervisors', () => {
    expect(holdsClientRecords('therapist')).toBe(true);
    expect(holdsClientRecords('practice-admin')).toBe(true);
    expect(holdsClientRecords('supervisor')).toBe(false);
  });

  it('links a supervisor to a therapist or administrator of the same practice only', () => {
    expect(checkSupervisionLink(user('s', 'supervisor'), user('t', 'therapist')).ok).toBe(true);
    expect(checkSupervisionLink(user('s', 'supervisor'), user('a', 'practice-admin')).ok).toBe(true);
    expect(checkSupervisionLink(user('t2', 'therapist'), user('t', 'therapist'))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(checkSupervisionLink(user('s', 'supervisor'), user('s2', 'supervisor'))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // Another practice is not found, never "forbidden": its people are not ours to know about.
    expect(checkSupervisionLink(user('s', 'supervisor'), user('t', 'therapist', asPracticeId('p2')))).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('the agenda', () => {
  it('needs an episode and a question; the signal and journal entry are optional', () => {
    expect(parseAgendaItem({ episodeId: EPISODE, question: '  What am I missing?\r\n' })).toEqual({
      ok: true,
      value: { episodeId: EPISODE, question: 'What am I missing?', signal: null, journalEntryId: null },
    });
    expect(
      parseAgendaItem({ episodeId: EPISODE, question: 'Q', signal: 'rupture', journalEntryId: ENTRY }),
    ).toMatchObject({ ok: true, value: { signal: 'rupture', journalEntryId: ENTRY } });
  });

  it('names every field that needs attention and keeps nothing half-read', () => {
    const r = parseAgendaItem({ episodeId: 'RC-101', question: ' ', signal: 'gossip', journalEntryId: '1 OR 1=1' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.error.fields ?? {}).sort()).toEqual(['episodeId', 'journalEntryId', 'question', 'signal']);
    }
    const long = parseAgendaItem({ episodeId: EPISODE, question: 'x'.repeat(2_001) });
    expect(long.ok).toBe(false);
  });

  it('puts open items first, oldest first, then discussed ones, latest first', () => {
    const item = (id: string, status: AgendaStatus, createdAt: string, discussedAt: string | null = null) => ({
      id,
      status,
      createdAt,
      discussedAt,
    });
    const ordered = orderAgenda([
      item('d-old', 'discussed', '2026-01-01', '2026-01-05'),
      item('o-new', 'open', '2026-02-02'),
      item('d-new', 'discussed', '2026-01-02', '2026-02-01'),
      item('o-old', 'open', '2026-01-03'),
    ]);
    expect(ordered.map((i) => i.id)).toEqual(['o-old', 'o-new', 'd-new', 'd-old']);
  });

  it('lets the bringer or their supervisor mark an item discussed, once', () => {
    const item = { superviseeId: asUserId('t'), status: 'open' as const };
    expect(checkMarkDiscussed(item, { id: asUserId('t'), supervisesBringer: false }).ok).toBe(true);
    expect(checkMarkDiscussed(item, { id: asUserId('s'), supervisesBringer: true }).ok).toBe(true);
    expect(checkMarkDiscussed(item, { id: asUserId('x'), supervisesBringer: false })).toMatchObject({
      error: { code: 'not-found' },
    });
    expect(
      checkMarkDiscussed({ ...item, status: 'discussed' }, { id: asUserId('s'), supervisesBringer: true }),
    ).toMatchObject({
      error: { code: 'conflict' },
    });
  });

  it('lets only the bringer withdraw an item, and only before it is discussed', () => {
    const item = { superviseeId: asUserId('t'), status: 'open' as const };
    expect(checkWithdraw(item, asUserId('t')).ok).toBe(true);
    expect(checkWithdraw(item, asUserId('s'))).toMatchObject({ error: { code: 'not-found' } });
    expect(checkWithdraw({ ...item, status: 'discussed' }, asUserId('t'))).toMatchObject({
      error: { code: 'conflict' },
    });
  });
});

describe('de-identification for the supervisor', () => {
  const signal: ClientSignal = {
    kind: 'flag',
    flag: 'risk',
    flagId: 'phq9-item9',
    message: 'Item 9 answered above zero',
    instrumentId: 'phq-9',
    at: '2026-02-01T10:00:00.000Z',
    draft: false,
  };
  const record = {
    client: { code: 'RC-106', displayName: 'Farah (demo)' },
    episode: { openedAt: '2026-01-01T09:00:00.000Z' },
    responses: [
      {
        instrumentId: 'phq-9',
        status: 'complete' as const,
        at: '2026-01-15T09:00:00.000Z',
        total: 17,
        answers: { 'item-1': { kind: 'text', value: 'my sister Zara' } },
      },
      { instrumentId: 'phq-9', status: 'complete' as const, at: '2026-01-08T09:00:00.000Z', total: 16 },
      { instrumentId: 'phq-9', status: 'draft' as const, at: '2026-01-22T09:00:00.000Z', total: null },
      { instrumentId: 'preferences', status: 'complete' as const, at: '2026-01-08T09:00:00.000Z', total: null },
    ],
    signals: [signal],
    notes: ['She spoke of Zara'],
  };

  it('keeps the code, the opening date, complete totals and signals, and nothing else', () => {
    const seen = deidentifyCase(record);
    expect(seen).toEqual({
      code: 'RC-106',
      openedAt: '2026-01-01T09:00:00.000Z',
      series: [
        {
          instrumentId: 'phq-9',
          scores: [
            { at: '2026-01-08T09:00:00.000Z', total: 16 },
            { at: '2026-01-15T09:00:00.000Z', total: 17 },
          ],
        },
      ],
      signals: [signal],
    });
    const text = JSON.stringify(seen);
    expect(text).not.toContain('Farah');
    expect(text).not.toContain('Zara');
  });

  it('finds a client’s name in text meant for the supervisor, as whole words only', () => {
    expect(namesIn('When Amara went quiet I filled the silence', 'Amara (demo)')).toEqual(['Amara']);
    expect(namesIn('when AMÁRA went quiet', 'Amara')).toEqual(['Amara']);
    expect(namesIn('Is this a demo of avoidance?', 'Jo (demo)')).toEqual([]);
    expect(namesIn('Benefits of silence', 'Ben')).toEqual([]);
    expect(namesIn('anything', null)).toEqual([]);
  });
});
