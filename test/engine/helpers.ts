// Helpers for engine tests: small scenario files, running to a time, and finding what happened.

import { createSimulation, type MachineReading, type SimEvent, type SimulationHandle } from '../../src/engine/index';
import { isMessage, type Message } from '../../src/engine/messages/index';

export const H = 3600;
export const MIN = 60;

export type ScenarioFile = Record<string, unknown> & { scenario: string };

/** Creates a simulation from a scenario file object. */
export function simulate(file: ScenarioFile): SimulationHandle {
  return createSimulation(file);
}

/** A machine as the read surface gives it now. */
export function machine(h: SimulationHandle, id: string): MachineReading {
  const m = h.read.machine(id);
  if (!m) throw new Error(`no machine ${id}`);
  return m;
}

export function events(h: SimulationHandle, code: string | RegExp, machineId?: string): SimEvent[] {
  return h.read.events().filter((e) => (typeof code === 'string' ? e.code === code : code.test(e.code)) && (machineId === undefined || e.machine === machineId));
}

export function firstEvent(h: SimulationHandle, code: string, machineId?: string): SimEvent {
  const e = events(h, code, machineId)[0];
  if (!e) throw new Error(`no ${code} event${machineId ? ` for ${machineId}` : ''}; codes seen: ${[...new Set(h.read.events().map((x) => x.code))].join(', ')}`);
  return e;
}

/** Runs to time t and returns the handle (for chaining). */
export function runTo(h: SimulationHandle, t: number): SimulationHandle {
  h.runUntil(t);
  return h;
}

/** Current RPO of a machine in seconds, or null when it does not apply. */
export function rpo(h: SimulationHandle, id: string): number | null {
  return machine(h, id).rpoSeconds;
}

/**
 * Schedules a control event at `at` seconds that changes nothing. Like a user's command or a retry,
 * it ends a data window there; the run must come out exactly as without it.
 */
export function cutWindowAt(h: SimulationHandle, at: number): SimulationHandle {
  h.at(at, () => undefined);
  return h;
}

/** A copy of a message whose parameters throw when a renderer reads one that is not there. */
export function strictMessage(m: Message): Message {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = isMessage(v) ? strictMessage(v) : v;
  const proxy = new Proxy(params, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) throw new Error(`message ${m.code} reads parameter "${key}", which it was not given`);
      return Reflect.get(target, key);
    }
  });
  return { code: m.code, params: proxy as Message['params'] };
}
