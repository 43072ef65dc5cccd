import { AUDIENCE_LABELS, SETTING_LABELS, clientWording, type ContractVersion } from '@rapport/core';
import { openPdf } from '../pdf/document.js';

/** The contract version as a tagged PDF, with its signatures and the hash of the agreed text. */
export function renderContractPdf(
  version: ContractVersion,
  meta: { readonly practiceName: string; readonly clientCode: string },
): Promise<Buffer> {
  const { doc, done } = openPdf({
    title: `Counselling agreement, version ${String(version.version)}`,
    author: meta.practiceName,
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
