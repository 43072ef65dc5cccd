import type { ChartPrimitive, ChartPt, ChartScene } from '@rapport/web';

/**
 * The drawing calls a chart needs. pdfkit's document has them all; naming only these keeps
 * the renderer testable with a recorder and independent of the rest of pdfkit.
 */
export interface PdfCanvas {
  save(): unknown;
  restore(): unknown;
  moveTo(x: number, y: number): unknown;
  lineTo(x: number, y: number): unknown;
  closePath(): unknown;
  circle(x: number, y: number, radius: number): unknown;
  lineWidth(w: number): unknown;
  dash(length: number, options: { space: number }): unknown;
  undash(): unknown;
  strokeColor(colour: string): unknown;
  fillColor(colour: string): unknown;
  fillOpacity(opacity: number): unknown;
  stroke(): unknown;
  fill(): unknown;
  font(name: string): unknown;
  fontSize(size: number): unknown;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: { lineBreak: false; baseline: 'alphabetic' }): unknown;
}

/** Where a scene goes on the page: its top-left corner and its width (the height follows). */
export interface PdfBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** The scene's scale in a box, and a point of the scene placed on the page. */
export function placeOnPage(scene: ChartScene, box: PdfBox): { scale: number; at: (p: ChartPt) => ChartPt } {
  const scale = box.width / scene.width;
  return { scale, at: (p) => ({ x: box.x + p.x * scale, y: box.y + p.y * scale }) };
}

function path(doc: PdfCanvas, list: readonly ChartPt[], at: (p: ChartPt) => ChartPt, closed: boolean): void {
  list.forEach((p, i) => {
    const q = at(p);
    if (i === 0) doc.moveTo(q.x, q.y);
    else doc.lineTo(q.x, q.y);
  });
  if (closed) doc.closePath();
}

function draw(doc: PdfCanvas, p: ChartPrimitive, at: (q: ChartPt) => ChartPt, scale: number, font: string): void {
  doc.save();
  switch (p.kind) {
    case 'line':
    case 'polyline': {
      path(doc, p.kind === 'line' ? [p.from, p.to] : p.points, at, false);
      doc.lineWidth(p.width * scale);
      if (p.dash) doc.dash(p.dash[0] * scale, { space: p.dash[1] * scale });
      else doc.undash();
      doc.strokeColor(p.stroke);
      doc.stroke();
      break;
    }
    case 'polygon':
      path(doc, p.points, at, true);
      doc.fillColor(p.fill);
      doc.fillOpacity(p.opacity);
      doc.fill();
      break;
    case 'circle': {
      const c = at(p.centre);
      if (p.fill) {
        doc.circle(c.x, c.y, p.r * scale);
        doc.fillColor(p.fill);
        doc.fill();
      }
      if (p.stroke) {
        doc.circle(c.x, c.y, p.r * scale);
        doc.lineWidth(p.width * scale);
        doc.undash();
        doc.strokeColor(p.stroke);
        doc.stroke();
      }
      break;
    }
    case 'text': {
      const q = at(p.at);
      doc.font(font);
      doc.fontSize(p.size * scale);
      const w = doc.widthOfString(p.text);
      const x = p.anchor === 'start' ? q.x : p.anchor === 'middle' ? q.x - w / 2 : q.x - w;
      doc.fillColor(p.fill);
      doc.text(p.text, x, q.y, { lineBreak: false, baseline: 'alphabetic' });
      break;
    }
  }
  doc.restore();
}

/**
 * Draws a chart scene into a PDF, primitive by primitive, exactly as the SVG renderer does:
 * the same coordinates, scaled to the box. Returns the height drawn.
 */
export function drawChartScene(doc: PdfCanvas, scene: ChartScene, box: PdfBox, font = 'body'): number {
  const { scale, at } = placeOnPage(scene, box);
  for (const p of scene.primitives) draw(doc, p, at, scale, font);
  return scene.height * scale;
}
