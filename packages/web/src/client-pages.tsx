import { LineChart } from './chart.js';
import { Csrf, TextField, type FormError } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

export interface ClientRowView {
  readonly id: string;
  readonly code: string;
  readonly displayName: string | null;
  readonly openEpisodes: number;
  readonly lastScore: number | null;
  readonly lastSubmittedAt: string | null;
}

export interface ClientsView {
  readonly viewer: TherapistViewer;
  readonly clients: readonly ClientRowView[];
  readonly form: { readonly code?: string; readonly displayName?: string; readonly error?: FormError };
}

/** The therapist's list of clients, with a form to add one. */
export function clientsPage(v: ClientsView): string {
  const f = v.form.error?.fields ?? {};
  return renderDocument(
    <Layout title="Clients" viewer={v.viewer}>
      <h1>Clients</h1>
      {v.clients.length === 0 ? (
        <p>No clients yet. Add your first below.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Your practice’s clients</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Open episodes</th>
              <th scope="col">Latest relationship check</th>
            </tr>
          </thead>
          <tbody>
            {v.clients.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/clients/${c.id}`}>{c.code}</a>
                  {c.displayName ? <span class="muted"> · {c.displayName}</span> : null}
                </th>
                <td>{String(c.openEpisodes)}</td>
                <td>
                  {c.lastScore === null || c.lastSubmittedAt === null
                    ? 'None yet'
                    : `${c.lastScore.toFixed(1)} / 10 on ${formatDate(c.lastSubmittedAt)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="add-client">
        <h2 id="add-client">Add a client</h2>
        {v.form.error ? <ErrorSummary message={v.form.error.message} fields={v.form.error.fields} /> : null}
        <form method="post" action="/clients" class="stack" novalidate>
          <Csrf token={v.viewer.csrf} />
          <TextField
            name="code"
            label="Client code"
            hint="A pseudonymous code such as AB-104: letters, digits and hyphens. Avoid names and initials that identify someone."
            value={v.form.code}
            required
            maxlength={32}
            error={f['code']}
          />
          <TextField
            name="displayName"
            label="Display name (optional)"
            hint="Only if your practice keeps names in Rapport."
            value={v.form.displayName}
            maxlength={120}
            error={f['displayName']}
          />
          <button type="submit">Add client</button>
        </form>
      </section>
    </Layout>,
  );
}

export interface AdministrationView {
  readonly at: string;
  readonly score: number;
  readonly items: readonly { readonly label: string; readonly value: number }[];
}

export interface ClientView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string; readonly displayName: string | null };
  readonly openEpisode: { readonly id: string; readonly openedAt: string } | null;
  readonly closedEpisodes: number;
  readonly instrument: {
    readonly title: string;
    readonly provenance: string;
    readonly min: number;
    readonly max: number;
  };
  readonly administrations: readonly AdministrationView[];
  readonly links: readonly {
    readonly issuedAt: string;
    readonly expiresAt: string;
    readonly state: 'waiting' | 'completed' | 'expired';
  }[];
}

const LINK_STATE_TEXT = {
  waiting: 'Waiting for the client',
  completed: 'Completed',
  expired: 'Expired unused',
} as const;

/** One client: their episode, relationship-check scores as an SVG chart and a table, and the links sent. */
export function clientPage(v: ClientView): string {
  const heading = v.client.displayName ? `${v.client.code} · ${v.client.displayName}` : v.client.code;
  const latest = v.administrations.at(-1);
  return renderDocument(
    <Layout title={`Client ${v.client.code}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/clients">Clients</a>
      </p>
      <h1>{heading}</h1>
      <section aria-labelledby="episode">
        <h2 id="episode">Episode of care</h2>
        {v.openEpisode ? (
          <>
            <p>Open since {formatDate(v.openEpisode.openedAt)}.</p>
            <form method="post" action={`/episodes/${v.openEpisode.id}/check-links`}>
              <Csrf token={v.viewer.csrf} />
              <button type="submit">Create a session check link</button>
            </form>
          </>
        ) : (
          <>
            <p>
              No open episode{v.closedEpisodes > 0 ? ` (${String(v.closedEpisodes)} ended)` : ''}. Open one to start
              sending checks.
            </p>
            <form method="post" action={`/clients/${v.client.id}/episodes`}>
              <Csrf token={v.viewer.csrf} />
              <button type="submit">Open an episode</button>
            </form>
          </>
        )}
      </section>
      <section aria-labelledby="relationship">
        <h2 id="relationship">{v.instrument.title}</h2>
        <p class="provenance">{v.instrument.provenance}. Read changes within this client, not against a norm.</p>
        {latest ? (
          <>
            <p class="score" data-testid="latest-score">
              Latest: <strong>{latest.score.toFixed(1)}</strong> out of {String(v.instrument.max)} on{' '}
              {formatDateTime(latest.at)}
            </p>
            <LineChart
              id="relationship-chart"
              title={`${v.instrument.title}: scores by session`}
              description={`${String(v.administrations.length)} check${v.administrations.length === 1 ? '' : 's'}, from ${v.administrations
                .map((a) => a.score.toFixed(1))
                .join(', ')}.`}
              points={v.administrations.map((a) => ({ at: a.at, value: a.score }))}
              min={v.instrument.min}
              max={v.instrument.max}
            />
            <table>
              <caption>Every check, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Completed</th>
                  <th scope="col">Score</th>
                  {latest.items.map((i) => (
                    <th scope="col">{i.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {v.administrations.map((a) => (
                  <tr>
                    <th scope="row">{formatDateTime(a.at)}</th>
                    <td>{a.score.toFixed(1)}</td>
                    {a.items.map((i) => (
                      <td>{String(i.value)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>No checks completed yet.</p>
        )}
      </section>
      {v.links.length > 0 ? (
        <section aria-labelledby="links">
          <h2 id="links">Links sent</h2>
          <ul class="plain">
            {v.links.map((l) => (
              <li>
                {formatDateTime(l.issuedAt)}: {LINK_STATE_TEXT[l.state]}
                {l.state === 'waiting' ? ` (until ${formatDateTime(l.expiresAt)})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>,
  );
}

export interface LinkIssuedView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly url: string;
  readonly expiresAt: string;
}

/** Shows a new link once: only its hash is stored, so it cannot be shown again. */
export function linkIssuedPage(v: LinkIssuedView): string {
  return renderDocument(
    <Layout title="Check link ready" viewer={v.viewer}>
      <h1>Check link ready for {v.client.code}</h1>
      <p>Send this private link to your client. It works once and until {formatDateTime(v.expiresAt)}.</p>
      <p class="link-box">
        <label for="check-url">Private link</label>
        <input id="check-url" type="text" readonly value={v.url} data-testid="check-url" />
      </p>
      <p class="muted">
        Rapport keeps only a fingerprint of this link, so it cannot show it again. If it is lost, create a new one.
      </p>
      <p>
        <a href={`/clients/${v.client.id}`}>Back to {v.client.code}</a>
      </p>
    </Layout>,
  );
}
