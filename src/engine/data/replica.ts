// The replica's disks at the target, and an undo log that plays the role of the snapshots behind
// recovery points: the replica as it was at any retained point is rebuilt by undoing later changes.

import { Columns } from './columns';
import { UNREPLICATED, blockOf, diskOf } from './blocks';

export class ReplicaDisks {
  readonly disks: Uint32Array[];
  /** Number of block changes applied so far; a recovery point remembers this position. */
  position = 0;
  /** Position of the oldest change still in the undo log. */
  private undoBase = 0;
  private readonly undo = new Columns({ block: Int32Array, prev: Uint32Array });
  /** Whether changes must be kept for undo (true while some recovery point is retained). */
  recording = false;

  constructor(diskBlocks: readonly number[]) {
    this.disks = diskBlocks.map((n) => new Uint32Array(n).fill(UNREPLICATED));
  }

  /** Sets one block to a version. */
  apply(disk: number, block: number, version: number): void {
    const data = this.disks[disk]!;
    if (this.recording) {
      const i = this.undo.append();
      this.undo.cols.block[i] = disk * 2 ** 24 + block;
      this.undo.cols.prev[i] = data[block]!;
    } else {
      this.undoBase = this.position + 1;
    }
    data[block] = version;
    this.position++;
  }

  /** The replica's content as it was at an earlier position. */
  contentAt(position: number): Uint32Array[] {
    if (position < this.undoBase) throw new RangeError(`replica position ${position} is older than the undo log (${this.undoBase})`);
    const out = this.disks.map((d) => d.slice());
    const c = this.undo.cols;
    for (let p = this.position; p > position; p--) {
      const i = this.undo.index(p - this.undoBase - 1);
      const packed = c.block[i]!;
      const disk = out[diskOf(packed)];
      if (disk && blockOf(packed) < disk.length) disk[blockOf(packed)] = c.prev[i]!;
    }
    return out;
  }

  /** Forgets undo entries older than position (no retained point needs them). */
  forgetBefore(position: number): void {
    const drop = Math.min(position, this.position) - this.undoBase;
    if (drop <= 0) return;
    this.undo.dropFront(Math.min(drop, this.undo.length));
    this.undoBase += drop;
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
    return this.disks.reduce((n, d) => n + d.byteLength, 0) + this.undo.byteSize();
  }
}
