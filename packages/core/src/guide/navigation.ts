/** Finding one's way through the guide: chapters, neighbours and related questions. */
import type { Guide, GuideChapter, GuideQuestion } from './model.js';

export const findChapter = (guide: Guide, id: string): GuideChapter | undefined =>
  guide.chapters.find((c) => c.id === id);

export const findQuestion = (guide: Guide, id: string): GuideQuestion | undefined =>
  guide.questions.find((q) => q.id === id);

/** A chapter's questions in their order. */
export const questionsInChapter = (guide: Guide, chapterId: string): GuideQuestion[] =>
  guide.questions.filter((q) => q.chapter === chapterId);

export interface Neighbours {
  readonly previous: GuideQuestion | null;
  readonly next: GuideQuestion | null;
}

/**
 * The questions before and after one in reading order, across chapter
 * boundaries, so a reader can go through the whole guide page by page.
 */
export function neighbours(guide: Guide, questionId: string): Neighbours {
  const i = guide.questions.findIndex((q) => q.id === questionId);
  if (i < 0) return { previous: null, next: null };
  return { previous: guide.questions[i - 1] ?? null, next: guide.questions[i + 1] ?? null };
}

/**
 * Questions to read next: the author's `related` list first, in its order,
 * then the questions sharing most tags (ties in reading order), up to `limit`.
 *
 * @example relatedQuestions(guide, question, 5).map((q) => q.id)
 */
export function relatedQuestions(guide: Guide, question: GuideQuestion, limit = 5): GuideQuestion[] {
  const chosen: GuideQuestion[] = [];
  for (const id of question.related) {
    const q = findQuestion(guide, id);
    if (q && q.id !== question.id && !chosen.includes(q)) chosen.push(q);
  }
  const tags = new Set(question.tags);
  const byTags = guide.questions
    .filter((q) => q.id !== question.id && !chosen.includes(q))
    .map((q, index) => ({ q, index, shared: q.tags.filter((t) => tags.has(t)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.index - b.index)
    .map((x) => x.q);
  return [...chosen, ...byTags].slice(0, Math.max(limit, 0));
}

/** The bibliography entries a set of questions cites, sorted by label. */
export function citedReferences(guide: Guide, questions: readonly GuideQuestion[]) {
  const keys = new Set(questions.flatMap((q) => q.citations));
  return [...guide.bibliography.values()]
    .filter((c) => keys.has(c.key))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}
