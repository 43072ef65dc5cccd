/**
 * A chart as a list of drawing primitives with their coordinates. One function lays the chart
 * out; the SVG renderer (`chart.tsx`) and the PDF renderer (the server's `reports/pdf-chart.ts`)
 * only draw what it returns, so a chart on the page and in a report are the same picture.
 *
 * Coordinates are in the chart's own units (its width × height, y downwards, as in SVG),
 * rounded to a tenth so both renderers receive exactly the same numbers.
 */

import {
  CHART_COLOURS,
  type ChartPart,
  type ChartPrimitive,
  type ChartPt,
  type ChartScene,
  type ChartSpec,
  type PointShape,
} from './chart-scene.js';

const r1 = (n: number): number => Math.round(n * 10) / 10;
const pt = (x: number, y: number): ChartPt => ({ x: r1(x), y: r1(y) });

/** A filled marker shape centred on a point. */
function shape(kind: PointShape | 'down' | 'up', c: ChartPt, size: number): ChartPt[] {
  const s = size;
  switch (kind) {
    case 'square':
      return [pt(c.x - s, c.y - s), pt(c.x + s, c.y - s), pt(c.x + s, c.y + s), pt(c.x - s, c.y + s)];
    case 'diamond':
      return [pt(c.x, c.y - s * 1.3), pt(c.x + s * 1.3, c.y), pt(c.x, c.y + s * 1.3), pt(c.x - s * 1.3, c.y)];
    case 'down':
      return [pt(c.x - s, c.y - s), pt(c.x + s, c.y - s), pt(c.x, c.y + s)];
    case 'up':
      return [pt(c.x - s, c.y + s), pt(c.x + s, c.y + s), pt(c.x, c.y - s)];
    case 'circle':
      return [];
  }
}

function marker(kind: PointShape, centre: ChartPt, colour: string, part: ChartPart, size = 4.5): ChartPrimitive {
  return kind === 'circle'
    ? { kind: 'circle', part, centre, r: size, fill: colour, stroke: null, width: 0 }
    : { kind: 'polygon', part, points: shape(kind, centre, size * 0.85), fill: colour, opacity: 1 };
}

/** The legend's entries, laid out left to right and wrapped (widths estimated from the text), and its height. */
function legend(
  spec: ChartSpec,
  left: number,
  right: number,
): { readonly primitives: readonly ChartPrimitive[]; readonly height: number } {
  const items: { readonly swatch: (at: ChartPt) => ChartPrimitive[]; readonly text: string }[] = [
    ...spec.series.map((s) => ({
      text: s.name,
      swatch: (at: ChartPt): ChartPrimitive[] => [
        {
          kind: 'line',
          part: 'legend',
          from: pt(at.x - 8, at.y),
          to: pt(at.x + 8, at.y),
          stroke: s.colour,
          width: 2.5,
          dash: null,
        },
        marker(s.shape, at, s.colour, 'legend', 4),
      ],
    })),
    ...((spec.band?.length ?? 0) > 1
      ? [
          {
            text: 'Expected range',
            swatch: (at: ChartPt): ChartPrimitive[] => [
              {
                kind: 'polygon',
                part: 'legend',
                points: shape('square', at, 6),
                fill: CHART_COLOURS.band,
                opacity: 0.35,
              },
            ],
          },
        ]
      : []),
    ...(['rupture', 'repair'] as const)
      .filter((k) => spec.marks?.some((m) => m.kind === k))
      .map((k) => ({
        text: k === 'rupture' ? 'Rupture' : 'Repair',
        swatch: (at: ChartPt): ChartPrimitive[] => [
          {
            kind: 'polygon',
            part: 'legend',
            points: shape(k === 'rupture' ? 'down' : 'up', at, 5),
            fill: CHART_COLOURS[k],
            opacity: 1,
          },
        ],
      })),
  ];
  const out: ChartPrimitive[] = [];
  let x = left + 10;
  let y = 14;
  for (const item of items) {
    const w = 24 + item.text.length * 6.5;
    if (x + w > right && x > left + 10) {
      x = left + 10;
      y += 18;
    }
    out.push(...item.swatch(pt(x, y)));
    out.push({
      kind: 'text',
      part: 'legend',
      at: pt(x + 14, y + 4),
      text: item.text,
      size: 11,
      anchor: 'start',
      fill: CHART_COLOURS.text,
    });
    x += w + 12;
  }
  return { primitives: out, height: y + 10 };
}

/** Whether a chart needs a legend: asked for, or more than one line, or rupture and repair marks to name. */
const needsLegend = (spec: ChartSpec): boolean =>
  spec.legend ?? (spec.series.length > 1 || (spec.marks ?? []).some((m) => m.kind !== 'ring'));

/**
 * Lays a chart out. Positions are spaced by order, not by date, because the question a
 * therapist asks is "how did it go session by session"; values outside [min, max] are drawn
 * at the nearer end.
 */
export function chartScene(spec: ChartSpec): ChartScene {
  const width = spec.width ?? 640;
  const height = spec.height ?? 240;
  const key = needsLegend(spec) ? legend(spec, 36, width - 28) : null;
  // Room on the right for half of the last date label, which is centred on its point.
  const pad = { left: 36, right: 28, top: 16 + (key?.height ?? 0), bottom: 36 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const n = spec.slots.length;
  const x = (i: number): number => pad.left + (n <= 1 ? w / 2 : (i * w) / (n - 1));
  const clamp = (v: number): number => Math.min(spec.max, Math.max(spec.min, v));
  const y = (v: number): number => pad.top + h - ((clamp(v) - spec.min) / (spec.max - spec.min || 1)) * h;
  const at = (slot: number, v: number): ChartPt => pt(x(slot), y(v));
  const out: ChartPrimitive[] = [];

  for (const t of [spec.min, (spec.min + spec.max) / 2, spec.max]) {
    out.push({
      kind: 'line',
      part: 'grid',
      from: pt(pad.left, y(t)),
      to: pt(width - pad.right, y(t)),
      stroke: CHART_COLOURS.grid,
      width: 1,
      dash: null,
    });
    out.push({
      kind: 'text',
      part: 'tick',
      at: pt(pad.left - 8, y(t) + 4),
      text: String(t),
      size: 12,
      anchor: 'end',
      fill: CHART_COLOURS.text,
    });
  }
  const band = spec.band ?? [];
  if (band.length > 1) {
    const edge = [...band.map((b) => at(b.slot, b.high)), ...[...band].reverse().map((b) => at(b.slot, b.low))];
    out.push({ kind: 'polygon', part: 'band', points: edge, fill: CHART_COLOURS.band, opacity: 0.18 });
    out.push({
      kind: 'polyline',
      part: 'expected',
      points: band.map((b) => at(b.slot, b.expected)),
      stroke: CHART_COLOURS.expected,
      width: 1.5,
      dash: [5, 4],
    });
  }
  for (const s of spec.series) {
    if (s.points.length > 1) {
      out.push({
        kind: 'polyline',
        part: 'line',
        points: s.points.map((p) => at(p.slot, p.value)),
        stroke: s.colour,
        width: 2.5,
        dash: null,
      });
    }
  }
  for (const s of spec.series) {
    for (const p of s.points) out.push(marker(s.shape, at(p.slot, p.value), s.colour, 'point'));
  }
  for (const m of spec.marks ?? []) {
    const c = at(m.slot, m.value);
    if (m.kind === 'ring') {
      out.push({ kind: 'circle', part: 'mark', centre: c, r: 10, fill: null, stroke: CHART_COLOURS.ring, width: 2.5 });
    } else {
      // Above the point for a rupture, below it for a repair, kept inside the plot.
      const dy = m.kind === 'rupture' ? -14 : 14;
      const place = pt(c.x, Math.min(pad.top + h, Math.max(pad.top, c.y + dy)));
      out.push({
        kind: 'polygon',
        part: 'mark',
        points: shape(m.kind === 'rupture' ? 'down' : 'up', place, 6),
        fill: CHART_COLOURS[m.kind],
        opacity: 1,
      });
    }
  }
  // Every date while they fit; beyond ten, every k-th so the labels do not run together.
  const step = Math.max(1, Math.ceil(n / 10));
  spec.slots.forEach((label, i) => {
    if (i % step === 0 || i === n - 1) {
      out.push({
        kind: 'text',
        part: 'label',
        at: pt(x(i), height - 12),
        text: label,
        size: 11,
        anchor: 'middle',
        fill: CHART_COLOURS.text,
      });
    }
  });
  if (key) out.push(...key.primitives);
  return { width, height, title: spec.title, description: spec.description, primitives: out };
}

/** The chart's numbers as a table (its text alternative): one row per position, one column per line. */
export function chartTable(spec: ChartSpec): {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
} {
  const fmt = (v: number | undefined): string => (v === undefined ? '—' : String(Math.round(v * 10) / 10));
  return {
    head: ['', ...spec.series.map((s) => s.name)],
    rows: spec.slots.map((label, i) => [
      label,
      ...spec.series.map((s) => fmt(s.points.find((p) => p.slot === i)?.value)),
    ]),
  };
}
