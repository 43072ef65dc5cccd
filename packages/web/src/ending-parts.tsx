import type { FC } from 'hono/jsx';
import { formatDate } from './format.js';
import { HintAndError, described } from './form.js';
import type { SelectOption } from './measure-parts.js';

/** A calendar day (YYYY-MM-DD) as a British reader expects it; noon UTC so no time zone moves the day. */
export const formatDay = (day: string): string => formatDate(`${day}T12:00:00.000Z`);

const sessions = (n: number): string => `${String(n)} session${n === 1 ? '' : 's'}`;

/**
 * What was agreed about the ending, in one plain line: for the client on their form ("3 sessions
 * left, as we agreed."), for the therapist on the client's page. `sessionsLeft` is what remains now.
 */
export function preparationLine(
  p: { readonly sessionsLeft: number | null; readonly endOn: string | null },
  who: 'client' | 'therapist',
): string {
  const by = p.endOn === null ? '' : `, the last by ${formatDay(p.endOn)}`;
  if (p.sessionsLeft === 0) {
    return who === 'client'
      ? 'We have reached the last of the sessions we agreed.'
      : 'The agreed sessions have all taken place.';
  }
  if (p.sessionsLeft !== null) {
    if (who === 'therapist') return `${sessions(p.sessionsLeft)} left${by}, as agreed with the client.`;
    return p.sessionsLeft === 1 && p.endOn === null
      ? '1 session left, as we agreed: the next one is our last.'
      : `${sessions(p.sessionsLeft)} left, as we agreed${by}.`;
  }
  const day = p.endOn === null ? '' : formatDay(p.endOn);
  return who === 'client'
    ? `Our last session is planned for ${day}, as we agreed.`
    : `Last session planned for ${day}, as agreed with the client.`;
}

/** A group of radio buttons with its legend, hint and error, tied together for screen readers. */
export const RadioGroup: FC<{
  readonly name: string;
  readonly legend: string;
  readonly choices: readonly SelectOption[];
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
}> = (p) => {
  const { id, describedBy } = described(p);
  return (
    <fieldset id={id} class={p.error ? 'has-error' : undefined} aria-describedby={describedBy}>
      <legend>{p.legend}</legend>
      <HintAndError {...p} />
      {p.choices.map((c) => (
        <label class="inline-choice">
          <input type="radio" name={p.name} value={c.value} checked={c.selected} /> {c.label}
        </label>
      ))}
    </fieldset>
  );
};

/** The ending on a client's page: what is agreed for the open episode, and each ended one. */
export interface EndingPanelView {
  readonly open: { readonly href: string; readonly preparation: string | null } | null;
  readonly ended: readonly {
    readonly text: string;
    readonly href: string;
    readonly summaryHref: string;
    readonly followUpDue: boolean;
  }[];
}

export const EndingPanel: FC<{ readonly v: EndingPanelView }> = ({ v }) => (
  <section aria-labelledby="ending">
    <h2 id="ending">Ending</h2>
    {v.open ? (
      <p>
        {v.open.preparation ?? 'No ending agreed yet.'} <a href={v.open.href}>Prepare or record the ending</a>
      </p>
    ) : null}
    {v.ended.length > 0 ? (
      <ul class="plain">
        {v.ended.map((e) => (
          <li>
            {e.text} <a href={e.href}>Ending page</a> · <a href={e.summaryHref}>Ending summary</a>
            {e.followUpDue ? <span class="badge"> Follow-up due</span> : null}
          </li>
        ))}
      </ul>
    ) : null}
  </section>
);
