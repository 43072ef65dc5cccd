import { Layout, renderDocument } from './layout.js';

export interface CheckItemView {
  readonly id: string;
  readonly prompt: string;
  readonly lowAnchor: string;
  readonly highAnchor: string;
  /** The answer already given, kept when the form comes back with a problem. */
  readonly value?: string | undefined;
  readonly error?: string | undefined;
}

export interface CheckFormView {
  readonly action: string;
  readonly title: string;
  readonly intro: string;
  readonly provenance: string;
  readonly min: number;
  readonly max: number;
  readonly items: readonly CheckItemView[];
  readonly problem?: string;
}

/**
 * The client's check: a plain form that works with JavaScript off, large tap
 * targets for phones, and a reminder that honest ratings help.
 */
export function checkFormPage(v: CheckFormView): string {
  const values = Array.from({ length: v.max - v.min + 1 }, (_, i) => v.min + i);
  return renderDocument(
    <Layout title={v.title} viewer={{ kind: 'client' }}>
      <h1>{v.title}</h1>
      <p>{v.intro}</p>
      {v.problem ? (
        <div class="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{v.problem}</p>
          <ul>
            {v.items
              .filter((i) => i.error)
              .map((i) => (
                <li>
                  <a href={`#q-${i.id}`}>{i.prompt}</a>
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={v.action} class="stack" novalidate>
        {v.items.map((item) => (
          <fieldset
            id={`q-${item.id}`}
            class={item.error ? 'scale has-error' : 'scale'}
            aria-describedby={`q-${item.id}-anchors`}
          >
            <legend>{item.prompt}</legend>
            <p class="anchors" id={`q-${item.id}-anchors`}>
              {String(v.min)} = {item.lowAnchor}, {String(v.max)} = {item.highAnchor}
            </p>
            {item.error ? <p class="error">{item.error}</p> : null}
            <div class="options">
              {values.map((n) => (
                <label class="option">
                  <input type="radio" name={item.id} value={String(n)} checked={item.value === String(n)} required />
                  <span>{String(n)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit">Send my answers</button>
      </form>
      <p class="provenance">{v.provenance}. Your answers go only to your counsellor.</p>
    </Layout>,
  );
}

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
