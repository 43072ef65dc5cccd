import { Csrf, StatusNotice } from './form.js';
import { Paragraphs } from './frame-parts.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

export interface ClauseListView {
  readonly viewer: TherapistViewer;
  readonly notice?: string | undefined;
  readonly clauses: readonly {
    readonly id: string;
    readonly title: string;
    readonly topic: string;
    readonly scope: string;
    readonly own: boolean;
    readonly version: number;
    readonly preview: string;
  }[];
}

/** The practice's clause library: every clause, with its own wording marked. */
export function clauseListPage(v: ClauseListView): string {
  return renderDocument(
    <Layout title="Clause wording" viewer={v.viewer}>
      <h1>Your practice’s clause wording</h1>
      <p>
        Contracts are built from these clauses. Change the wording to suit your practice: new contracts use your
        wording, and contracts already offered keep the words the client read.
      </p>
      <StatusNotice text={v.notice} />
      <table>
        <caption class="visually-hidden">Clauses</caption>
        <thead>
          <tr>
            <th scope="col">Clause</th>
            <th scope="col">Where it applies</th>
            <th scope="col">Wording</th>
          </tr>
        </thead>
        <tbody>
          {v.clauses.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/practice/clauses/${c.id}`}>{c.title}</a>
                <br />
                <span class="muted">{c.topic}</span>
              </th>
              <td>{c.scope}</td>
              <td>
                {c.own ? `Your wording (version ${String(c.version)})` : 'Rapport’s wording'}
                <p class="muted">{c.preview}</p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
}

export interface ClauseEditView {
  readonly viewer: TherapistViewer;
  readonly id: string;
  readonly title: string;
  readonly standard: string;
  readonly plain: string;
  readonly placeholders: readonly string[];
  readonly error?: { readonly message: string; readonly fields: Readonly<Record<string, string>> } | undefined;
}

/** Edit one clause's title and both wordings; placeholders stay as {{name}}. */
export function clauseEditPage(v: ClauseEditView): string {
  const f = v.error?.fields ?? {};
  return renderDocument(
    <Layout title={`Edit: ${v.title}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/practice/clauses">Clause wording</a>
      </p>
      <h1>Edit: {v.title}</h1>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <p class="hint">
        You can use these details, written in double braces: {v.placeholders.map((p) => `{{${p}}}`).join(', ')}. Text is
        shown exactly as written: no formatting.
      </p>
      <form method="post" action={`/practice/clauses/${v.id}`} class="stack">
        <Csrf token={v.viewer.csrf} />
        <div class={f['title'] ? 'field has-error' : 'field'}>
          <label for="f-title">Heading</label>
          {f['title'] ? <p class="error">{f['title']}</p> : null}
          <input id="f-title" type="text" name="title" value={v.title} maxlength={120} />
        </div>
        <div class={f['standard'] ? 'field has-error' : 'field'}>
          <label for="f-standard">Standard wording (adults)</label>
          {f['standard'] ? <p class="error">{f['standard']}</p> : null}
          <textarea id="f-standard" name="standard" rows={8}>
            {v.standard}
          </textarea>
        </div>
        <div class={f['plain'] ? 'field has-error' : 'field'}>
          <label for="f-plain">Plain words (young people and children)</label>
          {f['plain'] ? <p class="error">{f['plain']}</p> : null}
          <textarea id="f-plain" name="plain" rows={6}>
            {v.plain}
          </textarea>
        </div>
        <button type="submit">Save this wording</button>
      </form>
      <h2>How it reads now</h2>
      <Paragraphs text={v.standard} />
    </Layout>,
  );
}
