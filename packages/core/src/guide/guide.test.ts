import { describe, expect, it } from 'vitest';
import { assembleGuide } from './assemble.js';
import { GUIDE_SECTIONS, type Bibliography, type GuideChapter, type GuideQuestion } from './model.js';
import { neighbours, relatedQuestions } from './navigation.js';
import { parseGuideQuestion } from './parse.js';
import { answersForSignal, signalAnswers } from './signals.js';
import { citationKeys, markdownListItems, markdownToPlainText, markdownWordCount, splitCitations } from './text.js';

const bibliography: Bibliography = new Map([
  ['bordin1979', { key: 'bordin1979', label: 'Bordin 1979', reference: 'Bordin (1979).', verified: 'partly' }],
  ['rogers1957', { key: 'rogers1957', label: 'Rogers 1957', reference: 'Rogers (1957).', verified: 'yes' }],
]);

const filler = (n: number): string => Array.from({ length: n }, (_, i) => `word${String(i)}`).join(' ');

function body(parts: Partial<Record<(typeof GUIDE_SECTIONS)[number], string>> = {}): string {
  const defaults: Record<(typeof GUIDE_SECTIONS)[number], string> = {
    'Short answer': 'A short answer that cites its source [@bordin1979].',
    'The longer answer': filler(260),
    'In practice': '*A fictional example.* Someone invented.',
    'What the research says': 'Figures [@rogers1957].',
    'Personal reflection': '- First prompt?\n- Second prompt?',
    'Ideas for research': '- One idea.\n- Another idea.',
  };
  return GUIDE_SECTIONS.map((t) => `## ${t}\n\n${parts[t] ?? defaults[t]}\n`).join('\n');
}

const data = {
  id: 'alliance-what-is-it',
  chapter: 'alliance',
  order: 1,
  question: 'What is the alliance?',
  tags: ['alliance', 'definitions'],
  signals: ['rupture'],
  citations: ['bordin1979', 'rogers1957'],
  related: [],
  reviewed: new Date('2026-11-25T00:00:00Z'),
};
const path = 'alliance/alliance-what-is-it.md';

const messages = (r: ReturnType<typeof parseGuideQuestion>): string[] => (r.ok ? [] : r.error.map((p) => p.message));

describe('parseGuideQuestion', () => {
  it('accepts a well-formed question and keeps its six parts in order', () => {
    const r = parseGuideQuestion({ path, data, body: body() }, bibliography);
    expect(messages(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.value.sections.map((s) => s.title)).toEqual([...GUIDE_SECTIONS]);
    expect(r.value.reviewed).toBe('2026-11-25');
    expect(r.value.signals).toEqual(['rupture']);
  });

  it('refuses a missing or reordered heading', () => {
    const swapped = body().replace('## In practice', '## Example');
    expect(messages(parseGuideQuestion({ path, data, body: swapped }, bibliography)).join(' ')).toMatch(
      /exactly these headings/,
    );
  });

  it('refuses a short answer over 80 words and a body under 250 words', () => {
    const long = parseGuideQuestion(
      { path, data, body: body({ 'Short answer': `${filler(81)} [@bordin1979]` }) },
      bibliography,
    );
    expect(messages(long).join(' ')).toMatch(/short answer has 81 words/);
    const thin = parseGuideQuestion({ path, data, body: body({ 'The longer answer': 'Too little.' }) }, bibliography);
    expect(messages(thin).join(' ')).toMatch(/needs at least 250/);
  });

  it('refuses citations that are unlisted, unused or not in the bibliography', () => {
    const r = parseGuideQuestion(
      { path, data: { ...data, citations: ['bordin1979', 'nobody2000'] }, body: body() },
      bibliography,
    );
    const text = messages(r).join(' ');
    expect(text).toMatch(/missing from `citations`: rogers1957/);
    expect(text).toMatch(/never cited in the text: nobody2000/);
    expect(text).toMatch(/not in references.json: nobody2000/);
  });

  it('refuses unknown signal types, reserved ids and a file in the wrong place', () => {
    expect(
      messages(parseGuideQuestion({ path, data: { ...data, signals: ['panic'] }, body: body() }, bibliography)).join(
        ' ',
      ),
    ).toMatch(/signal types only/);
    expect(
      messages(parseGuideQuestion({ path, data: { ...data, id: 'search' }, body: body() }, bibliography)).join(' '),
    ).toMatch(/reserved/);
    expect(messages(parseGuideQuestion({ path: 'bond/x.md', data, body: body() }, bibliography)).join(' ')).toMatch(
      /should be at alliance\/alliance-what-is-it.md/,
    );
  });
});

describe('guide text helpers', () => {
  it('finds citation keys once each, in order, including grouped citations', () => {
    expect(citationKeys('A [@b] then [@a; @b] and [@c].')).toEqual(['b', 'a', 'c']);
    expect(splitCitations('x [@a] y')).toEqual([{ text: 'x ' }, { keys: ['a'] }, { text: ' y' }]);
  });

  it('counts words without citations or Markdown marks', () => {
    expect(markdownWordCount('**Build it in** from the start [@lambert2018].')).toBe(6);
    expect(markdownToPlainText('**Bold** and *soft*, cited [@x]. See [here](https://example.org).')).toBe(
      'Bold and soft, cited. See here.',
    );
  });

  it('reads list items as prompts, joining continuation lines', () => {
    expect(markdownListItems('- One\n  more line\n- *Two*\n\nAfter.')).toEqual(['One more line', 'Two']);
  });
});

const chapters: GuideChapter[] = [
  { id: 'b', title: 'Second', order: 2, intro: 'Two.' },
  { id: 'a', title: 'First', order: 1, intro: 'One.' },
];
const q = (id: string, chapter: string, order: number, extra: Partial<GuideQuestion> = {}): GuideQuestion => ({
  id,
  chapter,
  order,
  question: id,
  tags: [],
  signals: [],
  citations: [],
  related: [],
  reviewed: '2026-01-01',
  sections: [],
  ...extra,
});

describe('assembling and navigating the guide', () => {
  const questions = [
    q('b1', 'b', 1, { tags: ['x', 'y'], signals: ['stuck'] }),
    q('a2', 'a', 2, { tags: ['x'], signals: ['rupture', 'stuck'] }),
    q('a1', 'a', 1, { tags: ['x', 'y'], related: ['b1'] }),
    q('b2', 'b', 2, { tags: ['z'] }),
  ];
  const assembled = assembleGuide(chapters, questions, bibliography);
  if (!assembled.ok) throw new Error('fixture does not assemble');
  const guide = assembled.value;

  it('orders chapters and questions for reading', () => {
    expect(guide.chapters.map((c) => c.id)).toEqual(['a', 'b']);
    expect(guide.questions.map((x) => x.id)).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('steps to the previous and next question across chapter boundaries', () => {
    expect(neighbours(guide, 'a2')).toMatchObject({ previous: { id: 'a1' }, next: { id: 'b1' } });
    expect(neighbours(guide, 'a1').previous).toBeNull();
    expect(neighbours(guide, 'b2').next).toBeNull();
  });

  it('lists explicit related questions first, then those sharing most tags', () => {
    expect(relatedQuestions(guide, guide.questions[0]!).map((x) => x.id)).toEqual(['b1', 'a2']);
  });

  it('maps each signal type to its answers', () => {
    expect(signalAnswers(guide.questions)).toEqual({
      rupture: ['a2'],
      stuck: ['a2', 'b1'],
      'not-on-track': [],
      divergence: [],
      'unplanned-ending': [],
      'boundary-event': [],
    });
    expect(answersForSignal(guide, 'stuck').map((x) => x.id)).toEqual(['a2', 'b1']);
  });

  it('reports duplicate ids, unknown chapters and dangling related ids', () => {
    const r = assembleGuide(chapters, [...questions, q('a1', 'c', 9, { related: ['nope'] })], bibliography);
    const text = r.ok ? '' : r.error.map((p) => p.message).join(' ');
    expect(text).toMatch(/id a1 is used by another question/);
    expect(text).toMatch(/chapter c is not in chapters.json/);
    expect(text).toMatch(/related question nope does not exist/);
  });
});
