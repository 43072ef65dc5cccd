/**
 * Pieces the guide's pages share: the search form, question lists, the
 * rendered answer parts and reference lists. Views take view-models only.
 */
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';

/** A link to one question, with what a list may show about it. */
export interface GuideQuestionLink {
  readonly href: string;
  readonly question: string;
  readonly chapterTitle?: string;
  /** The short answer as plain text. */
  readonly summary?: string;
}

export interface GuideReferenceView {
  /** The element id citations link to, e.g. `ref-bordin1979`. */
  readonly anchor: string;
  readonly label: string;
  readonly reference: string;
  readonly partlyVerified: boolean;
}

export interface GuideSectionView {
  readonly title: string;
  readonly anchor: string;
  /**
   * Already-safe HTML: the server renders the guide's Markdown with raw HTML
   * switched off, so every text in it is escaped.
   */
  readonly html: string;
}

/** The search box: a plain GET form, so it works without JavaScript. */
export const GuideSearchForm: FC<{ readonly query?: string }> = ({ query }) => (
  <form method="get" action="/guide/search" role="search" class="guide-search" data-guide-search="">
    <label for="guide-q">Search the guide</label>
    <p class="hint" id="guide-q-hint">
      Words from a question or an answer; small spelling slips are fine.
    </p>
    <div class="guide-search-row">
      <input
        id="guide-q"
        type="search"
        name="q"
        value={query ?? ''}
        maxlength={200}
        autocomplete="off"
        aria-describedby="guide-q-hint"
      />
      <button type="submit">Search</button>
    </div>
  </form>
);

/** Questions as a list of links, with their chapter and short answer when given. */
export const GuideQuestionList: FC<{
  readonly questions: readonly GuideQuestionLink[];
  readonly ordered?: boolean;
}> = ({ questions, ordered }) => {
  const items = questions.map((q) => (
    <li>
      <a href={q.href}>{q.question}</a>
      {q.chapterTitle ? <span class="muted"> · {q.chapterTitle}</span> : null}
      {q.summary ? <p class="guide-summary">{q.summary}</p> : null}
    </li>
  ));
  return ordered ? <ol class="guide-questions">{items}</ol> : <ul class="guide-questions">{items}</ul>;
};

/** One rendered part of an answer under its heading. */
export const GuideSection: FC<{
  readonly section: GuideSectionView;
  readonly idPrefix?: string;
  readonly level?: 2 | 3;
}> = ({ section, idPrefix, level }) => {
  const id = `${idPrefix ?? ''}${section.anchor}`;
  return (
    <section class={`guide-part guide-part-${section.anchor}`} aria-labelledby={id}>
      {level === 3 ? <h3 id={id}>{section.title}</h3> : <h2 id={id}>{section.title}</h2>}
      <div class="guide-text">{raw(section.html)}</div>
    </section>
  );
};

/**
 * The reflection prompts, each in a read-only box a reader can select and copy
 * without JavaScript. Print shows the plain text instead of the boxes.
 */
export const GuidePrompts: FC<{
  readonly prompts: readonly string[];
  readonly idPrefix?: string;
  readonly level?: 2 | 3;
}> = ({ prompts, idPrefix, level }) => (
  <section class="guide-part guide-part-personal-reflection" aria-labelledby={`${idPrefix ?? ''}personal-reflection`}>
    {level === 3 ? (
      <h3 id={`${idPrefix ?? ''}personal-reflection`}>Personal reflection</h3>
    ) : (
      <h2 id={`${idPrefix ?? ''}personal-reflection`}>Personal reflection</h2>
    )}
    <p class="hint">
      Each prompt sits in its own box so you can copy it into your notes. Once Rapport has a reflective journal, a
      prompt will be able to start an entry there.
    </p>
    <ol class="guide-prompts">
      {prompts.map((p, i) => {
        const id = `${idPrefix ?? ''}prompt-${String(i + 1)}`;
        return (
          <li>
            <label for={id}>Prompt {String(i + 1)}</label>
            <textarea id={id} class="guide-prompt" rows={3} readonly>
              {p}
            </textarea>
            <p class="guide-print-only">{p}</p>
          </li>
        );
      })}
    </ol>
  </section>
);

/** Full bibliography entries, each with the anchor its citations link to. */
export const GuideReferenceList: FC<{ readonly references: readonly GuideReferenceView[] }> = ({ references }) => (
  <ul class="guide-references">
    {references.map((r) => (
      <li id={r.anchor}>
        <strong>{r.label}.</strong> {r.reference}
        {r.partlyVerified ? <span class="muted"> (Some details not yet verified.)</span> : null}
      </li>
    ))}
  </ul>
);

/** The enhancement script for instant search; the pages work fully without it. */
export const GuideScript: FC = () => <script src="/assets/guide-search.js" defer></script>;
