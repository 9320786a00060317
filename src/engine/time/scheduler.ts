// The virtual clock and its discrete-event queue. Events run in (time, insertion order), so a run
// is reproducible. XState actors get this clock through `xstateClock()`.

import type { SimSeconds } from '../units';

export interface ScheduledHandle {
  readonly id: number;
}

/** An event's action; returning false says it changed nothing (a rejected step). */
export type Action = () => unknown;

interface Entry {
  at: number;
  order: number;
  run: Action;
  cancelled: boolean;
  /** For an event that may do nothing when it runs (a step that will be rejected): says so now. */
  idle?: () => boolean;
}

export class Scheduler {
  private heap: Entry[] = [];
  private order = 0;
  private current = 0;
  private byId = new Map<number, Entry>();
  /** Events run so far, for figures. */
  processed = 0;

  /** The current simulated time. */
  get now(): SimSeconds {
    return this.current as SimSeconds;
  }

  /**
   * Moves the clock. The engine sets it while it delivers control events found inside a data-plane
   * window, each at its exact time; it never moves backwards past what has already run.
   */
  setNow(t: number): void {
    this.current = t;
  }

  /**
   * Schedules `run` at absolute time `at` (clamped to now: the past cannot be scheduled). `idle`,
   * when given, predicts whether the event will change nothing (see `peekBusyTime`).
   */
  at(at: number, run: Action, idle?: () => boolean): ScheduledHandle {
    const entry: Entry = { at: Math.max(at, this.current), order: this.order++, run, cancelled: false, idle };
    this.push(entry);
    this.byId.set(entry.order, entry);
    return { id: entry.order };
  }

  after(delaySeconds: number, run: Action): ScheduledHandle {
    return this.at(this.current + delaySeconds, run);
  }

  cancel(handle: ScheduledHandle | undefined): void {
    if (!handle) return;
    const entry = this.byId.get(handle.id);
    if (entry) {
      entry.cancelled = true;
      this.byId.delete(handle.id);
    }
  }

  /** Time of the next live event, or Infinity. */
  peekTime(): number {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0]!.at : Infinity;
  }

  /**
   * Time of the next live event not predicted to change nothing, or Infinity. The data plane stops
   * only at these; an idle one runs in its turn while the data catches up, so a step that will be
   * rejected does not even cut a data window short.
   */
  peekBusyTime(): number {
    this.dropCancelled();
    let held: Entry[] | undefined;
    let t = Infinity;
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (top.idle === undefined || !top.idle()) {
        t = top.at;
        break;
      }
      (held ??= []).push(top);
      this.removeTop();
      this.dropCancelled();
    }
    if (held) for (const e of held) this.push(e);
    return t;
  }
  /** Removes and returns the next live event without running it. */
  pop(): { at: number; run: Action } | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top) return undefined;
    this.removeTop();
    this.byId.delete(top.order);
    this.processed++;
    return top;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The clock XState actors use: timeouts in milliseconds on simulated time. */
  xstateClock(): { setTimeout(fn: () => void, ms: number): ScheduledHandle; clearTimeout(h: ScheduledHandle): void } {
    return {
      setTimeout: (fn, ms) => this.after(ms / 1000, fn),
      clearTimeout: (h) => this.cancel(h)
    };
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
