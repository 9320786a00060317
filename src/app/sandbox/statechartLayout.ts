// Lays a statechart out as nested boxes: a compound state holds its children in rows, a parallel
// state stacks its regions, an atomic state is a pill sized to its name. Pure arithmetic, so the
// component only draws.

import type { StatechartEdge, StatechartNode } from '../../../src/engine/inspect';

export interface Box {
  id: string;
  key: string;
  type: StatechartNode['type'];
  x: number;
  y: number;
  w: number;
  h: number;
  depth: number;
  /** The child the parent starts in. */
  initial: boolean;
}

export interface ChartLayout {
  boxes: Box[];
  byId: Map<string, Box>;
  width: number;
  height: number;
}

const CHAR = 6.6;
const PILL_H = 26;
const PAD = 8;
const GAP = 22;
const TITLE = 18;

interface Sized {
  node: StatechartNode;
  w: number;
  h: number;
  kids: Array<{ s: Sized; dx: number; dy: number }>;
}

function size(node: StatechartNode, maxWidth: number): Sized {
  if (node.children.length === 0) return { node, w: Math.max(64, node.key.length * CHAR + 22), h: PILL_H, kids: [] };
  const inner = maxWidth - 2 * PAD;
  const sized = node.children.map((c) => size(c, inner));
  const kids: Sized['kids'] = [];
  if (node.type === 'parallel') {
    let y = 0;
    for (const s of sized) {
      kids.push({ s, dx: 0, dy: y });
      y += s.h + PAD;
    }
  } else {
    // Rows left to right, wrapping when the next child would pass the width.
    let x = 0;
    let y = 0;
    let rowH = 0;
    for (const s of sized) {
      if (x > 0 && x + s.w > inner) {
        x = 0;
        y += rowH + GAP;
        rowH = 0;
      }
      kids.push({ s, dx: x, dy: y });
      x += s.w + GAP;
      rowH = Math.max(rowH, s.h);
    }
  }
  const contentW = Math.max(...kids.map((k) => k.dx + k.s.w), node.key.length * CHAR);
  const contentH = Math.max(...kids.map((k) => k.dy + k.s.h));
  if (node.type === 'parallel') for (const k of kids) k.s.w = contentW; // regions share one width
  return { node, w: contentW + 2 * PAD, h: contentH + 2 * PAD + TITLE, kids };
}

/** Boxes for every state of the chart, the root included, within `maxWidth` where it can. */
export function layoutChart(root: StatechartNode, maxWidth = 620): ChartLayout {
  const boxes: Box[] = [];
  const place = (s: Sized, x: number, y: number, depth: number, initial: boolean): void => {
    boxes.push({ id: s.node.id, key: s.node.key, type: s.node.type, x, y, w: s.w, h: s.h, depth, initial });
    for (const k of s.kids) place(k.s, x + PAD + k.dx, y + TITLE + PAD + k.dy, depth + 1, s.node.initial === k.s.node.id);
  };
  const top = size(root, maxWidth);
  place(top, 0, 0, 0, false);
  return { boxes, byId: new Map(boxes.map((b) => [b.id, b])), width: top.w, height: top.h };
}

/** Where the line between two boxes' centres leaves the first box. */
function exitPoint(b: Box, tx: number, ty: number): [number, number] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

type Anchor = 'start' | 'middle' | 'end';
type Point = readonly [number, number];

/** An arrow's shape: a quadratic curve from p0 to p2 pulled towards c (a loop is drawn on its own). */
export interface Curve {
  d: string;
  p0: Point;
  c: Point;
  p2: Point;
  /** A box's arrow to itself. */
  loop: boolean;
}

/** An arrow from one box to another (a loop for a box to itself), with a first spot for its label. */
export function arrow(from: Box, to: Box, bend: number): Curve & { lx: number; ly: number; anchor: Anchor } {
  if (from.id === to.id) {
    const x = from.x + from.w - 10;
    const y = from.y;
    return { d: `M${x - 16},${y} C${x - 16},${y - 26} ${x + 16},${y - 26} ${x + 4},${y}`, p0: [x - 16, y], c: [x, y - 26], p2: [x + 4, y], loop: true, lx: x, ly: y - 24, anchor: 'middle' };
  }
  const [x1, y1] = exitPoint(from, to.x + to.w / 2, to.y + to.h / 2);
  const [x2, y2] = exitPoint(to, from.x + from.w / 2, from.y + from.h / 2);
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  // Bend sideways so several arrows from one state fan out.
  const nx = (-(y2 - y1) / len) * bend;
  const ny = ((x2 - x1) / len) * bend;
  const curve: Curve = { d: `M${x1},${y1} Q${mx + nx},${my + ny} ${x2},${y2}`, p0: [x1, y1], c: [mx + nx, my + ny], p2: [x2, y2], loop: false };
  // The label goes on the side the arrow bends to, clear of the two boxes' text: above or below
  // them for an arrow across a row, beside the arrow for one going up or down.
  if (Math.abs(x2 - x1) >= Math.abs(y2 - y1)) {
    const half = Math.max(from.h, to.h) / 2;
    const below = ny > 0 || (ny === 0 && bend > 0);
    return { ...curve, lx: mx, ly: below ? my + half + 11 : my - half - 4, anchor: 'middle' };
  }
  const right = nx > 0 || (nx === 0 && bend > 0);
  return { ...curve, lx: mx + nx / 2 + (right ? 6 : -6), ly: my + 4, anchor: right ? 'start' : 'end' };
}

/** A rectangle: x, y, width, height. */
export type Rect = readonly [number, number, number, number];

/** Width of an event label at the chart's 10 px label size (a generous guess: labels are short words). */
const LABEL_CHAR = 5.6;

/** Where a label of `chars` characters sits, drawn at x, y (its baseline) with its anchor. */
export function labelRect(x: number, y: number, chars: number, anchor: Anchor): Rect {
  const w = chars * LABEL_CHAR;
  return [anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2, y - 9, w, 12];
}

const overlaps = (a: Rect, b: Rect): boolean => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

/** Points along the curve, from its middle outwards, where a label may go. */
const ALONG = [0.5, 0.38, 0.62, 0.27, 0.73, 0.17, 0.83];

/**
 * A spot for each arrow's label inside the drawing where it covers no state's pill, no compound
 * state's name and no label placed before it: the arrow's first spot if it is free, else a point along the curve, beside
 * it on the side it bends to or across it. When no spot is free the first spot stays.
 */
export function placeLabels<A extends Curve & { lx: number; ly: number; anchor: Anchor; label: string }>(arrows: A[], layout: ChartLayout): A[] {
  const taken: Rect[] = [];
  for (const b of layout.boxes) {
    if (b.type === 'atomic' || b.type === 'final') taken.push([b.x, b.y, b.w, b.h]);
    else taken.push([b.x + 6, b.y + 2, b.key.length * CHAR + 4, 14]);
  }
  // Inside the drawing (it has 6 px around the chart), over nothing taken.
  const free = (r: Rect): boolean => r[0] >= -6 && r[0] + r[2] <= layout.width + 6 && r[1] >= -30 && !taken.some((t) => overlaps(r, t));
  return arrows.map((a) => {
    const candidates: Array<{ lx: number; ly: number; anchor: Anchor }> = [{ lx: a.lx, ly: a.ly, anchor: a.anchor }];
    if (!a.loop) {
      const side = a.anchor === 'end' ? -1 : 1;
      for (const t of ALONG) {
        const u = 1 - t;
        const x = u * u * a.p0[0] + 2 * u * t * a.c[0] + t * t * a.p2[0];
        const y = u * u * a.p0[1] + 2 * u * t * a.c[1] + t * t * a.p2[1];
        candidates.push({ lx: x + side * 6, ly: y + 4, anchor: side > 0 ? 'start' : 'end' });
        candidates.push({ lx: x - side * 6, ly: y + 4, anchor: side > 0 ? 'end' : 'start' });
        candidates.push({ lx: x, ly: y - 5, anchor: 'middle' });
      }
    }
    const spot = candidates.find((c) => free(labelRect(c.lx, c.ly, a.label.length, c.anchor))) ?? candidates[0]!;
    taken.push(labelRect(spot.lx, spot.ly, a.label.length, spot.anchor));
    return { ...a, ...spot };
  });
}

/** An arrow drawn for an event the actor can take now, with its label placed. */
export type EventArrow = ReturnType<typeof arrow> & { key: string; label: string; allowed: boolean };

/**
 * Arrows from the active states to where each event they can take now would lead. An event of a
 * compound state starts from the active state inside it, which is where it shows; several arrows
 * from one state fan out.
 */
export function layoutArrows(layout: ChartLayout, active: ReadonlySet<string>, next: ReadonlyArray<StatechartEdge & { allowed: boolean }>): EventArrow[] {
  const out: EventArrow[] = [];
  const perSource = new Map<string, number>();
  for (const e of next) {
    const from = layout.byId.get(e.source);
    for (const t of e.targets) {
      const to = layout.byId.get(t);
      if (!from || !to) continue;
      const leaf = [...layout.boxes].reverse().find((b) => active.has(b.id) && b.id.startsWith(`${from.id}.`) && b.type === 'atomic') ?? from;
      const n = perSource.get(leaf.id) ?? 0;
      perSource.set(leaf.id, n + 1);
      const bend = (n % 2 === 0 ? 1 : -1) * (14 + 10 * Math.floor(n / 2));
      out.push({ key: `${out.length}`, ...arrow(leaf, to, bend), label: e.label, allowed: e.allowed });
    }
  }
  return placeLabels(out, layout);
}
