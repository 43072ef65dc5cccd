import type { FC } from 'hono/jsx';

export interface ChartPoint {
  /** ISO date-time of the measurement. */
  readonly at: string;
  readonly value: number;
}

export interface LineChartProps {
  /** Unique on the page: the title and description ids derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly points: readonly ChartPoint[];
  readonly min: number;
  readonly max: number;
  readonly width?: number;
  readonly height?: number;
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
  width = 640,
  height = 240,
}) => {
  const pad = { left: 36, right: 16, top: 16, bottom: 36 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const x = (i: number): number => pad.left + (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
  const y = (v: number): number => pad.top + h - ((v - min) / (max - min)) * h;
  const ticks = [min, (min + max) / 2, max];
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
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
      {points.length > 1 ? <path d={path} fill="none" stroke="#1d5c8c" stroke-width="2.5" /> : null}
      {points.map((p, i) => (
        <g>
          <circle cx={x(i)} cy={y(p.value)} r="4.5" fill="#1d5c8c" />
          <text x={x(i)} y={height - 12} text-anchor="middle" font-size="11" fill="#4a5058">
            {fmtDate(p.at)}
          </text>
        </g>
      ))}
    </svg>
  );
};
