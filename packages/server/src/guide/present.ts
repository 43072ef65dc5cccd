/**
 * Guide presenters: the core's guide and the rendered HTML become the web
 * package's view-models, with every link built here in one place.
 */
import {
  SIGNAL_DESCRIPTIONS,
  SIGNAL_TYPES,
  citedReferences,
  findChapter,
  neighbours,
  questionsInChapter,
  relatedQuestions,
  signalGuidePath,
  type Citation,
  type GuideChapter,
  type GuideQuestion,
} from '@rapport/core';
import type {
  GuideAnswerView,
  GuideChapterPrintView,
  GuideChapterView,
  GuideHomeView,
  GuideQuestionLink,
  GuideQuestionView,
  GuideReferenceView,
  Viewer,
} from '@rapport/web';
import type { LoadedGuide } from './load.js';
import { referenceAnchor } from './render.js';

export const chapterHref = (chapterId: string): string => `/guide/${chapterId}`;
export const questionHref = (q: GuideQuestion): string => `/guide/${q.chapter}/${q.id}`;

/** A question as a link; `detail` adds its chapter title and short answer. */
export function presentQuestionLink(loaded: LoadedGuide, q: GuideQuestion, detail = false): GuideQuestionLink {
  if (!detail) return { href: questionHref(q), question: q.question };
  return {
    href: questionHref(q),
    question: q.question,
    chapterTitle: findChapter(loaded.guide, q.chapter)?.title ?? q.chapter,
    summary: loaded.rendered.get(q.id)?.summary ?? '',
  };
}

export const presentReference = (c: Citation): GuideReferenceView => ({
  anchor: referenceAnchor(c.key),
  label: c.label,
  reference: c.reference,
  partlyVerified: c.verified !== 'yes',
});

export function presentHome(loaded: LoadedGuide, viewer: Viewer): GuideHomeView {
  return {
    viewer,
    chapters: loaded.guide.chapters.map((c) => ({
      href: chapterHref(c.id),
      title: c.title,
      intro: c.intro,
      questionCount: questionsInChapter(loaded.guide, c.id).length,
    })),
    signals: SIGNAL_TYPES.map((s) => ({ href: signalGuidePath(s), ...SIGNAL_DESCRIPTIONS[s] })),
  };
}

export function presentChapter(loaded: LoadedGuide, chapter: GuideChapter, viewer: Viewer): GuideChapterView {
  const i = loaded.guide.chapters.indexOf(chapter);
  const link = (c: GuideChapter | undefined) => (c ? { href: chapterHref(c.id), title: c.title } : null);
  return {
    viewer,
    title: chapter.title,
    intro: chapter.intro,
    printHref: `${chapterHref(chapter.id)}/print`,
    questions: questionsInChapter(loaded.guide, chapter.id).map((q) => ({
      ...presentQuestionLink(loaded, q),
      summary: loaded.rendered.get(q.id)?.summary ?? '',
    })),
    previous: link(loaded.guide.chapters[i - 1]),
    next: link(loaded.guide.chapters[i + 1]),
  };
}

function presentAnswer(loaded: LoadedGuide, q: GuideQuestion): GuideAnswerView {
  const rendered = loaded.rendered.get(q.id);
  return {
    id: q.id,
    question: q.question,
    reviewed: q.reviewed,
    sections: rendered?.sections ?? [],
    prompts: rendered?.prompts ?? [],
  };
}

export function presentQuestion(loaded: LoadedGuide, q: GuideQuestion, viewer: Viewer): GuideQuestionView {
  const { previous, next } = neighbours(loaded.guide, q.id);
  return {
    ...presentAnswer(loaded, q),
    viewer,
    chapter: { href: chapterHref(q.chapter), title: findChapter(loaded.guide, q.chapter)?.title ?? q.chapter },
    related: relatedQuestions(loaded.guide, q, 5).map((r) => presentQuestionLink(loaded, r)),
    previous: previous ? presentQuestionLink(loaded, previous) : null,
    next: next ? presentQuestionLink(loaded, next) : null,
    references: citedReferences(loaded.guide, [q]).map(presentReference),
  };
}

export function presentChapterPrint(loaded: LoadedGuide, chapter: GuideChapter, viewer: Viewer): GuideChapterPrintView {
  const questions = questionsInChapter(loaded.guide, chapter.id);
  return {
    viewer,
    title: chapter.title,
    intro: chapter.intro,
    chapterHref: chapterHref(chapter.id),
    answers: questions.map((q) => presentAnswer(loaded, q)),
    references: citedReferences(loaded.guide, questions).map(presentReference),
  };
}
