/**
 * The guide's pages: public reading for anyone, signed in or not. Every page
 * works with JavaScript off; the search script only makes results instant.
 */
import {
  GuidePrompts,
  GuideQuestionList,
  GuideReferenceList,
  GuideScript,
  GuideSearchForm,
  GuideSection,
  type GuideQuestionLink,
  type GuideReferenceView,
  type GuideSectionView,
} from './guide-parts.js';
import { Layout, renderDocument, type Viewer } from './layout.js';

export interface GuideChapterLink {
  readonly href: string;
  readonly title: string;
  readonly intro: string;
  readonly questionCount: number;
}

export interface GuideSignalLink {
  readonly href: string;
  readonly title: string;
  readonly description: string;
}

export interface GuideHomeView {
  readonly viewer: Viewer;
  readonly chapters: readonly GuideChapterLink[];
  readonly signals: readonly GuideSignalLink[];
}

const Crumbs = ({ chapter }: { readonly chapter?: { readonly href: string; readonly title: string } }) => (
  <nav aria-label="Breadcrumb" class="crumbs">
    <a href="/guide">Guide</a>
    {chapter ? (
      <>
        {' › '}
        <a href={chapter.href}>{chapter.title}</a>
      </>
    ) : null}
  </nav>
);

/** The guide's front page: the chapters with their intros, search, and the signals. */
export function guideHomePage(v: GuideHomeView): string {
  return renderDocument(
    <Layout title="The guide" viewer={v.viewer}>
      <h1>The guide to the therapeutic relationship</h1>
      <p class="guide-lead">
        Questions counsellors ask about the relationship with their clients, answered briefly and then in depth, with
        the research behind each answer, a fictional example, prompts for reflection and ideas for research.
      </p>
      <GuideSearchForm />
      <div id="guide-instant" class="guide-instant" aria-live="polite"></div>
      <h2>Chapters</h2>
      <ol class="guide-chapters">
        {v.chapters.map((c) => (
          <li>
            <a href={c.href}>{c.title}</a> <span class="muted">({String(c.questionCount)} questions)</span>
            <p class="guide-summary">{c.intro}</p>
          </li>
        ))}
      </ol>
      <h2>When Rapport raises a signal</h2>
      <ul class="guide-signals">
        {v.signals.map((s) => (
          <li>
            <a href={s.href}>{s.title}</a>: {s.description}
          </li>
        ))}
      </ul>
      <p>
        <a href="/guide/references">All references</a>
      </p>
      <GuideScript />
    </Layout>,
  );
}

export interface GuideChapterView {
  readonly viewer: Viewer;
  readonly title: string;
  readonly intro: string;
  readonly printHref: string;
  readonly questions: readonly GuideQuestionLink[];
  readonly previous: { readonly href: string; readonly title: string } | null;
  readonly next: { readonly href: string; readonly title: string } | null;
}

const ChapterPager = ({
  previous,
  next,
  label,
}: Pick<GuideChapterView, 'previous' | 'next'> & { readonly label: string }) =>
  previous || next ? (
    <nav aria-label={label} class="guide-pager">
      {previous ? (
        <a href={previous.href} rel="prev">
          Previous: {previous.title}
        </a>
      ) : (
        <span></span>
      )}
      {next ? (
        <a href={next.href} rel="next">
          Next: {next.title}
        </a>
      ) : null}
    </nav>
  ) : null;

/** A chapter: its questions in order with their short answers. */
export function guideChapterPage(v: GuideChapterView): string {
  return renderDocument(
    <Layout title={v.title} viewer={v.viewer}>
      <Crumbs />
      <h1>{v.title}</h1>
      <p class="guide-lead">{v.intro}</p>
      <GuideQuestionList questions={v.questions} ordered />
      <p>
        <a href={v.printHref}>The whole chapter on one page, for printing</a>
      </p>
      <ChapterPager previous={v.previous} next={v.next} label="Other chapters" />
    </Layout>,
  );
}

export interface GuideAnswerView {
  readonly id: string;
  readonly question: string;
  readonly reviewed: string;
  /** The six parts; the personal reflection is shown from `prompts`. */
  readonly sections: readonly GuideSectionView[];
  readonly prompts: readonly string[];
}

export interface GuideQuestionView extends GuideAnswerView {
  readonly viewer: Viewer;
  readonly chapter: { readonly href: string; readonly title: string };
  readonly related: readonly GuideQuestionLink[];
  readonly previous: GuideQuestionLink | null;
  readonly next: GuideQuestionLink | null;
  readonly references: readonly GuideReferenceView[];
}

/** The parts of one answer, headings prefixed so several answers can share a page. */
const Answer = ({
  answer,
  idPrefix,
  level,
}: {
  readonly answer: GuideAnswerView;
  readonly idPrefix?: string;
  readonly level?: 2 | 3;
}) => (
  <>
    {answer.sections.map((s) =>
      s.anchor === 'personal-reflection' ? (
        <GuidePrompts prompts={answer.prompts} idPrefix={idPrefix ?? ''} level={level ?? 2} />
      ) : (
        <GuideSection section={s} idPrefix={idPrefix ?? ''} level={level ?? 2} />
      ),
    )}
    <p class="muted">Last reviewed {answer.reviewed}.</p>
  </>
);

/** One question: all six parts, its references, related questions, and previous/next. */
export function guideQuestionPage(v: GuideQuestionView): string {
  return renderDocument(
    <Layout title={v.question} viewer={v.viewer}>
      <Crumbs chapter={v.chapter} />
      <article class="guide-answer">
        <h1>{v.question}</h1>
        <Answer answer={v} />
        <section aria-labelledby="references">
          <h2 id="references">References</h2>
          <GuideReferenceList references={v.references} />
        </section>
      </article>
      {v.related.length > 0 ? (
        <nav aria-labelledby="related" class="guide-related">
          <h2 id="related">Related questions</h2>
          <GuideQuestionList questions={v.related} />
        </nav>
      ) : null}
      <nav aria-label="Previous and next questions" class="guide-pager">
        {v.previous ? (
          <a href={v.previous.href} rel="prev">
            Previous: {v.previous.question}
          </a>
        ) : (
          <span></span>
        )}
        {v.next ? (
          <a href={v.next.href} rel="next">
            Next: {v.next.question}
          </a>
        ) : null}
      </nav>
    </Layout>,
  );
}

export interface GuideChapterPrintView {
  readonly viewer: Viewer;
  readonly title: string;
  readonly intro: string;
  readonly chapterHref: string;
  readonly answers: readonly GuideAnswerView[];
  readonly references: readonly GuideReferenceView[];
}

/** A whole chapter on one page, every answer in full, laid out to print cleanly. */
export function guideChapterPrintPage(v: GuideChapterPrintView): string {
  return renderDocument(
    <Layout title={`${v.title} (whole chapter)`} viewer={v.viewer}>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href="/guide">Guide</a> › <a href={v.chapterHref}>{v.title}</a>
      </nav>
      <div class="guide-print">
        <h1>{v.title}</h1>
        <p class="guide-lead">{v.intro}</p>
        <p class="muted guide-print-hint">
          Use your browser’s print command; navigation and forms are left off the paper.
        </p>
        {v.answers.map((a) => (
          <article class="guide-answer" aria-labelledby={`${a.id}-title`}>
            <h2 id={`${a.id}-title`}>{a.question}</h2>
            <div class="guide-nested">
              <Answer answer={a} idPrefix={`${a.id}-`} level={3} />
            </div>
          </article>
        ))}
        <section aria-labelledby="references">
          <h2 id="references">References</h2>
          <GuideReferenceList references={v.references} />
        </section>
      </div>
    </Layout>,
  );
}

export interface GuideSearchView {
  readonly viewer: Viewer;
  readonly query: string;
  readonly results: readonly GuideQuestionLink[];
}

/** Search results, computed on the server so they work without JavaScript. */
export function guideSearchPage(v: GuideSearchView): string {
  const q = v.query.trim();
  return renderDocument(
    <Layout title={q ? `Search: ${q}` : 'Search the guide'} viewer={v.viewer}>
      <Crumbs />
      <h1>Search the guide</h1>
      <GuideSearchForm query={v.query} />
      <div id="guide-instant" class="guide-instant" aria-live="polite">
        {q === '' ? (
          <p>Type a word or two, such as “rupture” or “ending”.</p>
        ) : v.results.length === 0 ? (
          <p>
            Nothing in the guide matches “{q}”. Try fewer or different words, or{' '}
            <a href="/guide">browse the chapters</a>.
          </p>
        ) : (
          <>
            <h2>
              {String(v.results.length)} {v.results.length === 1 ? 'answer' : 'answers'} for “{q}”
            </h2>
            <GuideQuestionList questions={v.results} ordered />
          </>
        )}
      </div>
      <GuideScript />
    </Layout>,
  );
}

export interface GuideReferencesView {
  readonly viewer: Viewer;
  readonly references: readonly GuideReferenceView[];
}

/** Every work the guide cites, in one list. */
export function guideReferencesPage(v: GuideReferencesView): string {
  return renderDocument(
    <Layout title="References" viewer={v.viewer}>
      <Crumbs />
      <h1>References</h1>
      <p>
        Every work the guide cites. Where the details are incomplete, the entry says so rather than guessing; figures in
        the answers come with their sources.
      </p>
      <GuideReferenceList references={v.references} />
    </Layout>,
  );
}

export interface GuideSignalView {
  readonly viewer: Viewer;
  readonly title: string;
  readonly description: string;
  readonly questions: readonly GuideQuestionLink[];
}

/** The answers for one relationship signal, for when Rapport raises it. */
export function guideSignalPage(v: GuideSignalView): string {
  return renderDocument(
    <Layout title={`Signal: ${v.title}`} viewer={v.viewer}>
      <Crumbs />
      <h1>When the signal is: {v.title}</h1>
      <p class="guide-lead">{v.description}</p>
      {v.questions.length === 0 ? (
        <p>The guide has no answers for this signal yet.</p>
      ) : (
        <GuideQuestionList questions={v.questions} />
      )}
    </Layout>,
  );
}
