// Where an event's label goes on a statechart arrow: clear of the text of the two states it joins.
import { describe, expect, it } from 'vitest';
import { arrow, labelRect, layoutArrows, layoutChart, type Box, type Rect } from '../../src/app/sandbox/statechartLayout';
import { H, runTo, simulate } from '../engine/helpers';

const box = (id: string, x: number, y: number, w = 100, h = 26): Box => ({ id, key: id, type: 'atomic', x, y, w, h, depth: 1, initial: false });

describe('statechart arrow labels', () => {
  it('sit below or above two states side by side, outside both', () => {
    const a = box('a', 0, 100);
    const b = box('b', 120, 100);
    for (const bend of [14, -14]) {
      const { ly, anchor } = arrow(a, b, bend);
      expect(anchor).toBe('middle');
      // Text of about 10 px stands on its baseline: it is clear when it ends above the boxes or starts below them.
      const clear = ly - 10 >= a.y + a.h || ly <= a.y;
      expect(clear, `bend ${bend}: label at y ${ly}`).toBe(true);
    }
    expect(arrow(a, b, 14).ly).not.toBe(arrow(a, b, -14).ly);
  });

  it('sit beside an arrow going down, on the side it bends to', () => {
    const a = box('a', 100, 0);
    const b = box('b', 100, 200);
    const right = arrow(a, b, -14);
    const left = arrow(a, b, 14);
    expect(new Set([right.anchor, left.anchor])).toEqual(new Set(['start', 'end']));
    const start = right.anchor === 'start' ? right : left;
    const end = right.anchor === 'start' ? left : right;
    expect(start.lx).toBeGreaterThan(150);
    expect(end.lx).toBeLessThan(150);
  });
});

const overlap = (a: Rect, b: Rect): boolean => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

describe('statechart labels of a real machine', () => {
  const file = {
    scenario: 'vmware-to-azure',
    seed: 3,
    until: '6h',
    machines: [{ id: 'vm-1', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 16 }] }],
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
  };

  it('cover no state and no other label, at a projector’s and a phone’s width', () => {
    const h = runTo(simulate(file), 3 * H);
    const replication = h.read.inspect('vm-1')!.actors.find((a) => a.title === 'Replication')!;
    expect(replication.active).toContain('replicatedItem.replicating.protected');
    expect(replication.next.length).toBeGreaterThanOrEqual(4);
    for (const width of [430, 300]) {
      const layout = layoutChart(replication.chart.root, width);
      const arrows = layoutArrows(layout, new Set(replication.active), replication.next);
      const pills = layout.boxes.filter((b) => b.type === 'atomic' || b.type === 'final');
      const labels = arrows.map((a) => ({ label: a.label, rect: labelRect(a.lx, a.ly, a.label.length, a.anchor) }));
      for (const { label, rect } of labels) {
        expect(rect[0] >= -6 && rect[0] + rect[2] <= layout.width + 6, `${width} px: "${label}" inside the drawing`).toBe(true);
        for (const p of pills) expect(overlap(rect, [p.x, p.y, p.w, p.h]), `${width} px: "${label}" over the state ${p.key}`).toBe(false);
      }
      labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => expect(overlap(a.rect, b.rect), `${width} px: "${a.label}" over "${b.label}"`).toBe(false)));
    }
  });
});
