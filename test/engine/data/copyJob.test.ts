// Tests for copy jobs (src/engine/data/copyJob.ts): initial and resync segments, segment sizes, lanes ordering, progress.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UNREPLICATED } from '../../../src/engine/data/blocks';
import { CopyJob, type CopyKind } from '../../../src/engine/data/copyJob';

const disksOf = (sizes: number[], fill = 1): Uint32Array[] => sizes.map((n) => new Uint32Array(n).fill(fill));
const emptyReplica = (sizes: number[]): Uint32Array[] => disksOf(sizes, UNREPLICATED);

interface JobOptions {
  kind?: CopyKind;
  capture: Uint32Array[];
  replica?: Uint32Array[];
  chunkBlocks: number;
  blockBytes: number;
  segmentBytes: number;
  lanes: number;
}

function job(o: JobOptions): CopyJob {
  const replica = o.replica ?? emptyReplica(o.capture.map((d) => d.length));
  return new CopyJob(o.kind ?? 'initial', 42, 100, 110, o.capture, replica, o.chunkBlocks, o.blockBytes, o.segmentBytes, o.lanes);
}

/** Segments of one disk, in job order. */
const segmentsOf = (j: CopyJob, disk: number) => j.segments.filter((s) => s.disk === disk);

describe('CopyJob: initial copy', () => {
  it('keeps what it was built with', () => {
    const capture = disksOf([4]);
    const j = job({ capture, chunkBlocks: 2, blockBytes: 10, segmentBytes: 100, lanes: 1 });
    expect(j.kind).toBe('initial');
    expect(j.watermark).toBe(42);
    expect(j.capturedAt).toBe(100);
    expect(j.transferFrom).toBe(110);
    expect(j.capture).toBe(capture);
  });

  it('splits disks into chunks and segments (hand-made case with a partial last chunk)', () => {
    // Disk 0: 10 blocks = chunks of 4, 4, 2 blocks; disk 1: 7 blocks = chunks of 4, 3 blocks. 100 bytes a block.
    const j = job({ capture: disksOf([10, 7]), chunkBlocks: 4, blockBytes: 100, segmentBytes: 800, lanes: 1 });
    expect(j.segments).toEqual([
      { disk: 0, chunks: [0, 1], bytes: 800 },
      { disk: 0, chunks: [2], bytes: 200 },
      { disk: 1, chunks: [0, 1], bytes: 700 }
    ]);
    expect(j.diskBytesTotal).toEqual([1000, 700]);
    expect(j.bytesTotal).toBe(1700);
    expect(j.diskChunksTotal).toEqual([3, 2]);
    expect(j.diskChunksDiffering).toEqual([3, 2]);
    expect(j.diskBytesDone).toEqual([0, 0]);
    expect(j.bytesDone).toBe(0);
    expect(j.done).toBe(false);
  });

  it('puts a chunk bigger than segmentBytes in a segment of its own', () => {
    const j = job({ capture: disksOf([6]), chunkBlocks: 3, blockBytes: 100, segmentBytes: 250, lanes: 1 });
    expect(j.segments).toEqual([
      { disk: 0, chunks: [0], bytes: 300 },
      { disk: 0, chunks: [1], bytes: 300 }
    ]);
  });

  it('property: covers every chunk of every disk once, in order, with segments of at most segmentBytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        (sizes, chunkBlocks, blockBytes, chunksPerSegment, lanes) => {
          const segmentBytes = chunkBlocks * blockBytes * chunksPerSegment;
          const j = job({ capture: disksOf(sizes), chunkBlocks, blockBytes, segmentBytes, lanes });
          sizes.forEach((blocks, disk) => {
            const segs = segmentsOf(j, disk);
            const nChunks = Math.ceil(blocks / chunkBlocks);
            expect(segs.flatMap((s) => s.chunks)).toEqual(Array.from({ length: nChunks }, (_, i) => i));
            for (const s of segs) {
              expect(s.bytes).toBeLessThanOrEqual(segmentBytes);
              const expectedBytes = s.chunks.reduce((n, c) => n + Math.min(chunkBlocks, blocks - c * chunkBlocks) * blockBytes, 0);
              expect(s.bytes).toBe(expectedBytes);
            }
            // Segments are filled greedily: only the last one of a disk may be short of a full chunk's room.
            for (let k = 0; k + 1 < segs.length; k++) expect(segs[k]!.chunks.length).toBe(chunksPerSegment);
            expect(j.diskBytesTotal[disk]).toBe(blocks * blockBytes);
            expect(j.diskChunksTotal[disk]).toBe(nChunks);
            expect(j.diskChunksDiffering[disk]).toBe(nChunks);
          });
          expect(j.bytesTotal).toBe(sizes.reduce((n, b) => n + b * blockBytes, 0));
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('CopyJob: lanes', () => {
  // One block per chunk and per segment, so disk i has sizes[i] segments.
  const lanesJob = (sizes: number[], lanes: number): CopyJob =>
    job({ capture: disksOf(sizes), chunkBlocks: 1, blockBytes: 1, segmentBytes: 1, lanes });

  it('lanes = 1 copies the disks one after another', () => {
    const j = lanesJob([3, 2, 4, 2], 1);
    expect(j.segments.map((s) => s.disk)).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3]);
    expect(j.segments.map((s) => s.chunks[0])).toEqual([0, 1, 2, 0, 1, 0, 1, 2, 3, 0, 1]);
  });

  it('lanes = 3 interleaves the first three disks; the fourth starts when one of them finished', () => {
    const j = lanesJob([3, 2, 4, 2], 3);
    // Round robin over disks 0, 1, 2; disk 1 finishes in round 2, disk 3 joins from round 3.
    expect(j.segments.map((s) => s.disk)).toEqual([0, 1, 2, 0, 1, 2, 0, 2, 3, 2, 3]);
    // Each disk's own segments stay in order.
    for (let d = 0; d < 4; d++) {
      const chunks = segmentsOf(j, d).map((s) => s.chunks[0]);
      expect(chunks).toEqual([...chunks].sort((a, b) => a! - b!));
    }
  });

  it('lanes larger than the number of disks interleaves all of them', () => {
    const j = lanesJob([2, 1, 2], 5);
    expect(j.segments.map((s) => s.disk)).toEqual([0, 1, 2, 0, 2]);
  });

  it('property: never more than `lanes` disks in progress, and disks start in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (sizes, lanes) => {
        const j = lanesJob(sizes, lanes);
        const order = j.segments.map((s) => s.disk);
        expect(order.length).toBe(sizes.reduce((a, b) => a + b, 0));
        const remaining = [...sizes];
        const started = new Set<number>();
        let nextToStart = 0;
        for (const d of order) {
          if (!started.has(d)) {
            // Disks start in order, and only while fewer than `lanes` others are unfinished.
            expect(d).toBe(nextToStart++);
            const inProgress = [...started].filter((x) => remaining[x]! > 0).length;
            expect(inProgress).toBeLessThan(lanes);
            started.add(d);
          }
          remaining[d]!--;
        }
        expect(remaining.every((n) => n === 0)).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
});

describe('CopyJob: resync', () => {
  it('only includes the chunks whose content differs', () => {
    const capture = [Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), Uint32Array.from([1, 1, 1, 1])];
    const replica = capture.map((d) => d.slice());
    replica[0]![1] = 0; // chunk 0
    replica[0]![9] = 0; // chunk 3 (partial: blocks 9 only)
    const j = job({ kind: 'resync', capture, replica, chunkBlocks: 3, blockBytes: 10, segmentBytes: 60, lanes: 3 });
    expect(j.segments).toEqual([{ disk: 0, chunks: [0, 3], bytes: 40 }]);
    expect(j.diskChunksDiffering).toEqual([2, 0]);
    expect(j.diskChunksTotal).toEqual([4, 2]);
    expect(j.diskBytesTotal).toEqual([40, 0]);
    expect(j.bytesTotal).toBe(40);
  });

  it('a disk that grew at the source resyncs the chunks past the replica\'s end', () => {
    const capture = [Uint32Array.from([1, 2, 3, 4, 5, 6])];
    const replica = [Uint32Array.from([1, 2, 3, 4])];
    const j = job({ kind: 'resync', capture, replica, chunkBlocks: 2, blockBytes: 1, segmentBytes: 100, lanes: 1 });
    expect(j.segments).toEqual([{ disk: 0, chunks: [2], bytes: 2 }]);
  });

  it('nothing differs: no segments and already done', () => {
    const capture = disksOf([5, 3]);
    const j = job({ kind: 'resync', capture, replica: capture.map((d) => d.slice()), chunkBlocks: 2, blockBytes: 1, segmentBytes: 10, lanes: 3 });
    expect(j.segments).toEqual([]);
    expect(j.bytesTotal).toBe(0);
    expect(j.done).toBe(true);
  });

  it('property: the resync segments hold exactly the truly differing chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }),
        fc.integer({ min: 1, max: 6 }),
        (values, changed, chunkBlocks) => {
          const capture = [Uint32Array.from(values)];
          const replica = [Uint32Array.from(values.map((v, i) => (changed[i] ? v + 10 : v)))];
          const j = job({ kind: 'resync', capture, replica, chunkBlocks, blockBytes: 1, segmentBytes: 1_000, lanes: 1 });
          const expected = new Set<number>();
          values.forEach((_, i) => {
            if (changed[i]) expected.add(Math.floor(i / chunkBlocks));
          });
          expect(j.segments.flatMap((s) => s.chunks)).toEqual([...expected].sort((a, b) => a - b));
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('CopyJob: progress', () => {
  it('segmentApplied tracks bytes per disk and reports each disk\'s completion and done', () => {
    // Disk 0: 10 blocks -> segments of 800 and 200 bytes; disk 1: 7 blocks -> one of 700 bytes. Lanes 3 interleave.
    const j = job({ capture: disksOf([10, 7]), chunkBlocks: 4, blockBytes: 100, segmentBytes: 800, lanes: 3 });
    expect(j.segments.map((s) => [s.disk, s.bytes])).toEqual([[0, 800], [1, 700], [0, 200]]);

    expect(j.segmentApplied(0)).toBe(false);
    expect(j.diskBytesDone).toEqual([800, 0]);
    expect(j.bytesDone).toBe(800);
    expect(j.appliedSegments).toBe(1);
    expect(j.done).toBe(false);

    expect(j.segmentApplied(1)).toBe(true); // disk 1 complete
    expect(j.diskBytesDone).toEqual([800, 700]);
    expect(j.bytesDone).toBe(1500);
    expect(j.done).toBe(false);

    expect(j.segmentApplied(2)).toBe(true); // disk 0 complete
    expect(j.diskBytesDone).toEqual([1000, 700]);
    expect(j.bytesDone).toBe(1700);
    expect(j.bytesDone).toBe(j.bytesTotal);
    expect(j.appliedSegments).toBe(3);
    expect(j.done).toBe(true);
  });

  it('property: applying all segments in order completes each disk exactly at its last segment', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 3 }), (sizes, lanes) => {
        const j = job({ capture: disksOf(sizes), chunkBlocks: 2, blockBytes: 3, segmentBytes: 12, lanes });
        const lastIndex = new Map<number, number>();
        j.segments.forEach((s, i) => lastIndex.set(s.disk, i));
        j.segments.forEach((s, i) => {
          expect(j.done).toBe(false);
          expect(j.segmentApplied(i)).toBe(lastIndex.get(s.disk) === i);
        });
        expect(j.done).toBe(true);
        expect(j.diskBytesDone).toEqual(sizes.map((n) => n * 3));
        expect(j.bytesDone).toBe(j.bytesTotal);
      })
    );
  });
});
