import { BOUNDARY_KIND_LABELS, type ClientSignal, type TimelineEntry } from '@rapport/core';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentSignal } from '../measures/present-signals.js';
import { openPdf } from '../pdf/document.js';
import type { EpisodeStory } from '../timeline/load.js';
import { dayText, entryHeading, stageSummary, stageTitle, totalText } from '../timeline/words.js';
import { drawChartScene } from './pdf-chart.js';
import { pdfTable, type PdfColumn } from './pdf-table.js';

/**
 * Reports to take away (to supervision, say): one episode, or the open caseload. Clients are
 * named by code only, everywhere, and the first page says so. What never goes in: names,
 * session notes, boundary descriptions, and any words of the client's (goal wordings and notes,
 * shared or private). The story they are drawn from does not even load notes or descriptions.
 */

type Doc = PDFKit.PDFDocument;

export interface ReportMeta {
  readonly practiceName: string;
  /** Today, `YYYY-MM-DD`. */
  readonly today: string;
}

const MUTED = '#4a5058';
const BLACK = '#000000';

export const CODES_ONLY_NOTICE =
  'Client codes only. This report names each client by their code and by nothing else. It leaves out names, your session notes, what you wrote in the boundary log, and the client’s own words: their goals (numbered here instead) and their notes, shared with you or kept private.';

const bottom = (doc: Doc): number => doc.page.height - doc.page.margins.bottom;
const contentWidth = (doc: Doc): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const ensure = (doc: Doc, height: number): void => {
  if (doc.y + height > bottom(doc)) doc.addPage();
};

function heading(doc: Doc, text: string, size: number): void {
  ensure(doc, size * 3);
  doc.x = doc.page.margins.left;
  doc.font('bold').fontSize(size).fillColor(BLACK).text(text);
  doc.moveDown(0.3);
}

function para(doc: Doc, text: string, opts: { readonly muted?: boolean; readonly size?: number } = {}): void {
  doc.x = doc.page.margins.left;
  doc
    .font('body')
    .fontSize(opts.size ?? 10)
    .fillColor(opts.muted ? MUTED : BLACK)
    .text(text, { width: contentWidth(doc), paragraphGap: 3 });
  doc.fillColor(BLACK);
}

function notice(doc: Doc): void {
  doc.moveDown(0.5);
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font('body').fontSize(10);
  const h = doc.heightOfString(CODES_ONLY_NOTICE, { width: width - 20 }) + 16;
  const top = doc.y;
  doc.save().rect(x, top, width, h).lineWidth(1).strokeColor('#1d5c8c').stroke().restore();
  doc.fillColor(BLACK).text(CODES_ONLY_NOTICE, x + 10, top + 8, { width: width - 20 });
  doc.x = x;
  doc.y = top + h + 12;
}

const episodeDates = (s: EpisodeStory): string =>
  s.episode.closedAt === null
    ? `Open since ${dayText(s.episode.openedAt.slice(0, 10))}`
    : `From ${dayText(s.episode.openedAt.slice(0, 10))} to ${dayText(s.episode.closedAt.slice(0, 10))}`;

function charts(doc: Doc, story: EpisodeStory): void {
  if (story.charts.length === 0) return;
  heading(doc, 'Charts', 13);
  const width = contentWidth(doc);
  for (const c of story.charts) {
    const height = (c.scene.height * width) / c.scene.width;
    ensure(doc, height + 60);
    doc.font('bold').fontSize(11).text(c.scene.title);
    const top = doc.y + 2;
    const x = doc.page.margins.left;
    doc.addStructure(
      doc.struct('Figure', { alt: `${c.scene.title}. ${c.scene.description}` }, () => {
        drawChartScene(doc, c.scene, { x, y: top, width });
      }),
    );
    doc.x = x;
    doc.y = top + height + 4;
    para(doc, c.scene.description, { muted: true, size: 8.5 });
    if (c.note) para(doc, c.note, { muted: true, size: 8.5 });
    doc.moveDown(0.6);
  }
}

function signals(doc: Doc, story: EpisodeStory, library: InstrumentLibrary): void {
  heading(doc, 'Signals', 13);
  if (story.signalsNote) para(doc, story.signalsNote, { muted: true });
  else if (story.signals.length === 0) para(doc, 'No signals from this client’s measures.');
  for (const s of story.signals) {
    const v = presentSignal(s, library);
    ensure(doc, 60);
    doc.x = doc.page.margins.left;
    doc
      .font('bold')
      .fontSize(10)
      .text(v.title, { width: contentWidth(doc) });
    for (const d of v.details) para(doc, d);
    para(doc, `The rule: ${v.why}`, { muted: true, size: 8.5 });
    doc.moveDown(0.4);
  }
}

const SESSION_COLUMNS: readonly PdfColumn[] = [
  { title: 'Date', width: 70 },
  { title: 'Session', width: 175 },
  { title: 'Measures that day', width: 130 },
  { title: 'Signals raised', width: 108 },
];

function sessionRows(story: EpisodeStory, library: InstrumentLibrary): string[][] {
  const name = (id: string): string => library.get(id)?.definition.shortTitle ?? id;
  const entries: TimelineEntry<ClientSignal>[] = story.timeline.stages.flatMap((s) => [...s.entries]);
  return entries
    .filter((e) => e.sessions.length > 0 || e.measures.length > 0 || e.signals.length > 0)
    .map((e) => [
      dayText(e.day),
      entryHeading(e),
      e.measures.map((m) => `${name(m.instrumentId)} ${m.total === null ? '—' : totalText(m.total)}`).join('; ') || '—',
      e.signals.map((s) => presentSignal(s, library).title).join('; ') || '—',
    ]);
}

/** One episode: its stages, charts, signals with their reasons, and every session. */
function episodeSection(doc: Doc, story: EpisodeStory, library: InstrumentLibrary): void {
  heading(doc, 'Stages', 13);
  for (const stage of story.timeline.stages) {
    ensure(doc, 40);
    doc.x = doc.page.margins.left;
    doc.font('bold').fontSize(10).text(stageTitle(stage));
    para(doc, stageSummary(stage));
  }
  doc.moveDown(0.5);
  charts(doc, story);
  signals(doc, story, library);
  heading(doc, 'Sessions', 13);
  const rows = sessionRows(story, library);
  if (rows.length === 0) para(doc, 'No sessions recorded yet.');
  else pdfTable(doc, SESSION_COLUMNS, rows);
  const boundaries = story.timeline.stages.flatMap((s) => s.entries.flatMap((e) => e.boundaries));
  if (boundaries.length > 0) {
    heading(doc, 'Boundary log', 13);
    para(doc, 'The kind and day of each event only; what happened stays in the boundary log.', { muted: true });
    for (const b of boundaries) para(doc, `${dayText(b.occurredOn)}: ${BOUNDARY_KIND_LABELS[b.kind]}`);
  }
}

function title(doc: Doc, text: string, sub: string): void {
  doc.font('bold').fontSize(18).fillColor(BLACK).text(text);
  doc.moveDown(0.2);
  doc.font('body').fontSize(10).fillColor(MUTED).text(sub);
  doc.fillColor(BLACK);
  notice(doc);
}

/** One episode's report, client code only. */
export function renderEpisodeReport(
  story: EpisodeStory,
  library: InstrumentLibrary,
  meta: ReportMeta,
): Promise<Buffer> {
  const { doc, done } = openPdf({ title: `Episode report: client ${story.client.code}`, author: meta.practiceName });
  title(
    doc,
    `Episode report: client ${story.client.code}`,
    `${meta.practiceName} · ${episodeDates(story)} · ${String(story.timeline.attendedSessions)} sessions attended · made on ${dayText(meta.today)}`,
  );
  episodeSection(doc, story, library);
  doc.end();
  return done;
}

/** What stage an episode is in now: the latest stage that holds anything, before its ending. */
const stageNow = (s: EpisodeStory): string => {
  const current = [...s.timeline.stages].reverse().find((x) => x.entries.length > 0 && x.kind !== 'follow-up');
  return current ? stageTitle(current) : 'Contracting';
};

/** The open caseload: a summary table, then each episode from a new page. */
export function renderCaseloadReport(
  stories: readonly EpisodeStory[],
  library: InstrumentLibrary,
  meta: ReportMeta,
): Promise<Buffer> {
  const { doc, done } = openPdf({ title: 'Caseload report', author: meta.practiceName });
  title(
    doc,
    'Caseload report',
    `${meta.practiceName} · ${String(stories.length)} open episodes · made on ${dayText(meta.today)}`,
  );
  if (stories.length === 0) para(doc, 'No open episodes.');
  else {
    pdfTable(
      doc,
      [
        { title: 'Client', width: 70 },
        { title: 'Open since', width: 80 },
        { title: 'Sessions', width: 55 },
        { title: 'Stage now', width: 138 },
        { title: 'Signals', width: 140 },
      ],
      stories.map((s) => [
        s.client.code,
        dayText(s.episode.openedAt.slice(0, 10)),
        String(s.timeline.attendedSessions),
        stageNow(s),
        s.signals.map((x) => presentSignal(x, library).title).join('; ') || 'None',
      ]),
    );
  }
  for (const s of stories) {
    doc.addPage();
    heading(doc, `Client ${s.client.code}`, 16);
    para(doc, `${episodeDates(s)} · ${String(s.timeline.attendedSessions)} sessions attended`, { muted: true });
    doc.moveDown(0.4);
    episodeSection(doc, s, library);
  }
  doc.end();
  return done;
}
