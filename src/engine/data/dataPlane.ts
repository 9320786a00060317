// Moves replication data forward in time, in windows that end at step boundaries (every 5 minutes,
// every minute while something is in transition, or at the copy frequency when it is shorter) and
// at control events. Within a window every write, transfer and apply is timed exactly; what the
// control plane must react to is collected with its exact time and handed over, in time order,
// when the window closes.
//
// Each window is one pass over the machines: a machine's writes, its path, its boundary work
// (bookmarks, log swaps, pruning) and the estimates for the next window are done together while
// its data is in the processor's cache.

import { PathFlow } from './flow';
import { LinkMeter } from './linkMeter';
import { shareLink, sharePools } from './sharing';
import type { GroupReady, MachineStream } from './stream';
import type { CopyJob, CopyKind } from './copyJob';
import type { Derived, HopRuntime } from './types';
import { GroupPoints } from './groupPoints';
import type { HostVolume } from './hostVolume';
import { stageCapacity, watchStage, type StageWatch } from './cacheStages';
import type { DataPlaneHost } from './host';
import { Completeness } from './completeness';
import { boundaries, COARSE_STEP, FINE_STEP, type Boundary, type DataPlaneSettings } from './windowGrid';

export type { DataPlaneSettings } from './windowGrid';
export type { StageLevel, StageWatch } from './cacheStages';

export class DataPlane {
  lastT = 0;
  private readonly out: Derived[] = [];
  readonly path: PathFlow;
  private readonly completeness: Completeness;
  readonly groups: GroupPoints;
  readonly stages: StageWatch[] = [];
  /** Hyper-V host volumes: planned with the shares, so a write's fit does not depend on window cuts. */
  readonly volumes: HostVolume[] = [];
  /** Per hop, per machine: bytes the machine may send over the hop in the next window. */
  private readonly demands: Float64Array[];
  /** Per hop, per machine: bytes per second the machine adds by writing. */
  private readonly rateDemands: Float64Array[];
  private readonly planDemand: Float64Array;
  private readonly scratch: Float64Array;
  /** Per hop: bytes ever sent over it by all machines, and the oldest arrival waiting in front of it. */
  readonly hopBytesTotal: Float64Array;
  readonly oldestWaiting: Float64Array;
  /** The same per pool (scale-out process server), for pooled hops. */
  readonly poolBytesTotal: Array<Float64Array | undefined>;
  readonly poolOldest: Array<Float64Array | undefined>;
  /** State changed outside the window loop (a control event): recount before the next window. */
  private dirty = true;
  private nextFine = false;
  /** The boundary the current share plan was made for. */
  private planUntil = -1;

  constructor(
    /** The estate that drives it: what blocks a hop, how large a cache is, what a window's end means. */
    private readonly host: DataPlaneHost,
    readonly streams: MachineStream[],
    readonly hops: HopRuntime[],
    public settings: DataPlaneSettings,
    /** Each machine's process server (pool), with scale-out process servers. */
    readonly poolOf: Int32Array = new Int32Array(streams.length),
    readonly poolCount = 1
  ) {
    this.groups = new GroupPoints(streams);
    for (const m of streams) m.notices = this.out;
    this.path = new PathFlow(host, hops, streams.length, this.out, this.groups.ready, poolOf, poolCount);
    this.completeness = new Completeness(host, hops, this.path, this.out);
    this.poolBytesTotal = hops.map((h) => (h.pools ? new Float64Array(poolCount) : undefined));
    this.poolOldest = hops.map((h) => (h.pools ? new Float64Array(poolCount) : undefined));
    this.demands = hops.map(() => new Float64Array(streams.length));
    this.rateDemands = hops.map(() => new Float64Array(streams.length));
    this.planDemand = new Float64Array(streams.length);
    this.scratch = new Float64Array(streams.length);
    this.hopBytesTotal = new Float64Array(hops.length);
    this.oldestWaiting = new Float64Array(hops.length);
  }

  /** Something outside the data plane changed machines (a command, a timer, a derived event). */
  markDirty(): void {
    this.dirty = true;
  }

  /**
   * A step took effect at this moment (steps and the timers that end faults always end a data
   * window at their own time, wherever other windows end): the next window plans the shares anew.
   */
  replanNow(): void {
    this.dirty = true;
    this.replan = true;
  }

  private replan = false;

  /** Window length for the next window. */
  get step(): number {
    if (this.dirty) this.survey();
    return this.nextFine || this.host.eventful() ? FINE_STEP : COARSE_STEP;
  }

  /**
   * Advances data towards time t; `dispatch` receives each derived event in time order. Windows end
   * only at step boundaries and at control events, never at an arbitrary moment someone looks:
   * with `exact` (t is a control event) the last window ends at t, otherwise at the last boundary
   * before t. So however a caller slices time, the same windows are processed and a run is
   * reproducible. Stops early once `limit()` (the next control event, which a dispatched event may
   * have just scheduled) is reached. `runDue(t)` runs the next control event due by t, if there is
   * one, and says whether it did.
   */
  advance(t: number, dispatch: (d: Derived) => void, limit: () => number, exact: boolean, runDue: (t: number) => boolean): void {
    while (this.lastT < t && this.lastT < limit()) {
      const step = this.step;
      const boundary = (Math.floor(this.lastT / step + 1e-9) + 1) * step;
      const natural = Math.min(boundary, limit());
      if (!exact && natural > t) break;
      const end = Math.min(natural, t);
      this.window(this.lastT, end, boundary);
      this.lastT = end;
      this.lastBoundary = boundary;
      // What the window found, and the control events that causes inside the window (a finalize
      // timer, a retry), run together in time order, each at its exact time.
      {
        let batch: Derived[] = [];
        let i = 0;
        let dispatched = false;
        // With nothing found, events at the window's very end run after it, as before the figures.
        const through = this.out.length > 0 ? end : end - 1e-9;
        for (;;) {
          // Handling an event may find more (a copy started mid-window tracks the writes the
          // window already made after its start): they join the batch in time order.
          if (this.out.length > 0) {
            batch = batch.slice(i).concat(this.out.splice(0, this.out.length)).sort(byTime);
            i = 0;
          }
          const d = batch[i];
          // Control events due first run first, one at a time, so what each finds is in order.
          if (runDue(d ? d.t : dispatched ? end : through)) continue;
          if (!d) break;
          i++;
          dispatch(d);
          dispatched = true;
        }
        if (dispatched) this.dirty = true;
      }
      // Figures and cache levels are read on the window grid only, never at a control event that
      // happened to end a window, so such an event cannot change what the run reports.
      if (end === boundary) {
        this.stages.forEach((stage, k) => watchStage(stage, this.host.stageCapacity(k), this.queuedAt(stage.hop, stage.pool), (level, free) => this.host.stageLevelChanged(k, level, end, free)));
        this.host.windowEnded(end);
      }
    }
  }

  /** Dispatches, in time order, what a control event run between windows found (at its own time). */
  dispatchPending(dispatch: (d: Derived) => void): void {
    while (this.out.length > 0) {
      const batch = this.out.splice(0, this.out.length).sort(byTime);
      for (const d of batch) dispatch(d);
      this.dirty = true;
    }
  }

  /**
   * RPO starts to count for machine m at control time t (protection completed). The data may
   * already be past t (the event came from inside the window just run): the state the RPO had at
   * t, and every change after it, are dispatched in time order.
   */
  rpoActivated(m: MachineStream, t: number): void {
    const changes = m.rpoChanges;
    let exceeded = m.rpoAtWindowStart;
    let k = 0;
    for (; k < changes.length && changes[k]! <= t; k += 3) exceeded = changes[k + 1] === 1;
    if (exceeded) this.out.push({ t, kind: 'rpo.exceeded', machine: m.index, rpo: m.rpoThreshold });
    for (; k < changes.length; k += 3) {
      this.out.push({ t: changes[k]!, kind: changes[k + 1] === 1 ? 'rpo.exceeded' : 'rpo.recovered', machine: m.index, rpo: changes[k + 2]! });
    }
  }

  /**
   * Starts initial replication or a resync of machine m at control time t (see
   * MachineStream.startCopy); what it finds while tracking writes the window already made after t
   * is dispatched in time order with the window's other findings.
   */
  startCopy(m: MachineStream, kind: CopyKind, t: number, transferFrom: number): CopyJob {
    // A copy caused by something a window found (a log filling up) starts at a time the data has
    // already passed: its data starts to move at the end of that window's grid step (at most 15
    // minutes later), the same however the window itself was cut.
    const from = this.lastT > t ? Math.max(transferFrom, this.lastBoundary) : transferFrom;
    // A machine that started writing after its pass through the current window (it came up at the
    // other side meanwhile) has writes up to t not made yet: they are made first, so the copy
    // captures the disks as they really are at t.
    if (m.workload.nextAt <= t) m.generate(t, this.out, this.groups.ready);
    return m.startCopy(kind, t, from, this.out, this.groups.ready);
  }

  /** The grid boundary of the last window run (its end, unless a control event cut it short). */
  private lastBoundary = 0;

  private window(t0: number, t1: number, boundary: number): void {
    const path = this.path;
    const hops = this.hops;
    // Shares are planned for the whole window up to its boundary; a control event that ends the
    // window early and changes nothing keeps the plan, so it cannot change the run. A step that
    // took effect (a link degraded, a write rate changed) has the shares planned again from its
    // own moment: a degraded link carries no more than it has from then on.
    if (this.replan || t0 >= this.planUntil) {
      this.replan = false;
      if (this.host.beforePlan(t0, this.out)) this.dirty = true;
      if (this.dirty) this.survey();
      for (let h = 0; h < hops.length; h++) {
        const hop = hops[h]!;
        if (hop.shared) {
          // Demand over the planned window: what is queued plus what the machine writes meanwhile.
          const span = boundary - t0;
          const q = this.demands[h]!;
          const r = this.rateDemands[h]!;
          const d = this.planDemand;
          for (let k = 0; k < d.length; k++) d[k] = q[k]! + r[k]! * span;
          if (hop.pools) sharePools(d, path.rates[h]!, this.poolOf, hop.pools.capacity, hop.capacity, span, path.poolFloors[h]!, this.scratch);
          else path.floors[h] = shareLink(d, path.rates[h]!, hop.capacity, span, this.scratch);
        }
        else {
          path.floors[h] = hop.capacity;
          path.rates[h]!.fill(hop.capacity);
        }
        const capacity = (k: number): number => this.host.stageCapacity(k);
        path.rooms[h] = h + 1 < hops.length ? stageCapacity(this.stages, capacity, h + 1) : Infinity;
        const rooms = path.poolRooms[h];
        if (rooms) for (let pool = 0; pool < rooms.length; pool++) rooms[pool] = stageCapacity(this.stages, capacity, h + 1, pool);
      }
      this.planUntil = boundary;
      for (const v of this.volumes) v.plan();
      // Group membership for the bookmarks up to the boundary is planned with the shares.
      const bookmarks = boundaries(this.settings, t0, boundary).filter((b) => b.bookmark !== undefined);
      if (bookmarks.length > 0) this.groups.plan(bookmarks.map((b) => b.at), bookmarks.map((b) => b.bookmark!));
    }
    path.calm = !this.host.eventful();
    path.windowStart = t0;
    const marks = boundaries(this.settings, t0, t1);
    this.beginRecord();
    const streams = this.streams;
    const ready = this.groups.ready;
    const completeness = this.completeness;
    for (let i = 0; i < streams.length; i++) {
      const m = streams[i]!;
      m.startRpoWindow();
      let from = t0;
      for (const b of marks) {
        // The path runs up to each boundary: a log swap needs to know whether the previous log was
        // delivered, and a bookmark whether the target is current at that moment.
        this.advanceMachine(m, i, from, b.at, ready);
        from = b.at;
        completeness.noteIdle(m, b.at);
        m.checkSourceBuffer(b.at, this.out);
        this.atBoundary(m, b);
      }
      this.advanceMachine(m, i, from, t1, ready);
      completeness.closeWindow(m, t0, t1, this.settings.stalePointSeconds);
      this.record(m, i);
    }
    this.endRecord();
    if (marks.some((b) => b.housekeeping)) this.groups.forgetBefore(t1 - this.settings.retention);
  }

  /** Machine m's writes and path from `from` to `to`, in step wherever a write may fill an .hrl log. */
  private advanceMachine(m: MachineStream, i: number, from: number, to: number, ready: GroupReady): void {
    // Each call is made only when it has something to do: this runs for every machine several
    // times a window, mostly with nothing to write or send.
    const path = this.path;
    for (;;) {
      const reached = m.workload.nextAt <= to ? m.generate(to, this.out, ready) : to;
      if (m.items > 0 && reached > from) {
        path.t0 = from;
        path.t1 = reached;
        path.flow(m, i);
      }
      if (reached === to) break;
      if (m.hrlFullDisk >= 0) m.confirmHrlFull(reached, this.out);
      from = reached;
    }
    // A write exactly at `to` may be the one that filled a log.
    if (m.hrlFullDisk >= 0) m.confirmHrlFull(to, this.out);
  }

  /** Recounts everything estimated for the next window, in a pass over all machines. */
  private survey(): void {
    const q = this.path.hopQueued;
    q.fill(0);
    for (const m of this.streams) for (let h = 0; h < this.hops.length; h++) q[h]! += m.queuedBytes(h);
    this.path.poolQueued.forEach((pq, h) => {
      if (!pq) return;
      pq.fill(0);
      this.streams.forEach((m, i) => (pq[this.poolOf[i]!]! += m.queuedBytes(h)));
    });
    this.beginRecord();
    this.streams.forEach((m, i) => this.record(m, i));
    this.endRecord();
    const meter = this.path.meter;
    if (meter) this.routeMeter(meter);
    this.dirty = false;
  }

  /**
   * Starts counting what each link carries, for the live page (see LinkMeter): the host says which
   * links a machine's transfers over a hop travel now. Counting changes nothing in the run.
   */
  startMeter(): LinkMeter {
    const meter = (this.path.meter ??= new LinkMeter(this.streams.length, this.hops.length));
    // Routed now, not by marking the plane dirty: a recount at an unplanned moment could change the run.
    this.routeMeter(meter);
    return meter;
  }

  private routeMeter(meter: LinkMeter): void {
    for (let i = 0; i < this.streams.length; i++) for (let h = 0; h < this.hops.length; h++) meter.route(i, h, this.host.routeOf(i, h));
  }

  private waitingAny = false;

  private beginRecord(): void {
    this.waitingAny = false;
    this.hopBytesTotal.fill(0);
    this.oldestWaiting.fill(Infinity);
    for (const t of this.poolBytesTotal) t?.fill(0);
    for (const o of this.poolOldest) o?.fill(Infinity);
  }

  /**
   * Notes, for the next plan, what machine m may send over each shared hop (bytes queued at or
   * before it, and a rate for what it keeps writing) and whether it is in transition.
   */
  private record(m: MachineStream, i: number): void {
    const writing = m.expectedBytes(1);
    let queued = 0;
    const pool = this.poolOf[i]!;
    for (let h = 0; h < this.hops.length; h++) {
      this.hopBytesTotal[h]! += m.sentOver(h);
      const pt = this.poolBytesTotal[h];
      if (pt) pt[pool]! += m.sentOver(h);
      if (m.isWaiting(h)) this.waitingAny = true;
      const hop = this.hops[h]!;
      if (m.items > 0) {
        const q = m.queues[h]!;
        const c = m.copyQueues[h]!;
        queued += q.bytesQueued + c.bytesQueued;
        if (q.length > 0 && q.arrival(0) < this.oldestWaiting[h]!) this.oldestWaiting[h] = q.arrival(0);
        if (c.length > 0 && c.arrival(0) < this.oldestWaiting[h]!) this.oldestWaiting[h] = c.arrival(0);
        const po = this.poolOldest[h];
        if (po) {
          if (q.length > 0 && q.arrival(0) < po[pool]!) po[pool] = q.arrival(0);
          if (c.length > 0 && c.arrival(0) < po[pool]!) po[pool] = c.arrival(0);
        }
      }
      if (hop.shared) {
        const d = queued * hop.ratio - m.headDone(h);
        this.demands[h]![i] = d > 0 ? d : 0;
        this.rateDemands[h]![i] = writing * hop.ratio;
      }
    }
    if (m.flushed) {
      m.flushed = false;
      this.dirty = true;
    }
  }

  /** Short windows while a machine waits to retry, so data resumes close to the successful attempt. */
  private endRecord(): void {
    this.nextFine = this.waitingAny;
  }

  private atBoundary(m: MachineStream, b: Boundary): void {
    if (b.swap) m.swapLogs(b.at);
    if (b.bookmark) this.groups.bookmark(m, b.at, b.bookmark);
    if (m.points.length > 1 && m.points.at(0) < b.oldest) m.points.prune(b.oldest);
    if (b.housekeeping) m.forgetOld();
  }

  /** Bytes waiting in front of hop h, over all machines or those of one pool (exact for hops after the first). */
  queuedAt(h: number, pool?: number): number {
    const pq = this.path.poolQueued[h];
    return pool !== undefined && pq ? pq[pool]! : this.path.hopQueued[h]!;
  }
}

const byTime = (a: Derived, b: Derived): number => a.t - b.t;
