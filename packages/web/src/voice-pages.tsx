import { Csrf } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { Item, ProblemSummary, type InstrumentItemView } from './instrument-form.js';
import { Layout, renderDocument, type Viewer } from './layout.js';
import { AnswerList } from './measure-parts.js';

/**
 * Pages of the client's voice: the therapist's form for answers given by phone and the page
 * with a new link, and the pages a client or carer sees (checking answers given by phone, a
 * carer's thanks and what they may see, a link for tomorrow). Client pages are short, plain
 * and work with JavaScript off.
 */

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

export interface PhoneEntryFormView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly action: string;
  readonly title: string;
  readonly version: string;
  readonly hidden: Readonly<Record<string, string>>;
  readonly instructions: string;
  readonly stem?: string | undefined;
  readonly items: readonly InstrumentItemView[];
  readonly problem?: string | undefined;
}

/** The therapist enters, question by question, the answers the client gives on the phone. */
export function phoneEntryPage(v: PhoneEntryFormView): string {
  const problems = v.items.filter((i) => i.error);
  return renderDocument(
    <Layout title="Answers given by phone" viewer={v.viewer}>
      <p class="crumbs">
        <a href={`/clients/${v.client.id}`}>{v.client.code}</a>
      </p>
      <h1>Answers given by phone: {v.title}</h1>
      <p class="notice">
        Read each question aloud as written ({v.version}) and choose the answer the client gives. The answers are marked
        as given by phone, and the client gets a link to confirm or correct them.
      </p>
      <p>The client reads: “{v.instructions}”</p>
      {v.problem ? <ProblemSummary problem={`${v.problem} Nothing was saved.`} items={problems} /> : null}
      {v.stem ? <p class="stem">{v.stem}</p> : null}
      <form method="post" action={v.action} class="stack" novalidate>
        <Csrf token={v.viewer.csrf} />
        {Object.entries(v.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {v.items.map((item) => (
          <Item item={item} pictorial={false} />
        ))}
        <button type="submit">Save as given by phone</button>
      </form>
    </Layout>,
  );
}

export interface VoiceLinkView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly heading: string;
  readonly intro: string;
  readonly url: string;
  readonly expiresAt: string;
  /** Said when the link was also emailed, or the email failed. */
  readonly delivery: string | null;
}

/** A new link shown once (only its hash is kept): for a client to check phone answers, or for a carer. */
export function voiceLinkPage(v: VoiceLinkView): string {
  return renderDocument(
    <Layout title={v.heading} viewer={v.viewer}>
      <h1>
        {v.heading} for {v.client.code}
      </h1>
      <p>
        {v.intro} It works until {formatDateTime(v.expiresAt)}.
      </p>
      <p class="link-box">
        <label for="voice-url">Private link</label>
        <input id="voice-url" type="text" readonly value={v.url} data-testid="voice-url" />
      </p>
      {v.delivery ? <p class="notice">{v.delivery}</p> : null}
      <p class="muted">Rapport keeps only a fingerprint of this link, so it cannot show it again.</p>
      <p>
        <a href={`/clients/${v.client.id}`}>Back to {v.client.code}</a>
      </p>
    </Layout>,
  );
}

export interface PhoneConfirmView {
  readonly title: string;
  readonly enteredAt: string;
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
  readonly confirmAction: string;
  readonly changeHref: string;
}

/** The client checks the answers their counsellor wrote down on the phone. */
export function phoneConfirmPage(v: PhoneConfirmView): string {
  return renderDocument(
    <Layout title="Are these your answers?" viewer={{ kind: 'client' }}>
      <h1>Are these your answers?</h1>
      <p>
        On {formatDate(v.enteredAt)} you answered some questions on the phone. Your counsellor wrote down what you said.
        Please check it is right.
      </p>
      <h2>{v.title}</h2>
      <AnswerList answers={v.answers} />
      <form method="post" action={v.confirmAction}>
        <button type="submit">These are right</button>
      </form>
      <p>
        Something not right? <a href={v.changeHref}>Change my answers</a>
      </p>
    </Layout>,
  );
}

export interface CarerPageView {
  readonly sharing: 'nothing' | 'answered' | 'scores';
  readonly rows: readonly { readonly title: string; readonly at: string; readonly total: string | null }[];
}

/** After a carer's answers: thanks, and only what the carer may see of the young person's. */
export function carerPage(v: CarerPageView): string {
  return renderDocument(
    <Layout title="Thank you" viewer={{ kind: 'client' }}>
      <h1>Thank you</h1>
      <p>Your answers have reached the counsellor. They are kept apart from the young person’s own answers.</p>
      <h2>What you can see</h2>
      {v.sharing === 'nothing' ? (
        <p data-testid="carer-sees">
          The young person’s own answers stay between them and their counsellor. That is usual, and it helps them be
          open.
        </p>
      ) : v.rows.length === 0 ? (
        <p data-testid="carer-sees">The young person has not filled anything in yet.</p>
      ) : (
        <table data-testid="carer-sees">
          <caption>
            {v.sharing === 'scores'
              ? 'What the young person filled in, with the total score'
              : 'When the young person filled something in (not their answers)'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Form</th>
              {v.sharing === 'scores' ? <th scope="col">Total</th> : null}
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr>
                <th scope="row">{formatDate(r.at)}</th>
                <td>{r.title}</td>
                {v.sharing === 'scores' ? <td>{r.total ?? 'No total'}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">The counsellor decides, with the young person, what you can see here.</p>
    </Layout>,
  );
}

export interface RateLaterView {
  readonly url: string;
  readonly opensAt: string;
  readonly expiresAt: string;
}

/** Nothing sent today: the link for tomorrow, shown once. */
export function rateLaterPage(v: RateLaterView): string {
  return renderDocument(
    <Layout title="Rate it tomorrow" viewer={{ kind: 'client' }}>
      <h1>Rate it tomorrow</h1>
      <p>That is fine. Nothing was sent today.</p>
      <p>
        Here is your link for tomorrow. It opens on {formatDateTime(v.opensAt)} and works until{' '}
        {formatDate(v.expiresAt)}. Keep it safe: copy it or bookmark it.
      </p>
      <p class="link-box">
        <label for="later-url">Your link for tomorrow</label>
        <input id="later-url" type="text" readonly value={v.url} data-testid="later-url" />
      </p>
      <p>
        <a href={v.url}>Open tomorrow’s link</a>
      </p>
    </Layout>,
  );
}
