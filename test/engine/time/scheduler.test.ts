// Tests for the virtual clock and event queue (src/engine/time/scheduler.ts): ordering, cancel, clamping, xstateClock, counters.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scheduler } from '../../../src/engine/time/scheduler';

/** Runs every event the way the simulation does: pop, move the clock, run. Returns the times run at. */
function runAll(s: Scheduler): number[] {
  const times: number[] = [];
  while (s.peekTime() < Infinity) {
    const ev = s.pop()!;
    s.setNow(Math.max(s.now, ev.at));
    times.push(s.now);
    ev.run();
  }
  return times;
}

describe('Scheduler', () => {
  it('starts at time 0, empty', () => {
    const s = new Scheduler();
    expect(s.now).toBe(0);
    expect(s.peekTime()).toBe(Infinity);
    expect(s.pop()).toBeUndefined();
    expect(s.size).toBe(0);
    expect(s.processed).toBe(0);
  });

  it('runs events in time order', () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.at(5, () => log.push('e5'));
    s.at(1, () => log.push('e1'));
    s.at(3.5, () => log.push('e3.5'));
    s.at(2, () => log.push('e2'));
    s.at(4, () => log.push('e4'));
    expect(s.peekTime()).toBe(1);
    expect(runAll(s)).toEqual([1, 2, 3.5, 4, 5]);
    expect(log).toEqual(['e1', 'e2', 'e3.5', 'e4', 'e5']);
  });

  it('runs events at equal times in insertion order', () => {
    const s = new Scheduler();
    const log: number[] = [];
    for (let i = 0; i < 20; i++) s.at(7, () => log.push(i));
    s.at(3, () => log.push(-1));
    runAll(s);
    expect(log).toEqual([-1, ...Array.from({ length: 20 }, (_, i) => i)]);
  });

  it('property: the run order is a stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200, size: 'max' }), (times) => {
        const s = new Scheduler();
        const log: number[] = [];
        times.forEach((t, i) => s.at(t, () => log.push(i)));
        runAll(s);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
        expect(log).toEqual(expected);
      })
    );
  });

  it('property: cancelled events never run, the others run in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), { maxLength: 150, size: 'max' }),
        (specs) => {
          const s = new Scheduler();
          const log: number[] = [];
          const handles = specs.map((x, i) => s.at(x.t, () => log.push(i)));
          specs.forEach((x, i) => {
            if (x.cancel) s.cancel(handles[i]);
          });
          expect(s.size).toBe(specs.filter((x) => !x.cancel).length);
          runAll(s);
          const expected = specs
            .map((x, i) => ({ ...x, i }))
            .filter((x) => !x.cancel)
            .sort((a, b) => a.t - b.t || a.i - b.i)
            .map((x) => x.i);
          expect(log).toEqual(expected);
          expect(s.processed).toBe(expected.length);
        }
      )
    );
  });

  it('cancel() prevents a run, also of the next event, and is idempotent', () => {
    const s = new Scheduler();
    const log: string[] = [];
    const a = s.at(1, () => log.push('a'));
    s.at(2, () => log.push('b'));
    const c = s.at(3, () => log.push('c'));
    s.cancel(a);
    s.cancel(a);
    s.cancel(c);
    s.cancel(undefined);
    expect(s.size).toBe(1);
    expect(s.peekTime()).toBe(2);
    runAll(s);
    expect(log).toEqual(['b']);
  });

  it('cancelling every event leaves the queue empty', () => {
    const s = new Scheduler();
    const hs = [s.at(1, () => undefined), s.at(2, () => undefined)];
    hs.forEach((h) => s.cancel(h));
    expect(s.peekTime()).toBe(Infinity);
    expect(s.pop()).toBeUndefined();
    expect(s.processed).toBe(0);
  });

  it('clamps scheduling in the past to now', () => {
    const s = new Scheduler();
    s.setNow(10);
    s.at(5, () => undefined);
    expect(s.peekTime()).toBe(10);
    expect(s.pop()!.at).toBe(10);
    s.after(-3, () => undefined);
    expect(s.peekTime()).toBe(10);
  });

  it('an event scheduled "in the past" from a running event runs after earlier events queued at now', () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.at(5, () => {
      log.push('first');
      s.at(1, () => log.push('past'));
    });
    s.at(5, () => log.push('second'));
    const times = runAll(s);
    expect(log).toEqual(['first', 'second', 'past']);
    expect(times).toEqual([5, 5, 5]);
  });

  it('after() is relative to now', () => {
    const s = new Scheduler();
    s.setNow(100);
    s.after(25, () => undefined);
    expect(s.peekTime()).toBe(125);
  });

  it('xstateClock: timeouts in milliseconds land at now + ms / 1000', () => {
    const s = new Scheduler();
    s.setNow(100);
    const clock = s.xstateClock();
    const log: number[] = [];
    clock.setTimeout(() => log.push(s.now), 2500);
    clock.setTimeout(() => log.push(s.now), 250);
    expect(s.peekTime()).toBe(100.25);
    runAll(s);
    expect(log).toEqual([100.25, 102.5]);
  });

  it('xstateClock: clearTimeout cancels', () => {
    const s = new Scheduler();
    const clock = s.xstateClock();
    let ran = false;
    const h = clock.setTimeout(() => (ran = true), 1000);
    clock.clearTimeout(h);
    expect(s.peekTime()).toBe(Infinity);
    runAll(s);
    expect(ran).toBe(false);
  });

  it('counts processed events (pops), not scheduled or cancelled ones', () => {
    const s = new Scheduler();
    for (let i = 0; i < 5; i++) s.at(i, () => undefined);
    s.cancel(s.at(2.5, () => undefined));
    expect(s.processed).toBe(0);
    s.pop();
    s.pop();
    expect(s.processed).toBe(2);
    expect(s.size).toBe(3);
    runAll(s);
    expect(s.processed).toBe(5);
    expect(s.size).toBe(0);
  });

  it('cancelling a handle after its event was popped is harmless', () => {
    const s = new Scheduler();
    const h = s.at(1, () => undefined);
    s.at(2, () => undefined);
    s.pop();
    s.cancel(h);
    expect(s.size).toBe(1);
    expect(s.peekTime()).toBe(2);
  });
});
