// How complete the target is at a moment of the window grid (the source time up to which it holds
// every change), and what that means for the RPO and for the freshness of recovery points. Read at
// grid boundaries and window ends only, never at an arbitrary moment, so where windows happen to
// be cut cannot change a run.

import type { PathFlow } from './flow';
import type { MachineStream } from './stream';
import type { DataPlaneHost } from './host';
import type { Derived, HopRuntime } from './types';

export class Completeness {
  constructor(
    private readonly host: Pick<DataPlaneHost, 'hopBlocked'>,
    private readonly hops: readonly HopRuntime[],
    private readonly path: PathFlow,
    private readonly out: Derived[]
  ) {}

  /**
   * Source time up to which the target holds complete data at time t. A streaming path holds
   * everything written before its oldest change still on the way, or everything up to now when
   * nothing is on the way and nothing is in its way; a synchronous mirror is current while up; a
   * Hyper-V path holds what its last delivered log covered.
   */
  through(m: MachineStream, t: number): number {
    const rt = m.receivedThrough;
    if (m.mode !== 'delta') return rt;
    if (m.tracker === 'san') return m.syncUp && m.items === 0 ? t : rt;
    // A broken path confirms nothing, whatever is or is not on it.
    if (m.tracker !== 'mobility' || !this.pathHealthy(m)) return rt;
    let oldest = Infinity;
    const last = this.hops.length - 1;
    if (m.items > 0) for (let h = 0; h < last; h++) if (m.queues[h]!.length > 0) oldest = Math.min(oldest, m.queues[h]!.cut(0));
    return Number.isFinite(oldest) ? Math.max(rt, oldest) : t;
  }

  /** At a grid boundary: the target's completeness is brought up to date. */
  noteIdle(m: MachineStream, t: number): void {
    const through = this.through(m, t);
    if (through > m.receivedThrough || (m.rpoExceeded && t - through < m.rpoThreshold)) this.path.current(m, t, through);
  }

  /** At the end of machine m's pass through the window (t0, t1]: RPO and points that went stale in it. */
  closeWindow(m: MachineStream, t0: number, t1: number, staleLimit: number): void {
    if (m.mode === 'off') return;
    // The crossing time comes from the data, so it is the same whichever window finds it.
    const through = this.through(m, t1);
    if (!m.rpoExceeded && t1 - through > m.rpoThreshold) {
      const at = clamp(through + m.rpoThreshold, t0, t1);
      m.noteRpo(at, true, m.rpoThreshold);
      if (m.rpoActive) this.out.push({ t: Math.max(at, m.rpoSince), kind: 'rpo.exceeded', machine: m.index, rpo: m.rpoThreshold });
    }
    if (!m.rpoActive) return;
    const lastPoint = Math.max(m.lastPointAt, m.pointsExpectedSince);
    if (!m.pointsStale && t1 - lastPoint > staleLimit) {
      m.pointsStale = true;
      this.out.push({ t: clamp(lastPoint + staleLimit, t0, t1), kind: 'points.stale', machine: m.index, since: lastPoint });
    }
  }

  /** No hop of the network path waits for a retry or is blocked (nothing can be while no fault is active). */
  private pathHealthy(m: MachineStream): boolean {
    const last = this.hops.length - 1;
    for (let h = 0; h < last; h++) if (m.isWaiting(h)) return false;
    if (this.path.calm) return true;
    for (let h = 0; h < last; h++) if (this.host.hopBlocked(m.index, h)) return false;
    return true;
  }
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
