/** A column of a PDF table: its heading and width in points. */
export interface PdfColumn {
  readonly title: string;
  readonly width: number;
}

const PAD = 3;
const SIZE = 8.5;

/**
 * A plain table in a PDF: a bold header row (repeated on each new page), wrapped cells,
 * and a rule under each row. pdfkit has no table of its own in the version we pin.
 */
export function pdfTable(
  doc: PDFKit.PDFDocument,
  columns: readonly PdfColumn[],
  rows: readonly (readonly string[])[],
): void {
  const left = doc.page.margins.left;
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const total = columns.reduce((w, c) => w + c.width, 0);
  const rowHeight = (cells: readonly string[], font: string): number => {
    doc.font(font).fontSize(SIZE);
    return (
      Math.max(...columns.map((c, i) => doc.heightOfString(cells[i] ?? '', { width: c.width - 2 * PAD }))) + 2 * PAD
    );
  };
  const draw = (cells: readonly string[], font: string): void => {
    const h = rowHeight(cells, font);
    const top = doc.y;
    let x = left;
    doc.font(font).fontSize(SIZE).fillColor('#000000');
    columns.forEach((c, i) => {
      doc.text(cells[i] ?? '', x + PAD, top + PAD, { width: c.width - 2 * PAD });
      x += c.width;
    });
    doc
      .save()
      .moveTo(left, top + h)
      .lineTo(left + total, top + h)
      .lineWidth(0.5)
      .strokeColor('#9aa0a6')
      .stroke()
      .restore();
    doc.x = left;
    doc.y = top + h;
  };
  const header = columns.map((c) => c.title);
  draw(header, 'bold');
  for (const row of rows) {
    if (doc.y + rowHeight(row, 'body') > bottom()) {
      doc.addPage();
      draw(header, 'bold');
    }
    draw(row, 'body');
  }
  doc.moveDown(0.5);
}
