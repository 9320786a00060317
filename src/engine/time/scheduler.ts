// The virtual clock and its discrete-event queue. Events run in (time, insertion order), so a run
// is reproducible. The engine's own timers are data (a target object, a name, an argument), so a
// checkpoint can copy the queue with the rest of the run (see copyGraph.ts); XState actors made
// with `actor()` get a clock of their own whose timeouts the copy can schedule again.

import { createActor, type AnyActorLogic, type ActorOptions, type Actor, type EventObject } from 'xstate';
import type { SimSeconds } from '../units';

export interface ScheduledHandle {
  readonly id: number;
}

/** An event's action; returning false says it changed nothing (a rejected step). */
export type Action = () => unknown;

/**
 * An object that runs timers given as data. A checkpoint copies the target with the run, so a timer
 * set before the checkpoint fires in the copy on the copied object.
 */
export interface TimerTarget<N extends string = string> {
  onTimer(name: N, arg: unknown): unknown;
  /** For a timer set with `idle`: whether it will change nothing when it runs (see `peekBusyTime`). */
  timerIdle?(name: N, arg: unknown): boolean;
}

/** A timer as data. */
export interface Timer {
  readonly target: TimerTarget;
  readonly name: string;
  readonly arg: unknown;
  readonly idle: boolean;
}

/** What an actor's clock knows of a timeout XState set: enough to set it again on a copy of the actor. */
export interface ActorTimeout {
  readonly clock: ActorClock;
  readonly event: EventObject;
  readonly delay: number;
  readonly id: string;
}

interface Entry {
  at: number;
  order: number;
  cancelled: boolean;
  /** The engine's timer (copied by a checkpoint). */
  timer?: Timer;
  /** An XState timeout of an actor made with `actor()` (set again when the actor is copied). */
  timeout?: ActorTimeout;
  /** A closure: an observer's look or step at a moment, or a test's; a checkpoint leaves it out. */
  run?: Action;
  /** For a closure that may do nothing when it runs (a step that will be rejected): says so now. */
  idle?: () => boolean;
  /** Called with what a timer returned (a step taken for an observer), not copied. */
  then?: (result: unknown) => void;
}

/** Where a timeout XState sets is to go when a copy of its actor sets it again. */
interface Placement {
  at: number;
  order: number;
}

/** The clock of one actor made with `Scheduler.actor`. */
export class ActorClock {
  /** The scheduled event XState is setting a timeout for (see `Scheduler.actor`). */
  pending: { event: EventObject; delay: number; id: string } | undefined;
  /** Set while a copy of the actor sets its timeouts again: the original's time and order. */
  placement: Placement | undefined;

  constructor(
    readonly scheduler: Scheduler,
    readonly logic: AnyActorLogic,
    readonly options: Omit<ActorOptions<AnyActorLogic>, 'clock' | 'snapshot'>
  ) {}

  setTimeout(fn: () => void, ms: number): ScheduledHandle {
    const p = this.pending;
    const timeout = p ? { clock: this, event: p.event, delay: p.delay, id: p.id } : undefined;
    return this.scheduler.place(this.placement ?? { at: this.scheduler.now + ms / 1000, order: -1 }, fn, timeout);
  }

  clearTimeout(h: ScheduledHandle): void {
    this.scheduler.cancel(h);
  }
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
   * Sets a timer at absolute time `at` (clamped to now: the past cannot be scheduled): it calls
   * `target.onTimer(name, arg)`. With `idle`, `target.timerIdle(name, arg)` predicts whether it will
   * change nothing (see `peekBusyTime`). `then`, when given, is told what it returned (not copied).
   */
  timer<N extends string>(at: number, target: TimerTarget<N>, name: N, arg?: unknown, idle = false, then?: (result: unknown) => void): ScheduledHandle {
    const entry: Entry = { at: Math.max(at, this.current), order: this.order++, cancelled: false, timer: { target: target as TimerTarget, name, arg, idle }, then };
    return this.add(entry);
  }

  /** `timer` at now + delay. */
  timerAfter<N extends string>(delaySeconds: number, target: TimerTarget<N>, name: N, arg?: unknown): ScheduledHandle {
    return this.timer(this.current + delaySeconds, target, name, arg);
  }

  /**
   * Schedules a closure at absolute time `at` (clamped to now): an observer's look at a moment, or
   * a test's. A checkpoint leaves it out, so the engine's own timers are `timer`s. `idle`, when
   * given, predicts whether the event will change nothing (see `peekBusyTime`).
   */
  at(at: number, run: Action, idle?: () => boolean): ScheduledHandle {
    return this.add({ at: Math.max(at, this.current), order: this.order++, run, cancelled: false, idle });
  }

  after(delaySeconds: number, run: Action): ScheduledHandle {
    return this.at(this.current + delaySeconds, run);
  }

  /** An XState timeout, at its place (a copy of an actor puts it where the original's was). */
  place(p: Placement, run: Action, timeout: ActorTimeout | undefined): ScheduledHandle {
    return this.add({ at: Math.max(p.at, this.current), order: p.order >= 0 ? p.order : this.order++, run, cancelled: false, timeout });
  }

  private add(entry: Entry): ScheduledHandle {
    this.push(entry);
    this.byId.set(entry.order, entry);
    return { id: entry.order };
  }

  /**
   * Creates an actor (not started) on a clock of its own: the clock knows which of XState's
   * scheduled events each timeout is, so a copy of the actor can set them again (see `copyActor`).
   */
  actor<L extends AnyActorLogic>(logic: L, options: Omit<ActorOptions<L>, 'clock' | 'snapshot'> = {}, snapshot?: unknown): Actor<L> {
    const clock = new ActorClock(this, logic, options as never);
    const actor = createActor(logic, { ...options, clock, ...(snapshot === undefined ? {} : { snapshot }) } as ActorOptions<L>);
    const scheduler = actor.system.scheduler;
    const schedule = scheduler.schedule.bind(scheduler);
    scheduler.schedule = (source, target, event, delay, id) => {
      clock.pending = source === target && source === actor && id !== undefined ? { event, delay, id } : undefined;
      try {
        schedule(source, target, event, delay, id);
      } finally {
        clock.pending = undefined;
      }
    };
    return actor;
  }

  /** The live XState timeouts of an actor's clock, with where each is due, in the order they were set. */
  timeoutsOf(clock: ActorClock): { timeout: ActorTimeout; at: number; order: number }[] {
    const out: { timeout: ActorTimeout; at: number; order: number }[] = [];
    for (const e of this.byId.values()) if (e.timeout?.clock === clock && !e.cancelled) out.push({ timeout: e.timeout, at: e.at, order: e.order });
    return out.sort((a, b) => a.order - b.order);
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
      if (!isIdle(top)) {
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
    return { at: top.at, run: () => runEntry(top) };
  }

  get size(): number {
    return this.byId.size;
  }

  /** A clock for XState actors made outside the engine (tests): timeouts in milliseconds on simulated time. */
  xstateClock(): { setTimeout(fn: () => void, ms: number): ScheduledHandle; clearTimeout(h: ScheduledHandle): void } {
    return {
      setTimeout: (fn, ms) => this.after(ms / 1000, fn),
      clearTimeout: (h) => this.cancel(h)
    };
  }

  /**
   * The queue for a copy of the run: `copy` gives each timer's target and argument as they are in
   * the copy. Closures are left out; XState timeouts are set again by the copies of their actors.
   */
  copyInto(into: Scheduler, copy: <T>(x: T) => T): void {
    into.order = this.order;
    into.current = this.current;
    into.processed = this.processed;
    for (const e of this.heap) {
      if (e.cancelled || !e.timer) continue;
      const t = e.timer;
      into.add({ at: e.at, order: e.order, cancelled: false, timer: { target: copy(t.target), name: t.name, arg: copy(t.arg), idle: t.idle } });
    }
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

function runEntry(e: Entry): unknown {
  if (e.timer) {
    const r = e.timer.target.onTimer(e.timer.name, e.timer.arg);
    e.then?.(r);
    return r;
  }
  return e.run!();
}

function isIdle(e: Entry): boolean {
  if (e.timer) return e.timer.idle && e.timer.target.timerIdle!(e.timer.name, e.timer.arg);
  return e.idle !== undefined && e.idle();
}
