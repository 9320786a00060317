// A deep copy of a run's state, for checkpoints: every object reachable from the root is copied
// once (shared references stay shared, cycles are kept), class instances keep their class, typed
// arrays keep sharing their buffers as before. What cannot be copied is handled so:
// - functions are left out (callbacks and hooks: the owner of the copy wires them again, and a test
//   checks that it wires every one; see Simulation.copy);
// - the event queue is copied through `Scheduler.copyInto` (timers are data);
// - an XState actor made with `Scheduler.actor` is made again from its persisted snapshot on the
//   copy's clock, and its pending timeouts are set again at their original time and order;
// - XState machine definitions, frozen objects and the objects given as `shared` are not copied.

import { Actor, type AnyActorLogic, type EventObject } from 'xstate';
import { ActorClock, Scheduler } from './scheduler';

/** Copies `root` and everything it reaches (see the file's comment). */
export function copyGraph<T>(root: T, shared: Iterable<object> = []): T {
  const memo = new Map<unknown, unknown>();
  for (const s of shared) memo.set(s, s);
  const copy = <X>(x: X): X => copyValue(x, memo, copy) as X;
  return copy(root);
}

function copyValue(x: unknown, memo: Map<unknown, unknown>, copy: <X>(x: X) => X): unknown {
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? undefined : x;
  const known = memo.get(x);
  if (known !== undefined) return known;
  if (Object.isFrozen(x) || isMachineDefinition(x)) {
    memo.set(x, x);
    return x;
  }
  if (ArrayBuffer.isView(x)) {
    const view = x as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number; constructor: new (b: ArrayBuffer, o: number, l: number) => unknown };
    let buffer = memo.get(view.buffer) as ArrayBuffer | undefined;
    if (!buffer) {
      buffer = view.buffer.slice(0);
      memo.set(view.buffer, buffer);
    }
    const out = new view.constructor(buffer, view.byteOffset, view.length);
    memo.set(x, out);
    return out;
  }
  if (x instanceof ArrayBuffer) {
    const out = x.slice(0);
    memo.set(x, out);
    return out;
  }
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    memo.set(x, out);
    for (const v of x) if (typeof v !== 'function') out.push(copy(v));
    return out;
  }
  if (x instanceof Map) {
    const out = new Map();
    memo.set(x, out);
    for (const [k, v] of x) if (typeof v !== 'function') out.set(copy(k), copy(v));
    return out;
  }
  if (x instanceof Set) {
    const out = new Set();
    memo.set(x, out);
    for (const v of x) if (typeof v !== 'function') out.add(copy(v));
    return out;
  }
  if (x instanceof Scheduler) {
    const out = new Scheduler();
    memo.set(x, out);
    x.copyInto(out, copy);
    // Timeouts of actors only the queue still reaches are set again too.
    for (const clock of x.clocks()) if (clock.actor) copy(clock.actor);
    return out;
  }
  if (x instanceof Actor) return copyActor(x as Actor<AnyActorLogic>, memo, copy);
  if (x instanceof Date) return new Date(x.getTime());
  const out = Object.create(Object.getPrototypeOf(x) as object) as Record<string, unknown>;
  memo.set(x, out);
  for (const k of Object.keys(x)) {
    const v = (x as Record<string, unknown>)[k];
    if (typeof v !== 'function') out[k] = copy(v);
  }
  return out;
}

function isMachineDefinition(x: object): boolean {
  return x.constructor?.name === 'StateMachine' && 'root' in x && 'implementations' in x;
}

/** A started actor of the copy: the original's persisted state, with its pending timeouts set again. */
function copyActor(a: Actor<AnyActorLogic>, memo: Map<unknown, unknown>, copy: <X>(x: X) => X): Actor<AnyActorLogic> {
  const clock = (a as unknown as { clock: unknown }).clock;
  if (!(clock instanceof ActorClock)) throw new Error('copyGraph: an actor can be copied only when made with Scheduler.actor');
  const scheduler = copy(clock.scheduler);
  const snapshot = copy(a.getPersistedSnapshot()) as { children?: Record<string, unknown> };
  if (snapshot.children && Object.keys(snapshot.children).length > 0) throw new Error('copyGraph: an actor with child actors cannot be copied');
  const b = scheduler.actor(clock.logic, copy(clock.options), snapshot);
  memo.set(a, b);
  const started = (a as unknown as { _processingStatus: number })._processingStatus === 1;
  if (started) {
    b.start();
    keepNodeOrder(a, b);
    const bClock = (b as unknown as { clock: ActorClock }).clock;
    for (const { timeout, at, order } of clock.scheduler.timeoutsOf(clock)) {
      bClock.placement = { at, order };
      try {
        b.system.scheduler.schedule(b, b, copy(timeout.event) as EventObject, timeout.delay, timeout.id);
      } finally {
        bClock.placement = undefined;
      }
    }
  }
  return b;
}

/**
 * A restored snapshot lists its active state nodes in the order of its state value, the original in
 * the order they were entered; XState visits them in that order, so the copy takes the original's.
 */
function keepNodeOrder(a: Actor<AnyActorLogic>, b: Actor<AnyActorLogic>): void {
  const before = (a.getSnapshot() as { _nodes?: { id: string }[] })._nodes;
  const after = (b.getSnapshot() as { _nodes?: { id: string }[] })._nodes;
  if (!before || !after) return;
  const rank = new Map(before.map((n, i) => [n.id, i]));
  after.sort((x, y) => (rank.get(x.id) ?? Infinity) - (rank.get(y.id) ?? Infinity));
}
