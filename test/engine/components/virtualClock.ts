// Test helper: a Scheduler-backed virtual clock for XState actors, advanced the way the engine does.

import { Scheduler } from '../../../src/engine/time/scheduler';

export const SECOND = 1;
export const MINUTE = 60 * SECOND;

export interface VirtualClock {
  readonly scheduler: Scheduler;
  /** The XState clock to pass to createActor: its timeouts run on simulated time. */
  readonly clock: ReturnType<Scheduler['xstateClock']>;
  /** The current simulated time, in seconds. */
  now(): number;
  /** Runs every event due at or before `t` (seconds), each at its own time, then sets the clock to `t`. */
  advanceTo(t: number): void;
  /** advanceTo(now + seconds). */
  advanceBy(seconds: number): void;
  /** Runs the next pending event (if any) and returns its time, or Infinity when nothing is pending. */
  runNext(): number;
}

export function createVirtualClock(): VirtualClock {
  const scheduler = new Scheduler();
  const clock = scheduler.xstateClock();

  const runNext = (): number => {
    const ev = scheduler.pop();
    if (!ev) return Infinity;
    scheduler.setNow(Math.max(scheduler.now, ev.at));
    ev.run();
    return ev.at;
  };

  const advanceTo = (t: number): void => {
    while (scheduler.peekTime() <= t) runNext();
    scheduler.setNow(Math.max(scheduler.now, t));
  };

  return {
    scheduler,
    clock,
    now: () => scheduler.now,
    advanceTo,
    advanceBy: (seconds) => advanceTo(scheduler.now + seconds),
    runNext
  };
}
