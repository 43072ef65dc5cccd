import type { FC } from 'hono/jsx';
import type { CommentHold } from '@rapport/core';

/**
 * The client's voice on a measure's form: a line on why honest answers help, what a young
 * person's carer can see, when the counsellor reads the client's comment, and the choice to
 * rate the session tomorrow instead. Plain words for a reading age of about 11.
 */
export interface VoiceFormView {
  /** Why honest, less-than-perfect answers help (the relationship check). */
  readonly framing?: string;
  /** What the young person's carer can see; when set, it replaces "your answers go only to your counsellor". */
  readonly carerNote?: string;
  /** When the counsellor reads the comment, asked just after the comment's question (`after`). */
  readonly hold?: {
    readonly after: string;
    /** The field's name, from core. */
    readonly name: string;
    readonly value: CommentHold;
    readonly error?: string | undefined;
  };
  /** "Rate it tomorrow": a second small form that posts here. */
  readonly later?: { readonly action: string };
}

export const VoiceNotes: FC<{ readonly v: VoiceFormView }> = ({ v }) => (
  <>
    {v.framing ? <p class="notice honest">{v.framing}</p> : null}
    {v.carerNote ? (
      <p class="notice carer-note" data-testid="carer-note">
        {v.carerNote}
      </p>
    ) : null}
  </>
);

const HOLD_CHOICES: readonly { readonly value: CommentHold; readonly label: string }[] = [
  { value: 'now', label: 'Now' },
  { value: 'next-session', label: 'After my next check-in' },
];

export const CommentHoldField: FC<{ readonly v: NonNullable<VoiceFormView['hold']> }> = ({ v }) => (
  <fieldset id={`q-${v.name}`} class={v.error ? 'scale has-error' : 'scale'} aria-describedby={`q-${v.name}-hint`}>
    <legend>When should your counsellor read what you wrote?</legend>
    <p class="hint" id={`q-${v.name}-hint`}>
      If you wait, they read it only after you fill in your next check-in.
    </p>
    {v.error ? <p class="error">{v.error}</p> : null}
    <div class="options words">
      {HOLD_CHOICES.map((c) => (
        <label class="option">
          <input type="radio" name={v.name} value={c.value} checked={v.value === c.value} />
          <span>{c.label}</span>
        </label>
      ))}
    </div>
  </fieldset>
);

/** A second form under the answers: nothing is sent, and a link for tomorrow takes this one's place. */
export const RateLater: FC<{ readonly action: string; readonly csrf?: string | undefined }> = ({ action, csrf }) => (
  <form method="post" action={action} class="rate-later">
    {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
    <h2>Not ready to say?</h2>
    <p>You can rate this session tomorrow instead, when you have had time to think.</p>
    <button type="submit" class="secondary">
      Rate it tomorrow
    </button>
  </form>
);
