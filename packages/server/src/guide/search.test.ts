import { describe, expect, it } from 'vitest';
import { loadGuide } from './load.js';

const loaded = loadGuide();

/** Twenty things a counsellor might type, typos included, and the answer that must come up in the top three. */
const QUERIES: readonly (readonly [query: string, expected: string])[] = [
  ['aliance', 'alliance-what-is-it'],
  ['rupure repair', 'rupture-does-repair-help'],
  ['gillick', 'cyp-consent-gillick'],
  ['telephone silence', 'online-empathy-in-text'],
  ['self disclosure', 'real-self-disclosure'],
  ['ending early', 'stuck-dropout-risk'],
  ['what is empathy', 'empathy-what-is-it'],
  ['gift from a client', 'frame-gifts'],
  ['confidentiality parents', 'cyp-confidentiality-parents'],
  ['unconditional positve regard', 'warmth-what-is-upr'],
  ['congruance', 'real-what-is-congruence'],
  ['relational depht', 'depth-what-is-it'],
  ['client angry with me', 'rupture-angry-client'],
  ['stopped coming', 'ending-client-stops-coming'],
  ['outcome scores getting worse', 'stuck-not-on-track'],
  ['texts between sessions', 'frame-contact-between-sessions'],
  ['bump into client at the supermarket', 'frame-dual-relationships'],
  ['teenager says dunno', 'cyp-withdrawn-or-silent'],
  ['placement ending', 'ending-practitioner-led'],
  ['online disinhibtion', 'online-disinhibition'],
];

describe('guide search', () => {
  it.each(QUERIES)('finds the expected answer for “%s” in the top three', (query, expected) => {
    const top = loaded.search.search(query, 3).map((h) => h.question.id);
    expect(top).toContain(expected);
  });

  it('finds nothing for an empty query or stop words alone', () => {
    expect(loaded.search.search('')).toEqual([]);
    expect(loaded.search.search('   ')).toEqual([]);
    expect(loaded.search.search('what is the')).toEqual([]);
  });

  it('reads only the first 200 characters of a very long query', () => {
    const long = `gillick ${'x'.repeat(5000)}`;
    expect(loaded.search.search(long, 3).map((h) => h.question.id)).toContain('cyp-consent-gillick');
  });

  it('ranks best first and respects the limit', () => {
    const hits = loaded.search.search('rupture', 4);
    expect(hits.length).toBeLessThanOrEqual(4);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});
