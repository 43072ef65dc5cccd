import { describe, expect, it } from 'vitest';
import { ChartSvg, chartScene, type ChartPt, type ChartSpec } from '@rapport/web';
import { openPdf } from '../pdf/document.js';
import { pdfText } from '../testing/pdf-text.js';
import { drawChartScene, placeOnPage, type PdfCanvas } from './pdf-chart.js';

const spec: ChartSpec = {
  title: 'PHQ-9 by session',
  description: 'Four sessions with the range expected, a rupture and a repair.',
  min: 0,
  max: 27,
  slots: ['2 Mar', '9 Mar', '16 Mar', '23 Mar'],
  series: [
    {
      name: 'PHQ-9',
      colour: '#1d5c8c',
      shape: 'circle',
      points: [19, 16, 14, 9].map((value, slot) => ({ slot, value })),
    },
    { name: 'Goal 1', colour: '#8a4a00', shape: 'square', points: [{ slot: 1, value: 6 }] },
  ],
  band: [0, 1, 2, 3].map((slot) => ({ slot, expected: 19 - 2 * slot, low: 15 - 2 * slot, high: 23 - 2 * slot })),
  marks: [
    { slot: 1, value: 16, kind: 'rupture' },
    { slot: 2, value: 14, kind: 'repair' },
    { slot: 3, value: 9, kind: 'ring' },
  ],
};

/** A canvas that records each shape as the points it was drawn through, and each text with its place. */
class Recorder implements PdfCanvas {
  readonly shapes: { kind: 'path' | 'circle'; points: ChartPt[]; closed: boolean; r?: number }[] = [];
  readonly texts: { text: string; x: number; y: number }[] = [];
  #current: ChartPt[] = [];
  save(): void {}
  restore(): void {}
  moveTo(x: number, y: number): void {
    this.#current = [{ x, y }];
  }
  lineTo(x: number, y: number): void {
    this.#current.push({ x, y });
  }
  closePath(): void {
    this.shapes.push({ kind: 'path', points: this.#current, closed: true });
    this.#current = [];
  }
  circle(x: number, y: number, r: number): void {
    this.shapes.push({ kind: 'circle', points: [{ x, y }], closed: true, r });
  }
  lineWidth(): void {}
  dash(): void {}
  undash(): void {}
  strokeColor(): void {}
  fillColor(): void {}
  fillOpacity(): void {}
  stroke(): void {
    if (this.#current.length > 0) this.shapes.push({ kind: 'path', points: this.#current, closed: false });
    this.#current = [];
  }
  fill(): void {}
  font(): void {}
  fontSize(): void {}
  widthOfString(text: string): number {
    return text.length * 5;
  }
  text(text: string, x: number, y: number): void {
    this.texts.push({ text, x, y });
  }
}

const near = (a: readonly ChartPt[], b: readonly ChartPt[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => Math.abs(p.x - (b[i]?.x ?? NaN)) < 1e-9 && Math.abs(p.y - (b[i]?.y ?? NaN)) < 1e-9);

describe('the PDF chart renderer', () => {
  it('draws the same primitives as the SVG renderer, every point placed by the same scene, scaled to the box', async () => {
    const scene = chartScene(spec);
    const box = { x: 56, y: 100, width: 480 };
    const { at, scale } = placeOnPage(scene, box);
    const doc = new Recorder();
    const height = drawChartScene(doc, scene, box);
    expect(height).toBeCloseTo(scene.height * scale);

    // What the SVG shows, read back from its markup.
    const svg = String(await (<ChartSvg id="c" scene={scene} />));
    const svgPoints = (attr: string): ChartPt[] =>
      attr.split(' ').map((pair) => {
        const [x, y] = pair.split(',').map(Number);
        return { x: x ?? NaN, y: y ?? NaN };
      });
    const polygons = [...svg.matchAll(/<polygon [^>]*points="([^"]+)"/g)].map((m) => svgPoints(m[1] ?? ''));
    const polylines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) => svgPoints(m[1] ?? ''));
    const lines = [...svg.matchAll(/<line [^>]*x1="([^"]+)" y1="([^"]+)" x2="([^"]+)" y2="([^"]+)"/g)].map((m) =>
      svgPoints(`${m[1] ?? ''},${m[2] ?? ''} ${m[3] ?? ''},${m[4] ?? ''}`),
    );
    const circles = [...svg.matchAll(/<circle [^>]*cx="([^"]+)" cy="([^"]+)" r="([^"]+)"/g)].map((m) => ({
      centre: { x: Number(m[1]), y: Number(m[2]) },
      r: Number(m[3]),
    }));
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');

    const closed = doc.shapes.filter((s) => s.kind === 'path' && s.closed).map((s) => s.points);
    const open = doc.shapes.filter((s) => s.kind === 'path' && !s.closed).map((s) => s.points);
    expect(closed).toHaveLength(polygons.length);
    polygons.forEach((p, i) => {
      expect(near(closed[i] ?? [], p.map(at))).toBe(true);
    });
    // Lines and polylines are both open paths, in the scene's order.
    expect(open).toHaveLength(lines.length + polylines.length);
    for (const p of [...lines, ...polylines]) expect(open.some((o) => near(o, p.map(at)))).toBe(true);
    const drawnCircles = doc.shapes.filter((s) => s.kind === 'circle');
    expect(drawnCircles.map((c) => ({ centre: c.points[0], r: c.r }))).toEqual(
      circles.map((c) => ({ centre: at(c.centre), r: c.r * scale })),
    );
    expect(doc.texts.map((t) => t.text)).toEqual(texts);
    // A tick label is anchored at its end: it finishes where the SVG's does.
    const zero = scene.primitives.find((p) => p.kind === 'text' && p.part === 'tick');
    const drawn = doc.texts[0];
    if (zero?.kind !== 'text' || !drawn) throw new Error('no tick');
    expect(drawn.x + drawn.text.length * 5).toBeCloseTo(at(zero.at).x);
    expect(drawn.y).toBeCloseTo(at(zero.at).y);
  });

  it('draws into a real pdfkit document, whose text is the chart’s labels', async () => {
    const { doc, done } = openPdf({ title: 't', author: 'a' });
    drawChartScene(doc, chartScene(spec), { x: 56, y: 56, width: 480 });
    doc.end();
    const text = await pdfText(new Uint8Array(await done).buffer);
    for (const label of ['27', '2 Mar', '23 Mar', 'PHQ-9', 'Goal 1', 'Expected range', 'Rupture', 'Repair']) {
      expect(text).toContain(label);
    }
  });
});
