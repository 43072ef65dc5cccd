import type { AnswerValue } from '@rapport/core';
import { openPdf } from '../pdf/document.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentSignal } from '../measures/present-signals.js';
import { dayText } from '../timeline/words.js';
import type { ClientExport } from './export.js';

type Doc = PDFKit.PDFDocument;

const MUTED = '#4a5058';
const BLACK = '#000000';

const width = (doc: Doc): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function heading(doc: Doc, text: string, size = 13): void {
  if (doc.y + size * 3 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.x = doc.page.margins.left;
  doc
    .moveDown(0.4)
    .font('bold')
    .fontSize(size)
    .fillColor(BLACK)
    .text(text, { width: width(doc) });
  doc.moveDown(0.2);
}

function line(doc: Doc, text: string, muted = false): void {
  doc.x = doc.page.margins.left;
  doc
    .font('body')
    .fontSize(10)
    .fillColor(muted ? MUTED : BLACK)
    .text(text, { width: width(doc), paragraphGap: 2 });
  doc.fillColor(BLACK);
}

const day = (iso: string): string => dayText(iso.slice(0, 10));

const answerText = (a: AnswerValue): string => {
  switch (a.kind) {
    case 'text':
      return `“${a.value}”`;
    case 'option':
      return a.code;
    case 'number':
      return String(a.value);
    case 'boolean':
      return a.value ? 'yes' : 'no';
  }
};

/**
 * The client's export as a readable document: the same sections as the JSON, in plain words, for
 * the client to keep. It names the client (it is theirs), unlike the reports, which use codes only.
 */
export async function renderClientExportPdf(x: ClientExport, library: InstrumentLibrary): Promise<Buffer> {
  const title = `What ${x.practice.name} holds about ${x.client.code}`;
  const { doc, done } = openPdf({ title, author: x.practice.name });
  const name = (id: string): string => library.get(id)?.definition.shortTitle ?? id;
  doc.font('bold').fontSize(18).text(title);
  line(doc, `Made on ${day(x.exportedAt)} by ${x.exportedBy.name}.`, true);
  line(doc, x.about, true);

  heading(doc, 'Details');
  line(doc, `Code: ${x.client.code}`);
  line(doc, `Name: ${x.client.displayName ?? 'not recorded'}`);
  line(doc, `Email address: ${x.client.email ?? 'not recorded'}`);
  line(doc, `First recorded: ${day(x.client.createdAt)}`);
  if (x.client.privateNotesNotIncluded > 0) {
    const n = x.client.privateNotesNotIncluded;
    line(
      doc,
      `Notes kept private by the client, not included: ${String(n)}. Only the client reads them, in their home.`,
    );
  }

  for (const e of x.episodes) {
    heading(
      doc,
      e.closedAt === null
        ? `Episode from ${day(e.openedAt)} (open)`
        : `Episode ${day(e.openedAt)} to ${day(e.closedAt)}`,
    );
    for (const c of e.contracts) {
      const agreed = c.agreements.map((a) => `${a.signedName} (${a.role}) on ${day(a.agreedAt)}`).join('; ');
      line(doc, `Contract version ${String(c.version)}, offered ${day(c.createdAt)}: ${agreed || 'not agreed'}.`);
      for (const q of c.questions) line(doc, `Question asked on ${day(q.askedAt)}: “${q.text}”`);
    }
    line(doc, `Sessions recorded: ${String(e.sessions.length)}.`);
    for (const s of e.sessions) line(doc, `${dayText(s.heldOn)}: ${s.modality}, ${s.attendance}`, true);
    for (const g of e.goals) {
      const words = g.wordings.at(-1)?.text ?? '';
      const ratings = g.ratings.map((r) => String(r.rating)).join(', ');
      line(doc, `Goal (${g.status}): “${words}”${ratings ? `; ratings ${ratings}` : ''}.`);
    }
    for (const n of e.progressNotes) line(doc, `Note shared on ${day(n.writtenAt)}: “${n.text}”`);
    for (const b of e.boundaryEvents) line(doc, `Boundary log, ${dayText(b.occurredOn)} (${b.kind}): ${b.description}`);
    if (e.ending?.kind) line(doc, `Ended ${e.ending.endedOn ? dayText(e.ending.endedOn) : ''} (${e.ending.kind}).`);
  }

  heading(doc, 'Measures');
  if (x.measures.length === 0) line(doc, 'None.');
  for (const m of x.measures) {
    const total = m.total === null ? '' : `, total ${String(Math.round(m.total * 10) / 10)}`;
    line(doc, `${day(m.savedAt)}: ${name(m.instrumentId)} (${m.status}${total})`);
    const words = Object.entries(m.answers).filter(([, a]) => a.kind === 'text');
    for (const [item, a] of words) line(doc, `${item}: ${answerText(a)}`, true);
  }
  if (x.comments.length > 0) heading(doc, 'Comments');
  for (const c of x.comments) line(doc, `${day(c.writtenAt)}: “${c.text}”`);

  heading(doc, 'Signals');
  if (x.signals.length === 0) line(doc, 'None.');
  for (const s of x.signals) line(doc, presentSignal(s, library).title);

  heading(doc, 'The therapist’s own record');
  line(doc, x.therapistRecord.note, true);
  for (const n of x.therapistRecord.sessionNotes) line(doc, `Session note (${day(n.createdAt)}): ${n.text}`);
  for (const j of x.therapistRecord.journalEntries) line(doc, `Journal (${day(j.writtenAt)}): ${j.text}`);
  for (const q of x.therapistRecord.supervisionQuestions) line(doc, `Supervision (${day(q.createdAt)}): ${q.question}`);
  if (x.therapistRecord.notesByOthersNotIncluded > 0) {
    line(
      doc,
      `Notes by other practitioners, not included here: ${String(x.therapistRecord.notesByOthersNotIncluded)}.`,
    );
  }
  doc.end();
  return done;
}
