// The volume of a Hyper-V host that holds its VMs' virtual disks, the VM snapshot taken for initial
// replication and the .hrl logs beside each disk (seed 001: the snapshot and the logs take disk space
// on the host while initial replication runs). The VHDs are allocated; the snapshot and the logs
// grow with the writes and are freed when the snapshot is merged and the logs are sent.
//
// Each machine's pass through a data window sees the other machines on the host as they were when
// the window's shares were planned, and itself as it is: so whether a write fits does not depend on
// the order machines are processed in, nor on where a window happens to end.

/** What a machine puts on its host's volume besides its disks. */
export interface VolumeUser {
  /** Bytes of its VM snapshot changes and its .hrl logs now. */
  volumeBytes: number;
  /** What the other machines on the volume held when the window was planned. */
  volumeOthers: number;
  /** Of `volumeBytes`, the VM snapshot's changes. */
  snapshotBytes: number;
}

export class HostVolume {
  readonly users: VolumeUser[] = [];
  private plannedTotal = 0;

  constructor(
    readonly host: string,
    /** Size of the volume, bytes. */
    readonly capacityBytes: number,
    /** Bytes taken by the virtual disks of the VMs on the host. */
    public vhdBytes: number
  ) {}

  attach(u: VolumeUser): void {
    if (!this.users.includes(u)) this.users.push(u);
  }

  detach(u: VolumeUser): void {
    const k = this.users.indexOf(u);
    if (k >= 0) this.users.splice(k, 1);
  }

  /** Snapshot changes and logs of every machine on the host now. */
  get extraBytes(): number {
    let n = 0;
    for (const u of this.users) n += u.volumeBytes;
    return n;
  }

  get snapshotBytes(): number {
    let n = 0;
    for (const u of this.users) n += u.snapshotBytes;
    return n;
  }

  /** Free space now (never below 0). */
  get freeBytes(): number {
    return Math.max(0, this.capacityBytes - this.vhdBytes - this.extraBytes);
  }

  /** Free space as of the last plan (what a retry finds, the same however windows were cut). */
  get plannedFreeBytes(): number {
    return Math.max(0, this.capacityBytes - this.vhdBytes - this.plannedTotal);
  }

  /** A data window's shares are planned: every machine takes note of what the others hold. */
  plan(): void {
    const total = this.extraBytes;
    this.plannedTotal = total;
    for (const u of this.users) u.volumeOthers = total - u.volumeBytes;
  }

  /** Whether `bytes` more of a machine's snapshot or logs fit on the volume. */
  fits(u: VolumeUser, bytes: number): boolean {
    return this.vhdBytes + u.volumeOthers + u.volumeBytes + bytes <= this.capacityBytes;
  }
}
