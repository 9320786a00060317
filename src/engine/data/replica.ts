// The replica's disks at the target, and an undo log that plays the role of the snapshots behind
// recovery points: the replica as it was at any retained point is rebuilt by undoing later changes.
//
// Applying a change only appends it to the log: the disks are brought up to date from it in
// batches (when they are read, when the log is full, or when old changes are forgotten), so the
// hot path touches no per-block state. A row's previous version is filled in when it is folded.

import { UNREPLICATED, blockOf, diskOf, packBlock } from './blocks';

const STRIDE = 3;
const PACKED = 0;
const VERSION = 1;
const PREVIOUS = 2;

export class ReplicaDisks {
  /** The disks as of position `folded` (see `disks`). */
  private readonly content: Uint32Array[];
  /** Number of block changes applied so far; a recovery point remembers this position. */
  position = 0;
  /** Oldest position that can be rebuilt (changes after it are kept for undo). */
  private undoBase = 0;
  /** Newest position already in `content`: later changes are only in the log. */
  private folded = 0;
  // The log, one interleaved row (block, version, previous version) per change: row r holds the
  // change to position logBase + 1 + (r - start).
  private log = new Float64Array(256 * STRIDE);
  private logBase = 0;
  private start = 0;
  private end = 0;
  /** Whether changes must be kept for undo (true while some recovery point is retained). */
  recording = false;

  constructor(diskBlocks: readonly number[]) {
    this.content = diskBlocks.map((n) => new Uint32Array(n).fill(UNREPLICATED));
  }

  /** A replica that starts from existing disks (the machine's disks on the other side). */
  static fromContent(content: readonly Uint32Array[]): ReplicaDisks {
    const r = new ReplicaDisks(content.map((d) => d.length));
    content.forEach((d, i) => r.content[i]!.set(d));
    return r;
  }

  /** The replica's current content (every change applied so far). */
  get disks(): Uint32Array[] {
    if (this.folded < this.position) this.fold();
    return this.content;
  }

  /** Sets one block (packed id) to a version. */
  apply(packed: number, version: number): void {
    if (this.end * STRIDE === this.log.length) this.makeRoom();
    // Not recording: nothing can be rebuilt before this change.
    if (!this.recording) this.undoBase = this.position + 1;
    const o = this.end++ * STRIDE;
    this.log[o + PACKED] = packed;
    this.log[o + VERSION] = version;
    this.position++;
  }

  applyTo(disk: number, block: number, version: number): void {
    this.apply(packBlock(disk, block), version);
  }

  /** Sets blocks [from, to) of a disk to the versions `src` holds, one change per block that differs. */
  copyBlocks(disk: number, src: Uint32Array, from: number, to: number): void {
    const data = this.disks[disk]!;
    for (let b = from; b < to; b++) {
      const version = src[b]!;
      if (data[b] === version) continue;
      if (this.end * STRIDE === this.log.length) this.makeRoom();
      if (!this.recording) this.undoBase = this.position + 1;
      const o = this.end++ * STRIDE;
      const log = this.log;
      log[o + PACKED] = packBlock(disk, b);
      log[o + VERSION] = version;
      log[o + PREVIOUS] = data[b]!;
      data[b] = version;
      this.folded = ++this.position;
    }
  }

  /** Applies the changes still only in the log to the disks, noting each one's previous version. */
  private fold(): void {
    const log = this.log;
    const content = this.content;
    let o = (this.start + (this.folded - this.logBase)) * STRIDE;
    for (let p = this.folded + 1; p <= this.position; p++, o += STRIDE) {
      const packed = log[o + PACKED]!;
      const data = content[diskOf(packed)]!;
      const block = blockOf(packed);
      log[o + PREVIOUS] = data[block]!;
      data[block] = log[o + VERSION]!;
    }
    this.folded = this.position;
  }

  /** The replica's content as it was at an earlier position. */
  contentAt(position: number): Uint32Array[] {
    if (position < this.undoBase) throw new RangeError(`replica position ${position} is older than the undo log (${this.undoBase})`);
    const out = this.disks.map((d) => d.slice());
    for (let p = this.position; p > position; p--) {
      const o = (this.start + (p - this.logBase - 1)) * STRIDE;
      const packed = this.log[o + PACKED]!;
      const disk = out[diskOf(packed)];
      if (disk && blockOf(packed) < disk.length) disk[blockOf(packed)] = this.log[o + PREVIOUS]!;
    }
    return out;
  }

  /** Forgets undo entries older than position (no retained point needs them). */
  forgetBefore(position: number): void {
    const drop = Math.min(position, this.position) - this.undoBase;
    if (drop <= 0) return;
    this.undoBase += drop;
    this.dropFolded();
  }

  /** Oldest position that can still be rebuilt. */
  get oldestPosition(): number {
    return this.undoBase;
  }

  resize(disk: number, blocks: number): void {
    const old = this.disks[disk]!;
    if (blocks <= old.length) return;
    const next = new Uint32Array(blocks).fill(UNREPLICATED);
    next.set(old);
    this.content[disk] = next;
  }

  byteSize(): number {
    return this.content.reduce((n, d) => n + d.byteLength, 0) + this.log.byteLength;
  }

  /** Folds the log and drops the rows no rebuild can need (those up to the oldest position). */
  private dropFolded(): void {
    if (this.folded < this.position) this.fold();
    this.start += this.undoBase - this.logBase;
    this.logBase = this.undoBase;
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Drops what it can, then shifts live rows to the front when at least half is free, otherwise doubles the array. */
  private makeRoom(): void {
    this.dropFolded();
    const live = this.end - this.start;
    const rows = this.log.length / STRIDE;
    if (live * 2 <= rows) {
      this.log.copyWithin(0, this.start * STRIDE, this.end * STRIDE);
    } else {
      const next = new Float64Array(rows * 2 * STRIDE);
      next.set(this.log.subarray(this.start * STRIDE, this.end * STRIDE));
      this.log = next;
    }
    this.start = 0;
    this.end = live;
  }
}
