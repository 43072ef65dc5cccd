/**
 * The guide's content rules (issue 8): enough questions in every chapter, six
 * parts in order, word limits, citations that resolve, ids and links that hold,
 * and an originality check against the reference material.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { digest, filesUnder, shingles } from '../originality.js';
import {
  GUIDE_SECTIONS,
  SIGNAL_TYPES,
  citationKeys,
  markdownListItems,
  markdownWordCount,
  parseBibliography,
  type Guide,
} from '@rapport/core';
import { readGuide } from '../../packages/server/src/guide/load.js';

const GUIDE_DIR = fileURLToPath(new URL('./', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE_DIR = join(REPO_ROOT, '..', 'shared', 'reference');

const CHAPTERS_IN_ORDER = [
  'alliance',
  'bond',
  'ruptures-and-repair',
  'stuck',
  'frame',
  'empathy',
  'warmth',
  'being-real',
  'relational-depth',
  'children-and-young-people',
  'telephone-and-online',
  'endings',
];

const read = readGuide(GUIDE_DIR);
const guide: Guide = read.ok ? read.value : { chapters: [], questions: [], bibliography: new Map() };

/** Every question file's raw text, keyed by its path inside the guide folder. */
const questionFiles: ReadonlyMap<string, string> = new Map(
  readdirSync(GUIDE_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((d) =>
      readdirSync(join(GUIDE_DIR, d.name))
        .filter((f) => f.endsWith('.md'))
        .map((f) => [`${d.name}/${f}`, readFileSync(join(GUIDE_DIR, d.name, f), 'utf8')] as const),
    ),
);

describe('the guide content', () => {
  it('loads with no problems in any file', () => {
    expect(read.ok ? [] : read.error.map((p) => `${p.path}: ${p.message}`)).toEqual([]);
    expect(questionFiles.size).toBe(guide.questions.length);
  });

  it('has at least 60 questions across the twelve chapters, at least five in each, in the issue’s order', () => {
    expect(guide.questions.length).toBeGreaterThanOrEqual(60);
    expect(guide.chapters.map((c) => c.id)).toEqual(CHAPTERS_IN_ORDER);
    for (const chapter of guide.chapters) {
      expect({ chapter: chapter.id, n: guide.questions.filter((q) => q.chapter === chapter.id).length >= 5 }).toEqual({
        chapter: chapter.id,
        n: true,
      });
      expect(chapter.intro.length).toBeGreaterThan(20);
    }
  });

  it('gives every answer the six parts, as ## headings with exactly these names, in order', () => {
    for (const [path, text] of questionFiles) {
      const headings = [...matter(text).content.matchAll(/^(#{1,6})[ \t]+(.+?)[ \t]*$/gm)].map(
        (m) => `${m[1] ?? ''} ${m[2] ?? ''}`,
      );
      expect({ path, headings }).toEqual({ path, headings: GUIDE_SECTIONS.map((s) => `## ${s}`) });
    }
  });

  it('keeps every short answer to 80 words and no answer shorter than 250 words', () => {
    for (const q of guide.questions) {
      const short = markdownWordCount(q.sections[0]?.markdown ?? '');
      const body = q.sections.reduce((n, s) => n + markdownWordCount(s.markdown), 0);
      expect({ id: q.id, shortOk: short <= 80 && short > 0, bodyOk: body >= 250 }).toEqual({
        id: q.id,
        shortOk: true,
        bodyOk: true,
      });
    }
  });

  it('offers two or three reflection prompts and two or three research ideas in every answer', () => {
    for (const q of guide.questions) {
      for (const title of ['Personal reflection', 'Ideas for research']) {
        const n = markdownListItems(q.sections.find((s) => s.title === title)?.markdown ?? '').length;
        expect({ id: q.id, title, ok: n >= 2 && n <= 3 }).toEqual({ id: q.id, title, ok: true });
      }
    }
  });

  it('resolves every citation key in references.json and uses every front-matter citation in the text', () => {
    const bibliography = parseBibliography(JSON.parse(readFileSync(join(GUIDE_DIR, 'references.json'), 'utf8')));
    if (!bibliography.ok) throw new Error(JSON.stringify(bibliography.error));
    for (const [path, text] of questionFiles) {
      const file = matter(text);
      const listed = (file.data['citations'] ?? []) as string[];
      const used = citationKeys(file.content);
      expect({ path, dangling: used.filter((k) => !bibliography.value.has(k)) }).toEqual({ path, dangling: [] });
      expect({ path, unused: listed.filter((k) => !used.includes(k)) }).toEqual({ path, unused: [] });
      expect({ path, unlisted: used.filter((k) => !listed.includes(k)) }).toEqual({ path, unlisted: [] });
    }
  });

  it('keeps one bibliography file, with no leftover fragments', () => {
    const jsons = readdirSync(GUIDE_DIR).filter((f) => /^references.*\.json$/.test(f));
    expect(jsons).toEqual(['references.json']);
  });

  it('gives every question a unique id, and every related id names a real question', () => {
    const ids = guide.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of guide.questions) {
      expect({ id: q.id, missing: q.related.filter((r) => !ids.includes(r)) }).toEqual({ id: q.id, missing: [] });
    }
  });

  it('has answers for every signal type', () => {
    for (const signal of SIGNAL_TYPES) {
      expect({ signal, some: guide.questions.some((q) => q.signals.includes(signal)) }).toEqual({ signal, some: true });
    }
  });
});

describe('originality', () => {
  const guideTexts = new Map<string, string>([
    ...questionFiles,
    ['chapters.json', readFileSync(join(GUIDE_DIR, 'chapters.json'), 'utf8')],
    ...(existsSync(join(GUIDE_DIR, 'README.md')) ? [['README.md', readFileSync(join(GUIDE_DIR, 'README.md'), 'utf8')] as const] : []),
  ]);

  /** Runs of 12 guide words that also occur in the reference material, by file. */
  function copied(isInReference: (shingle: string) => boolean): string[] {
    const found: string[] = [];
    for (const [path, text] of guideTexts) {
      for (const s of shingles(text)) if (isInReference(s)) found.push(`${path}: “${s}”`);
    }
    return found;
  }

  it('shares no run of 12 or more consecutive words with the reference folder (or its committed digest)', () => {
    if (existsSync(REFERENCE_DIR)) {
      const reference = new Set(filesUnder(REFERENCE_DIR).flatMap((f) => shingles(readFileSync(f, 'utf8'))));
      expect(reference.size).toBeGreaterThan(1000);
      expect(copied((s) => reference.has(s))).toEqual([]);
    } else {
      const hashes = new Set(
        readFileSync(join(GUIDE_DIR, 'reference-shingles.txt'), 'utf8')
          .split('\n')
          .filter((l) => l !== '' && !l.startsWith('#')),
      );
      expect(hashes.size).toBeGreaterThan(1000);
      expect(copied((s) => hashes.has(digest(s)))).toEqual([]);
    }
  });

  it('catches a copied run through the digest as well as through the folder', () => {
    const hashes = new Set(readFileSync(join(GUIDE_DIR, 'reference-shingles.txt'), 'utf8').split('\n'));
    if (existsSync(REFERENCE_DIR)) {
      // The digest was made with the same tokenisation as this test: most of today's shingles are in it.
      const reference = [...new Set(filesUnder(REFERENCE_DIR).flatMap((f) => shingles(readFileSync(f, 'utf8'))))];
      const known = reference.filter((s) => hashes.has(digest(s))).length;
      expect(known / reference.length).toBeGreaterThan(0.9);
    }
    const planted = [...hashes].find((h) => /^[0-9a-f]{16}$/.test(h));
    expect(planted).toBeDefined();
  });
});
