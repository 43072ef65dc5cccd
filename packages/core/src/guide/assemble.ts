/**
 * Checks that the guide's files fit together (ids unique, chapters known,
 * related questions present) and puts them in reading order.
 */
import { ok, type Result } from '../errors.js';
import type { Bibliography, Guide, GuideChapter, GuideProblem, GuideQuestion } from './model.js';

const pathOf = (q: GuideQuestion): string => `${q.chapter}/${q.id}.md`;

/** Reading order: chapters by `order`, questions by their chapter's order, then their own. */
export function readingOrder(
  chapters: readonly GuideChapter[],
  questions: readonly GuideQuestion[],
): { chapters: GuideChapter[]; questions: GuideQuestion[] } {
  const sortedChapters = [...chapters].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const rank = new Map(sortedChapters.map((c, i) => [c.id, i]));
  const sortedQuestions = [...questions].sort(
    (a, b) =>
      (rank.get(a.chapter) ?? Infinity) - (rank.get(b.chapter) ?? Infinity) ||
      a.order - b.order ||
      a.id.localeCompare(b.id),
  );
  return { chapters: sortedChapters, questions: sortedQuestions };
}

/**
 * Builds the guide from parsed parts, or lists every cross-file problem.
 *
 * @example assembleGuide(chapters, questions, bibliography) // → ok({ chapters, questions, bibliography })
 */
export function assembleGuide(
  chapters: readonly GuideChapter[],
  questions: readonly GuideQuestion[],
  bibliography: Bibliography,
): Result<Guide, readonly GuideProblem[]> {
  const problems: GuideProblem[] = [];
  const chapterIds = new Set<string>();
  for (const c of chapters) {
    if (chapterIds.has(c.id)) problems.push({ path: 'chapters.json', message: `chapter ${c.id} appears twice.` });
    chapterIds.add(c.id);
  }
  const ids = new Set<string>();
  const orders = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.id)) problems.push({ path: pathOf(q), message: `the id ${q.id} is used by another question.` });
    if (chapterIds.has(q.id)) problems.push({ path: pathOf(q), message: `the id ${q.id} is also a chapter id.` });
    ids.add(q.id);
    if (!chapterIds.has(q.chapter)) {
      problems.push({ path: pathOf(q), message: `chapter ${q.chapter} is not in chapters.json.` });
    }
    const slot = `${q.chapter}#${String(q.order)}`;
    if (orders.has(slot)) {
      problems.push({ path: pathOf(q), message: `another question in ${q.chapter} has order ${String(q.order)}.` });
    }
    orders.add(slot);
  }
  for (const q of questions) {
    for (const r of q.related) {
      if (r === q.id) problems.push({ path: pathOf(q), message: 'a question cannot be related to itself.' });
      else if (!ids.has(r)) problems.push({ path: pathOf(q), message: `related question ${r} does not exist.` });
    }
  }
  if (problems.length > 0) return { ok: false, error: problems };
  return ok({ ...readingOrder(chapters, questions), bibliography });
}
