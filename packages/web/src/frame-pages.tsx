import { Csrf } from './form.js';
import { formatDateTime } from './format.js';
import { ContractDiff, ContractText, type ContractSectionView, type DiffView } from './frame-parts.js';
import { Layout, renderDocument, type Viewer } from './layout.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

export interface ContractVersionRow {
  readonly version: number;
  readonly createdAt: string;
  readonly status: 'awaiting' | 'agreed' | 'superseded';
  readonly agreements: readonly { readonly who: string; readonly name: string; readonly at: string }[];
  readonly questions: readonly { readonly text: string; readonly at: string }[];
  readonly pdfHref: string;
  readonly consentHref: string;
}

export interface ContractEditorView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly action: string;
  readonly versions: readonly ContractVersionRow[];
  readonly diff: DiffView | null;
  readonly settings: readonly { readonly value: string; readonly label: string; readonly checked: boolean }[];
  readonly audiences: readonly { readonly value: string; readonly label: string; readonly checked: boolean }[];
  readonly placeholders: readonly {
    readonly name: string;
    readonly label: string;
    readonly value: string;
    readonly missing: boolean;
  }[];
  readonly clauses: readonly {
    readonly id: string;
    readonly title: string;
    readonly note: string;
    readonly checked: boolean;
    readonly preview: string;
  }[];
  readonly problem?: { readonly message: string; readonly missingTopics: readonly string[] } | undefined;
  readonly canEditClauses: boolean;
}

const STATUS_TEXT = {
  awaiting: 'Offered, waiting for agreement',
  agreed: 'Agreed',
  superseded: 'Replaced by a later version',
} as const;

/** The therapist's contract page: the history of versions, what changed, and the builder for the next one. */
export function contractEditorPage(v: ContractEditorView): string {
  const chosen = v.settings.filter((s) => s.checked);
  return renderDocument(
    <Layout title={`Agreement · ${v.client.code}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/clients">Clients</a> › <a href={`/clients/${v.client.id}`}>{v.client.code}</a>
      </p>
      <h1>Agreement with {v.client.code}</h1>
      {v.versions.length > 0 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">Versions</h2>
          <ol class="versions">
            {v.versions.map((row) => (
              <li>
                <strong>Version {String(row.version)}</strong>, offered {formatDateTime(row.createdAt)}:{' '}
                {STATUS_TEXT[row.status]}
                {row.agreements.length > 0 ? (
                  <ul>
                    {row.agreements.map((a) => (
                      <li>
                        {a.who}: signed “{a.name}” on {formatDateTime(a.at)}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {row.questions.length > 0 ? (
                  <div class="questions">
                    <p>Questions from the client:</p>
                    <ul>
                      {row.questions.map((q) => (
                        <li>
                          <q>{q.text}</q> <span class="muted">({formatDateTime(q.at)})</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <p class="muted">
                  <a href={row.pdfHref}>PDF</a> · <a href={row.consentHref}>FHIR Consent</a>
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p>No agreement yet. Build one below: Rapport checks that it covers everything the setting needs.</p>
      )}
      {v.diff ? <ContractDiff diff={v.diff} id="latest-diff" /> : null}

      <section aria-labelledby="builder">
        <h2 id="builder">{v.versions.length > 0 ? 'Change the agreement' : 'Build the agreement'}</h2>
        <form method="get" action={v.action} class="stack">
          <fieldset>
            <legend>Where you will work</legend>
            {v.settings.map((s) => (
              <label class="check">
                <input type="checkbox" name="settings" value={s.value} checked={s.checked} /> {s.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Who the agreement is with</legend>
            {v.audiences.map((a) => (
              <label class="check">
                <input type="radio" name="audience" value={a.value} checked={a.checked} /> {a.label}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="secondary">
            Show the clauses for this
          </button>
        </form>

        {chosen.length > 0 ? (
          <form method="post" action={v.action} class="stack">
            <Csrf token={v.viewer.csrf} />
            {v.settings
              .filter((s) => s.checked)
              .map((s) => (
                <input type="hidden" name="settings" value={s.value} />
              ))}
            <input type="hidden" name="audience" value={v.audiences.find((a) => a.checked)?.value ?? ''} />
            {v.problem ? (
              <div class="error-summary" role="alert">
                <h3>This agreement cannot be offered yet</h3>
                <p>{v.problem.message}</p>
              </div>
            ) : null}
            <fieldset>
              <legend>Details to fill in</legend>
              {v.placeholders.map((p) => (
                <div class={p.missing ? 'field has-error' : 'field'}>
                  <label for={`ph-${p.name}`}>{p.label}</label>
                  {p.missing ? <p class="error">Fill this in: the clauses below use it.</p> : null}
                  <input id={`ph-${p.name}`} type="text" name={`value.${p.name}`} value={p.value} maxlength={200} />
                </div>
              ))}
            </fieldset>
            <fieldset>
              <legend>Clauses</legend>
              <p class="hint">Required clauses are ticked. Untick one and the agreement cannot be offered.</p>
              {v.clauses.map((c) => (
                <div class="clause-choice">
                  <label class="check">
                    <input type="checkbox" name="clauses" value={c.id} checked={c.checked} /> <strong>{c.title}</strong>{' '}
                    <span class="muted">({c.note})</span>
                  </label>
                  <p class="muted preview">{c.preview}</p>
                </div>
              ))}
            </fieldset>
            <div class="buttons">
              <button type="submit" name="intent" value="preview" class="secondary">
                Preview as the client sees it
              </button>
              <button type="submit" name="intent" value="offer">
                Offer to the client
              </button>
            </div>
          </form>
        ) : (
          <p>Choose at least one setting to see the clauses.</p>
        )}
        {v.canEditClauses ? (
          <p>
            <a href="/practice/clauses">Edit your practice’s clause wording</a>
          </p>
        ) : null}
      </section>
    </Layout>,
  );
}

export interface ContractPreviewView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly action: string;
  readonly intro: string;
  readonly sections: readonly ContractSectionView[];
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
}

/** Exactly what the client will read, with a button to offer it. */
export function contractPreviewPage(v: ContractPreviewView): string {
  return renderDocument(
    <Layout title={`Preview · ${v.client.code}`} viewer={v.viewer}>
      <h1>Preview: what {v.client.code} will read</h1>
      <p class="notice">{v.intro}</p>
      <ContractText sections={v.sections} />
      <form method="post" action={v.action}>
        <Csrf token={v.viewer.csrf} />
        {v.hidden.map((h) => (
          <input type="hidden" name={h.name} value={h.value} />
        ))}
        <button type="submit" name="intent" value="offer">
          Offer to the client
        </button>
      </form>
    </Layout>,
  );
}

export interface ContractOfferedView {
  readonly viewer: TherapistViewer;
  readonly client: { readonly id: string; readonly code: string };
  readonly version: number;
  readonly url: string;
  readonly expiresAt: string;
  readonly contractHref: string;
}

/** Shows the client's agreement link once (only its hash is stored). */
export function contractOfferedPage(v: ContractOfferedView): string {
  return renderDocument(
    <Layout title="Agreement offered" viewer={v.viewer}>
      <h1>
        Version {String(v.version)} offered to {v.client.code}
      </h1>
      <p>
        Send this private link. The client can read the agreement, ask you a question, and agree. It works until{' '}
        {formatDateTime(v.expiresAt)}.
      </p>
      <p class="link-box">
        <label for="contract-url">Private link</label>
        <input id="contract-url" type="text" readonly value={v.url} data-testid="contract-url" />
      </p>
      <p class="muted">Rapport keeps only a fingerprint of this link, so it cannot show it again.</p>
      <p>
        <a href={v.contractHref}>Back to the agreement</a>
      </p>
    </Layout>,
  );
}
