/**
 * Small, pure text helpers for the guide's Markdown: citations, word counts,
 * sections and plain text. They read Markdown as lines and patterns only; the
 * server renders it to HTML with a real parser.
 */

/** `[@key]` or `[@a; @b]`, Pandoc style. Keys are letters, digits and `_:.-`. */
const CITATION = /\[(@[\w:.-]+(?:\s*;\s*@[\w:.-]+)*)\]/g;

/** A word: a run of letters, digits and apostrophes. */
const WORD = /[\p{L}\p{N}'’]+/gu;

/** A level-two heading, and only level two. */
const HEADING = /^##(?!#)\s+(.+?)\s*#*\s*$/;

/**
 * The citation keys in a piece of Markdown, in order of first use, each once.
 *
 * @example citationKeys('As shown [@bordin1979] and [@a; @b].') // → ['bordin1979', 'a', 'b']
 */
export function citationKeys(markdown: string): string[] {
  const keys = new Set<string>();
  for (const m of markdown.matchAll(CITATION)) {
    for (const part of (m[1] ?? '').split(';')) keys.add(part.trim().slice(1));
  }
  return [...keys];
}

/**
 * Splits Markdown at its citations, for renderers that link each one.
 * Text parts and citation parts alternate; a citation part lists its keys.
 */
export function splitCitations(text: string): ({ readonly text: string } | { readonly keys: readonly string[] })[] {
  const parts: ({ readonly text: string } | { readonly keys: readonly string[] })[] = [];
  let last = 0;
  for (const m of text.matchAll(CITATION)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ keys: (m[1] ?? '').split(';').map((k) => k.trim().slice(1)) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Removes in-text citations with the space before them, so no gap is left before punctuation. */
export const stripCitations = (markdown: string): string => markdown.replace(/[ \t]*\[@[^\]]*\]/g, '');

/**
 * Counts the words a reader reads: citations are not counted, Markdown marks
 * are not words.
 *
 * @example markdownWordCount('**Build it in** from the start [@lambert2018].') // → 6
 */
export function markdownWordCount(markdown: string): number {
  return stripCitations(markdown).match(WORD)?.length ?? 0;
}

/** Markdown to readable plain text, for search, snippets and copyable prompts. */
export function markdownToPlainText(markdown: string): string {
  return stripCitations(markdown)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SplitMarkdown {
  /** Text before the first `##` heading (should be empty). */
  readonly preamble: string;
  readonly sections: readonly { readonly title: string; readonly markdown: string }[];
}

/** Splits a Markdown body at its `##` headings. Fenced code is not expected in the guide. */
export function markdownSections(body: string): SplitMarkdown {
  const sections: { title: string; lines: string[] }[] = [];
  const preamble: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading?.[1] !== undefined) sections.push({ title: heading[1], lines: [] });
    else (sections.at(-1)?.lines ?? preamble).push(line);
  }
  return {
    preamble: preamble.join('\n').trim(),
    sections: sections.map((s) => ({ title: s.title, markdown: s.lines.join('\n').trim() })),
  };
}

/**
 * The items of the Markdown lists in a section, as plain text: the reflection
 * prompts a reader can copy. Continuation lines join their item; a blank line ends it.
 */
export function markdownListItems(markdown: string): string[] {
  const items: string[] = [];
  let current: string[] | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const item = /^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      if (current) items.push(markdownToPlainText(current.join(' ')));
      current = [item[1] ?? ''];
    } else if (current && line.trim() !== '') {
      current.push(line.trim());
    } else if (current) {
      items.push(markdownToPlainText(current.join(' ')));
      current = null;
    }
  }
  if (current) items.push(markdownToPlainText(current.join(' ')));
  return items.filter((i) => i !== '');
}
