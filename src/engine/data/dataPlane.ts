// Moves replication data forward in time, in windows that end at the next control event or step
// boundary (every 5 minutes, or at the copy frequency when it is shorter). Within a window every
// write, transfer and apply is timed exactly; what the control plane must react to is collected
// with its exact time and handed over, in time order, when the window closes.

import { COPY, DELTA } from './itemQueue';
import type { MachineStream } from './stream';
import type { Derived, HopRuntime } from './types';
import { GroupPoints } from '../protection/groupPoints';

export interface DataPlaneSettings {
  /** Seconds between crash-consistent bookmarks (5 minutes, fixed by the product). */
  crashEvery: number;
  /** Seconds between app-consistent bookmarks, or 0 for none. */
  appEvery: number;
  /** Hyper-V copy frequency (seconds), 0 where it does not apply. */
  copyFrequency: number;
  retention: number;
  stalePointSeconds: number;
}

export type StageLevel = 'normal' | 'low' | 'full';

/** A bounded stage (process server cache) in front of a hop: thresholds on its free share. */
export interface StageWatch {
  hop: number;
  capacity: () => number;
  lowFreeShare: number;
  level: StageLevel;
  onLevel: (level: StageLevel, t: number, freeShare: number) => void;
}

export class DataPlane {
  lastT = 0;
  /** Start of the window being processed. */
  private t0 = 0;
  private readonly out: Derived[] = [];
  private readonly rates: Float64Array;
  private readonly demands: Float64Array;
  /** Bytes queued in front of each hop, over all machines. */
  readonly hopQueued: Float64Array;
  readonly groups: GroupPoints;
  readonly stages: StageWatch[] = [];
  /** Called after each window, once its derived events were handed over. */
  onWindow: ((t: number) => void) | undefined;

  constructor(
    readonly streams: MachineStream[],
    readonly hops: HopRuntime[],
    public settings: DataPlaneSettings
  ) {
    this.rates = new Float64Array(streams.length);
    this.demands = new Float64Array(streams.length);
    this.hopQueued = new Float64Array(hops.length);
    this.groups = new GroupPoints(streams);
  }

  /**
   * Window length. Control reactions to what a window finds start timers of at least a minute
   * (finalize, the first retry), so while copies run or faults are active windows are one minute
   * long and those timers never fall inside an already processed window.
   */
  get step(): number {
    const f = this.settings.copyFrequency;
    const coarse = this.fine() ? FINE_STEP : this.settings.crashEvery;
    return f > 0 ? Math.min(coarse, f) : coarse;
  }

  /** Set by the engine: whether anything is in a transitional state (faults active). */
  eventful: () => boolean = () => false;

  private fine(): boolean {
    if (this.eventful()) return true;
    for (const m of this.streams) if (m.mode === 'copy' || m.waiting.some((w) => w !== 0)) return true;
    return false;
  }

  /**
   * Advances data to time t; `dispatch` receives each derived event in time order. Stops early once
   * `limit()` (the next control event, which a dispatched event may have just scheduled) is reached.
   */
  advance(t: number, dispatch: (d: Derived) => void, limit: () => number = () => Infinity): void {
    while (this.lastT < t && this.lastT < limit()) {
      const step = this.step;
      const boundary = (Math.floor(this.lastT / step + 1e-9) + 1) * step;
      const end = Math.min(boundary, t, Math.max(limit(), this.lastT));
      this.t0 = this.lastT;
      this.window(this.lastT, end);
      if (end === boundary) this.atBoundary(boundary);
      this.lastT = end;
      if (this.out.length > 0) {
        const batch = this.out.splice(0, this.out.length);
        batch.sort((a, b) => a.t - b.t);
        for (const d of batch) dispatch(d);
      }
      for (const stage of this.stages) this.watchStage(stage, end);
      this.onWindow?.(end);
    }
  }

  private window(t0: number, t1: number): void {
    const streams = this.streams;
    const groupReady = this.groups.ready;
    for (const m of streams) m.generate(t1, this.out, groupReady);
    this.hopQueued.fill(0);
    for (let h = 0; h < this.hops.length; h++) for (const m of streams) this.hopQueued[h]! += m.queues[h]!.bytesQueued;
    for (let h = 0; h < this.hops.length; h++) this.runHop(h, t0, t1);
    for (const m of streams) this.closeWindow(m, t0, t1);
  }

  private runHop(h: number, t0: number, t1: number): void {
    const hop = this.hops[h]!;
    const streams = this.streams;
    const rates = this.rates;
    rates.fill(0);
    let active = 0;
    for (let i = 0; i < streams.length; i++) {
      const m = streams[i]!;
      const q = m.queues[h]!;
      if (q.length === 0 || !hop.serves(i)) continue;
      const block = hop.blocked(i);
      if (block) {
        this.noteBlocked(m, h, block, Math.max(t0, q.arrival(0)), t1);
        continue;
      }
      if (m.waiting[h]) continue;
      const demand = q.bytesQueued * hop.ratio - m.headDone[h]!;
      if (demand > 0) {
        this.demands[active] = demand;
        rates[i] = demand; // provisional: the demand, replaced by the rate below
        active++;
      }
    }
    if (active === 0) return;
    this.share(hop, active, t1 - t0);
    for (let i = 0; i < streams.length; i++) if (rates[i]! > 0) this.sendOver(h, streams[i]!, t0, t1, rates[i]!);
  }

  /**
   * Turns demands (in `rates`) into rates. A shared hop is split max-min fair over the window, with
   * at least an equal share each; an unshared hop gives each machine its full capacity.
   */
  private share(hop: HopRuntime, active: number, dt: number): void {
    const rates = this.rates;
    const cap = hop.capacity;
    if (!hop.shared || dt <= 0) {
      for (let i = 0; i < rates.length; i++) if (rates[i]! > 0) rates[i] = cap;
      return;
    }
    const budget = cap * dt;
    const floor = cap / active;
    const demands = this.demands.subarray(0, active);
    let sum = 0;
    for (let k = 0; k < active; k++) sum += demands[k]!;
    let level = Infinity;
    if (sum > budget) {
      demands.sort();
      let left = budget;
      for (let k = 0; k < active; k++) {
        const fair = left / (active - k);
        if (demands[k]! >= fair) {
          level = fair;
          break;
        }
        left -= demands[k]!;
      }
    }
    for (let i = 0; i < rates.length; i++) {
      const d = rates[i]!;
      if (d > 0) rates[i] = Math.max(Math.min(d, level) / dt, floor);
    }
  }

  private sendOver(h: number, m: MachineStream, t0: number, t1: number, rate: number): void {
    const hop = this.hops[h]!;
    const q = m.queues[h]!;
    const last = h === this.hops.length - 1;
    const next = last ? undefined : m.queues[h + 1]!;
    const room = next ? this.stageCapacity(h + 1) : Infinity;
    while (q.length > 0) {
      const start = Math.max(q.arrival(0), m.busyUntil[h]!, t0);
      if (start >= t1) break;
      const bytes = q.bytes(0);
      if (this.hopQueued[h + 1]! + bytes > room) break; // destination full (process server cache): wait
      const remaining = bytes * hop.ratio - m.headDone[h]!;
      const finish = start + remaining / rate;
      if (finish > t1) {
        const sent = (t1 - start) * rate;
        m.headDone[h]! += sent;
        m.hopBytes[h]! += sent;
        m.busyUntil[h] = t1;
        break;
      }
      m.hopBytes[h]! += remaining;
      m.headDone[h] = 0;
      m.busyUntil[h] = finish;
      const kind = q.kind(0);
      const endSeq = q.endSeq(0);
      const cut = q.cut(0);
      const payload = q.payload(0);
      q.shift();
      this.hopQueued[h]! -= bytes;
      if (h === 0) m.firstHopDelivered();
      if (next) {
        const arrival = finish + hop.latency;
        next.push(kind, endSeq, bytes, cut, arrival, payload);
        this.hopQueued[h + 1]! += bytes;
        if (h + 1 === this.hops.length - 1 && kind === DELTA) this.received(m, Math.min(arrival, t1), cut);
      } else if (kind === DELTA) {
        m.applyDelta(endSeq, finish, this.groups.ready);
      } else if (kind === COPY && m.copy) {
        const { diskDone, copyDone } = m.applyCopySegment(payload);
        if (diskDone >= 0) this.out.push({ t: finish, kind: 'copy.diskCompleted', machine: m.index, disk: diskDone });
        if (copyDone) this.out.push({ t: finish, kind: 'copy.completed', machine: m.index });
      }
    }
  }

  private stageCapacity(h: number): number {
    const stage = this.stages.find((s) => s.hop === h);
    return stage ? stage.capacity() : Infinity;
  }

  private noteBlocked(m: MachineStream, h: number, block: { kind: string; reason: string }, t: number, t1: number): void {
    if (t >= t1 || m.waiting[h]) return;
    if (block.kind === 'failure') {
      m.waiting[h] = 1;
      this.out.push({ t, kind: 'transfer.failed', machine: m.index, hop: h, reason: block.reason });
    } else if (block.kind === 'auth') {
      m.waiting[h] = 1;
      this.out.push({ t, kind: 'auth.failed', machine: m.index, reason: block.reason });
    }
  }

  /** Data for source time `cut` reached the target at time t: RPO crossings are found here. */
  private received(m: MachineStream, t: number, cut: number): void {
    if (m.rpoActive && !m.rpoExceeded && t - m.receivedThrough > m.rpoThreshold) {
      m.rpoExceeded = true;
      const at = Math.max(m.receivedThrough + m.rpoThreshold, m.rpoSince, this.t0);
      this.out.push({ t: Math.min(at, t), kind: 'rpo.exceeded', machine: m.index, rpo: m.rpoThreshold });
    }
    if (cut > m.receivedThrough) m.receivedThrough = cut;
    if (m.rpoActive && m.rpoExceeded && t - m.receivedThrough <= m.rpoThreshold) {
      m.rpoExceeded = false;
      this.out.push({ t, kind: 'rpo.recovered', machine: m.index, rpo: t - m.receivedThrough });
    }
  }

  private closeWindow(m: MachineStream, t0: number, t1: number): void {
    if (m.mode === 'delta') {
      if (m.tracker === 'san') {
        if (m.syncUp) this.received(m, t1, t1);
      } else if (m.tracker === 'mobility' && this.pathIdle(m)) {
        this.received(m, t1, t1);
      }
    }
    if (!m.rpoActive) return;
    if (!m.rpoExceeded && t1 - m.receivedThrough > m.rpoThreshold) {
      m.rpoExceeded = true;
      this.out.push({ t: clamp(Math.max(m.receivedThrough + m.rpoThreshold, m.rpoSince), t0, t1), kind: 'rpo.exceeded', machine: m.index, rpo: m.rpoThreshold });
    }
    const newest = m.points.newest;
    const lastPoint = newest >= 0 ? Math.max(m.points.at(newest), m.pointsExpectedSince) : m.pointsExpectedSince;
    const limit = this.settings.stalePointSeconds;
    if (!m.pointsStale && t1 - lastPoint > limit) {
      m.pointsStale = true;
      this.out.push({ t: clamp(lastPoint + limit, t0, t1), kind: 'points.stale', machine: m.index, since: lastPoint });
    } else if (m.pointsStale && t1 - lastPoint <= limit) {
      m.pointsStale = false;
      this.out.push({ t: clamp(newest >= 0 ? m.points.createdAt(newest) : t1, t0, t1), kind: 'points.fresh', machine: m.index });
    }
  }

  /** Nothing is waiting on the network path and every hop is usable: the target is current. */
  private pathIdle(m: MachineStream): boolean {
    const last = this.hops.length - 1;
    for (let h = 0; h < last; h++) {
      if (m.queues[h]!.length > 0 || m.waiting[h]) return false;
      if (this.hops[h]!.serves(m.index) && this.hops[h]!.blocked(m.index)) return false;
    }
    return true;
  }

  private atBoundary(b: number): void {
    const s = this.settings;
    if (s.copyFrequency > 0 && isMultiple(b, s.copyFrequency)) for (const m of this.streams) m.swapLogs(b);
    if (isMultiple(b, s.crashEvery)) {
      const app = s.appEvery > 0 && isMultiple(b, s.appEvery);
      this.groups.bookmark(this.streams, b, app ? 'app' : 'crash');
    }
    const oldest = b - s.retention;
    for (const m of this.streams) {
      if (m.mode === 'off') {
        m.forgetOld();
        continue;
      }
      if (m.points.length > 1) m.points.prune(oldest);
      m.forgetOld();
    }
    this.groups.forgetBefore(oldest);
  }

  private watchStage(stage: StageWatch, t: number): void {
    const cap = stage.capacity();
    const used = this.hopQueued[stage.hop]!;
    const free = cap > 0 ? Math.max(0, 1 - used / cap) : 0;
    const level: StageLevel = free <= 0.001 ? 'full' : free < stage.lowFreeShare ? 'low' : 'normal';
    if (level !== stage.level) {
      stage.level = level;
      stage.onLevel(level, t, free);
    }
  }

  /** Bytes waiting in front of hop h, over all machines it serves. */
  queuedAt(h: number): number {
    let n = 0;
    for (const m of this.streams) n += m.queues[h]!.bytesQueued;
    return n;
  }
}

const FINE_STEP = 60;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const isMultiple = (t: number, every: number): boolean => Math.abs(t / every - Math.round(t / every)) < 1e-9;
