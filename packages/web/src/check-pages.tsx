import { Layout, renderDocument } from './layout.js';

export interface MessageView {
  readonly title: string;
  readonly body: string;
  readonly viewer?: 'client' | 'anonymous';
  readonly link?: { readonly href: string; readonly text: string };
}

/** A calm one-message page: thanks, a used or expired link, or an error. */
export function messagePage(v: MessageView): string {
  return renderDocument(
    <Layout title={v.title} viewer={{ kind: v.viewer ?? 'anonymous' }}>
      <h1>{v.title}</h1>
      <p>{v.body}</p>
      {v.link ? (
        <p>
          <a href={v.link.href}>{v.link.text}</a>
        </p>
      ) : null}
    </Layout>,
  );
}
