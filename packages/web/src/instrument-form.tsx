import type { Child, FC } from 'hono/jsx';
import { Layout, renderDocument } from './layout.js';
import { Face, FaceSymbols, faceFor } from './pictorial.js';
import { CommentHoldField, RateLater, VoiceNotes, type VoiceFormView } from './voice-form.js';

/** One answer choice as a radio button: its posted value and what the client reads. */
export interface ChoiceView {
  readonly value: string;
  readonly label: string;
}

interface ItemBase {
  readonly id: string;
  readonly text: string;
  readonly required: boolean;
  /** The answer already given (a draft or a refused post), so nothing has to be answered twice. */
  readonly value?: string | undefined;
  readonly error?: string | undefined;
  /** Set on a follow-up: asked only after this answer to an earlier question. */
  readonly followUp?: { readonly question: string; readonly answer: string } | undefined;
}

/**
 * How an item is drawn. `choices` covers Likert, unscored choices, yes/no and a slider's
 * radio-step fallback; `scale` a whole-number rating in a row; `number` a slider's
 * number-box fallback; `text` free text.
 */
export type InstrumentItemView = ItemBase &
  (
    | { readonly kind: 'choices'; readonly choices: readonly ChoiceView[]; readonly words: boolean }
    | {
        readonly kind: 'scale';
        readonly min: number;
        readonly max: number;
        readonly lowAnchor?: string | undefined;
        readonly highAnchor?: string | undefined;
      }
    | {
        readonly kind: 'number';
        readonly min: number;
        readonly max: number;
        readonly step: number;
        readonly lowAnchor?: string | undefined;
        readonly highAnchor?: string | undefined;
      }
    | { readonly kind: 'text'; readonly maxLength: number }
  );

export interface InstrumentFormView {
  readonly action: string;
  readonly title: string;
  readonly instructions: string;
  /** When to answer: before the session, after it, or about yesterday's. */
  readonly momentNote: string;
  /** What was agreed about the ending, e.g. "3 sessions left, as we agreed." */
  readonly endingNote?: string;
  readonly stem?: string | undefined;
  /** Child versions show faces beside the anchors. */
  readonly pictorial: boolean;
  readonly items: readonly InstrumentItemView[];
  /** "Rapport measure — not validated" for our own measures. */
  readonly label: string | null;
  /** The instrument's credit or copyright line, shown as its licence requires. */
  readonly copyright: string;
  readonly problem?: string | undefined;
  /** A partial response was kept: the client can come back to it with the same link. */
  readonly draftSaved?: boolean;
  /** Questions asked beside the instrument's own (the optional one about repair after a rupture). */
  readonly extra?: readonly InstrumentItemView[];
  /** The client's voice: honest-feedback framing, what a carer sees, when a comment is seen, rate it tomorrow. */
  readonly voice?: VoiceFormView;
  /**
   * The home session's token, when the form is reached from the client's unlocked home: its cookie
   * would go with a forged post, so the form proves it came from our page. A form on a private
   * link needs none: the link in the address is the credential, and no other site knows it.
   */
  readonly csrf?: string;
}

const Anchors: FC<{
  readonly id: string;
  readonly min: number;
  readonly max: number;
  readonly low?: string | undefined;
  readonly high?: string | undefined;
}> = (p) =>
  p.low || p.high ? (
    <p class="anchors" id={`q-${p.id}-anchors`}>
      {String(p.min)} = {p.low ?? ''}, {String(p.max)} = {p.high ?? ''}
    </p>
  ) : null;

const Radios: FC<{
  readonly name: string;
  readonly choices: readonly ChoiceView[];
  readonly value: string | undefined;
  readonly required: boolean;
  readonly words: boolean;
  /** A children's scale: a face beside each number (pictorial.tsx). */
  readonly faces?: { readonly min: number; readonly max: number } | undefined;
}> = (p) => (
  <div class={p.words ? 'options words' : p.faces ? 'options faces' : 'options'}>
    {p.choices.map((c) => (
      <label class="option">
        <input type="radio" name={p.name} value={c.value} checked={p.value === c.value} required={p.required} />
        <span>
          {p.faces ? <Face face={faceFor(Number(c.value), p.faces.min, p.faces.max)} /> : null}
          {c.label}
        </span>
      </label>
    ))}
  </div>
);

/** One question, drawn for its response type; every type works with scripts off. */
export const Item: FC<{ readonly item: InstrumentItemView; readonly pictorial: boolean }> = ({ item, pictorial }) => {
  const required = item.required && !item.followUp;
  const cls = `scale${item.followUp ? ' follow-up' : ''}${item.error ? ' has-error' : ''}`;
  const hint = item.followUp ? (
    <p class="hint" id={`q-${item.id}-when`}>
      Answer this only if you said “{item.followUp.answer}” to “{item.followUp.question}” Otherwise leave it blank.
    </p>
  ) : null;
  const error = item.error ? (
    <p class="error" id={`q-${item.id}-error`}>
      {item.error}
    </p>
  ) : null;
  if (item.kind === 'text' || item.kind === 'number') {
    const described = [item.followUp ? `q-${item.id}-when` : '', item.error ? `q-${item.id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div id={`q-${item.id}`} class={`field ${cls}`}>
        <label for={`f-${item.id}`}>
          {item.text}
          {item.required ? '' : ' (optional)'}
        </label>
        {hint}
        {item.kind === 'number' ? (
          <Anchors id={item.id} min={item.min} max={item.max} low={item.lowAnchor} high={item.highAnchor} />
        ) : null}
        {error}
        {item.kind === 'text' ? (
          <textarea
            id={`f-${item.id}`}
            name={item.id}
            rows={3}
            maxlength={item.maxLength}
            aria-describedby={described || undefined}
          >
            {item.value ?? ''}
          </textarea>
        ) : (
          <input
            id={`f-${item.id}`}
            name={item.id}
            type="number"
            inputmode="decimal"
            min={item.min}
            max={item.max}
            step={item.step}
            value={item.value ?? ''}
            required={required}
            aria-describedby={
              [described, item.lowAnchor ? `q-${item.id}-anchors` : ''].filter(Boolean).join(' ') || undefined
            }
          />
        )}
      </div>
    );
  }
  const anchors = item.kind === 'scale' && (item.lowAnchor || item.highAnchor);
  const described = [anchors ? `q-${item.id}-anchors` : '', item.followUp ? `q-${item.id}-when` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset id={`q-${item.id}`} class={cls} aria-describedby={described || undefined}>
      <legend>{item.text}</legend>
      {hint}
      {item.kind === 'scale' ? (
        <Anchors id={item.id} min={item.min} max={item.max} low={item.lowAnchor} high={item.highAnchor} />
      ) : null}
      {error}
      <Radios
        name={item.id}
        value={item.value}
        required={required}
        words={item.kind === 'choices' && item.words}
        faces={pictorial && item.kind === 'scale' ? { min: item.min, max: item.max } : undefined}
        choices={
          item.kind === 'scale'
            ? Array.from({ length: item.max - item.min + 1 }, (_, i) => ({
                value: String(item.min + i),
                label: String(item.min + i),
              }))
            : item.choices
        }
      />
    </fieldset>
  );
};

/** What stopped a form, with a link to each question that needs another look. */
export const ProblemSummary: FC<{
  readonly problem: string;
  readonly items: readonly InstrumentItemView[];
  readonly children?: Child;
}> = ({ problem, items, children }) => (
  <div class="error-summary" role="alert">
    <h2>There is a problem</h2>
    <p>{problem}</p>
    {children}
    <ul>
      {items.map((i) => (
        <li>
          <a href={`#q-${i.id}`}>{i.text}</a>
        </li>
      ))}
    </ul>
  </div>
);

/**
 * A client's page for any instrument: a plain form that works with JavaScript off,
 * follow-ups shown with a line saying when to answer them, the instrument's credit line.
 */
export function instrumentFormPage(v: InstrumentFormView): string {
  const asked = [...v.items, ...(v.extra ?? [])];
  const problems = asked.filter((i) => i.error);
  return renderDocument(
    <Layout title={v.title} viewer={{ kind: 'client' }}>
      <h1>{v.title}</h1>
      <p class="notice">{v.momentNote}</p>
      {v.endingNote ? <p class="muted ending-note">{v.endingNote}</p> : null}
      <p>{v.instructions}</p>
      {v.voice ? <VoiceNotes v={v.voice} /> : null}
      {v.problem ? (
        <ProblemSummary problem={v.problem} items={problems}>
          {v.draftSaved ? <p>Your answers so far are saved: you can finish now or later with the same link.</p> : null}
        </ProblemSummary>
      ) : null}
      {v.stem ? <p class="stem">{v.stem}</p> : null}
      <form method="post" action={v.action} class="stack" novalidate>
        {v.csrf ? <input type="hidden" name="_csrf" value={v.csrf} /> : null}
        {v.pictorial ? <FaceSymbols /> : null}
        {asked.map((item) => (
          <>
            <Item item={item} pictorial={v.pictorial} />
            {v.voice?.hold?.after === item.id ? <CommentHoldField v={v.voice.hold} /> : null}
          </>
        ))}
        <button type="submit">Send my answers</button>
      </form>
      {v.voice?.later ? <RateLater action={v.voice.later.action} csrf={v.csrf} /> : null}
      <p class="provenance">
        {v.label ? `${v.label}. ` : ''}
        {v.voice?.carerNote ? '' : 'Your answers go only to your counsellor.'}
      </p>
      <p class="provenance">{v.copyright}</p>
    </Layout>,
  );
}
