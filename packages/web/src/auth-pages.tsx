import { ErrorSummary, Layout, renderDocument } from './layout.js';
import { NewPasswordField, TextField, type FormError } from './form.js';

export interface LoginView {
  readonly email?: string;
  readonly error?: FormError;
  /** Shown after sign-up or sign-out. */
  readonly notice?: string;
}

/** The therapist's sign-in page. */
export function loginPage(v: LoginView): string {
  return renderDocument(
    <Layout title="Sign in" viewer={{ kind: 'anonymous' }}>
      <h1>Sign in</h1>
      {v.notice ? <p class="notice">{v.notice}</p> : null}
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <form method="post" action="/login" class="stack" novalidate>
        <TextField
          name="email"
          label="Email address"
          type="email"
          value={v.email}
          autocomplete="username"
          required
          error={v.error?.fields['email']}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          required
          error={v.error?.fields['password']}
        />
        <button type="submit">Sign in</button>
      </form>
      <p>
        New to Rapport? <a href="/signup">Set up a practice</a>.
      </p>
    </Layout>,
  );
}

export interface SignupView {
  readonly values: { readonly practiceName?: string; readonly name?: string; readonly email?: string };
  readonly error?: FormError;
}

/** Practice sign-up: the first account becomes the practice's administrator. */
export function signupPage(v: SignupView): string {
  const f = v.error?.fields ?? {};
  return renderDocument(
    <Layout title="Set up a practice" viewer={{ kind: 'anonymous' }}>
      <h1>Set up a practice</h1>
      <p>You will be the practice’s first therapist and its administrator.</p>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <form method="post" action="/signup" class="stack" novalidate>
        <TextField
          name="practiceName"
          label="Practice name"
          value={v.values.practiceName}
          required
          maxlength={120}
          error={f['practiceName']}
        />
        <TextField
          name="name"
          label="Your name"
          value={v.values.name}
          autocomplete="name"
          required
          maxlength={120}
          error={f['name']}
        />
        <TextField
          name="email"
          label="Email address"
          type="email"
          value={v.values.email}
          autocomplete="username"
          required
          error={f['email']}
        />
        <NewPasswordField label="Password" error={f['password']} />
        <button type="submit">Create practice</button>
      </form>
      <p>
        Already have an account? <a href="/login">Sign in</a>.
      </p>
    </Layout>,
  );
}
