import type { Child, FC } from 'hono/jsx';
import { RadioGroup } from './ending-parts.js';
import { Csrf, StatusNotice, TextField, type FormError } from './form.js';
import { formatDate } from './format.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import { MeasureHistory, type MeasureHistoryView, type SelectOption } from './measure-parts.js';
import { DateField, SelectField } from './record-parts.js';
import type { EpisodeHeadView } from './record-pages.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

/** One link the ending sends: where it stands, and the button while it may be sent. */
export interface EndingLinkView {
  readonly action: string;
  readonly status: string;
  readonly canSend: boolean;
  readonly button: string;
}

export interface EndingPageView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly today: string;
  readonly notice?: string | undefined;
  readonly summaryHref: string;
  /** While the episode is open: what is agreed, and the form to agree it. */
  readonly prepare: {
    readonly action: string;
    readonly current: string | null;
    readonly sessionsLeft: string;
    readonly endOn: string;
    readonly error?: FormError | undefined;
  } | null;
  /** While the episode is open: the form to end it. */
  readonly end: {
    readonly title: string;
    readonly action: string;
    readonly kinds: readonly SelectOption[];
    readonly reasons: readonly SelectOption[];
    readonly endedOn: string;
    readonly error?: FormError | undefined;
  } | null;
  /** Once ended: how and when. */
  readonly ended: string | null;
  readonly review: EndingLinkView | null;
  readonly checkIn: EndingLinkView | null;
  readonly followUp: {
    readonly status: string;
    readonly due: boolean;
    readonly schedule: {
      readonly action: string;
      readonly months: readonly SelectOption[];
      readonly error?: FormError | undefined;
    } | null;
    readonly send: { readonly action: string; readonly instruments: readonly SelectOption[] } | null;
  } | null;
}

const Crumbs: FC<{ readonly head: EpisodeHeadView }> = ({ head }) => (
  <p class="crumbs">
    <a href="/clients">Clients</a> › <a href={`/clients/${head.client.id}`}>{head.client.code}</a> ›{' '}
    <a href="/endings">Endings</a>
  </p>
);

const episodeText = (head: EpisodeHeadView): string =>
  head.closedAt
    ? `Episode from ${formatDate(head.openedAt)}, closed ${formatDate(head.closedAt)}.`
    : `Episode open since ${formatDate(head.openedAt)}.`;

const LinkSection: FC<{
  readonly id: string;
  readonly title: string;
  readonly csrf: string;
  readonly v: EndingLinkView;
  readonly children?: Child;
}> = (p) => (
  <section aria-labelledby={p.id}>
    <h2 id={p.id}>{p.title}</h2>
    {p.children}
    <p>{p.v.status}</p>
    {p.v.canSend ? (
      <form method="post" action={p.v.action}>
        <Csrf token={p.csrf} />
        <button type="submit">{p.v.button}</button>
      </form>
    ) : null}
  </section>
);

/** The optional last date: no earlier than today, and not required. */
const EndOnField: FC<{ readonly value: string; readonly min: string; readonly error?: string | undefined }> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for="f-endOn">Date of the last session (optional)</label>
    <p class="hint" id="f-endOn-hint">
      As a date such as 2026-04-14.
    </p>
    {p.error ? (
      <p class="error" id="f-endOn-error">
        {p.error}
      </p>
    ) : null}
    <input
      id="f-endOn"
      name="endOn"
      type="date"
      value={p.value}
      min={p.min}
      aria-describedby={p.error ? 'f-endOn-hint f-endOn-error' : 'f-endOn-hint'}
      aria-invalid={p.error ? 'true' : undefined}
    />
  </div>
);

/** An episode's ending: preparing it, recording it, and what it sends the client. */
export function endingPage(v: EndingPageView): string {
  const csrf = v.viewer.csrf;
  const pf = v.prepare?.error?.fields ?? {};
  const ef = v.end?.error?.fields ?? {};
  const ff = v.followUp?.schedule?.error?.fields ?? {};
  return renderDocument(
    <Layout title={`Ending · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} />
      <h1>Ending with {v.head.client.code}</h1>
      <p>
        {episodeText(v.head)} <a href={v.summaryHref}>Ending summary</a>
      </p>
      <StatusNotice text={v.notice} />
      {v.ended ? <p class="notice">{v.ended}</p> : null}
      {v.prepare ? (
        <section aria-labelledby="prepare">
          <h2 id="prepare">Preparing the ending</h2>
          <p>{v.prepare.current ?? 'Nothing agreed yet.'}</p>
          <p class="muted">
            What you agree here is shown to the client, in one small line, on each measure they answer until the episode
            ends.
          </p>
          {v.prepare.error ? <ErrorSummary message={v.prepare.error.message} fields={pf} /> : null}
          <form method="post" action={v.prepare.action} class="stack" novalidate>
            <Csrf token={csrf} />
            <TextField
              name="sessionsLeft"
              label="Sessions left (optional)"
              hint="Counting from the next one: a whole number from 1 to 52. It counts down as you record sessions attended."
              value={v.prepare.sessionsLeft}
              maxlength={3}
              error={pf['sessionsLeft']}
            />
            <EndOnField value={v.prepare.endOn} min={v.today} error={pf['endOn']} />
            <button type="submit">Save what we agreed</button>
          </form>
        </section>
      ) : null}
      {v.review ? (
        <LinkSection id="review" title="The client’s ending review" csrf={csrf} v={v.review}>
          <p>
            A short review of the work together, sent as the last measure. The client may answer it in the last session
            or just after.
          </p>
        </LinkSection>
      ) : null}
      {v.end ? (
        <section aria-labelledby="end">
          <h2 id="end">{v.end.title}</h2>
          {v.end.error ? <ErrorSummary message={v.end.error.message} fields={ef} /> : null}
          <form method="post" action={v.end.action} class="stack" novalidate>
            <Csrf token={csrf} />
            <RadioGroup name="kind" legend="How did it end?" choices={v.end.kinds} error={ef['kind']} />
            <RadioGroup
              name="reason"
              legend="If it was not planned, why?"
              hint="Only for an unplanned ending."
              choices={v.end.reasons}
              error={ef['reason']}
            />
            <DateField
              name="endedOn"
              label="Date of the ending"
              hint="The last session, or the day you knew the work had ended."
              value={v.end.endedOn}
              max={v.today}
              error={ef['endedOn']}
            />
            <button type="submit">{v.end.title}</button>
          </form>
        </section>
      ) : null}
      {v.checkIn ? (
        <LinkSection id="check-in" title="A gentle check-in" csrf={csrf} v={v.checkIn}>
          <p>
            After an unplanned ending you may send one short check-in: how the client is, whether something did not feel
            right, and what they would like now. It is optional for the client and says there is no pressure to come
            back. It is sent once only, so they are not pressed.
          </p>
        </LinkSection>
      ) : null}
      {v.followUp ? (
        <section aria-labelledby="follow-up">
          <h2 id="follow-up">Follow-up</h2>
          <p>
            {v.followUp.due ? <span class="badge">Follow-up due</span> : null} {v.followUp.status}
          </p>
          {v.followUp.send ? (
            <form method="post" action={v.followUp.send.action} class="stack">
              <Csrf token={csrf} />
              <SelectField name="instrumentId" label="Measure to send" choices={v.followUp.send.instruments} />
              <button type="submit">Send the follow-up</button>
            </form>
          ) : null}
          {v.followUp.schedule ? (
            <>
              {v.followUp.schedule.error ? (
                <ErrorSummary message={v.followUp.schedule.error.message} fields={ff} />
              ) : null}
              <form method="post" action={v.followUp.schedule.action} class="stack" novalidate>
                <Csrf token={csrf} />
                <RadioGroup
                  name="months"
                  legend="Follow up after"
                  hint="Counted from the date of the ending. It shows as due on your endings list from that day."
                  choices={v.followUp.schedule.months}
                  error={ff['months']}
                />
                <button type="submit" class="secondary">
                  Save the follow-up
                </button>
              </form>
            </>
          ) : null}
        </section>
      ) : null}
    </Layout>,
  );
}

export interface EndingSummaryView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly endingHref: string;
  readonly rows: readonly { readonly label: string; readonly value: string; readonly note?: string | undefined }[];
  /** What the client said at the ending: the check-in, the ending review, a follow-up. */
  readonly answers: readonly MeasureHistoryView[];
}

/** One episode's ending in figures, and the client's own words at the end. */
export function endingSummaryPage(v: EndingSummaryView): string {
  return renderDocument(
    <Layout title={`Ending summary · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} />
      <h1>Ending summary for {v.head.client.code}</h1>
      <p>
        {episodeText(v.head)} <a href={v.endingHref}>Ending page</a>
      </p>
      <dl class="answers" data-testid="ending-summary">
        {v.rows.map((r) => (
          <>
            <dt>{r.label}</dt>
            <dd>
              {r.value}
              {r.note ? <span class="muted"> {r.note}</span> : null}
            </dd>
          </>
        ))}
      </dl>
      <section aria-labelledby="client-words">
        <h2 id="client-words">In the client’s words</h2>
        {v.answers.length === 0 ? <p>No ending review, check-in or follow-up answered yet.</p> : null}
        {v.answers.map((m) => (
          <MeasureHistory m={m} />
        ))}
      </section>
    </Layout>,
  );
}
