// A deep copy of a run's state, for checkpoints: every object reachable from the root is copied
// once (shared references stay shared, cycles are kept), class instances keep their class, typed
// arrays keep sharing their buffers as before. What cannot be copied is handled so:
// - functions are left out (callbacks and hooks: the owner of the copy wires them again, and a test
//   checks that it wires every one; see Simulation.copy);
// - the event queue is copied through `Scheduler.copyInto` (timers are data);
// - an XState actor made with `Scheduler.actor` is made again from its persisted snapshot on the
//   copy's clock, and its pending timeouts are set again at their original time and order. Made
//   costs most of a copy, so a checkpoint keeps its actors as records (`freeze`: the snapshot and
//   the timeouts, plain data) and makes them only when it is restored (`thaw`);
// - XState machine definitions, frozen objects and the objects given as `shared` are not copied.

import { Actor, type AnyActorLogic, type EventObject } from 'xstate';
import { ActorClock, Scheduler } from './scheduler';

/**
 * What becomes of actors: made again at once (`live`), kept as records (`freeze`), or made from
 * records (`thaw`).
 */
export type CopyMode = 'live' | 'freeze' | 'thaw';

/** An actor as a checkpoint keeps it: plain data to make it again from. */
export class ActorRecord {
  constructor(
    readonly scheduler: Scheduler,
    readonly logic: AnyActorLogic,
    readonly options: unknown,
    readonly snapshot: unknown,
    readonly started: boolean,
    readonly timeouts: { event: EventObject; delay: number; id: string; at: number; order: number }[],
    /** The ids of its active state nodes in the order the original entered them. */
    readonly nodeOrder: string[]
  ) {}
}

/** Copies `root` and everything it reaches (see the file's comment). */
export function copyGraph<T>(root: T, shared: Iterable<object> = [], mode: CopyMode = 'live'): T {
  const memo = new Map<unknown, unknown>();
  for (const s of shared) memo.set(s, s);
  const copy = <X>(x: X): X => copyValue(x, memo, copy, mode) as X;
  return copy(root);
}

function copyValue(x: unknown, memo: Map<unknown, unknown>, copy: <X>(x: X) => X, mode: CopyMode): unknown {
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? undefined : x;
  const known = memo.get(x);
  if (known !== undefined) return known;
  const proto = Object.getPrototypeOf(x) as object | null;
  // The most common first: plain objects and arrays.
  if (proto === Object.prototype && !Object.isFrozen(x)) return copyFields(x, proto, memo, copy);
  if (proto === Array.prototype) {
    const out: unknown[] = [];
    memo.set(x, out);
    for (const v of x as unknown[]) if (typeof v !== 'function') out.push(v !== null && typeof v === 'object' ? copy(v) : v);
    return out;
  }
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
    // (An actor only the queue still reaches is not copied: nothing can see what it does.)
    const out = new Scheduler();
    memo.set(x, out);
    x.copyInto(out, copy);
    return out;
  }
  if (x instanceof Actor) {
    if (mode === 'thaw') throw new Error('copyGraph: a frozen copy holds records, not actors');
    const record = recordOf(x as Actor<AnyActorLogic>, copy);
    // Copying its parts may have come round to the actor itself (through the queue's timers).
    if (memo.has(x)) return memo.get(x);
    if (mode === 'freeze') {
      memo.set(x, record);
      return record;
    }
    return actorFrom(record, x, memo, copy);
  }
  if (x instanceof ActorRecord) {
    if (mode !== 'thaw') throw new Error('copyGraph: only a frozen copy holds actor records');
    const r = new ActorRecord(copy(x.scheduler), x.logic, copy(x.options), copy(x.snapshot), x.started, copy(x.timeouts), x.nodeOrder);
    if (memo.has(x)) return memo.get(x);
    return actorFrom(r, x, memo, copy);
  }
  if (x instanceof Date) return new Date(x.getTime());
  return copyFields(x, proto, memo, copy);
}

/** An object of x's class with copies of its fields. */
function copyFields(x: object, proto: object | null, memo: Map<unknown, unknown>, copy: <X>(x: X) => X): Record<string, unknown> {
  // A spread copy keeps fast properties in the JavaScript engine (filling an empty object field by
  // field would leave a large one as a slow dictionary); its fields are then replaced by copies.
  const out = { ...(x as Record<string, unknown>) };
  if (proto !== Object.prototype) Object.setPrototypeOf(out, proto);
  memo.set(x, out);
  for (const k of Object.keys(out)) {
    const v = out[k];
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) continue;
    // (A function is left out as undefined: deleting the field would slow the object down.)
    out[k] = typeof v === 'function' ? undefined : copy(v);
  }
  return out;
}

function isMachineDefinition(x: object): boolean {
  return x.constructor?.name === 'StateMachine' && 'root' in x && 'implementations' in x;
}

/** The record of an actor, its parts copied. */
function recordOf(a: Actor<AnyActorLogic>, copy: <X>(x: X) => X): ActorRecord {
  const clock = (a as unknown as { clock: unknown }).clock;
  if (!(clock instanceof ActorClock)) throw new Error('copyGraph: an actor can be copied only when made with Scheduler.actor');
  const snapshot = copy(a.getPersistedSnapshot()) as { children?: Record<string, unknown> };
  if (snapshot.children && Object.keys(snapshot.children).length > 0) throw new Error('copyGraph: an actor with child actors cannot be copied');
  const started = (a as unknown as { _processingStatus: number })._processingStatus === 1;
  const timeouts = clock.scheduler.timeoutsOf(clock).map(({ timeout, at, order }) => ({ event: copy(timeout.event), delay: timeout.delay, id: timeout.id, at, order }));
  const nodes = (a.getSnapshot() as { _nodes?: { id: string }[] })._nodes ?? [];
  return new ActorRecord(copy(clock.scheduler), clock.logic, copy(clock.options), snapshot, started, timeouts, nodes.map((n) => n.id));
}

/** A started actor made from a record (its parts already copied), its pending timeouts set again. */
function actorFrom(r: ActorRecord, original: unknown, memo: Map<unknown, unknown>, copy: <X>(x: X) => X): Actor<AnyActorLogic> {
  const b = r.scheduler.actor(r.logic, r.options as never, r.snapshot);
  memo.set(original, b);
  if (r.started) {
    b.start();
    keepNodeOrder(r.nodeOrder, b);
    const bClock = (b as unknown as { clock: ActorClock }).clock;
    for (const { event, delay, id, at, order } of r.timeouts) {
      bClock.placement = { at, order };
      try {
        b.system.scheduler.schedule(b, b, copy(event), delay, id);
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
function keepNodeOrder(before: string[], b: Actor<AnyActorLogic>): void {
  const after = (b.getSnapshot() as { _nodes?: { id: string }[] })._nodes;
  if (!after) return;
  const rank = new Map(before.map((id, i) => [id, i]));
  after.sort((x, y) => (rank.get(x.id) ?? Infinity) - (rank.get(y.id) ?? Infinity));
}

