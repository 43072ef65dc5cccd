import { Csrf, StatusNotice, TextField, type FormError } from './form.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';
import type { SelectOption } from './measure-parts.js';
import { SelectField } from './record-parts.js';

type SignedInViewer = Extract<Viewer, { kind: 'therapist' }>;

export interface PersonRowView {
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly passwordChangeDue: boolean;
}

/** The practice administrator's list of people, and the form to add one. */
export interface PeoplePageView {
  readonly viewer: SignedInViewer;
  readonly people: readonly PersonRowView[];
  readonly roles: readonly (SelectOption & { readonly sees: string })[];
  readonly values: { readonly name: string; readonly email: string };
  readonly error?: FormError | undefined;
}

/** Shown once, straight after adding someone: their first password. */
export interface PersonAddedView {
  readonly viewer: SignedInViewer;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly password: string;
}

export interface SupervisionLinksView {
  readonly viewer: SignedInViewer;
  readonly links: readonly {
    readonly supervisor: string;
    readonly supervisee: string;
    readonly supervisorId: string;
    readonly superviseeId: string;
  }[];
  readonly supervisors: readonly SelectOption[];
  readonly supervisees: readonly SelectOption[];
  readonly notice?: string | undefined;
  readonly error?: FormError | undefined;
}

const PracticeLinks = () => (
  <p class="crumbs">
    <a href="/practice/users">People</a> · <a href="/practice/supervision">Supervision</a> ·{' '}
    <a href="/practice/security">Security</a> · <a href="/practice/audit">Audit log</a>
  </p>
);

/** `/practice/users`: who is in the practice, with which role; add someone. */
export function peoplePage(v: PeoplePageView): string {
  const f = v.error?.fields ?? {};
  return renderDocument(
    <Layout title="People" viewer={v.viewer}>
      <PracticeLinks />
      <h1>People in your practice</h1>
      <table>
        <caption>Everyone who can sign in</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email address</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {v.people.map((p) => (
            <tr>
              <th scope="row">{p.name}</th>
              <td>{p.email}</td>
              <td>
                {p.role}
                {p.passwordChangeDue ? ' (has not yet chosen their own password)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="add">Add someone</h2>
      <ul>
        {v.roles.map((r) => (
          <li>
            <strong>{r.label}</strong>: sees {r.sees}.
          </li>
        ))}
      </ul>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <form method="post" action="/practice/users" class="stack" novalidate>
        <Csrf token={v.viewer.csrf} />
        <TextField name="name" label="Name" value={v.values.name} autocomplete="off" required error={f['name']} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          value={v.values.email}
          autocomplete="off"
          required
          error={f['email']}
        />
        <SelectField name="role" label="Role" choices={v.roles} error={f['role']} />
        <button type="submit">Add and make a first password</button>
      </form>
    </Layout>,
  );
}

/** The first password, shown this once: it is stored only as a hash. */
export function personAddedPage(v: PersonAddedView): string {
  return renderDocument(
    <Layout title="Person added" viewer={v.viewer}>
      <PracticeLinks />
      <h1>
        {v.name} can now sign in as {v.role.toLowerCase()}
      </h1>
      <p>Give them their first password in person or by another safe route, not in the same email as the address.</p>
      <dl class="answers">
        <dt>Email address</dt>
        <dd>{v.email}</dd>
        <dt>First password</dt>
        <dd>
          <code data-testid="first-password">{v.password}</code>
        </dd>
      </dl>
      <p class="notice">
        This is shown once and works once: at their first sign-in they must choose their own password before anything
        else opens.
      </p>
      <p>
        <a href="/practice/users">Back to people</a>
      </p>
    </Layout>,
  );
}

/** `/practice/supervision`: which supervisor supervises whom. */
export function supervisionLinksPage(v: SupervisionLinksView): string {
  const f = v.error?.fields ?? {};
  return renderDocument(
    <Layout title="Supervision links" viewer={v.viewer}>
      <PracticeLinks />
      <h1>Who supervises whom</h1>
      <p>
        A supervisor sees their supervisees’ clients by code with scores and signals, and the agenda each supervisee
        brings. They never see names, contact details, notes, journals or what clients write.
      </p>
      <StatusNotice text={v.notice} />
      {v.links.length === 0 ? (
        <p class="muted">No one is linked yet.</p>
      ) : (
        <table>
          <caption>Supervision in your practice</caption>
          <thead>
            <tr>
              <th scope="col">Supervisor</th>
              <th scope="col">Supervisee</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {v.links.map((l) => (
              <tr>
                <th scope="row">{l.supervisor}</th>
                <td>{l.supervisee}</td>
                <td>
                  <form method="post" action="/practice/supervision/remove" class="inline">
                    <Csrf token={v.viewer.csrf} />
                    <input type="hidden" name="supervisorId" value={l.supervisorId} />
                    <input type="hidden" name="superviseeId" value={l.superviseeId} />
                    <button type="submit" class="link">
                      Stop {l.supervisor} supervising {l.supervisee}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Link a supervisor</h2>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      {v.supervisors.length === 0 ? (
        <p class="muted">
          There is no supervisor in the practice yet: <a href="/practice/users#add">add one</a> with the supervisor
          role.
        </p>
      ) : (
        <form method="post" action="/practice/supervision" class="stack" novalidate>
          <Csrf token={v.viewer.csrf} />
          <SelectField name="supervisorId" label="Supervisor" choices={v.supervisors} error={f['supervisorId']} />
          <SelectField name="superviseeId" label="Supervises" choices={v.supervisees} error={f['superviseeId']} />
          <button type="submit">Link</button>
        </form>
      )}
    </Layout>,
  );
}
