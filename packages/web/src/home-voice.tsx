import type { FC } from 'hono/jsx';
import { Csrf } from './form.js';
import { formatDateTime } from './format.js';

/**
 * The client's voice on their home: a next-day rating waiting for tomorrow, what a young
 * person's carer can see, and a way back to their preferences to change them.
 */
export interface HomeVoiceView {
  /** Next-day ratings that open later, with when. */
  readonly later: readonly { readonly title: string; readonly opensAt: string }[];
  readonly carerNote: string | null;
  /** Change the answers about what they would like from counselling; null until they have given them. */
  readonly preferences: { readonly action: string } | null;
}

export const HomeVoice: FC<{ readonly v: HomeVoiceView; readonly csrf: string }> = ({ v, csrf }) => (
  <>
    {v.later.length > 0 ? (
      <section aria-labelledby="later">
        <h2 id="later">Coming up</h2>
        <ul>
          {v.later.map((l) => (
            <li>
              {l.title}: you can fill this in from {formatDateTime(l.opensAt)}.
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    {v.carerNote ? (
      <p class="notice carer-note" data-testid="carer-note">
        {v.carerNote}
      </p>
    ) : null}
    {v.preferences ? (
      <form method="post" action={v.preferences.action} class="stack">
        <Csrf token={csrf} />
        <p>Has what you want from your sessions changed? You can change your answers at any time.</p>
        <button type="submit" class="secondary">
          Change what I want
        </button>
      </form>
    ) : null}
  </>
);
