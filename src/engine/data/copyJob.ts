// A full or checksum-based copy of a machine's disks: initial replication (every chunk differs from
// an empty replica) and resynchronisation (only chunks whose checksums differ are sent). The source
// is captured at the job's watermark, like the VM snapshot the product takes.

import { differingChunks } from './checksum';

export type CopyKind = 'initial' | 'resync';

export interface CopySegment {
  disk: number;
  /** Chunk indices of this segment. */
  chunks: number[];
  bytes: number;
}

export class CopyJob {
  readonly segments: CopySegment[] = [];
  readonly diskBytesTotal: number[];
  readonly diskBytesDone: number[];
  readonly diskChunksDiffering: number[];
  readonly diskChunksTotal: number[];
  private remaining: number;
  /** Segments applied so far, in order. */
  appliedSegments = 0;

  constructor(
    readonly kind: CopyKind,
    /** Source writes up to this sequence number are in the copy. */
    readonly watermark: number,
    /** Source time of the capture. */
    readonly capturedAt: number,
    /** When the transfer may start (after the checksum pass for a resync). */
    readonly transferFrom: number,
    readonly capture: Uint32Array[],
    replica: readonly Uint32Array[],
    chunkBlocks: number,
    blockBytes: number,
    segmentBytes: number,
    lanes: number
  ) {
    const perDisk: CopySegment[][] = capture.map((src, disk) => {
      const differing = kind === 'initial' ? allChunks(src.length, chunkBlocks) : differingChunks(src, replica[disk]!, chunkBlocks);
      const segments: CopySegment[] = [];
      let current: CopySegment | undefined;
      for (const chunk of differing) {
        const blocks = Math.min(chunkBlocks, src.length - chunk * chunkBlocks);
        const chunkBytes = blocks * blockBytes;
        if (!current || current.bytes + chunkBytes > segmentBytes) {
          current = { disk, chunks: [], bytes: 0 };
          segments.push(current);
        }
        current.chunks.push(chunk);
        current.bytes += chunkBytes;
      }
      return segments;
    });
    this.diskBytesTotal = perDisk.map((s) => s.reduce((n, x) => n + x.bytes, 0));
    this.diskBytesDone = perDisk.map(() => 0);
    this.bytesTotal = this.diskBytesTotal.reduce((a, b) => a + b, 0);
    this.diskChunksDiffering = perDisk.map((s) => s.reduce((n, x) => n + x.chunks.length, 0));
    this.diskChunksTotal = capture.map((src) => Math.ceil(src.length / chunkBlocks));
    this.segments = interleave(perDisk, lanes);
    this.remaining = this.segments.length;
  }

  get done(): boolean {
    return this.remaining === 0;
  }

  /** Bytes to copy in all, and copied so far. */
  readonly bytesTotal: number;
  bytesDone = 0;

  /** Records that a segment was applied at the target; returns true when its disk is now complete. */
  segmentApplied(index: number): boolean {
    const seg = this.segments[index]!;
    this.diskBytesDone[seg.disk]! += seg.bytes;
    this.bytesDone += seg.bytes;
    this.remaining--;
    this.appliedSegments++;
    return this.diskBytesDone[seg.disk]! >= this.diskBytesTotal[seg.disk]!;
  }
}

function allChunks(blocks: number, chunkBlocks: number): number[] {
  return Array.from({ length: Math.ceil(blocks / chunkBlocks) }, (_, i) => i);
}

/**
 * Orders segments so that `lanes` disks are copied at a time (one for Hyper-V, three for VMware
 * and physical servers): round-robin over the first `lanes` unfinished disks.
 */
function interleave(perDisk: CopySegment[][], lanes: number): CopySegment[] {
  const out: CopySegment[] = [];
  const queue = perDisk.filter((s) => s.length > 0).map((s) => [...s]);
  const active: CopySegment[][] = [];
  while (queue.length > 0 || active.length > 0) {
    while (active.length < lanes && queue.length > 0) active.push(queue.shift()!);
    for (let i = 0; i < active.length; ) {
      out.push(active[i]!.shift()!);
      if (active[i]!.length === 0) active.splice(i, 1);
      else i++;
    }
  }
  return out;
}
