// Seeking with checkpoints: for random files of every scenario (protection and recovery steps),
// random checkpoint spacings and random moves back and forth, with some of the file's steps taken
// from outside (`stepAt`) as the sandbox takes a user's actions, the state at every moment moved
// to is exactly the state of a run that went there without going back: every machine, point, job,
// failover, plan run, component, link, event, inspector reading and the recovery panel.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, readScenario, type SimulationHandle, type Step } from '../../../src/engine/index';
import { SCENARIO_IDS } from '../../../src/engine/scenarios/index';
import { fileArb } from './arbitraries';
import { recoveryFileArb } from './recoveryArbitraries';
import { propertyOptions } from './common';

const options = propertyOptions(3);

/** Everything the read surface gives of the run now. */
function state(h: SimulationHandle): string {
  const r = h.read;
  const machines = r.machines();
  const ids = [...machines.map((m) => m.id), ...r.components().map((c) => c.id)];
  return JSON.stringify({
    now: r.now,
    dataTime: r.dataTime,
    machines,
    points: machines.map((m) => r.points(m.id)),
    jobs: r.jobs(),
    rejections: r.rejections(),
    failovers: r.failovers(),
    planRuns: r.planRuns(),
    components: r.components(),
    links: r.links(),
    events: r.events(),
    inspect: ids.map((id) => r.inspect(id)),
    recovery: r.recovery(),
    live: r.live(0),
    work: r.work()
  });
}

interface Plan {
  file: Record<string, unknown> & { steps: unknown[] };
  /** The file's steps taken from outside instead, at their moments. */
  outside: Step[];
  every: number;
  moves: number[];
}

/** A file, some of its steps moved out of it to be taken from outside, a checkpoint spacing and moves. */
function planArb(file: fc.Arbitrary<Record<string, unknown> & { steps: unknown[] }>): fc.Arbitrary<Plan> {
  return fc
    .record({
      file,
      outsideMask: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      parts: fc.integer({ min: 3, max: 24 }),
      // Each move: to a random moment, or to a checkpoint's moment or just after it.
      moves: fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.tuple(fc.nat(23), fc.constantFrom(0, 1, 59, 600))), { minLength: 3, maxLength: 6 })
    })
    .map(({ file, outsideMask, parts, moves }) => {
      const read = readScenario(file);
      if (!read.ok) throw new Error(`generated file invalid: ${JSON.stringify(read.problems)}`);
      const until = read.config.until;
      const outside = read.config.steps.filter((s) => outsideMask[s.index % 20]);
      const inFile = file.steps.filter((_, i) => !outside.some((o) => o.index === i));
      const every = Math.ceil(until / parts);
      // The first move goes to the end, so every checkpoint exists; the others go back and forth.
      const to = moves.map((m) => (typeof m === 'number' ? Math.round(m * until) : Math.min(until, ((m[0] % parts) + 1) * every + m[1])));
      return { file: { ...file, steps: inFile }, outside, every, moves: [until, ...to] };
    });
}

/** Takes the outside steps due by t (each at its moment) and runs to t. */
function goForward(h: SimulationHandle, outside: Step[], taken: Set<Step>, t: number, move: (h: SimulationHandle, t: number) => void): void {
  for (const s of outside) {
    if (taken.has(s) || s.at > t) continue;
    move(h, s.at);
    h.stepAt(s.at, s);
    taken.add(s);
  }
  move(h, t);
}

function check(plan: Plan): void {
  const h = createSimulation(plan.file, { checkpointEvery: plan.every });
  h.watchLinks();
  const taken = new Set<Step>();
  let restored = 0;
  for (const t of plan.moves) {
    if (t < h.read.now) restored++;
    goForward(h, plan.outside, taken, t, (x, at) => x.seek(at));
    // The same moment reached without going back: the steps taken so far, at their moments.
    const straight = createSimulation(plan.file);
    straight.watchLinks();
    goForward(straight, plan.outside.filter((s) => taken.has(s)), new Set(), t, (x, at) => x.runUntil(at));
    expect(state(h), `at ${t} after ${restored} moves back (checkpoints ${h.checkpoints().join(', ')})`).toBe(state(straight));
  }
}

describe.each(SCENARIO_IDS)('%s', (id) => {
  it('reaches the same state at every moment moved to, with protection steps', () => {
    fc.assert(fc.property(planArb(fileArb(id) as never), check), options);
  });

  it('reaches the same state at every moment moved to, with recovery steps', () => {
    fc.assert(fc.property(planArb(recoveryFileArb(id) as never), check), options);
  });
});
