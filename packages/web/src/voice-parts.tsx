import type { FC } from 'hono/jsx';
import { Csrf } from './form.js';
import { formatDate, formatDateTime } from './format.js';
import { AnswerList, type SelectOption } from './measure-parts.js';

/**
 * The client's voice on the therapist's client page: preferences (strong ones first and
 * marked), the comments the client has let the therapist read, answers entered by phone and
 * whether the client has confirmed them, a carer's ratings and what the carer may see, and the
 * client's email address for sending links. Every value is escaped by hono/jsx.
 */
export interface VoicePanelView {
  readonly preferences: {
    readonly at: string;
    readonly dimensions: readonly {
      readonly title: string;
      readonly value: string;
      readonly toward: string | null;
      readonly strong: boolean;
    }[];
    readonly rule: string;
  } | null;
  readonly comments: readonly { readonly at: string; readonly text: string; readonly held: boolean }[];
  readonly phone: {
    readonly entries: readonly {
      readonly at: string;
      readonly title: string;
      readonly status: string;
      readonly unconfirmed: boolean;
    }[];
    /** A GET form choosing what to enter; null without an open episode. */
    readonly form: {
      readonly action: string;
      readonly instruments: readonly SelectOption[];
      readonly audiences: readonly SelectOption[];
      readonly moments: readonly SelectOption[];
    } | null;
  };
  readonly carer: {
    /** Null without an open episode. */
    readonly sharing: { readonly action: string; readonly options: readonly SelectOption[] } | null;
    readonly link: { readonly action: string; readonly instruments: readonly SelectOption[] } | null;
    readonly responses: readonly {
      readonly at: string;
      readonly title: string;
      readonly total: string | null;
      readonly answers: readonly { readonly question: string; readonly answer: string }[];
    }[];
  };
  readonly email: { readonly action: string; readonly value: string; readonly sending: string };
}

const Select: FC<{ readonly id: string; readonly name: string; readonly options: readonly SelectOption[] }> = (p) => (
  <select id={p.id} name={p.name}>
    {p.options.map((o) => (
      <option value={o.value} selected={o.selected}>
        {o.label}
      </option>
    ))}
  </select>
);

const Preferences: FC<{ readonly p: NonNullable<VoicePanelView['preferences']> }> = ({ p }) => {
  const strong = p.dimensions.filter((d) => d.strong);
  return (
    <>
      <p>As the client answered on {formatDate(p.at)}.</p>
      {strong.length > 0 ? (
        <div class="notice strong-preferences" data-testid="strong-preferences">
          <p>
            <strong>Strong preferences:</strong>
          </p>
          <ul>
            {strong.map((d) => (
              <li>
                <strong>{d.toward ?? d.title}</strong> ({d.value})
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>No strong preferences: worth asking what matters most to them.</p>
      )}
      <ul class="plain">
        {p.dimensions.map((d) => (
          <li class={d.strong ? 'strong-preference' : undefined}>
            {d.title}: {d.value}
            {d.toward ? `, leaning to ${d.toward}` : ', no lean'}
            {d.strong ? ' (strong)' : ''}
          </li>
        ))}
      </ul>
      <p class="muted">{p.rule}</p>
    </>
  );
};

export const VoicePanel: FC<{ readonly v: VoicePanelView; readonly csrf: string }> = ({ v, csrf }) => (
  <section aria-labelledby="voice" class="voice">
    <h2 id="voice">The client’s voice</h2>
    <h3>Preferences</h3>
    {v.preferences ? <Preferences p={v.preferences} /> : <p>Not answered yet.</p>}

    <h3>The client’s comments</h3>
    {v.comments.length === 0 ? (
      <p>No comments to read. A comment the client keeps for their next session shows after their next check-in.</p>
    ) : (
      <ul class="notes">
        {v.comments.map((c) => (
          <li data-testid="client-comment">
            <span class="note-text">{c.text}</span>{' '}
            <span class="muted">
              ({formatDateTime(c.at)}
              {c.held ? ', kept by the client for this session' : ''})
            </span>
          </li>
        ))}
      </ul>
    )}

    <h3>Answers given by phone</h3>
    {v.phone.entries.length === 0 ? <p>None entered.</p> : null}
    <ul class="plain">
      {v.phone.entries.map((e) => (
        <li class={e.unconfirmed ? 'unconfirmed' : undefined} data-testid="phone-entry">
          {formatDateTime(e.at)}, {e.title}: <strong>{e.status}</strong>
        </li>
      ))}
    </ul>
    {v.phone.form ? (
      <form method="get" action={v.phone.form.action} class="stack">
        <div class="field">
          <label for="f-phone-instrument">Measure read out by phone</label>
          <Select id="f-phone-instrument" name="instrumentId" options={v.phone.form.instruments} />
        </div>
        <div class="field">
          <label for="f-phone-audience">Version</label>
          <Select id="f-phone-audience" name="audience" options={v.phone.form.audiences} />
        </div>
        <div class="field">
          <label for="f-phone-moment">When</label>
          <Select id="f-phone-moment" name="moment" options={v.phone.form.moments} />
        </div>
        <button type="submit" class="secondary">
          Enter answers given by phone
        </button>
      </form>
    ) : null}

    <h3>Carer</h3>
    {v.carer.sharing ? (
      <form method="post" action={v.carer.sharing.action} class="stack">
        <Csrf token={csrf} />
        <div class="field">
          <label for="f-sharing">What a carer may see of the young person’s answers</label>
          <Select id="f-sharing" name="sharing" options={v.carer.sharing.options} />
        </div>
        <button type="submit" class="secondary">
          Save what the carer may see
        </button>
      </form>
    ) : null}
    {v.carer.responses.length === 0 ? <p>No carer ratings yet.</p> : null}
    {v.carer.responses.map((r) => (
      <div class="carer-response" data-testid="carer-response">
        <p>
          {formatDateTime(r.at)}, {r.title}
          {r.total === null ? '' : `: ${r.total}`} <span class="muted">(the carer’s view, kept apart)</span>
        </p>
        <AnswerList answers={r.answers} />
      </div>
    ))}
    {v.carer.link ? (
      <form method="post" action={v.carer.link.action} class="stack">
        <Csrf token={csrf} />
        <div class="field">
          <label for="f-carer-instrument">Ask a carer to rate</label>
          <Select id="f-carer-instrument" name="instrumentId" options={v.carer.link.instruments} />
        </div>
        <div class="field">
          <label for="f-carer-email">Carer’s email (optional, used once, not kept)</label>
          <input id="f-carer-email" name="email" type="email" autocomplete="off" maxlength={254} />
        </div>
        <button type="submit" class="secondary">
          Create a carer link
        </button>
      </form>
    ) : null}

    <h3>Email for links</h3>
    <form method="post" action={v.email.action} class="stack">
      <Csrf token={csrf} />
      <div class="field">
        <label for="f-client-email">Client’s email address (optional)</label>
        <p class="hint" id="f-client-email-hint">
          {v.email.sending} Kept encrypted; leave empty to remove it.
        </p>
        <input
          id="f-client-email"
          name="email"
          type="email"
          autocomplete="off"
          maxlength={254}
          value={v.email.value}
          aria-describedby="f-client-email-hint"
        />
      </div>
      <button type="submit" class="secondary">
        Save the email address
      </button>
    </form>
  </section>
);
