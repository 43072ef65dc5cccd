import type { FC } from 'hono/jsx';
import { Csrf, type FormError } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { Item, type InstrumentItemView } from './instrument-form.js';
import { Layout, renderDocument, type Viewer } from './layout.js';
import type { EpisodeHeadView } from './record-pages.js';
import { DateField, PrivateNotice, PrivateTextForm } from './record-parts.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

const Crumbs: FC<{ readonly head: EpisodeHeadView }> = ({ head }) => (
  <p class="crumbs">
    <a href="/clients">Clients</a> › <a href={`/clients/${head.client.id}`}>{head.client.code}</a>
  </p>
);

/** Problems at the top of a form whose questions are fieldsets (`q-…`) as well as fields (`f-…`). */
const Problems: FC<{ readonly error: FormError; readonly items: readonly InstrumentItemView[] }> = ({
  error,
  items,
}) => (
  <div class="error-summary" role="alert" tabindex={-1}>
    <h2>There is a problem</h2>
    <p>{error.message}</p>
    <ul>
      {Object.entries(error.fields).map(([name, text]) => {
        const item = items.find((i) => i.id === name);
        return (
          <li>
            <a href={item ? `#q-${name}` : `#f-${name}`}>{item ? `${item.text} ${text}` : text}</a>
          </li>
        );
      })}
    </ul>
  </div>
);

export interface PerspectiveFormView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly action: string;
  readonly title: string;
  readonly instructions: string;
  /** The session rated, YYYY-MM-DD, and the latest day allowed. */
  readonly day: string;
  readonly today: string;
  readonly items: readonly InstrumentItemView[];
  readonly label: string | null;
  readonly copyright: string;
  /** A rating of this session already exists and saving replaces it. */
  readonly replacing: boolean;
  readonly error?: FormError | undefined;
}

/** The therapist's side of the relationship check: the mirrored questions, drawn as the client's are. */
export function perspectiveFormPage(v: PerspectiveFormView): string {
  return renderDocument(
    <Layout title={`Your view of a session · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} />
      <h1>
        {v.title}: {v.head.client.code}
      </h1>
      <p>{v.instructions}</p>
      <p class="muted">
        Your ratings are shown beside your client’s, session by session, on the client’s page. They are never shown to
        the client.
      </p>
      {v.error ? <Problems error={v.error} items={v.items} /> : null}
      <form method="post" action={v.action} class="stack" novalidate>
        <Csrf token={v.viewer.csrf} />
        <DateField
          name="day"
          label="Session date"
          hint={v.replacing ? 'You have rated this session already: saving replaces that rating.' : undefined}
          value={v.day}
          max={v.today}
          error={v.error?.fields['day']}
        />
        {v.items.map((item) => (
          <Item item={item} pictorial={false} />
        ))}
        <button type="submit">Save my rating</button>
      </form>
      <p class="provenance">{v.label ? `${v.label}. ` : ''}</p>
      <p class="provenance">{v.copyright}</p>
    </Layout>,
  );
}

export interface RuptureView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  readonly at: string;
  /** Where the rupture stands: awaiting repair, not repaired in time, or repaired and how. */
  readonly status: string;
  readonly repaired: boolean;
  /** What the measures saw, with the numbers. */
  readonly details: readonly string[];
  readonly guide: readonly { readonly href: string; readonly text: string }[];
  /** The supervision agenda's form, filled in with this client and the rupture. */
  readonly supervisionHref: string;
  readonly attempts: readonly { readonly at: string; readonly text: string }[];
  readonly answers: readonly { readonly at: string; readonly text: string }[];
  readonly action: string;
  readonly text: string;
  readonly maxLength: number;
  readonly notice?: string | undefined;
  readonly error?: FormError | undefined;
}

/**
 * One rupture: what showed it, how to recognise and repair one (Safran & Muran's markers and
 * strategies, in our own words), a prompt to reflect, what was tried, and what the client said.
 */
export function rupturePage(v: RuptureView): string {
  return renderDocument(
    <Layout title={`Rupture on ${formatDate(v.at)} · ${v.head.client.code}`} viewer={v.viewer}>
      <Crumbs head={v.head} />
      <h1>
        Rupture on {formatDate(v.at)} with {v.head.client.code}
      </h1>
      <p class={v.repaired ? 'notice' : 'notice attention'} data-testid="rupture-status">
        {v.status}
      </p>
      {v.details.map((d) => (
        <p>{d}</p>
      ))}
      <section aria-labelledby="markers">
        <h2 id="markers">What a rupture can look like</h2>
        <p>
          A rupture is a strain in the collaboration: on what you are working towards, on how, or in the bond itself. It
          often shows in one of two ways.
        </p>
        <ul>
          <li>
            <strong>Withdrawal</strong>, moving away: short or vague answers, changing the subject, talking about
            feelings without seeming to feel them, agreeing too readily, going quiet.
          </li>
          <li>
            <strong>Confrontation</strong>, moving against: complaints about you, the way of working, the arrangements
            or the lack of progress; trying to control the session; pressing you to be different.
          </li>
        </ul>
        <p>Your own unease (boredom, irritation, the urge to reassure) can be the first sign.</p>
      </section>
      <section aria-labelledby="strategies">
        <h2 id="strategies">Ways to repair</h2>
        <ul>
          <li>
            <strong>Directly</strong>: name what you noticed, tentatively, and ask about it; explain why you suggested a
            task; agree a change of task or goal together.
          </li>
          <li>
            <strong>Indirectly</strong>: change the task without making it the topic; reframe what the work is for; side
            with the client’s hesitation rather than argue with it.
          </li>
          <li>
            <strong>Metacommunication</strong>: step outside what is happening and wonder aloud about it together (“I
            notice we both went quiet when I suggested that; what was that like for you?”). Stay curious, own your part,
            and let the client’s view count.
          </li>
        </ul>
        <p>Read more in the guide:</p>
        <ul>
          {v.guide.map((g) => (
            <li>
              <a href={g.href}>{g.text}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="reflect">
        <h2 id="reflect">Before you write</h2>
        <p>
          What was happening for you in that session? What might your client have felt and not said? What part might you
          have played, and what would you like to try next time?
        </p>
        <p>
          <a href={v.supervisionHref}>Bring to supervision</a>: add this rupture to your supervision agenda, with a
          question in your own words.
        </p>
      </section>
      <section aria-labelledby="tried">
        <h2 id="tried">What was tried</h2>
        {v.attempts.length === 0 ? (
          <p>Nothing noted yet.</p>
        ) : (
          <ol class="plain attempts">
            {v.attempts.map((a) => (
              <li>
                <p class="muted">{formatDateTime(a.at)}</p>
                <p class="note-text">{a.text}</p>
              </li>
            ))}
          </ol>
        )}
        <h3>What your client said since</h3>
        {v.answers.length === 0 ? (
          <p>
            Nothing yet. Their next check asks, as one optional question, whether things feel better between you; the
            rupture counts as repaired when they say yes or when the relationship check comes back up.
          </p>
        ) : (
          <ul class="plain" data-testid="repair-answers">
            {v.answers.map((a) => (
              <li>
                {formatDateTime(a.at)}: {a.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="note">
        <h2 id="note">Note a repair attempt</h2>
        <PrivateNotice text="Seen by the therapists of your practice, never by the client. Stored encrypted." />
        <PrivateTextForm
          csrf={v.viewer.csrf}
          action={v.action}
          label="What you tried, and how it landed"
          text={v.text}
          maxLength={v.maxLength}
          button="Save the note"
          notice={v.notice}
          error={v.error}
        />
      </section>
    </Layout>,
  );
}
