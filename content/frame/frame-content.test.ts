// Checks the contract clause library in content/frame/clauses: the file
// format, word limits, placeholders, citation keys, that every setting ×
// audience combination can be covered, and that no clause copies a run of
// 12 or more words from the reference folder. See content/frame/README.md.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { SHINGLE, digest as hash, filesUnder, shingles, words } from '../originality.js';
import {
  ALL_TOPICS,
  AUDIENCES,
  CHILD_TOPICS,
  OPTIONAL_TOPICS,
  PLACEHOLDERS,
  SETTINGS,
  SETTING_TOPICS,
  YOUNG_PEOPLE_TOPICS,
  requiredTopics,
  type Audience,
  type Setting,
} from '@rapport/core';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const clausesDir = path.join(repoRoot, 'content', 'frame', 'clauses');
const referencesFile = path.join(repoRoot, 'content', 'guide', 'references.json');
const referenceFolder = path.resolve(repoRoot, '../shared/reference');
const shinglesFile = path.join(repoRoot, 'content', 'guide', 'reference-shingles.txt');

// The rules come from core, so the library is checked against the same
// topic lists the contract builder enforces.
const isOneOf = (list: readonly string[], x: string): boolean => list.includes(x);
const YP: readonly string[] = YOUNG_PEOPLE_TOPICS;
const CHILD: readonly string[] = CHILD_TOPICS;
const OPTIONAL: readonly string[] = OPTIONAL_TOPICS;

const FIELDS = ['id', 'topic', 'title', 'settings', 'audiences', 'version', 'sources', 'optional'];
const STANDARD_WORDS = { min: 40, max: 180 };
const PLAIN_WORDS = { min: 25, max: 120 };

interface Clause {
  file: string;
  data: Record<string, unknown>;
  body: string;
  standard: string;
  plain: string;
}

const BODY = /^## Standard\n([\s\S]*?)\n## Plain words\n([\s\S]*)$/;

function loadClauses(): Clause[] {
  return readdirSync(clausesDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const parsed = matter(readFileSync(path.join(clausesDir, name), 'utf8'));
      const data: Record<string, unknown> = parsed.data;
      const body = parsed.content.trim();
      const match = BODY.exec(body);
      return { file: name, data, body, standard: match?.[1]?.trim() ?? '', plain: match?.[2]?.trim() ?? '' };
    });
}

const clauses = loadClauses();

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const covers = (clause: Clause, topic: string, setting: Setting, audience: Audience): boolean =>
  clause.data.topic === topic &&
  strings(clause.data.settings).includes(setting) &&
  strings(clause.data.audiences).includes(audience);

describe('frame clause library', () => {
  it('has clauses', () => {
    expect(clauses.length).toBeGreaterThan(0);
  });

  describe.each(clauses.map((c) => [c.file, c] as const))('%s', (file, clause) => {
    it('has valid front matter', () => {
      const { data } = clause;
      expect(Object.keys(data).filter((k) => !FIELDS.includes(k))).toEqual([]);
      expect(data.id).toBe(file.replace(/\.md$/, ''));
      expect(data.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ALL_TOPICS).toContain(data.topic);
      expect(typeof data.title).toBe('string');
      expect(String(data.title).trim()).not.toBe('');
      expect(data.version).toBe(1);

      const settings = strings(data.settings);
      const audiences = strings(data.audiences);
      expect(Array.isArray(data.settings) && settings.length === data.settings.length).toBe(true);
      expect(Array.isArray(data.audiences) && audiences.length === data.audiences.length).toBe(true);
      expect(settings.length).toBeGreaterThan(0);
      expect(audiences.length).toBeGreaterThan(0);
      for (const s of settings) expect(SETTINGS).toContain(s);
      for (const a of audiences) expect(AUDIENCES).toContain(a);
      expect(new Set(settings).size).toBe(settings.length);
      expect(new Set(audiences).size).toBe(audiences.length);

      expect(Array.isArray(data.sources)).toBe(true);
      expect(strings(data.sources)).toHaveLength((data.sources as unknown[]).length);
    });

    it('fits the topic it claims', () => {
      const topic = String(clause.data.topic);
      const settings = strings(clause.data.settings);
      const audiences = strings(clause.data.audiences);
      for (const s of SETTINGS) {
        if (isOneOf(SETTING_TOPICS[s], topic)) expect(settings).toEqual([s]);
      }
      if (YP.includes(topic) || OPTIONAL.includes(topic)) {
        expect(audiences).not.toContain('adult');
      }
      if (CHILD.includes(topic)) expect(audiences).toEqual(['child']);
      if (OPTIONAL.includes(topic)) expect(clause.data.optional).toBe(true);
      else expect(clause.data.optional).toBeUndefined();
    });

    it('has exactly the two headings, Standard then Plain words', () => {
      expect(clause.body).toMatch(BODY);
      expect(clause.body.split('\n').filter((line) => line.startsWith('#'))).toEqual(['## Standard', '## Plain words']);
    });

    it('is plain prose (clause text is shown as text, not rendered)', () => {
      for (const text of [clause.standard, clause.plain]) {
        expect(text).not.toMatch(/^\s*([-*+>]|\d+[.)])\s/m);
        expect(text).not.toMatch(/\*\*|__|`|<[a-z/]|\]\(/i);
      }
    });

    it('keeps within the word limits', () => {
      const standard = words(clause.standard).length;
      const plain = words(clause.plain).length;
      expect(standard, `Standard has ${standard} words`).toBeGreaterThanOrEqual(STANDARD_WORDS.min);
      expect(standard, `Standard has ${standard} words`).toBeLessThanOrEqual(STANDARD_WORDS.max);
      expect(plain, `Plain words has ${plain} words`).toBeGreaterThanOrEqual(PLAIN_WORDS.min);
      expect(plain, `Plain words has ${plain} words`).toBeLessThanOrEqual(PLAIN_WORDS.max);
    });

    it('uses only the allowed placeholders', () => {
      const text = `${clause.standard}\n${clause.plain}`;
      for (const m of text.matchAll(/\{\{([^{}]*)\}\}/g)) expect(PLACEHOLDERS).toContain(m[1]);
      // No stray or malformed braces once the placeholders are taken out.
      expect(text.replace(/\{\{[A-Za-z]+\}\}/g, '')).not.toMatch(/[{}]/);
    });

    it('uses British spelling', () => {
      const text = `${String(clause.data.title)}\n${clause.standard}\n${clause.plain}`;
      expect(text).not.toMatch(
        /\b(counselor|counseling|color|behavior|favor|organiz|realiz|recogniz|apologiz|center|judgment)/i,
      );
    });
  });

  it('has unique ids', () => {
    const ids = clauses.map((c) => c.data.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.skipIf(!existsSync(referencesFile))('cites only keys in content/guide/references.json', () => {
    const keys = Object.keys(JSON.parse(readFileSync(referencesFile, 'utf8')) as Record<string, unknown>);
    const unknown = clauses.flatMap((c) =>
      strings(c.data.sources)
        .filter((k) => !keys.includes(k))
        .map((k) => `${c.file}: ${k}`),
    );
    expect(unknown).toEqual([]);
  });

  describe.each(SETTINGS.flatMap((s) => AUDIENCES.map((a) => [s, a] as const)))(
    'a %s contract for audience %s',
    (setting, audience) => {
      it('has a clause for every required topic', () => {
        const missing = requiredTopics([setting], audience).filter(
          (topic) => !clauses.some((c) => covers(c, topic, setting, audience)),
        );
        expect(missing).toEqual([]);
      });
    },
  );

  const folderAvailable = existsSync(referenceFolder);
  const shinglesAvailable = !folderAvailable && existsSync(shinglesFile);
  const originality = folderAvailable
    ? `shares no run of ${SHINGLE} words with ${referenceFolder}`
    : shinglesAvailable
      ? `shares no run of ${SHINGLE} words with the reference digest in content/guide/reference-shingles.txt`
      : `originality check skipped: no reference folder at ${referenceFolder} and no content/guide/reference-shingles.txt`;

  it.skipIf(!folderAvailable && !shinglesAvailable)(originality, () => {
    const copied: string[] = [];
    if (folderAvailable) {
      const reference = new Set(filesUnder(referenceFolder).flatMap((f) => shingles(readFileSync(f, 'utf8'))));
      for (const c of clauses) {
        for (const text of [String(c.data.title), c.standard, c.plain]) {
          for (const s of shingles(text)) if (reference.has(s)) copied.push(`${c.file}: "${s}"`);
        }
      }
    } else {
      const digest = new Set(
        readFileSync(shinglesFile, 'utf8')
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !line.startsWith('#')),
      );
      for (const c of clauses) {
        for (const text of [String(c.data.title), c.standard, c.plain]) {
          for (const s of shingles(text)) if (digest.has(hash(s))) copied.push(`${c.file}: "${s}"`);
        }
      }
    }
    expect(copied).toEqual([]);
  });
});
