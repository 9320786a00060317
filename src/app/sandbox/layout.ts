// Where the topology view puts things: one column per site (the source on the left, the target
// on the right), the protected machines at the top of the source site, components below, and a
// curve for each link with its label at the middle.

import type { TopologyView } from '../../../src/engine/view';

export interface NodeBox {
  id: string;
  label: string;
  kind: string;
  site: string;
  x: number;
  y: number;
  w: number;
  h: number;
  deployable: boolean;
}

export interface Edge {
  id: string;
  from: string;
  to: string;
  label: string;
  purpose: string;
  path: string;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface Layout {
  width: number;
  height: number;
  sites: Array<{ id: string; label: string; x: number; y: number; w: number; h: number }>;
  nodes: NodeBox[];
  edges: Edge[];
}

const SOURCE_SITES = ['primary', 'aws', 'azureSource'];
const MIN_NODE_W = 190;
/** Rough width of a character of a node's bold 13 px label, and of an 11 px link label. */
const NODE_CHAR = 7.9;
const LABEL_CHAR = 6.3;
const LABEL_H = 14;
const NODE_H = 46;
const GAP_Y = 22;
const SITE_PAD = 20;
const COL_GAP = 150;
const HOST_KINDS = ['hypervHost', 'esxiHost'];

/**
 * With `recovery`, the target site also shows where failed-over machines run and the isolated
 * network test copies start in ("$atTarget", "$tests").
 */
export function layout(t: TopologyView, options: { recovery?: boolean } = {}): Layout {
  const targetSite = t.components.find((c) => c.id === t.replicaAt)?.site;
  const order = [...t.sites].sort((a, b) => rank(a.id) - rank(b.id));
  const columns = order.map((site, c) => {
    const comps = t.components.filter((x) => x.site === site.id);
    const items = SOURCE_SITES.includes(site.id)
      ? [{ id: '$machines', label: `${t.machines.length} machine${t.machines.length === 1 ? '' : 's'}`, kind: 'machines', deployable: false }, ...comps]
      : comps;
    if (options.recovery && site.id === targetSite) {
      items.push({ id: '$atTarget', label: 'Failed-over machines', kind: 'machines', deployable: false });
      items.push({ id: '$tests', label: 'Test network (isolated)', kind: 'machines', deployable: false });
    }
    return { site, c, items };
  });
  const rows = Math.max(...columns.map((col) => col.items.length));
  const NODE_W = Math.max(MIN_NODE_W, Math.ceil(Math.max(...columns.flatMap((col) => col.items.map((it) => it.label.length))) * NODE_CHAR + 40));
  // Links inside one column curve out on the outer side: left of the first column, right of the others.
  const colOf = new Map(columns.flatMap((col) => col.items.map((it) => [it.id, col.c] as const)));
  const inColumn = (c: number) =>
    t.links.filter((l) => l.purpose !== 'multiVm').filter((l) => {
      const from = l.from === '$hosts' ? (t.components.find((x) => HOST_KINDS.includes(x.kind))?.id ?? '$machines') : l.from;
      return colOf.get(from) === c && colOf.get(l.to) === c;
    }).length;
  const bulgeRoom = (n: number) => (n > 0 ? 36 + 30 * (n - 1) + 80 : 0);
  const leftRoom = bulgeRoom(inColumn(0));
  const rightRoom = columns.length > 1 ? bulgeRoom(inColumn(columns.length - 1)) : 0;
  const siteH = SITE_PAD * 2 + 28 + rows * (NODE_H + GAP_Y) - GAP_Y;
  const siteW = NODE_W + SITE_PAD * 2;
  const nodes: NodeBox[] = [];
  const sites = columns.map(({ site, c, items }) => {
    const x = 10 + leftRoom + c * (siteW + COL_GAP);
    // Items are centred vertically in their site so links stay short.
    const used = items.length * (NODE_H + GAP_Y) - GAP_Y;
    const top = 10 + 28 + SITE_PAD + (siteH - 28 - SITE_PAD * 2 - used) / 2;
    items.forEach((it, k) => nodes.push({ id: it.id, label: it.label, kind: it.kind, site: site.id, x: x + SITE_PAD, y: top + k * (NODE_H + GAP_Y), w: NODE_W, h: NODE_H, deployable: it.deployable }));
    return { id: site.id, label: site.label, x, y: 10, w: siteW, h: siteH };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hosts = nodes.filter((n) => HOST_KINDS.includes(n.kind) && SOURCE_SITES.includes(n.site));
  const edges: Edge[] = [];
  // Links that stay in one column curve out, each a little further than the last.
  const sameColumn = new Map<number, number>();
  for (const l of t.links) {
    if (l.purpose === 'multiVm') continue; // drawn as a note on the machines node, not a link
    const froms = l.from === '$machines' ? ['$machines'] : l.from === '$hosts' ? (hosts.length > 0 ? hosts.map((h) => h.id) : ['$machines']) : [l.from];
    const to = l.to === '$machines' ? '$machines' : l.to;
    froms.forEach((from, k) => {
      const a = byId.get(from);
      const b = byId.get(to);
      if (!a || !b) return;
      const col = colOf.get(from)!;
      const same = Math.abs(a.x - b.x) < 1;
      const n = same ? (sameColumn.get(col) ?? 0) : 0;
      if (same) sameColumn.set(col, n + 1);
      const e = curve(a, b, same ? (36 + 30 * n) * (col === 0 && columns.length > 1 ? -1 : 1) : 0);
      edges.push({ id: froms.length > 1 ? `${l.id}#${k}` : l.id, from, to, label: `${l.protocol}${l.port ? ` ${l.port}` : ''}`, purpose: l.purpose, ...e });
    });
  }
  separateLabels(edges);
  const width = 20 + leftRoom + rightRoom + columns.length * siteW + (columns.length - 1) * COL_GAP;
  const bottom = Math.max(siteH + 20, ...edges.map((e) => e.labelY + 10));
  return { width, height: bottom, sites, nodes, edges };
}

/** Moves link labels down until none covers another (they are few, so pairwise is fine). */
function separateLabels(edges: Edge[]): void {
  const box = (e: Edge) => {
    const w = e.label.length * LABEL_CHAR + 6;
    const x0 = e.anchor === 'start' ? e.labelX : e.anchor === 'end' ? e.labelX - w : e.labelX - w / 2;
    return { x0, x1: x0 + w, y0: e.labelY - LABEL_H + 3, y1: e.labelY + 3 };
  };
  const placed: Array<ReturnType<typeof box>> = [];
  for (const e of [...edges].sort((a, b) => a.labelY - b.labelY)) {
    for (let tries = 0; tries < 40; tries++) {
      const b = box(e);
      const hit = placed.find((p) => p.x0 < b.x1 && b.x0 < p.x1 && p.y0 < b.y1 && b.y0 < p.y1);
      if (!hit) break;
      e.labelY = hit.y1 + LABEL_H - 2;
    }
    placed.push(box(e));
  }
}

function rank(site: string): number {
  if (SOURCE_SITES.includes(site)) return 0;
  if (site === 'secondary') return 1;
  return 2;
}

/** A gentle curve from one box to another, leaving and entering at the facing sides. */
function curve(a: NodeBox, b: NodeBox, bulge: number): { path: string; labelX: number; labelY: number; anchor: Edge['anchor'] } {
  const ax = a.x + a.w / 2;
  const bx = b.x + b.w / 2;
  if (Math.abs(ax - bx) < 1) {
    // Same column: out along one side (a negative bulge is the left) and back.
    const x = bulge < 0 ? a.x : a.x + a.w;
    const y1 = a.y + a.h / 2;
    const y2 = b.y + b.h / 2;
    const out = x + bulge;
    return { path: `M ${x} ${y1} C ${out} ${y1}, ${out} ${y2}, ${x} ${y2}`, labelX: x + bulge * 0.75 + (bulge < 0 ? -4 : 4), labelY: (y1 + y2) / 2 + 4, anchor: bulge < 0 ? 'end' : 'start' };
  }
  const right = bx > ax;
  const x1 = right ? a.x + a.w : a.x;
  const x2 = right ? b.x : b.x + b.w;
  const y1 = a.y + a.h / 2;
  const y2 = b.y + b.h / 2;
  const mx = (x1 + x2) / 2;
  return { path: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, labelX: mx, labelY: (y1 + y2) / 2 - 6, anchor: 'middle' };
}
