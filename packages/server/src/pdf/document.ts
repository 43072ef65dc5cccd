import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

// The standard PDF fonts cannot show all of British English's punctuation
// (curly quotes, en dashes), so a Unicode font ships with the app.
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * A new tagged A4 document with the embedded DejaVu fonts registered as `body` and `bold`,
 * and a promise of its bytes once `doc.end()` is called.
 */
export function openPdf(info: { readonly title: string; readonly author: string }): {
  readonly doc: PDFKit.PDFDocument;
  readonly done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: info.title, Author: info.author },
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
  return { doc, done };
}
