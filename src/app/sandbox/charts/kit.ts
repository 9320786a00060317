// What the charts share: the colour-blind-safe palette (Okabe-Ito) with a shape and a dash for
// each series, so no series is told apart by colour alone; one frame for the stacked time charts,
// so a moment is at the same x in each; time ticks on simulated seconds; end labels that do not
// overlap; lines that lie on one another found; and the units people read.

import { scaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3-shape';
import { bytes, duration, moment } from '../../format';
import { m } from '../../../paraglide/messages';

/** Okabe-Ito, in the order series get them (yellow is left out: too faint on white). */
export const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'] as const;
const SYMBOLS: SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar, symbolWye];
/** Solid, dashed, dash-dot, dotted: in this order from the bottom up, so a line drawn over another lets it show through. */
const DASHES = ['', '8 4', '10 3 2 3', '2 3'];

export interface SeriesStyle {
  colour: string;
  /** stroke-dasharray ('' for a solid line). */
  dash: string;
  /** A marker path centred on 0,0. */
  marker: string;
  /** Lines are drawn in this order, lowest first: solid at the bottom, dotted on top. */
  layer: number;
}

/**
 * The look of the i-th series: colour, dash and marker shape all change from one series to the next,
 * so two lines on top of each other still show both, and no two of the first 12 look the same.
 */
export function seriesStyle(i: number, markerArea = 42): SeriesStyle {
  return {
    colour: COLOURS[i % COLOURS.length]!,
    dash: DASHES[i % DASHES.length]!,
    marker: symbol(SYMBOLS[i % SYMBOLS.length]!, markerArea)() ?? '',
    layer: i % DASHES.length
  };
}

/** Where the plot of every stacked time chart starts: room for the value axis's labels ("1 h 30 min"). */
export const PLOT_LEFT = 68;
/** Right of the plot, the names at the end of the lines: this share of the width, within these bounds. */
const GUTTER = { share: 0.14, min: 100, max: 140 };
/** About what a character of the 11 px labels takes (the page's sans-serif), to shorten names that do not fit. */
const CHAR_PX = 6.6;

export interface TimeFrame {
  /** The plot's left and right edges, in pixels from the chart's left. */
  left: number;
  right: number;
  /** Where the names right of the plot start, and the room they have. */
  labelX: number;
  labelWidth: number;
}

/**
 * The frame of every time chart stacked in the chart column: the same plot edges for the same width,
 * whatever its labels, so with the same time span a moment is at the same x in each chart. The
 * gutter on the right holds the names at the end of lines (or of rows, or of levels).
 */
export function timeFrame(width: number): TimeFrame {
  const gutter = Math.round(Math.min(GUTTER.max, Math.max(GUTTER.min, width * GUTTER.share)));
  const right = Math.max(PLOT_LEFT + 40, width - gutter);
  return { left: PLOT_LEFT, right, labelX: right + 12, labelWidth: Math.max(0, width - right - 14) };
}

/** A label shortened with "…" to fit in about `px` pixels (the key and the summary have it whole). */
export function fitLabel(text: string, px: number): string {
  const room = Math.floor(px / CHAR_PX);
  if (text.length <= room) return text;
  return room <= 1 ? '…' : `${text.slice(0, room - 1).trimEnd()}…`;
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

/**
 * A tick label: the local clock time ("14:00", the day's name at midnight) when the run's start is
 * known, otherwise the time since the start ("3 h"). The day and its date are the page's moment's
 * ("Mon 3", in Dutch "ma 3").
 */
export function timeLabel(t: number, step: number, start?: string): string {
  const origin = start ? Date.parse(`${start}Z`) : NaN;
  if (!Number.isFinite(origin)) return duration(t);
  const [day = '', date = ''] = moment(t, start!).split(' ');
  const d = new Date(origin + t * 1000);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (step >= 86400) return `${day} ${date}`;
  return hm === '00:00' ? day : hm;
}

/** Office-hours intervals clipped to a domain. */
export function visibleIntervals(intervals: ReadonlyArray<readonly [number, number]>, t0: number, t1: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of intervals) if (b > t0 && a < t1) out.push([Math.max(a, t0), Math.min(b, t1)]);
  return out;
}

/**
 * Vertical positions for labels that would sit at `ys`, at least `gap` apart and within [min, max],
 * in the order of their wishes and each as near its wish as it can be: labels that would overlap
 * move as a block centred on their wishes (a dodge, as end labels of lines are placed). When not
 * all fit, the ones given last are left out (null): give them in order of importance.
 */
export function placeLabels(ys: readonly number[], gap: number, min: number, max: number): Array<number | null> {
  const out = new Array<number | null>(ys.length).fill(null);
  const fits = max >= min ? Math.floor((max - min) / gap + 1e-9) + 1 : 0;
  const items = ys
    .slice(0, fits)
    .map((y, i) => ({ y: Number.isFinite(y) ? Math.min(max, Math.max(min, y)) : max, i }))
    .sort((a, b) => a.y - b.y || a.i - b.i);
  // Blocks of labels a gap apart; `sum` is what the block's top would be times n, by its labels' wishes.
  const blocks: Array<{ from: number; n: number; sum: number }> = [];
  const top = (b: { n: number; sum: number }): number => Math.min(max - (b.n - 1) * gap, Math.max(min, b.sum / b.n));
  items.forEach((it, k) => {
    blocks.push({ from: k, n: 1, sum: it.y });
    while (blocks.length > 1) {
      const cur = blocks.at(-1)!;
      const prev = blocks.at(-2)!;
      if (top(prev) + prev.n * gap <= top(cur) + 1e-9) break;
      prev.sum += cur.sum - cur.n * prev.n * gap;
      prev.n += cur.n;
      blocks.pop();
    }
  });
  for (const b of blocks) {
    const t = top(b);
    for (let j = 0; j < b.n; j++) out[items[b.from + j]!.i] = t + j * gap;
  }
  return out;
}

/** Like `placeLabels`, for labels that must all be shown: when they do not fit, the last ones share the bottom. */
export function spreadLabels(ys: readonly number[], gap: number, min: number, max: number): number[] {
  const placed = placeLabels(ys, gap, min, max);
  return placed.map((y) => y ?? max);
}

/** Series whose lines lie on one another: their indices (first as given) and the moment from which they do. */
export interface Coincidence {
  members: number[];
  from: number;
  /** Whether they do wherever they are drawn together (not only since `from`). */
  allAlong: boolean;
}

/**
 * Groups of series whose lines lie on one another up to their newest samples: from some moment in
 * [t0, t1] on, at every moment both have a value (at least two of them) their values are within
 * `tolerance`. Only groups of two or more; each series is compared with its group's first.
 */
export function coincident(series: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, t0: number, t1: number, tolerance: number): Coincidence[] {
  const groups: Coincidence[] = [];
  series.forEach((s, i) => {
    for (const g of groups) {
      const same = sameSince(series[g.members[0]!]!, s, t0, t1, tolerance);
      if (!same) continue;
      g.members.push(i);
      const second = g.members.length === 2;
      g.from = second ? same.from : Math.max(g.from, same.from);
      g.allAlong = (second || g.allAlong) && same.allAlong;
      return;
    }
    groups.push({ members: [i], from: t0, allAlong: true });
  });
  return groups.filter((g) => g.members.length > 1);
}

/**
 * Whether two series (samples in time order) are within `tolerance` at their last common moments,
 * at least two of them: from which moment, and whether at every common moment in [t0, t1].
 */
function sameSince(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>, t0: number, t1: number, tolerance: number): { from: number; allAlong: boolean } | null {
  let i = a.length - 1;
  let j = b.length - 1;
  let common = 0;
  let from = NaN;
  let allAlong = true;
  // Backwards from the newest samples: the run of moments where both agree, then whether any before differ.
  while (i >= 0 && j >= 0) {
    const ta = a[i]![0];
    const tb = b[j]![0];
    if (ta > tb) i--;
    else if (tb > ta) j--;
    else {
      if (ta < t0) break;
      const va = a[i]![1];
      const vb = b[j]![1];
      if (ta <= t1 && Number.isFinite(va) && Number.isFinite(vb)) {
        if (Math.abs(va - vb) > tolerance) {
          allAlong = false;
          break;
        }
        common++;
        from = ta;
      }
      i--;
      j--;
    }
  }
  return common >= 2 ? { from, allAlong } : null;
}

/** The key's note on lines that lie on one another: "app-01 and web-01 have had the same RPO since Mon 3 Mar 11:00: …". */
export function overlapNote(names: readonly string[], what: string, c: Coincidence, start?: string): string {
  const who = listNames(names, 4);
  return c.allAlong ? m.chart_overlap({ names: who, what }) : m.chart_overlap_since({ names: who, what, at: when(c.from, start) });
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

/** A moment of the run for people ("Mon 3 Mar 17:12"), or how far into the run when its start is not known ("5 h into the run"). */
export function when(t: number, start?: string): string {
  return start ? moment(t, start) : m.chart_into_run({ duration: duration(t) });
}

/** A counted word's two messages: for one, and for a count. */
type Counted = readonly [() => string, (inputs: { count: number }) => string];

/** A count with its word from the catalogue, its `_one` message for 1: "3 machines", "1 machine". */
export function count(n: number, [one, many]: Counted): string {
  return n === 1 ? one() : many({ count: n });
}

/** What the charts count, each with its one and its many, for `count`. */
export const MACHINES: Counted = [m.chart_machines_one, m.chart_machines];
export const DISKS: Counted = [m.chart_disks_one, m.chart_disks];
export const POINTS: Counted = [m.chart_points_one, m.chart_points];
export const TIMES: Counted = [m.chart_times_one, m.chart_times];

/** Joins names for a sentence: "a", "a and b", "a, b and 3 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return m.chart_list_and({ names: names.slice(0, -1).join(', '), last: names.at(-1)! });
  return m.chart_list_more({ names: names.slice(0, max).join(', '), count: names.length - max });
}
