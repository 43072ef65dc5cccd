import type { FC } from 'hono/jsx';
import { LineChart, type ChartBandPoint } from './chart.js';
import { Csrf } from './form.js';
import { formatDateTime } from './format.js';

/** A signal in plain words, the numbers that triggered it, and a short "why" with its source. */
export interface SignalView {
  readonly tone: 'risk' | 'attention' | 'good' | 'info';
  readonly title: string;
  readonly details: readonly string[];
  readonly why: string;
  /** Where to act on it (a rupture's guidance and repair notes). */
  readonly link?: { readonly href: string; readonly text: string };
  /** The supervision agenda's form, filled in with this client and signal. */
  readonly supervisionHref?: string;
}

/** A caseload badge: what needs a look, and how many. */
export interface BadgeView {
  readonly tone: SignalView['tone'];
  readonly label: string;
  readonly count: number;
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly selected: boolean;
}

export interface SendMeasureView {
  readonly action: string;
  readonly instruments: readonly { readonly id: string; readonly title: string; readonly selected: boolean }[];
  readonly moments: readonly SelectOption[];
  readonly audiences: readonly SelectOption[];
}

export interface MeasureResponseView {
  readonly at: string;
  readonly draft: boolean;
  readonly moment: string;
  readonly version: string;
  readonly score: number | null;
  readonly band: string | null;
  readonly flags: readonly string[];
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
}

export interface MeasureHistoryView {
  readonly id: string;
  readonly title: string;
  readonly label: string | null;
  readonly copyright: string;
  readonly note: string | null;
  /** Null for instruments without a total (unscored, profiles). */
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly responses: readonly MeasureResponseView[];
  /** The range expected this episode ("not on track"), by index among the scored responses, and where it came from. */
  readonly expected?: { readonly band: readonly ChartBandPoint[]; readonly note: string };
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);

/** The therapist chooses what to send, to which age group, and when the client answers. */
export const SendMeasureForm: FC<{ readonly v: SendMeasureView; readonly csrf: string }> = ({ v, csrf }) => (
  <form method="post" action={v.action} class="stack send-measure">
    <Csrf token={csrf} />
    <div class="field">
      <label for="f-instrumentId">Measure to send</label>
      <select id="f-instrumentId" name="instrumentId">
        {v.instruments.map((i) => (
          <option value={i.id} selected={i.selected}>
            {i.title}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="f-audience">Client’s age group (chooses the version)</label>
      <select id="f-audience" name="audience">
        {v.audiences.map((a) => (
          <option value={a.value} selected={a.selected}>
            {a.label}
          </option>
        ))}
      </select>
    </div>
    <fieldset>
      <legend>When the client answers</legend>
      {v.moments.map((m) => (
        <label class="inline-choice">
          <input type="radio" name="moment" value={m.value} checked={m.selected} /> {m.label}
        </label>
      ))}
    </fieldset>
    <button type="submit">Create a link</button>
  </form>
);

/** Signals, most urgent first, each with its numbers and its "why". */
export const SignalList: FC<{ readonly signals: readonly SignalView[] }> = ({ signals }) => (
  <ul class="signals plain">
    {signals.map((s) => (
      <li class={`signal ${s.tone}`}>
        <strong>{s.title}</strong>
        {s.details.map((d) => (
          <p>{d}</p>
        ))}
        <p class="why">Why: {s.why}</p>
        {s.link ? (
          <p>
            <a href={s.link.href}>{s.link.text}</a>
          </p>
        ) : null}
        {s.supervisionHref ? (
          <p>
            <a href={s.supervisionHref}>Bring to supervision</a>
          </p>
        ) : null}
      </li>
    ))}
  </ul>
);

export const Badges: FC<{ readonly badges: readonly BadgeView[] }> = ({ badges }) =>
  badges.length === 0 ? (
    <span class="muted">None</span>
  ) : (
    <>
      {badges.map((b) => (
        <span class={`badge ${b.tone}`}>{b.count > 1 ? `${b.label} × ${String(b.count)}` : b.label}</span>
      ))}
    </>
  );

/** Each question with the answer given, as the client saw the question. */
export const AnswerList: FC<{
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
}> = ({ answers }) => (
  <dl class="answers">
    {answers.map((a) => (
      <>
        <dt>{a.question}</dt>
        <dd>{a.answer}</dd>
      </>
    ))}
  </dl>
);

/** One instrument's history: latest score, chart, a table of every response, drafts never scored. */
export const MeasureHistory: FC<{ readonly m: MeasureHistoryView }> = ({ m }) => {
  const scored = m.responses.filter((r): r is MeasureResponseView & { score: number } => !r.draft && r.score !== null);
  const latest = scored.at(-1);
  const hid = `m-${m.id}`;
  return (
    <section aria-labelledby={hid} class="measure">
      <h3 id={hid}>{m.title}</h3>
      {m.label ? <p class="provenance">{m.label}. Read changes within this client, not against a norm.</p> : null}
      {latest && m.range ? (
        <>
          <p class="score" data-testid={`latest-${m.id}`}>
            Latest: <strong>{fmt(latest.score)}</strong> out of {String(m.range.max)}
            {latest.band ? ` (${latest.band})` : ''} on {formatDateTime(latest.at)}
          </p>
          <LineChart
            id={`chart-${m.id}`}
            title={`${m.title}: scores by session`}
            description={`${String(scored.length)} score${scored.length === 1 ? '' : 's'}: ${scored.map((r) => fmt(r.score)).join(', ')}.${m.expected ? ' The shaded band is the range expected this episode, its middle dashed.' : ''}`}
            points={scored.map((r) => ({ at: r.at, value: r.score }))}
            min={m.range.min}
            max={m.range.max}
            {...(m.expected ? { band: m.expected.band } : {})}
          />
          {m.expected ? <p class="muted">{m.expected.note}</p> : null}
        </>
      ) : null}
      <table>
        <caption>Every response, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">When</th>
            <th scope="col">Score</th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {m.responses.map((r) => (
            <tr>
              <th scope="row">{formatDateTime(r.at)}</th>
              <td>{r.moment}</td>
              <td>
                {r.draft
                  ? 'Unfinished (draft, not scored)'
                  : r.score === null
                    ? 'Not scored'
                    : `${fmt(r.score)}${r.band ? ` · ${r.band}` : ''}`}
                {r.flags.map((f) => (
                  <p class="error">{f}</p>
                ))}
              </td>
              <td>
                <details>
                  <summary>
                    {String(r.answers.length)} answer{r.answers.length === 1 ? '' : 's'} ({r.version})
                  </summary>
                  <AnswerList answers={r.answers} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {m.note ? <p class="muted">{m.note}</p> : null}
      <p class="provenance">{m.copyright}</p>
    </section>
  );
};
