import type { FC } from 'hono/jsx';

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

const fmtDate = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * A line chart drawn on the server as SVG: no script, readable by screen
 * readers through its title and description, and the same markup can go into
 * a PDF. Points are spaced by session order, not by date, because the
 * question a therapist asks is "how did it go session by session".
 */
export const LineChart: FC<LineChartProps> = ({
  id,
  title,
  description,
  points,
  min,
  max,
  band = [],
  width = 640,
  height = 240,
  marks = [],
}) => {
  const pad = { left: 36, right: 16, top: 16, bottom: 36 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const x = (i: number): number => pad.left + (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
  const y = (v: number): number => pad.top + h - ((v - min) / (max - min)) * h;
  const ticks = [min, (min + max) / 2, max];
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  // The band is clamped to the scale: an edge beyond the measure's range is drawn at its end.
  const at = (i: number, v: number): string => `${x(i).toFixed(1)},${y(Math.min(max, Math.max(min, v))).toFixed(1)}`;
  const shaded = [...band.map((b) => at(b.index, b.high)), ...[...band].reverse().map((b) => at(b.index, b.low))];
  const expected = band.map((b, i) => `${i === 0 ? 'M' : 'L'}${at(b.index, b.expected)}`).join(' ');
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((t) => (
        <g>
          <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#d0d4d9" stroke-width="1" />
          <text x={pad.left - 8} y={y(t) + 4} text-anchor="end" font-size="12" fill="#4a5058">
            {String(t)}
          </text>
        </g>
      ))}
      {band.length > 1 ? (
        <g class="chart-band">
          <polygon points={shaded.join(' ')} fill="#e0ac2b" fill-opacity="0.18" stroke="none" />
          <path d={expected} fill="none" stroke="#8a6a12" stroke-width="1.5" stroke-dasharray="5 4" />
        </g>
      ) : null}
      {points.length > 1 ? <path d={path} fill="none" stroke="#1d5c8c" stroke-width="2.5" /> : null}
      {points.map((p, i) => (
        <g>
          <circle cx={x(i)} cy={y(p.value)} r="4.5" fill="#1d5c8c" />
          {marks.includes(i) ? (
            <circle cx={x(i)} cy={y(p.value)} r="10" fill="none" stroke="#134468" stroke-width="2.5" />
          ) : null}
          <text x={x(i)} y={height - 12} text-anchor="middle" font-size="11" fill="#4a5058">
            {fmtDate(p.at)}
          </text>
        </g>
      ))}
    </svg>
  );
};
