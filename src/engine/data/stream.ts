// One machine's replication data: its disks and writes, change tracking at the source (Mobility
// service change set, per-disk .hrl logs, or synchronous SAN mirroring), the items waiting at each
// hop of the path, and the replica with its recovery points at the target.

import { CopyJob, type CopyKind } from './copyJob';
import { blockOf, diskOf } from './blocks';
import type { HostVolume, VolumeUser } from './hostVolume';
import { COPY, DELTA, ItemQueue } from './itemQueue';
import { ReplicaDisks } from './replica';
import { SourceDisks } from './sourceDisks';
import type { Workload } from './workload';
import type { DataMode, Derived, StreamSettings, TrackerKind } from './types';
import { RecoveryPoints, type Consistency } from './recoveryPoints';

const APP = 1;
const GROUPED = 2;

/** Layout of MachineStream.hop: one row of HOP_STRIDE values per hop. */
export const HOP_STRIDE = 5;
export const BUSY = 0;
export const DONE = 1;
export const WAITING = 2;
export const SENT = 3;
/** Which queue the partly sent head item belongs to (0 changes, 1 copy). */
export const PARTIAL = 4;

/** Called when a grouped machine's replica reaches a bookmark; the group decides when points exist. */
export type GroupReady = (stream: MachineStream, at: number, watermark: number, position: number, consistency: Consistency, t: number) => void;

export class MachineStream implements VolumeUser {
  source: SourceDisks;
  replica: ReplicaDisks;
  points = new RecoveryPoints();
  /**
   * Write sequence number a failover waits for (the source was shut down after it): once it is
   * applied at the target, the stream reports `drained`. Infinity when nobody waits.
   */
  drainSeq = Infinity;
  /**
   * The replica holds the source exactly as of `appliedSeq` (no copy half done): true from the end of
   * a copy until the next copy starts, also after replication stopped.
   */
  replicaConsistent = false;
  /** The source was shut down for a failover: no more bookmarks (the failover makes the last point). */
  frozen = false;
  /** Per hop: changes (delta items), and copy segments of initial replication or resync. */
  readonly queues: ItemQueue[];
  readonly copyQueues: ItemQueue[];
  /**
   * Per hop, interleaved (HOP_STRIDE values each): when the hop is busy until, bytes of the head item
   * already sent, 1 while the hop waits for a retry attempt, and bytes ever sent over it.
   */
  readonly hop: Float64Array;
  mode: DataMode = 'off';
  /** Whether writes are being tracked for replication. */
  tracked = false;
  /** Newest write already turned into an item (items are contiguous ranges of writes). */
  lastItemEnd = 0;
  /** Newest write applied to the replica, in order. */
  appliedSeq = 0;
  /** Source time up to which the target holds complete data. */
  receivedThrough = 0;
  /**
   * Changes that arrived while a copy was still in progress, as (arrival time, source time) rows:
   * they count as received once the copy is complete (those that arrived by then), or when they
   * arrive (the rest).
   */
  readonly copyArrivals: number[] = [];
  rpoActive = false;
  /** When RPO started to count (protection completed). */
  rpoSince = 0;
  rpoThreshold: number;
  /**
   * Whether the RPO is above the threshold, followed from the data whether or not RPO counts yet,
   * so that protection completing in the middle of a window finds the state it had at that moment.
   */
  rpoExceeded = false;
  /** The state at the start of the current window, and its changes since: rows of (time, exceeded, rpo). */
  rpoAtWindowStart = false;
  readonly rpoChanges: number[] = [];
  pointsStale = false;
  /** Since when the machine has been expected to make recovery points. */
  pointsExpectedSince = 0;
  /** For SAN mirroring: whether the synchronous link is up in this window. */
  syncUp = true;
  /** Per disk: bytes in the active .hrl log and in swapped logs not yet delivered. */
  readonly hrlActive: Float64Array;
  /** Per disk: the swapped log being sent (a new swap waits until it is delivered). */
  readonly hrlPending: Float64Array;
  /** The Hyper-V host volume the VM's snapshot and logs take space on (undefined elsewhere, or while it runs at the target). */
  volume: HostVolume | undefined;
  /** Bytes of the VM snapshot's changes and of the .hrl logs on the host volume. */
  volumeBytes = 0;
  volumeOthers = 0;
  snapshotBytes = 0;
  /**
   * During a Hyper-V initial replication, per disk: the blocks written since the VM snapshot was
   * taken (each such block is a change the snapshot holds on the host volume until it is merged).
   */
  private snapshotWritten: Uint8Array[] | undefined;
  copy: CopyJob | undefined;
  // Pending bookmarks, rows of (source time, watermark, flags) in [bmHead, bmTail).
  private bm = new Float64Array(8 * 3);
  private bmHead = 0;
  private bmTail = 0;
  private nextBookmark = Infinity;
  readonly diskBytes: number[];
  resyncs = 0;
  /**
   * Oldest replica position and watermark of a group bookmark this machine reached whose shared
   * point does not exist yet (Infinity when none): kept like a retained point's.
   */
  heldPosition = Infinity;
  heldWatermark = Infinity;
  /** Items in all of this machine's queues (0: nothing on the path). */
  items = 0;
  /** Set when queues are emptied, so the data plane recounts its totals. */
  flushed = false;
  /** Source time and creation time of the newest recovery point (-1 when none). */
  lastPointAt = -1;
  lastPointCreatedAt = -1;
  /** Items delivered over any hop, for figures. */
  deliveries = 0;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly tracker: TrackerKind,
    diskBytes: number[],
    readonly workload: Workload,
    private readonly settings: StreamSettings,
    hops: number,
    rpoThreshold: number,
    /** Replication group (multi-VM consistency), -1 for none; -1 too while it replicates back. */
    public group: number
  ) {
    this.diskBytes = [...diskBytes];
    const blocks = diskBytes.map((b) => Math.max(1, Math.ceil(b / settings.blockBytes)));
    this.source = new SourceDisks(blocks);
    this.replica = new ReplicaDisks(blocks);
    this.queues = Array.from({ length: hops }, () => new ItemQueue(this));
    this.copyQueues = Array.from({ length: hops }, () => new ItemQueue(this));
    this.hop = new Float64Array(hops * HOP_STRIDE);
    this.hrlActive = new Float64Array(diskBytes.length);
    this.hrlPending = new Float64Array(diskBytes.length);
    this.rpoThreshold = rpoThreshold;
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
    if (this.hrlActive[disk]! + this.hrlPending[disk]! < this.settings.hrlResyncFraction * this.diskBytes[disk]!) return;
    out.push({ t, kind: 'resync.required', machine: this.index, reason: `the .hrl log of disk ${disk + 1} reached ${Math.round(this.settings.hrlResyncFraction * 100)} % of the disk size` });
    this.stop();
  }

  /** The RPO went above the threshold (exceeded) or back under it at time t. */
  noteRpo(t: number, exceeded: boolean, rpo: number): void {
    this.rpoExceeded = exceeded;
    this.rpoChanges.push(t, exceeded ? 1 : 0, rpo);
  }

  /** A data window starts: RPO changes are recorded afresh. */
  startRpoWindow(): void {
    this.rpoAtWindowStart = this.rpoExceeded;
    // Usually empty already; setting an array's length is not free on this path.
    if (this.rpoChanges.length > 0) this.rpoChanges.length = 0;
  }

  /** Tracks write `seq` (made at time t to a packed block) the way this machine's tracker does. */
  private track(seq: number, t: number, packed: number, out: Derived[], groupReady: GroupReady): void {
    if (this.tracker === 'mobility') {
      this.queues[0]!.push(DELTA, seq, this.settings.blockBytes, t, t, 0);
      this.lastItemEnd = seq;
    } else if (this.tracker === 'hrl') {
      const disk = diskOf(packed);
      const block = this.settings.blockBytes;
      // The write goes to the log and, during initial replication, the first write to a block since
      // the snapshot also to the snapshot's changes: both take space on the host volume.
      const written = this.snapshotWritten?.[disk];
      const b = blockOf(packed);
      const toSnapshot = written !== undefined && b < written.length && written[b] === 0;
      const grow = toSnapshot ? 2 * block : block;
      if (this.volume && !this.volume.fits(this, grow)) {
        this.volumeFull(t, disk, out);
        return;
      }
      if (toSnapshot) {
        written[b] = 1;
        this.snapshotBytes += block;
      }
      this.volumeBytes += grow;
      this.hrlActive[disk]! += block;
      if (this.hrlActive[disk]! + this.hrlPending[disk]! >= this.settings.hrlResyncFraction * this.diskBytes[disk]!) this.hrlFullDisk = disk;
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

  /** The snapshot's changes and the logs on the host volume, counted afresh. */
  private recountVolume(): void {
    let n = this.snapshotBytes;
    for (let d = 0; d < this.hrlActive.length; d++) n += this.hrlActive[d]! + this.hrlPending[d]!;
    this.volumeBytes = n;
  }

  /** Moves the VM's use of a host volume to another volume, or to none (it runs at the target). */
  useVolume(volume: HostVolume | undefined): void {
    if (volume === this.volume) return;
    this.volume?.detach(this);
    this.volume = volume;
    volume?.attach(this);
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
    let bytes = 0;
    const header = this.settings.hrlHeaderBytes;
    for (let d = 0; d < this.hrlActive.length; d++) {
      const swapped = this.hrlActive[d]! + header;
      bytes += swapped;
      this.hrlPending[d] = swapped;
      this.hrlActive[d] = 0;
    }
    this.volumeBytes += header * this.hrlActive.length;
    this.queues[0]!.push(DELTA, this.source.seq, bytes, t, t, 0);
    this.lastItemEnd = this.source.seq;
  }

  /** Called when the first hop delivered an item: its .hrl files are deleted at the source. */
  firstHopDelivered(): void {
    if (this.tracker !== 'hrl') return;
    const pending = this.hrlPending;
    for (let d = 0; d < pending.length; d++) pending[d] = 0;
    this.recountVolume();
  }

  /** .hrl bytes on the host for a disk (active plus swapped logs not yet sent). */
  hrlBytes(disk: number): number {
    return this.hrlActive[disk]! + this.hrlPending[disk]!;
  }

  /**
   * Registers a crash- or app-consistent bookmark at source time `at`. It becomes a recovery point
   * once the replica has applied every write up to it and the target has received the stream up to
   * its time (a swapped .hrl log carries it; a streaming agent's tag follows its writes), so no point
   * appears for a time the target never heard about.
   */
  bookmark(at: number, consistency: Consistency, grouped: boolean, groupReady: GroupReady): void {
    if (this.mode !== 'delta' || this.frozen) return;
    const w = this.source.seq;
    if (this.bmHead === this.bmTail) this.nextBookmark = w;
    if (this.bmTail * 3 === this.bm.length) this.growBookmarks();
    const o = this.bmTail++ * 3;
    this.bm[o] = at;
    this.bm[o + 1] = w;
    this.bm[o + 2] = (consistency === 'app' ? APP : 0) | (grouped ? GROUPED : 0);
    if (this.tracker === 'san' && this.syncUp && this.items === 0) {
      this.receivedThrough = Math.max(this.receivedThrough, at); // the mirror is current
    }
    this.resolveBookmarks(at, groupReady);
  }

  /** The target received data up to a later time: bookmarks may now become points. */
  receivedMore(t: number, groupReady: GroupReady): void {
    if (this.bmHead < this.bmTail && this.appliedSeq >= this.nextBookmark) this.resolveBookmarks(t, groupReady);
  }

  /** Whether a pending bookmark's writes are all applied (receiving more may make it a point). */
  get bookmarkDue(): boolean {
    return this.bmHead < this.bmTail && this.appliedSeq >= this.nextBookmark;
  }

  /** Applies one delta item (writes lastApplied+1 .. endSeq) at time t. */
  applyDelta(endSeq: number, t: number, groupReady: GroupReady): void {
    const source = this.source;
    const replica = this.replica;
    for (let s = this.appliedSeq + 1; s <= endSeq; s++) {
      replica.apply(source.packedBlockOf(s), s);
      this.appliedSeq = s;
      if (s >= this.nextBookmark) this.resolveBookmarks(t, groupReady);
    }
    if (this.appliedSeq >= this.drainSeq) this.drained(t);
  }

  private applyWrite(seq: number, t: number, groupReady: GroupReady): void {
    this.replica.apply(this.source.packedBlockOf(seq), seq);
    this.appliedSeq = seq;
    if (seq >= this.nextBookmark) this.resolveBookmarks(t, groupReady);
  }

  /** Everything written up to the drain mark is applied at the target (at time t). */
  private drained(t: number): void {
    this.drainSeq = Infinity;
    this.notices.push({ t, kind: 'drained', machine: this.index });
  }

  /**
   * The source is shut down: its last changes are on their way (a Hyper-V host sends the last .hrl
   * logs at once). Reports `drained` when they are applied; returns true if they already are.
   */
  startDrain(t: number): boolean {
    if (this.tracker === 'hrl' && this.mode === 'delta') {
      let bytes = 0;
      for (let d = 0; d < this.hrlActive.length; d++) {
        bytes += this.hrlActive[d]!;
        this.hrlPending[d]! += this.hrlActive[d]!;
        this.hrlActive[d] = 0;
      }
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

  private resolveBookmarks(t: number, groupReady: GroupReady): void {
    const bm = this.bm;
    while (this.bmHead < this.bmTail) {
      const o = this.bmHead * 3;
      const w = bm[o + 1]!;
      if (w > this.appliedSeq || bm[o]! > this.receivedThrough) break;
      const flags = bm[o + 2]!;
      const consistency: Consistency = (flags & APP) !== 0 ? 'app' : 'crash';
      if ((flags & GROUPED) !== 0) groupReady(this, bm[o]!, w, this.replica.position, consistency, t);
      else this.addPoint(bm[o]!, w, this.replica.position, t, consistency, false);
      this.bmHead++;
    }
    if (this.bmHead === this.bmTail) {
      this.clearBookmarks();
    } else {
      this.nextBookmark = bm[this.bmHead * 3 + 1]!;
    }
  }

  private clearBookmarks(): void {
    this.bmHead = this.bmTail = 0;
    this.nextBookmark = Infinity;
  }

  /** Shifts pending bookmarks to the front when at least half is free, otherwise doubles. */
  private growBookmarks(): void {
    const live = this.bmTail - this.bmHead;
    const rows = this.bm.length / 3;
    if (live * 2 <= rows) this.bm.copyWithin(0, this.bmHead * 3, this.bmTail * 3);
    else {
      const next = new Float64Array(rows * 2 * 3);
      next.set(this.bm.subarray(this.bmHead * 3, this.bmTail * 3));
      this.bm = next;
    }
    this.bmHead = 0;
    this.bmTail = live;
  }

  addPoint(at: number, watermark: number, position: number, createdAt: number, consistency: Consistency, multiVm: boolean): void {
    this.replica.recording = true;
    this.points.add(at, watermark, position, createdAt, consistency, multiVm);
    // A gap longer than the limit before this point was a stale spell, however the data windows
    // fell around it: it started when the limit ran out.
    const previous = Math.max(this.lastPointAt, this.pointsExpectedSince);
    const limit = this.settings.stalePointSeconds;
    if (this.rpoActive && !this.pointsStale && previous >= 0 && createdAt - previous > limit) {
      this.pointsStale = true;
      this.notices.push({ t: Math.max(previous + limit, this.rpoSince), kind: 'points.stale', machine: this.index, since: previous });
    }
    this.lastPointAt = at;
    this.lastPointCreatedAt = createdAt;
    // Points are being made again: said at the moment the point appears.
    if (this.pointsStale && createdAt - at <= this.settings.stalePointSeconds) {
      this.pointsStale = false;
      this.notices.push({ t: createdAt, kind: 'points.fresh', machine: this.index });
    }
  }

  /** Where the stream reports what the control plane must hear about (the data plane's list). */
  notices: Derived[] = [];

  /** Applies one copy segment; returns the disk it completed, or -1. */
  applyCopySegment(index: number): { diskDone: number; copyDone: boolean } {
    const job = this.copy!;
    const seg = job.segments[index]!;
    const src = job.capture[seg.disk]!;
    const dst = this.replica.disks[seg.disk]!;
    const chunkBlocks = this.settings.chunkBlocks;
    for (const chunk of seg.chunks) {
      const end = Math.min(src.length, (chunk + 1) * chunkBlocks);
      for (let b = chunk * chunkBlocks; b < end; b++) if (dst[b] !== src[b]) this.replica.applyTo(seg.disk, b, src[b]!);
    }
    const diskDone = job.segmentApplied(index) ? seg.disk : -1;
    if (!job.done) return { diskDone, copyDone: false };
    this.finishCopy(job);
    return { diskDone, copyDone: true };
  }

  /** The replica now equals the source at the copy's watermark: changes after it follow. */
  private finishCopy(job: CopyJob): void {
    if (job.kind === 'initial') this.endSnapshot();
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
    if (this.tracker === 'hrl' && kind === 'initial' && this.volume) this.snapshotWritten = capture.map((d) => new Uint8Array(d.length));
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
    for (const q of this.queues) q.clear();
    for (const q of this.copyQueues) q.clear();
    for (let h = 0; h * HOP_STRIDE < this.hop.length; h++) {
      this.hop[h * HOP_STRIDE + BUSY] = 0;
      this.hop[h * HOP_STRIDE + DONE] = 0;
      this.hop[h * HOP_STRIDE + PARTIAL] = 0;
    }
    this.hrlActive.fill(0);
    this.hrlPending.fill(0);
    this.endSnapshot();
    this.clearBookmarks();
    this.copy = undefined;
    this.tracked = false;
  }

  /** The VM snapshot of a Hyper-V initial replication is deleted and its changes merged: its space is free. */
  private endSnapshot(): void {
    this.snapshotWritten = undefined;
    this.snapshotBytes = 0;
    this.recountVolume();
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

  /** Items on the hops from `from` up to (not including) `to`. */
  itemsBetween(from: number, to: number): number {
    let n = 0;
    for (let k = from; k < to && k < this.queues.length; k++) n += this.queues[k]!.length + this.copyQueues[k]!.length;
    return n;
  }

  /**
   * Moving to another process server: new changes wait at the machine, and a transfer to the old
   * server that was under way starts again to the new one.
   */
  holdForMove(): void {
    this.hop[DONE] = 0;
    this.hop[PARTIAL] = 0;
    this.setWaiting(0, true);
    this.movingHold = true;
  }

  releaseMoveHold(): void {
    if (this.movingHold) this.setWaiting(0, false);
    this.movingHold = false;
  }

  private movingHold = false;

  isWaiting(h: number): boolean {
    return this.hop[h * HOP_STRIDE + WAITING] !== 0;
  }

  setWaiting(h: number, waiting: boolean): void {
    this.hop[h * HOP_STRIDE + WAITING] = waiting ? 1 : 0;
  }

  /** Whether any hop waits for a retry. */
  get anyWaiting(): boolean {
    for (let o = WAITING; o < this.hop.length; o += HOP_STRIDE) if (this.hop[o] !== 0) return true;
    return false;
  }

  clearWaiting(): void {
    for (let o = WAITING; o < this.hop.length; o += HOP_STRIDE) this.hop[o] = 0;
  }

  headDone(h: number): number {
    return this.hop[h * HOP_STRIDE + DONE]!;
  }

  sentOver(h: number): number {
    return this.hop[h * HOP_STRIDE + SENT]!;
  }

  /** Items waiting at the hops before hop h (changes not yet at the target when h is the apply step). */
  itemsBefore(h: number): number {
    let n = 0;
    for (let k = 0; k < h; k++) n += this.queues[k]!.length + this.copyQueues[k]!.length;
    return n;
  }

  /** Bytes waiting at or in transit over a hop. */
  queuedBytes(hop: number): number {
    return this.queues[hop]!.bytesQueued + this.copyQueues[hop]!.bytesQueued;
  }

  byteSize(): number {
    return this.source.byteSize() + this.replica.byteSize() + this.points.byteSize() + [...this.queues, ...this.copyQueues].reduce((n, q) => n + q.byteSize(), 0);
  }
}
