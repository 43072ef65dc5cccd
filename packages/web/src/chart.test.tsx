import { describe, expect, it } from 'vitest';
import { ChartSvg, LineChart } from './chart.js';
import { chartScene, chartTable } from './chart-model.js';
import { CHART_COLOURS, type ChartPrimitive, type ChartSpec } from './chart-scene.js';

const base: ChartSpec = {
  title: 'Relationship check by session',
  description: 'Three sessions.',
  min: 0,
  max: 10,
  slots: ['2 Mar', '9 Mar', '16 Mar'],
  series: [
    {
      name: 'Relationship check',
      colour: '#1d5c8c',
      shape: 'circle',
      points: [
        { slot: 0, value: 0 },
        { slot: 1, value: 5 },
        { slot: 2, value: 10 },
      ],
    },
  ],
};

const of = <K extends ChartPrimitive['kind']>(list: readonly ChartPrimitive[], kind: K, part?: string) =>
  list.filter(
    (p): p is Extract<ChartPrimitive, { kind: K }> => p.kind === kind && (part === undefined || p.part === part),
  );

describe('the chart model', () => {
  it('maps the lowest value to the bottom of the plot, the highest to the top, and spaces positions evenly', () => {
    // 640 × 240 with no legend: the plot runs from x 36 to 612 and from y 16 (max) to 204 (min).
    const scene = chartScene(base);
    expect(of(scene.primitives, 'circle', 'point').map((c) => c.centre)).toEqual([
      { x: 36, y: 204 },
      { x: 324, y: 110 },
      { x: 612, y: 16 },
    ]);
    expect(of(scene.primitives, 'polyline', 'line')[0]?.points).toEqual([
      { x: 36, y: 204 },
      { x: 324, y: 110 },
      { x: 612, y: 16 },
    ]);
    expect(of(scene.primitives, 'text', 'tick').map((t) => [t.text, t.at.y])).toEqual([
      ['0', 208],
      ['5', 114],
      ['10', 20],
    ]);
    expect(of(scene.primitives, 'text', 'legend')).toEqual([]);
  });

  it('shades a band between its edges with the expected line dashed, clamped to the scale', () => {
    const scene = chartScene({
      ...base,
      band: [
        { slot: 0, expected: 5, low: 3, high: 12 },
        { slot: 2, expected: 5, low: 3, high: 7 },
      ],
    });
    const [band] = of(scene.primitives, 'polygon', 'band');
    // High edge left to right, then the low edge back; 12 is drawn at the top (10).
    expect(band?.points).toEqual([
      { x: 36, y: 16 },
      { x: 612, y: 72.4 },
      { x: 612, y: 147.6 },
      { x: 36, y: 147.6 },
    ]);
    expect(of(scene.primitives, 'polyline', 'expected')[0]?.dash).toEqual([5, 4]);
  });

  it('puts a rupture’s triangle above its point and a repair’s below, and names both in a legend', () => {
    const scene = chartScene({
      ...base,
      marks: [
        { slot: 1, value: 5, kind: 'rupture' },
        { slot: 2, value: 10, kind: 'repair' },
      ],
    });
    const point = of(scene.primitives, 'circle', 'point')[1]?.centre;
    const [rupture, repair] = of(scene.primitives, 'polygon', 'mark');
    expect(rupture?.fill).toBe(CHART_COLOURS.rupture);
    expect(Math.max(...(rupture?.points ?? []).map((p) => p.y))).toBeLessThan(point?.y ?? 0);
    expect(repair?.fill).toBe(CHART_COLOURS.repair);
    // The top point sits on the plot's top edge: its repair mark is still drawn below it.
    const top = of(scene.primitives, 'circle', 'point')[2]?.centre;
    expect(Math.min(...(repair?.points ?? []).map((p) => p.y))).toBeGreaterThan(top?.y ?? 0);
    expect(of(scene.primitives, 'text', 'legend').map((t) => t.text)).toEqual([
      'Relationship check',
      'Rupture',
      'Repair',
    ]);
  });

  it('tells several lines apart by shape as well as colour, and lists them in a legend and a table', () => {
    const spec: ChartSpec = {
      ...base,
      series: [
        { name: 'Goal 1', colour: '#1d5c8c', shape: 'circle', points: [{ slot: 0, value: 2 }] },
        { name: 'Goal 2', colour: '#8a4a00', shape: 'square', points: [{ slot: 2, value: 7 }] },
      ],
    };
    const scene = chartScene(spec);
    expect(of(scene.primitives, 'polygon', 'point')).toHaveLength(1);
    expect(of(scene.primitives, 'text', 'legend').map((t) => t.text)).toEqual(['Goal 1', 'Goal 2']);
    expect(chartTable(spec)).toEqual({
      head: ['', 'Goal 1', 'Goal 2'],
      rows: [
        ['2 Mar', '2', '—'],
        ['9 Mar', '—', '—'],
        ['16 Mar', '—', '7'],
      ],
    });
  });

  it('labels every position up to ten, and every k-th (and the last) beyond', () => {
    const slots = Array.from({ length: 25 }, (_, i) => `S${String(i + 1)}`);
    const scene = chartScene({ ...base, slots, series: [] });
    expect(of(scene.primitives, 'text', 'label').map((t) => t.text)).toEqual([
      'S1',
      'S4',
      'S7',
      'S10',
      'S13',
      'S16',
      'S19',
      'S22',
      'S25',
    ]);
  });
});

describe('the SVG renderer', () => {
  it('draws exactly the scene’s primitives, at the scene’s coordinates, with no style attribute', async () => {
    const scene = chartScene({ ...base, marks: [{ slot: 1, value: 5, kind: 'rupture' }] });
    const svg = String(await (<ChartSvg id="c1" scene={scene} />));
    const count = (tag: string): number => svg.split(`<${tag} `).length - 1;
    for (const kind of ['line', 'polyline', 'polygon', 'circle', 'text'] as const) {
      expect({ kind, n: count(kind) }).toEqual({ kind, n: of(scene.primitives, kind).length });
    }
    const circles = [...svg.matchAll(/<circle class="chart-point" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
    }));
    expect(circles).toEqual(of(scene.primitives, 'circle', 'point').map((c) => c.centre));
    const [mark] = of(scene.primitives, 'polygon', 'mark');
    expect(svg).toContain(`points="${(mark?.points ?? []).map((q) => `${String(q.x)},${String(q.y)}`).join(' ')}"`);
    expect(svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Relationship check by session</title>');
    expect(svg).not.toContain('style=');
  });

  it('keeps a measure’s line chart as it was: one dot per point, a ring where asked, no legend', async () => {
    const svg = String(
      await (
        <LineChart
          id="m"
          title="PHQ-9"
          description="d"
          min={0}
          max={27}
          points={[
            { at: '2026-03-02T10:00:00.000Z', value: 19 },
            { at: '2026-03-09T10:00:00.000Z', value: 12 },
          ]}
          marks={[1]}
        />
      ),
    );
    expect(svg.split('<circle ').length - 1).toBe(3);
    expect(svg).toContain('>2 Mar</text>');
    expect(svg).not.toContain('chart-legend');
  });
});
