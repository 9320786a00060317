// One machine's replication data: its disks and writes, change tracking at the source (Mobility
// service change set, per-disk .hrl logs, or synchronous SAN mirroring), the items waiting at each
// hop of the path, and copies (initial replication, resync). What the target holds, the replica
// with its bookmarks and recovery points, is the part this class extends (StreamTarget).

import { CopyJob, type CopyKind } from './copyJob';
import { blockOf, diskOf } from './blocks';
import type { HostVolume } from './hostVolume';
import { HrlLogs, NO_ROOM, MAYBE_FULL } from './hrlLogs';
import { COPY, DELTA, type ItemQueue } from './itemQueue';
import { DONE, HOP_STRIDE, PathState } from './pathState';
import { ReplicaDisks } from './replica';
import { SourceDisks } from './sourceDisks';
import type { Workload } from './workload';
import type { Derived, StreamSettings, TrackerKind } from './types';
import { RecoveryPoints } from './recoveryPoints';
import { StreamTarget, type GroupReady } from './streamTarget';

export { BUSY, DONE, HOP_STRIDE, PARTIAL, SENT, WAITING } from './pathState';

export type { GroupReady } from './streamTarget';

export class MachineStream extends StreamTarget {
  /**
   * The replica holds the source exactly as of `appliedSeq` (no copy half done): true from the end of
   * a copy until the next copy starts, also after replication stopped.
   */
  replicaConsistent = false;
  /** What is on the path; its queues and hop figures are also here, read on every pass. */
  readonly path: PathState;
  readonly queues: ItemQueue[];
  readonly copyQueues: ItemQueue[];
  readonly hop: Float64Array;
  /** Whether writes are being tracked for replication. */
  tracked = false;
  /** Newest write already turned into an item (items are contiguous ranges of writes). */
  lastItemEnd = 0;
  /**
   * Changes that arrived while a copy was still in progress, as (arrival time, source time) rows:
   * they count as received once the copy is complete (those that arrived by then), or when they
   * arrive (the rest).
   */
  readonly copyArrivals: number[] = [];
  /** A Hyper-V machine's .hrl logs and VM snapshot on its host's volume. */
  readonly hrl: HrlLogs;
  copy: CopyJob | undefined;
  readonly diskBytes: number[];
  resyncs = 0;
  /** Set when queues are emptied, so the data plane recounts its totals. */
  flushed = false;
  /** Items delivered over any hop, for figures. */
  deliveries = 0;

  constructor(
    index: number,
    readonly id: string,
    tracker: TrackerKind,
    diskBytes: number[],
    readonly workload: Workload,
    settings: StreamSettings,
    hops: number,
    rpoThreshold: number,
    group: number
  ) {
    const blocks = diskBytes.map((b) => Math.max(1, Math.ceil(b / settings.blockBytes)));
    super(index, tracker, settings, new SourceDisks(blocks), new ReplicaDisks(blocks), rpoThreshold, group);
    this.diskBytes = [...diskBytes];
    this.path = new PathState(hops, this);
    this.queues = this.path.queues;
    this.copyQueues = this.path.copyQueues;
    this.hop = this.path.hop;
    this.hrl = new HrlLogs(diskBytes.length, settings.blockBytes, settings.hrlHeaderBytes, settings.hrlResyncFraction);
  }

  /**
   * Generates the machine's writes up to t1 and tracks them. Returns t1, or the time of a write
   * that may have filled an .hrl log: the path must run up to that moment (a log it delivers
   * meanwhile no longer counts) before `confirmHrlFull` decides, and generation then goes on.
   */
  generate(t1: number, out: Derived[], groupReady: GroupReady): number {
    const w = this.workload;
    if (w.nextAt > t1) return t1;
    const source = this.source;
    while (w.nextAt <= t1) {
      // A rate so small that the search for its next write paused: it goes on, nothing is written.
      if (w.isSearching) {
        w.take();
        continue;
      }
      const t = w.nextAt;
      // A mirror still sending what queued during its copy mirrors a write at once only if the
      // path has caught up by then: the path runs up to the write before it is decided.
      // (A write exactly at t1 is decided at once: the caller takes reaching t1 as the end.)
      if (this.tracker === 'san' && this.tracked && this.mode === 'delta' && this.items > 0 && t > this.pathRunTo && t < t1) {
        this.pathRunTo = t;
        return t;
      }
      const packed = w.take();
      const seq = source.write(t, packed);
      if (this.tracked) {
        this.track(seq, t, packed, out, groupReady);
        if (this.hrlFullDisk >= 0) return t;
      }
    }
    return t1;
  }

  /** For a catching-up mirror: the time the path was last run up to before deciding a write. */
  private pathRunTo = -Infinity;

  /** Disk whose .hrl log may have reached the resync size at the last tracked write, or -1 (see `confirmHrlFull`). */
  hrlFullDisk = -1;

  /** After the path has run up to t: a log still at the resync size means the VM needs a resync. */
  confirmHrlFull(t: number, out: Derived[]): void {
    const disk = this.hrlFullDisk;
    this.hrlFullDisk = -1;
    if (disk < 0 || !this.tracked) return;
    if (!this.hrl.full(disk, this.diskBytes[disk]!)) return;
    out.push({ t, kind: 'resync.required', machine: this.index, reason: `the .hrl log of disk ${disk + 1} reached ${Math.round(this.settings.hrlResyncFraction * 100)} % of the disk size` });
    this.stop();
  }

  /** Tracks write `seq` (made at time t to a packed block) the way this machine's tracker does. */
  private track(seq: number, t: number, packed: number, out: Derived[], groupReady: GroupReady): void {
    if (this.tracker === 'mobility') {
      this.queues[0]!.push(DELTA, seq, this.settings.blockBytes, t, t, 0);
      this.lastItemEnd = seq;
    } else if (this.tracker === 'hrl') {
      const disk = diskOf(packed);
      const logged = this.hrl.log(disk, blockOf(packed), this.diskBytes[disk]!);
      if (logged === NO_ROOM) this.volumeFull(t, disk, out);
      else if (logged === MAYBE_FULL) this.hrlFullDisk = disk;
    } else if (this.mode === 'delta' && this.items === 0) {
      // Synchronous mirroring, once changes queued during a copy have all been applied.
      if (this.syncUp) {
        // Everything written before this write is at the target: bookmarks up to now become
        // points before it is applied.
        if (this.receivedThrough < t) {
          this.receivedThrough = t;
          this.receivedMore(t, groupReady);
        }
        this.applyWrite(seq, t, groupReady);
        this.lastItemEnd = seq;
        this.receivedThrough = t;
      } else {
        out.push({ t, kind: 'resync.required', machine: this.index, reason: 'the SAN replication link is down: the array tracks changed regions until it can resynchronise' });
        this.stop();
      }
    } else {
      this.queues[0]!.push(DELTA, seq, this.settings.blockBytes, t, t, 0);
      this.lastItemEnd = seq;
    }
  }

  /**
   * The host volume has no room for the log to grow (seed 001: low disk space, a recoverable
   * error). Replication of the VM stops at this very write: its logs and its snapshot, which can
   * no longer describe every change, are discarded (freeing their space), and nothing is sent
   * until a retry works. The control plane retries and then resyncs the machine, as the changes
   * from now on are not logged. Deciding all of this here, at the write, keeps the data the same
   * wherever the control plane's retry falls among the data windows.
   */
  private volumeFull(t: number, disk: number, out: Derived[]): void {
    this.stop();
    this.setWaiting(0, true);
    out.push({ t, kind: 'volume.full', machine: this.index, disk });
  }

  /** Moves the VM's use of a host volume to another volume, or to none (it runs at the target). */
  useVolume(volume: HostVolume | undefined): void {
    this.hrl.useVolume(volume);
  }

  /**
   * After the path has run for a window: changes the agent still holds beyond its buffer mean it
   * could not send them, and replication needs a resync.
   */
  checkSourceBuffer(t: number, out: Derived[]): void {
    if (this.tracker !== 'mobility' || this.mode !== 'delta') return;
    if (this.queues[0]!.deltaBytesQueued <= this.settings.sourceBufferBytes) return;
    out.push({ t, kind: 'resync.required', machine: this.index, reason: 'changes could not be sent to the process server and overflowed the source buffer' });
    this.stop();
  }

  /**
   * Bytes this machine may write and queue over dt seconds (for planning shares): at the top of its
   * bursts, so a burst within a planned window is carried at once and only what nobody planned for
   * is left to share.
   */
  expectedBytes(dt: number): number {
    return this.tracked && this.tracker !== 'hrl' && this.workload.isRunning ? this.workload.peakBytesPerSecond * dt : 0;
  }

  /** At a copy-frequency boundary: sends the active .hrl logs if the previous ones are delivered. */
  swapLogs(t: number): void {
    // Writes that were not logged (the host ran out of space) must not be sent as if they were.
    if (this.tracker !== 'hrl' || this.mode !== 'delta' || !this.tracked || this.queues[0]!.length > 0) return;
    const bytes = this.hrl.swap();
    this.queues[0]!.push(DELTA, this.source.seq, bytes, t, t, 0);
    this.lastItemEnd = this.source.seq;
  }

  /** Called when the first hop delivered an item: its .hrl files are deleted at the source. */
  firstHopDelivered(): void {
    if (this.tracker === 'hrl') this.hrl.delivered();
  }

  /** .hrl bytes on the host for a disk (active plus swapped logs not yet sent). */
  hrlBytes(disk: number): number {
    return this.hrl.bytes(disk);
  }

  /**
   * The source is shut down: its last changes are on their way (a Hyper-V host sends the last .hrl
   * logs at once). Reports `drained` when they are applied; returns true if they already are.
   */
  startDrain(t: number): boolean {
    if (this.tracker === 'hrl' && this.mode === 'delta') {
      const bytes = this.hrl.closeActive();
      if (this.source.seq > this.lastItemEnd) {
        this.queues[0]!.push(DELTA, this.source.seq, bytes + this.settings.hrlHeaderBytes, t, t, 0);
        this.lastItemEnd = this.source.seq;
      }
    }
    if (this.mode === 'delta' && this.appliedSeq >= this.source.seq && this.items === 0) {
      this.receivedThrough = Math.max(this.receivedThrough, t);
      return true;
    }
    this.drainSeq = this.source.seq;
    return false;
  }

  /** Applies every write up to w at once (a failover processing what the target received); the path is cleared. */
  applyThrough(w: number): void {
    for (let seq = this.appliedSeq + 1; seq <= w; seq++) this.replica.apply(this.source.packedBlockOf(seq), seq);
    this.appliedSeq = Math.max(this.appliedSeq, w);
    const last = this.queues.length - 1;
    this.queues[last]!.clear();
    this.hop[last * HOP_STRIDE + DONE] = 0;
    this.flushed = true;
  }

  /** Bytes received at the target and not yet processed into the replica (waiting at the apply step). */
  unprocessedBytes(): number {
    if (this.mode !== 'delta') return 0;
    const last = this.queues.length - 1;
    return this.queues[last]!.bytesQueued - this.hop[last * HOP_STRIDE + DONE]!;
  }

  /**
   * The machine now runs from `content` (booted from a recovery point, on the other side): a fresh
   * source whose writes are numbered after every write made so far, and a replica that is either the
   * disks left on the side it came from or nothing yet. Returns what it ran from before.
   */
  takeOver(content: readonly Uint32Array[], replica: readonly Uint32Array[] | undefined): { source: SourceDisks; replica: ReplicaDisks; points: RecoveryPoints } {
    const before = { source: this.source, replica: this.replica, points: this.points };
    this.flush();
    this.mode = 'off';
    this.source = SourceDisks.fromContent(content, before.source.seq);
    this.replica = replica ? ReplicaDisks.fromContent(replica) : new ReplicaDisks(content.map((d) => d.length));
    this.points = new RecoveryPoints();
    this.appliedSeq = before.source.seq;
    this.lastItemEnd = before.source.seq;
    this.receivedThrough = 0;
    this.rpoActive = false;
    this.rpoExceeded = false;
    this.pointsStale = false;
    this.lastPointAt = this.lastPointCreatedAt = -1;
    this.heldPosition = this.heldWatermark = Infinity;
    this.drainSeq = Infinity;
    this.frozen = false;
    this.replicaConsistent = false;
    return before;
  }

  /** The disks on the other side to replicate to (reprotect to the original machine, or an empty one). */
  setReplica(content: readonly Uint32Array[] | undefined): void {
    this.replicaConsistent = false;
    this.replica = content ? ReplicaDisks.fromContent(content) : new ReplicaDisks(this.source.disks.map((d) => d.length));
  }

  /** Applies one copy segment; returns the disk it completed, or -1. */
  applyCopySegment(index: number): { diskDone: number; copyDone: boolean } {
    const job = this.copy!;
    const seg = job.segments[index]!;
    const src = job.capture[seg.disk]!;
    const chunkBlocks = this.settings.chunkBlocks;
    for (const chunk of seg.chunks) this.replica.copyBlocks(seg.disk, src, chunk * chunkBlocks, Math.min(src.length, (chunk + 1) * chunkBlocks));
    const diskDone = job.segmentApplied(index) ? seg.disk : -1;
    if (!job.done) return { diskDone, copyDone: false };
    this.finishCopy(job);
    return { diskDone, copyDone: true };
  }

  /** The replica now equals the source at the copy's watermark: changes after it follow. */
  private finishCopy(job: CopyJob): void {
    if (job.kind === 'initial') this.hrl.endSnapshot();
    this.appliedSeq = job.watermark;
    this.receivedThrough = Math.max(this.receivedThrough, job.capturedAt);
    this.copy = undefined;
    this.mode = 'delta';
    this.replicaConsistent = true;
  }

  /**
   * Starts initial replication or a resync at time t: captures the source, finds the chunks to send
   * and queues them to leave once `transferFrom` is reached. Tracking restarts from the capture.
   */
  startCopy(kind: CopyKind, t: number, transferFrom: number, out: Derived[], groupReady: GroupReady): CopyJob {
    this.flush();
    const source = this.source;
    for (let d = 0; d < source.disks.length; d++) this.replica.resize(d, source.disks[d]!.length);
    // The copy captures the disks as they were at t. Writes already generated after t (a window
    // runs ahead of a control event it causes) are tracked as changes made during the copy, so
    // where a window happens to end cannot change what the copy finds.
    const w = source.seqAtTime(t);
    const capture = w === source.seq ? source.disks.map((d) => d.slice()) : source.contentAt(w);
    const s = this.settings;
    const job = new CopyJob(kind, w, t, transferFrom, capture, this.replica.disks, s.chunkBlocks, s.blockBytes, s.segmentBytes, s.lanes);
    this.replicaConsistent = false;
    this.copy = job;
    // Hyper-V copies a VM snapshot taken now; the changes made meanwhile live beside it on the host.
    if (this.tracker === 'hrl' && kind === 'initial' && this.hrl.volume) this.hrl.startSnapshot(capture.map((d) => d.length));
    job.segments.forEach((seg, i) => this.copyQueues[0]!.push(COPY, w, seg.bytes, t, transferFrom, i));
    this.mode = 'copy';
    this.tracked = true;
    this.lastItemEnd = w;
    if (kind === 'resync') this.resyncs++;
    if (job.done) this.finishCopy(job); // nothing differs: the replica is already in step
    for (let seq = w + 1; seq <= source.seq && this.tracked; seq++) {
      const at = source.timeOf(seq);
      this.track(seq, at, source.packedBlockOf(seq), out, groupReady);
      // The new copy has not started moving yet, so nothing is delivered before `at`: decide now.
      this.confirmHrlFull(at, out);
    }
    return job;
  }

  /** Stops replication: pending items and logs are dropped; writes are no longer tracked. */
  stop(): void {
    this.flush();
    this.mode = 'stopped';
  }

  private flush(): void {
    this.flushed = true;
    this.drainSeq = Infinity;
    this.copyArrivals.length = 0;
    this.path.clear();
    this.hrl.clear();
    this.bookmarks.clear();
    this.copy = undefined;
    this.tracked = false;
  }

  /** Protection removed: the replica and its points are deleted. */
  disable(): void {
    this.flush();
    this.mode = 'off';
    this.points.clear();
    this.replica = new ReplicaDisks(this.source.disks.map((d) => d.length));
    this.appliedSeq = 0;
    this.receivedThrough = 0;

    this.rpoActive = false;
    this.rpoExceeded = false;
    this.pointsStale = false;
    this.lastPointAt = this.lastPointCreatedAt = -1;
  }

  /** Grows a disk at the source (the replica follows at the next resync). */
  resizeDisk(disk: number, bytes: number): void {
    this.diskBytes[disk] = bytes;
    const blocks = Math.max(1, Math.ceil(bytes / this.settings.blockBytes));
    this.source.resize(disk, blocks);
    this.workload.resize(disk, blocks);
  }

  /** Drops what no retained point, pending item or copy needs any more. */
  forgetOld(): void {
    const n = this.points.length;
    let keepFrom = this.source.seq + 1;
    if (this.mode === 'delta') keepFrom = Math.min(keepFrom, this.appliedSeq + 1);
    if (n > 0) keepFrom = Math.min(keepFrom, this.points.watermark(0) + 1);
    if (this.copy) keepFrom = Math.min(keepFrom, this.copy.watermark + 1);
    keepFrom = Math.min(keepFrom, this.heldWatermark + 1);
    this.source.forgetBefore(keepFrom);
    const oldest = Math.min(n > 0 ? this.points.position(0) : Infinity, this.heldPosition);
    if (Number.isFinite(oldest)) this.replica.forgetBefore(oldest);
    else this.replica.recording = false;
  }

  // What is on the path, and its hops' figures (see PathState).
  itemsBetween(from: number, to: number): number { return this.path.itemsBetween(from, to); }
  itemsBefore(h: number): number { return this.path.itemsBefore(h); }
  queuedBytes(hop: number): number { return this.path.queuedBytes(hop); }
  holdForMove(): void { this.path.holdForMove(); }
  releaseMoveHold(): void { this.path.releaseMoveHold(); }
  isWaiting(h: number): boolean { return this.path.isWaiting(h); }
  setWaiting(h: number, waiting: boolean): void { this.path.setWaiting(h, waiting); }
  get anyWaiting(): boolean { return this.path.anyWaiting; }
  clearWaiting(): void { this.path.clearWaiting(); }
  headDone(h: number): number { return this.path.headDone(h); }
  sentOver(h: number): number { return this.path.sentOver(h); }

  byteSize(): number {
    return this.source.byteSize() + this.replica.byteSize() + this.points.byteSize() + this.path.byteSize();
  }
}
