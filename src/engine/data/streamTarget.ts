// What the target holds of one machine's replication: the replica, to which writes are applied in
// order, the bookmarks waiting for it to reach them and the recovery points they become, and the
// RPO and the points' freshness as the data shows them. MachineStream extends it with the source,
// the path and the copies; the fields the source side sets (mode, items, syncUp) are here because
// whether a bookmark can become a point depends on them.

import { APP, GROUPED, PendingBookmarks } from './bookmarks';
import type { ReplicaDisks } from './replica';
import type { SourceDisks } from './sourceDisks';
import type { DataMode, Derived, StreamSettings, TrackerKind } from './types';
import { RecoveryPoints, type Consistency } from './recoveryPoints';

/** Called when a grouped machine's replica reaches a bookmark; the group decides when points exist. */
export interface GroupReady {
  /** A grouped bookmark reached the replica and the target: the group's share of a point. */
  arrive(stream: StreamTarget, at: number, watermark: number, position: number, consistency: Consistency, t: number): void;
}

export class StreamTarget {
  points = new RecoveryPoints();
  /**
   * Write sequence number a failover waits for (the source was shut down after it): once it is
   * applied at the target, the stream reports `drained`. Infinity when nobody waits.
   */
  drainSeq = Infinity;
  /** The source was shut down for a failover: no more bookmarks (the failover makes the last point). */
  frozen = false;
  mode: DataMode = 'off';
  /** Newest write applied to the replica, in order. */
  appliedSeq = 0;
  /** Source time up to which the target holds complete data. */
  receivedThrough = 0;
  rpoActive = false;
  /** When RPO started to count (protection completed). */
  rpoSince = 0;
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
  protected readonly bookmarks = new PendingBookmarks();
  /**
   * Oldest replica position and watermark of a group bookmark this machine reached whose shared
   * point does not exist yet (Infinity when none): kept like a retained point's.
   */
  heldPosition = Infinity;
  heldWatermark = Infinity;
  /** Items in all of this machine's queues (0: nothing on the path). */
  items = 0;
  /** Source time and creation time of the newest recovery point (-1 when none). */
  lastPointAt = -1;
  lastPointCreatedAt = -1;
  /** Where the stream reports what the control plane must hear about (the data plane's list). */
  notices: Derived[] = [];

  constructor(
    readonly index: number,
    readonly tracker: TrackerKind,
    protected readonly settings: StreamSettings,
    public source: SourceDisks,
    public replica: ReplicaDisks,
    public rpoThreshold: number,
    /** Replication group (multi-VM consistency), -1 for none; -1 too while it replicates back. */
    public group: number
  ) {}

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

  /**
   * Registers a crash- or app-consistent bookmark at source time `at`. It becomes a recovery point
   * once the replica has applied every write up to it and the target has received the stream up to
   * its time (a swapped .hrl log carries it; a streaming agent's tag follows its writes), so no point
   * appears for a time the target never heard about.
   */
  bookmark(at: number, consistency: Consistency, grouped: boolean, groupReady: GroupReady): void {
    if (this.mode !== 'delta' || this.frozen) return;
    this.bookmarks.add(at, this.source.seq, (consistency === 'app' ? APP : 0) | (grouped ? GROUPED : 0));
    if (this.tracker === 'san' && this.syncUp && this.items === 0) {
      this.receivedThrough = Math.max(this.receivedThrough, at); // the mirror is current
    }
    this.resolveBookmarks(at, groupReady);
  }

  /** The target received data up to a later time: bookmarks may now become points. */
  receivedMore(t: number, groupReady: GroupReady): void {
    if (this.appliedSeq >= this.bookmarks.next) this.resolveBookmarks(t, groupReady);
  }

  /** Whether a pending bookmark's writes are all applied (receiving more may make it a point). */
  get bookmarkDue(): boolean {
    return this.appliedSeq >= this.bookmarks.next;
  }

  /** Applies one delta item (writes lastApplied+1 .. endSeq) at time t. */
  applyDelta(endSeq: number, t: number, groupReady: GroupReady): void {
    const source = this.source;
    const replica = this.replica;
    const bookmarks = this.bookmarks;
    for (let s = this.appliedSeq + 1; s <= endSeq; s++) {
      replica.apply(source.packedBlockOf(s), s);
      this.appliedSeq = s;
      if (s >= bookmarks.next) this.resolveBookmarks(t, groupReady);
    }
    if (this.appliedSeq >= this.drainSeq) this.drained(t);
  }

  protected applyWrite(seq: number, t: number, groupReady: GroupReady): void {
    this.replica.apply(this.source.packedBlockOf(seq), seq);
    this.appliedSeq = seq;
    if (seq >= this.bookmarks.next) this.resolveBookmarks(t, groupReady);
  }

  /** Everything written up to the drain mark is applied at the target (at time t). */
  private drained(t: number): void {
    this.drainSeq = Infinity;
    this.notices.push({ t, kind: 'drained', machine: this.index });
  }

  /** Pending bookmarks the replica and the target have reached become points (or a group's share of one). */
  protected resolveBookmarks(t: number, groupReady: GroupReady): void {
    const bm = this.bookmarks;
    while (!bm.empty) {
      const at = bm.at;
      const w = bm.watermark;
      if (w > this.appliedSeq || at > this.receivedThrough) break;
      const flags = bm.flags;
      const consistency: Consistency = (flags & APP) !== 0 ? 'app' : 'crash';
      if ((flags & GROUPED) !== 0) groupReady.arrive(this, at, w, this.replica.position, consistency, t);
      else this.addPoint(at, w, this.replica.position, t, consistency, false);
      bm.shift();
    }
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
}
