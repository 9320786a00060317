// The one bridge to the engine worker: starts it, wraps it with Comlink, forwards its frames, and
// restarts it if it dies, restoring the session from the scenario file (with every action taken)
// and the simulated time. It is the only place the page touches the worker.

import { proxy, wrap, type Remote } from 'comlink';
import type { EngineApi } from '../../../workers/engine.worker';
import type { Acted, Frame, Opened, ScenarioDoc } from '../../../workers/session';

export type { Frame, Opened, Acted, ScenarioDoc };

export interface BridgeEvents {
  frame(frame: Frame): void;
  /** Something the user should know about the engine itself (a restart). */
  notice(message: string): void;
}

let worker: Worker | undefined;
let remote: Remote<EngineApi> | undefined;

/** The worker's API (started on first use). */
export function engine(): Remote<EngineApi> {
  if (!remote) {
    worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
    remote = wrap<EngineApi>(worker);
  }
  return remote;
}

/** A sandbox session driven from the page. */
export class SandboxBridge {
  private file: ScenarioDoc | undefined;
  private lastTime = 0;
  private lastSpeed: number | undefined;
  private restarting = false;
  private watched: string | null = null;

  constructor(private readonly on: BridgeEvents) {
    this.attach();
    // Browser tests open the page with ?test-hooks to reach the session (a crash, the file).
    if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('test-hooks')) {
      (globalThis as { __sandbox?: SandboxBridge }).__sandbox = this;
    }
  }

  private attach(): void {
    const api = engine();
    void api.subscribe(
      proxy((frame: Frame) => {
        this.lastTime = frame.live.now;
        this.lastSpeed = frame.speed;
        this.on.frame(frame);
      })
    );
    worker!.addEventListener('error', () => void this.restart('The simulation engine stopped unexpectedly'));
  }

  /** Starts a fresh worker and puts the session back where it was. */
  async restart(reason: string): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    try {
      worker?.terminate();
      worker = undefined;
      remote = undefined;
      this.attach();
      if (this.file) {
        // Read before reopening: the new session's first frames carry its defaults.
        const t = this.lastTime;
        const speed = this.lastSpeed;
        await engine().open(this.file);
        await engine().seek(t);
        if (speed !== undefined) await engine().setSpeed(speed);
        if (this.watched !== null) await engine().watch(this.watched);
      }
      this.on.notice(`${reason}; it was restarted and the session restored.`);
    } finally {
      this.restarting = false;
    }
  }

  async open(file: unknown): Promise<Opened> {
    const out = await engine().open(file);
    if (out.ok) {
      this.file = out.file;
      this.lastTime = 0;
    }
    return out;
  }

  async act(step: Record<string, unknown>): Promise<Acted> {
    const out = await engine().act(step);
    if (out.ok) this.file = await engine().file();
    return out;
  }

  play = () => engine().play();
  pause = () => engine().pause();
  setSpeed = (speed: number) => engine().setSpeed(speed);
  step = () => engine().stepToNextEvent();
  seek = (t: number) => engine().seek(t);
  preview = (machine: string, type: 'planned' | 'unplanned', shutdownSource: boolean) => engine().preview(machine, type, shutdownSource);
  previewPoint = (machine: string, at: number) => engine().previewPoint(machine, at);
  watch = (id: string | null) => {
    this.watched = id;
    return engine().watch(id);
  };

  /** The scenario file with every action taken so far (for sharing and export). */
  currentFile(): ScenarioDoc | undefined {
    return this.file ? structuredClone(this.file) : undefined;
  }

  /** For tests: makes the worker really crash (an uncaught error in it), which the bridge recovers from. */
  crashForTest(): void {
    void engine().crashForTest();
  }
}
