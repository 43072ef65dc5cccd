import { describe, expect, it } from 'vitest';
import type { ContractVersion } from '../frame/records.js';
import {
  ETHICAL_PRINCIPLES,
  JOURNAL_PROMPTS,
  PRINCIPLES,
  agreedClauses,
  journalExcerpt,
  parseBoundaryEvent,
  parseDay,
  parseJournalEntry,
  parseRecordText,
  parseSession,
  searchJournal,
} from './index.js';

const TODAY = '2026-03-02';

describe('the session form', () => {
  it('reads an attended video session with its length', () => {
    const r = parseSession({ heldOn: '2026-03-02', modality: 'video', attendance: 'attended', minutes: '50' }, TODAY);
    expect(r).toEqual({
      ok: true,
      value: { heldOn: '2026-03-02', modality: 'video', attendance: 'attended', minutes: 50 },
    });
  });

  it('keeps no length for a cancellation, and refuses one that is given', () => {
    const r = parseSession({ heldOn: '2026-02-23', modality: 'in-person', attendance: 'cancelled' }, TODAY);
    expect(r.ok && r.value).toEqual({ heldOn: '2026-02-23', modality: 'in-person', attendance: 'cancelled' });
    const bad = parseSession(
      { heldOn: '2026-02-23', modality: 'in-person', attendance: 'did-not-attend', minutes: '50' },
      TODAY,
    );
    expect(!bad.ok && bad.error.fields?.['minutes']).toMatch(/leave this blank/);
  });

  it('names every problem at once: unknown modality, unknown attendance, a day that does not exist, odd minutes', () => {
    const r = parseSession(
      { heldOn: '2026-02-30', modality: 'carrier-pigeon', attendance: 'maybe', minutes: '5.5' },
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error.fields ?? {}).sort()).toEqual(['attendance', 'heldOn', 'minutes', 'modality']);
  });
});

describe('days', () => {
  it('accepts 29 February only in a leap year, and refuses the future', () => {
    expect(parseDay('2024-02-29', 'd', TODAY).ok).toBe(true);
    expect(parseDay('2025-02-29', 'd', TODAY).ok).toBe(false);
    expect(parseDay('2026-03-03', 'd', TODAY)).toMatchObject({
      ok: false,
      error: { message: 'That date is in the future.' },
    });
    expect(parseDay('02/03/2026', 'd', TODAY).ok).toBe(false);
  });
});

describe('free text', () => {
  it('normalises line breaks, refuses empty, over-long and control-character text', () => {
    expect(parseRecordText(' a\r\nb ', 't', 10, true)).toEqual({ ok: true, value: 'a\nb' });
    expect(parseRecordText('   ', 't', 10, false)).toEqual({ ok: true, value: null });
    expect(parseRecordText('   ', 't', 10, true).ok).toBe(false);
    const long = parseRecordText('x'.repeat(11), 't', 10, true);
    expect(!long.ok && long.error.fields?.['t']).toBe('Use at most 10 characters (this has 11).');
    expect(parseRecordText('a\u0007b', 't', 10, true).ok).toBe(false);
  });
});

const version = (n: number, agreed: boolean, clauseIds: string[]): ContractVersion =>
  ({
    version: n,
    agreements: agreed ? [{ role: 'client', signedName: 'A', contentHash: 'h', agreedAt: TODAY }] : [],
    body: { sections: clauseIds.map((id) => ({ clauseId: id, title: `Title ${id}` })) },
  }) as unknown as ContractVersion;

describe('the boundary log', () => {
  it('offers the clauses of the latest agreed version, not of a newer one still waiting', () => {
    const clauses = agreedClauses([version(1, true, ['a']), version(2, true, ['b', 'c']), version(3, false, ['d'])]);
    expect(clauses.map((c) => c.clauseId)).toEqual(['b', 'c']);
    expect(agreedClauses([version(1, false, ['a'])])).toEqual([]);
  });

  it('reads an event linked to an agreed clause, with principles in the framework’s order', () => {
    const r = parseBoundaryEvent(
      { kind: 'gift', occurredOn: '2026-02-27', description: ' A card and chocolates ', clauseId: 'b' },
      ['self-respect', 'being-trustworthy', 'self-respect'],
      TODAY,
      ['b'],
    );
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'gift',
        occurredOn: '2026-02-27',
        description: 'A card and chocolates',
        clauseId: 'b',
        principles: ['being-trustworthy', 'self-respect'],
        reflection: null,
      },
    });
  });

  it('refuses an unknown kind, a clause outside the agreed contract, an unknown principle and an empty description', () => {
    const r = parseBoundaryEvent(
      { kind: 'bribe', occurredOn: TODAY, description: '', clauseId: 'z' },
      ['kindness'],
      TODAY,
      ['b'],
    );
    expect(!r.ok && Object.keys(r.error.fields ?? {}).sort()).toEqual([
      'clauseId',
      'description',
      'kind',
      'principles',
    ]);
  });

  it('has a prompt of its own for each of the six principles', () => {
    expect(ETHICAL_PRINCIPLES.map((p) => PRINCIPLES[p].name)).toEqual([
      'Being trustworthy (fidelity)',
      'Autonomy',
      'Beneficence',
      'Non-maleficence',
      'Justice',
      'Self-respect',
    ]);
    expect(new Set(ETHICAL_PRINCIPLES.map((p) => PRINCIPLES[p].prompt)).size).toBe(6);
  });
});

describe('the journal', () => {
  it('reads an entry with its optional links, upper-casing the client code', () => {
    const r = parseJournalEntry({
      text: 'Thinking about Ben',
      clientCode: 'rc-102',
      signal: 'rupture',
      prompt: 'rupture',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        text: 'Thinking about Ben',
        clientCode: 'RC-102',
        signal: 'rupture',
        guideQuestionId: null,
        promptId: 'rupture',
      },
    });
  });

  it('refuses an unknown signal, prompt or malformed question id', () => {
    const r = parseJournalEntry({ text: 'x', signal: 'weather', prompt: 'nope', question: '../etc' });
    expect(!r.ok && Object.keys(r.error.fields ?? {}).sort()).toEqual(['prompt', 'question', 'signal']);
  });

  it('has unique prompt ids', () => {
    expect(new Set(JOURNAL_PROMPTS.map((p) => p.id)).size).toBe(JOURNAL_PROMPTS.length);
  });

  it('finds entries holding every word, ignoring case and accents', () => {
    const entries = [{ text: 'The rupture in the café' }, { text: 'Repair after the rupture' }, { text: 'Nothing' }];
    expect(searchJournal(entries, 'CAFE rupture')).toEqual([entries[0]]);
    expect(searchJournal(entries, 'rupture')).toHaveLength(2);
    expect(searchJournal(entries, '  ')).toHaveLength(3);
  });

  it('cuts an excerpt at a word boundary', () => {
    expect(journalExcerpt('one two three four', 10)).toBe('one two…');
    expect(journalExcerpt('short')).toBe('short');
  });
});
