// Lays a statechart out as nested boxes: a compound state holds its children in rows, a parallel
// state stacks its regions, an atomic state is a pill sized to its name. Pure arithmetic, so the
// component only draws.

import type { StatechartNode } from '../../../src/engine/inspect';

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

/** An arrow from one box to another (a loop for a box to itself), with a spot for its label. */
export function arrow(from: Box, to: Box, bend: number): { d: string; lx: number; ly: number; anchor: 'start' | 'middle' | 'end' } {
  if (from.id === to.id) {
    const x = from.x + from.w - 10;
    const y = from.y;
    return { d: `M${x - 16},${y} C${x - 16},${y - 26} ${x + 16},${y - 26} ${x + 4},${y}`, lx: x, ly: y - 24, anchor: 'middle' };
  }
  const [x1, y1] = exitPoint(from, to.x + to.w / 2, to.y + to.h / 2);
  const [x2, y2] = exitPoint(to, from.x + from.w / 2, from.y + from.h / 2);
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  // Bend sideways so several arrows from one state fan out.
  const nx = (-(y2 - y1) / len) * bend;
  const ny = ((x2 - x1) / len) * bend;
  const d = `M${x1},${y1} Q${mx + nx},${my + ny} ${x2},${y2}`;
  // The label goes on the side the arrow bends to, clear of the two boxes' text: above or below
  // them for an arrow across a row, beside the arrow for one going up or down.
  if (Math.abs(x2 - x1) >= Math.abs(y2 - y1)) {
    const half = Math.max(from.h, to.h) / 2;
    const below = ny > 0 || (ny === 0 && bend > 0);
    return { d, lx: mx, ly: below ? my + half + 11 : my - half - 4, anchor: 'middle' };
  }
  const right = nx > 0 || (nx === 0 && bend > 0);
  return { d, lx: mx + nx / 2 + (right ? 6 : -6), ly: my + 4, anchor: right ? 'start' : 'end' };
}
