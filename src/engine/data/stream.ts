// One machine's replication data: its disks and writes, change tracking at the source (Mobility
// service change set, per-disk .hrl logs, or synchronous SAN mirroring), the items waiting at each
// hop of the path, and the replica with its recovery points at the target.

import { Columns } from './columns';
import { CopyJob, type CopyKind } from './copyJob';
import { blockOf, diskOf } from './blocks';
import { COPY, DELTA, ItemQueue } from './itemQueue';
import { ReplicaDisks } from './replica';
import { SourceDisks } from './sourceDisks';
import { Workload } from './workload';
import type { DataMode, Derived, StreamSettings, TrackerKind } from './types';
import { RecoveryPoints, type Consistency } from '../protection/recoveryPoints';

const APP = 1;
const GROUPED = 2;

/** Called when a grouped machine's replica reaches a bookmark; the group decides when points exist. */
export type GroupReady = (stream: MachineStream, at: number, watermark: number, position: number, consistency: Consistency, t: number) => void;

export class MachineStream {
  readonly source: SourceDisks;
  replica: ReplicaDisks;
  readonly points = new RecoveryPoints();
  readonly queues: ItemQueue[];
  readonly busyUntil: Float64Array;
  readonly headDone: Float64Array;
  /** 1 while the hop waits for a retry attempt (nothing is sent). */
  readonly waiting: Uint8Array;
  mode: DataMode = 'off';
  /** Whether writes are being tracked for replication. */
  tracked = false;
  /** Newest write already turned into an item (items are contiguous ranges of writes). */
  lastItemEnd = 0;
  /** Newest write applied to the replica, in order. */
  appliedSeq = 0;
  /** Source time up to which the target holds complete data. */
  receivedThrough = 0;
  rpoActive = false;
  /** When RPO started to count (protection completed). */
  rpoSince = 0;
  rpoThreshold: number;
  rpoExceeded = false;
  pointsStale = false;
  /** Since when the machine has been expected to make recovery points. */
  pointsExpectedSince = 0;
  /** For SAN mirroring: whether the synchronous link is up in this window. */
  syncUp = true;
  /** Per disk: bytes in the active .hrl log and in swapped logs not yet delivered. */
  readonly hrlActive: Float64Array;
  readonly hrlPending: Float64Array;
  private readonly hrlSwaps: Float64Array[] = [];
  copy: CopyJob | undefined;
  private readonly bookmarks = new Columns({ at: Float64Array, watermark: Float64Array, flags: Uint8Array });
  private nextBookmark = Infinity;
  /** Bytes delivered over each hop (for throughput figures). */
  readonly hopBytes: Float64Array;
  readonly diskBytes: number[];
  resyncs = 0;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly tracker: TrackerKind,
    diskBytes: number[],
    readonly workload: Workload,
    private readonly settings: StreamSettings,
    hops: number,
    rpoThreshold: number,
    readonly group: number
  ) {
    this.diskBytes = [...diskBytes];
    const blocks = diskBytes.map((b) => Math.max(1, Math.ceil(b / settings.blockBytes)));
    this.source = new SourceDisks(blocks);
    this.replica = new ReplicaDisks(blocks);
    this.queues = Array.from({ length: hops }, () => new ItemQueue());
    this.busyUntil = new Float64Array(hops);
    this.headDone = new Float64Array(hops);
    this.waiting = new Uint8Array(hops);
    this.hopBytes = new Float64Array(hops);
    this.hrlActive = new Float64Array(diskBytes.length);
    this.hrlPending = new Float64Array(diskBytes.length);
    this.rpoThreshold = rpoThreshold;
  }

  /** Generates the machine's writes up to t1 and tracks them. */
  generate(t1: number, out: Derived[], groupReady: GroupReady): void {
    const w = this.workload;
    const blockBytes = this.settings.blockBytes;
    while (w.nextAt <= t1) {
      const t = w.nextAt;
      const packed = w.take();
      const disk = diskOf(packed);
      const seq = this.source.write(t, disk, blockOf(packed));
      if (!this.tracked) continue;
      if (this.tracker === 'hrl') {
        this.hrlActive[disk]! += blockBytes;
        if (this.hrlActive[disk]! + this.hrlPending[disk]! >= this.settings.hrlResyncFraction * this.diskBytes[disk]!) {
          out.push({ t, kind: 'resync.required', machine: this.index, reason: `the .hrl log of disk ${disk + 1} reached ${Math.round(this.settings.hrlResyncFraction * 100)} % of the disk size` });
          this.stop();
        }
      } else if (this.tracker === 'san' && this.mode === 'delta') {
        if (this.syncUp) {
          this.applyWrite(seq, t, groupReady);
          this.lastItemEnd = seq;
          this.receivedThrough = t;
        } else {
          out.push({ t, kind: 'resync.required', machine: this.index, reason: 'the SAN replication link is down: the array tracks changed regions until it can resynchronise' });
          this.stop();
        }
      } else {
        this.queues[0]!.push(DELTA, seq, blockBytes, t, t, 0);
        this.lastItemEnd = seq;
        if (this.mode === 'delta' && this.queues[0]!.deltaBytesQueued > this.settings.sourceBufferBytes) {
          out.push({ t, kind: 'resync.required', machine: this.index, reason: 'changes could not be sent to the process server and overflowed the source buffer' });
          this.stop();
        }
      }
    }
  }

  /** At a copy-frequency boundary: sends the active .hrl logs if the previous ones are delivered. */
  swapLogs(t: number): void {
    if (this.tracker !== 'hrl' || this.mode !== 'delta' || this.queues[0]!.length > 0) return;
    let bytes = 0;
    const swapped = new Float64Array(this.hrlActive.length);
    for (let d = 0; d < this.hrlActive.length; d++) {
      swapped[d] = this.hrlActive[d]! + this.settings.hrlHeaderBytes;
      bytes += swapped[d]!;
      this.hrlPending[d]! += swapped[d]!;
    }
    this.hrlActive.fill(0);
    this.hrlSwaps.push(swapped);
    this.queues[0]!.push(DELTA, this.source.seq, bytes, t, t, 0);
    this.lastItemEnd = this.source.seq;
  }

  /** Called when the first hop delivered an item: its .hrl files are deleted at the source. */
  firstHopDelivered(): void {
    if (this.tracker !== 'hrl') return;
    const swapped = this.hrlSwaps.shift();
    if (!swapped) return;
    for (let d = 0; d < swapped.length; d++) this.hrlPending[d] = Math.max(0, this.hrlPending[d]! - swapped[d]!);
  }

  /** .hrl bytes on the host for a disk (active plus swapped logs not yet sent). */
  hrlBytes(disk: number): number {
    return this.hrlActive[disk]! + this.hrlPending[disk]!;
  }

  /** Registers a crash- or app-consistent bookmark at source time `at`. */
  bookmark(at: number, consistency: Consistency, grouped: boolean, groupReady: GroupReady): void {
    if (this.mode !== 'delta') return;
    const w = this.source.seq;
    const i = this.bookmarks.append();
    this.bookmarks.cols.at[i] = at;
    this.bookmarks.cols.watermark[i] = w;
    this.bookmarks.cols.flags[i] = (consistency === 'app' ? APP : 0) | (grouped ? GROUPED : 0);
    if (this.bookmarks.length === 1) this.nextBookmark = w;
    if (this.appliedSeq >= w) this.resolveBookmarks(at, groupReady);
  }

  /** Applies one delta item (writes lastApplied+1 .. endSeq) at time t. */
  applyDelta(endSeq: number, t: number, groupReady: GroupReady): void {
    for (let s = this.appliedSeq + 1; s <= endSeq; s++) this.applyWrite(s, t, groupReady);
  }

  private applyWrite(seq: number, t: number, groupReady: GroupReady): void {
    const packed = this.source.packedBlockOf(seq);
    this.replica.apply(diskOf(packed), blockOf(packed), seq);
    this.appliedSeq = seq;
    if (seq >= this.nextBookmark) this.resolveBookmarks(t, groupReady);
  }

  private resolveBookmarks(t: number, groupReady: GroupReady): void {
    const c = this.bookmarks.cols;
    while (this.bookmarks.length > 0) {
      const i = this.bookmarks.index(0);
      const w = c.watermark[i]!;
      if (w > this.appliedSeq) break;
      const consistency: Consistency = (c.flags[i]! & APP) !== 0 ? 'app' : 'crash';
      if ((c.flags[i]! & GROUPED) !== 0) groupReady(this, c.at[i]!, w, this.replica.position, consistency, t);
      else this.addPoint(c.at[i]!, w, this.replica.position, t, consistency, false);
      this.bookmarks.dropFront(1);
    }
    this.nextBookmark = this.bookmarks.length > 0 ? c.watermark[this.bookmarks.index(0)]! : Infinity;
  }

  addPoint(at: number, watermark: number, position: number, createdAt: number, consistency: Consistency, multiVm: boolean): void {
    this.replica.recording = true;
    this.points.add(at, watermark, position, createdAt, consistency, multiVm);
  }

  /** Applies one copy segment; returns the disk it completed, or -1. */
  applyCopySegment(index: number): { diskDone: number; copyDone: boolean } {
    const job = this.copy!;
    const seg = job.segments[index]!;
    const src = job.capture[seg.disk]!;
    const dst = this.replica.disks[seg.disk]!;
    const chunkBlocks = this.settings.chunkBlocks;
    for (const chunk of seg.chunks) {
      const end = Math.min(src.length, (chunk + 1) * chunkBlocks);
      for (let b = chunk * chunkBlocks; b < end; b++) if (dst[b] !== src[b]) this.replica.apply(seg.disk, b, src[b]!);
    }
    const diskDone = job.segmentApplied(index) ? seg.disk : -1;
    if (!job.done) return { diskDone, copyDone: false };
    this.appliedSeq = job.watermark;
    this.receivedThrough = Math.max(this.receivedThrough, job.capturedAt);
    this.copy = undefined;
    this.mode = 'delta';
    return { diskDone, copyDone: true };
  }

  /**
   * Starts initial replication or a resync at time t: captures the source, finds the chunks to send
   * and queues them to leave once `transferFrom` is reached. Tracking restarts from the capture.
   */
  startCopy(kind: CopyKind, t: number, transferFrom: number): CopyJob {
    this.flush();
    for (let d = 0; d < this.source.disks.length; d++) this.replica.resize(d, this.source.disks[d]!.length);
    const w = this.source.seq;
    const capture = this.source.disks.map((d) => d.slice());
    const s = this.settings;
    const job = new CopyJob(kind, w, t, transferFrom, capture, this.replica.disks, s.chunkBlocks, s.blockBytes, s.segmentBytes, s.lanes);
    this.copy = job;
    job.segments.forEach((seg, i) => this.queues[0]!.push(COPY, w, seg.bytes, t, transferFrom, i));
    this.mode = 'copy';
    this.tracked = true;
    this.lastItemEnd = w;
    if (kind === 'resync') this.resyncs++;
    return job;
  }

  /** Stops replication: pending items and logs are dropped; writes are no longer tracked. */
  stop(): void {
    this.flush();
    this.mode = 'stopped';
  }

  private flush(): void {
    for (const q of this.queues) q.clear();
    this.busyUntil.fill(0);
    this.headDone.fill(0);
    this.hrlActive.fill(0);
    this.hrlPending.fill(0);
    this.hrlSwaps.length = 0;
    this.bookmarks.clear();
    this.nextBookmark = Infinity;
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
    this.source.forgetBefore(keepFrom);
    if (n > 0) this.replica.forgetBefore(this.points.position(0));
    else this.replica.recording = false;
  }

  /** Bytes waiting at or in transit over a hop. */
  queuedBytes(hop: number): number {
    return this.queues[hop]!.bytesQueued;
  }

  byteSize(): number {
    return this.source.byteSize() + this.replica.byteSize() + this.points.byteSize() + this.queues.reduce((n, q) => n + q.byteSize(), 0);
  }
}
