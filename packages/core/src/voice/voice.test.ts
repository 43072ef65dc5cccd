import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readability } from '../home/readability.js';
import type { InstrumentDefinition } from '../instruments/model.js';
import { parseInstrumentDefinition } from '../instruments/parse-definition.js';
import { scoreResponse } from '../instruments/score.js';
import { CARER_NOTE, carerView, parseCarerSharing } from './carer.js';
import { COMMENT_ITEM, commentItemOf, commentShown, parseCommentHold, splitComment } from './comments.js';
import { deferredValidFrom, isOpenYet } from './deferred.js';
import { unconfirmedPhoneSignals } from './phone.js';
import { dimensionPoles, preferenceLeans, strongThreshold } from './preferences.js';

const contentDir = new URL('../../../../content/instruments/', import.meta.url);

function load(id: string): InstrumentDefinition {
  const parsed = parseInstrumentDefinition(
    JSON.parse(readFileSync(new URL(`${id}/instrument.json`, contentDir), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('strong preferences', () => {
  const prefs = load('rapport-preferences');
  const answer = (codes: Record<string, string>) => {
    const all = Object.fromEntries(prefs.items.map((i) => [i.id, 'none']));
    const s = scoreResponse(prefs, 'adult', { ...all, ...codes });
    if (!s.ok) throw new Error(s.error.message);
    return preferenceLeans(s.value.subscales);
  };

  it('takes "strong" from the scale: two thirds of the way from the middle to the end (2 on −3…+3)', () => {
    expect(strongThreshold({ min: -3, max: 3 })).toBeCloseTo(2);
    expect(strongThreshold({ min: 0, max: 10 })).toBeCloseTo(10 / 3);
  });

  it('marks a dimension strong at "mostly" on both items, and not at "mostly" and "slightly"', () => {
    // lead-2 is worded the other way round and reverse-scored: b2 on it leans the same way as a2 on lead-1.
    const mostly = answer({ 'lead-1': 'a2', 'lead-2': 'b2' });
    expect(mostly.find((l) => l.id === 'therapist-directiveness')).toMatchObject({
      value: 2,
      strong: true,
      toward: 'Counsellor leads',
    });
    const weaker = answer({ 'lead-1': 'a2', 'lead-2': 'b1' });
    expect(weaker.find((l) => l.id === 'therapist-directiveness')).toMatchObject({ value: 1.5, strong: false });
  });

  it('names the pole a dimension leans to, and none at the middle', () => {
    const leans = answer({ 'past-1': 'b3', 'past-2': 'a3' });
    expect(leans.find((l) => l.id === 'past-orientation')).toMatchObject({
      value: -3,
      strong: true,
      toward: 'present focus',
    });
    expect(leans.find((l) => l.id === 'emotional-intensity')).toMatchObject({ value: 0, toward: null, strong: false });
    expect(dimensionPoles('Counsellor leads (+) or client leads (−)')).toEqual({
      plus: 'Counsellor leads',
      minus: 'client leads',
    });
    expect(dimensionPoles('No poles here')).toBeNull();
  });
});

describe('comments: shared now or held for the next session', () => {
  const check = load('rapport-relationship-check');

  it('finds the comment item on the relationship check only', () => {
    expect(commentItemOf(check)).toBe(COMMENT_ITEM);
    expect(commentItemOf(load('phq-9'))).toBeNull();
  });

  it('takes the comment out of the answers, so it is never stored with them', () => {
    const answers = {
      bond: { kind: 'number', value: 7 },
      [COMMENT_ITEM]: { kind: 'text', value: ' more <b>quiet</b> ' },
    } as const;
    expect(splitComment(answers, COMMENT_ITEM)).toEqual({
      comment: 'more <b>quiet</b>',
      answers: { bond: { kind: 'number', value: 7 } },
    });
    expect(splitComment({ bond: { kind: 'number', value: 7 } }, COMMENT_ITEM).comment).toBeNull();
  });

  it('shares now unless the client holds it, and refuses any other choice', () => {
    expect(parseCommentHold(undefined)).toEqual({ ok: true, value: 'now' });
    expect(parseCommentHold('next-session')).toEqual({ ok: true, value: 'next-session' });
    expect(parseCommentHold('later').ok).toBe(false);
  });

  it('shows a held comment only after a check-in of the same episode submitted after it', () => {
    const held = { episodeId: 'e1', hold: 'next-session', writtenAt: '2026-03-02T11:00:00.000Z' } as const;
    expect(commentShown(held, [])).toBe(false);
    expect(commentShown(held, [{ episodeId: 'e1', at: '2026-03-01T09:00:00.000Z' }])).toBe(false);
    expect(commentShown(held, [{ episodeId: 'e2', at: '2026-03-09T09:00:00.000Z' }])).toBe(false);
    expect(commentShown(held, [{ episodeId: 'e1', at: '2026-03-09T09:00:00.000Z' }])).toBe(true);
    expect(commentShown({ ...held, hold: 'now' }, [])).toBe(true);
  });
});

describe('what a carer may see', () => {
  const answers = [
    { title: 'How was today?', at: '2026-03-02T11:00:00.000Z', total: 7.1 },
    { title: 'Your goals', at: '2026-03-03T11:00:00.000Z', total: 4 },
  ];

  it('shows nothing by default, the days only, or the totals, never single answers', () => {
    expect(parseCarerSharing('nothing')).toEqual({ ok: true, value: 'nothing' });
    expect(parseCarerSharing('everything').ok).toBe(false);
    expect(carerView('nothing', answers)).toEqual({ sharing: 'nothing' });
    expect(carerView('answered', answers)).toEqual({
      sharing: 'answered',
      answered: answers.map(({ title, at }) => ({ title, at })),
    });
    expect(JSON.stringify(carerView('answered', answers))).not.toContain('7.1');
    expect(carerView('scores', answers)).toEqual({ sharing: 'scores', scores: answers });
  });

  it('tells the young person plainly, at a reading age of about 11', () => {
    for (const note of Object.values(CARER_NOTE)) {
      expect(note.startsWith('Your carer can see: ')).toBe(true);
      expect(readability(note).grade, note).toBeLessThanOrEqual(6);
    }
  });
});

describe('rate it tomorrow', () => {
  it('opens a deferred link at the start of the next day', () => {
    expect(deferredValidFrom(new Date('2026-03-02T21:30:00.000Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(deferredValidFrom(new Date('2026-03-31T00:00:00.000Z')).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(isOpenYet('2026-03-03T00:00:00.000Z', new Date('2026-03-02T23:59:59.999Z'))).toBe(false);
    expect(isOpenYet('2026-03-03T00:00:00.000Z', new Date('2026-03-03T00:00:00.000Z'))).toBe(true);
  });
});

describe('answers entered by phone', () => {
  it('raises one signal per unconfirmed entry of the episode, dated when it was entered', () => {
    const entries = [
      { episodeId: 'e1', instrumentId: 'phq-9', status: 'unconfirmed', enteredAt: '2026-03-02T10:00:00.000Z' },
      { episodeId: 'e1', instrumentId: 'gad-7', status: 'confirmed', enteredAt: '2026-03-02T10:05:00.000Z' },
      { episodeId: 'e1', instrumentId: 'core-10', status: 'corrected', enteredAt: '2026-03-02T10:06:00.000Z' },
      { episodeId: 'e0', instrumentId: 'phq-9', status: 'unconfirmed', enteredAt: '2026-01-02T10:00:00.000Z' },
    ] as const;
    expect(unconfirmedPhoneSignals(entries, 'e1')).toEqual([
      { kind: 'unconfirmed-phone-entry', instrumentId: 'phq-9', at: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(unconfirmedPhoneSignals(entries, null)).toEqual([]);
  });
});

describe('children’s and young people’s versions', () => {
  const ids = readdirSync(contentDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it('read plainly: every young-person and child version at a reading age of about 11 or below', () => {
    const grades: Record<string, number> = {};
    for (const id of ids) {
      for (const v of load(id).versions) {
        if ((v.audience !== 'child' && v.audience !== 'young-person') || v.content.kind !== 'included') continue;
        const words = v.content.items;
        const text = [
          v.content.instructions,
          ...Object.values(words).flatMap((w) => [w.text, ...(w.optionLabels ?? [])]),
        ].join('\n');
        grades[`${id} (${v.audience})`] = readability(text).grade;
      }
    }
    expect(Object.keys(grades).length).toBeGreaterThanOrEqual(4);
    // Flesch–Kincaid grade 6 ≈ reading age 11–12; children's versions a grade lower.
    for (const [version, grade] of Object.entries(grades)) {
      expect(grade, version).toBeLessThanOrEqual(version.includes('(child)') ? 5 : 6);
    }
  });

  it('draw the child versions as pictures (faces beside every number)', () => {
    for (const id of ids) {
      for (const v of load(id).versions) if (v.audience === 'child') expect(v.presentation, id).toBe('pictorial');
    }
  });
});
