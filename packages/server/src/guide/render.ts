/**
 * The guide's Markdown to HTML: markdown-it with raw HTML switched off (so
 * content can never inject markup), and `[@key]` citations turned into short
 * linked labels such as "(Flückiger et al. 2018)" pointing at the reference
 * list on the same page.
 */
import MarkdownIt from 'markdown-it';
import type { Bibliography } from '@rapport/core';

/** The anchor id of a reference entry; every page that cites lists its references with these ids. */
export const referenceAnchor = (key: string): string => `ref-${key}`;

const CITATION_AT = /\[(@[\w:.-]+(?:\s*;\s*@[\w:.-]+)*)\]/y;

export interface GuideRenderer {
  /** Markdown in, safe HTML out. */
  render(markdown: string): string;
}

/** A Markdown renderer that knows the bibliography's short labels. */
export function guideMarkdown(bibliography: Bibliography): GuideRenderer {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  const escape = md.utils.escapeHtml;

  md.inline.ruler.before('link', 'citation', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
    CITATION_AT.lastIndex = state.pos;
    const m = CITATION_AT.exec(state.src);
    if (!m?.[1]) return false;
    if (!silent) {
      const token = state.push('citation', '', 0);
      token.content = m[1]
        .split(';')
        .map((k) => k.trim().slice(1))
        .join(';');
    }
    state.pos += m[0].length;
    return true;
  });

  md.renderer.rules['citation'] = (tokens, idx) => {
    const keys = (tokens[idx]?.content ?? '').split(';');
    const links = keys.map((key) => {
      // Keys were checked against the bibliography at load; the key itself is the fallback label.
      const label = bibliography.get(key)?.label ?? key;
      return `<a class="cite" href="#${escape(referenceAnchor(key))}">${escape(label)}</a>`;
    });
    return `(${links.join('; ')})`;
  };

  return { render: (markdown) => md.render(markdown) };
}
