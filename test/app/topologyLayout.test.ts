// Where the topology view puts things, in every scenario, every recovery story (with the places
// failed-over machines and test copies run) and with scale-out process servers: no label over
// another label, a node, a site's frame or a site's name; every name fits its box; nothing reaches
// past the drawing's edges; and with several process servers, a machines group beside each server.
// Text widths here are the layout's own estimates; test/e2e/topology.spec.ts measures the real ones.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_TEXT, labelBox, layout, type Box, type Layout, type NodeBox } from '../../src/app/sandbox/layout';
import { FONT, fitParts, fitText, textWidth, wrapLabel } from '../../src/app/sandbox/textFit';
import { createSimulation } from '../../src/engine/index';
import type { TopologyView } from '../../src/engine/view';

const nodeBox = (n: NodeBox): Box => ({ x0: n.x, x1: n.x + n.w, y0: n.y, y1: n.y + n.h });
const siteBox = (s: Layout['sites'][number]): Box => ({ x0: s.x, x1: s.x + s.w, y0: s.y, y1: s.y + s.h });
const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, b: Box): boolean => a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;
const show = (b: Box) => `[${b.x0.toFixed(1)}, ${b.y0.toFixed(1)} – ${b.x1.toFixed(1)}, ${b.y1.toFixed(1)}]`;

function topology(file: Record<string, unknown>): TopologyView {
  return createSimulation(file).read.topology();
}

/** Points along an SVG path of cubic segments ("M x y C x y, x y, x y ..."), as drawn. */
function pathPoints(d: string): Array<{ x: number; y: number }> {
  const n = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const out: Array<{ x: number; y: number }> = [];
  for (let i = 2; i + 5 < n.length; i += 6) {
    const [x0, y0, x1, y1, x2, y2, x3, y3] = [n[i - 2]!, n[i - 1]!, n[i]!, n[i + 1]!, n[i + 2]!, n[i + 3]!, n[i + 4]!, n[i + 5]!];
    for (let k = 0; k <= 20; k++) {
      const t = k / 20;
      const u = 1 - t;
      out.push({ x: u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3, y: u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3 });
    }
  }
  return out;
}

/** Every way the layout's boxes and text break the rules, in words (none is what we want). */
function problems(shape: Layout): string[] {
  const out: string[] = [];
  const drawing: Box = { x0: 0, y0: 0, x1: shape.width, y1: shape.height };
  const nodes = shape.nodes;
  nodes.forEach((a, i) => nodes.slice(i + 1).forEach((b) => overlap(nodeBox(a), nodeBox(b)) && out.push(`node ${a.id} over node ${b.id}`)));
  shape.sites.forEach((a, i) => shape.sites.slice(i + 1).forEach((b) => overlap(siteBox(a), siteBox(b)) && out.push(`site ${a.id} over site ${b.id}`)));
  const siteNames = shape.sites.map((s) => ({ id: s.id, box: { x0: s.x + 16, y0: s.y + 12, x1: s.x + 16 + textWidth(s.label, FONT.site, true), y1: s.y + 30 } }));
  for (const n of nodes) {
    const site = shape.sites.find((s) => s.id === n.site)!;
    if (!inside(nodeBox(n), siteBox(site))) out.push(`node ${n.id} is not inside its site`);
    for (const s of siteNames) if (overlap(s.box, nodeBox(n))) out.push(`the name of ${s.id} over node ${n.id}`);
    // Names are sized for the widest a machines group's can be ("12 machines").
    const room = n.w - NODE_TEXT.labelX - NODE_TEXT.right;
    if (textWidth(n.label, FONT.node, true) > room) out.push(`the name of node ${n.id} (${n.label}) does not fit its box`);
  }
  for (const s of siteNames) if (!inside(s.box, siteBox(shape.sites.find((x) => x.id === s.id)!))) out.push(`the name of ${s.id} does not fit its frame`);
  const labels = shape.edges.filter((e) => e.named).map((e) => ({ id: e.id, lines: e.lines, box: labelBox(e)! }));
  for (const [i, a] of labels.entries()) {
    if (!a.box) {
      out.push(`label of ${a.id} has no box`);
      continue;
    }
    const widest = Math.max(...a.lines.map((l) => textWidth(l, FONT.label)));
    if (widest > a.box.x1 - a.box.x0 - 4) out.push(`label of ${a.id} does not fit its box`);
    for (const b of labels.slice(i + 1)) if (overlap(a.box, b.box)) out.push(`label of ${a.id} ${show(a.box)} over label of ${b.id} ${show(b.box)}`);
    for (const n of nodes) if (overlap(a.box, nodeBox(n))) out.push(`label of ${a.id} over node ${n.id}`);
    for (const s of shape.sites) if (overlap(a.box, siteBox(s)) && !inside(a.box, siteBox(s))) out.push(`label of ${a.id} ${show(a.box)} across the frame of ${s.id} ${show(siteBox(s))}`);
    for (const s of siteNames) if (overlap(a.box, s.box)) out.push(`label of ${a.id} over the name of ${s.id}`);
    if (!inside(a.box, drawing)) out.push(`label of ${a.id} cut by the drawing's edge`);
  }
  for (const e of shape.edges) {
    if (!e.named && e.box) out.push(`edge ${e.id} is not named but has a label box`);
    if (pathPoints(e.path).some((p) => p.x < 0 || p.y < 0 || p.x > shape.width || p.y > shape.height)) out.push(`the line of ${e.id} cut by the drawing's edge`);
  }
  for (const n of nodes) if (!inside(nodeBox(n), drawing)) out.push(`node ${n.id} cut by the drawing's edge`);
  for (const s of shape.sites) if (!inside(siteBox(s), drawing)) out.push(`site ${s.id} cut by the drawing's edge`);
  return out;
}

const dir = new URL('../../public/scenarios/', import.meta.url);
const files = (sub: string) =>
  readdirSync(new URL(sub, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: `${sub}${f}`, file: JSON.parse(readFileSync(new URL(`${sub}${f}`, dir), 'utf8')) as Record<string, unknown> }));

/** Five machines on three process servers; a fourth is added by a step (not deployed at first). */
const threeServers = (scenario: string) => ({
  scenario,
  until: '12h',
  processServers: [
    { id: 'ps-02', size: '12vcpu' },
    { id: 'ps-03', size: '4vcpu' }
  ],
  machines: ['web-01', 'web-02', 'app-01', 'app-02', 'sql-01'].map((id) => ({ id, disks: [{ id: 'os', sizeGiB: 32 }] })),
  steps: [
    { at: '0s', do: 'enableReplication', machines: 'all' },
    { at: '2h', do: 'addComponent', component: 'ps-04', size: '4vcpu' }
  ]
});
const SCALE_OUT = ['vmware-to-azure', 'physical-to-azure', 'vmware-to-vmware', 'aws-to-azure-migration'];

describe('every topology: nothing over anything, nothing cut', () => {
  const all = [...files(''), ...files('recovery/'), ...SCALE_OUT.map((s) => ({ name: `${s} with scale-out process servers`, file: threeServers(s) }))];
  it('covers the nine scenarios, the ten recovery stories and four with scale-out servers', () => {
    expect(all.map((f) => f.name).filter((n) => !n.includes('/') && n.endsWith('.json'))).toHaveLength(9);
    expect(all.filter((f) => f.name.startsWith('recovery/'))).toHaveLength(10);
  });
  for (const { name, file } of all) {
    it(name, () => {
      const t = topology(file);
      for (const recovery of [false, true]) {
        const shape = layout(t, { recovery });
        expect(problems(shape), `${name}${recovery ? ' with the recovery nodes' : ''}`).toEqual([]);
        expect(shape.nodes.some((n) => n.id === '$atTarget')).toBe(recovery);
        expect(shape.edges.filter((e) => e.named).length).toBeGreaterThan(0);
      }
    });
  }

  it('the check finds a label over a node, across a frame and past the edge', () => {
    const shape = layout(topology({ scenario: 'vmware-to-azure' }), { recovery: true });
    const node = shape.nodes[0]!;
    const moved = structuredClone(shape);
    const e = moved.edges.find((x) => x.named)!;
    e.box = { x0: node.x + 4, y0: node.y + 4, x1: node.x + 60, y1: node.y + 20 };
    expect(problems(moved).join('\n')).toMatch(/over node/);
    e.box = { x0: moved.sites[0]!.x - 10, y0: moved.sites[0]!.y + 200, x1: moved.sites[0]!.x + 10, y1: moved.sites[0]!.y + 216 };
    expect(problems(moved).join('\n')).toMatch(/across the frame/);
    e.box = { x0: -5, y0: 0, x1: 60, y1: 18 };
    expect(problems(moved).join('\n')).toMatch(/cut by the drawing's edge/);
  });

  it('the long Hyper-V Replica label wraps at its slash and fits between the sites', () => {
    const shape = layout(topology({ scenario: 'vmm-to-vmm' }), { recovery: true });
    const uplink = shape.edges.find((e) => e.link === 'uplink' && e.named)!;
    expect(uplink.label).toBe('HTTP (Kerberos) / HTTPS (certificate) 8083');
    expect(uplink.lines).toEqual(['HTTP (Kerberos) /', 'HTTPS (certificate) 8083']);
    const [primary, secondary] = shape.sites;
    expect(uplink.box!.x0).toBeGreaterThan(primary!.x + primary!.w);
    expect(uplink.box!.x1).toBeLessThan(secondary!.x);
  });

  it('a link between sites that are not side by side runs above the site between them', () => {
    const shape = layout(topology({ scenario: 'vmm-to-vmm' }), { recovery: true });
    const secondary = shape.sites.find((s) => s.id === 'secondary')!;
    const orchestration = shape.edges.find((e) => e.link === 'orchestration')!;
    const over = pathPoints(orchestration.path).filter((p) => p.x > secondary.x && p.x < secondary.x + secondary.w);
    expect(over.length).toBeGreaterThan(0);
    expect(Math.max(...over.map((p) => p.y))).toBeLessThan(secondary.y);
    expect(orchestration.box!.y1).toBeLessThan(secondary.y);
  });
});

describe('topology with several process servers', () => {
  for (const scenario of SCALE_OUT) {
    it(`${scenario}: a machines group beside each of three process servers`, () => {
      const t = topology(threeServers(scenario));
      expect(t.processServers.map((p) => p.id)).toEqual(['process-server', 'ps-02', 'ps-03', 'ps-04']);
      for (const recovery of [false, true]) {
        const shape = layout(t, { recovery });
        const byId = new Map(shape.nodes.map((n) => [n.id, n]));
        for (const ps of t.processServers) {
          const group = shape.nodes.find((n) => n.processServer === ps.id)!;
          expect(group, `the machines group of ${ps.id}`).toBeDefined();
          expect(group.id).toBe(ps.id === 'process-server' ? '$machines' : `$machines@${ps.id}`);
          // Level with its server, to its left: the LAN link is a straight line.
          const server = byId.get(ps.id)!;
          expect(group.y).toBe(server.y);
          expect(group.x + group.w).toBeLessThan(server.x);
          const lanId = ps.id === 'process-server' ? 'lan' : `lan-${ps.id}`;
          const lan = shape.edges.filter((e) => e.link === lanId);
          expect(lan.map((e) => [e.id, e.from, e.to]), `the LAN link of ${ps.id}`).toEqual([[lanId, group.id, ps.id]]);
          // Its label sits on the line, between the two boxes.
          expect(lan[0]!.box!.x0).toBeGreaterThan(group.x + group.w);
          expect(lan[0]!.box!.x1).toBeLessThan(server.x);
          const uplink = shape.edges.filter((e) => e.link === 'uplink' && e.from === ps.id);
          expect(uplink, `the uplink of ${ps.id}`).toHaveLength(1);
          expect(uplink[0]!.id).toMatch(/^uplink#\d$/);
          expect(uplink[0]!.rateKey).toBe(`uplink@${ps.id}`);
          // The shared uplink is named once, on the built-in server's edge.
          expect(uplink[0]!.named).toBe(ps.id === 'process-server');
        }
        // One machines node per process server, and none for all of them.
        expect(shape.nodes.filter((n) => n.kind === 'machines' && n.id.startsWith('$machines'))).toHaveLength(4);
        expect(new Set(shape.edges.map((e) => e.id)).size).toBe(shape.edges.length);
      }
    });
  }

  it('the drawing of one process server is as before: one machines node, one uplink', () => {
    const shape = layout(topology({ scenario: 'vmware-to-azure' }), { recovery: true });
    expect(shape.nodes.filter((n) => n.id.startsWith('$machines')).map((n) => n.id)).toEqual(['$machines']);
    expect(shape.edges.filter((e) => e.link === 'uplink').map((e) => e.id)).toEqual(['uplink']);
    expect(shape.nodes.some((n) => n.processServer !== undefined)).toBe(false);
  });

  it('a link drawn from every host is named once in the Hyper-V to Azure scenarios', () => {
    for (const scenario of ['hyperv-to-azure', 'vmm-to-azure']) {
      const shape = layout(topology({ scenario }), { recovery: true });
      const uplink = shape.edges.filter((e) => e.link === 'uplink');
      expect(uplink.length, scenario).toBeGreaterThan(1);
      expect(uplink.filter((e) => e.named).map((e) => e.id), scenario).toEqual(['uplink#0']);
      expect(uplink.filter((e) => e.box !== null).map((e) => e.id), scenario).toEqual(['uplink#0']);
    }
  });
});

describe('a node state line that fits', () => {
  const parts = [
    { text: '3 protected', count: 3 },
    { text: '1 initial replication', count: 1 },
    { text: '1 resync required', count: 1 }
  ];
  const width = (s: string) => textWidth(s, FONT.state);
  it('keeps every part that fits and counts the rest', () => {
    const all = '3 protected, 1 initial replication, 1 resync required';
    expect(fitParts(parts, width(all))).toBe(all);
    expect(fitParts(parts, width(all) - 1)).toBe('3 protected, 1 initial replication, +1 more');
    expect(fitParts(parts, width('3 protected, +2 more'))).toBe('3 protected, +2 more');
    expect(fitParts([], 100)).toBe('');
  });
  it('never returns a line wider than the room, however little there is', () => {
    for (const room of [20, 40, 60, 90, 120, 160, 200, 260, 400]) {
      expect(width(fitParts(parts, room)), `in ${room} px`).toBeLessThanOrEqual(room);
      expect(width(fitText('waiting for the initial replication to finish', room)), `in ${room} px`).toBeLessThanOrEqual(room);
    }
    expect(fitText('running', 200)).toBe('running');
    expect(fitText('waiting for the initial replication to finish', 120)).toMatch(/…$/);
  });
  it('wraps only labels too long for one line, and never splits a word', () => {
    expect(wrapLabel('HTTPS 443')).toEqual(['HTTPS 443']);
    expect(wrapLabel('SAN replication (synchronous)')).toEqual(['SAN replication', '(synchronous)']);
  });
});
