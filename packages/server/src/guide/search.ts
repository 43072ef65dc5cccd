/**
 * Full-text search over the guide with MiniSearch: question titles weigh most,
 * then tags and the short answer, then the rest of the answer. Fuzzy matching
 * forgives typos ("aliance", "rupure"); prefix search finds words as they are typed.
 */
import MiniSearch from 'minisearch';
import { markdownToPlainText, type Guide, type GuideQuestion } from '@rapport/core';

interface SearchDocument {
  readonly id: string;
  readonly question: string;
  /** The chapter's title, so "endings" or "being real" find their chapter's questions. */
  readonly chapter: string;
  readonly tags: string;
  readonly shortAnswer: string;
  readonly answer: string;
}

/** Words too common to say anything about which answer a reader wants. */
const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from how i if in is it me my of on or so that the their them they this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

/** Results scoring below this share of the best result are dropped. */
const RELEVANCE_FLOOR = 0.15;

/** The longest query the search reads; longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 200;

export interface GuideHit {
  readonly question: GuideQuestion;
  readonly score: number;
}

export interface GuideSearch {
  /** Best matches first; an empty or stop-word-only query finds nothing. */
  search(query: string, limit?: number): GuideHit[];
}

const toDocument = (q: GuideQuestion, chapterTitle: string): SearchDocument => ({
  id: q.id,
  question: q.question,
  chapter: chapterTitle,
  tags: q.tags.join(' '),
  shortAnswer: markdownToPlainText(q.sections[0]?.markdown ?? ''),
  answer: q.sections
    .slice(1)
    .map((s) => markdownToPlainText(s.markdown))
    .join(' '),
});

/**
 * Builds the index once; searching it is then a few milliseconds at most.
 *
 * @example buildGuideSearch(guide).search('rupure repair')[0]?.question.id
 */
export function buildGuideSearch(guide: Guide): GuideSearch {
  const index = new MiniSearch<SearchDocument>({
    fields: ['question', 'chapter', 'tags', 'shortAnswer', 'answer'],
    processTerm: (term) => {
      const t = term.toLowerCase().replace(/’/g, "'");
      return STOP_WORDS.has(t) ? null : t;
    },
    searchOptions: {
      boost: { question: 4, chapter: 2, tags: 2.5, shortAnswer: 1.5, answer: 1 },
      fuzzy: (term) => (term.length > 3 ? 0.2 : false),
      prefix: (term) => term.length > 2,
      combineWith: 'OR',
    },
  });
  const titles = new Map(guide.chapters.map((c) => [c.id, c.title]));
  index.addAll(guide.questions.map((q) => toDocument(q, titles.get(q.chapter) ?? q.chapter)));
  const byId = new Map(guide.questions.map((q) => [q.id, q]));

  return {
    search(query, limit = 10) {
      const text = query.slice(0, MAX_QUERY_LENGTH).trim();
      if (text === '') return [];
      const hits: GuideHit[] = [];
      const results = index.search(text);
      // OR-matching finds something for almost any word; answers scoring a small
      // fraction of the best are noise to a reader, so they are left out.
      const floor = (results[0]?.score ?? 0) * RELEVANCE_FLOOR;
      for (const r of results) {
        if (hits.length >= limit || r.score < floor) break;
        const question = typeof r.id === 'string' ? byId.get(r.id) : undefined;
        if (question) hits.push({ question, score: r.score });
      }
      return hits;
    },
  };
}
