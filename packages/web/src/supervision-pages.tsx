import type { FC } from 'hono/jsx';
import { LineChart, type ChartPoint } from './chart.js';
import { Csrf, StatusNotice, type FormError } from './form.js';
import { formatDate } from './format.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import { Badges, SignalList, type BadgeView, type SelectOption, type SignalView } from './measure-parts.js';
import { SelectField, TextAreaField } from './record-parts.js';

type SignedInViewer = Extract<Viewer, { kind: 'therapist' }>;

/** One item a therapist brings to supervision, as either side sees it. */
export interface AgendaItemView {
  readonly id: string;
  readonly code: string;
  readonly question: string;
  /** The kind of signal it is about, in words. */
  readonly signal: string | null;
  /** The therapist's own journal entry: a link for them, a bare mention for the supervisor. */
  readonly journal: { readonly text: string; readonly href: string | null } | null;
  readonly status: 'open' | 'discussed';
  readonly createdAt: string;
  readonly discussedAt: string | null;
  readonly canMarkDiscussed: boolean;
  readonly canWithdraw: boolean;
}

export interface AgendaFormView {
  readonly episodes: readonly SelectOption[];
  readonly signals: readonly SelectOption[];
  readonly journal: readonly SelectOption[];
  readonly question: string;
  readonly maxLength: number;
  readonly error?: FormError | undefined;
}

/** The therapist's side: what they are bringing, and who supervises them. */
export interface AgendaPageView {
  readonly viewer: SignedInViewer;
  readonly supervisors: readonly string[];
  readonly items: readonly AgendaItemView[];
  readonly form: AgendaFormView;
  readonly notice?: string | undefined;
}

/** One client of a supervisee's caseload, de-identified: code, dates, signals and score charts. */
export interface SupervisedCaseView {
  readonly code: string;
  readonly openedAt: string;
  readonly badges: readonly BadgeView[];
  readonly signals: readonly SignalView[];
  readonly charts: readonly {
    readonly id: string;
    readonly title: string;
    readonly min: number;
    readonly max: number;
    readonly points: readonly ChartPoint[];
  }[];
}

/** The supervisor's page for one supervisee. */
export interface SuperviseeView {
  readonly viewer: SignedInViewer;
  readonly name: string;
  readonly cases: readonly SupervisedCaseView[];
  readonly items: readonly AgendaItemView[];
}

/** The supervisor's start page: the therapists they supervise. */
export interface SupervisorHomeView {
  readonly viewer: SignedInViewer;
  readonly supervisees: readonly {
    readonly href: string;
    readonly name: string;
    readonly clients: number;
    readonly openItems: number;
  }[];
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');

const AgendaList: FC<{ readonly items: readonly AgendaItemView[]; readonly csrf: string; readonly empty: string }> = ({
  items,
  csrf,
  empty,
}) =>
  items.length === 0 ? (
    <p class="muted">{empty}</p>
  ) : (
    <ol class="plain agenda">
      {items.map((i) => (
        <li class={`signal ${i.status === 'open' ? 'attention' : 'info'}`}>
          <strong>
            {i.code}
            {i.signal ? ` · ${i.signal}` : ''}
          </strong>
          <p class="pre-line">{i.question}</p>
          {i.journal ? (
            <p class="muted">{i.journal.href ? <a href={i.journal.href}>{i.journal.text}</a> : i.journal.text}</p>
          ) : null}
          <p class="muted">
            Added {formatDate(i.createdAt)}
            {i.status === 'discussed' && i.discussedAt ? `; discussed ${formatDate(i.discussedAt)}` : ''}
          </p>
          {i.canMarkDiscussed ? (
            <form method="post" action={`/supervision/items/${i.id}/discussed`} class="inline">
              <Csrf token={csrf} />
              <button type="submit" class="secondary">
                Mark {i.code} as discussed
              </button>
            </form>
          ) : null}{' '}
          {i.canWithdraw ? (
            <form method="post" action={`/supervision/items/${i.id}/withdraw`} class="inline">
              <Csrf token={csrf} />
              <button type="submit" class="link">
                Take {i.code} off the agenda
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ol>
  );

/** `/supervision` for a therapist: their agenda and the form to add to it. */
export function agendaPage(v: AgendaPageView): string {
  const f = v.form.error?.fields ?? {};
  return renderDocument(
    <Layout title="Supervision" viewer={v.viewer}>
      <h1>Supervision</h1>
      <p>
        {v.supervisors.length === 0
          ? 'No supervisor is linked to you in Rapport yet; the practice administrator links one. You can still keep an agenda.'
          : `Supervised by ${v.supervisors.join(', ')}. They see your clients’ codes, scores and signals, and what you bring here: never names, notes, your journal or what clients write.`}
      </p>
      <StatusNotice text={v.notice} />
      <h2>Your agenda</h2>
      <AgendaList items={v.items} csrf={v.viewer.csrf} empty="Nothing on your agenda yet." />
      <h2 id="bring">Bring something to supervision</h2>
      {v.form.error ? <ErrorSummary message={v.form.error.message} fields={v.form.error.fields} /> : null}
      {v.form.episodes.length === 0 ? (
        <p class="muted">There are no open episodes in your practice to bring yet.</p>
      ) : (
        <form method="post" action="/supervision/items" class="stack" novalidate>
          <Csrf token={v.viewer.csrf} />
          <SelectField
            name="episodeId"
            label="Client"
            hint="Your supervisor sees the client’s code only."
            choices={v.form.episodes}
            error={f['episodeId']}
          />
          <TextAreaField
            name="question"
            label="What you want to think about"
            hint="Your supervisor reads exactly this. Leave out names and anything that identifies the client."
            value={v.form.question}
            rows={5}
            maxlength={v.form.maxLength}
            required
            error={f['question']}
          />
          <SelectField
            name="signal"
            label="Signal it is about (optional)"
            choices={v.form.signals}
            blank="None"
            error={f['signal']}
          />
          <SelectField
            name="journalEntryId"
            label="One of your journal entries (optional)"
            hint="A reminder for you. Your supervisor is told an entry is linked, never what it says."
            choices={v.form.journal}
            blank="None"
            error={f['journalEntryId']}
          />
          <button type="submit">Add to my agenda</button>
        </form>
      )}
    </Layout>,
  );
}

/** `/supervision` for a supervisor: the therapists they supervise. */
export function supervisorHomePage(v: SupervisorHomeView): string {
  return renderDocument(
    <Layout title="Supervision" viewer={v.viewer}>
      <h1>Supervision</h1>
      <p>
        You see each supervisee’s clients by code, with their scores and signals, and the agenda your supervisee brings.
        Names, notes, journals and what clients write stay with the therapist.
      </p>
      {v.supervisees.length === 0 ? (
        <p class="muted">No one is linked to you yet. The practice administrator links supervisees to you.</p>
      ) : (
        <table>
          <caption>Your supervisees</caption>
          <thead>
            <tr>
              <th scope="col">Therapist</th>
              <th scope="col">Clients in open episodes</th>
              <th scope="col">Items to discuss</th>
            </tr>
          </thead>
          <tbody>
            {v.supervisees.map((s) => (
              <tr>
                <th scope="row">
                  <a href={s.href}>{s.name}</a>
                </th>
                <td>{String(s.clients)}</td>
                <td>{String(s.openItems)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>,
  );
}

const CaseSection: FC<{ readonly c: SupervisedCaseView }> = ({ c }) => {
  const hid = `case-${c.code}`;
  return (
    <section aria-labelledby={hid} class="measure">
      <h3 id={hid}>{c.code}</h3>
      <p class="muted">
        Episode opened {formatDate(c.openedAt)}. Signals: <Badges badges={c.badges} />
      </p>
      {c.signals.length > 0 ? <SignalList signals={c.signals} /> : null}
      {c.charts.map((ch) => (
        <>
          <h4>{ch.title}</h4>
          <LineChart
            id={`chart-${c.code}-${ch.id}`}
            title={`${c.code}, ${ch.title}: scores by session`}
            description={`${String(ch.points.length)} score${ch.points.length === 1 ? '' : 's'}: ${ch.points.map((p) => fmt(p.value)).join(', ')}.`}
            points={ch.points}
            min={ch.min}
            max={ch.max}
            height={180}
          />
        </>
      ))}
    </section>
  );
};

/** `/supervision/:superviseeId`: one supervisee's agenda and de-identified caseload. */
export function superviseePage(v: SuperviseeView): string {
  return renderDocument(
    <Layout title={`Supervision: ${v.name}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/supervision">Supervision</a>
      </p>
      <h1>{v.name}</h1>
      <h2>What {v.name} brings</h2>
      <AgendaList items={v.items} csrf={v.viewer.csrf} empty="Nothing on the agenda yet." />
      <h2>Caseload, by client code</h2>
      <p class="muted">
        Clients in open episodes this therapist works in: scores and signals only. Names, contact details, notes,
        journals and clients’ own words are not shown here.
      </p>
      {v.cases.length === 0 ? <p class="muted">No open episodes yet.</p> : null}
      {v.cases.map((c) => (
        <CaseSection c={c} />
      ))}
    </Layout>,
  );
}
