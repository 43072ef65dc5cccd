import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import type { FC } from 'hono/jsx';
import { Csrf, NewPasswordField, TextField, type FormError } from './form.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

/** The code from an authenticator app (or a recovery code, where the hint says so). */
const CodeField: FC<{
  readonly label: string;
  readonly maxlength: number;
  readonly hint?: string;
  readonly error: string | undefined;
}> = (p) => <TextField name="code" autocomplete="one-time-code" required {...p} />;

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function twoFactorChallengePage(v: { readonly error?: FormError }): string {
  return renderDocument(
    <Layout title="Enter your code" viewer={{ kind: 'anonymous' }}>
      <h1>Enter your code</h1>
      <p>Open your authenticator app and enter the six-digit code it shows for Rapport.</p>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <form method="post" action="/login/two-factor" class="stack" novalidate>
        <CodeField
          label="Code"
          hint="Lost your phone? Enter one of your recovery codes instead."
          maxlength={32}
          error={v.error?.fields['code']}
        />
        <button type="submit">Continue</button>
      </form>
      <p>
        <a href="/login">Start again</a>
      </p>
    </Layout>,
  );
}

export interface TwoFactorStatusView {
  readonly viewer: TherapistViewer;
  readonly enabled: boolean;
  readonly recoveryCodesLeft: number;
  readonly required: boolean;
  readonly notice?: string;
  readonly error?: FormError;
}

/** Account page: whether two-factor is on, and the forms to set it up or turn it off. */
export function twoFactorStatusPage(v: TwoFactorStatusView): string {
  return renderDocument(
    <Layout title="Two-step sign-in" viewer={v.viewer}>
      <h1>Two-step sign-in</h1>
      {v.notice ? <p class="notice">{v.notice}</p> : null}
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      {v.enabled ? (
        <>
          <p>Two-step sign-in is on. You have {v.recoveryCodesLeft} unused recovery codes.</p>
          {v.required ? (
            <p>Your practice requires two-step sign-in, so it cannot be turned off.</p>
          ) : (
            <form method="post" action="/account/two-factor/disable" class="stack" novalidate>
              <Csrf token={v.viewer.csrf} />
              <CodeField label="Current code from your app" maxlength={32} error={v.error?.fields['code']} />
              <button type="submit">Turn off two-step sign-in</button>
            </form>
          )}
        </>
      ) : (
        <>
          {v.required ? (
            <p class="notice">Your practice requires two-step sign-in. Set it up to continue.</p>
          ) : (
            <p>Two-step sign-in asks for a code from an app on your phone as well as your password.</p>
          )}
          <form method="post" action="/account/two-factor/setup">
            <Csrf token={v.viewer.csrf} />
            <button type="submit">Set up two-step sign-in</button>
          </form>
        </>
      )}
    </Layout>,
  );
}

export interface TwoFactorSetupView {
  readonly viewer: TherapistViewer;
  /** The QR code as SVG markup made on the server from the otpauth URI; never user input. */
  readonly qrSvg: string;
  readonly secret: string;
  readonly error?: FormError;
}

/** Enrolment: scan the QR code (or type the key), then prove it with a code. */
export function twoFactorSetupPage(v: TwoFactorSetupView): string {
  return renderDocument(
    <Layout title="Set up two-step sign-in" viewer={v.viewer}>
      <h1>Set up two-step sign-in</h1>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <ol>
        <li>Open an authenticator app on your phone and add an account.</li>
        <li>Scan this code, or type the key below it.</li>
        <li>Enter the six-digit code the app shows.</li>
      </ol>
      <figure class="qr" role="img" aria-label="QR code for your authenticator app">
        <div dangerouslySetInnerHTML={{ __html: v.qrSvg }} />
      </figure>
      <p>
        Key: <code>{v.secret}</code>
      </p>
      <form method="post" action="/account/two-factor/confirm" class="stack" novalidate>
        <Csrf token={v.viewer.csrf} />
        <CodeField label="Code from your app" maxlength={12} error={v.error?.fields['code']} />
        <button type="submit">Turn on two-step sign-in</button>
      </form>
    </Layout>,
  );
}

/** Shown once after enrolment: the recovery codes in plain text, never again. */
export function recoveryCodesPage(v: { readonly viewer: TherapistViewer; readonly codes: readonly string[] }): string {
  return renderDocument(
    <Layout title="Your recovery codes" viewer={v.viewer}>
      <h1>Two-step sign-in is on</h1>
      <p>
        Keep these recovery codes somewhere safe, away from your phone. Each works once if you cannot use your app. They
        are shown only now.
      </p>
      <ul class="recovery-codes">
        {v.codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/clients">Continue to your clients</a>
      </p>
    </Layout>,
  );
}

/** Changing one's password: the current one, then a new one checked like at sign-up. */
export function passwordChangePage(v: {
  readonly viewer: TherapistViewer;
  readonly error?: FormError;
  readonly notice?: string;
}): string {
  const f = v.error?.fields ?? {};
  return renderDocument(
    <Layout title="Change your password" viewer={v.viewer}>
      <h1>Change your password</h1>
      {v.notice ? <p class="notice">{v.notice}</p> : null}
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <form method="post" action="/account/password" class="stack" novalidate>
        <Csrf token={v.viewer.csrf} />
        <TextField
          name="current"
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          error={f['current']}
        />
        <NewPasswordField label="New password" error={f['password']} />
        <button type="submit">Change password</button>
      </form>
      <p>
        <a href="/account/two-factor">Two-step sign-in</a>
      </p>
    </Layout>,
  );
}

/** The practice administrator's security settings. */
export function practiceSecurityPage(v: {
  readonly viewer: TherapistViewer;
  readonly requireTwoFactor: boolean;
  readonly notice?: string;
}): string {
  return renderDocument(
    <Layout title="Practice security" viewer={v.viewer}>
      <h1>Practice security</h1>
      {v.notice ? <p class="notice">{v.notice}</p> : null}
      <p>
        {v.requireTwoFactor
          ? 'Everyone in the practice must use two-step sign-in.'
          : 'Two-step sign-in is optional in this practice.'}
      </p>
      <form method="post" action="/practice/security">
        <Csrf token={v.viewer.csrf} />
        <input type="hidden" name="requireTwoFactor" value={v.requireTwoFactor ? 'no' : 'yes'} />
        <button type="submit">{v.requireTwoFactor ? 'Make it optional' : 'Require two-step sign-in'}</button>
      </form>
      <p>
        <a href="/practice/audit">Audit log</a> · <a href="/practice/users">People</a> ·{' '}
        <a href="/practice/supervision">Supervision</a>
      </p>
    </Layout>,
  );
}

export interface AuditRowView {
  readonly at: string;
  readonly who: string;
  readonly what: string;
  readonly client: { readonly id: string; readonly code: string } | null;
  readonly from: string;
}

export interface AuditPageView {
  readonly viewer: TherapistViewer;
  readonly rows: readonly AuditRowView[];
  readonly page: number;
  readonly hasNext: boolean;
}

/** Who read or changed which client record, when and from where; newest first, paged. */
export function auditPage(v: AuditPageView): string {
  return renderDocument(
    <Layout title="Audit log" viewer={v.viewer}>
      <h1>Audit log</h1>
      <p>Every reading or change of a client record, newest first.</p>
      {v.rows.length === 0 ? (
        <p>Nothing recorded on this page.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Client</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr>
                <td>{r.at}</td>
                <td>{r.who}</td>
                <td>{r.what}</td>
                <td>{r.client ? <a href={`/clients/${r.client.id}`}>{r.client.code}</a> : '—'}</td>
                <td>{r.from}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Audit pages" class="pager">
        {v.page > 1 ? <a href={`/practice/audit?page=${String(v.page - 1)}`}>Newer</a> : null}
        {v.hasNext ? <a href={`/practice/audit?page=${String(v.page + 1)}`}>Older</a> : null}
      </nav>
    </Layout>,
  );
}
