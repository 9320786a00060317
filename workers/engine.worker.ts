// The engine's home in the browser: a Web Worker that exposes one typed API over Comlink. The page
// talks to it only through src/app/bridge. It hosts sessions by id (sessionHost.ts): each view of
// the page opens its own, and the calls that drive a session name it.

import { expose, releaseProxy } from 'comlink';
import { createSimulation, InvalidScenarioError, readScenario, SCENARIO_IDS, SCENARIOS } from '../src/engine/index';
import { settingsOf, type SettingsView } from '../src/engine/settings';
import type { Problem } from '../src/engine/script/config';
import type { Frame } from './session';
import { SessionHost, type FrameListener } from './sessionHost';
import type { RunSummary } from './runSummary';

export type { RunSummary };
import type { TopologyView } from '../src/engine/view';

/** How often the play loop advances the simulation and sends a frame (ms): the page shows ten frames a second. */
const TICK_MS = 100;

const sessions = new SessionHost((listener) => (listener[releaseProxy] as (() => void) | undefined)?.());
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const elapsed = Math.min(250, now - last);
  last = now;
  sessions.tick(elapsed);
}, TICK_MS);

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  /** Its topology with the default estate, for a preview. */
  topology: TopologyView;
}


const api = {
  /**
   * Opens session `id`, whose frames go to `callback` after every change and while it plays (at
   * most every 50 ms); an id in use is closed first.
   */
  create(id: string, callback: (frame: Frame) => void): void {
    sessions.create(id, callback as FrameListener);
  },
  /** Ends session `id` and releases its callback. */
  close: (id: string) => sessions.close(id),
  /** The ids of the sessions open in this worker. */
  sessions: () => sessions.ids(),
  open: (id: string, file: unknown) => sessions.get(id).open(file),
  play: (id: string) => sessions.get(id).play(),
  pause: (id: string) => sessions.get(id).pause(),
  setSpeed: (id: string, speed: number) => sessions.get(id).setSpeed(speed),
  stepToNextEvent: (id: string) => sessions.get(id).stepToNextEvent(),
  seek: (id: string, t: number) => sessions.get(id).seek(t),
  act: (id: string, step: Record<string, unknown>) => sessions.get(id).act(step),
  file: (id: string) => sessions.get(id).file(),
  watch: (id: string, what: string | null) => sessions.get(id).watch(what),
  preview: (id: string, machine: string, type: 'planned' | 'unplanned', shutdownSource: boolean) => sessions.get(id).preview(machine, type, shutdownSource),
  previewPoint: (id: string, machine: string, at: number) => sessions.get(id).previewPoint(machine, at),

  /** A file's settings with every default filled in and each figure's source, or its problems. */
  settings(file: unknown): { ok: true; settings: SettingsView } | { ok: false; problems: Problem[] } {
    const read = readScenario(file);
    return read.ok ? { ok: true, settings: settingsOf(read.config) } : { ok: false, problems: read.problems };
  },

  /** The engine's problems with a file (empty when it runs). */
  validate(file: unknown): Problem[] {
    const read = readScenario(file);
    return read.ok ? [] : read.problems;
  },

  /** For tests: an uncaught error, as a crash would be; the bridge sees it and starts a new worker. */
  crashForTest(): void {
    setTimeout(() => {
      throw new Error('The engine worker was made to crash by a test');
    });
  },

  /** For tests: the worker ends without an error event, as a worker closed by the browser would. */
  closeForTest(): void {
    setTimeout(() => self.close());
  },

  /** For tests: the worker stops answering (busy for ever), as a hung engine would. */
  hangForTest(): void {
    setTimeout(() => {
      for (;;) {
        // spins until the page ends the worker
      }
    });
  },

  /** Answers at once: whether the worker is there and free. */
  ping(): true {
    return true;
  },

  /** The nine scenarios with one line each. */
  scenarios(): ScenarioSummary[] {
    return SCENARIO_IDS.map((id) => ({ id, title: SCENARIOS[id].title, summary: SCENARIOS[id].summary, topology: createSimulation({ scenario: id }).read.topology() }));
  },

  /** Runs a scenario file to its end and returns headline figures, or the file's problems. */
  run(file: unknown): { ok: true; summary: RunSummary } | { ok: false; problems: Array<{ path: string; message: string }> } {
    try {
      const start = performance.now();
      const sim = createSimulation(file);
      const report = sim.run();
      return {
        ok: true,
        summary: {
          scenario: report.scenario,
          simulatedSeconds: report.until,
          wallMs: performance.now() - start,
          machines: report.machines.map((m) => ({ id: m.id, protection: m.protection, health: m.health, rpoSeconds: m.rpoSeconds, points: m.recoveryPoints.length })),
          events: report.events.length
        }
      };
    } catch (e) {
      if (e instanceof InvalidScenarioError) return { ok: false, problems: e.problems };
      throw e;
    }
  }
};

export type EngineApi = typeof api;
expose(api);
