/**
 * The shapes of a chart: what a chart asks for (`ChartSpec`) and what it is drawn from
 * (`ChartScene`, a list of primitives with coordinates). `chart-model.ts` turns the one into
 * the other; `chart.tsx` and the server's PDF renderer draw a scene.
 */

export interface ChartPt {
  readonly x: number;
  readonly y: number;
}

/** What a primitive draws, for styling and for tests; the SVG renderer puts it in a class. */
export type ChartPart = 'grid' | 'tick' | 'band' | 'expected' | 'line' | 'point' | 'mark' | 'label' | 'legend';

/** How a line is stroked: colour, width, and a dash pattern (dash, gap) or none. */
interface Stroke {
  readonly part: ChartPart;
  readonly stroke: string;
  readonly width: number;
  readonly dash: readonly [number, number] | null;
}

export type ChartPrimitive =
  | (Stroke & { readonly kind: 'line'; readonly from: ChartPt; readonly to: ChartPt })
  | (Stroke & { readonly kind: 'polyline'; readonly points: readonly ChartPt[] })
  | {
      readonly kind: 'polygon';
      readonly part: ChartPart;
      readonly points: readonly ChartPt[];
      readonly fill: string;
      readonly opacity: number;
    }
  | {
      readonly kind: 'circle';
      readonly part: ChartPart;
      readonly centre: ChartPt;
      readonly r: number;
      /** Null: an outline only. */
      readonly fill: string | null;
      readonly stroke: string | null;
      readonly width: number;
    }
  | {
      readonly kind: 'text';
      readonly part: ChartPart;
      /** The start, middle or end of the text's baseline, as `anchor` says. */
      readonly at: ChartPt;
      readonly text: string;
      readonly size: number;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly fill: string;
    };

export interface ChartScene {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description: string;
  readonly primitives: readonly ChartPrimitive[];
}

/** Shapes tell the lines apart without colour. */
export type PointShape = 'circle' | 'square' | 'diamond';

export interface ChartSeries {
  readonly name: string;
  readonly colour: string;
  readonly shape: PointShape;
  /** By position along the x axis (an index into `slots`). */
  readonly points: readonly { readonly slot: number; readonly value: number }[];
}

/**
 * A ring (e.g. where a change became reliable), a rupture (a triangle pointing down at the
 * point, from above) or a repair (a triangle pointing up at it, from below).
 */
export type MarkKind = 'ring' | 'rupture' | 'repair';

export interface ChartSpec {
  readonly title: string;
  readonly description: string;
  readonly min: number;
  readonly max: number;
  /** The x axis: one label per position, left to right (dates, or session numbers). */
  readonly slots: readonly string[];
  readonly series: readonly ChartSeries[];
  /** A range to shade with its expected line dashed, by position; drawn from two positions. */
  readonly band?: readonly {
    readonly slot: number;
    readonly expected: number;
    readonly low: number;
    readonly high: number;
  }[];
  readonly marks?: readonly { readonly slot: number; readonly value: number; readonly kind: MarkKind }[];
  /** Name the lines above the chart; by default only when there is more than one, or rupture and repair marks. */
  readonly legend?: boolean;
  readonly width?: number;
  readonly height?: number;
}

export const CHART_COLOURS = {
  text: '#4a5058',
  grid: '#d0d4d9',
  band: '#e0ac2b',
  expected: '#8a6a12',
  ring: '#134468',
  rupture: '#a3262a',
  repair: '#1f6b3a',
  /** One per line, each at least 4.5:1 on white. */
  series: ['#1d5c8c', '#8a4a00', '#5b3f8c'],
} as const;

export const SERIES_SHAPES: readonly PointShape[] = ['circle', 'square', 'diamond'];
