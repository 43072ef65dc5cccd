import { describe, expect, it } from 'vitest';
import type { Answers } from '../instruments/answers.js';
import type { InstrumentDefinition } from '../instruments/model.js';
import { parseInstrumentDefinition } from '../instruments/parse-definition.js';
import { CEILING_RUN, atCeiling, everyRatingAtMaximum } from './ceiling.js';
import { parseNoteText, parseRevision, parseSeriesKey, parseVisibility, seriesKey } from './notes.js';
import { countSyllables, readability } from './readability.js';
import { parseHomeSecret } from './secret.js';

describe('the PIN or password a client chooses', () => {
  it.each(['4821', '90210', '27182818'])('accepts the PIN %s', (pin) => {
    expect(parseHomeSecret(pin, pin)).toEqual({ ok: true, value: { kind: 'pin', value: pin } });
  });

  it('accepts a password of eight or more characters', () => {
    expect(parseHomeSecret('purple kite', 'purple kite')).toEqual({
      ok: true,
      value: { kind: 'password', value: 'purple kite' },
    });
  });

  it.each([
    ['', 'Please choose a PIN or password.'],
    ['123', 'A PIN needs 4 to 8 numbers.'],
    ['123456789', 'A PIN needs 4 to 8 numbers.'],
    ['1111', 'That PIN is too easy to guess. Try a mix of numbers.'],
    ['1234', 'That PIN is too easy to guess. Try a mix of numbers.'],
    ['98765', 'That PIN is too easy to guess. Try a mix of numbers.'],
    ['kite', 'A password needs at least 8 letters or numbers.'],
  ])('refuses %j', (secret, message) => {
    const r = parseHomeSecret(secret, secret);
    expect(!r.ok && r.error.fields).toEqual({ secret: message });
  });

  it('refuses when the second copy differs', () => {
    const r = parseHomeSecret('4821', '4812');
    expect(!r.ok && r.error.fields).toEqual({ again: 'Type the same PIN or password again.' });
  });
});

describe('notes on progress', () => {
  it('round-trips a series key and refuses anything else', () => {
    expect(parseSeriesKey(seriesKey({ kind: 'measure', instrumentId: 'phq-9' }))).toEqual({
      ok: true,
      value: { kind: 'measure', instrumentId: 'phq-9' },
    });
    const goal = '3f1c0a52-8d2e-4b7a-9c55-0e1f2a3b4c5d';
    expect(parseSeriesKey(`goal:${goal}`)).toEqual({ ok: true, value: { kind: 'goal', goalId: goal } });
    for (const bad of ['', 'goal:', 'measure:<x>', 'other:phq-9', `goal:${'a'.repeat(65)}`]) {
      expect(parseSeriesKey(bad).ok).toBe(false);
    }
  });

  it('keeps a note as typed, line breaks and markup included', () => {
    expect(parseNoteText(' this dip was when\nmy dad was ill <3 ')).toEqual({
      ok: true,
      value: 'this dip was when\nmy dad was ill <3',
    });
    expect(parseNoteText('   ').ok).toBe(false);
    expect(parseNoteText('x'.repeat(501)).ok).toBe(false);
    expect(parseNoteText('a\u0000b').ok).toBe(false);
  });

  it('keeps a note private unless the client chose to share it', () => {
    expect(parseVisibility(undefined)).toEqual({ ok: true, value: 'private' });
    expect(parseVisibility('private')).toEqual({ ok: true, value: 'private' });
    expect(parseVisibility('shared')).toEqual({ ok: true, value: 'shared' });
    expect(parseVisibility('everyone').ok).toBe(false);
  });

  it('reads the revision a form was drawn from, and nothing else', () => {
    expect(parseRevision('0')).toEqual({ ok: true, value: 0 });
    expect(parseRevision('42')).toEqual({ ok: true, value: 42 });
    for (const bad of [undefined, '', '-1', '1.5', '1e3', '9999999999']) expect(parseRevision(bad).ok).toBe(false);
  });
});

const check = ((): InstrumentDefinition => {
  const scale = (id: string) => ({ id, response: { kind: 'scale', min: 0, max: 10 }, required: true });
  const parsed = parseInstrumentDefinition({
    id: 'toy-check',
    version: 1,
    title: 'Toy check',
    shortTitle: 'Toy',
    purpose: 'Tests.',
    provenance: { kind: 'rapport', label: 'Rapport measure — not validated', inspiredBy: [] },
    licence: { spdx: 'CC0-1.0', copyright: '© Nobody', mayShipText: true, mayModify: true },
    codes: {},
    items: [scale('bond'), scale('goals'), { id: 'tension', response: { kind: 'yes-no' }, required: true }],
    versions: [
      {
        audience: 'adult',
        presentation: 'standard',
        content: {
          kind: 'included',
          title: 'Toy',
          instructions: 'Rate.',
          items: { bond: { text: 'Bond?' }, goals: { text: 'Goals?' }, tension: { text: 'Tension?' } },
        },
      },
    ],
    scoring: {
      kind: 'total',
      method: 'mean',
      items: ['bond', 'goals'],
      reverse: [],
      missing: { kind: 'none-allowed' },
      subscales: [],
    },
    interpretation: { kind: 'not-established', direction: 'higher-is-better', note: 'None.' },
    flags: [],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
})();

const rated = (bond: number, goals: number): Answers => ({
  bond: { kind: 'number', value: bond },
  goals: { kind: 'number', value: goals },
  tension: { kind: 'boolean', value: false },
});

describe('the honest-feedback nudge', () => {
  const top = rated(10, 10);

  it('sees every rating at the maximum, ignoring items that are not ratings', () => {
    expect(everyRatingAtMaximum(check, top)).toBe(true);
    expect(everyRatingAtMaximum(check, rated(10, 9))).toBe(false);
    expect(everyRatingAtMaximum(check, { bond: { kind: 'number', value: 10 } })).toBe(false);
  });

  it(`speaks after ${String(CEILING_RUN)} check-ins in a row with every rating at the top`, () => {
    expect(atCeiling(check, [top, top])).toBe(false);
    expect(atCeiling(check, [top, top, top])).toBe(true);
    expect(atCeiling(check, [rated(6, 7), top, top, top])).toBe(true);
  });

  it('stays quiet when any rating in the run was below the top', () => {
    expect(atCeiling(check, [top, top, rated(9, 10)])).toBe(false);
    expect(atCeiling(check, [top, rated(10, 9), top, top])).toBe(false);
  });
});

describe('readability', () => {
  it.each([
    ['cat', 1],
    ['table', 2],
    ['little', 2],
    ['counsellor', 3],
    ['understood', 3],
    ['change', 1],
    ['10', 1],
  ])('counts %s as %i syllables', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it('scores plain short sentences as easy and long abstract ones as hard', () => {
    const easy = readability('You set the goals. You say how close you are. Your counsellor sees it too.');
    const hard = readability(
      'Psychotherapeutic interventions demonstrate heterogeneous effectiveness contingent upon individualised characteristics of participants.',
    );
    expect(easy.grade).toBeLessThan(3);
    expect(easy.ease).toBeGreaterThan(80);
    expect(hard.grade).toBeGreaterThan(16);
  });

  it('treats a line break as the end of a sentence (headings, list items)', () => {
    expect(readability('My goals\nMy progress\nOur agreement').sentences).toBe(3);
  });
});
