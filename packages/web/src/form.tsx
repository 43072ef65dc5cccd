import type { FC } from 'hono/jsx';

export interface FormError {
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** What every field has: a name (its id is `f-<name>`), and perhaps a hint and an error. */
export interface FieldHelp {
  readonly name: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
}

/** The field's id and the ids that tie its hint and error to it for screen readers. */
export function described(p: FieldHelp): { id: string; describedBy: string | undefined } {
  const id = `f-${p.name}`;
  const by = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, describedBy: by || undefined };
}

/** A field's hint and error, with the ids `described` gives. */
export const HintAndError: FC<FieldHelp> = (p) => (
  <>
    {p.hint ? (
      <p class="hint" id={`f-${p.name}-hint`}>
        {p.hint}
      </p>
    ) : null}
    {p.error ? (
      <p class="error" id={`f-${p.name}-error`}>
        {p.error}
      </p>
    ) : null}
  </>
);

export interface TextFieldProps extends FieldHelp {
  readonly label: string;
  readonly value?: string | undefined;
  readonly type?: 'text' | 'email' | 'password';
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly maxlength?: number;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export const TextField: FC<TextFieldProps> = (p) => {
  const { id, describedBy } = described(p);
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <HintAndError {...p} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? '' : (p.value ?? '')}
        autocomplete={p.autocomplete}
        required={p.required}
        maxlength={p.maxlength}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
};

/** A new password, chosen at sign-up or on the password page, with the same advice both times. */
export const NewPasswordField: FC<{ readonly label: string; readonly error: string | undefined }> = (p) => (
  <TextField
    name="password"
    label={p.label}
    type="password"
    autocomplete="new-password"
    hint="At least 12 characters. A few unrelated words are easy to remember and hard to guess."
    required
    error={p.error}
  />
);

/** What a post just did (saved, sent, linked), read out by screen readers; nothing when there is no news. */
export const StatusNotice: FC<{ readonly text: string | undefined }> = ({ text }) =>
  text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;

export const Csrf: FC<{ readonly token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;
