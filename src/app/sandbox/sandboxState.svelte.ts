// One sandbox's state, as a runes class shared with its panels through context (`sandbox()`): the
// scenario's topology, the latest frame from the engine and what the page shows of it at its own
// pace, what is selected, the dialogs, the actions taken, and the commands that drive the engine
// through the sandbox's own bridge. The panels read it and call its commands; only Sandbox.svelte
// makes one.

import { createContext } from 'svelte';
import { SandboxBridge, engine, type Frame, type ScenarioDoc } from '../bridge';
import type { TopologyView } from '../../../src/engine/view';
import type { Inspection } from '../../../src/engine/inspect';
import type { RecoveryView } from '../../../src/engine/recoveryView';
import type { SimEvent } from '../../../src/engine/events';
import { fileDuration, moment } from '../format';
import { FrameHistory } from './history.svelte';
import { Pacer } from './pacer';
import { faultStep, type PendingFault } from './faults';
import { isMoment, momentLabel, type MomentStep } from './storyMoments';
import { m } from '../../paraglide/messages';

export type SettingsTab = 'policy' | 'machines' | 'network' | 'notes';

/** While playing, the tables and panels are redrawn at most this often (ms). */
const FRAME_MS = 100;

export class SandboxState {
  topology = $state.raw<TopologyView | undefined>();
  // Raw: a frame is replaced whole, never changed in place (deep reactivity would only cost).
  frame = $state.raw<Frame | undefined>();
  problems = $state<string[]>([]);
  /** Why the engine stopped for good with this file (the page cannot go on with it). */
  stoppedFor = $state<string | undefined>();
  notice = $state<string | undefined>();
  selected = $state<string | undefined>();
  // Raw: the step goes to the worker as it is (a reactive proxy cannot be posted).
  pendingFault = $state.raw<PendingFault | undefined>();
  showShortcuts = $state(false);
  settingsTab = $state<SettingsTab | undefined>();
  recovery = $state.raw<RecoveryView | undefined>();
  // Link rates and events as last shown (they change with every frame; the page shows them at its own pace).
  rates = $state.raw<Record<string, number>>({});
  shownEvents = $state.raw<Array<SimEvent & { seq: number }>>([]);
  /** The actions taken on this page, as steps at their moment (the file's own steps come from the engine). */
  actions = $state.raw<Array<{ at: number; step: Record<string, unknown> }>>([]);
  /** What Next event stopped for, said under the controls; null before it was pressed. */
  reached = $state.raw<{ at: number; events: SimEvent[] } | null>(null);

  // The heavy redraws (the tables and panels, each chart) take turns, one per animation frame.
  readonly pacer = new Pacer();
  // What the charts, the events log and the link rates draw over time.
  readonly history = new FrameHistory({ pacer: this.pacer });
  readonly bridge: SandboxBridge;

  readonly live = $derived(this.frame?.live);
  // A number: what depends on it is not redone with every frame, only when it changes.
  readonly until = $derived(this.frame?.live.until ?? 0);
  readonly playing = $derived(this.frame?.playing ?? false);
  readonly speedExp = $derived(Math.log10(this.frame?.speed ?? 3600));
  /** At the end of the run, Play plays it again from the start (as a media player does). */
  readonly ended = $derived(this.live !== undefined && this.live.now >= this.live.until);
  readonly grouped = $derived((this.topology?.processServers.length ?? 0) > 1);
  /** What the worker inspects: a machines group of one process server is read as all the protected machines. */
  readonly watched = $derived(this.selected?.startsWith('$machines@') ? '$machines' : this.selected);
  readonly inspection = $derived(this.watched && this.frame?.inspection?.id === this.watched ? this.groupInspection(this.frame.inspection, this.selected!) : undefined);
  /** The story's moments: the file's steps and the actions taken, each in words. */
  readonly storyList = $derived(
    [
      ...(this.topology?.steps ?? []).filter((st) => isMoment(st)).map((st) => ({ key: `f${st.index}`, at: st.at, label: momentLabel(st) })),
      ...this.actions.map((a, k) => ({ key: `a${k}`, at: a.at, label: `${momentLabel(a.step as MomentStep)} ${m.sb_you()}` }))
    ].sort((a, b) => a.at - b.at)
  );

  private pendingFrame: Frame | undefined;
  // Frames carry the recovery view only when it changed.
  private latestRecovery: RecoveryView | undefined;
  private applyTimer: ReturnType<typeof setTimeout> | undefined;
  private appliedAt = 0;

  constructor(file: unknown, startAt: number | undefined) {
    this.bridge = new SandboxBridge({
      frame: (f) => {
        this.history.push(f);
        // While playing, the page redraws its tables and panels up to ten times a second, in a frame
        // of their own (the charts have their own pace and frames); a paused page shows every change at once.
        this.pendingFrame = f;
        if (f.recovery) this.latestRecovery = f.recovery;
        if (!f.playing || !this.frame?.playing) this.applyFrame();
        else if (this.applyTimer === undefined && !this.pacer.has('tables')) {
          this.applyTimer = setTimeout(() => {
            this.applyTimer = undefined;
            this.pacer.run('tables', () => this.applyFrame());
          }, Math.max(0, FRAME_MS - (performance.now() - this.appliedAt)));
        }
      },
      notice: (message) => (this.notice = message),
      stopped: (message) => (this.stoppedFor = message)
    });
    void this.bridge.open(file).then((out) => {
      if (!out.ok) {
        this.problems = out.problems.map((p) => `${p.path}: ${p.message}`);
        return;
      }
      this.topology = out.topology;
      this.history.topology = out.topology;
      // A share link opens at the moment it was made: the run replays to there.
      if (startAt) void this.bridge.seek(startAt);
    });
  }

  private applyFrame(): void {
    clearTimeout(this.applyTimer);
    this.applyTimer = undefined;
    this.pacer.cancel('tables');
    this.appliedAt = performance.now();
    const f = this.pendingFrame;
    if (f) {
      this.frame = f;
      this.rates = Object.fromEntries(Object.entries(f.live.linkRates).map(([k, r]) => [k, r.bytesPerSecond ?? 0]));
    }
    // The newest events first, each keyed by its place in the whole log, so new ones only add rows.
    const all = this.history.events;
    const base = (f?.live.eventCount ?? all.length) - all.length;
    const from = Math.max(0, all.length - 60);
    this.shownEvents = all.slice(from).map((e, k) => ({ ...e, seq: base + from + k })).reverse();
    if (this.latestRecovery !== this.recovery) this.recovery = this.latestRecovery;
  }

  /** With several process servers, a machines group shows only the machines on its server. */
  private groupInspection(i: Inspection, id: string): Inspection {
    const topology = this.topology;
    if (!this.grouped || !topology || (id !== '$machines' && !id.startsWith('$machines@'))) return i;
    const server = id === '$machines' ? topology.processServers[0]! : topology.processServers.find((p) => `$machines@${p.id}` === id);
    if (!server) return i;
    const mine = new Set((this.live?.machines ?? []).filter((m) => m.processServer === server.id).map((m) => m.id));
    return {
      ...i,
      id,
      title: `Machines on ${server.label}`,
      role: `The machines that replicate through ${server.label} now. Select one in the machines table to inspect it or move it to another process server.`,
      figures: i.figures.filter((f) => mine.has(f.label))
    };
  }

  /** Moves in time at the user's wish (what Next event stopped for no longer applies). */
  seek = (t: number) => {
    this.reached = null;
    return this.bridge.seek(t);
  };

  toggle = () => {
    this.reached = null;
    if (this.playing) void this.bridge.pause();
    else if (this.ended) void this.bridge.seek(0).then(() => this.bridge.play());
    else void this.bridge.play();
  };

  nextEvent = async () => {
    const events = await this.bridge.step();
    this.reached = { at: this.frame?.live.now ?? 0, events };
  };

  setSpeedExp = (v: number) => {
    void this.bridge.setSpeed(Math.round(10 ** v));
  };

  /** New starting settings: the scenario replays from its start with them, back to where the user was. */
  applySettings = async (next: ScenarioDoc) => {
    const at = this.live?.now ?? 0;
    // Cleared first: the new run's first frame comes while it opens.
    this.history.reset();
    const out = await this.bridge.open(next);
    if (!out.ok) {
      this.notice = `The settings were not applied: ${out.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
      return;
    }
    this.selected = undefined;
    this.topology = out.topology;
    this.history.topology = out.topology;
    if (at > 0) await this.bridge.seek(at);
    this.notice = `Settings applied: the scenario replayed from its start to ${moment(at, out.topology.start)}.`;
  };

  /**
   * Adds a scale-out process server now. The engine must know every process server when it reads
   * the file, so the step goes into the file (at this moment), which is opened again and replayed
   * back to here. Gives the engine's problems when it refuses the file, null when done.
   */
  addProcessServer = async (component: string, size: string): Promise<string | null> => {
    const current = this.bridge.currentFile();
    if (!current) return 'No scenario is open.';
    const at = Math.ceil(this.live?.now ?? 0);
    const next = { ...current, steps: [...(current.steps ?? []), { at: fileDuration(at), do: 'addComponent', component, size }] };
    const problems = await engine().validate(next);
    if (problems.length > 0) return problems.map((p) => `${p.path.replace(/^\$\.steps\[\d+\]\.?/, '') || 'the step'}: ${p.message}`).join('; ');
    this.history.reset();
    const out = await this.bridge.open(next);
    if (!out.ok) return out.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    this.topology = out.topology;
    this.history.topology = out.topology;
    // Also at 0 s: the seek runs the new step.
    await this.bridge.seek(at);
    this.notice = `Process server ${component} added at ${moment(at, out.topology.start)}: the scenario replayed from its start with it.`;
    return null;
  };

  /** Takes an action now and gives the engine's refusal (or the file's problem), null when taken. */
  actForPlans = async (step: Record<string, unknown>): Promise<string | null> => {
    const at = Math.ceil(this.live?.now ?? 0);
    const out = await this.bridge.act(step);
    if (out.ok && !out.rejected) this.actions = [...this.actions, { at, step }];
    if (!out.ok) return out.problems.map((p) => `${p.path === '$' ? '' : `${p.path}: `}${p.message}`).join('; ');
    return out.rejected;
  };

  /** Takes an action now; a refusal from the engine is shown with its reason. */
  act = async (step: Record<string, unknown>) => {
    const at = Math.ceil(this.live?.now ?? 0);
    const out = await this.bridge.act(step);
    if (out.ok && !out.rejected) this.actions = [...this.actions, { at, step }];
    if (!out.ok) this.notice = out.problems.map((p) => `${p.path === '$' ? '' : `${p.path}: `}${p.message}`).join('; ');
    else if (out.rejected) this.notice = `Not possible now: ${out.rejected}`;
  };

  confirmFault = async () => {
    const f = this.pendingFault;
    this.pendingFault = undefined;
    if (f) await this.act(faultStep(f));
  };

  /** The view went away: the session closes and everything it held goes. */
  dispose(): void {
    clearTimeout(this.applyTimer);
    void this.bridge.pause();
    this.bridge.dispose();
    this.history.dispose();
    this.pacer.dispose();
  }
}

/** The sandbox a panel belongs to (set by Sandbox.svelte for its panels). */
export const [sandbox, provideSandbox] = createContext<SandboxState>();
