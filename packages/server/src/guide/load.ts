/**
 * Reads `content/guide` once at start-up: chapters, bibliography and every
 * question file, checked by the core's rules, rendered to HTML and indexed for
 * search. Broken content is a bug in the repository, so loading throws and the
 * server does not start with a half-built guide.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import {
  GUIDE_SECTIONS,
  assembleGuide,
  markdownListItems,
  markdownToPlainText,
  parseBibliography,
  parseChapters,
  parseGuideQuestion,
  signalAnswers,
  type Guide,
  type GuideProblem,
  type GuideQuestion,
  type GuideSectionTitle,
  type Result,
  type SignalAnswers,
} from '@rapport/core';
import { defaultGuideDir } from './content-dir.js';
import { guideMarkdown } from './render.js';
import { buildGuideSearch, type GuideSearch } from './search.js';

/** One answer part, ready for a page. */
export interface RenderedSection {
  readonly title: GuideSectionTitle;
  /** The heading's anchor id, e.g. `short-answer`. */
  readonly anchor: string;
  /** HTML from markdown-it with raw HTML off: text in it is already escaped. */
  readonly html: string;
}

export interface RenderedQuestion {
  readonly sections: readonly RenderedSection[];
  /** The short answer as plain text, for lists and search results. */
  readonly summary: string;
  /** The personal-reflection prompts as plain text, for copying. */
  readonly prompts: readonly string[];
}

/** The guide as the server holds it for its whole life. */
export interface LoadedGuide {
  readonly guide: Guide;
  readonly signals: SignalAnswers;
  readonly rendered: ReadonlyMap<string, RenderedQuestion>;
  readonly search: GuideSearch;
}

/** Content that breaks the guide's rules; the message lists every problem with its file. */
export class GuideContentError extends Error {
  readonly problems: readonly GuideProblem[];
  constructor(problems: readonly GuideProblem[]) {
    super(
      `The guide content has ${String(problems.length)} problem(s):\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'GuideContentError';
    this.problems = problems;
  }
}

/** Refuses executable front matter (`---js`): content is data, never code. */
const refuse = (): never => {
  throw new Error('JavaScript front matter is not allowed in the guide.');
};
const SAFE_ENGINES = { javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse };

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

const anchorOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Reads and checks the guide without rendering it: what the content tests and
 * `loadGuide` share.
 */
export function readGuide(dir: string = defaultGuideDir()): Result<Guide, readonly GuideProblem[]> {
  const chapters = parseChapters(readJson(join(dir, 'chapters.json')));
  const bibliography = parseBibliography(readJson(join(dir, 'references.json')));
  if (!chapters.ok || !bibliography.ok) {
    return {
      ok: false,
      error: [...(chapters.ok ? [] : chapters.error), ...(bibliography.ok ? [] : bibliography.error)],
    };
  }
  const problems: GuideProblem[] = [];
  const questions: GuideQuestion[] = [];
  const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const folder of folders) {
    for (const file of readdirSync(join(dir, folder.name))
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const path = `${folder.name}/${file}`;
      const text = readFileSync(join(dir, path), 'utf8');
      let parsed: matter.GrayMatterFile<string>;
      try {
        // An options object also keeps gray-matter's shared cache out of the way.
        parsed = matter(text, { engines: SAFE_ENGINES });
      } catch (e) {
        problems.push({
          path,
          message: `front matter could not be read: ${e instanceof Error ? e.message : String(e)}`,
        });
        continue;
      }
      const data: unknown = parsed.data;
      const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
      const question = parseGuideQuestion({ path, data: record, body: parsed.content }, bibliography.value);
      if (question.ok) questions.push(question.value);
      else problems.push(...question.error);
    }
  }
  if (problems.length > 0) return { ok: false, error: problems };
  return assembleGuide(chapters.value, questions, bibliography.value);
}

/**
 * Loads the guide for serving: checked, rendered and indexed.
 *
 * @throws GuideContentError when any file breaks the guide's rules.
 * @example const guide = loadGuide(); // from content/guide beside the packages
 */
export function loadGuide(dir: string = defaultGuideDir()): LoadedGuide {
  const read = readGuide(dir);
  if (!read.ok) throw new GuideContentError(read.error);
  const guide = read.value;
  const md = guideMarkdown(guide.bibliography);
  const rendered = new Map<string, RenderedQuestion>();
  for (const q of guide.questions) {
    const reflection = q.sections.find((s) => s.title === 'Personal reflection');
    rendered.set(q.id, {
      sections: q.sections.map((s) => ({ title: s.title, anchor: anchorOf(s.title), html: md.render(s.markdown) })),
      summary: markdownToPlainText(q.sections.find((s) => s.title === GUIDE_SECTIONS[0])?.markdown ?? ''),
      prompts: markdownListItems(reflection?.markdown ?? ''),
    });
  }
  return { guide, signals: signalAnswers(guide.questions), rendered, search: buildGuideSearch(guide) };
}

const loaded = new Map<string, LoadedGuide>();

/** `loadGuide`, once per folder per process: the content does not change while the server runs. */
export function loadGuideOnce(dir: string = defaultGuideDir()): LoadedGuide {
  const cached = loaded.get(dir);
  if (cached) return cached;
  const guide = loadGuide(dir);
  loaded.set(dir, guide);
  return guide;
}
