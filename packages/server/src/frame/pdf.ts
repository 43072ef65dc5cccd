import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { AUDIENCE_LABELS, SETTING_LABELS, clientWording, type ContractVersion } from '@rapport/core';

// The standard PDF fonts cannot show all of British English's punctuation
// (curly quotes, en dashes), so a Unicode font ships with the app.
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The contract version as a tagged PDF, with its signatures and the hash of the agreed text. */
export function renderContractPdf(
  version: ContractVersion,
  meta: { readonly practiceName: string; readonly clientCode: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `Counselling agreement, version ${String(version.version)}`, Author: meta.practiceName },
  });
  doc.registerFont('body', join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });

  const body = version.body;
  doc
    .font('bold')
    .fontSize(18)
    .text(`Counselling agreement: version ${String(version.version)}`);
  doc.moveDown(0.3);
  doc
    .font('body')
    .fontSize(10)
    .fillColor('#4a5058')
    .text(
      `${meta.practiceName} · client ${meta.clientCode} · ${body.settings.map((s) => SETTING_LABELS[s]).join(', ')} · ${AUDIENCE_LABELS[body.audience]}`,
    );
  doc.fillColor('#000000').moveDown();
  for (const s of body.sections) {
    doc.font('bold').fontSize(12).text(s.title);
    doc.moveDown(0.2);
    doc.font('body').fontSize(10.5).text(clientWording(body, s), { paragraphGap: 4 });
    doc.moveDown(0.6);
  }
  doc.moveDown();
  doc.font('bold').fontSize(12).text('Agreement');
  doc.font('body').fontSize(10.5);
  if (version.agreements.length === 0) doc.text('Not yet agreed.');
  for (const a of version.agreements) {
    doc.text(`${a.role === 'client' ? 'Client' : 'Parent or carer'}: ${a.signedName}, ${a.agreedAt}`);
  }
  doc.moveDown(0.5);
  doc.fontSize(8).fillColor('#4a5058').text(`SHA-256 of the agreed text: ${version.contentHash}`);
  doc.end();
  return done;
}
