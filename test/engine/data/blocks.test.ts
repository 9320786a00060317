// Tests for block addressing (src/engine/data/blocks.ts): pack/unpack round trip, blocksFor, cloneDisks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UNREPLICATED, blockOf, blocksFor, cloneDisks, diskOf, packBlock } from '../../../src/engine/data/blocks';

const MAX_BLOCK = 2 ** 24 - 1;

describe('packBlock / diskOf / blockOf', () => {
  it('round-trips the corners', () => {
    for (const disk of [0, 1, 31, 62, 63]) {
      for (const block of [0, 1, 255, 65_535, MAX_BLOCK - 1, MAX_BLOCK]) {
        const p = packBlock(disk, block);
        expect(diskOf(p)).toBe(disk);
        expect(blockOf(p)).toBe(block);
      }
    }
  });

  it('packs into disk * 2^24 + block, a non-negative int32', () => {
    expect(packBlock(0, 0)).toBe(0);
    expect(packBlock(0, 5)).toBe(5);
    expect(packBlock(1, 0)).toBe(16_777_216);
    expect(packBlock(63, MAX_BLOCK)).toBe(63 * 16_777_216 + MAX_BLOCK);
    expect(packBlock(63, MAX_BLOCK)).toBe(0x3fffffff);
    expect(packBlock(63, MAX_BLOCK) | 0).toBe(packBlock(63, MAX_BLOCK));
  });

  it('property: round trip for disks 0..63 and blocks 0..2^24-1, distinct packs for distinct pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: MAX_BLOCK }), (disk, block) => {
        const p = packBlock(disk, block);
        expect(p).toBe(disk * 2 ** 24 + block);
        expect(diskOf(p)).toBe(disk);
        expect(blockOf(p)).toBe(block);
      }),
      { numRuns: 5000 }
    );
  });

  it('UNREPLICATED is the largest uint32, never a valid version written by packBlock', () => {
    expect(UNREPLICATED).toBe(4_294_967_295);
    expect(new Uint32Array([UNREPLICATED])[0]).toBe(UNREPLICATED);
  });
});

describe('blocksFor', () => {
  it.each([
    [0, 8, 1],
    [1, 8, 1],
    [8, 8, 1],
    [9, 8, 2],
    [16, 8, 2],
    [1024 * 1024 * 1024, 8 * 1024 * 1024, 128],
    [1024 * 1024 * 1024 + 1, 8 * 1024 * 1024, 129]
  ])('%d bytes in blocks of %d -> %d blocks', (size, block, expected) => {
    expect(blocksFor(size, block)).toBe(expected);
  });
});

describe('cloneDisks', () => {
  it('copies the arrays so changes to the copy do not reach the original', () => {
    const disks = [new Uint32Array([1, 2, 3]), new Uint32Array([4])];
    const copy = cloneDisks(disks);
    expect(copy.map((d) => Array.from(d))).toEqual([[1, 2, 3], [4]]);
    copy[0]![0] = 99;
    expect(disks[0]![0]).toBe(1);
    expect(copy[0]).not.toBe(disks[0]);
  });
});
