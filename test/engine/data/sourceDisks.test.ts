// Tests for the source disks and their write log (src/engine/data/sourceDisks.ts), checked against a naive snapshot model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packBlock } from '../../../src/engine/data/blocks';
import { SourceDisks } from '../../../src/engine/data/sourceDisks';

/** The naive model: a full copy of every disk after each write (index = watermark). */
class Model {
  snapshots: number[][][];
  times: number[] = [0];
  constructor(diskBlocks: number[]) {
    this.snapshots = [diskBlocks.map((n) => new Array<number>(n).fill(0))];
  }
  write(t: number, disk: number, block: number): void {
    const next = this.snapshots[this.snapshots.length - 1]!.map((d) => [...d]);
    next[disk]![block] = this.snapshots.length; // the write's sequence number
    this.snapshots.push(next);
    this.times.push(t);
  }
  resize(disk: number, blocks: number): void {
    for (const snap of this.snapshots) while (snap[disk]!.length < blocks) snap[disk]!.push(0);
  }
}

const plain = (disks: Uint32Array[]): number[][] => disks.map((d) => Array.from(d));

/** Deterministic pseudo-random (disk, block) pairs for bulk tests (independent of the engine's generator). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x / 4_294_967_296;
  };
}

describe('SourceDisks', () => {
  it('starts with zeroed disks and no writes', () => {
    const src = new SourceDisks([3, 5]);
    expect(plain(src.disks)).toEqual([[0, 0, 0], [0, 0, 0, 0, 0]]);
    expect(src.seq).toBe(0);
    expect(src.oldestLogged).toBe(1);
    expect(src.loggedWrites).toBe(0);
    expect(plain(src.contentAt(0))).toEqual([[0, 0, 0], [0, 0, 0, 0, 0]]);
  });

  it('write() returns increasing sequence numbers and sets the block to its version', () => {
    const src = new SourceDisks([4, 4]);
    expect(src.write(1, packBlock(0, 2))).toBe(1);
    expect(src.write(2, packBlock(1, 3))).toBe(2);
    expect(src.write(3, packBlock(0, 2))).toBe(3);
    expect(src.seq).toBe(3);
    expect(plain(src.disks)).toEqual([[0, 0, 3, 0], [0, 0, 0, 2]]);
    expect(src.loggedWrites).toBe(3);
    expect(src.timeOf(2)).toBe(2);
    expect(src.packedBlockOf(2)).toBe(packBlock(1, 3));
    expect(src.packedBlockOf(3)).toBe(packBlock(0, 2));
  });

  it('contentAt(w) reconstructs every earlier watermark (hand-made case)', () => {
    const src = new SourceDisks([3, 2]);
    const model = new Model([3, 2]);
    const writes: Array<[number, number]> = [[0, 0], [1, 1], [0, 0], [0, 2], [1, 1], [1, 0], [0, 0]];
    writes.forEach(([d, b], i) => {
      src.write(i, packBlock(d, b));
      model.write(i, d, b);
    });
    for (let w = 0; w <= src.seq; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
    // A watermark beyond the newest write is the current content.
    expect(plain(src.contentAt(src.seq + 5))).toEqual(plain(src.disks));
    // contentAt does not disturb the live disks.
    expect(plain(src.disks)).toEqual(model.snapshots[src.seq]);
  });

  it('property: contentAt(w) equals the naive model for every watermark', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat()), { minLength: 1, maxLength: 120, size: 'max' }),
        (raw) => {
          const sizes = [5, 1, 9];
          const src = new SourceDisks(sizes);
          const model = new Model(sizes);
          raw.forEach(([d, b], i) => {
            src.write(i, packBlock(d, b % sizes[d]!));
            model.write(i, d, b % sizes[d]!);
          });
          for (let w = 0; w <= src.seq; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('forgetBefore(k): watermarks older than k - 1 throw, k - 1 and newer still work', () => {
    const src = new SourceDisks([4]);
    const model = new Model([4]);
    for (let i = 0; i < 10; i++) {
      src.write(i * 10, packBlock(0, i % 4));
      model.write(i * 10, 0, i % 4);
    }
    src.forgetBefore(6); // writes 1..5 are forgotten
    expect(src.oldestLogged).toBe(6);
    expect(src.loggedWrites).toBe(5);
    for (let w = 0; w <= 4; w++) expect(() => src.contentAt(w)).toThrow(RangeError);
    for (let w = 5; w <= 10; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
    expect(() => src.timeOf(5)).toThrow(RangeError);
    expect(src.timeOf(6)).toBe(50);
    expect(src.packedBlockOf(6)).toBe(packBlock(0, 1));
    // Forgetting less than already forgotten changes nothing.
    src.forgetBefore(3);
    expect(src.oldestLogged).toBe(6);
    expect(plain(src.contentAt(5))).toEqual(model.snapshots[5]);
  });

  it('forgetBefore past the newest write empties the log; writing goes on', () => {
    const src = new SourceDisks([2]);
    const model = new Model([2]);
    for (let i = 0; i < 5; i++) {
      src.write(i, packBlock(0, i % 2));
      model.write(i, 0, i % 2);
    }
    src.forgetBefore(100);
    expect(src.loggedWrites).toBe(0);
    expect(src.oldestLogged).toBe(6);
    expect(plain(src.contentAt(5))).toEqual(model.snapshots[5]);
    expect(() => src.contentAt(4)).toThrow(RangeError);
    expect(() => src.timeOf(6)).toThrow(RangeError);
    for (let i = 5; i < 9; i++) {
      expect(src.write(i, packBlock(0, i % 2))).toBe(i + 1);
      model.write(i, 0, i % 2);
    }
    for (let w = 5; w <= 9; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
  });

  it('resize grows a disk with zeros, keeps its content, and never shrinks', () => {
    const src = new SourceDisks([2, 3]);
    const model = new Model([2, 3]);
    src.write(1, packBlock(0, 1));
    model.write(1, 0, 1);
    src.resize(0, 5);
    model.resize(0, 5);
    expect(plain(src.disks)).toEqual([[0, 1, 0, 0, 0], [0, 0, 0]]);
    src.resize(0, 3);
    src.resize(1, 3);
    expect(src.disks.map((d) => d.length)).toEqual([5, 3]);
    src.write(2, packBlock(0, 4));
    model.write(2, 0, 4);
    src.write(3, packBlock(0, 1));
    model.write(3, 0, 1);
    // Older watermarks come back at the new size, with the new blocks at version 0.
    for (let w = 0; w <= 3; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
    expect(src.byteSize()).toBeGreaterThanOrEqual((5 + 3) * 4);
  });

  it('seqAtTime finds the newest write at or before t', () => {
    const src = new SourceDisks([1]);
    const times = [1, 1, 2, 5, 5, 5, 9];
    for (const t of times) src.write(t, packBlock(0, 0));
    expect(src.seqAtTime(0)).toBe(0);
    expect(src.seqAtTime(0.999)).toBe(0);
    expect(src.seqAtTime(1)).toBe(2);
    expect(src.seqAtTime(1.5)).toBe(2);
    expect(src.seqAtTime(2)).toBe(3);
    expect(src.seqAtTime(4.99)).toBe(3);
    expect(src.seqAtTime(5)).toBe(6);
    expect(src.seqAtTime(8)).toBe(6);
    expect(src.seqAtTime(9)).toBe(7);
    expect(src.seqAtTime(1e9)).toBe(7);
    // Once writes are forgotten, the answer never goes below the log's base.
    src.forgetBefore(4);
    expect(src.seqAtTime(0)).toBe(3);
    expect(src.seqAtTime(5)).toBe(6);
  });

  it('property: seqAtTime agrees with a linear search', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80, size: 'max' }),
        fc.integer({ min: -1, max: 300 }),
        (gaps, probe) => {
          const src = new SourceDisks([1]);
          const times: number[] = [];
          let t = 0;
          for (const g of gaps) {
            t += g;
            times.push(t);
            src.write(t, 0);
          }
          let expected = 0;
          times.forEach((x, i) => {
            if (x <= probe) expected = i + 1;
          });
          expect(src.seqAtTime(probe)).toBe(expected);
        }
      )
    );
  });

  it('keeps the whole log when it grows past its initial capacity (1500 writes)', () => {
    const sizes = [7, 13];
    const src = new SourceDisks(sizes);
    const model = new Model(sizes);
    const rnd = lcg(1);
    const initialBytes = src.byteSize();
    for (let i = 0; i < 1500; i++) {
      const d = rnd() < 0.5 ? 0 : 1;
      const b = Math.floor(rnd() * sizes[d]!);
      expect(src.write(i * 0.5, packBlock(d, b))).toBe(i + 1);
      model.write(i * 0.5, d, b);
    }
    expect(src.byteSize()).toBeGreaterThan(initialBytes); // the log did grow
    expect(src.loggedWrites).toBe(1500);
    expect(src.oldestLogged).toBe(1);
    for (let w = 0; w <= 1500; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
    for (let s = 1; s <= 1500; s++) expect(src.timeOf(s)).toBe(model.times[s]);
  });

  it('keeps the live log intact when it is compacted after forgetBefore', () => {
    const sizes = [11];
    const src = new SourceDisks(sizes);
    const model = new Model(sizes);
    const rnd = lcg(2);
    const writeOne = (i: number): void => {
      const b = Math.floor(rnd() * 11);
      src.write(i, packBlock(0, b));
      model.write(i, 0, b);
    };
    let i = 0;
    for (; i < 1000; i++) writeOne(i); // log capacity grows 256 -> 512 -> 1024 rows
    src.forgetBefore(900);
    const bytesBefore = src.byteSize();
    for (; i < 1700; i++) writeOne(i); // fills the 1024 rows again: live rows are shifted, not doubled
    expect(src.byteSize()).toBe(bytesBefore);
    expect(src.loggedWrites).toBe(1700 - 899);
    expect(() => src.contentAt(898)).toThrow(RangeError);
    for (let w = 899; w <= 1700; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
    for (let s = 900; s <= 1700; s++) {
      expect(src.timeOf(s)).toBe(model.times[s]);
      expect(src.seqAtTime(model.times[s]!)).toBe(s);
    }
    // Several rounds of forgetting and writing keep everything consistent.
    for (let round = 0; round < 5; round++) {
      src.forgetBefore(src.seq - 50);
      for (let k = 0; k < 400; k++) writeOne(i++);
      for (let w = src.oldestLogged - 1; w <= src.seq; w++) expect(plain(src.contentAt(w))).toEqual(model.snapshots[w]);
    }
  });
});
