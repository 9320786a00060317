// The geometry of the topology drawing: boxes, lines as cubic Bézier segments (a point along one,
// points sampled along it, straight runs with rounded corners, its SVG path), and where each link
// label goes: on its own line, where it covers nothing and crosses as few other lines as it can.

import { FONT, textWidth } from './textFit';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** How an edge runs: a bulge out of one column, across the gap to the next column (or lane), or over the top to a column further on. */
export type Route = 'bulge' | 'across' | 'over';

/** A line whose label is to be placed: its box is set here. */
export interface LabelDraft {
  edge: { link: string };
  route: Route;
  path: Cubic[];
  /** The label's size, or null when the line is not named. */
  size: { w: number; h: number } | null;
  box: Box | null;
  /** Bulges: which side they leave on. */
  side?: 'left' | 'right';
}

export type Point = { x: number; y: number };
/** A cubic Bézier segment. */
export type Cubic = [Point, Point, Point, Point];

function at(c: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return { x: a * c[0].x + b * c[1].x + d * c[2].x + e * c[3].x, y: a * c[0].y + b * c[1].y + d * c[2].y + e * c[3].y };
}

/** A point along a path of segments, t from 0 to 1 (each segment an equal share). */
function pointOn(path: Cubic[], t: number): Point {
  const k = Math.min(path.length - 1, Math.floor(t * path.length));
  return at(path[k]!, t * path.length - k);
}

export function sample(path: Cubic[], step = 4): Point[] {
  const out: Point[] = [];
  for (const c of path) {
    const length = Math.hypot(c[1].x - c[0].x, c[1].y - c[0].y) + Math.hypot(c[2].x - c[1].x, c[2].y - c[1].y) + Math.hypot(c[3].x - c[2].x, c[3].y - c[2].y);
    const n = Math.max(2, Math.ceil(length / step));
    for (let i = 0; i <= n; i++) out.push(at(c, i / n));
  }
  return out;
}

const line = (a: Point, b: Point): Cubic => [a, { x: a.x + (b.x - a.x) / 3, y: a.y + (b.y - a.y) / 3 }, { x: a.x + ((b.x - a.x) * 2) / 3, y: a.y + ((b.y - a.y) * 2) / 3 }, b];

/** Straight runs through the points with rounded corners (radius r). */
export function rounded(points: Point[], r: number): Cubic[] {
  const out: Cubic[] = [];
  let from = points[0]!;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const prev = points[i - 1]!;
    const next = points[i + 1]!;
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const k = Math.min(r, inLen / 2, outLen / 2);
    const a = { x: p.x - ((p.x - prev.x) / inLen) * k, y: p.y - ((p.y - prev.y) / inLen) * k };
    const b = { x: p.x + ((next.x - p.x) / outLen) * k, y: p.y + ((next.y - p.y) / outLen) * k };
    out.push(line(from, a));
    // A quarter circle, as a cubic.
    const q = 0.5523;
    out.push([a, { x: a.x + (p.x - a.x) * q, y: a.y + (p.y - a.y) * q }, { x: b.x + (p.x - b.x) * q, y: b.y + (p.y - b.y) * q }, b]);
    from = b;
  }
  out.push(line(from, points[points.length - 1]!));
  return out;
}

export function pathText(path: Cubic[], dx: number, dy: number): string {
  const f = (p: Point) => `${Math.round((p.x + dx) * 10) / 10} ${Math.round((p.y + dy) * 10) / 10}`;
  return `M ${f(path[0]![0])} ${path.map((c) => `C ${f(c[1])}, ${f(c[2])}, ${f(c[3])}`).join(' ')}`;
}

const meets = (a: Box, b: Box, room = 0): boolean => a.x0 < b.x1 + room && b.x0 < a.x1 + room && a.y0 < b.y1 + room && b.y0 < a.y1 + room;
const within = (a: Box, b: Box, room = 0): boolean => a.x0 >= b.x0 + room && a.x1 <= b.x1 - room && a.y0 >= b.y0 + room && a.y1 <= b.y1 - room;
export const boxOf = (n: { x: number; y: number; w: number; h: number }): Box => ({ x0: n.x, y0: n.y, x1: n.x + n.w, y1: n.y + n.h });


/**
 * Puts each label on its own line where it covers no node, other label, site frame or site name,
 * and crosses as few other lines as it can, as near the middle of its line as that allows. Long
 * labels go first, since they have the fewest places to go.
 */
export function placeLabels(drafts: LabelDraft[], nodes: ReadonlyArray<{ x: number; y: number; w: number; h: number }>, sites: Array<{ label: string; x: number; y: number; w: number; h: number }>): void {
  const nodeBoxes = nodes.map(boxOf);
  const frames = sites.map(boxOf);
  const names = sites.map((s) => ({ x0: s.x + 10, y0: s.y + 6, x1: s.x + 22 + textWidth(s.label, FONT.site, true), y1: s.y + 34 }));
  const samples = drafts.map((d) => ({ link: d.edge.link, points: sample(d.path) }));
  const taken: Box[] = [];
  const free = (b: Box): boolean =>
    !nodeBoxes.some((n) => meets(b, n, 4)) &&
    !taken.some((o) => meets(b, o, 3)) &&
    !names.some((n) => meets(b, n, 2)) &&
    frames.every((f) => within(b, f, 4) || !meets(b, f, 4));
  for (const d of [...drafts].filter((x) => x.size).sort((a, b) => b.size!.w * b.size!.h - a.size!.w * a.size!.h)) {
    const { w, h } = d.size!;
    const straight = d.path.length === 1 && Math.abs(d.path[0]![0].y - d.path[0]![3].y) < 1;
    // Where the label may sit against a point of its line, and what each costs.
    const modes: Array<{ dx: number; dy: number; cost: number }> =
      d.route === 'bulge'
        ? [
            { dx: 0, dy: 0, cost: 0 },
            { dx: (d.side === 'left' ? -1 : 1) * (w / 2 + 5), dy: 0, cost: 3 }
          ]
        : straight
          ? [
              { dx: 0, dy: 0, cost: 0 },
              { dx: 0, dy: -(h / 2 + 3), cost: 2 },
              { dx: 0, dy: h / 2 + 3, cost: 3 }
            ]
          : [
              { dx: 0, dy: 0, cost: 0 },
              { dx: 0, dy: -(h / 2 + 3), cost: 3 },
              { dx: 0, dy: h / 2 + 3, cost: 3 },
              { dx: w / 2 + 5, dy: 0, cost: 4 },
              { dx: -(w / 2 + 5), dy: 0, cost: 4 }
            ];
    let best: { box: Box; cost: number } | null = null;
    for (let i = 0; i <= 84; i++) {
      const t = 0.08 + i * 0.01;
      const p = pointOn(d.path, t);
      for (const m of modes) {
        const cx = p.x + m.dx;
        const cy = p.y + m.dy;
        const b = { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 };
        let cost = m.cost + Math.abs(t - 0.5) * 8;
        if (best && cost >= best.cost) continue;
        if (!free(b)) continue;
        // Other links' lines under the label would look like they carry it.
        for (const s of samples) if (s.link !== d.edge.link) for (const q of s.points) if (q.x > b.x0 - 2 && q.x < b.x1 + 2 && q.y > b.y0 - 2 && q.y < b.y1 + 2) cost += 4;
        if (!best || cost < best.cost) best = { box: b, cost };
      }
    }
    if (!best) {
      const p = pointOn(d.path, 0.5);
      best = { box: { x0: p.x - w / 2, y0: p.y - h / 2, x1: p.x + w / 2, y1: p.y + h / 2 }, cost: Infinity };
    }
    d.box = best.box;
    taken.push(best.box);
  }
}
