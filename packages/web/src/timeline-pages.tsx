import type { FC } from 'hono/jsx';
import { ChartSvg } from './chart.js';
import type { ChartScene } from './chart-scene.js';
import { Layout, renderDocument, type Viewer } from './layout.js';
import { SignalList, type SignalView } from './measure-parts.js';
import type { EpisodeHeadView } from './record-pages.js';

type TherapistViewer = Extract<Viewer, { kind: 'therapist' }>;

/** One day of the episode: the session held (if any) and everything else that happened. */
export interface TimelineEntryView {
  /** The day, as read: "2 Mar 2026". */
  readonly day: string;
  /** "Session 4: video, attended (50 min)", or "Between sessions". */
  readonly heading: string;
  /** Plain facts: contract events, measures answered, goal ratings, boundary events. */
  readonly facts: readonly string[];
  /** Notes the client chose to share, with what they are about. */
  readonly notes: readonly { readonly about: string; readonly text: string }[];
  readonly signals: readonly SignalView[];
}

export interface TimelineStageView {
  /** The stage's anchor on the page. */
  readonly id: string;
  readonly title: string;
  /** Which sessions, and why the stage ends where it does (a review point and its reasons). */
  readonly summary: string;
  readonly entries: readonly TimelineEntryView[];
}

export interface TimelineChartView {
  readonly id: string;
  readonly heading: string;
  readonly scene: ChartScene;
  readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly note: string | null;
}

export interface TimelineView {
  readonly viewer: TherapistViewer;
  readonly head: EpisodeHeadView;
  /** How stages and review points are set, in plain words. */
  readonly rules: string;
  readonly reportHref: string;
  readonly charts: readonly TimelineChartView[];
  /** The goals the charts number, in the client's words. */
  readonly goals: readonly { readonly label: string; readonly text: string }[];
  readonly stages: readonly TimelineStageView[];
  readonly signalsNote: string | null;
}

const ChartBlock: FC<{ readonly c: TimelineChartView }> = ({ c }) => (
  <figure class="timeline-chart" aria-labelledby={`${c.id}-caption`}>
    <figcaption id={`${c.id}-caption`}>
      <h3>{c.heading}</h3>
    </figcaption>
    <ChartSvg id={c.id} scene={c.scene} />
    {c.note ? <p class="muted">{c.note}</p> : null}
    <details>
      <summary>{c.heading}: the numbers as a table</summary>
      <table>
        <caption class="visually-hidden">{c.scene.title}</caption>
        <thead>
          <tr>{c.table.head.map((h, i) => (i === 0 ? <td></td> : <th scope="col">{h}</th>))}</tr>
        </thead>
        <tbody>
          {c.table.rows.map((row) => (
            <tr>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </details>
  </figure>
);

const Entry: FC<{ readonly e: TimelineEntryView }> = ({ e }) => (
  <li class="timeline-entry">
    <p class="timeline-day">
      <strong>{e.day}</strong> · {e.heading}
    </p>
    {e.facts.length > 0 ? (
      <ul>
        {e.facts.map((f) => (
          <li>{f}</li>
        ))}
      </ul>
    ) : null}
    {e.notes.map((n) => (
      <blockquote class="client-note">
        <p>{n.text}</p>
        <footer class="muted">The client’s note on {n.about}, shared with you.</footer>
      </blockquote>
    ))}
    {e.signals.length > 0 ? <SignalList signals={e.signals} /> : null}
  </li>
);

/** An episode through its stages, with its charts drawn on the server and a PDF to take away. */
export function timelinePage(v: TimelineView): string {
  const code = v.head.client.code;
  return renderDocument(
    <Layout title={`Timeline · ${code}`} viewer={v.viewer}>
      <p class="crumbs">
        <a href="/clients">Clients</a> › <a href={`/clients/${v.head.client.id}`}>{code}</a>
      </p>
      <h1>Timeline of the episode with {code}</h1>
      <p class="record-links">
        <a href={`/episodes/${v.head.episodeId}/sessions`}>Sessions and your notes</a> ·{' '}
        <a href={`/episodes/${v.head.episodeId}/boundaries`}>Boundary log</a> ·{' '}
        <a href={v.reportHref} download>
          Download the report (PDF, client code only)
        </a>
      </p>
      <nav aria-label="Stages of the episode">
        <ol class="timeline-stages">
          {v.stages.map((s) => (
            <li>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <p class="muted">{v.rules}</p>
      <section aria-labelledby="charts">
        <h2 id="charts">Charts</h2>
        {v.charts.length === 0 ? <p>No measures or goal ratings in this episode yet.</p> : null}
        {v.charts.map((c) => (
          <ChartBlock c={c} />
        ))}
        {v.goals.length > 0 ? (
          <dl class="goal-names">
            {v.goals.map((g) => (
              <>
                <dt>{g.label}</dt>
                <dd>{g.text}</dd>
              </>
            ))}
          </dl>
        ) : null}
        {v.signalsNote ? <p class="muted">{v.signalsNote}</p> : null}
      </section>
      {v.stages.map((s) => (
        <section aria-labelledby={s.id} class="timeline-stage">
          <h2 id={s.id}>{s.title}</h2>
          <p>{s.summary}</p>
          {s.entries.length > 0 ? (
            <ol class="timeline plain">
              {s.entries.map((e) => (
                <Entry e={e} />
              ))}
            </ol>
          ) : null}
        </section>
      ))}
    </Layout>,
  );
}
