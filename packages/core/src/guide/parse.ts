/**
 * Parsing at the edge: front matter and JSON arrive as `unknown`, leave as
 * typed guide values or as a list of problems an author can act on.
 */
import { ok, type Result } from '../errors.js';
import {
  GUIDE_LIMITS,
  GUIDE_SECTIONS,
  RESERVED_GUIDE_IDS,
  isSignalType,
  type Bibliography,
  type Citation,
  type GuideChapter,
  type GuideProblem,
  type GuideQuestion,
  type GuideSection,
  type SignalType,
} from './model.js';
import { citationKeys, markdownWordCount, markdownListItems, markdownSections } from './text.js';

/** One question file as the loader read it: front matter parsed, body untouched. */
export interface QuestionSource {
  /** Path relative to the guide folder, e.g. `alliance/alliance-what-is-it.md`. */
  readonly path: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
}

type Problems = readonly GuideProblem[];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const stringList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x): x is string => typeof x === 'string' && x.trim() !== '') ? v : null;

/** YAML turns an unquoted date into a Date; a quoted one stays a string. */
function isoDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return typeof v === 'string' && DATE.test(v) ? v : null;
}

function slug(v: unknown): string | null {
  return typeof v === 'string' && SLUG.test(v) && !RESERVED_GUIDE_IDS.includes(v) ? v : null;
}

/**
 * Checks one question file against the guide's rules: front matter shape, the
 * six parts in order, the word limits, and citations that match the body and
 * resolve in the bibliography.
 *
 * @example parseGuideQuestion({ path: 'alliance/alliance-what-is-it.md', data, body }, bibliography)
 */
export function parseGuideQuestion(
  source: QuestionSource,
  bibliography: Bibliography,
): Result<GuideQuestion, Problems> {
  const problems: string[] = [];
  const d = source.data;

  const id = slug(d['id']);
  if (id === null) {
    problems.push('`id` must be a lower-case slug such as `rupture-what-is-it` and not a reserved word.');
  }
  const chapter = slug(d['chapter']);
  if (chapter === null) problems.push('`chapter` must be a chapter id such as `alliance`.');
  if (id !== null && chapter !== null && source.path !== `${chapter}/${id}.md`) {
    problems.push(`the file should be at ${chapter}/${id}.md to match its id and chapter.`);
  }
  const order = d['order'];
  if (typeof order !== 'number' || !Number.isInteger(order) || order < 1) {
    problems.push('`order` must be a whole number from 1.');
  }
  const question = typeof d['question'] === 'string' ? d['question'].trim() : '';
  if (question === '') problems.push('`question` must be the question as a reader would ask it.');
  const tags = stringList(d['tags']);
  if (tags === null || tags.length === 0) problems.push('`tags` must be a list of words.');
  const rawSignals = d['signals'] ?? [];
  const signals = stringList(rawSignals) ?? (Array.isArray(rawSignals) && rawSignals.length === 0 ? [] : null);
  if (signals === null || !signals.every(isSignalType)) {
    problems.push(
      '`signals` must list signal types only: rupture, stuck, not-on-track, divergence, unplanned-ending, boundary-event.',
    );
  }
  const citations = stringList(d['citations'] ?? []) ?? [];
  const related = stringList(d['related'] ?? []);
  if (related === null) problems.push('`related` must be a list of question ids.');
  const reviewed = isoDate(d['reviewed']);
  if (reviewed === null) problems.push('`reviewed` must be a date written YYYY-MM-DD.');

  const split = markdownSections(source.body);
  if (split.preamble !== '') problems.push('the body must start with the `## Short answer` heading.');
  const titles = split.sections.map((s) => s.title);
  const sections: GuideSection[] = [];
  if (titles.join('|') !== GUIDE_SECTIONS.join('|')) {
    problems.push(
      `the body needs exactly these headings in order: ${GUIDE_SECTIONS.join('; ')} (found: ${titles.join('; ') || 'none'}).`,
    );
  } else {
    GUIDE_SECTIONS.forEach((title, i) => sections.push({ title, markdown: split.sections[i]?.markdown ?? '' }));
  }

  const short = sections[0]?.markdown ?? '';
  const shortWords = markdownWordCount(short);
  if (sections.length > 0 && shortWords > GUIDE_LIMITS.shortAnswerMaxWords) {
    problems.push(
      `the short answer has ${String(shortWords)} words; keep it to ${String(GUIDE_LIMITS.shortAnswerMaxWords)}.`,
    );
  }
  const bodyWords = markdownWordCount(source.body.replace(/^##.*$/gm, ''));
  if (bodyWords < GUIDE_LIMITS.bodyMinWords) {
    problems.push(`the answer has ${String(bodyWords)} words; it needs at least ${String(GUIDE_LIMITS.bodyMinWords)}.`);
  }
  for (const title of ['Personal reflection', 'Ideas for research'] as const) {
    const count = markdownListItems(sections.find((s) => s.title === title)?.markdown ?? '').length;
    if (sections.length > 0 && (count < 2 || count > 3)) {
      problems.push(`“${title}” needs 2 or 3 list items (found ${String(count)}).`);
    }
  }

  const used = citationKeys(source.body);
  const unlisted = used.filter((k) => !citations.includes(k));
  const unused = citations.filter((k) => !used.includes(k));
  const unknown = [...new Set([...used, ...citations])].filter((k) => !bibliography.has(k));
  if (unlisted.length > 0) problems.push(`cited in the text but missing from \`citations\`: ${unlisted.join(', ')}.`);
  if (unused.length > 0) problems.push(`listed in \`citations\` but never cited in the text: ${unused.join(', ')}.`);
  if (unknown.length > 0) problems.push(`not in references.json: ${unknown.join(', ')}.`);

  if (problems.length > 0 || id === null || chapter === null || typeof order !== 'number' || tags === null) {
    return { ok: false, error: problems.map((message) => ({ path: source.path, message })) };
  }
  return ok({
    id,
    chapter,
    order,
    question,
    tags,
    signals: (signals ?? []).filter(isSignalType) satisfies SignalType[],
    citations: used,
    related: related ?? [],
    reviewed: reviewed ?? '',
    sections,
  });
}

/** Reads `references.json`: an object of key → { label, reference, verified }. */
export function parseBibliography(json: unknown, path = 'references.json'): Result<Bibliography, Problems> {
  if (!isRecord(json)) return { ok: false, error: [{ path, message: 'must be an object keyed by citation key.' }] };
  const problems: GuideProblem[] = [];
  const entries = new Map<string, Citation>();
  for (const [key, value] of Object.entries(json)) {
    const label = isRecord(value) ? value['label'] : undefined;
    const reference = isRecord(value) ? value['reference'] : undefined;
    const verified = isRecord(value) ? value['verified'] : undefined;
    if (typeof label !== 'string' || typeof reference !== 'string' || (verified !== 'yes' && verified !== 'partly')) {
      problems.push({ path, message: `${key}: needs a label, a reference and verified "yes" or "partly".` });
    } else {
      entries.set(key, { key, label, reference, verified });
    }
  }
  return problems.length > 0 ? { ok: false, error: problems } : ok(entries);
}

/** Reads `chapters.json`: a list of { id, order, title, intro }, sorted by order. */
export function parseChapters(json: unknown, path = 'chapters.json'): Result<readonly GuideChapter[], Problems> {
  if (!Array.isArray(json)) return { ok: false, error: [{ path, message: 'must be a list of chapters.' }] };
  const problems: GuideProblem[] = [];
  const chapters: GuideChapter[] = [];
  json.forEach((value: unknown, i) => {
    const c = isRecord(value) ? value : {};
    const id = slug(c['id']);
    const { order, title, intro } = c;
    if (id === null || typeof order !== 'number' || typeof title !== 'string' || typeof intro !== 'string') {
      problems.push({ path, message: `chapter ${String(i + 1)}: needs an id, an order, a title and an intro.` });
    } else {
      chapters.push({ id, order, title, intro });
    }
  });
  return problems.length > 0 ? { ok: false, error: problems } : ok(chapters);
}
