// The protected machine's own disks and the log of every write it made. The log lets the engine
// reconstruct the source exactly as it was at any write watermark still inside the log, which is
// what replicas and recovery points are checked against.
//
// A write only appends to the log: the disks are brought up to date from it in batches (when they
// are read, or when old writes are forgotten), so the hot path touches no per-block state. A row's
// previous version is filled in when its write is folded into the disks.

import { blockOf, diskOf } from './blocks';

export class SourceDisks {
  /** The disks as of write `folded` (see `disks`). */
  private readonly content: Uint32Array[];
  /** Sequence number of the newest write (0 = none yet). */
  seq = 0;
  /** Newest write already in `content`: later ones are only in the log. */
  private folded = 0;
  /** Sequence number just before the oldest write still in the log. */
  private logBase = 0;
  // The write log, one interleaved row (block, previous version, time) per write: row r holds
  // write logBase + 1 + (r - start).
  private log = new Float64Array(256 * 3);
  private start = 0;
  private end = 0;

  constructor(diskBlocks: readonly number[]) {
    this.content = diskBlocks.map((n) => new Uint32Array(n));
  }

  /** The disks' current content (every write made so far applied). */
  get disks(): Uint32Array[] {
    if (this.folded < this.seq) this.fold();
    return this.content;
  }

  /** Applies the writes still only in the log to the disks, noting each one's previous version. */
  private fold(): void {
    const log = this.log;
    const content = this.content;
    let o = (this.start + (this.folded - this.logBase)) * 3;
    for (let s = this.folded + 1; s <= this.seq; s++, o += 3) {
      const packed = log[o]!;
      const data = content[diskOf(packed)]!;
      const block = blockOf(packed);
      log[o + 1] = data[block]!;
      data[block] = s;
    }
    this.folded = this.seq;
  }

  /**
   * Disks that start from given content (a machine booted from a recovery point). Numbering goes on
   * after `seqBase`, so a write made here never shares a version with one made on the other side.
   */
  static fromContent(content: readonly Uint32Array[], seqBase: number): SourceDisks {
    const s = new SourceDisks(content.map((d) => d.length));
    content.forEach((d, i) => s.disks[i]!.set(d));
    s.seq = seqBase;
    s.folded = seqBase;
    s.logBase = seqBase;
    return s;
  }

  /** Records a write at time t to a packed block; returns its sequence number. */
  write(t: number, packed: number): number {
    if (this.end * 3 === this.log.length) this.makeRoom();
    const o = this.end++ * 3;
    this.log[o] = packed;
    this.log[o + 2] = t;
    return ++this.seq;
  }

  /** Oldest sequence number still in the log (writes before it can no longer be looked up). */
  get oldestLogged(): number {
    return this.logBase + 1;
  }

  private row(seq: number): number {
    if (seq <= this.logBase || seq > this.seq) throw new RangeError(`write ${seq} is not in the log (${this.logBase + 1}..${this.seq})`);
    return this.start + (seq - this.logBase - 1);
  }

  timeOf(seq: number): number {
    return this.log[this.row(seq) * 3 + 2]!;
  }

  /** Packed block id written by write `seq` (hot path: no range check beyond the array's). */
  packedBlockOf(seq: number): number {
    return this.log[(this.start + (seq - this.logBase - 1)) * 3]!;
  }

  /** Newest write made at or before time t (logBase if none in the log window). */
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
    for (let s = this.seq; s > w; s--) {
      const o = this.row(s) * 3;
      const packed = this.log[o]!;
      const disk = out[diskOf(packed)];
      if (disk && blockOf(packed) < disk.length) disk[blockOf(packed)] = this.log[o + 1]!;
    }
    return out;
  }

  /** Forgets writes with seq < keepFrom (they are no longer needed to rebuild any retained state). */
  forgetBefore(keepFrom: number): void {
    const drop = Math.min(this.seq, keepFrom - 1) - this.logBase;
    if (drop <= 0) return;
    // A write leaves the log only once it is in the disks.
    if (this.folded < this.seq) this.fold();
    this.start += drop;
    this.logBase += drop;
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Disk resizes so far: from this write on, the disk had more blocks than `fromBlocks`. */
  private readonly resizes: Array<{ seq: number; disk: number; fromBlocks: number }> = [];

  /** Blocks disk `disk` had when write `w` was the newest. */
  blocksAt(disk: number, w: number): number {
    let blocks = this.content[disk]!.length;
    for (let k = this.resizes.length - 1; k >= 0; k--) {
      const r = this.resizes[k]!;
      if (r.disk === disk && w < r.seq + 1) blocks = r.fromBlocks;
    }
    return blocks;
  }

  /** Grows a disk (a resize); new blocks hold version 0. */
  resize(disk: number, blocks: number): void {
    const old = this.disks[disk]!;
    if (blocks <= old.length) return;
    this.resizes.push({ seq: this.seq, disk, fromBlocks: old.length });
    const next = new Uint32Array(blocks);
    next.set(old);
    this.content[disk] = next;
  }

  get loggedWrites(): number {
    return this.end - this.start;
  }

  byteSize(): number {
    return this.content.reduce((n, d) => n + d.byteLength, 0) + this.log.byteLength;
  }

  /** Shifts live rows to the front when at least half is free, otherwise doubles the array. */
  private makeRoom(): void {
    const live = this.end - this.start;
    const rows = this.log.length / 3;
    if (live * 2 <= rows) {
      this.log.copyWithin(0, this.start * 3, this.end * 3);
    } else {
      const next = new Float64Array(rows * 2 * 3);
      next.set(this.log.subarray(this.start * 3, this.end * 3));
      this.log = next;
    }
    this.start = 0;
    this.end = live;
  }

}
