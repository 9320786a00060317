// Tests for chunk checksums (src/engine/data/checksum.ts): differingChunks finds exactly the changed chunks; sameContent.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkChecksum, differingChunks, sameContent } from '../../../src/engine/data/checksum';

/** Chunks that truly differ, computed block by block (the expectation the checksums must meet). */
function naiveDiffering(a: Uint32Array, b: Uint32Array, chunkBlocks: number): number[] {
  const out: number[] = [];
  for (let c = 0; c * chunkBlocks < a.length; c++) {
    for (let i = c * chunkBlocks; i < Math.min(a.length, (c + 1) * chunkBlocks); i++) {
      if (i >= b.length || a[i] !== b[i]) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('chunkChecksum', () => {
  it('is deterministic and depends on the content and on the chunk position', () => {
    const a = new Uint32Array([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(chunkChecksum(a, 0, 4)).toBe(chunkChecksum(a.slice(), 0, 4));
    // Same content at another position checksums differently.
    expect(chunkChecksum(a, 0, 4)).not.toBe(chunkChecksum(a, 4, 8));
    const b = a.slice();
    b[2] = 0x01000003; // differs only in the top byte
    expect(chunkChecksum(a, 0, 4)).not.toBe(chunkChecksum(b, 0, 4));
    const x = chunkChecksum(a, 0, 4);
    expect(Number.isInteger(x) && x >= 0 && x <= 0xffffffff).toBe(true);
  });
});

describe('differingChunks', () => {
  it('finds nothing for identical disks and everything against an unreplicated replica', () => {
    const src = new Uint32Array([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(differingChunks(src, src.slice(), 2)).toEqual([]);
    expect(differingChunks(src, new Uint32Array(8).fill(0xffffffff), 2)).toEqual([0, 1, 2, 3]);
  });

  it('finds exactly the changed chunks (hand-made case)', () => {
    const src = new Uint32Array(16).map((_, i) => i + 1);
    const rep = src.slice();
    rep[0] = 0;
    rep[13] = 99;
    rep[14] = 98;
    expect(differingChunks(src, rep, 4)).toEqual([0, 3]);
    expect(differingChunks(src, rep, 16)).toEqual([0]);
    expect(differingChunks(src, rep, 1)).toEqual([0, 13, 14]);
  });

  it('handles a last chunk that is only partly inside the disk', () => {
    const src = new Uint32Array(10).map((_, i) => i + 100);
    // 10 blocks in chunks of 4: chunks 0, 1 and a partial chunk 2 (blocks 8 and 9).
    expect(differingChunks(src, src.slice(), 4)).toEqual([]);
    const rep = src.slice();
    rep[9] = 0;
    expect(differingChunks(src, rep, 4)).toEqual([2]);
    // A replica shorter than the source (the source grew): the chunk reaching past its end differs.
    expect(differingChunks(src, src.slice(0, 9), 4)).toEqual([2]);
    expect(differingChunks(src, src.slice(0, 8), 4)).toEqual([2]);
    expect(differingChunks(src, src.slice(0, 7), 4)).toEqual([1, 2]);
    // Even when the source's new blocks were never written (version 0), the replica lacks them.
    expect(differingChunks(Uint32Array.from([1, 2, 3, 0]), Uint32Array.from([1, 2, 3]), 2)).toEqual([1]);
    expect(differingChunks(Uint32Array.from([1, 2, 0, 0]), Uint32Array.from([1, 2]), 2)).toEqual([1]);
    // Extra replica blocks beyond the source's end are ignored.
    const longer = new Uint32Array(12);
    longer.set(src);
    longer[11] = 42;
    expect(differingChunks(src, longer, 4)).toEqual([]);
  });

  it('property: equals the block-by-block comparison for random arrays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 80, size: 'max' }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 80, size: 'max' }),
        fc.integer({ min: 1, max: 9 }),
        (xs, ys, chunk) => {
          // Small value range so that equal chunks are common.
          const a = Uint32Array.from(xs);
          const b = Uint32Array.from(xs.map((x, i) => (i < ys.length && ys[i]! === 0 ? x + 1 : x)));
          expect(differingChunks(a, b, chunk)).toEqual(naiveDiffering(a, b, chunk));
        }
      ),
      { numRuns: 500 }
    );
  });

  it('property: a single changed block is found in exactly its chunk', () => {
    fc.assert(
      fc.property(
        fc.array(u32, { minLength: 1, maxLength: 200, size: 'max' }),
        fc.nat(),
        u32,
        fc.integer({ min: 1, max: 32 }),
        (xs, where, value, chunk) => {
          const a = Uint32Array.from(xs);
          const b = a.slice();
          const i = where % a.length;
          fc.pre(value !== a[i]);
          b[i] = value;
          expect(differingChunks(a, b, chunk)).toEqual([Math.floor(i / chunk)]);
          expect(differingChunks(b, a, chunk)).toEqual([Math.floor(i / chunk)]);
        }
      ),
      { numRuns: 1000 }
    );
  });
});

describe('sameContent', () => {
  it('compares disk count, sizes and every block', () => {
    const a = [new Uint32Array([1, 2]), new Uint32Array([3])];
    expect(sameContent(a, [new Uint32Array([1, 2]), new Uint32Array([3])])).toBe(true);
    expect(sameContent([], [])).toBe(true);
    expect(sameContent(a, [new Uint32Array([1, 2])])).toBe(false);
    expect(sameContent(a, [new Uint32Array([1, 2]), new Uint32Array([3, 0])])).toBe(false);
    expect(sameContent(a, [new Uint32Array([1, 2]), new Uint32Array([4])])).toBe(false);
    expect(sameContent(a, [new Uint32Array([2, 1]), new Uint32Array([3])])).toBe(false);
  });

  it('property: true exactly when the arrays hold the same values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 6 }), { maxLength: 4 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 6 }), { maxLength: 4 }),
        (xs, ys) => {
          const expected = JSON.stringify(xs) === JSON.stringify(ys);
          expect(sameContent(xs.map((d) => Uint32Array.from(d)), ys.map((d) => Uint32Array.from(d)))).toBe(expected);
        }
      )
    );
  });
});
