import type { FC } from 'hono/jsx';

/** A section of a contract as a reader sees it. */
export interface ContractSectionView {
  readonly title: string;
  /** The wording for this reader (plain words for young people and children). */
  readonly text: string;
  /** The fuller wording, shown on request to young people and their carers. */
  readonly fuller?: string | undefined;
}

export type WordChangeView = { readonly op: 'same' | 'added' | 'removed'; readonly text: string };

export type SectionChangeView =
  | { readonly kind: 'added' | 'removed'; readonly title: string; readonly text: string }
  | { readonly kind: 'changed'; readonly title: string; readonly words: readonly WordChangeView[] };

export interface DiffView {
  readonly from: number;
  readonly to: number;
  readonly settingsNote: string | null;
  readonly sections: readonly SectionChangeView[];
}

/** Clause text is data: shown as text, paragraph by paragraph, never as markup. */
export const Paragraphs: FC<{ readonly text: string }> = ({ text }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => (
        <p>{p}</p>
      ))}
  </>
);

export const ContractText: FC<{ readonly sections: readonly ContractSectionView[]; readonly headingLevel?: 2 | 3 }> = ({
  sections,
  headingLevel = 2,
}) => (
  <div class="contract">
    {sections.map((s) => (
      <section class="clause">
        {headingLevel === 2 ? <h2>{s.title}</h2> : <h3>{s.title}</h3>}
        <Paragraphs text={s.text} />
        {s.fuller ? (
          <details>
            <summary>Read the fuller wording</summary>
            <Paragraphs text={s.fuller} />
          </details>
        ) : null}
      </section>
    ))}
  </div>
);

/** What changed between two versions: additions marked <ins>, removals <del>, with words for screen readers. */
export const ContractDiff: FC<{ readonly diff: DiffView; readonly id: string }> = ({ diff, id }) => (
  <section class="diff" aria-labelledby={id}>
    <h2 id={id}>
      What changed from version {String(diff.from)} to version {String(diff.to)}
    </h2>
    {diff.settingsNote ? <p>{diff.settingsNote}</p> : null}
    {diff.sections.length === 0 ? <p>The wording is the same.</p> : null}
    {diff.sections.map((s) => (
      <div class={`change change-${s.kind}`}>
        <h3>
          {s.title} <span class="tag">{s.kind === 'changed' ? 'changed' : s.kind === 'added' ? 'new' : 'removed'}</span>
        </h3>
        {s.kind === 'changed' ? (
          <p>
            {s.words.map((w) =>
              w.op === 'same' ? (
                w.text
              ) : w.op === 'added' ? (
                <ins>
                  <span class="visually-hidden">[added: </span>
                  {w.text}
                  <span class="visually-hidden">]</span>
                </ins>
              ) : (
                <del>
                  <span class="visually-hidden">[removed: </span>
                  {w.text}
                  <span class="visually-hidden">]</span>
                </del>
              ),
            )}
          </p>
        ) : s.kind === 'added' ? (
          <p>
            <ins>{s.text}</ins>
          </p>
        ) : (
          <p>
            <del>{s.text}</del>
          </p>
        )}
      </div>
    ))}
  </section>
);
