// The replica's disks at the target, and an undo log that plays the role of the snapshots behind
// recovery points: the replica as it was at any retained point is rebuilt by undoing later changes.

import { UNREPLICATED, blockOf, diskOf, packBlock } from './blocks';

export class ReplicaDisks {
  readonly disks: Uint32Array[];
  /** Number of block changes applied so far; a recovery point remembers this position. */
  position = 0;
  /** Position of the oldest change still in the undo log. */
  private undoBase = 0;
  // The undo log, one interleaved row (block, previous version) per change.
  private undo = new Float64Array(256 * 2);
  private start = 0;
  private end = 0;
  /** Whether changes must be kept for undo (true while some recovery point is retained). */
  recording = false;

  constructor(diskBlocks: readonly number[]) {
    this.disks = diskBlocks.map((n) => new Uint32Array(n).fill(UNREPLICATED));
  }

  /** A replica that starts from existing disks (the machine's disks on the other side). */
  static fromContent(content: readonly Uint32Array[]): ReplicaDisks {
    const r = new ReplicaDisks(content.map((d) => d.length));
    content.forEach((d, i) => r.disks[i]!.set(d));
    return r;
  }

  /** Sets one block (packed id) to a version. */
  apply(packed: number, version: number): void {
    const data = this.disks[diskOf(packed)]!;
    const block = blockOf(packed);
    if (this.recording) {
      if (this.end * 2 === this.undo.length) this.makeRoom();
      const o = this.end++ * 2;
      this.undo[o] = packed;
      this.undo[o + 1] = data[block]!;
    } else {
      // Nothing can be rebuilt before this change: the undo log starts afresh after it.
      this.start = this.end = 0;
      this.undoBase = this.position + 1;
    }
    data[block] = version;
    this.position++;
  }

  applyTo(disk: number, block: number, version: number): void {
    this.apply(packBlock(disk, block), version);
  }

  /** The replica's content as it was at an earlier position. */
  contentAt(position: number): Uint32Array[] {
    if (position < this.undoBase) throw new RangeError(`replica position ${position} is older than the undo log (${this.undoBase})`);
    const out = this.disks.map((d) => d.slice());
    for (let p = this.position; p > position; p--) {
      const o = (this.start + (p - this.undoBase - 1)) * 2;
      const packed = this.undo[o]!;
      const disk = out[diskOf(packed)];
      if (disk && blockOf(packed) < disk.length) disk[blockOf(packed)] = this.undo[o + 1]!;
    }
    return out;
  }

  /** Forgets undo entries older than position (no retained point needs them). */
  forgetBefore(position: number): void {
    const drop = Math.min(position, this.position) - this.undoBase;
    if (drop <= 0) return;
    this.start = Math.min(this.end, this.start + drop);
    this.undoBase += drop;
    if (this.start === this.end) this.start = this.end = 0;
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
    this.disks[disk] = next;
  }

  byteSize(): number {
    return this.disks.reduce((n, d) => n + d.byteLength, 0) + this.undo.byteLength;
  }

  /** Shifts live rows to the front when at least half is free, otherwise doubles the array. */
  private makeRoom(): void {
    const live = this.end - this.start;
    const rows = this.undo.length / 2;
    if (live * 2 <= rows) {
      this.undo.copyWithin(0, this.start * 2, this.end * 2);
    } else {
      const next = new Float64Array(rows * 2 * 2);
      next.set(this.undo.subarray(this.start * 2, this.end * 2));
      this.undo = next;
    }
    this.start = 0;
    this.end = live;
  }

}
