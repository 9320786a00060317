// Moves one machine's items along its replication path within a window: each hop serves its queue
// in order (FIFO) at the machine's rate for the window; an item that finds the next hop idle is
// carried on at once (cut-through); at the last hop items are applied to the replica. Also where
// arrivals at the target are seen, so RPO crossings are found with their exact times.

import type { DataPlaneHost } from './host';
import type { LinkMeter } from './linkMeter';
import { ARRIVAL, BYTES, COPY, CUT, DELTA, END, KIND, PAYLOAD } from './itemQueue';
import { BUSY, DONE, HOP_STRIDE, PARTIAL, SENT, WAITING, type GroupReady, type MachineStream } from './stream';
import type { ItemQueue } from './itemQueue';
import type { Derived, HopBlock, HopRuntime } from './types';

/** Where `PathFlow.item` holds the time its item finished the hop it was last sent over. */
const FINISH = 6;

/** Offset of hop h's row in MachineStream.hop. */
const o0 = (h: number): number => h * HOP_STRIDE;

export class PathFlow {
  /** Per hop, per machine: bytes per second for this window. */
  readonly rates: Float64Array[];
  /** Per hop: the share of a machine that had planned nothing; the room at the hop's destination. */
  readonly floors: Float64Array;
  readonly rooms: Float64Array;
  /** Bytes queued in front of each hop over all machines (index hops.length is always 0). */
  readonly hopQueued: Float64Array;
  /**
   * With scale-out process servers: each machine's pool (process server), and per pooled hop the
   * pool's floor, the room at the pool's destination and the bytes queued in front of it for the
   * pool. Undefined entries are hops every machine shares as one.
   */
  readonly poolOf: Int32Array;
  readonly poolFloors: Array<Float64Array | undefined>;
  readonly poolRooms: Array<Float64Array | undefined>;
  readonly poolQueued: Array<Float64Array | undefined>;
  /** Counts what each link carries when the live page watches (see LinkMeter); the run is the same without it. */
  meter: LinkMeter | undefined;
  t0 = 0;
  t1 = 0;
  /** Start of the data window (a path run may start later, at a bookmark boundary inside it). */
  windowStart = 0;
  /** No fault is active: nothing can block a hop, so the checks are skipped. */
  calm = true;
  /**
   * The item being delivered (ItemQueue's row layout, and FINISH): items move from hop to hop
   * through this buffer, since fractions passed as arguments would each be a fresh heap number.
   */
  private readonly item = new Float64Array(8);

  constructor(
    private readonly host: Pick<DataPlaneHost, 'hopBlocked'>,
    private readonly hops: readonly HopRuntime[],
    machines: number,
    private readonly out: Derived[],
    private readonly groupReady: GroupReady,
    poolOf?: Int32Array,
    poolCount?: number
  ) {
    this.rates = hops.map(() => new Float64Array(machines));
    this.floors = new Float64Array(hops.length);
    this.rooms = new Float64Array(hops.length).fill(Infinity);
    this.hopQueued = new Float64Array(hops.length + 1);
    this.poolOf = poolOf ?? new Int32Array(machines);
    const pools = poolCount ?? 1;
    const pooled = (h: number): boolean => hops[h]?.pools !== undefined;
    this.poolFloors = hops.map((_, h) => (pooled(h) ? new Float64Array(pools) : undefined));
    this.poolRooms = hops.map((_, h) => (pooled(h + 1) ? new Float64Array(pools).fill(Infinity) : undefined));
    this.poolQueued = Array.from({ length: hops.length + 1 }, (_, h) => (pooled(h) ? new Float64Array(pools) : undefined));
  }

  /** The rate of machine i on hop h when its plan gave it nothing: an equal share of its pool, or of the hop. */
  private floor(h: number, i: number): number {
    const pf = this.poolFloors[h];
    return pf ? pf[this.poolOf[i]!]! : this.floors[h]!;
  }

  /** Whether `bytes` more would overfill the destination of hop h (a process server's cache) for machine i. */
  private roomFull(h: number, i: number, bytes: number): boolean {
    const pq = this.poolQueued[h + 1];
    if (pq) {
      const p = this.poolOf[i]!;
      return pq[p]! + bytes > this.poolRooms[h]![p]!;
    }
    return this.hopQueued[h + 1]! + bytes > this.rooms[h]!;
  }

  /** Bytes queued in front of hop h change by `bytes` for machine i. */
  private queued(h: number, i: number, bytes: number): void {
    this.hopQueued[h]! += bytes;
    const pq = this.poolQueued[h];
    if (pq) pq[this.poolOf[i]!]! += bytes;
  }

  flow(m: MachineStream, i: number): void {
    const hops = this.hops;
    const { t0, t1 } = this;
    const last = hops.length - 1;
    for (let h = 0; h < hops.length; h++) {
      const dq = m.queues[h]!;
      const cq = m.copyQueues[h]!;
      if (dq.length === 0 && cq.length === 0) continue;
      // At the target, changes wait until the copy they follow is complete.
      const target = h === last;
      const first = cq.length > 0 && (dq.length === 0 || (target && m.copy !== undefined) || cq.arrival(0) < dq.arrival(0)) ? cq : dq;
      if (first.length === 0 || !(this.calm ? m.hop[o0(h) + WAITING] === 0 : this.usable(m, i, h, first.arrival(0)))) continue;
      const planned = this.rates[h]![i]!;
      const rate = planned > 0 ? planned : this.floor(h, i);
      const ratio = hops[h]!.ratio;
      const st = m.hop;
      const o = h * HOP_STRIDE;
      let busy = st[o + BUSY]!;
      let done = st[o + DONE]!;
      for (;;) {
        // The copy may complete in this loop: whether changes are held is checked item by item.
        const q = this.next(dq, cq, busy, done > 0 ? st[o + PARTIAL]! : -1, target && m.copy !== undefined, target);
        if (!q) {
          done = 0;
          break;
        }
        const arrival = q.arrival(0);
        const start = arrival > busy ? (arrival > t0 ? arrival : t0) : busy > t0 ? busy : t0;
        if (start >= t1) break;
        const bytes = q.bytes(0);
        if (this.roomFull(h, i, bytes)) break; // destination (process server cache) full: wait
        const remaining = bytes * ratio - done;
        const finish = start + remaining / rate;
        if (finish > t1) {
          const part = (t1 - start) * rate;
          this.meter?.add(i, h, start, t1, rate);
          done += part;
          st[o + PARTIAL] = q === cq ? 1 : 0;
          st[o + SENT]! += part;
          busy = t1;
          break;
        }
        st[o + SENT]! += remaining;
        this.meter?.add(i, h, start, finish, rate);
        done = 0;
        busy = finish;
        const item = this.item;
        q.readHead(item);
        item[FINISH] = finish;
        q.shift();
        this.queued(h, i, -bytes);
        st[o + BUSY] = busy;
        this.delivered(m, i, h);
      }
      st[o + BUSY] = busy;
      st[o + DONE] = done;
    }
  }

  /**
   * The queue whose head the hop serves next: a partly sent item first; then, on network hops,
   * changes before bulk copy traffic (copies yield), and at the target the copy before changes.
   */
  private next(dq: ItemQueue, cq: ItemQueue, busy: number, partial: number, held: boolean, target: boolean): ItemQueue | undefined {
    if (partial === 0 && dq.length > 0) return dq;
    if (partial === 1 && cq.length > 0) return cq;
    const d = dq.length > 0 && !held;
    const c = cq.length > 0;
    if (!d) return c ? cq : undefined;
    if (!c) return dq;
    if (target) return cq;
    const now = busy > this.t0 ? busy : this.t0;
    const da = dq.arrival(0);
    const ca = cq.arrival(0);
    if (da <= now) return dq;
    return ca <= now || ca < da ? cq : dq;
  }

  /** Whether machine m may send over hop h now; notes a failure the first time it is blocked. */
  private usable(m: MachineStream, i: number, h: number, headArrival: number): boolean {
    if (this.calm) return m.hop[h * HOP_STRIDE + WAITING] === 0;
    const block = this.host.hopBlocked(i, h);
    if (block) {
      this.noteBlocked(m, h, block, Math.max(this.t0, headArrival));
      return false;
    }
    return m.hop[h * HOP_STRIDE + WAITING] === 0;
  }

  /**
   * The item in `this.item` finished hop h (at its FINISH). At the last hop it is applied;
   * otherwise it goes to the next hop, straight through while that hop is idle, queueing where it
   * has to wait.
   */
  private delivered(m: MachineStream, i: number, h: number): void {
    const hops = this.hops;
    const last = hops.length - 1;
    const t1 = this.t1;
    const item = this.item;
    const kind = item[KIND]!;
    const bytes = item[BYTES]!;
    let finish = item[FINISH]!;
    m.deliveries++;
    if (h === 0) m.firstHopDelivered();
    for (;;) {
      if (h === last) {
        item[FINISH] = finish;
        this.apply(m);
        return;
      }
      const arrival = finish + hops[h]!.latency;
      h++;
      if (h === last && kind === DELTA) this.received(m, arrival < t1 ? arrival : t1, item[CUT]!);
      const copy = kind === COPY;
      const q = (copy ? m.copyQueues : m.queues)[h]!;
      const other = (copy ? m.queues : m.copyQueues)[h]!;
      const o = h * HOP_STRIDE;
      const st = m.hop;
      // Straight through only when the hop has nothing else to do; changes wait at the target while
      // a copy is in progress.
      const held = !copy && h === last && m.copy !== undefined;
      if (q.length > 0 || other.length > 0 || held || arrival >= t1 || st[o + BUSY]! > arrival || !(this.calm ? st[o + WAITING] === 0 : this.usable(m, i, h, arrival)) || this.roomFull(h, i, bytes)) {
        item[ARRIVAL] = arrival;
        q.pushItem(item);
        this.queued(h, i, bytes);
        return;
      }
      const planned = this.rates[h]![i]!;
      const rate = planned > 0 ? planned : this.floor(h, i);
      const wire = bytes * hops[h]!.ratio;
      const done = arrival + wire / rate;
      if (done > t1) {
        item[ARRIVAL] = arrival;
        q.pushItem(item);
        this.queued(h, i, bytes);
        const part = (t1 - arrival) * rate;
        this.meter?.add(i, h, arrival, t1, rate);
        st[o + DONE] = part;
        st[o + PARTIAL] = copy ? 1 : 0;
        st[o + SENT]! += part;
        st[o + BUSY] = t1;
        return;
      }
      st[o + SENT]! += wire;
      this.meter?.add(i, h, arrival, done, rate);
      st[o + BUSY] = done;
      m.deliveries++;
      finish = done;
    }
  }

  /** Applies the item in `this.item` at the target, at its FINISH. */
  private apply(m: MachineStream): void {
    const item = this.item;
    const kind = item[KIND]!;
    const finish = item[FINISH]!;
    if (kind === DELTA) {
      m.applyDelta(item[END]!, finish, this.groupReady);
    } else if (kind === COPY && m.copy) {
      const before = m.receivedThrough;
      const { diskDone, copyDone } = m.applyCopySegment(item[PAYLOAD]!);
      if (diskDone >= 0) this.out.push({ t: finish, kind: 'copy.diskCompleted', machine: m.index, disk: diskDone });
      if (copyDone) {
        this.out.push({ t: finish, kind: 'copy.completed', machine: m.index });
        this.copyCompleted(m, finish, before);
      }
    }
  }

  /**
   * The copy is complete at t: changes that arrived during it count as received now, those this
   * window brings later count at their arrival, and the RPO may be back under the threshold.
   */
  private copyCompleted(m: MachineStream, t: number, before: number): void {
    // Until now the target could recover nothing newer than before the copy: the RPO may have
    // passed the threshold meanwhile (a window still copying at its end would have seen it).
    this.exceededBetween(m, before, t);
    const arrivals = m.copyArrivals.splice(0, m.copyArrivals.length);
    let through = m.receivedThrough;
    let k = 0;
    for (; k < arrivals.length && arrivals[k]! <= t; k += 2) through = Math.max(through, arrivals[k + 1]!);
    if (through > m.receivedThrough) {
      m.receivedThrough = through;
      m.receivedMore(t, this.groupReady);
    }
    this.recoveredAt(m, t);
    for (; k < arrivals.length; k += 2) this.received(m, arrivals[k]!, arrivals[k + 1]!);
  }

  private noteBlocked(m: MachineStream, h: number, block: HopBlock, t: number): void {
    if (t >= this.t1 || m.isWaiting(h)) return;
    if (block.kind === 'failure') {
      m.setWaiting(h, true);
      this.out.push({ t, kind: 'transfer.failed', machine: m.index, hop: h, reason: block.reason, network: block.network === true });
    } else if (block.kind === 'auth') {
      m.setWaiting(h, true);
      this.out.push({ t, kind: 'auth.failed', machine: m.index, reason: block.reason });
    }
  }

  /**
   * An idle, healthy streaming path has delivered everything up to t: the target is current. (It was
   * current all along, so this is no RPO crossing, at most a recovery.)
   */
  current(m: MachineStream, t: number, through: number): void {
    if (through > m.receivedThrough) {
      m.receivedThrough = through;
      m.receivedMore(t, this.groupReady);
    }
    this.recoveredAt(m, t);
  }

  /** The target held data up to source time `through` until t: the RPO passed the threshold if that was too long ago. */
  private exceededBetween(m: MachineStream, through: number, t: number): void {
    if (m.rpoExceeded || t - through <= m.rpoThreshold) return;
    // A crossing before the window would have been seen when the previous window closed.
    const at = Math.min(Math.max(through + m.rpoThreshold, this.windowStart), t);
    m.noteRpo(at, true, m.rpoThreshold);
    if (m.rpoActive) this.out.push({ t: Math.max(at, m.rpoSince), kind: 'rpo.exceeded', machine: m.index, rpo: m.rpoThreshold });
  }

  /**
   * The RPO is back under the threshold at t, if it was above it (at exactly the threshold it stays
   * as it was). Times are told to the millisecond: an RPO less than a millisecond under the
   * threshold is still at it, so no recovery lasts less than the report can show.
   */
  private recoveredAt(m: MachineStream, t: number): void {
    if (!m.rpoExceeded || t - m.receivedThrough >= m.rpoThreshold - 1e-3) return;
    const rpo = t - m.receivedThrough;
    m.noteRpo(t, false, rpo);
    if (m.rpoActive) this.out.push({ t, kind: 'rpo.recovered', machine: m.index, rpo });
  }

  /**
   * Data for source time `cut` reached the target at time t: RPO crossings are found here. (Once
   * per change that arrives: each step is called only when it has something to do.)
   */
  received(m: MachineStream, t: number, cut: number): void {
    if (m.mode === 'copy') {
      // Changes that arrive during a copy become recoverable only once it is complete; that moment
      // (at the apply step, which this window reaches after this arrival) decides about the RPO.
      m.copyArrivals.push(t, cut);
      return;
    }
    // Just before this arrival the target held everything before this change (a streaming path is
    // first in, first out), or what the previous log covered.
    const rt = m.receivedThrough;
    const through = m.tracker === 'mobility' && cut > rt ? cut : rt;
    if (!m.rpoExceeded && t - through > m.rpoThreshold) this.exceededBetween(m, through, t);
    if (cut > m.receivedThrough) {
      m.receivedThrough = cut;
      if (m.bookmarkDue) m.receivedMore(t, this.groupReady);
    }
    if (m.rpoExceeded) this.recoveredAt(m, t);
  }
}
