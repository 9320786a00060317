// Hyper-V change tracking on the host: each disk's writes go to an active .hrl log, swapped at the
// copy frequency and sent; during initial replication the VM snapshot also holds the changes made
// since it was taken. Both take space on the host volume (seed 001), which decides whether a write
// can be logged at all. One machine's logs; the stream asks, it decides what follows.

import { DOUBLE_FIELD } from './doubleField';
import type { HostVolume, VolumeUser } from './hostVolume';

/** What logging a write did. */
export const LOGGED = 0;
/** The write was logged and its disk's log may have reached the resync size (see `full`). */
export const MAYBE_FULL = 1;
/** The host volume had no room: nothing was logged. */
export const NO_ROOM = 2;

export class HrlLogs implements VolumeUser {
  /** Per disk: bytes in the active .hrl log and in swapped logs not yet delivered. */
  readonly active: Float64Array;
  readonly pending: Float64Array;
  /** The host volume the VM's snapshot and logs take space on (undefined elsewhere, or while it runs at the target). */
  volume: HostVolume | undefined;
  /** Bytes of the VM snapshot's changes and of the .hrl logs on the host volume. */
  volumeBytes = DOUBLE_FIELD;
  volumeOthers = DOUBLE_FIELD;
  snapshotBytes = DOUBLE_FIELD;
  /**
   * During a Hyper-V initial replication, per disk: the blocks written since the VM snapshot was
   * taken (each such block is a change the snapshot holds on the host volume until it is merged).
   */
  private snapshotWritten: Uint8Array[] | undefined;

  constructor(
    disks: number,
    private readonly blockBytes: number,
    private readonly headerBytes: number,
    /** Share of a disk's size at which its logs force a resync. */
    private readonly resyncFraction: number
  ) {
    this.active = new Float64Array(disks);
    this.pending = new Float64Array(disks);
    this.volumeBytes = this.volumeOthers = this.snapshotBytes = 0;
  }

  /** .hrl bytes on the host for a disk (active plus swapped logs not yet sent). */
  bytes(disk: number): number {
    return this.active[disk]! + this.pending[disk]!;
  }

  /** Whether a disk's logs are at the resync size (of a disk of `diskBytes`). */
  full(disk: number, diskBytes: number): boolean {
    return this.active[disk]! + this.pending[disk]! >= this.resyncFraction * diskBytes;
  }

  /**
   * Logs a write to block `block` of `disk` (of `diskBytes`): into the active log and, during
   * initial replication, the first write to a block since the snapshot also into the snapshot's
   * changes. Both must fit on the host volume.
   */
  log(disk: number, block: number, diskBytes: number): number {
    const size = this.blockBytes;
    const written = this.snapshotWritten?.[disk];
    const toSnapshot = written !== undefined && block < written.length && written[block] === 0;
    const grow = toSnapshot ? 2 * size : size;
    if (this.volume && !this.volume.fits(this, grow)) return NO_ROOM;
    if (toSnapshot) {
      written[block] = 1;
      this.snapshotBytes += size;
    }
    this.volumeBytes += grow;
    this.active[disk]! += size;
    return this.full(disk, diskBytes) ? MAYBE_FULL : LOGGED;
  }

  /** Swaps every disk's active log for a new one: returns the bytes of the swapped logs (with their headers). */
  swap(): number {
    let bytes = 0;
    const header = this.headerBytes;
    for (let d = 0; d < this.active.length; d++) {
      const swapped = this.active[d]! + header;
      bytes += swapped;
      this.pending[d] = swapped;
      this.active[d] = 0;
    }
    this.volumeBytes += header * this.active.length;
    return bytes;
  }

  /** The source shuts down: the active logs join those being sent; returns their bytes (without headers). */
  closeActive(): number {
    let bytes = 0;
    for (let d = 0; d < this.active.length; d++) {
      bytes += this.active[d]!;
      this.pending[d]! += this.active[d]!;
      this.active[d] = 0;
    }
    return bytes;
  }

  /** The swapped logs were delivered: they are deleted at the source. */
  delivered(): void {
    this.pending.fill(0);
    this.recount();
  }

  /** Initial replication takes a VM snapshot of disks of these sizes (in blocks). */
  startSnapshot(blocks: readonly number[]): void {
    this.snapshotWritten = blocks.map((n) => new Uint8Array(n));
  }

  /** The VM snapshot is deleted and its changes merged: its space is free. */
  endSnapshot(): void {
    this.snapshotWritten = undefined;
    this.snapshotBytes = 0;
    this.recount();
  }

  /** Replication stops: every log is dropped, and the snapshot. */
  clear(): void {
    this.active.fill(0);
    this.pending.fill(0);
    this.endSnapshot();
  }

  /** Moves the logs to another host volume, or to none. */
  useVolume(volume: HostVolume | undefined): void {
    if (volume === this.volume) return;
    this.volume?.detach(this);
    this.volume = volume;
    volume?.attach(this);
  }

  /** The snapshot's changes and the logs on the host volume, counted afresh. */
  private recount(): void {
    let n = this.snapshotBytes;
    for (let d = 0; d < this.active.length; d++) n += this.active[d]! + this.pending[d]!;
    this.volumeBytes = n;
  }
}
