// Where the topology view puts things: one column per site (the source on the left, the target
// on the right), the protected machines at the top of the source site, components below, and a
// curve for each link with its label at the middle (once for a link drawn from several boxes). With several process servers the machines are
// drawn as one group per process server, in a lane of their own beside it, so each group's LAN
// link is a short straight line and every server's uplink leaves from its own box.

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
  /** For a machines group (with several process servers): the process server its machines replicate through. */
  processServer?: string;
}

export interface Edge {
  id: string;
  from: string;
  to: string;
  label: string;
  purpose: string;
  /** Whether its label is drawn: a link drawn from several boxes is named on its first edge only. */
  named: boolean;
  /** The link it draws (edges of one link drawn from several boxes have ids `link#k`). */
  link: string;
  /** Where its rate is read in the link rates: the link's id, or `uplink@<server>` for one process server's share of the uplink. */
  rateKey: string;
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
/** Least room between the machines lane and the components; more when a LAN link's label ("HTTPS 9443") needs it. */
const LANE_GAP = 84;
/** Least width of a machines group: its state line ("2 initial replication") must fit. */
const MIN_GROUP_W = 160;

/** The node of the machines that replicate through a process server (the built-in one keeps "$machines"). */
export function groupId(server: string, builtIn: string): string {
  return server === builtIn ? '$machines' : `$machines@${server}`;
}

/** "1 machine", "3 machines", "no machines". */
export function machinesLabel(n: number): string {
  return n === 0 ? 'no machines' : `${n} machine${n === 1 ? '' : 's'}`;
}

/**
 * Parts of a node's state line ("3 protected", "1 resyncing"), as many as fit in `chars`
 * characters, the rest counted as "+N more" (`counts` says how many machines each part stands for).
 */
export function fitParts(parts: ReadonlyArray<{ text: string; count: number }>, chars: number): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const rest = parts.slice(i + 1).reduce((n, q) => n + q.count, 0);
    const more = rest > 0 ? `, +${rest} more`.length : 0;
    const add = (out.length > 0 ? 2 : 0) + p.text.length;
    if (out.length > 0 && used + add + more > chars) {
      out.push(`+${parts.slice(i).reduce((n, q) => n + q.count, 0)} more`);
      return out.join(', ');
    }
    out.push(p.text);
    used += add;
  }
  return out.join(', ');
}

/** The scale-out process servers moved to just after the built-in one, so the groups beside them sit together. */
function serversTogether<T extends { id: string }>(comps: T[], servers: readonly string[]): T[] {
  const scaleOut = servers.slice(1);
  const others = comps.filter((c) => !scaleOut.includes(c.id));
  const at = others.findIndex((c) => c.id === servers[0]) + 1;
  const moved = scaleOut.map((id) => comps.find((c) => c.id === id)).filter((c): c is T => c !== undefined);
  return [...others.slice(0, at), ...moved, ...others.slice(at)];
}

/**
 * With `recovery`, the target site also shows where failed-over machines run and the isolated
 * network test copies start in ("$atTarget", "$tests").
 */
export function layout(t: TopologyView, options: { recovery?: boolean } = {}): Layout {
  const targetSite = t.components.find((c) => c.id === t.replicaAt)?.site;
  // With several process servers, the machines are grouped by the one they replicate through.
  const servers = t.processServers.length > 1 ? t.processServers.map((p) => p.id) : [];
  const builtIn = servers[0] ?? '';
  const serverSite = t.components.find((c) => c.id === builtIn)?.site;
  const order = [...t.sites].sort((a, b) => rank(a.id) - rank(b.id));
  const allMachines = machinesLabel(t.machines.length);
  const columns = order.map((site, c) => {
    const grouped = site.id === serverSite;
    const comps = t.components.filter((x) => x.site === site.id);
    const items: Array<{ id: string; label: string; kind: string; deployable: boolean }> = grouped
      ? serversTogether(comps, servers)
      : SOURCE_SITES.includes(site.id)
        ? [{ id: '$machines', label: allMachines, kind: 'machines', deployable: false }, ...comps]
        : comps;
    if (options.recovery && site.id === targetSite) {
      items.push({ id: '$atTarget', label: 'Failed-over machines', kind: 'machines', deployable: false });
      items.push({ id: '$tests', label: 'Test network (isolated)', kind: 'machines', deployable: false });
    }
    // The groups' labels are counted live; the widest they can be is all the machines on one server.
    const lane = grouped ? servers.map((ps) => ({ id: groupId(ps, builtIn), label: allMachines, kind: 'machines', deployable: false, processServer: ps })) : [];
    return { site, c, items, lane };
  });
  const rows = Math.max(...columns.map((col) => col.items.length));
  const NODE_W = Math.max(MIN_NODE_W, Math.ceil(Math.max(...columns.flatMap((col) => col.items.map((it) => it.label.length))) * NODE_CHAR + 40));
  // Groups' labels are short ("12 machines"), so their lane is narrower than the components'.
  const GROUP_W = Math.max(MIN_GROUP_W, Math.ceil(allMachines.length * NODE_CHAR + 40));
  // Links inside one column (and one lane) curve out on the outer side: left of the first column, right of the others.
  const colOf = new Map(columns.flatMap((col) => [...col.items.map((it) => [it.id, `${col.c}`] as const), ...col.lane.map((it) => [it.id, `${col.c} lane`] as const)]));
  const fromsOf = (l: TopologyView['links'][number], hostIds: string[]): string[] => {
    if (l.from === '$machines') return [servers.includes(l.to) ? groupId(l.to, builtIn) : '$machines'];
    if (l.from === '$hosts') return hostIds.length > 0 ? hostIds : ['$machines'];
    // Every process server uploads over the site's one uplink.
    if (l.id === 'uplink' && servers.length > 1 && l.from === builtIn) return servers;
    return [l.from];
  };
  const sourceHosts = t.components.filter((x) => HOST_KINDS.includes(x.kind) && SOURCE_SITES.includes(x.site)).map((x) => x.id);
  const inColumn = (c: number) =>
    t.links.filter((l) => l.purpose !== 'multiVm').filter((l) => {
      const from = fromsOf(l, sourceHosts)[0]!;
      return colOf.get(from) === `${c}` && colOf.get(l.to) === `${c}`;
    }).length;
  const bulgeRoom = (n: number) => (n > 0 ? 36 + 30 * (n - 1) + 80 : 0);
  const leftRoom = bulgeRoom(inColumn(0));
  const rightRoom = columns.length > 1 ? bulgeRoom(inColumn(columns.length - 1)) : 0;
  const siteH = SITE_PAD * 2 + 28 + rows * (NODE_H + GAP_Y) - GAP_Y;
  const laneLabel = Math.max(0, ...t.links.filter((l) => l.from === '$machines' && servers.includes(l.to)).map((l) => `${l.protocol}${l.port ? ` ${l.port}` : ''}`.length));
  const laneGap = Math.max(LANE_GAP, Math.ceil(laneLabel * LABEL_CHAR + 6 + 20));
  const laneW = (col: (typeof columns)[number]) => (col.lane.length > 0 ? GROUP_W + laneGap : 0);
  const nodes: NodeBox[] = [];
  let x = 10 + leftRoom;
  const sites = columns.map((col) => {
    const { site, items } = col;
    const siteW = NODE_W + laneW(col) + SITE_PAD * 2;
    // Items are centred vertically in their site so links stay short.
    const used = items.length * (NODE_H + GAP_Y) - GAP_Y;
    const top = 10 + 28 + SITE_PAD + (siteH - 28 - SITE_PAD * 2 - used) / 2;
    items.forEach((it, k) => nodes.push({ id: it.id, label: it.label, kind: it.kind, site: site.id, x: x + SITE_PAD + laneW(col), y: top + k * (NODE_H + GAP_Y), w: NODE_W, h: NODE_H, deployable: it.deployable }));
    // Each group sits level with its process server.
    for (const g of col.lane) {
      const ps = nodes.find((n) => n.id === g.processServer);
      if (ps) nodes.push({ id: g.id, label: g.label, kind: g.kind, site: site.id, x: x + SITE_PAD, y: ps.y, w: GROUP_W, h: NODE_H, deployable: false, processServer: g.processServer });
    }
    const box = { id: site.id, label: site.label, x, y: 10, w: siteW, h: siteH };
    x += siteW + COL_GAP;
    return box;
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hosts = nodes.filter((n) => HOST_KINDS.includes(n.kind) && SOURCE_SITES.includes(n.site)).map((n) => n.id);
  const edges: Edge[] = [];
  // Links that stay in one column curve out, each a little further than the last.
  const sameColumn = new Map<string, number>();
  for (const l of t.links) {
    if (l.purpose === 'multiVm') continue; // drawn as a note on the machines node, not a link
    const froms = fromsOf(l, hosts);
    const to = l.to;
    const fanned = l.id === 'uplink' && froms.length > 1 && servers.length > 1;
    froms.forEach((from, k) => {
      const a = byId.get(from);
      const b = byId.get(to);
      if (!a || !b) return;
      const col = colOf.get(from)!;
      const same = Math.abs(a.x - b.x) < 1;
      const n = same ? (sameColumn.get(col) ?? 0) : 0;
      if (same) sameColumn.set(col, n + 1);
      const e = curve(a, b, same ? (36 + 30 * n) * (col === '0' && columns.length > 1 ? -1 : 1) : 0);
      const id = froms.length > 1 ? `${l.id}#${k}` : l.id;
      // One link drawn from several boxes (every host, every process server) is named once.
      edges.push({ id, from, to, label: `${l.protocol}${l.port ? ` ${l.port}` : ''}`, named: k === 0, purpose: l.purpose, link: l.id, rateKey: fanned ? `uplink@${from}` : l.id, ...e });
    });
  }
  separateLabels(edges);
  const width = x - COL_GAP + 10 + rightRoom;
  const bottom = Math.max(siteH + 20, ...edges.filter((e) => e.named).map((e) => e.labelY + 10));
  return { width, height: bottom, sites, nodes, edges };
}

/** The box a link's label takes (its text, 11 px, with a little room around it). */
export function labelBox(e: Edge): { x0: number; x1: number; y0: number; y1: number } {
  const w = e.label.length * LABEL_CHAR + 6;
  const x0 = e.anchor === 'start' ? e.labelX : e.anchor === 'end' ? e.labelX - w : e.labelX - w / 2;
  return { x0, x1: x0 + w, y0: e.labelY - LABEL_H + 3, y1: e.labelY + 3 };
}

/** Moves link labels down until none covers another (they are few, so pairwise is fine). */
function separateLabels(edges: Edge[]): void {
  const box = labelBox;
  const placed: Array<ReturnType<typeof box>> = [];
  for (const e of [...edges].filter((x) => x.named).sort((a, b) => a.labelY - b.labelY)) {
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
