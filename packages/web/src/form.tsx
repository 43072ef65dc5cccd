import type { FC } from 'hono/jsx';

export interface FormError {
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface TextFieldProps {
  readonly name: string;
  readonly label: string;
  readonly value?: string | undefined;
  readonly type?: 'text' | 'email' | 'password';
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly maxlength?: number;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export const TextField: FC<TextFieldProps> = (p) => {
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? '' : (p.value ?? '')}
        autocomplete={p.autocomplete}
        required={p.required}
        maxlength={p.maxlength}
        aria-describedby={described || undefined}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
};

export const Csrf: FC<{ readonly token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;
