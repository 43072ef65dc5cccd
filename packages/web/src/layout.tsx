import type { Child, FC } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Who is looking at the page decides the chrome around it. */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'therapist';
      readonly name: string;
      readonly practiceName: string;
      readonly csrf: string;
      /** A supervisor: their menu leads to supervision only, never to client records. */
      readonly supervisor?: boolean;
    }
  | { readonly kind: 'client' };

export interface LayoutProps {
  readonly title: string;
  readonly viewer: Viewer;
  readonly children?: Child;
}

/** Every page: one stylesheet, no inline script or style, a skip link, British English. */
export const Layout: FC<LayoutProps> = ({ title, viewer, children }) => (
  <html lang="en-GB">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · Rapport`}</title>
      <link rel="stylesheet" href="/assets/app.css" />
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site">
        <span class="brand">Rapport</span>
        {viewer.kind === 'therapist' ? (
          <nav aria-label="Main">
            {viewer.supervisor ? (
              <>
                <a href="/supervision">Supervision</a>
                <a href="/guide">Guide</a>
              </>
            ) : (
              <>
                <a href="/clients">Clients</a>
                <a href="/endings">Endings</a>
                <a href="/guide">Guide</a>
                <a href="/journal">Journal</a>
                <a href="/supervision">Supervision</a>
              </>
            )}
            <span class="who">
              {viewer.name} · {viewer.practiceName}
            </span>
            <form method="post" action="/logout" class="inline">
              <input type="hidden" name="_csrf" value={viewer.csrf} />
              <button type="submit" class="link">
                Sign out
              </button>
            </form>
          </nav>
        ) : null}
      </header>
      <main id="main">{children}</main>
    </body>
  </html>
);

/** Renders a page to a complete HTML document. hono/jsx escapes every text value. */
export function renderDocument(page: HtmlEscapedString | Promise<HtmlEscapedString>): string {
  // Pages are built from synchronous components only, so rendering never waits.
  if (page instanceof Promise) throw new Error('renderDocument: an async component reached a page');
  return `<!doctype html>${page.toString()}`;
}

/** A list of field problems at the top of a form, linked to the fields (GOV.UK error-summary pattern). */
export const ErrorSummary: FC<{ readonly message: string; readonly fields: Readonly<Record<string, string>> }> = ({
  message,
  fields,
}) => (
  <div class="error-summary" role="alert" tabindex={-1}>
    <h2>There is a problem</h2>
    <p>{message}</p>
    <ul>
      {Object.entries(fields).map(([name, text]) => (
        <li>
          <a href={`#f-${name}`}>{text}</a>
        </li>
      ))}
    </ul>
  </div>
);
