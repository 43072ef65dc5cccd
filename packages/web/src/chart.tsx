import type { FC } from 'hono/jsx';
import { chartScene } from './chart-model.js';
import { CHART_COLOURS, SERIES_SHAPES, type ChartPrimitive, type ChartPt, type ChartScene } from './chart-scene.js';

export interface ChartPoint {
  /** ISO date-time of the measurement. */
  readonly at: string;
  readonly value: number;
}

/** The range expected at one point of the chart (by its index among the points). */
export interface ChartBandPoint {
  readonly index: number;
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}

export interface LineChartProps {
  /** Unique on the page: the title and description ids derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly points: readonly ChartPoint[];
  readonly min: number;
  readonly max: number;
  /** An expected range to shade behind the points, with its expected line dashed; needs two points. */
  readonly band?: readonly ChartBandPoint[];
  readonly width?: number;
  readonly height?: number;
  /** Points to ring (by index), e.g. where a change became reliable; say so in the description too. */
  readonly marks?: readonly number[];
}

/** A short date for an axis: "2 Mar". */
export const chartDate = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

const points = (list: readonly ChartPt[]): string => list.map((p) => `${String(p.x)},${String(p.y)}`).join(' ');
const dash = (d: readonly [number, number] | null): string | undefined =>
  d ? `${String(d[0])} ${String(d[1])}` : undefined;

/** One primitive as SVG: presentation attributes only, never a style attribute (the CSP forbids inline style). */
function Primitive({ p }: { readonly p: ChartPrimitive }) {
  const cls = `chart-${p.part}`;
  switch (p.kind) {
    case 'line':
      return (
        <line
          class={cls}
          x1={p.from.x}
          y1={p.from.y}
          x2={p.to.x}
          y2={p.to.y}
          stroke={p.stroke}
          stroke-width={p.width}
          stroke-dasharray={dash(p.dash)}
        />
      );
    case 'polyline':
      return (
        <polyline
          class={cls}
          points={points(p.points)}
          fill="none"
          stroke={p.stroke}
          stroke-width={p.width}
          stroke-dasharray={dash(p.dash)}
        />
      );
    case 'polygon':
      return <polygon class={cls} points={points(p.points)} fill={p.fill} fill-opacity={p.opacity} stroke="none" />;
    case 'circle':
      return (
        <circle
          class={cls}
          cx={p.centre.x}
          cy={p.centre.y}
          r={p.r}
          fill={p.fill ?? 'none'}
          stroke={p.stroke ?? undefined}
          stroke-width={p.stroke ? p.width : undefined}
        />
      );
    case 'text':
      return (
        <text class={cls} x={p.at.x} y={p.at.y} text-anchor={p.anchor} font-size={p.size} fill={p.fill}>
          {p.text}
        </text>
      );
  }
}

/**
 * A chart drawn on the server as SVG from its laid-out scene (`chart-model.ts`): no script,
 * read by screen readers through its title and description; the PDF renderer draws the same scene.
 */
export const ChartSvg: FC<{ readonly id: string; readonly scene: ChartScene }> = ({ id, scene }) => (
  <svg
    class="chart"
    viewBox={`0 0 ${String(scene.width)} ${String(scene.height)}`}
    role="img"
    aria-labelledby={`${id}-title ${id}-desc`}
    xmlns="http://www.w3.org/2000/svg"
  >
    <title id={`${id}-title`}>{scene.title}</title>
    <desc id={`${id}-desc`}>{scene.description}</desc>
    {scene.primitives.map((p) => (
      <Primitive p={p} />
    ))}
  </svg>
);

/** One measure's line chart, dated points with an optional expected range and rings. */
export const LineChart: FC<LineChartProps> = ({
  id,
  title,
  description,
  points: list,
  min,
  max,
  band = [],
  width = 640,
  height = 240,
  marks = [],
}) => {
  const scene = chartScene({
    title,
    description,
    min,
    max,
    width,
    height,
    slots: list.map((p) => chartDate(p.at)),
    series: [
      {
        name: title,
        colour: CHART_COLOURS.series[0],
        shape: SERIES_SHAPES[0] ?? 'circle',
        points: list.map((p, slot) => ({ slot, value: p.value })),
      },
    ],
    band: band.map((b) => ({ slot: b.index, expected: b.expected, low: b.low, high: b.high })),
    marks: marks.flatMap((slot) => {
      const p = list[slot];
      return p ? [{ slot, value: p.value, kind: 'ring' as const }] : [];
    }),
  });
  return <ChartSvg id={id} scene={scene} />;
};
