// The one bridge to the engine worker: starts it, wraps it with Comlink, forwards its frames, and
// restarts it if it dies, restoring the session from the scenario file (with every action taken)
// and the simulated time. It is the only place the page touches the worker.
// The page never trusts the worker to answer: every call has a deadline, and while nothing is asked
// a ping checks the worker is still there (a worker can end without an error event). A worker that
// misses a deadline is ended and started again; one that stops again while its session is put back
// is not restarted a third time, and the page says why.

import { proxy, wrap, type Remote } from 'comlink';
import { NESTING_MESSAGE, shortPath, tooDeep } from '../nesting';
import type { EngineApi } from '../../../workers/engine.worker';
import type { Acted, Frame, Opened, ScenarioDoc } from '../../../workers/session';

export type { Frame, Opened, Acted, ScenarioDoc };

export interface BridgeEvents {
  frame(frame: Frame): void;
  /** Something the user should know about the engine itself (a restart). */
  notice(message: string): void;
  /** The engine stopped for good with this file: the page cannot go on with it. */
  stopped(message: string): void;
}

/**
 * Milliseconds a call may take before the worker counts as stopped: quick calls, and those that
 * run the simulation (opening a file, a seek or Next event, an action: a file the engine accepts
 * takes well under this even run to its end). Browser tests shorten them with `?test-hooks&deadline=MS`.
 */
const DEADLINES = { quick: 15_000, run: 90_000 };
/** While no call is waiting, how often the worker is pinged (ms). */
const HEARTBEAT_MS = 5_000;
function testDeadline(): number | undefined {
  if (typeof location === 'undefined') return undefined;
  const q = new URLSearchParams(location.search);
  const ms = Number(q.get('deadline'));
  return q.has('test-hooks') && ms > 0 ? ms : undefined;
}

class Timeout extends Error {}

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

/** Ends the worker; the next call to `engine()` starts a fresh one. */
function endWorker(): void {
  worker?.terminate();
  worker = undefined;
  remote = undefined;
}

/** The promise's value, or a Timeout error once `ms` have passed without one. */
async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Timeout(`The simulation engine did not answer for ${Math.round(ms / 1000)} s`)), ms);
      })
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A call to the worker outside a session (checking a file that was dropped), with the same deadline
 * as a session's: a worker that misses it is ended, so the next call starts a fresh one.
 */
export async function ask<T>(make: (api: Remote<EngineApi>) => Promise<T>, ms = testDeadline() ?? DEADLINES.run): Promise<T> {
  try {
    return await withDeadline(make(engine()), ms);
  } catch (e) {
    if (e instanceof Timeout) endWorker();
    throw e;
  }
}

/** A sandbox session driven from the page. */
export class SandboxBridge {
  private file: ScenarioDoc | undefined;
  private lastTime = 0;
  private lastSpeed: number | undefined;
  private restarting = false;
  private watched: string | null = null;

  /** Calls waiting for the worker's answer. */
  private pending = 0;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Set once the engine stopped for good: no call is made any more. */
  private dead: string | undefined;
  private readonly deadlines = { quick: testDeadline() ?? DEADLINES.quick, run: testDeadline() ?? DEADLINES.run };

  constructor(private readonly on: BridgeEvents) {
    this.attach();
    this.heartbeat = setInterval(() => {
      if (this.pending > 0 || this.restarting || this.dead) return;
      void this.call('quick', () => engine().ping(), true);
    }, Math.min(HEARTBEAT_MS, this.deadlines.quick));
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

  /**
   * Makes a call with a deadline. A worker that misses it is taken for stopped: it is ended and
   * started again, the page is told, and the call gives `fallback` (as it does once the engine has
   * stopped for good); without a fallback it is rejected.
   */
  private async call<T>(kind: 'quick' | 'run', make: () => Promise<T>, ...fallback: [T] | []): Promise<T> {
    if (this.dead) {
      if (fallback.length > 0) return fallback[0] as T;
      throw new Error(this.dead);
    }
    this.pending++;
    try {
      return await withDeadline(make(), this.deadlines[kind]);
    } catch (e) {
      if (e instanceof Timeout) void this.restart(e.message);
      if (fallback.length > 0) return fallback[0] as T;
      throw e;
    } finally {
      this.pending--;
    }
  }

  /** Starts a fresh worker and puts the session back where it was. */
  async restart(reason: string): Promise<void> {
    if (this.restarting || this.dead) return;
    this.restarting = true;
    try {
      endWorker();
      this.attach();
      if (this.file) {
        // Read before reopening: the new session's first frames carry its defaults.
        const t = this.lastTime;
        const speed = this.lastSpeed;
        const restore = async (): Promise<void> => {
          await engine().open(this.file);
          await engine().seek(t);
          if (speed !== undefined) await engine().setSpeed(speed);
          if (this.watched !== null) await engine().watch(this.watched);
        };
        const ok = await withDeadline(restore(), this.deadlines.run).then(
          () => true,
          () => false
        );
        if (!ok) {
          // Putting the session back stopped the engine again: this file would do it every time.
          // The next page that needs the engine starts a worker of its own.
          endWorker();
          this.dead = `${reason}, and again while the session was put back, so it was not restarted a third time. Nothing of the file is lost: Download scenario file saves it with every action taken.`;
          this.on.stopped(this.dead);
          return;
        }
      }
      this.on.notice(`${reason}; it was restarted and the session restored.`);
    } finally {
      this.restarting = false;
    }
  }

  async open(file: unknown): Promise<Opened> {
    const deep = tooDeep(file);
    if (deep !== undefined) return { ok: false, problems: [{ path: shortPath(deep), message: NESTING_MESSAGE }] };
    let out: Opened;
    try {
      out = await this.call<Opened>('run', () => engine().open(file));
    } catch (e) {
      return { ok: false, problems: [{ path: '$', message: e instanceof Error ? e.message : String(e) }] };
    }
    if (out.ok) {
      this.file = out.file;
      this.lastTime = 0;
    }
    return out;
  }

  async act(step: Record<string, unknown>): Promise<Acted> {
    const failed: Acted = { ok: false, problems: [{ path: '$', message: 'the simulation engine did not take the action (see the notice)' }] };
    const out = await this.call<Acted>('run', () => engine().act(step), failed);
    if (out.ok) this.file = await this.call('quick', () => engine().file(), this.file ?? { scenario: '' });
    return out;
  }

  play = () => this.call('quick', () => engine().play(), undefined);
  pause = () => this.call('quick', () => engine().pause(), undefined);
  setSpeed = (speed: number) => this.call('quick', () => engine().setSpeed(speed), undefined);
  step = () => this.call('run', () => engine().stepToNextEvent(), []);
  seek = (t: number) => this.call('run', () => engine().seek(t), undefined);
  preview = (machine: string, type: 'planned' | 'unplanned', shutdownSource: boolean) => this.call('run', () => engine().preview(machine, type, shutdownSource), null);
  previewPoint = (machine: string, at: number) => this.call('run', () => engine().previewPoint(machine, at), null);
  watch = (id: string | null) => {
    this.watched = id;
    return this.call('quick', () => engine().watch(id), undefined);
  };

  /** Stops the heartbeat (the page went away). */
  dispose(): void {
    clearInterval(this.heartbeat);
  }

  /** The scenario file with every action taken so far (for sharing and export). */
  currentFile(): ScenarioDoc | undefined {
    return this.file ? structuredClone(this.file) : undefined;
  }

  /** For tests: makes the worker really crash (an uncaught error in it), which the bridge recovers from. */
  crashForTest(): void {
    void engine().crashForTest();
  }

  /** For tests: the worker ends without an error event. */
  closeForTest(): void {
    void engine().closeForTest();
  }

  /** For tests: the worker stops answering. */
  hangForTest(): void {
    void engine().hangForTest();
  }
}
