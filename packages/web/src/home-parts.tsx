import type { FC } from 'hono/jsx';
import { LineChart, type ChartPoint } from './chart.js';
import { Csrf } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { Layout, renderDocument, type Viewer } from './layout.js';

/**
 * The therapist's side of the client's home: the link (give, replace, stop), the client's
 * goals with every wording and rating, and the notes the client chose to share. Private
 * notes never reach this view: its presenter is given only the shared ones.
 */
export interface ClientHomePanelView {
  /** The link's state in one line. */
  readonly status: string;
  readonly issue: { readonly action: string; readonly label: string };
  /** Null when there is no live link to stop. */
  readonly revokeAction: string | null;
  readonly goals: readonly {
    readonly id: string;
    readonly text: string;
    readonly status: string;
    /** Earlier wordings, oldest first, with when each was written. */
    readonly earlier: readonly string[];
    readonly ratings: readonly ChartPoint[];
    readonly change: string | null;
  }[];
  readonly notes: readonly {
    readonly about: string;
    readonly text: string;
    readonly writtenAt: string;
  }[];
}

/** The client's home on the therapist's client page. */
export const ClientHomePanel: FC<{ readonly v: ClientHomePanelView; readonly csrf: string }> = ({ v, csrf }) => (
  <section aria-labelledby="client-home" class="client-home">
    <h2 id="client-home">Client’s home</h2>
    <p>{v.status}</p>
    <div class="actions">
      <form method="post" action={v.issue.action} class="inline">
        <Csrf token={csrf} />
        <button type="submit">{v.issue.label}</button>
      </form>{' '}
      {v.revokeAction ? (
        <form method="post" action={v.revokeAction} class="inline">
          <Csrf token={csrf} />
          <button type="submit" class="secondary">
            Stop the home link
          </button>
        </form>
      ) : null}
    </div>
    <h3>Goals in the client’s words</h3>
    {v.goals.length === 0 ? <p>No goals yet.</p> : null}
    {v.goals.map((g) => (
      <div class="goal" data-testid="client-goal">
        <h4>
          {g.text} <span class="muted">({g.status})</span>
        </h4>
        {g.earlier.length > 0 ? <p class="muted">Earlier wording: {g.earlier.join(' → ')}</p> : null}
        {g.ratings.length === 0 ? (
          <p class="muted">Not rated yet.</p>
        ) : (
          <>
            <LineChart
              id={`goal-${g.id}`}
              title={`${g.text}: ratings 0–10`}
              description={`${String(g.ratings.length)} ratings: ${g.ratings.map((r) => String(r.value)).join(', ')}.`}
              points={g.ratings}
              min={0}
              max={10}
              height={180}
            />
            <table>
              <caption class="visually-hidden">Ratings of this goal, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Rated</th>
                  <th scope="col">Rating (0–10)</th>
                </tr>
              </thead>
              <tbody>
                {g.ratings.map((r) => (
                  <tr>
                    <th scope="row">{formatDateTime(r.at)}</th>
                    <td>{String(r.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {g.change ? <p>{g.change}</p> : null}
      </div>
    ))}
    <h3>Notes the client shared</h3>
    {v.notes.length === 0 ? (
      <p>None shared. The client may keep notes only for themselves; those stay in their home.</p>
    ) : (
      <ul class="notes">
        {v.notes.map((n) => (
          <li data-testid="shared-note">
            <strong>{n.about}:</strong> <span class="note-text">{n.text}</span>{' '}
            <span class="muted">(written {formatDate(n.writtenAt)})</span>
          </li>
        ))}
      </ul>
    )}
  </section>
);

export interface HomeLinkIssuedView {
  readonly viewer: Extract<Viewer, { kind: 'therapist' }>;
  readonly client: { readonly id: string; readonly code: string };
  readonly url: string;
  /** Whether Rapport also emailed the link (SMTP and a kept address), or the email failed. */
  readonly delivery?: string | null;
}

/** Shows a new home link once: only its hash is stored, so it cannot be shown again. */
export function homeLinkIssuedPage(v: HomeLinkIssuedView): string {
  return renderDocument(
    <Layout title="Home link ready" viewer={v.viewer}>
      <h1>Home link ready for {v.client.code}</h1>
      <p>
        Send this personal link to your client. On their first visit they choose a PIN or password; after that the page
        asks for it. It works until you stop it or give a new one.
      </p>
      <p class="link-box">
        <label for="home-url">Home link</label>
        <input id="home-url" type="text" readonly value={v.url} data-testid="home-url" />
      </p>
      {v.delivery ? <p role="status">{v.delivery}</p> : null}
      <p class="muted">
        Rapport keeps only a fingerprint of this link, so it cannot show it again. If it is lost, give a new one: the
        client’s goals and notes stay, and they choose a new PIN.
      </p>
      <p>
        <a href={`/clients/${v.client.id}`}>Back to {v.client.code}</a>
      </p>
    </Layout>,
  );
}
