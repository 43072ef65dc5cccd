/**
 * Test support (not part of the build): the text a reader sees on a page, for readability
 * checks. Tags go, blocks end their sentence, entities are decoded.
 */

/** The text in <main>: tags gone, blocks on their own lines, entities decoded. */
export function visibleText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<(input|select|textarea)[^>]*>[\s\S]*?(<\/\1>)?/g, ' ')
    .replace(/<\/(p|h\d|li|label|legend|button|summary|title|desc|option|a|th|td|dt|dd)>/g, '.\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\.(\s*\.)+/g, '.');
}

/** The paragraphs alone: the running text, without labels that make sentences look short. */
export const paragraphs = (html: string): string =>
  [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) => visibleText(`<main>${m[1] ?? ''}</main>`)).join('\n');
