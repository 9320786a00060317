// A sandbox session in the worker: one scenario file running on the virtual clock, played at a
// chosen speed, paused, stepped or rewound, with the user's actions added to the file as steps at
// the moment they were taken. The file with those steps replays the session exactly (same seed,
// same steps), which is also what a share link and a restart after a crash use.

import { createSimulation, formatDuration, InvalidScenarioError, readScenario, type SimulationHandle } from '../src/engine/index';
import type { Problem } from '../src/engine/script/config';
import { PointsFeed, type ChartSample, type LiveView, type PointChanges, type TopologyView } from '../src/engine/view';
import type { Inspection } from '../src/engine/inspect';
import type { ChoicePreview, RecoveryView, WizardPreview } from '../src/engine/recoveryView';
import type { EngineReader } from '../src/engine/reader';
import type { FailoverType } from '../src/engine/script/config';
import type { SimEvent } from '../src/engine/events';

export type ScenarioDoc = Record<string, unknown> & { steps?: unknown[] };

export interface Frame {
  live: LiveView;
  /** Recovery points made and pruned since the previous frame, for each machine whose points changed. */
  points: PointChanges[];
  playing: boolean;
  speed: number;
  /**
   * The chart figures at the regular moments the run passed since the previous frame (oldest
   * first; see `sampleStep`), so a seek, Next event or a fast speed draws what the engine computed
   * in between. Empty when the run moved less than a step.
   */
  trail: ChartSample[];
  /** The thing the page inspects (see `watch`), as it is now. */
  inspection: Inspection | null;
  /** Every machine's recovery state and the actions the engine would take now, and the plans; null when unchanged since the previous frame. */
  recovery: RecoveryView | null;
}

export type Opened = { ok: true; topology: TopologyView; file: ScenarioDoc } | { ok: false; problems: Problem[] };
export type Acted = { ok: true; rejected: string | null } | { ok: false; problems: Problem[] };

/**
 * Simulated seconds between two chart samples: a minute, or more for long runs, so a whole run
 * gives at most about 480 of them (what the charts keep before they halve their resolution).
 */
export function sampleStep(until: number): number {
  return Math.max(60, Math.ceil(until / 480 / 60) * 60);
}

/**
 * Simulated seconds between the session's checkpoints: about 48 over a run, and none closer than
 * an hour. Going back restores the nearest one and runs on from there (at most this far).
 */
export function checkpointEvery(until: number): number {
  return Math.max(3600, Math.ceil(until / 48));
}

/** How far Next event looks on at a time (the data moves in windows of one to fifteen minutes). */
const STEP_PROBE = 60;

/**
 * Whether Next event stops for an event: everything but the routine ones a learner would not stop
 * for (a job starting or succeeding, one disk of several copied, a retry that failed again).
 */
export function worthStopping(e: SimEvent): boolean {
  if (e.code === 'job.started' || e.code === 'job.succeeded' || e.code === 'replication.diskCopied') return false;
  return !(e.code === 'replication.retry' && e.severity !== 'info');
}

/** How telling an event Next event stopped for is: 0 what happened to a machine or the estate, 1 errors, 2 RPO and the rest, 3 health changes. */
function stopRank(e: SimEvent): number {
  if (/^(protection|replication\.initialCompleted|resync|failover|testFailover|reprotect|failback|plan|fault|component|processServer\.mov|step|machine|disk|policy|workload)/.test(e.code)) return 0;
  if (e.severity === 'error' || e.code === 'replication.error') return 1;
  return e.code.startsWith('health.') ? 3 : 2;
}

/** Simulated seconds per wall second: from real time to 100,000 times faster and beyond. */
export const MIN_SPEED = 1;
export const MAX_SPEED = 1_000_000;

export class Session {
  private handle: SimulationHandle | undefined;
  private doc: ScenarioDoc | undefined;
  /** Events the page already has. */
  private sent = 0;
  /** Recovery points the page already has (a new run or a machine's new list starts afresh by itself). */
  private readonly pointsFeed = new PointsFeed();
  playing = false;
  speed = 3600;
  /** Simulated time the user sees (the data may be up to one step behind it). */
  private shown = 0;
  /** Chart samples taken since the last frame (see Frame.trail). */
  private trail: ChartSample[] = [];
  /**
   * Every chart sample of the run so far, in time order: going back sends the page those up to the
   * moment gone to, so its charts look as if it had played there.
   */
  private history: ChartSample[] = [];
  /** The id the page inspects; every frame carries its inspection. */
  private watched: string | null = null;
  /** The recovery view last sent, to send it only when it changes (it is large with many machines). */
  private lastRecovery = '';

  constructor(private readonly push: (frame: Frame) => void) {}

  open(file: unknown): Opened {
    let doc: unknown = file;
    if (typeof file === 'string') {
      try {
        doc = JSON.parse(file);
      } catch (e) {
        return { ok: false, problems: [{ path: '$', message: `is not valid JSON: ${(e as Error).message}` }] };
      }
    }
    try {
      this.handle = this.start(doc);
    } catch (e) {
      if (e instanceof InvalidScenarioError) return { ok: false, problems: e.problems };
      throw e;
    }
    this.doc = structuredClone(doc as ScenarioDoc);
    this.playing = false;
    this.shown = 0;
    this.sent = 0;
    this.trail = [];
    this.history = [this.handle.read.chartSample()];
    this.lastRecovery = '';
    this.emit();
    return { ok: true, topology: this.handle.read.topology(), file: this.file() };
  }

  /** Chooses what every frame's inspection is about (null for nothing). */
  watch(id: string | null): void {
    this.watched = id;
    this.emit();
  }

  /** What a failover of the machine started now would cost, per recovery point choice (for the wizard). */
  preview(machine: string, type: FailoverType, shutdownSource: boolean): WizardPreview | null {
    return this.atActionMoment((read) => read.previewFailover(machine, type, shutdownSource) ?? null);
  }

  /** The same for one retained point picked on the timeline. */
  previewPoint(machine: string, at: number): ChoicePreview | null {
    return this.atActionMoment((read) => read.previewPoint(machine, at) ?? null);
  }

  /**
   * Reads the simulation where an action taken now would run (see `act`): with the data brought to
   * that moment, so a preview shows what the action will then do. Stopping the data there changes
   * nothing in the run.
   */
  private atActionMoment<T>(look: (read: EngineReader) => T | null): T | null {
    const h = this.handle;
    if (!h) return null;
    const at = Math.ceil(this.shown);
    let out: T | null = null;
    h.at(at, (read) => {
      out = look(read);
    });
    this.advanceTo(at);
    this.emit();
    return out;
  }

  /** The scenario file with every action taken so far. */
  file(): ScenarioDoc {
    return structuredClone(this.doc ?? { scenario: '' });
  }

  get until(): number {
    return this.handle?.config.until ?? 0;
  }

  setSpeed(speed: number): void {
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.emit();
  }

  play(): void {
    if (!this.handle) return;
    if (this.shown >= this.until) return;
    this.playing = true;
    this.emit();
  }

  pause(): void {
    this.playing = false;
    this.emit();
  }

  /** Advances by wall-clock milliseconds at the current speed (the play loop calls this). */
  tick(wallMs: number): void {
    if (!this.playing || !this.handle) return;
    this.advanceTo(this.shown + (this.speed * wallMs) / 1000);
    if (this.shown >= this.until) this.playing = false;
    this.emit();
  }

  /**
   * Runs on to the next moment something worth stopping for happens (see `worthStopping`: a
   * machine protected, a copy or resync done, the RPO crossing its threshold, a health change, a
   * fault, a failover or plan step...) and stops just after it: the run goes on a minute at a time
   * until the log has something worth stopping for. Gives those events (none at the end of the run).
   */
  stepToNextEvent(): SimEvent[] {
    const h = this.handle;
    if (!h) return [];
    this.playing = false;
    const from = h.read.eventCount;
    let found: SimEvent[] = [];
    while (this.shown < this.until) {
      this.advanceTo(this.shown + STEP_PROBE);
      found = h.read.events(from).filter(worthStopping);
      // Stopped at the first probe that found something: at most a minute after a step or a timer
      // that caused it, and just after the data window in which the data plane found it.
      if (found.length > 0) break;
    }
    this.emit();
    // The most telling first (several can come in one data window): what happened to a machine,
    // then errors, then RPO and health changes; in time order within each.
    return found.map((e, i) => ({ e, i })).sort((a, b) => stopRank(a.e) - stopRank(b.e) || a.i - b.i).map((x) => x.e);
  }

  /**
   * Moves to simulated time t. Going back, or far forward to where the run has been, restores the
   * engine's nearest checkpoint and runs on from there (see `checkpointEvery`), which gives the same
   * run; the page's charts get the samples taken when the run first went there.
   */
  seek(t: number): void {
    const h = this.handle;
    if (!h) return;
    const target = Math.min(this.until, Math.max(0, t));
    const back = target < this.shown;
    // Back, or forward to where the run has been: the engine may restore a checkpoint, and the
    // samples on the way are the ones taken when the run first went there.
    if (back || target <= (this.history.at(-1)?.now ?? 0)) {
      const from = h.read.dataTime;
      h.seek(target);
      this.shown = target;
      const to = h.read.dataTime;
      if (back) {
        this.sent = 0;
        this.trail = this.history.filter((s) => s.now <= to);
      } else this.trail.push(...this.history.filter((s) => s.now > from && s.now <= to));
    }
    this.advanceTo(target);
    this.emit();
  }

  /**
   * Takes an action now: it becomes a step of the file at this moment (whole seconds), checked like
   * any step of a file; the simulation runs to that moment and executes it.
   */
  act(step: Record<string, unknown>): Acted {
    const h = this.handle;
    if (!h || !this.doc) return { ok: false, problems: [{ path: '$', message: 'no scenario is open' }] };
    const at = Math.ceil(this.shown);
    const candidate = { ...step, at: formatDuration(at) };
    const steps = [...(this.doc.steps ?? []), candidate];
    const read = readScenario({ ...this.doc, steps });
    if (!read.ok) return { ok: false, problems: read.problems.map((p) => ({ ...p, path: p.path.replace(`$.steps[${steps.length - 1}]`, '$') })) };
    const normalized = read.config.steps.find((s) => s.index === steps.length - 1)!;
    this.doc = { ...this.doc, steps };
    // The samples after this moment were of a run without the action.
    this.history = this.history.filter((s) => s.now <= h.read.dataTime);
    // The step runs at its moment, like a step of the file: the data stops there first.
    let rejection: string | null = null;
    h.stepAt(at, { ...normalized, index: steps.length - 1 }, (r) => {
      rejection = r ? r.reason : null;
    });
    this.advanceTo(at);
    if (rejection !== null) this.remake(at);
    this.emit();
    return { ok: true, rejected: rejection };
  }

  /**
   * The engine stopped the data for an action it then refused, and where a data window ends can
   * move later ones: the run is made again from the file (which has the refused step, so the
   * engine knows not to stop there) up to t, and the page gets the events from where the logs differ.
   */
  private remake(t: number): void {
    const before = this.handle!.read.events();
    this.handle = this.start(this.doc!);
    this.advanceTo(t);
    const after = this.handle.read.events();
    let same = 0;
    const key = (e: SimEvent): string => `${e.at}|${e.code}|${e.machine}|${e.message}`;
    while (same < this.sent && same < before.length && same < after.length && key(before[same]!) === key(after[same]!)) same++;
    this.sent = same;
    // The points follow by themselves: a new run has new point lists, which the feed sends whole.
    this.trail = [];
  }

  /** A run of the file with checkpoints, counting what each link carries so the page can show true rates. */
  private start(doc: unknown): SimulationHandle {
    const until = readScenario(doc);
    const h = createSimulation(doc, until.ok ? { checkpointEvery: checkpointEvery(until.config.until) } : {});
    h.watchLinks();
    return h;
  }

  /**
   * Runs on to t, taking a chart sample at each multiple of the sample step passed on the way. The
   * engine works the data out in whole windows whatever it is asked to run to, so stopping on the
   * way changes nothing in the run.
   */
  private advanceTo(t: number): void {
    const h = this.handle!;
    const target = Math.min(this.until, t);
    const step = sampleStep(this.until);
    for (let at = (Math.floor(this.shown / step) + 1) * step; at < target; at += step) {
      h.runUntil(at);
      // The data moves in windows: a step inside the same window has nothing new to draw.
      if (this.trail.at(-1)?.now !== h.read.dataTime) this.sample(h.read.chartSample());
    }
    h.runUntil(target);
    this.shown = target;
  }

  /** A chart sample for the page's next frame, and for the history if the run had not been there. */
  private sample(s: ChartSample): void {
    this.trail.push(s);
    if (s.now > (this.history.at(-1)?.now ?? -1)) this.history.push(s);
  }

  private recoveryIfChanged(h: SimulationHandle): RecoveryView | null {
    const view = h.read.recovery();
    const json = JSON.stringify(view);
    if (json === this.lastRecovery) return null;
    this.lastRecovery = json;
    return view;
  }

  private emit(): void {
    const h = this.handle;
    if (!h) return;
    const live = h.read.live(this.sent);
    this.sent = live.eventCount;
    // People see the time they asked for; the data is processed up to at most one step before it.
    live.now = Math.max(live.now, this.shown);
    live.clock = h.read.clockLabel(live.now);
    live.officeHours = h.read.isOfficeHours(live.now);
    const inspection = this.watched === null ? null : (h.read.inspect(this.watched) ?? null);
    const trail = this.trail;
    this.trail = [];
    this.push({ live, points: h.read.pointChanges(this.pointsFeed), playing: this.playing, speed: this.speed, trail, inspection, recovery: this.recoveryIfChanged(h) });
  }
}

/** Describes a speed for people: "real time", "1 h/s", "28 h/s". */
export function speedLabel(speed: number): string {
  return speed <= 1 ? 'real time' : `${formatDuration(speed)}/s`;
}
