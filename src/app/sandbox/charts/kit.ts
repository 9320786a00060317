// What the charts share: the colour-blind-safe palette (Okabe-Ito) with a shape and a dash for
// each series, so no series is told apart by colour alone; time ticks on simulated seconds; labels
// that do not overlap; and the units people read (durations, sizes, rates).

import { scaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3-shape';
import { bytes, duration } from '../../format';

/** Okabe-Ito, in the order series get them (yellow is left out: too faint on white). */
export const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'] as const;
const SYMBOLS: SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar, symbolWye];
const DASHES = ['', '7 3', '2 3'];

export interface SeriesStyle {
  colour: string;
  /** stroke-dasharray ('' for a solid line). */
  dash: string;
  /** A marker path centred on 0,0. */
  marker: string;
}

/** The look of the i-th series: colour, marker shape and dash all change, so any two differ in shape too. */
export function seriesStyle(i: number, markerArea = 42): SeriesStyle {
  return {
    colour: COLOURS[i % COLOURS.length]!,
    dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length]!,
    marker: symbol(SYMBOLS[i % SYMBOLS.length]!, markerArea)() ?? ''
  };
}

/** A marker path of a given kind, centred on 0,0. */
export function markerPath(kind: 'circle' | 'diamond' | 'square' | 'triangle', area = 42): string {
  const type = { circle: symbolCircle, diamond: symbolDiamond, square: symbolSquare, triangle: symbolTriangle }[kind];
  return symbol(type, area)() ?? '';
}

const STEPS = [60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400];

/**
 * Ticks on a simulated-time axis at round durations (1 min to 4 weeks), about `count` of them. With
 * `offset` (seconds after local midnight at simulated 0 s) they fall on round clock times.
 */
export function timeTicks(t0: number, t1: number, count: number, offset = 0): { ticks: number[]; step: number } {
  const span = Math.max(1, t1 - t0);
  const step = STEPS.find((s) => span / s <= Math.max(1, count)) ?? STEPS.at(-1)!;
  const shift = offset % Math.min(step, 86400);
  const ticks: number[] = [];
  for (let t = Math.ceil((t0 + shift) / step) * step - shift; t <= t1 + 1e-6; t += step) ticks.push(t);
  return { ticks, step };
}

/** Seconds after local midnight at simulated 0 s, from the run's start ("2025-03-03T08:00:00"). */
export function clockOffset(start?: string): number {
  const origin = start ? Date.parse(`${start}Z`) : NaN;
  return Number.isFinite(origin) ? (origin / 1000) % 86400 : 0;
}

/** Ticks for a duration axis from 0: round durations, about `count` of them, and the top they reach. */
export function durationTicks(max: number, count: number): { ticks: number[]; top: number } {
  const { step } = timeTicks(0, Math.max(60, max), count);
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + 1e-6; t += step) ticks.push(t);
  return { ticks, top };
}

/** Ticks for a size axis from 0 at round numbers of one binary unit (KiB, MiB, GiB, TiB), and the top they reach. */
export function byteTicks(max: number, count: number): { ticks: number[]; top: number } {
  let unit = 1;
  while (unit < 1024 ** 4 && max / (unit * 1024) >= 1) unit *= 1024;
  const s = scaleLinear().domain([0, Math.max(max / unit, 1e-9)]).nice(count);
  const top = s.domain()[1]! * unit;
  return { ticks: s.ticks(count).map((v) => v * unit), top };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A tick label: the local clock time ("14:00", the day's name at midnight) when the run's start is
 * known, otherwise the time since the start ("3 h").
 */
export function timeLabel(t: number, step: number, start?: string): string {
  const origin = start ? Date.parse(`${start}Z`) : NaN;
  if (!Number.isFinite(origin)) return duration(t);
  const d = new Date(origin + t * 1000);
  const day = DAYS[d.getUTCDay()]!;
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (step >= 86400) return `${day} ${d.getUTCDate()}`;
  return hm === '00:00' ? day : hm;
}

/** Office-hours intervals clipped to a domain. */
export function visibleIntervals(intervals: ReadonlyArray<readonly [number, number]>, t0: number, t1: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of intervals) if (b > t0 && a < t1) out.push([Math.max(a, t0), Math.min(b, t1)]);
  return out;
}

/**
 * Moves label positions apart so they are at least `gap` apart, staying within [min, max] and in
 * their order; returns the new positions in the order given.
 */
export function spreadLabels(ys: readonly number[], gap: number, min: number, max: number): number[] {
  const order = ys.map((y, i) => ({ y: Number.isFinite(y) ? y : max, i })).sort((a, b) => a.y - b.y);
  for (let k = 0; k < order.length; k++) {
    const lo = k === 0 ? min : order[k - 1]!.y + gap;
    order[k]!.y = Math.max(order[k]!.y, lo);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const hi = k === order.length - 1 ? max : order[k + 1]!.y - gap;
    order[k]!.y = Math.min(order[k]!.y, hi);
  }
  const out = new Array<number>(ys.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** The newest finite value of a series, with its time, or undefined. */
export function lastValue(points: ReadonlyArray<readonly [number, number]>): [number, number] | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (Number.isFinite(p[1])) return [p[0], p[1]];
  }
  return undefined;
}

/** The value of a series' newest sample when it has one (a series that stopped has none). */
export function currentValue(points: ReadonlyArray<readonly [number, number]>): [number, number] | undefined {
  const p = points[points.length - 1];
  return p && Number.isFinite(p[1]) ? [p[0], p[1]] : undefined;
}

/** The largest finite value of samples from time `from` on (0 when none). */
export function maxFrom(points: ReadonlyArray<readonly [number, number]>, from = -Infinity): number {
  let max = 0;
  for (const [t, v] of points) if (t >= from && v > max) max = v;
  return max;
}

/** The samples within [t0, t1]. */
export function within<P extends readonly [number, number]>(points: ReadonlyArray<P>, t0: number, t1: number): P[] {
  const out: P[] = [];
  for (const p of points) if (p[0] >= t0 && p[0] <= t1) out.push(p);
  return out;
}

/** The time domain of series: from the first sample to the newest (at least a minute). */
export function timeDomain(series: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, now?: number): [number, number] {
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const s of series) {
    if (s.length === 0) continue;
    t0 = Math.min(t0, s[0]![0]);
    t1 = Math.max(t1, s[s.length - 1]![0]);
  }
  if (now !== undefined) t1 = Math.max(t1, now);
  if (!Number.isFinite(t0)) t0 = Number.isFinite(t1) ? t1 : 0;
  if (!Number.isFinite(t1)) t1 = t0;
  return [t0, Math.max(t1, t0 + 60)];
}

/** A rate for people, in decimal units as links and churn are quoted: "12.5 MB/s". */
export function rate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond)) return '–';
  const mb = bytesPerSecond / 1e6;
  if (mb >= 100) return `${Math.round(mb)} MB/s`;
  if (mb >= 0.1) return `${mb.toFixed(1)} MB/s`;
  return `${Math.round(bytesPerSecond / 1e3)} kB/s`;
}

export { bytes, duration };

/** "3 machines", "1 machine". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Joins names for a sentence: "a", "a and b", "a, b and 3 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
