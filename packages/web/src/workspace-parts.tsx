import type { FC } from 'hono/jsx';
import { formatDate } from './format.js';

/** One session as both of you rated it; a missing side is null. */
export interface PerspectiveRowView {
  readonly day: string;
  readonly client: number | null;
  readonly therapist: number | null;
  /** Therapist minus client, when both rated. */
  readonly gap: number | null;
  /** The gap is beyond the threshold: the therapist rated clearly higher. */
  readonly clearly: boolean;
}

/** A rupture of the open episode, where it stands, and the way to its guidance and notes. */
export interface RuptureRowView {
  readonly at: string;
  readonly status: string;
  readonly href: string;
  readonly attempts: number;
  /** The client's answers to "do things feel better between you?", oldest first. */
  readonly answers: readonly string[];
}

export interface WorkspacePanelView {
  /** The therapist's mirrored form for a session; null when no episode is open. */
  readonly rateHref: string | null;
  readonly rows: readonly PerspectiveRowView[];
  /** How "clearly higher" is judged here, with its numbers. */
  readonly threshold: string;
  readonly ruptures: readonly RuptureRowView[];
}

const fmt = (n: number | null): string => (n === null ? '—' : (Math.round(n * 10) / 10).toFixed(1));
const signed = (n: number | null): string =>
  n === null ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${fmt(Math.abs(n))}`;

/** The client page's view of both perspectives on each session, and each rupture on its way to repair. */
export const WorkspacePanel: FC<{ readonly v: WorkspacePanelView }> = ({ v }) => (
  <>
    <section aria-labelledby="perspectives">
      <h2 id="perspectives">Two perspectives</h2>
      <p>Your rating of each session beside your client’s, on the same seven questions of the relationship check.</p>
      {v.rows.length === 0 ? (
        <p>No session rated from either side yet.</p>
      ) : (
        <table>
          <caption>Relationship check by session (mean of seven 0–10 ratings), oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Client</th>
              <th scope="col">You</th>
              <th scope="col">You minus client</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr>
                <th scope="row">{formatDate(r.day)}</th>
                <td>{fmt(r.client)}</td>
                <td>{fmt(r.therapist)}</td>
                <td>
                  {signed(r.gap)}
                  {r.clearly ? <strong> clearly higher</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">{v.threshold}</p>
      {v.rateHref ? (
        <p>
          <a href={v.rateHref}>Rate a session from your side</a>
        </p>
      ) : null}
    </section>
    {v.ruptures.length > 0 ? (
      <section aria-labelledby="repair">
        <h2 id="repair">Ruptures and repair</h2>
        <ul class="plain">
          {v.ruptures.map((r) => (
            <li>
              <a href={r.href}>Rupture on {formatDate(r.at)}</a>: {r.status}.{' '}
              {r.attempts === 0
                ? 'No repair attempt noted yet.'
                : `${String(r.attempts)} repair attempt${r.attempts === 1 ? '' : 's'} noted.`}
              {r.answers.length > 0
                ? ` Asked whether things feel better, the client answered ${r.answers.join(', then ')}.`
                : ''}
            </li>
          ))}
        </ul>
      </section>
    ) : null}
  </>
);
