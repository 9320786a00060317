// The protected machine's own disks and the log of every write it made. The log lets the engine
// reconstruct the source exactly as it was at any write watermark still inside the log, which is
// what replicas and recovery points are checked against.

import { Columns } from './columns';
import { blockOf, diskOf, packBlock } from './blocks';

export class SourceDisks {
  readonly disks: Uint32Array[];
  /** Sequence number of the newest write (0 = none yet). */
  seq = 0;
  /** Sequence number just before the oldest write still in the log. */
  private logBase = 0;
  private readonly log = new Columns({ block: Int32Array, prev: Uint32Array, time: Float64Array });

  constructor(diskBlocks: readonly number[]) {
    this.disks = diskBlocks.map((n) => new Uint32Array(n));
  }

  /** Records a write at time t to a block; returns its sequence number. */
  write(t: number, disk: number, block: number): number {
    const seq = ++this.seq;
    const data = this.disks[disk]!;
    const i = this.log.append();
    const c = this.log.cols;
    c.block[i] = packBlock(disk, block);
    c.prev[i] = data[block]!;
    c.time[i] = t;
    data[block] = seq;
    return seq;
  }

  /** Oldest sequence number still in the log (writes before it can no longer be looked up). */
  get oldestLogged(): number {
    return this.logBase + 1;
  }

  private row(seq: number): number {
    if (seq <= this.logBase || seq > this.seq) throw new RangeError(`write ${seq} is not in the log (${this.logBase + 1}..${this.seq})`);
    return this.log.index(seq - this.logBase - 1);
  }

  timeOf(seq: number): number {
    return this.log.cols.time[this.row(seq)]!;
  }

  /** Packed block id written by write `seq`. */
  packedBlockOf(seq: number): number {
    return this.log.cols.block[this.row(seq)]!;
  }

  /** Newest write made at or before time t (0 if none in the log window). */
  seqAtTime(t: number): number {
    let lo = this.logBase;
    let hi = this.seq;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.timeOf(mid) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The disks' content as of watermark w (all writes with seq <= w applied, none after). */
  contentAt(w: number): Uint32Array[] {
    const out = this.disks.map((d) => d.slice());
    const c = this.log.cols;
    for (let s = this.seq; s > w; s--) {
      const i = this.row(s);
      const packed = c.block[i]!;
      const disk = out[diskOf(packed)];
      if (disk && blockOf(packed) < disk.length) disk[blockOf(packed)] = c.prev[i]!;
    }
    return out;
  }

  /** Forgets writes with seq < keepFrom (they are no longer needed to rebuild any retained state). */
  forgetBefore(keepFrom: number): void {
    const drop = Math.min(this.seq, keepFrom - 1) - this.logBase;
    if (drop <= 0) return;
    this.log.dropFront(drop);
    this.logBase += drop;
  }

  /** Grows a disk (a resize); new blocks hold version 0. */
  resize(disk: number, blocks: number): void {
    const old = this.disks[disk]!;
    if (blocks <= old.length) return;
    const next = new Uint32Array(blocks);
    next.set(old);
    this.disks[disk] = next;
  }

  get loggedWrites(): number {
    return this.log.length;
  }

  byteSize(): number {
    return this.disks.reduce((n, d) => n + d.byteLength, 0) + this.log.byteSize();
  }
}
