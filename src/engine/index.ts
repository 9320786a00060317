// The engine's one public entry: createSimulation(scenarioFile). Commands go in, observable state,
// events and a report come out, on a virtual clock. Nothing here touches the DOM or wall time.

import { buildReport, type Report } from './script/report';
import type { Problem, SimulationConfig, Step } from './script/config';
import { readerOf, type EngineReader } from './reader';
import type { Rejection } from './commands';
import { readScenario } from './script/readScenario';
import { RejectedAtDataStop, Simulation, type FrozenRun } from './simulation';
import type { EventListener, SimEvent } from './events';
import type { Message } from './messages/index';

export class InvalidScenarioError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The scenario file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'InvalidScenarioError';
  }
}

export interface SimulationHandle {
  readonly config: SimulationConfig;
  /** Current simulated time, in seconds. */
  now(): number;
  /** Runs to simulated time t. */
  runUntil(t: number): void;
  /** Runs to the scenario's `until`. */
  run(): Report;
  report(): Report;
  /** Calls the listener with each event logged, once (a run made again from its start, see createSimulation, goes on after the events it had). */
  onEvent(listener: EventListener): () => void;
  /** Counts what each link carries from now on, for the live page (the run is the same). */
  watchLinks(): void;
  /**
   * The read surface: typed readings of the run's state as it is when read (see reader.ts). A run
   * made again from its start (see createSimulation) is read through the same reader.
   */
  readonly read: EngineReader;
  /**
   * Calls `look` with the reader at exactly simulated time t (not before now): the data is worked
   * out to that moment first, as for a step of the file. Stopping there changes nothing in the run.
   */
  at(t: number, look: (read: EngineReader) => void): void;
  /**
   * Takes a step at simulated time t (not before now), as a step of the file at that moment would
   * run; `done` is told whether it was rejected. A step refused there changes nothing.
   */
  stepAt(t: number, step: Step, done?: (rejection: Rejection | undefined) => void): void;
  /**
   * Moves the run to simulated time t, forwards or back. Going back restores the nearest
   * checkpoint at or before t (see `checkpointEvery`), or starts again from the file, and runs on
   * to t; going forward does the same when a checkpoint lies more than a spacing ahead. The state
   * is exactly the one an uninterrupted run has at t. Steps taken with `stepAt` stay part of the
   * run; event listeners get the events they had not had, once.
   */
  seek(t: number): void;
  /** The moments checkpoints were taken at so far, oldest first. */
  checkpoints(): number[];
}

export interface SimulationOptions {
  /**
   * Simulated seconds between checkpoints: a copy of the run's state is kept at each multiple of
   * it that the run passes, for `seek` to restore. None when absent (a run that only goes forward).
   */
  checkpointEvery?: number;
}

/** A step taken with `stepAt`: its moment, and how far the run had been taken when it was taken. */
interface Added {
  readonly at: number;
  readonly step: Step;
  readonly position: number;
}

/** A copy of the run at a moment, and the steps taken with `stepAt` it already holds. */
interface Checkpoint {
  readonly t: number;
  readonly run: FrozenRun;
  readonly holds: ReadonlySet<Added>;
}

/**
 * Creates a simulation from a scenario file (JSON text or parsed object).
 * Throws InvalidScenarioError listing every problem (with its JSON path) when the file is invalid.
 */
export function createSimulation(scenarioFile: unknown, options: SimulationOptions = {}): SimulationHandle {
  const read = readScenario(scenarioFile);
  if (!read.ok) throw new InvalidScenarioError(read.problems);
  const config = read.config;
  // A step the engine stops the data for and then rejects must change nothing, yet where a data
  // window ends can move where later ones end. So when that happens the run is made again from the
  // start with the step known to be rejected (it then does not stop the data): the run is the one
  // without the step. Each step causes at most one pass more.
  const rejected = new Map<number, Message>();
  // Listeners get each event once: a pass made again logs the same events up to where the earlier
  // pass stopped the data, and hands on only those after the ones they had.
  const listeners = new Set<EventListener>();
  let delivered = 0;
  let watching = false;
  let passes = 0;
  /**
   * Steps taken with `stepAt`, in the order they were taken, with where the run was then: a
   * restored run takes each again when it reaches that moment, so its queue is the same.
   */
  const added: Added[] = [];
  /** The steps a restored run is still to take again. */
  let pending: Added[] = [];
  const every = options.checkpointEvery;
  if (every !== undefined && !(every > 0)) throw new RangeError('checkpointEvery must be a positive number of seconds');
  let checkpoints: Checkpoint[] = [];
  /** The latest moment the run was taken to. */
  let position = 0;
  let sim = begin();

  function begin(): Simulation {
    // Each pass reads the file afresh: a run changes parts of its configuration as it goes (a disk
    // that grows), and a pass made again must start from the file as it is.
    const again = passes++ > 0 ? readScenario(scenarioFile) : undefined;
    return adopt(new Simulation(again?.ok ? again.config : config, rejected));
  }

  /** Listens to a run (new, or a checkpoint's copy). */
  function adopt(s: Simulation): Simulation {
    const list = s.log.list;
    // A checkpoint ahead of where the run was: the events logged in between are handed on now.
    for (let i = delivered; i < list.length; i++) for (const l of listeners) l(list[i]!);
    delivered = Math.max(delivered, list.length);
    let seen = list.length;
    s.log.subscribe((e) => {
      if (++seen <= delivered) return;
      delivered = seen;
      for (const l of listeners) l(e);
    });
    if (watching) s.watchLinks();
    return s;
  }

  /** Goes on from a checkpoint, or from the start of a new pass. */
  function restart(from: Checkpoint | undefined): void {
    sim = from ? adopt(Simulation.thaw(from.run)) : begin();
    position = from?.t ?? 0;
    // In the order of where they were taken (a step taken after going back comes before later ones).
    pending = added.filter((a) => !from?.holds.has(a)).sort((a, b) => a.position - b.position);
  }

  function runUntil(t: number): void {
    for (;;) {
      try {
        runOn(t);
        return;
      } catch (e) {
        if (!(e instanceof RejectedAtDataStop) || rejected.has(e.step)) throw e;
        // Kept as its message, so the refusal reads in any language.
        rejected.set(e.step, e.text);
        // The pass made again is a different run from the start: its checkpoints are taken afresh.
        checkpoints = [];
        restart(undefined);
      }
    }
  }

  /**
   * Runs to t, taking a checkpoint at each multiple of `every` passed on the way and the steps a
   * restored run is to take again where they were taken (stopping on the way changes nothing).
   */
  function runOn(t: number): void {
    for (;;) {
      const c = every === undefined ? Infinity : (Math.floor(position / every) + 1) * every;
      const p = pending[0]?.position ?? Infinity;
      const next = Math.min(c, p);
      if (next > t) break;
      sim.runUntil(next);
      position = Math.max(position, next);
      if (c === next && !checkpoints.some((k) => k.t === c)) checkpoints.push({ t: c, run: sim.freeze(), holds: new Set(added.filter((a) => !pending.includes(a))) });
      if (p === next) {
        const a = pending.shift()!;
        sim.scheduler.timer(a.at, sim, 'outsideStep', a.step);
      }
    }
    sim.runUntil(t);
    position = Math.max(position, t);
  }

  function seek(t: number): void {
    let from: Checkpoint | undefined;
    for (const k of checkpoints) if (k.t <= t && (!from || k.t > from.t)) from = k;
    // Back: from the nearest checkpoint before t (or the start). Forward past a checkpoint more
    // than a spacing ahead: from there, which is quicker than running the way.
    if (t < position || (from && every !== undefined && from.t - position > every)) restart(from);
    runUntil(t);
  }

  const handle: SimulationHandle = {
    config,
    read: readerOf(() => sim),
    at: (t, look) => {
      sim.scheduler.at(t, () => {
        look(handle.read);
        return false;
      });
    },
    stepAt: (t, step, done) => {
      const s = sim;
      added.push({ at: t, step, position });
      // Checkpoints after this moment are of a run that did not take the step here.
      checkpoints = checkpoints.filter((k) => k.t <= position);
      s.scheduler.timer(t, s, 'outsideStep', step, false, () => done?.(s.outsideRejection));
    },
    seek,
    checkpoints: () => checkpoints.map((k) => k.t).sort((a, b) => a - b),
    now: () => sim.now,
    runUntil,
    run: () => {
      runUntil(config.until);
      return buildReport(sim);
    },
    report: () => buildReport(sim),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    watchLinks: () => {
      watching = true;
      sim.watchLinks();
    }
  };
  return handle;
}

export { readScenario };
// What hosts of the engine (the worker, the command line) need beside a simulation: the scenarios
// offered, and durations written the way scenario files write them.
export { SCENARIO_IDS, SCENARIOS } from './scenarios/index';
export { formatDuration, parseDuration } from './time/duration';
export type { Report, Problem, SimulationConfig, SimEvent, Step, Rejection, EngineReader };
export type { MachineReading, PointReading, CopyReading, SourceReading, ComponentReading, LinkReading } from './reader';
