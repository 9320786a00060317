// Tests for the copy a checkpoint keeps (src/engine/time/copyGraph.ts): shared references and
// cycles, typed arrays over one buffer, classes, what is left out or shared, the event queue's
// timers, and actors whose delayed transitions fire in the copy at the original's time and order.

import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { ActorRecord, copyGraph } from '../../../src/engine/time/copyGraph';
import { Scheduler, type TimerTarget } from '../../../src/engine/time/scheduler';

class Box {
  constructor(public value: number) {}
  twice(): number {
    return this.value * 2;
  }
}

/** Runs every queued event in order, each at its time; returns what ran, as "time:what". */
function drain(s: Scheduler, log: string[]): string[] {
  for (let ev = s.pop(); ev; ev = s.pop()) {
    s.setNow(ev.at);
    ev.run();
  }
  return log;
}

describe('copyGraph', () => {
  it('copies every object once: shared references stay shared, cycles are kept, classes kept', () => {
    const shared = { n: 1 };
    const root: Record<string, unknown> = { a: shared, b: [shared, new Box(3)], m: new Map([['k', shared]]), s: new Set([shared]) };
    root.self = root;
    const c = copyGraph(root);
    expect(c).not.toBe(root);
    expect(c.a).not.toBe(shared);
    expect(c.a).toEqual(shared);
    expect((c.b as unknown[])[0]).toBe(c.a);
    expect((c.m as Map<string, unknown>).get('k')).toBe(c.a);
    expect([...(c.s as Set<unknown>)][0]).toBe(c.a);
    expect(c.self).toBe(c);
    const box = (c.b as unknown[])[1] as Box;
    expect(box).toBeInstanceOf(Box);
    expect(box.twice()).toBe(6);
    (c.a as { n: number }).n = 2;
    expect(shared.n).toBe(1);
  });

  it('keeps typed arrays that share a buffer sharing the copied one', () => {
    const whole = new Uint32Array(8).fill(7);
    const part = whole.subarray(2, 4);
    const c = copyGraph({ whole, part });
    expect(c.part.buffer).toBe(c.whole.buffer);
    expect(c.whole.buffer).not.toBe(whole.buffer);
    c.whole[2] = 9;
    expect(c.part[0]).toBe(9);
    expect(part[0]).toBe(7);
  });

  it('leaves functions out and shares frozen objects and the ones given as shared', () => {
    const frozen = Object.freeze({ x: 1 });
    const def = { big: true };
    const c = copyGraph({ f: () => 1, list: [1, () => 2, 3], frozen, def }, [def]);
    expect(c.f).toBeUndefined();
    expect(c.list).toEqual([1, 3]);
    expect(c.frozen).toBe(frozen);
    expect(c.def).toBe(def);
  });

  it('copies the queue: timers fire on the copied targets; closures are left out', () => {
    class Counter implements TimerTarget<'add'> {
      n = 0;
      onTimer(_name: 'add', arg: unknown): void {
        this.n += arg as number;
      }
    }
    const s = new Scheduler();
    const counter = new Counter();
    s.timer(10, counter, 'add', 5);
    s.at(20, () => {
      counter.n = -1;
    });
    const c = copyGraph({ s, counter });
    drain(c.s, []);
    expect(c.counter.n).toBe(5);
    expect(counter.n).toBe(0);
    expect(c.s.now).toBe(10);
  });

  it("copies an actor with its pending delayed transitions, due at the original's time and order", () => {
    const machine = createMachine({
      id: 'lamp',
      initial: 'off',
      states: { off: { on: { press: 'on' } }, on: { after: { 90_000: 'off' } } }
    });
    class Probe implements TimerTarget<'look'> {
      readonly log: string[] = [];
      constructor(
        readonly clock: Scheduler,
        readonly lamp: { getSnapshot(): { value: unknown } }
      ) {}
      onTimer(): void {
        this.log.push(`${this.clock.now}:${String(this.lamp.getSnapshot().value)}`);
      }
    }
    const s = new Scheduler();
    const lamp = s.actor(machine).start();
    lamp.send({ type: 'press' });
    s.setNow(30);
    // A look at the very moment the lamp goes out, set after its timeout: it runs second and sees it off.
    const probe = new Probe(s, lamp);
    s.timer(90, probe, 'look');
    const c = copyGraph({ s, lamp, probe });
    expect(c.lamp).not.toBe(lamp);
    expect(c.probe.lamp).toBe(c.lamp);
    expect(c.lamp.getSnapshot().value).toBe('on');
    drain(c.s, []);
    expect(c.probe.log).toEqual(['90:off']);
    expect(c.lamp.getSnapshot().value).toBe('off');
    // The original still has its own timeout, untouched by the copy.
    expect(lamp.getSnapshot().value).toBe('on');
    expect(probe.log).toEqual([]);
    drain(s, []);
    expect(probe.log).toEqual(['90:off']);
  });

  it('keeps actors as records in a frozen copy, and makes them again each time it is thawed', () => {
    const machine = createMachine({ id: 'timer', initial: 'armed', states: { armed: { after: { 60_000: 'rung' } }, rung: {} } });
    const s = new Scheduler();
    const alarm = s.actor(machine).start();
    s.setNow(20);
    const frozen = copyGraph({ s, alarm }, [], 'freeze');
    expect(frozen.alarm).toBeInstanceOf(ActorRecord);
    const first = copyGraph(frozen, [], 'thaw');
    const second = copyGraph(frozen, [], 'thaw');
    expect(first.alarm).not.toBe(second.alarm);
    for (const c of [first, second]) {
      expect(c.alarm.getSnapshot().value).toBe('armed');
      const ev = c.s.pop()!;
      expect(ev.at).toBe(60);
      c.s.setNow(ev.at);
      ev.run();
      expect(c.alarm.getSnapshot().value).toBe('rung');
    }
    expect(alarm.getSnapshot().value).toBe('armed');
  });
});
