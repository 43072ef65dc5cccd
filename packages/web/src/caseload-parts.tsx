import type { FC } from 'hono/jsx';
import { formatDate } from './format.js';
import { Badges, type BadgeView } from './measure-parts.js';

/** One client with an open episode, in need order. */
export interface CaseloadRowView {
  readonly id: string;
  readonly code: string;
  readonly displayName: string | null;
  /** The most urgent need, which places the row; null when nothing needs a look. */
  readonly firstNeed: string | null;
  /** Every need, most urgent first (shown as words, not colour alone). */
  readonly needs: readonly string[];
  readonly lastCheck: { readonly score: number; readonly at: string } | null;
  /** Signal badges, as before: what needs a look and what went well. */
  readonly badges: readonly BadgeView[];
}

/** A count at the top: how many open clients have this need, and the filter that shows them. */
export interface NeedCountView {
  readonly label: string;
  readonly count: number;
  readonly href: string;
  readonly current: boolean;
  /** Said beside a count that no rule can raise yet, so 0 is not mistaken for "checked, none". */
  readonly note?: string;
}

export interface PastClientView {
  readonly id: string;
  readonly code: string;
  readonly displayName: string | null;
}

export interface CaseloadView {
  /** Needs and their counts, most urgent first, then "everyone". */
  readonly counts: readonly NeedCountView[];
  readonly everyone: NeedCountView;
  /** The chosen filter's label, or null for everyone with an open episode. */
  readonly filter: string | null;
  /** A filter in the address that Rapport does not know. */
  readonly problem: string | null;
  readonly rows: readonly CaseloadRowView[];
  readonly past: { readonly count: number; readonly href: string; readonly shown: readonly PastClientView[] | null };
  /** How the order and "overdue" are decided, in a sentence each. */
  readonly rules: readonly string[];
}

const Name: FC<{ readonly c: { id: string; code: string; displayName: string | null } }> = ({ c }) => (
  <>
    <a href={`/clients/${c.id}`}>{c.code}</a>
    {c.displayName ? <span class="muted"> · {c.displayName}</span> : null}
  </>
);

const CountLink: FC<{ readonly c: NeedCountView }> = ({ c }) => (
  <li>
    <a href={c.href} aria-current={c.current ? 'true' : undefined} class={c.current ? 'current' : undefined}>
      {c.label}: <strong>{String(c.count)}</strong>
    </a>
    {c.note ? <span class="muted"> ({c.note})</span> : null}
  </li>
);

/** Clients with an open episode sorted by need, counts and filters above, past clients apart. */
export const Caseload: FC<{ readonly v: CaseloadView }> = ({ v }) => (
  <>
    {v.problem ? (
      <div class="error-summary" role="alert">
        <h2>There is a problem</h2>
        <p>{v.problem}</p>
      </div>
    ) : null}
    <nav aria-labelledby="needs-heading" class="need-counts">
      <h2 id="needs-heading">Needs a look</h2>
      <ul class="plain inline-list">
        {v.counts.map((c) => (
          <CountLink c={c} />
        ))}
        <CountLink c={v.everyone} />
      </ul>
    </nav>
    {v.past.shown ? (
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past clients ({String(v.past.count)})</h2>
        <p>
          Clients without an open episode. <a href="/clients">Back to the caseload</a>
        </p>
        <ul class="plain">
          {v.past.shown.map((c) => (
            <li>
              <Name c={c} />
            </li>
          ))}
        </ul>
      </section>
    ) : (
      <>
        {v.rows.length === 0 ? (
          <p>
            {v.filter ? `No open client has this need: ${v.filter.toLowerCase()}.` : 'No client has an open episode.'}
          </p>
        ) : (
          <table class="caseload">
            <caption>
              {v.filter ? `Clients with an open episode: ${v.filter.toLowerCase()}` : 'Clients with an open episode'},
              most in need first
            </caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Needs a look</th>
                <th scope="col">Latest relationship check</th>
                <th scope="col">Signals</th>
              </tr>
            </thead>
            <tbody>
              {v.rows.map((c) => (
                <tr data-need={c.firstNeed ?? 'none'}>
                  <th scope="row">
                    <Name c={c} />
                  </th>
                  <td>{c.needs.length === 0 ? <span class="muted">Nothing</span> : c.needs.join(' · ')}</td>
                  <td>
                    {c.lastCheck === null
                      ? 'None yet'
                      : `${c.lastCheck.score.toFixed(1)} / 10 on ${formatDate(c.lastCheck.at)}`}
                  </td>
                  <td>
                    <Badges badges={c.badges} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href={v.past.href}>Past clients ({String(v.past.count)})</a>: clients without an open episode.
        </p>
      </>
    )}
    <details class="muted">
      <summary>How this list is ordered</summary>
      {v.rules.map((r) => (
        <p>{r}</p>
      ))}
    </details>
  </>
);
