// The engine's one public entry: createSimulation(scenarioFile). Commands go in, observable state,
// events and a report come out, on a virtual clock. Nothing here touches the DOM or wall time.

import { buildReport, type Report } from './script/report';
import type { Problem, SimulationConfig } from './script/config';
import { readScenario } from './script/readScenario';
import { Simulation } from './simulation';
import type { EventListener, SimEvent } from './events';

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
  onEvent(listener: EventListener): () => void;
  /** The simulation itself, for tests and the worker. */
  readonly sim: Simulation;
}

/**
 * Creates a simulation from a scenario file (JSON text or parsed object).
 * Throws InvalidScenarioError listing every problem (with its JSON path) when the file is invalid.
 */
export function createSimulation(scenarioFile: unknown): SimulationHandle {
  const read = readScenario(scenarioFile);
  if (!read.ok) throw new InvalidScenarioError(read.problems);
  const sim = new Simulation(read.config);
  return {
    config: read.config,
    sim,
    now: () => sim.now,
    runUntil: (t) => sim.runUntil(t),
    run: () => {
      sim.run();
      return buildReport(sim);
    },
    report: () => buildReport(sim),
    onEvent: (l) => sim.log.subscribe(l)
  };
}

export { readScenario };
export type { Report, Problem, SimulationConfig, SimEvent };
