// Where an event's label goes on a statechart arrow: clear of the text of the two states it joins.
import { describe, expect, it } from 'vitest';
import { arrow, type Box } from '../../src/app/sandbox/statechartLayout';

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
