import { Csrf, TextField, type FormError } from './form.js';
import { formatDateTime } from './format.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import { PrivateNotice, PrivateTextForm, SelectField, TextAreaField } from './record-parts.js';
import type { SelectOption } from './measure-parts.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

/** What an entry is about, each with a link where there is a page for it. */
export interface AboutView {
  readonly label: string;
  readonly href: string | null;
}

export interface JournalRowView {
  readonly href: string;
  readonly writtenAt: string;
  readonly excerpt: string;
  readonly about: readonly AboutView[];
}

export interface JournalPromptView {
  readonly href: string;
  readonly text: string;
  readonly about: string | null;
}

export interface JournalFormView {
  readonly text: string;
  readonly clientCode: string;
  readonly signals: readonly SelectOption[];
  /** The chosen starting prompt and guide answer travel as hidden fields. */
  readonly prompt: { readonly id: string; readonly text: string } | null;
  readonly question: { readonly id: string; readonly title: string; readonly prompts: readonly string[] } | null;
  readonly maxLength: number;
  readonly error?: FormError | undefined;
}

export interface JournalView {
  readonly viewer: TherapistViewer;
  readonly query: string;
  readonly entries: readonly JournalRowView[];
  readonly total: number;
  readonly prompts: readonly JournalPromptView[];
  readonly form: JournalFormView;
}

const EntryAbout = ({ about }: { readonly about: readonly AboutView[] }) =>
  about.length === 0 ? null : (
    <p class="muted">
      About:{' '}
      {about.map((a, i) => (
        <>
          {i > 0 ? ', ' : ''}
          {a.href ? <a href={a.href}>{a.label}</a> : a.label}
        </>
      ))}
    </p>
  );

/** The author's reflective journal: search, the entries, prompts, and a new entry. */
export function journalPage(v: JournalView): string {
  const f = v.form.error?.fields ?? {};
  return renderDocument(
    <Layout title="Reflective journal" viewer={v.viewer}>
      <h1>Reflective journal</h1>
      <PrivateNotice text="Your journal is yours alone: no one else in your practice can read it. Entries are stored encrypted." />
      <form method="get" action="/journal" class="journal-search" role="search">
        <label for="journal-q">Search your entries</label>
        <input id="journal-q" type="search" name="q" value={v.query} maxlength={200} />
        <button type="submit">Search</button>
      </form>
      <section aria-labelledby="entries">
        <h2 id="entries">
          {v.query
            ? `${String(v.entries.length)} of ${String(v.total)} entries hold “${v.query}”`
            : `Entries (${String(v.total)})`}
        </h2>
        {v.entries.length === 0 ? (
          <p>{v.query ? 'No entry holds every word you searched for.' : 'No entries yet.'}</p>
        ) : (
          <ul class="plain journal-entries">
            {v.entries.map((e) => (
              <li>
                <a href={e.href}>{formatDateTime(e.writtenAt)}</a>
                <p>{e.excerpt}</p>
                <EntryAbout about={e.about} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-entry">
        <h2 id="new-entry">New entry</h2>
        {v.form.error ? <ErrorSummary message={v.form.error.message} fields={f} /> : null}
        {v.form.prompt ? <p class="notice">Prompt: {v.form.prompt.text}</p> : null}
        {v.form.question ? (
          <div class="notice">
            <p>From the guide: {v.form.question.title}</p>
            {v.form.question.prompts.length > 0 ? (
              <ul>
                {v.form.question.prompts.map((p) => (
                  <li>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <form method="post" action="/journal" class="stack" novalidate>
          <Csrf token={v.viewer.csrf} />
          {v.form.prompt ? <input type="hidden" name="prompt" value={v.form.prompt.id} /> : null}
          {v.form.question ? <input type="hidden" name="question" value={v.form.question.id} /> : null}
          <TextAreaField
            name="text"
            label="Your entry"
            value={v.form.text}
            rows={10}
            maxlength={v.form.maxLength}
            required
            error={f['text']}
          />
          <TextField
            name="clientCode"
            label="Client code (optional)"
            hint="Link the entry to a client of your practice, such as RC-101."
            value={v.form.clientCode}
            maxlength={32}
            error={f['clientCode']}
          />
          <SelectField
            name="signal"
            label="Signal it follows (optional)"
            choices={v.form.signals}
            blank="None"
            error={f['signal']}
          />
          {f['prompt'] ? <p class="error">{f['prompt']}</p> : null}
          {f['question'] ? <p class="error">{f['question']}</p> : null}
          <button type="submit">Save the entry</button>
        </form>
      </section>
      <section aria-labelledby="prompts">
        <h2 id="prompts">Prompts to start from</h2>
        <ul class="plain">
          {v.prompts.map((p) => (
            <li>
              <a href={p.href}>{p.text}</a>
              {p.about ? <span class="muted"> ({p.about})</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </Layout>,
  );
}

export interface JournalEntryView {
  readonly viewer: TherapistViewer;
  readonly action: string;
  readonly text: string;
  readonly writtenAt: string;
  readonly updatedAt: string;
  readonly prompt: string | null;
  readonly about: readonly AboutView[];
  readonly maxLength: number;
  readonly notice?: string | undefined;
  readonly error?: FormError | undefined;
}

/** One entry, for its author only: read it and change it. */
export function journalEntryPage(v: JournalEntryView): string {
  return renderDocument(
    <Layout title="Journal entry" viewer={v.viewer}>
      <p class="crumbs">
        <a href="/journal">Reflective journal</a>
      </p>
      <h1>Entry of {formatDateTime(v.writtenAt)}</h1>
      <PrivateNotice text="Only you can read this entry. It is stored encrypted." />
      <EntryAbout about={v.about} />
      {v.prompt ? <p class="muted">Prompt: {v.prompt}</p> : null}
      <PrivateTextForm
        csrf={v.viewer.csrf}
        action={v.action}
        label="Your entry"
        text={v.text}
        maxLength={v.maxLength}
        button="Save changes"
        notice={v.notice}
        error={v.error}
      />
      {v.updatedAt !== v.writtenAt ? <p class="muted">Last changed {formatDateTime(v.updatedAt)}.</p> : null}
    </Layout>,
  );
}
