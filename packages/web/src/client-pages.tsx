import type { FC } from 'hono/jsx';
import { Csrf, TextField, type FormError } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { ClientHomePanel, type ClientHomePanelView } from './home-parts.js';
import { VoicePanel, type VoicePanelView } from './voice-parts.js';
import { EndingPanel, type EndingPanelView } from './ending-parts.js';
import { Caseload, type CaseloadView } from './caseload-parts.js';
import { WorkspacePanel, type WorkspacePanelView } from './workspace-parts.js';
import { DataRightsPanel } from './rights-pages.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import {
  MeasureHistory,
  SendMeasureForm,
  SignalList,
  type MeasureHistoryView,
  type SendMeasureView,
  type SignalView,
} from './measure-parts.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

export interface ClientsView {
  readonly viewer: TherapistViewer;
  /** Open clients sorted by need, with counts and filters; past clients apart. */
  readonly caseload: CaseloadView;
  /** The practice has no clients at all yet. */
  readonly empty: boolean;
  readonly form: { readonly code?: string; readonly displayName?: string; readonly error?: FormError };
}

/** The therapist's caseload sorted by need, with a form to add a client. */
export function clientsPage(v: ClientsView): string {
  const f = v.form.error?.fields ?? {};
  return renderDocument(
    <Layout title="Clients" viewer={v.viewer}>
      <h1>Clients</h1>
      {v.empty ? null : (
        <p class="record-links">
          <a href="/reports/caseload.pdf" download>
            Caseload report (PDF, client codes only)
          </a>
        </p>
      )}
      {v.empty ? <p>No clients yet. Add your first below.</p> : <Caseload v={v.caseload} />}
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

export interface AgreementSummaryView {
  readonly href: string;
  readonly status: string;
  readonly changes: readonly {
    readonly version: number;
    readonly offeredAt: string;
    readonly agreedAt: string | null;
  }[];
}

/** The agreement's state and its history: when the frame was offered, changed and agreed. */
const AgreementSummary: FC<{ readonly v: AgreementSummaryView }> = ({ v }) => (
  <div class="agreement">
    <h3>Agreement</h3>
    <p>
      {v.status} <a href={v.href}>{v.changes.length > 0 ? 'See or change the agreement' : 'Build the agreement'}</a>
    </p>
    {v.changes.length > 0 ? (
      <ol class="frame-changes">
        {v.changes.map((c) => (
          <li>
            Version {String(c.version)}: offered {formatDate(c.offeredAt)}
            {c.agreedAt ? `, agreed ${formatDate(c.agreedAt)}` : ', not agreed'}
          </li>
        ))}
      </ol>
    ) : null}
  </div>
);

export interface ClientView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string; readonly displayName: string | null };
  readonly openEpisode: { readonly id: string; readonly openedAt: string } | null;
  readonly closedEpisodes: number;
  /** The frame of the open episode: its agreement and each time it changed. */
  readonly agreement: AgreementSummaryView | null;
  /** The "send a measure" form, when an episode is open. */
  readonly send: SendMeasureView | null;
  /** Flags raised by answers (risk first): shown at the top of the page. */
  readonly alerts: readonly SignalView[];
  readonly signals: readonly SignalView[];
  /** How "not on track" is checked: the expected range used and the practice curve's minimum. */
  readonly notOnTrack: string;
  readonly measures: readonly MeasureHistoryView[];
  /** The skeleton's placeholder check, kept readable and labelled as such. */
  readonly placeholder: { readonly label: string; readonly administrations: readonly AdministrationView[] } | null;
  /** The client's home (link, goals, shared notes) for the open episode. */
  readonly home?: ClientHomePanelView | null;
  /** The client's voice: preferences, comments, phone entries, carer, email for links. */
  readonly voice?: VoicePanelView | null;
  /** What is agreed about the ending of the open episode, and each ended episode's summary. */
  readonly ending?: EndingPanelView | null;
  /** Two perspectives on each session, and rupture → repair, for the open episode. */
  readonly workspace?: WorkspacePanelView | null;
  /** The client's data to take away, and whether the viewer may erase it (the administrator). */
  readonly rights?: { readonly canErase: boolean } | null;
  readonly links: readonly {
    readonly instrument: string;
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

/** A table of the skeleton's placeholder checks: old rows stay readable, labelled for what they were. */
const PlaceholderChecks = ({ p }: { readonly p: NonNullable<ClientView['placeholder']> }) => {
  const first = p.administrations[0];
  return (
    <section aria-labelledby="placeholder">
      <h3 id="placeholder">{p.label}</h3>
      <p class="provenance">Four 0–10 ratings, Rapport measure — not validated. Not used for signals.</p>
      <table>
        <caption>Earlier checks, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Completed</th>
            <th scope="col">Score</th>
            {(first?.items ?? []).map((i) => (
              <th scope="col">{i.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.administrations.map((a) => (
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
    </section>
  );
};

/** One client: flags at once, their episode and what to send, signals with their reasons, every measure. */
export function clientPage(v: ClientView): string {
  const heading = v.client.displayName ? `${v.client.code} · ${v.client.displayName}` : v.client.code;
  return renderDocument(
    <Layout title={`Client ${v.client.code}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/clients">Clients</a>
      </p>
      <h1>{heading}</h1>
      {v.alerts.length > 0 ? (
        <section aria-labelledby="alerts" class="alerts">
          <h2 id="alerts">Needs your attention</h2>
          <SignalList signals={v.alerts} />
        </section>
      ) : null}
      <section aria-labelledby="episode">
        <h2 id="episode">Episode of care</h2>
        {v.openEpisode ? (
          <>
            <p>Open since {formatDate(v.openEpisode.openedAt)}.</p>
            <p class="record-links">
              <a href={`/episodes/${v.openEpisode.id}/timeline`}>Timeline and report</a> ·{' '}
              <a href={`/episodes/${v.openEpisode.id}/sessions`}>Sessions and your notes</a> ·{' '}
              <a href={`/episodes/${v.openEpisode.id}/boundaries`}>Boundary log</a> ·{' '}
              <a href={`/journal?client=${encodeURIComponent(v.client.code)}`}>Write in your journal</a>
            </p>
            {v.agreement ? <AgreementSummary v={v.agreement} /> : null}
            {v.send ? <SendMeasureForm v={v.send} csrf={v.viewer.csrf} /> : null}
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
      {v.ending ? <EndingPanel v={v.ending} /> : null}
      <section aria-labelledby="signals">
        <h2 id="signals">Signals</h2>
        {v.signals.length > 0 ? <SignalList signals={v.signals} /> : <p>No signals from this client’s measures.</p>}
        <p class="muted">{v.notOnTrack}</p>
      </section>
      {v.workspace ? <WorkspacePanel v={v.workspace} /> : null}
      <section aria-labelledby="measures">
        <h2 id="measures">Measures</h2>
        {v.measures.length === 0 && !v.placeholder ? <p>No checks completed yet.</p> : null}
        {v.measures.map((m) => (
          <MeasureHistory m={m} />
        ))}
        {v.placeholder ? <PlaceholderChecks p={v.placeholder} /> : null}
      </section>
      {v.home ? <ClientHomePanel v={v.home} csrf={v.viewer.csrf} /> : null}
      {v.voice ? <VoicePanel v={v.voice} csrf={v.viewer.csrf} /> : null}
      {v.links.length > 0 ? (
        <section aria-labelledby="links">
          <h2 id="links">Links sent</h2>
          <ul class="plain">
            {v.links.map((l) => (
              <li>
                {formatDateTime(l.issuedAt)}, {l.instrument}: {LINK_STATE_TEXT[l.state]}
                {l.state === 'waiting' ? ` (until ${formatDateTime(l.expiresAt)})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {v.rights ? <DataRightsPanel clientId={v.client.id} canErase={v.rights.canErase} /> : null}
    </Layout>,
  );
}

export interface LinkIssuedView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly url: string;
  readonly expiresAt: string;
  /** Said when the link was also emailed to the client, or the email failed. */
  readonly delivery?: string | null;
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
      {v.delivery ? <p class="notice">{v.delivery}</p> : null}
      <p class="muted">
        Rapport keeps only a fingerprint of this link, so it cannot show it again. If it is lost, create a new one.
      </p>
      <p>
        <a href={`/clients/${v.client.id}`}>Back to {v.client.code}</a>
      </p>
    </Layout>,
  );
}
