import { Csrf, TextField, type FormError } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import { DateField, PrivateNotice, PrivateTextForm, SelectField, TextAreaField } from './record-parts.js';
import type { SelectOption } from './measure-parts.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

/** What a record page says about the client and episode it belongs to. */
export interface EpisodeHeadView {
  readonly client: { readonly id: string; readonly code: string };
  readonly episodeId: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
}

export interface SessionRowView {
  readonly id: string;
  readonly heldOn: string;
  readonly modality: string;
  readonly attendance: string;
  readonly minutes: number | null;
  /** The viewer's own note: a link to it, or to write one. */
  readonly note: { readonly href: string; readonly text: string };
}

export interface SessionsView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly sessions: readonly SessionRowView[];
  readonly today: string;
  readonly form: {
    readonly heldOn: string;
    readonly minutes: string;
    readonly modalities: readonly SelectOption[];
    readonly attendance: readonly SelectOption[];
    readonly error?: FormError | undefined;
  };
}

const Crumbs = ({ head, here }: { readonly head: EpisodeHeadView; readonly here?: { href: string; text: string } }) => (
  <p class="crumbs">
    <a href="/clients">Clients</a> › <a href={`/clients/${head.client.id}`}>{head.client.code}</a>
    {here ? (
      <>
        {' › '}
        <a href={here.href}>{here.text}</a>
      </>
    ) : null}
  </p>
);

const episodeText = (head: EpisodeHeadView): string =>
  head.closedAt
    ? `Episode from ${formatDate(head.openedAt)} to ${formatDate(head.closedAt)}.`
    : `Episode open since ${formatDate(head.openedAt)}.`;

/** An episode's sessions, oldest first, each with a way to the viewer's own note, and a form to add one. */
export function sessionsPage(v: SessionsView): string {
  const f = v.form.error?.fields ?? {};
  return renderDocument(
    <Layout title={`Sessions · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} />
      <h1>Sessions with {v.head.client.code}</h1>
      <p>
        {episodeText(v.head)} <a href={`/episodes/${v.head.episodeId}/boundaries`}>Boundary log</a>
      </p>
      {v.sessions.length === 0 ? (
        <p>No sessions recorded yet.</p>
      ) : (
        <table>
          <caption>Sessions, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">How</th>
              <th scope="col">Attendance</th>
              <th scope="col">Length</th>
              <th scope="col">Your note</th>
            </tr>
          </thead>
          <tbody>
            {v.sessions.map((s) => (
              <tr>
                <th scope="row">{formatDate(s.heldOn)}</th>
                <td>{s.modality}</td>
                <td>{s.attendance}</td>
                <td>{s.minutes === null ? '—' : `${String(s.minutes)} min`}</td>
                <td>
                  <a href={s.note.href}>{s.note.text}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="add-session">
        <h2 id="add-session">Record a session</h2>
        {v.form.error ? <ErrorSummary message={v.form.error.message} fields={f} /> : null}
        <form method="post" action={`/episodes/${v.head.episodeId}/sessions`} class="stack" novalidate>
          <Csrf token={v.viewer.csrf} />
          <DateField name="heldOn" label="Date" value={v.form.heldOn} max={v.today} error={f['heldOn']} />
          <SelectField name="modality" label="How it took place" choices={v.form.modalities} error={f['modality']} />
          <SelectField name="attendance" label="Attendance" choices={v.form.attendance} error={f['attendance']} />
          <TextField
            name="minutes"
            label="Length in minutes (optional)"
            hint="Only for a session that took place."
            value={v.form.minutes}
            maxlength={3}
            error={f['minutes']}
          />
          <button type="submit">Record the session</button>
        </form>
      </section>
    </Layout>,
  );
}

export interface NoteView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly session: { readonly heldOn: string; readonly modality: string; readonly attendance: string };
  readonly action: string;
  readonly text: string;
  readonly maxLength: number;
  /** Set once the note exists. */
  readonly saved: { readonly createdAt: string; readonly updatedAt: string } | null;
  readonly notice?: string | undefined;
  readonly error?: FormError | undefined;
}

/** The author's own note on one session: only they ever see this page. */
export function notePage(v: NoteView): string {
  const title = `Note on ${formatDate(v.session.heldOn)}`;
  return renderDocument(
    <Layout title={`${title} · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} here={{ href: `/episodes/${v.head.episodeId}/sessions`, text: 'Sessions' }} />
      <h1>
        {title} with {v.head.client.code}
      </h1>
      <p>
        {v.session.modality}, {v.session.attendance.toLowerCase()}.
      </p>
      <PrivateNotice text="Only you can read this note: not your colleagues, not your practice administrator, not a supervisor. It is stored encrypted." />
      <PrivateTextForm
        csrf={v.viewer.csrf}
        action={v.action}
        label="Your note"
        text={v.text}
        maxLength={v.maxLength}
        button="Save the note"
        notice={v.notice}
        error={v.error}
      />
      {v.saved ? (
        <p class="muted">
          Written {formatDateTime(v.saved.createdAt)}
          {v.saved.updatedAt !== v.saved.createdAt ? `, last changed ${formatDateTime(v.saved.updatedAt)}` : ''}.
        </p>
      ) : null}
    </Layout>,
  );
}

export interface BoundaryRowView {
  readonly kind: string;
  readonly occurredOn: string;
  readonly description: string;
  readonly clause: string | null;
  readonly principles: readonly string[];
  readonly reflection: string | null;
  readonly recordedBy: string;
}

export interface BoundariesView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly events: readonly BoundaryRowView[];
  readonly today: string;
  readonly form: {
    readonly occurredOn: string;
    readonly description: string;
    readonly reflection: string;
    readonly kinds: readonly SelectOption[];
    /** The agreed contract's clauses; empty when nothing is agreed yet. */
    readonly clauses: readonly SelectOption[];
    readonly principles: readonly (SelectOption & { readonly prompt: string })[];
    readonly limits: { readonly description: number; readonly reflection: number };
    readonly error?: FormError | undefined;
  };
}

/** The episode's boundary log: what happened at the edge of the frame, and the reflection on it. */
export function boundariesPage(v: BoundariesView): string {
  const f = v.form.error?.fields ?? {};
  return renderDocument(
    <Layout title={`Boundary log · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} />
      <h1>Boundary log for {v.head.client.code}</h1>
      <p>
        {episodeText(v.head)} <a href={`/episodes/${v.head.episodeId}/sessions`}>Sessions</a>
      </p>
      {v.events.length === 0 ? (
        <p>No boundary events recorded in this episode.</p>
      ) : (
        <ul class="plain boundary-events">
          {v.events.map((e) => (
            <li class="signal">
              <strong>
                {formatDate(e.occurredOn)}: {e.kind}
              </strong>
              <p class="pre">{e.description}</p>
              {e.clause ? <p>Touches the agreed clause “{e.clause}”.</p> : null}
              {e.principles.length > 0 ? <p>Principles considered: {e.principles.join(', ')}.</p> : null}
              {e.reflection ? <p class="pre">{e.reflection}</p> : null}
              <p class="why">Recorded by {e.recordedBy}</p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="add-event">
        <h2 id="add-event">Record a boundary event</h2>
        {v.form.error ? <ErrorSummary message={v.form.error.message} fields={f} /> : null}
        <form method="post" action={`/episodes/${v.head.episodeId}/boundaries`} class="stack" novalidate>
          <Csrf token={v.viewer.csrf} />
          <SelectField name="kind" label="What kind of event" choices={v.form.kinds} error={f['kind']} />
          <DateField name="occurredOn" label="Date" value={v.form.occurredOn} max={v.today} error={f['occurredOn']} />
          <TextAreaField
            name="description"
            label="What happened"
            hint="A sentence or two. Stored encrypted."
            value={v.form.description}
            rows={3}
            maxlength={v.form.limits.description}
            required
            error={f['description']}
          />
          {v.form.clauses.length > 0 ? (
            <SelectField
              name="clauseId"
              label="Clause of the agreed contract it touches (optional)"
              choices={v.form.clauses}
              blank="None"
              error={f['clauseId']}
            />
          ) : (
            <p class="muted">No contract has been agreed in this episode, so there is no clause to link.</p>
          )}
          <fieldset class={f['principles'] ? 'has-error' : undefined}>
            <legend>Ethical principles to think with (optional)</legend>
            <p class="hint">The principles of the BACP Ethical Framework, with a question of ours for each.</p>
            {f['principles'] ? <p class="error">{f['principles']}</p> : null}
            {v.form.principles.map((p) => (
              <label class="inline-choice">
                <input type="checkbox" name="principles" value={p.value} checked={p.selected} />{' '}
                <strong>{p.label}</strong>: {p.prompt}
              </label>
            ))}
          </fieldset>
          <TextAreaField
            name="reflection"
            label="Your reflection (optional)"
            value={v.form.reflection}
            rows={5}
            maxlength={v.form.limits.reflection}
            error={f['reflection']}
          />
          <button type="submit">Record the event</button>
        </form>
      </section>
    </Layout>,
  );
}
