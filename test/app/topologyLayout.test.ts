// Where the topology view puts things with scale-out process servers: a machines group beside each
// process server, nothing over anything else, and an uplink from every process server.
import { describe, expect, it } from 'vitest';
import { fitParts, labelBox, layout, type Layout, type NodeBox } from '../../src/app/sandbox/layout';
import { createSimulation } from '../../src/engine/index';
import { topologyOf, type TopologyView } from '../../src/engine/view';

type Box = { x0: number; x1: number; y0: number; y1: number };
const nodeBox = (n: NodeBox): Box => ({ x0: n.x, x1: n.x + n.w, y0: n.y, y1: n.y + n.h });
const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function topology(file: Record<string, unknown>): TopologyView {
  return topologyOf(createSimulation(file).sim);
}

/** Five machines on three process servers; a fourth is added by a step (not deployed at first). */
const threeServers = (scenario: string, extra: Array<Record<string, unknown>> = []) => ({
  scenario,
  until: '12h',
  processServers: [
    { id: 'ps-02', size: '12vcpu' },
    { id: 'ps-03', size: '4vcpu' }
  ],
  machines: ['web-01', 'web-02', 'app-01', 'app-02', 'sql-01'].map((id) => ({ id, disks: [{ id: 'os', sizeGiB: 32 }] })),
  steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...extra]
});

function expectNothingOverlaps(shape: Layout, what: string): void {
  const nodes = shape.nodes;
  nodes.forEach((a, i) => nodes.slice(i + 1).forEach((b) => expect(overlap(nodeBox(a), nodeBox(b)), `${what}: node ${a.id} over ${b.id}`).toBe(false)));
  const labels = shape.edges.filter((e) => e.named).map((e) => ({ id: e.id, box: labelBox(e) }));
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => expect(overlap(a.box, b.box), `${what}: label of ${a.id} over ${b.id}`).toBe(false)));
  for (const l of labels) for (const n of nodes) expect(overlap(l.box, nodeBox(n)), `${what}: label of ${l.id} over node ${n.id}`).toBe(false);
  for (const n of nodes) {
    const site = shape.sites.find((s) => s.id === n.site)!;
    expect(n.x >= site.x && n.x + n.w <= site.x + site.w && n.y >= site.y && n.y + n.h <= site.y + site.h, `${what}: ${n.id} inside its site`).toBe(true);
  }
}

describe('topology with several process servers', () => {
  for (const scenario of ['vmware-to-azure', 'physical-to-azure', 'vmware-to-vmware', 'aws-to-azure-migration']) {
    it(`${scenario}: a machines group beside each of three process servers, nothing overlapping`, () => {
      const t = topology(threeServers(scenario, [{ at: '2h', do: 'addComponent', component: 'ps-04', size: '4vcpu' }]));
      expect(t.processServers.map((p) => p.id)).toEqual(['process-server', 'ps-02', 'ps-03', 'ps-04']);
      for (const recovery of [false, true]) {
        const shape = layout(t, { recovery });
        expectNothingOverlaps(shape, `${scenario}${recovery ? ' with recovery' : ''}`);
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
    const t = topology({ scenario: 'vmware-to-azure' });
    const shape = layout(t, { recovery: true });
    expect(shape.nodes.filter((n) => n.id.startsWith('$machines')).map((n) => n.id)).toEqual(['$machines']);
    expect(shape.edges.filter((e) => e.link === 'uplink').map((e) => e.id)).toEqual(['uplink']);
    expect(shape.nodes.some((n) => n.processServer !== undefined)).toBe(false);
    expectNothingOverlaps(shape, 'vmware-to-azure');
  });

  it('a link drawn from every host is named once, and nothing overlaps in the Hyper-V to Azure scenarios', () => {
    for (const scenario of ['hyperv-to-azure', 'vmm-to-azure']) {
      const shape = layout(topology({ scenario }), { recovery: true });
      const uplink = shape.edges.filter((e) => e.link === 'uplink');
      expect(uplink.length, scenario).toBeGreaterThan(1);
      expect(uplink.filter((e) => e.named).map((e) => e.id), scenario).toEqual(['uplink#0']);
      expectNothingOverlaps(shape, scenario);
    }
  });
});

describe('a node state line that fits', () => {
  const parts = [
    { text: '3 protected', count: 3 },
    { text: '1 initial replication', count: 1 },
    { text: '1 resync required', count: 1 }
  ];
  it('keeps every part that fits and counts the rest', () => {
    expect(fitParts(parts, 80)).toBe('3 protected, 1 initial replication, 1 resync required');
    expect(fitParts(parts, 30)).toBe('3 protected, +2 more');
    expect(fitParts(parts, 44)).toBe('3 protected, 1 initial replication, +1 more');
    expect(fitParts(parts, 5)).toBe('3 protected, +2 more');
    expect(fitParts([], 20)).toBe('');
  });
});
