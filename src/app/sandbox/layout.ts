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
}

export interface Layout {
  width: number;
  height: number;
  sites: Array<{ id: string; label: string; x: number; y: number; w: number; h: number }>;
  nodes: NodeBox[];
  edges: Edge[];
}

const SOURCE_SITES = ['primary', 'aws', 'azureSource'];
const NODE_W = 190;
const NODE_H = 46;
const GAP_Y = 22;
const SITE_PAD = 20;
const COL_GAP = 150;
const HOST_KINDS = ['hypervHost', 'esxiHost'];

export function layout(t: TopologyView): Layout {
  const order = [...t.sites].sort((a, b) => rank(a.id) - rank(b.id));
  const columns = order.map((site, c) => {
    const comps = t.components.filter((x) => x.site === site.id);
    const items = SOURCE_SITES.includes(site.id)
      ? [{ id: '$machines', label: `${t.machines.length} protected machine${t.machines.length === 1 ? '' : 's'}`, kind: 'machines', deployable: false }, ...comps]
      : comps;
    return { site, c, items };
  });
  const rows = Math.max(...columns.map((col) => col.items.length));
  const siteH = SITE_PAD * 2 + 28 + rows * (NODE_H + GAP_Y) - GAP_Y;
  const siteW = NODE_W + SITE_PAD * 2;
  const nodes: NodeBox[] = [];
  const sites = columns.map(({ site, c, items }) => {
    const x = 10 + c * (siteW + COL_GAP);
    // Items are centred vertically in their site so links stay short.
    const used = items.length * (NODE_H + GAP_Y) - GAP_Y;
    const top = 10 + 28 + SITE_PAD + (siteH - 28 - SITE_PAD * 2 - used) / 2;
    items.forEach((it, k) => nodes.push({ id: it.id, label: it.label, kind: it.kind, site: site.id, x: x + SITE_PAD, y: top + k * (NODE_H + GAP_Y), w: NODE_W, h: NODE_H, deployable: it.deployable }));
    return { id: site.id, label: site.label, x, y: 10, w: siteW, h: siteH };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hosts = nodes.filter((n) => HOST_KINDS.includes(n.kind) && SOURCE_SITES.includes(n.site));
  const edges: Edge[] = [];
  // Links that stay in one column curve out to the right, each a little further than the last.
  let sameColumn = 0;
  for (const l of t.links) {
    if (l.purpose === 'multiVm') continue; // drawn as a note on the machines node, not a link
    const froms = l.from === '$machines' ? ['$machines'] : l.from === '$hosts' ? (hosts.length > 0 ? hosts.map((h) => h.id) : ['$machines']) : [l.from];
    const to = l.to === '$machines' ? '$machines' : l.to;
    froms.forEach((from, k) => {
      const a = byId.get(from);
      const b = byId.get(to);
      if (!a || !b) return;
      const inColumn = Math.abs(a.x - b.x) < 1;
      const e = curve(a, b, inColumn ? 36 + 30 * sameColumn++ : 0);
      edges.push({ id: froms.length > 1 ? `${l.id}#${k}` : l.id, from, to, label: `${l.protocol}${l.port ? ` ${l.port}` : ''}`, purpose: l.purpose, ...e });
    });
  }
  const width = 20 + columns.length * siteW + (columns.length - 1) * COL_GAP;
  return { width, height: siteH + 20, sites, nodes, edges };
}

function rank(site: string): number {
  if (SOURCE_SITES.includes(site)) return 0;
  if (site === 'secondary') return 1;
  return 2;
}

/** A gentle curve from one box to another, leaving and entering at the facing sides. */
function curve(a: NodeBox, b: NodeBox, bulge: number): { path: string; labelX: number; labelY: number } {
  const ax = a.x + a.w / 2;
  const bx = b.x + b.w / 2;
  if (Math.abs(ax - bx) < 1) {
    // Same column: out along the right side and back.
    const x = a.x + a.w;
    const y1 = a.y + a.h / 2;
    const y2 = b.y + b.h / 2;
    const out = x + bulge;
    return { path: `M ${x} ${y1} C ${out} ${y1}, ${out} ${y2}, ${x} ${y2}`, labelX: x + bulge * 0.75, labelY: (y1 + y2) / 2 };
  }
  const right = bx > ax;
  const x1 = right ? a.x + a.w : a.x;
  const x2 = right ? b.x : b.x + b.w;
  const y1 = a.y + a.h / 2;
  const y2 = b.y + b.h / 2;
  const mx = (x1 + x2) / 2;
  return { path: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, labelX: mx, labelY: (y1 + y2) / 2 - 6 };
}
