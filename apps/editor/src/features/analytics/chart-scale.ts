/**
 * Scales for the SVG charts (no chart library: a line and two axes need a few lines of arithmetic).
 */
export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
}

/** Maps `[d0, d1]` onto `[r0, r1]`; a flat domain maps to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) =>
    d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0)) as LinearScale;
  scale.domain = domain;
  return scale;
}

/**
 * Round tick values covering `[min, max]` (1, 2 or 5 times a power of ten apart), about `count` of
 * them, with the domain widened to the outer ticks so the line never leaves the axes.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    if (min === 0) return [0, 1];
    [min, max] = min < 0 ? [min, 0] : [0, max];
  }
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision: 0.1 + 0.2 is not 0.3 in floating point.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let value = first; value <= last + step / 2; value += step) ticks.push(Number(value.toFixed(digits)));
  return ticks;
}

export interface CurvePoint {
  x: number;
  y: number;
}

/** An SVG path through points in order: `M x y L x y ...`, rounded to tenths of a pixel. */
export function linePath(points: readonly CurvePoint[]): string {
  return points
    .map(
      (point, index) => `${index === 0 ? 'M' : 'L'}${Math.round(point.x * 10) / 10} ${Math.round(point.y * 10) / 10}`,
    )
    .join(' ');
}

/** The profit curve from the origin: no contacts, no profit, then each group's cumulative figures. */
export function profitCurvePoints(curve: readonly { contacts: number; expectedProfit: number }[]): CurvePoint[] {
  return [{ x: 0, y: 0 }, ...curve.map((point) => ({ x: point.contacts, y: point.expectedProfit }))];
}

/** The point of highest profit (the break-even selection ends there), or null for an empty curve. */
export function peakOf(points: readonly CurvePoint[]): CurvePoint | null {
  return points.reduce<CurvePoint | null>((best, point) => (best === null || point.y > best.y ? point : best), null);
}
