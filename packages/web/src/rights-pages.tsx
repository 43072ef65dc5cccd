import { Csrf, TextField, type FormError } from './form.js';
import { ErrorSummary, Layout, renderDocument, type Viewer } from './layout.js';

type SignedInViewer = Extract<Viewer, { kind: 'therapist' }>;

/** The administrator's page before erasing a client: what goes, what stays, and the code to type. */
export interface EraseClientView {
  readonly viewer: SignedInViewer;
  readonly client: { readonly id: string; readonly code: string };
  /** What will be removed, in plain words, with how many of each there are. */
  readonly removed: readonly string[];
  /** What is kept, and why. */
  readonly kept: readonly string[];
  readonly error?: FormError | undefined;
}

/** Shown once the client is erased: only their code, which the audit log still uses. */
export interface ClientErasedView {
  readonly viewer: SignedInViewer;
  readonly code: string;
  readonly rows: number;
}

/** `/clients/:clientId/erase`: states what erasure removes and keeps; the client's code is typed to confirm. */
export function eraseClientPage(v: EraseClientView): string {
  const href = `/clients/${v.client.id}`;
  return renderDocument(
    <Layout title={`Erase ${v.client.code}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/clients">Clients</a> · <a href={href}>{v.client.code}</a>
      </p>
      <h1>Erase everything about {v.client.code}</h1>
      <p>
        This cannot be undone. Before erasing, you may want to{' '}
        <a href={`${href}/export.json`}>download the client’s record (JSON)</a> or its{' '}
        <a href={`${href}/export.pdf`}>readable summary (PDF)</a>.
      </p>
      <h2>What is removed</h2>
      <ul>
        {v.removed.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <h2>What is kept</h2>
      <ul>
        {v.kept.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      {v.error ? <ErrorSummary message={v.error.message} fields={v.error.fields} /> : null}
      <form method="post" action={`${href}/erase`} class="stack" novalidate>
        <Csrf token={v.viewer.csrf} />
        <TextField
          name="code"
          label={`Type the client’s code, ${v.client.code}, to confirm`}
          autocomplete="off"
          required
          error={v.error?.fields['code']}
        />
        <button type="submit">Erase {v.client.code} for good</button>
      </form>
    </Layout>,
  );
}

/** After erasure: what happened, in one sentence, and the way back to the list. */
export function clientErasedPage(v: ClientErasedView): string {
  return renderDocument(
    <Layout title="Client erased" viewer={v.viewer}>
      <h1>{v.code} has been erased</h1>
      <p>
        {String(v.rows)} records were removed. The audit log keeps who read or changed the record, and this erasure,
        under an id that no longer leads anywhere.
      </p>
      <p>
        <a href="/clients">Back to clients</a>
      </p>
    </Layout>,
  );
}

/** On the client page: the client's record to take away, and (for the administrator) erasure. */
export const DataRightsPanel = (p: { readonly clientId: string; readonly canErase: boolean }) => {
  const href = `/clients/${p.clientId}`;
  return (
    <section aria-labelledby="data-rights">
      <h2 id="data-rights">The client’s data</h2>
      <p>
        Everything held about this client, for a subject access or portability request:{' '}
        <a href={`${href}/export.json`}>JSON</a>, <a href={`${href}/export.fhir.json`}>FHIR bundle</a> or a{' '}
        <a href={`${href}/export.pdf`}>readable PDF</a>. Each download is recorded in the audit log.
      </p>
      {p.canErase ? (
        <p>
          <a href={`${href}/erase`}>Erase this client</a> (you will see what goes and what stays first).
        </p>
      ) : null}
    </section>
  );
};
