// The one bridge to the engine workers: it starts them, wraps them with Comlink, forwards their
// frames, and restarts one that dies, restoring its session from the scenario file (with every
// action taken) and the simulated time. It is the only place the page touches a worker.
// Each view that runs a simulation (a sandbox) has its own client, SandboxBridge: its own worker,
// so a crash in one restarts that one only, and its own session id in it. The client opens its
// session before any call (the handshake), its calls reach the worker in the order they were made,
// and on teardown it closes the session, releases its Comlink proxies and ends its worker. Calls
// that need no session (the gallery's list, checking a file) go to one shared worker.
// The page never trusts the worker to answer: every call has a deadline, and while nothing is asked
// a ping checks the worker is still there (a worker can end without an error event). A worker that
// misses a deadline is ended and started again; one that stops again while its session is put back
// is not restarted a third time, and the page says why.

import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { NESTING_MESSAGE, shortPath, tooDeep } from '../nesting';
import type { EngineApi } from '../../../workers/engine.worker';
import type { Acted, Frame, Opened, ScenarioDoc } from '../../../workers/session';
import { WorkerPool, type PoolWorker } from './pool';

export { WorkerPool, defaultPoolSize, type Batch, type BatchOptions, type RunResult } from './pool';

// Browser tests reach the pool with ?test-hooks.
if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('test-hooks')) {
  (globalThis as { __pool?: (size?: number) => WorkerPool }).__pool = (size) => new WorkerPool(startPoolWorker, size);
}

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

/** A worker with the engine, wrapped. */
interface EngineWorker {
  worker: Worker;
  remote: Remote<EngineApi>;
}

function startWorker(name: string): EngineWorker {
  const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name });
  return { worker, remote: wrap<EngineApi>(worker) };
}

/** Ends a worker and lets go of its Comlink proxy. */
function stopWorker(w: EngineWorker | undefined): void {
  if (!w) return;
  w.remote[releaseProxy]();
  w.worker.terminate();
}

let shared: EngineWorker | undefined;

/** The shared worker's API, for calls that need no session (started on first use). */
export function engine(): Remote<EngineApi> {
  shared ??= startWorker('engine');
  return shared.remote;
}

/** Ends the shared worker; the next call to `engine()` starts a fresh one. */
function endWorker(): void {
  stopWorker(shared);
  shared = undefined;
}

/**
 * A worker for a WorkerPool (pool.ts): a file runs to its end in it, with the deadline of a run;
 * a worker that crashes or misses the deadline fails the file it runs.
 */
export function startPoolWorker(n: number): PoolWorker {
  const w = startWorker(`pool-${n}`);
  let fail: (e: Error) => void = () => undefined;
  const died = new Promise<never>((_, reject) => (fail = reject));
  died.catch(() => undefined);
  w.worker.addEventListener('error', (e) => fail(new Error(e.message || 'it crashed')));
  return {
    run: (file) => withDeadline(Promise.race([w.remote.run(file), died]), testDeadline() ?? DEADLINES.run),
    terminate: () => stopWorker(w)
  };
}

/** Each client's session id: unique in the page. */
let clients = 0;

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

/** A sandbox session driven from the page: its own worker and its own session in it. */
export class SandboxBridge {
  /** The session's id in its worker. */
  readonly id = `sandbox-${++clients}`;
  private w: EngineWorker | undefined;
  /** Settles once the session is open in the current worker: every call waits for it. */
  private ready: Promise<void> = Promise.resolve();
  private closed = false;
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
      if (this.pending > 0 || this.restarting || this.dead || this.closed) return;
      void this.call('quick', (api) => api.ping(), true);
    }, Math.min(HEARTBEAT_MS, this.deadlines.quick));
    // Browser tests open the page with ?test-hooks to reach the session (a crash, the file).
    if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('test-hooks')) {
      const g = globalThis as { __sandbox?: SandboxBridge; __sandboxes?: SandboxBridge[] };
      g.__sandbox = this;
      (g.__sandboxes ??= []).push(this);
    }
  }

  /** Starts this client's worker and opens its session there (the handshake every call waits for). */
  private attach(): void {
    const w = startWorker(this.id);
    this.w = w;
    this.ready = w.remote.create(
      this.id,
      proxy((frame: Frame) => {
        // A frame from a worker this client has replaced is not its own any more.
        if (this.w !== w) return;
        this.lastTime = frame.live.now;
        this.lastSpeed = frame.speed;
        this.on.frame(frame);
      })
    );
    w.worker.addEventListener('error', () => {
      if (this.w === w) void this.restart('The simulation engine stopped unexpectedly');
    });
  }

  /** The session's worker, once its session is open. */
  private async api(): Promise<Remote<EngineApi>> {
    await this.ready;
    if (!this.w) throw new Error('the sandbox was closed');
    return this.w.remote;
  }

  /**
   * Makes a call with a deadline. A worker that misses it is taken for stopped: it is ended and
   * started again, the page is told, and the call gives `fallback` (as it does once the engine has
   * stopped for good); without a fallback it is rejected.
   */
  private async call<T>(kind: 'quick' | 'run', make: (api: Remote<EngineApi>, id: string) => Promise<T>, ...fallback: [T] | []): Promise<T> {
    if (this.dead || this.closed) {
      if (fallback.length > 0) return fallback[0] as T;
      throw new Error(this.dead ?? 'the sandbox was closed');
    }
    this.pending++;
    try {
      return await withDeadline(
        this.api().then((api) => make(api, this.id)),
        this.deadlines[kind]
      );
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
      stopWorker(this.w);
      this.attach();
      if (this.file) {
        // Read before reopening: the new session's first frames carry its defaults.
        const t = this.lastTime;
        const speed = this.lastSpeed;
        const restore = async (): Promise<void> => {
          const api = await this.api();
          await api.open(this.id, this.file);
          await api.seek(this.id, t);
          if (speed !== undefined) await api.setSpeed(this.id, speed);
          if (this.watched !== null) await api.watch(this.id, this.watched);
        };
        const ok = await withDeadline(restore(), this.deadlines.run).then(
          () => true,
          () => false
        );
        if (!ok) {
          // Putting the session back stopped the engine again: this file would do it every time.
          stopWorker(this.w);
          this.w = undefined;
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
      out = await this.call<Opened>('run', (api, id) => api.open(id, file));
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
    const out = await this.call<Acted>('run', (api, id) => api.act(id, step), failed);
    if (out.ok) this.file = await this.call('quick', (api, id) => api.file(id), this.file ?? { scenario: '' });
    return out;
  }

  play = () => this.call('quick', (api, id) => api.play(id), undefined);
  pause = () => this.call('quick', (api, id) => api.pause(id), undefined);
  setSpeed = (speed: number) => this.call('quick', (api, id) => api.setSpeed(id, speed), undefined);
  step = () => this.call('run', (api, id) => api.stepToNextEvent(id), []);
  seek = (t: number) => this.call('run', (api, id) => api.seek(id, t), undefined);
  preview = (machine: string, type: 'planned' | 'unplanned', shutdownSource: boolean) => this.call('run', (api, id) => api.preview(id, machine, type, shutdownSource), null);
  previewPoint = (machine: string, at: number) => this.call('run', (api, id) => api.previewPoint(id, machine, at), null);
  watch = (what: string | null) => {
    this.watched = what;
    return this.call('quick', (api, id) => api.watch(id, what), undefined);
  };

  /**
   * The view went away: stops the heartbeat, closes the session (which releases the frame
   * callback's proxy in the worker), lets go of the worker's proxy and ends the worker. Calls made
   * after this give their fallback or are refused.
   */
  dispose(): void {
    clearInterval(this.heartbeat);
    if (this.closed) return;
    this.closed = true;
    const w = this.w;
    this.w = undefined;
    if (!w) return;
    // Closed in the worker first (its answer or not), then ended: a worker is not left running.
    void withDeadline(w.remote.close(this.id), 2_000)
      .catch(() => undefined)
      .finally(() => stopWorker(w));
    const g = globalThis as { __sandboxes?: SandboxBridge[] };
    if (g.__sandboxes) g.__sandboxes = g.__sandboxes.filter((b) => b !== this);
  }

  /** The scenario file with every action taken so far (for sharing and export). */
  currentFile(): ScenarioDoc | undefined {
    return this.file ? structuredClone(this.file) : undefined;
  }

  /** For tests: makes the worker really crash (an uncaught error in it), which the bridge recovers from. */
  crashForTest(): void {
    void this.w?.remote.crashForTest();
  }

  /** For tests: the worker ends without an error event. */
  closeForTest(): void {
    void this.w?.remote.closeForTest();
  }

  /** For tests: the worker stops answering. */
  hangForTest(): void {
    void this.w?.remote.hangForTest();
  }

  /** For tests: the ids of the sessions open in this client's worker. */
  sessionsForTest(): Promise<string[]> {
    return this.api().then((api) => api.sessions());
  }
}
