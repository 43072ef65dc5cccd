/**
 * Flesch–Kincaid grade level (Kincaid et al. 1975), used to keep the client's pages at a
 * reading age of about 11 (US grade 6 ≈ age 11–12):
 *
 *   grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
 *
 * Syllables are counted with a heuristic (vowel groups, a silent final "e", "-es" or
 * "-ed", "-le" kept), good to about one syllable in ten for everyday English: enough for a
 * guard in tests, not for research.
 */

/** Syllables in one word by the heuristic; a word with no vowels (a number, "PIN") counts as one. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 1;
  if (w.length <= 3) return 1;
  // A final "e", "es" or "ed" after a consonant is silent (make, makes, made), except after
  // "l", where "-le" is a syllable of its own (ta·ble, lit·tle) and its "e" is kept as the vowel.
  const groups = w
    .replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '')
    .replace(/^y/, '')
    .match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 0);
}

export interface ReadabilityCounts {
  readonly sentences: number;
  readonly words: number;
  readonly syllables: number;
  /** Flesch–Kincaid grade (US school grade; add about five for a reading age). */
  readonly grade: number;
  /** Flesch reading ease (206.835 − 1.015 × words/sentences − 84.6 × syllables/words); 70+ is easy. */
  readonly ease: number;
}

/**
 * Counts and scores a text. Sentences end at . ! ? or a line break (a heading or a list
 * item is a sentence of its own); words are runs of letters, digits and apostrophes.
 *
 * @example readability('The cat sat on the mat.').grade // → about −1.5
 */
export function readability(text: string): ReadabilityCounts {
  const sentences = text
    .split(/[.!?]+(?=\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z0-9]/.test(s));
  const words = text.match(/[A-Za-z0-9’'-]+/g)?.filter((w) => /[A-Za-z0-9]/.test(w)) ?? [];
  const syllables = words.reduce((n, w) => n + countSyllables(w), 0);
  const s = Math.max(1, sentences.length);
  const n = Math.max(1, words.length);
  return {
    sentences: sentences.length,
    words: words.length,
    syllables,
    grade: 0.39 * (n / s) + 11.8 * (syllables / n) - 15.59,
    ease: 206.835 - 1.015 * (n / s) - 84.6 * (syllables / n),
  };
}
