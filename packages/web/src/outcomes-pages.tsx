import { Layout, renderDocument, type Viewer } from './layout.js';
import type { SelectOption } from './measure-parts.js';
import { SelectField } from './record-parts.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

/** One figure of the practice view, always with what it is out of. */
export interface OutcomeFigureView {
  readonly label: string;
  readonly value: string;
  readonly outOf: string;
  /** Fewer than ten behind it: shown, with a warning not to read much into it. */
  readonly small: boolean;
}

export interface OutcomesView {
  readonly viewer: TherapistViewer;
  /** Whose episodes these are, in words. */
  readonly scope: string;
  /** The practice administrator's choice of clinician; null for everyone else. */
  readonly filter: { readonly options: readonly SelectOption[] } | null;
  readonly figures: readonly OutcomeFigureView[];
  readonly notes: readonly string[];
}

const SMALL = 'Too few to read much into.';

/** Outcomes across episodes: counts with their denominators, small numbers marked as such. */
export function outcomesPage(v: OutcomesView): string {
  return renderDocument(
    <Layout title="Outcomes" viewer={v.viewer}>
      <h1>Outcomes</h1>
      <p>{v.scope}</p>
      {v.filter ? (
        <form method="get" action="/practice/outcomes" class="stack">
          <SelectField name="clinician" label="Whose episodes" choices={v.filter.options} />
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
      ) : null}
      <table data-testid="outcomes">
        <caption>Episodes and how they went</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Value</th>
            <th scope="col">Out of</th>
          </tr>
        </thead>
        <tbody>
          {v.figures.map((f) => (
            <tr>
              <th scope="row">{f.label}</th>
              <td>{f.value}</td>
              <td>
                {f.outOf}
                {f.small ? <span class="muted"> {SMALL}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="how">
        <h2 id="how">How these are counted</h2>
        <ul>
          {v.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      </section>
    </Layout>,
  );
}

/** One episode on the endings list. */
export interface EndingRowView {
  readonly code: string;
  readonly href: string;
  readonly text: string;
}

export interface EndingsListView {
  readonly viewer: TherapistViewer;
  readonly due: readonly EndingRowView[];
  readonly preparing: readonly EndingRowView[];
  readonly ended: readonly EndingRowView[];
}

const Rows = ({ rows, empty }: { readonly rows: readonly EndingRowView[]; readonly empty: string }) =>
  rows.length === 0 ? (
    <p>{empty}</p>
  ) : (
    <ul class="plain">
      {rows.map((r) => (
        <li>
          <a href={r.href}>{r.code}</a>: {r.text}
        </li>
      ))}
    </ul>
  );

/** The practice's endings: follow-ups due first, then endings being prepared, then recent endings. */
export function endingsListPage(v: EndingsListView): string {
  return renderDocument(
    <Layout title="Endings" viewer={v.viewer}>
      <h1>Endings</h1>
      <p>
        <a href="/practice/outcomes">Outcomes across episodes</a>
      </p>
      <section aria-labelledby="due">
        <h2 id="due">Follow-ups due</h2>
        <Rows rows={v.due} empty="No follow-up is due." />
      </section>
      <section aria-labelledby="preparing">
        <h2 id="preparing">Endings being prepared</h2>
        <Rows rows={v.preparing} empty="No ending is being prepared." />
      </section>
      <section aria-labelledby="ended">
        <h2 id="ended">Ended</h2>
        <Rows rows={v.ended} empty="No ending recorded yet." />
      </section>
    </Layout>,
  );
}
