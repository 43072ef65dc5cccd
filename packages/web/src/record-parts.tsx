import type { FC } from 'hono/jsx';
import { Csrf, HintAndError, StatusNotice, described, type FieldHelp, type FormError } from './form.js';
import { ErrorSummary } from './layout.js';
import type { SelectOption } from './measure-parts.js';

interface FieldProps extends FieldHelp {
  readonly label: string;
}

/** A labelled drop-down; `blank` adds a first "none" choice. */
export const SelectField: FC<FieldProps & { readonly choices: readonly SelectOption[]; readonly blank?: string }> = (
  p,
) => {
  const { id, describedBy } = described(p);
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <HintAndError {...p} />
      <select id={id} name={p.name} aria-describedby={describedBy} aria-invalid={p.error ? 'true' : undefined}>
        {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
        {p.choices.map((c) => (
          <option value={c.value} selected={c.selected}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
};

/** A labelled text area with its character limit. */
export const TextAreaField: FC<
  FieldProps & {
    readonly value: string;
    readonly rows: number;
    readonly maxlength: number;
    readonly required?: boolean;
  }
> = (p) => {
  const { id, describedBy } = described(p);
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <HintAndError {...p} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows}
        maxlength={p.maxlength}
        required={p.required}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value}
      </textarea>
    </div>
  );
};

/** A calendar day: the browser's own date picker, or typed as YYYY-MM-DD where there is none. */
export const DateField: FC<FieldProps & { readonly value: string; readonly max: string }> = (p) => {
  const { id, describedBy } = described(p);
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <HintAndError {...p} />
      <input
        id={id}
        name={p.name}
        type="date"
        value={p.value}
        max={p.max}
        required
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
};

/** The promise made on every page of private text. */
export const PrivateNotice: FC<{ readonly text: string }> = ({ text }) => <p class="notice private">{text}</p>;

/** The author's own text (a note, a journal entry): a saved notice, problems, and the text to change. */
export const PrivateTextForm: FC<{
  readonly csrf: string;
  readonly action: string;
  readonly label: string;
  readonly text: string;
  readonly maxLength: number;
  readonly button: string;
  readonly notice?: string | undefined;
  readonly error?: FormError | undefined;
}> = (p) => (
  <>
    <StatusNotice text={p.notice} />
    {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
    <form method="post" action={p.action} class="stack" novalidate>
      <Csrf token={p.csrf} />
      <TextAreaField
        name="text"
        label={p.label}
        value={p.text}
        rows={14}
        maxlength={p.maxLength}
        required
        hint={`Up to ${String(p.maxLength)} characters.`}
        error={p.error?.fields['text']}
      />
      <button type="submit">{p.button}</button>
    </form>
  </>
);
