// Tests for the per-hop item ring buffer (src/engine/data/itemQueue.ts): FIFO, growth with wrap-around, byte bookkeeping, owner count.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COPY, DELTA, ItemQueue, type QueueOwner } from '../../../src/engine/data/itemQueue';

interface Item {
  kind: number;
  endSeq: number;
  bytes: number;
  cut: number;
  arrival: number;
  payload: number;
}

const itemN = (n: number): Item => ({
  kind: n % 3 === 0 ? COPY : DELTA,
  endSeq: n * 10,
  bytes: 100 + n,
  cut: n + 0.5,
  arrival: n + 0.25,
  payload: n % 3 === 0 ? n : -1
});

const push = (q: ItemQueue, it: Item): void => q.push(it.kind, it.endSeq, it.bytes, it.cut, it.arrival, it.payload);

const read = (q: ItemQueue, k = 0): Item => ({
  kind: q.kind(k),
  endSeq: q.endSeq(k),
  bytes: q.bytes(k),
  cut: q.cut(k),
  arrival: q.arrival(k),
  payload: q.payload(k)
});

const contents = (q: ItemQueue): Item[] => Array.from({ length: q.length }, (_, k) => read(q, k));

describe('ItemQueue', () => {
  it('starts empty', () => {
    const owner: QueueOwner = { items: 0 };
    const q = new ItemQueue(owner);
    expect(q.length).toBe(0);
    expect(q.bytesQueued).toBe(0);
    expect(q.deltaBytesQueued).toBe(0);
    expect(owner.items).toBe(0);
    expect(DELTA).not.toBe(COPY);
  });

  it('is FIFO and keeps every field of an item', () => {
    const q = new ItemQueue({ items: 0 });
    for (let n = 1; n <= 5; n++) push(q, itemN(n));
    expect(q.length).toBe(5);
    expect(read(q)).toEqual(itemN(1));
    expect(read(q, 4)).toEqual(itemN(5));
    const out: Item[] = [];
    while (q.length > 0) {
      out.push(read(q));
      q.shift();
    }
    expect(out).toEqual([1, 2, 3, 4, 5].map(itemN));
  });

  it('grows past its initial capacity while wrapped around, keeping the order', () => {
    const q = new ItemQueue({ items: 0 });
    const initialBytes = q.byteSize();
    // Move the head into the middle of the ring, then fill it so that it wraps, then overflow it.
    for (let n = 0; n < 5; n++) push(q, itemN(n));
    for (let n = 0; n < 5; n++) q.shift();
    const expected: Item[] = [];
    for (let n = 5; n < 45; n++) {
      push(q, itemN(n));
      expected.push(itemN(n));
    }
    expect(q.byteSize()).toBeGreaterThan(initialBytes);
    expect(q.length).toBe(40);
    expect(contents(q)).toEqual(expected);
    // Interleave more pushes and shifts across the new capacity.
    for (let n = 45; n < 200; n++) {
      push(q, itemN(n));
      expected.push(itemN(n));
      if (n % 2 === 0) {
        expect(read(q)).toEqual(expected.shift());
        q.shift();
      }
    }
    expect(contents(q)).toEqual(expected);
  });

  it('keeps bytesQueued and deltaBytesQueued as sums over queued items', () => {
    const q = new ItemQueue({ items: 0 });
    q.push(DELTA, 1, 100, 0, 0, -1);
    q.push(COPY, 0, 40, 0, 0, 3);
    q.push(DELTA, 2, 7, 0, 0, -1);
    expect(q.bytesQueued).toBe(147);
    expect(q.deltaBytesQueued).toBe(107);
    q.shift(); // the 100-byte delta
    expect(q.bytesQueued).toBe(47);
    expect(q.deltaBytesQueued).toBe(7);
    q.shift(); // the copy segment
    expect(q.bytesQueued).toBe(7);
    expect(q.deltaBytesQueued).toBe(7);
    q.shift();
    expect(q.bytesQueued).toBe(0);
    expect(q.deltaBytesQueued).toBe(0);
  });

  it('resets the sums to exactly 0 when it empties (no floating-point residue)', () => {
    const q = new ItemQueue({ items: 0 });
    for (const b of [0.1, 0.2, 0.3]) q.push(DELTA, 0, b, 0, 0, -1);
    for (let i = 0; i < 3; i++) q.shift();
    expect(q.bytesQueued).toBe(0);
    expect(q.deltaBytesQueued).toBe(0);
  });

  it('clear() empties the queue and takes its items off the owner\'s count', () => {
    const owner: QueueOwner = { items: 0 };
    const a = new ItemQueue(owner);
    const b = new ItemQueue(owner);
    for (let n = 0; n < 12; n++) push(a, itemN(n));
    for (let n = 0; n < 3; n++) push(b, itemN(n));
    expect(owner.items).toBe(15);
    a.clear();
    expect(a.length).toBe(0);
    expect(a.bytesQueued).toBe(0);
    expect(a.deltaBytesQueued).toBe(0);
    expect(owner.items).toBe(3);
    // The queue is usable after clear().
    push(a, itemN(7));
    expect(contents(a)).toEqual([itemN(7)]);
    expect(owner.items).toBe(4);
    b.shift();
    expect(owner.items).toBe(3);
  });

  it('property: behaves like an array-backed FIFO (items, sums, owner count)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('push' as const), kind: fc.constantFrom(DELTA, COPY), bytes: fc.integer({ min: 0, max: 1_000_000 }) }),
            fc.record({ op: fc.constant('shift' as const) }),
            fc.record({ op: fc.constant('clear' as const) })
          ),
          { maxLength: 300, size: 'max' }
        ),
        (ops) => {
          const owner: QueueOwner = { items: 5 }; // other queues' items
          const q = new ItemQueue(owner);
          const model: Item[] = [];
          let n = 0;
          for (const o of ops) {
            if (o.op === 'push') {
              const item = { kind: o.kind, endSeq: n, bytes: o.bytes, cut: n / 2, arrival: n / 4, payload: n };
              n++;
              push(q, item);
              model.push(item);
            } else if (o.op === 'shift') {
              if (model.length === 0) continue;
              expect(read(q)).toEqual(model.shift());
              q.shift();
            } else {
              q.clear();
              model.length = 0;
            }
            expect(q.length).toBe(model.length);
            expect(owner.items).toBe(5 + model.length);
            expect(q.bytesQueued).toBe(model.reduce((s, x) => s + x.bytes, 0));
            expect(q.deltaBytesQueued).toBe(model.filter((x) => x.kind === DELTA).reduce((s, x) => s + x.bytes, 0));
          }
          expect(contents(q)).toEqual(model);
        }
      ),
      { numRuns: 300 }
    );
  });
});
