// Where the topology view puts things: one column per site (the source on the left, the target on
// the right), the protected machines next to the components they talk to, and a line for each
// link. Every box is sized from the width of its text, and every link label is placed on its own
// line where it covers no other label, node or site frame (a long one wraps). With several process
// servers the machines are drawn as one group per server, in a lane beside it, so each group's LAN
// link is a short straight line and every server's uplink leaves from its own box. A link between
// two sites that are not side by side runs above the site between them.

import type { TopologyView } from '../../../src/engine/view';
import { FONT, textWidth, wrapLabel } from './textFit';
import { boxOf, pathText, placeLabels, rounded, sample, type Box, type LabelDraft, type Route } from './topologyGeometry';

export type { Box };

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
  /** The label as drawn, one entry a line (a long label wraps), and the box it takes (null when not named). */
  lines: string[];
  box: Box | null;
}

export interface Layout {
  width: number;
  height: number;
  sites: Array<{ id: string; label: string; x: number; y: number; w: number; h: number }>;
  nodes: NodeBox[];
  edges: Edge[];
}

/** A label's line height, and the room between its text and its box. */
export const LABEL_LINE = 14;
const LABEL_PAD_X = 5;
const LABEL_PAD_Y = 2;
/** Where a node's text starts and ends inside its box (the health dot is left of the name). */
export const NODE_TEXT = { labelX: 26, stateX: 12, right: 10, labelY: 20, stateY: 37 } as const;
const NODE_H = 46;
const GAP_Y = 22;
const SITE_PAD = 16;
const SITE_HEAD = 28;
const MARGIN = 10;
const MIN_NODE_W = 180;
const MIN_GROUP_W = 170;
const MIN_GAP = 80;
/** A gap no link crosses. */
const EMPTY_GAP = 30;
const MIN_LANE_GAP = 70;
const SOURCE_SITES = ['primary', 'aws', 'azureSource'];
const HOST_KINDS = ['hypervHost', 'esxiHost'];

/** The node of the machines that replicate through a process server (the built-in one keeps "$machines"). */
export function groupId(server: string, builtIn: string): string {
  return server === builtIn ? '$machines' : `$machines@${server}`;
}

/** "1 machine", "3 machines", "no machines". */
export function machinesLabel(n: number): string {
  return n === 0 ? 'no machines' : `${n} machine${n === 1 ? '' : 's'}`;
}

/** The room a node's state line has. */
export function stateRoom(n: NodeBox): number {
  return n.w - NODE_TEXT.stateX - NODE_TEXT.right;
}

function labelSize(lines: string[]): { w: number; h: number } {
  return { w: Math.ceil(Math.max(...lines.map((l) => textWidth(l, FONT.label)))) + LABEL_PAD_X * 2, h: lines.length * LABEL_LINE + LABEL_PAD_Y * 2 };
}

/** The box a link's label takes (its text with a little room around it), or null when it is not drawn. */
export function labelBox(e: Edge): Box | null {
  return e.box;
}

/** The scale-out process servers moved to just after the built-in one, so the groups beside them sit together. */
function serversTogether<T extends { id: string }>(comps: T[], servers: readonly string[]): T[] {
  const scaleOut = servers.slice(1);
  const others = comps.filter((c) => !scaleOut.includes(c.id));
  const at = others.findIndex((c) => c.id === servers[0]) + 1;
  const moved = scaleOut.map((id) => comps.find((c) => c.id === id)).filter((c): c is T => c !== undefined);
  return [...others.slice(0, at), ...moved, ...others.slice(at)];
}

/** The machines just below the first component they talk to and above the others, so those links are short. */
function machinesNextToTargets<T extends { id: string }>(machines: T, comps: T[], targets: readonly string[]): T[] {
  const linked = comps.filter((c) => targets.includes(c.id));
  if (linked.length === 0) return [machines, ...comps];
  const rest = comps.filter((c) => !targets.includes(c.id));
  return [linked[0]!, machines, ...linked.slice(1), ...rest];
}

interface Draft extends LabelDraft {
  edge: Omit<Edge, 'path' | 'box'>;
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
  const links = t.links.filter((l) => l.purpose !== 'multiVm'); // drawn as a note on the machines node, not a link
  const machineTargets = links.filter((l) => l.from === '$machines').map((l) => l.to);
  type Item = { id: string; label: string; kind: string; deployable: boolean; processServer?: string };
  const columns = order.map((site, c) => {
    const grouped = site.id === serverSite && servers.length > 0;
    const comps: Item[] = t.components.filter((x) => x.site === site.id);
    const machines: Item = { id: '$machines', label: allMachines, kind: 'machines', deployable: false };
    const items: Item[] = grouped
      ? serversTogether(comps, servers)
      : SOURCE_SITES.includes(site.id)
        ? machinesNextToTargets(machines, comps, machineTargets.filter((id) => comps.some((x) => x.id === id)))
        : comps;
    if (options.recovery && site.id === targetSite) {
      items.push({ id: '$atTarget', label: 'Failed-over machines', kind: 'machines', deployable: false });
      items.push({ id: '$tests', label: 'Test network (isolated)', kind: 'machines', deployable: false });
    }
    // The groups' labels are counted live; the widest they can be is all the machines on one server.
    const lane: Item[] = grouped ? servers.map((ps) => ({ id: groupId(ps, builtIn), label: allMachines, kind: 'machines', deployable: false, processServer: ps })) : [];
    return { site, c, items, lane };
  });
  const where = new Map<string, { c: number; lane: boolean; row: number }>();
  for (const col of columns) col.items.forEach((it, row) => where.set(it.id, { c: col.c, lane: false, row }));

  // The edges to draw: a link drawn from several boxes (every host, every process server) is one edge each.
  const sourceHosts = t.components.filter((x) => HOST_KINDS.includes(x.kind) && SOURCE_SITES.includes(x.site)).map((x) => x.id);
  const fromsOf = (l: (typeof links)[number]): string[] => {
    if (l.from === '$machines') return [servers.includes(l.to) ? groupId(l.to, builtIn) : '$machines'];
    if (l.from === '$hosts') return sourceHosts.length > 0 ? sourceHosts : ['$machines'];
    // Every process server uploads over the site's one uplink.
    if (l.id === 'uplink' && servers.length > 1 && l.from === builtIn) return servers;
    return [l.from];
  };
  const pending = links.flatMap((l) => {
    const froms = fromsOf(l);
    const fanned = l.id === 'uplink' && froms.length > 1 && servers.length > 1;
    const label = `${l.protocol}${l.port ? ` ${l.port}` : ''}`;
    return froms.map((from, k) => ({
      id: froms.length > 1 ? `${l.id}#${k}` : l.id,
      from,
      to: l.to,
      label,
      purpose: l.purpose,
      // One link drawn from several boxes is named once.
      named: k === 0,
      link: l.id,
      rateKey: fanned ? `uplink@${from}` : l.id,
      lines: k === 0 ? wrapLabel(label) : []
    }));
  });
  // Groups sit in the lane, level with their process server.
  for (const col of columns) for (const g of col.lane) where.set(g.id, { c: col.c, lane: true, row: where.get(g.processServer!)?.row ?? 0 });
  const placed = pending.filter((e) => where.has(e.from) && where.has(e.to));
  const routeOf = (e: (typeof placed)[number]): Route => {
    const a = where.get(e.from)!;
    const b = where.get(e.to)!;
    if (a.c === b.c) return a.lane === b.lane ? 'bulge' : 'across';
    return Math.abs(a.c - b.c) === 1 ? 'across' : 'over';
  };
  const sizeOf = (e: (typeof placed)[number]) => (e.named ? labelSize(e.lines) : null);

  // Widths: each column as wide as its longest name, each gap as wide as the labels that sit in it.
  const nodeWidth = (items: Item[], least: number) => Math.max(least, Math.ceil(Math.max(0, ...items.map((it) => textWidth(it.label, FONT.node, true))) + NODE_TEXT.labelX + NODE_TEXT.right));
  const groupW = nodeWidth([{ id: '', label: allMachines, kind: '', deployable: false }], MIN_GROUP_W);
  const laneGap = (c: number) => {
    const inLane = placed.filter((e) => routeOf(e) === 'across' && where.get(e.from)!.c === c && where.get(e.to)!.c === c);
    return Math.max(MIN_LANE_GAP, ...inLane.map((e) => (sizeOf(e)?.w ?? 0) + 44));
  };
  const cols = columns.map((col) => {
    const lane = col.lane.length > 0 ? groupW + laneGap(col.c) : 0;
    const nodeW = nodeWidth(col.items, MIN_NODE_W);
    const siteW = Math.max(SITE_PAD * 2 + lane + nodeW, Math.ceil(textWidth(col.site.label, FONT.site, true)) + 32);
    return { ...col, laneW: lane, nodeW, siteW };
  });
  const gaps = cols.slice(0, -1).map((_, c) => {
    const inGap = placed.filter((e) => routeOf(e) === 'across' && Math.min(where.get(e.from)!.c, where.get(e.to)!.c) === c && where.get(e.from)!.c !== where.get(e.to)!.c);
    const crossing = placed.some((e) => routeOf(e) !== 'bulge' && Math.min(where.get(e.from)!.c, where.get(e.to)!.c) <= c && Math.max(where.get(e.from)!.c, where.get(e.to)!.c) > c);
    return crossing ? Math.max(MIN_GAP, ...inGap.map((e) => (sizeOf(e)?.w ?? 0) + 36)) : EMPTY_GAP;
  });

  // Heights: every site as tall as the one with most rows; a band above them for links that go over a site.
  const over = placed.filter((e) => routeOf(e) === 'over');
  const band = over.length > 0 ? Math.max(...over.map((e) => sizeOf(e)?.h ?? LABEL_LINE)) + 18 + (over.length - 1) * 10 : 0;
  const rows = Math.max(...cols.map((col) => col.items.length));
  const siteTop = MARGIN + band;
  const siteH = SITE_PAD * 2 + SITE_HEAD + rows * (NODE_H + GAP_Y) - GAP_Y;

  const nodes: NodeBox[] = [];
  let x = MARGIN;
  const sites = cols.map((col, c) => {
    const { site, items } = col;
    // Items are centred vertically in their site so links stay short.
    const used = items.length * (NODE_H + GAP_Y) - GAP_Y;
    const top = siteTop + SITE_HEAD + SITE_PAD + (siteH - SITE_HEAD - SITE_PAD * 2 - used) / 2;
    const nodeX = x + col.siteW - SITE_PAD - col.nodeW;
    items.forEach((it, k) => nodes.push({ id: it.id, label: it.label, kind: it.kind, site: site.id, x: nodeX, y: top + k * (NODE_H + GAP_Y), w: col.nodeW, h: NODE_H, deployable: it.deployable }));
    for (const g of col.lane) {
      const ps = nodes.find((n) => n.id === g.processServer);
      if (ps) nodes.push({ id: g.id, label: g.label, kind: g.kind, site: site.id, x: x + SITE_PAD, y: ps.y, w: groupW, h: NODE_H, deployable: false, processServer: g.processServer });
    }
    const box = { id: site.id, label: site.label, x, y: siteTop, w: col.siteW, h: siteH };
    x += col.siteW + (gaps[c] ?? 0);
    return box;
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Bulges out of one column: links whose rows overlap go on separate tracks, the inner one for the shorter.
  const tracks = new Map<string, number>();
  for (const col of cols) {
    const mine = placed.filter((e) => routeOf(e) === 'bulge' && where.get(e.from)!.c === col.c);
    const span = (e: (typeof mine)[number]) => [Math.min(where.get(e.from)!.row, where.get(e.to)!.row), Math.max(where.get(e.from)!.row, where.get(e.to)!.row)] as const;
    const used: Array<Array<readonly [number, number]>> = [];
    for (const e of [...mine].sort((a, b) => span(a)[1] - span(a)[0] - (span(b)[1] - span(b)[0]))) {
      const [lo, hi] = span(e);
      let k = used.findIndex((tr) => tr.every(([a, b]) => hi <= a || lo >= b));
      if (k < 0) k = used.push([]) - 1;
      used[k]!.push([lo, hi]);
      tracks.set(e.id, k);
    }
  }
  // How far each track reaches out: its labels sit on its farthest point (three quarters of the
  // way out), clear of the site's frame and of the labels of the track inside it.
  const reachOf = new Map<string, number>();
  for (const col of cols) {
    const mine = placed.filter((e) => routeOf(e) === 'bulge' && where.get(e.from)!.c === col.c);
    let peak = 0;
    let half = 0;
    for (let k = 0; mine.some((e) => tracks.get(e.id) === k); k++) {
      const on = mine.filter((e) => tracks.get(e.id) === k);
      const h = Math.max(0, ...on.map((e) => (sizeOf(e)?.w ?? 0) / 2));
      // The first clears the site's frame too: a label never sits across it.
      peak = k === 0 ? Math.max(28, h > 0 ? SITE_PAD + 6 + h : 0) : peak + Math.max(22, half + h + 8);
      half = h;
      for (const e of on) reachOf.set(e.id, peak / 0.75);
    }
  }
  const reach = (e: (typeof placed)[number]): number => reachOf.get(e.id) ?? 40;

  const drafts: Draft[] = placed.map((e) => {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const route = routeOf(e);
    const size = sizeOf(e);
    const y1 = a.y + a.h / 2;
    const y2 = b.y + b.h / 2;
    if (route === 'bulge') {
      const c = where.get(e.from)!.c;
      const left = c === 0 && cols.length > 1 && cols[0]!.lane.length === 0;
      const x0 = left ? a.x : a.x + a.w;
      const out = x0 + (left ? -1 : 1) * reach(e);
      return { edge: e, route, size, box: null, side: left ? 'left' : 'right', path: [[{ x: x0, y: y1 }, { x: out, y: y1 }, { x: out, y: y2 }, { x: x0, y: y2 }]] };
    }
    if (route === 'across') {
      const right = b.x > a.x;
      const x1 = right ? a.x + a.w : a.x;
      const x2 = right ? b.x : b.x + b.w;
      const mx = (x1 + x2) / 2;
      return { edge: e, route, size, box: null, path: [[{ x: x1, y: y1 }, { x: mx, y: y1 }, { x: mx, y: y2 }, { x: x2, y: y2 }]] };
    }
    // Over the sites between: out into the next gap, up into the band, along it, and down into the gap before the target.
    const k = over.indexOf(e);
    const right = b.x > a.x;
    const ca = where.get(e.from)!.c;
    const cb = where.get(e.to)!.c;
    const gapAfter = (c: number) => sites[c]!.x + sites[c]!.w;
    const ga = right ? gapAfter(ca) : sites[ca]!.x;
    const gb = right ? sites[cb]!.x : gapAfter(cb);
    const xa = right ? ga + gaps[ca]! - 14 - 10 * k : ga - gaps[ca - 1]! + 14 + 10 * k;
    const xb = right ? gb - gaps[cb - 1]! + 14 + 10 * k : gb + gaps[cb]! - 14 - 10 * k;
    const yb = MARGIN + band / 2 - ((over.length - 1) * 10) / 2 + k * 10;
    const x1 = right ? a.x + a.w : a.x;
    const x2 = right ? b.x : b.x + b.w;
    return { edge: e, route, size, box: null, path: rounded([{ x: x1, y: y1 }, { x: xa, y: y1 }, { x: xa, y: yb }, { x: xb, y: yb }, { x: xb, y: y2 }, { x: x2, y: y2 }], 14) };
  });

  placeLabels(drafts, nodes, sites);

  // Everything inside the drawing, with a margin: shift it all when something (a bulge, a label) reaches past the left or top.
  const boxes: Box[] = [...sites.map(boxOf), ...nodes.map(boxOf), ...drafts.flatMap((d) => (d.box ? [d.box] : [])), ...drafts.flatMap((d) => sample(d.path, 8).map((p) => ({ x0: p.x - 2, y0: p.y - 2, x1: p.x + 2, y1: p.y + 2 })))];
  const dx = MARGIN - Math.min(...boxes.map((b) => b.x0));
  const dy = MARGIN - Math.min(...boxes.map((b) => b.y0));
  const width = Math.ceil(Math.max(...boxes.map((b) => b.x1)) + dx + MARGIN);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.y1)) + dy + MARGIN);
  const move = (b: Box): Box => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });
  return {
    width,
    height,
    sites: sites.map((s) => ({ ...s, x: s.x + dx, y: s.y + dy })),
    nodes: nodes.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy })),
    edges: drafts.map((d) => ({ ...d.edge, path: pathText(d.path, dx, dy), box: d.box ? move(d.box) : null }))
  };
}

function rank(site: string): number {
  if (SOURCE_SITES.includes(site)) return 0;
  if (site === 'secondary') return 1;
  return 2;
}
