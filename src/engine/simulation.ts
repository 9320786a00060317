// The simulation: components, machines and the data plane wired together on one virtual clock.
// It runs scenario steps at their times, hands derived events to the control plane in time order,
// keeps the actors in the state the active faults imply, and answers what the estate looks like.

import { DataPlane, type StageLevel } from './data/dataPlane';
import type { DataPlaneHost } from './data/host';
import { MachineStream } from './data/stream';
import { HostVolume } from './data/hostVolume';
import type { Derived, HopBlock, HopRuntime } from './data/types';
import { Workload } from './data/workload';
import { DomainEvents, EventLog } from './events';
import { conditionsOf, type ActiveFault, type Conditions } from './protection/faults';
import { JobList } from './protection/jobs';
import { MachineRuntime, type Block } from './protection/machineRuntime';
import type { ProcessServerFigures } from './protection/processServerFigures';
import { ProcessServerFleet, type ProcessServerRuntime } from './protection/processServerFleet';
import type { Parameters } from './scenarios/parameters';
import type { ScenarioDefinition } from './scenarios/types';
import type { Policy, SimulationConfig, Step } from './script/config';
import { Calendar } from './time/calendar';
import { Scheduler, type TimerTarget } from './time/scheduler';
import { Topology } from './topology';
import { GiB, MB } from './units';
import type { LinkMeter } from './data/linkMeter';
import { Commands, type Rejection } from './commands';
import { MachineRecovery } from './recovery/machineRecovery';
import type { FailoverRecord } from './recovery/records';
import type { RecoveryEvent } from './recovery/host';
import { RecoveryPlans } from './recovery/plans';
import { msg, type Message } from './messages/index';
import { hopBlock, networkHopBlocks, pathBlock } from './simulation/blocks';
import { evaluateComponentHealth } from './simulation/componentHealth';
import { buildHops, dataPlaneSettings, machineContext, refreshHops, streamSettings } from './simulation/wiring';
import { copyGraph } from './time/copyGraph';
import { RejectedAtDataStop } from './simulation/rejectedAtDataStop';
import { linkRates, routeOf } from './simulation/links';
import { completeMoves, moveProcessServer } from './simulation/moves';
import { reconcileMachine } from './simulation/reconcile';
import { cacheLevelChanged, noteMachineHealth, syncWorkload } from './simulation/machineState';

export { RejectedAtDataStop };

/** A run kept for a checkpoint (see `Simulation.freeze`): not to be run, only thawed. */
export interface FrozenRun {
  readonly run: Simulation;
}

type SimulationTimer = 'step' | 'knownRejected' | 'outsideStep' | 'end';

export class Simulation implements TimerTarget<SimulationTimer>, DataPlaneHost {
  readonly scheduler = new Scheduler();
  readonly calendar: Calendar;
  readonly log = new EventLog();
  readonly jobs = new JobList();
  readonly def: ScenarioDefinition;
  readonly params: Parameters;
  readonly topology: Topology;
  readonly machines: MachineRuntime[];
  readonly dataPlane: DataPlane;
  readonly hops: HopRuntime[];
  readonly rejected: Rejection[] = [];
  /** Failovers, failbacks and test failovers, in the order they started. */
  readonly failovers: FailoverRecord[] = [];
  readonly plans: RecoveryPlans;
  /** Each machine's recovery (drill, failover, failback), by the machine's index. */
  readonly recoveries: MachineRecovery[];
  /** What recovery tells recovery plans about the machines' failovers. */
  readonly recoveryEvents = new DomainEvents<RecoveryEvent>();
  /** Components and links that exist (deployable ones join with `addComponent`). */
  readonly deployed: Set<string>;
  /** Hyper-V host volumes by host id (empty where there are none). */
  readonly volumes = new Map<string, HostVolume>();
  policy: Policy;
  faults: ActiveFault[] = [];
  conditions: Conditions;
  /** The process servers (built-in first), each with its own cache, figures and machines. */
  readonly fleet: ProcessServerFleet;
  private readonly commands: Commands;
  /** Index of the hop whose queue is the process server cache, or -1. */
  readonly cacheHop: number;

  /** The built-in process server's figures (read every 5 simulated minutes). */
  get psFigures(): ProcessServerFigures | undefined {
    return this.def.processServer ? this.fleet.builtIn.figures : undefined;
  }

  constructor(
    readonly config: SimulationConfig,
    /** Steps an earlier pass found rejected where it stopped the data for them (step index, reason). */
    rejected: ReadonlyMap<number, string | Message> = new Map()
  ) {
    this.def = config.scenario;
    this.params = config.parameters;
    this.policy = { ...config.policy };
    this.calendar = new Calendar(config.startEpochMs, config.officeHours);
    const p = this.params;
    this.fleet = new ProcessServerFleet(this.def, config.processServers, config.machines.map((m) => m.processServer), p);
    const lans = new Set(this.fleet.servers.map((x) => x.lanLink));
    this.topology = new Topology(this.def, this.scheduler, (l) => (lans.has(l.id) ? config.network.lanMbps : config.network.uplinkMbps), p['processServer.heartbeatMinutes']);
    this.conditions = conditionsOf(this.def, config.machines, [], new Map());
    this.deployed = new Set([...this.def.components.filter((c) => !c.deployable).map((c) => c.id), ...this.def.links.filter((l) => !l.deployable).map((l) => l.id)]);
    this.cacheHop = this.def.processServer ? this.def.hops.findIndex((h) => h.endpoints[0] === this.def.processServer) : -1;
    this.hops = buildHops(this);
    const settings = streamSettings(this);
    const groups = [...new Set(config.machines.map((m) => m.group).filter((g): g is string => g !== undefined))];
    const streams = config.machines.map((m, i) => {
      const disks = m.disks.map((d) => d.sizeGiB * GiB);
      const blocks = disks.map((b) => Math.max(1, Math.ceil(b / settings.blockBytes)));
      const workload = new Workload(config.seed, i, {
        bytesPerSecond: m.writeMBps * MB,
        burstiness: m.burstiness,
        blockBytes: settings.blockBytes,
        slotSeconds: p['write.burstSlotMinutes'] * 60,
        hotSetFraction: p['write.hotSetPercent'] / 100,
        hotWriteFraction: p['write.hotWritePercent'] / 100
      }, blocks);
      workload.start(0);
      return new MachineStream(i, m.id, this.def.tracker, disks, workload, settings, this.hops.length, this.policy.rpoThreshold, m.group ? groups.indexOf(m.group) : -1);
    });
    this.dataPlane = new DataPlane(this, streams, this.hops, dataPlaneSettings(this), this.fleet.poolOf, Math.max(1, this.fleet.servers.length));
    for (const hv of config.hostVolumes) {
      const volume = new HostVolume(hv.host, hv.volumeGiB * GiB, this.vhdBytesOn(hv.host));
      this.volumes.set(hv.host, volume);
      this.dataPlane.volumes.push(volume);
    }
    config.machines.forEach((m, i) => streams[i]!.useVolume(m.host === undefined ? undefined : this.volumes.get(m.host)));
    // Each process server's cache is a bounded stage in front of the upload.
    if (this.cacheHop >= 0) {
      for (const ps of this.fleet.servers) {
        this.dataPlane.stages.push({
          hop: this.cacheHop,
          pool: this.fleet.pooled ? ps.pool : undefined,
          lowFreeShare: p['processServer.throttleFreePercent'] / 100,
          recoverFreeShare: p['processServer.recoverFreePercent'] / 100,
          level: 'normal'
        });
      }
    }
    const timing = {
      enableMs: (p['enable.minutes'] + (this.def.agentPer === 'machine' ? p['mobility.pushInstallMinutes'] : 0)) * 60_000,
      finalizeMs: p['finalize.minutes'] * 60_000,
      disableMs: p['disable.minutes'] * 60_000
    };
    const ctx = machineContext(this);
    this.machines = config.machines.map((m, i) => new MachineRuntime(m, streams[i]!, ctx, timing, this.hops.length - 1, this.def.agentPer !== 'machine'));
    this.recoveries = this.machines.map((m) => new MachineRecovery(this, m));
    this.plans = new RecoveryPlans(this);
    this.commands = new Commands(this);
    // A rejected step changes nothing: the data plane need not replan after it.
    // A step that would be rejected does not stop the data: it runs in its turn as the data passes.
    for (const step of config.steps) {
      const known = rejected.get(step.index);
      // An earlier pass of this run stopped the data for it and found it rejected: this pass does
      // not stop there, so the run is the one without the step, which is logged rejected all the same.
      if (known !== undefined) this.scheduler.timer(step.at, this, 'knownRejected', { step, reason: known }, true);
      else this.scheduler.timer(step.at, this, 'step', step, true);
    }
    // The end of the run is a control event, so data is processed exactly up to it.
    this.scheduler.timer(config.until, this, 'end');
    this.refreshHops();
  }

  get now(): number {
    return this.scheduler.now;
  }

  /**
   * The run as it is now, kept for a checkpoint: a copy that shares nothing that changes with this
   * one, its actors kept as records (see copyGraph.ts). `thaw` makes a run of it; the same frozen
   * copy can be thawed any number of times.
   */
  freeze(): FrozenRun {
    return { run: copyGraph(this, [this.def], 'freeze') };
  }

  /**
   * A run from a frozen copy: running it on gives exactly what running the original on from that
   * moment gives. Its listeners are wired again here; nobody outside listens to it yet.
   */
  static thaw(frozen: FrozenRun): Simulation {
    const c = copyGraph(frozen.run, [frozen.run.def], 'thaw');
    const ctx = machineContext(c);
    for (const m of c.machines) m.wire(ctx);
    for (const r of c.recoveries) r.wire();
    c.plans.wire();
    return c;
  }

  // ---- What the data plane asks of the estate (DataPlaneHost) ----------------------------------

  beforePlan(t: number, out: Derived[]): boolean {
    return completeMoves(this, t, out);
  }

  eventful(): boolean {
    return this.faults.length > 0;
  }

  hopBlocked(machine: number, hop: number): HopBlock | undefined {
    return hopBlock(this, machine, hop);
  }

  routeOf(machine: number, hop: number): readonly string[] {
    return routeOf(this, machine, hop);
  }

  /** A stage is a process server's cache (one per process server, in the fleet's order): its room now. */
  stageCapacity(stage: number): number {
    const ps = this.fleet.servers[stage]!;
    return this.conditions.cacheFull.has(ps.id) ? 0 : ps.cacheBytes;
  }

  stageLevelChanged(stage: number, level: StageLevel, t: number, free: number): void {
    this.onCacheLevel(this.fleet.servers[stage]!, level, t, free);
  }

  /** The simulation's timers: the file's steps at their moments, a step taken from outside, the end. */
  onTimer(name: SimulationTimer, arg: unknown): unknown {
    if (name === 'knownRejected') {
      const { step, reason } = arg as { step: Step; reason: string | Message };
      this.commands.reject(step, typeof reason === 'string' ? msg('reject.asFound', { reason }) : reason);
      return false;
    }
    if (name === 'step') {
      const step = arg as Step;
      const r = this.commands.execute(step);
      // Stopping the data at a step that then changes nothing can still move where later data
      // windows end: the run is made again without stopping there (see createSimulation). The
      // data stopped here if it has been worked out up to this very moment and no further.
      if (r !== undefined && this.dataPlane.lastT <= step.at) throw new RejectedAtDataStop(step.index, r.text);
      return r === undefined;
    }
    if (name === 'outsideStep') {
      this.outsideRejection = this.commands.execute(arg as Step);
      return this.outsideRejection === undefined;
    }
    return undefined;
  }

  /** Why the last step taken from outside (see `onTimer`) was refused, or undefined. */
  outsideRejection: Rejection | undefined;

  timerIdle(name: SimulationTimer, arg: unknown): boolean {
    if (name === 'knownRejected') return true;
    if (name === 'step') return this.commands.wouldReject(arg as Step);
    return false;
  }

  /** The machine with this id (ids come from checked steps). */
  machine(id: string): MachineRuntime {
    return this.machines.find((m) => m.id === id)!;
  }

  recoveryOf(m: MachineRuntime): MachineRecovery {
    return this.recoveries[m.stream.index]!;
  }

  /** Runs until simulated time t (inclusive of events at t). */
  runUntil(t: number): void {
    for (;;) {
      const next = this.scheduler.peekBusyTime();
      if (next > t) {
        this.advanceData(t, false);
        if (this.scheduler.peekBusyTime() <= t) continue;
        break;
      }
      this.advanceData(next, true);
      // The data windows may have run this event already, or scheduled something sooner.
      if (!this.runDue(next)) continue;
      this.dataPlane.dispatchPending((d) => this.onDerived(d));
    }
    // The clock stays at what has been processed; the time asked for is remembered for observers.
    this.observedTime = Math.max(this.observedTime, t);
  }

  /** The latest time someone ran the simulation to (data may be up to one step behind it). */
  observedTime = 0;

  /** Runs the whole scenario to its `until`. */
  run(): void {
    this.runUntil(this.config.until);
  }

  /** Executes a step now (from a user interface); rejected steps change nothing. */
  execute(step: Step): Rejection | undefined {
    return this.commands.execute(step);
  }

  /** Why the step would be refused now, or undefined; nothing changes (for the page's hints). */
  reasonNow(step: Step): string | undefined {
    return this.commands.reasonNow(step);
  }

  /** When each link's bandwidth last changed (a fault began or ended), for averaging its throughput. */
  readonly linkChangedAt = new Map<string, number>();
  private meter: LinkMeter | undefined;

  /**
   * Counts what each link carries from now on, for the live page (see LinkMeter). The run is the
   * same with it or without it.
   */
  watchLinks(): void {
    this.meter ??= this.dataPlane.startMeter();
  }
  /** What each link carried lately, bytes a second (see simulation/links.ts); empty until `watchLinks`. */
  linkRates(window: number): Record<string, { bytesPerSecond: number | null; from: number; to: number }> {
    return linkRates(this, this.meter, window);
  }

  /** Updates capacities and compression from links, the policy and the process server cache. */
  refreshHops(): void {
    refreshHops(this);
  }


  /** Data has been processed up to this time (at most one step behind `now`). */
  get dataTime(): number {
    return this.dataPlane.lastT;
  }

  private advanceData(t: number, exact: boolean): void {
    if (t <= this.dataPlane.lastT) return;
    this.dataPlane.advance(t, (d) => this.onDerived(d), () => this.scheduler.peekBusyTime(), exact, (due) => this.runDue(due));
  }

  /**
   * Runs the next control event due by time t, at its own time (the loop's, or one a data window
   * caused); says whether there was one.
   */
  private runDue(t: number): boolean {
    if (this.scheduler.peekTime() > t) return false;
    const ev = this.scheduler.pop()!;
    this.clockTo(ev.at);
    if (ev.run() !== false) this.dataPlane.markDirty();
    return true;
  }

  /**
   * The one place the clock moves: to a control event's time, or to the moment the data plane
   * reports something at. It never goes back: an event scheduled from inside a data window may fall
   * before the window's end, and then runs at the window's time.
   */
  private clockTo(t: number): void {
    this.scheduler.setNow(Math.max(this.now, t));
  }

  /** A data window ended on the grid (DataPlaneHost). */
  windowEnded(t: number): void {
    this.clockTo(t);
    // Progress and process-server health are read every five minutes of simulated time.
    if (Math.abs(t / 300 - Math.round(t / 300)) > 1e-9) return;
    for (const m of this.machines) if (m.stream.copy) m.updateJobProgress();
    this.evaluateComponentHealth();
  }

  private onDerived(d: Derived): void {
    this.clockTo(d.t);
    this.machines[d.machine]!.onDerived(d);
  }

  /** Re-derives every actor's state from the active faults and applies the consequences. */
  reconcile(): void {
    const before = this.conditions;
    const hopFailBefore = this.machines.map((m) => networkHopBlocks(this, m));
    this.conditions = conditionsOf(this.def, this.config.machines, this.faults, new Map(this.machines.map((m) => [m.id, { atTarget: m.side === 'target', since: m.sideSince }])));
    this.topology.reconcile(this.conditions);
    this.refreshHops();
    const t = this.now;
    for (const l of this.def.links) if ((before.linkShare.get(l.id) ?? 1) !== (this.conditions.linkShare.get(l.id) ?? 1)) this.linkChangedAt.set(l.id, t);
    for (const m of this.machines) {
      reconcileMachine(this, m, before, hopFailBefore[m.stream.index]!, t);
      this.healthMayHaveChanged(m);
    }
    this.evaluateComponentHealth();
  }

  /** Moves a machine to another process server (see simulation/moves.ts). */
  moveProcessServer(m: MachineRuntime, to: string): void {
    moveProcessServer(this, m, to);
  }

  syncWorkload(m: MachineRuntime): void {
    syncWorkload(this, m);
  }

  /** What stands in the way of a machine's replication right now, or undefined. */
  pathBlock(m: MachineRuntime): Block | undefined {
    return pathBlock(this, m);
  }

  /** Why machine i cannot use hop h now. */
  hopBlock(i: number, h: number): Block | undefined {
    return hopBlock(this, i, h);
  }

  dataPlaneSettings() {
    return dataPlaneSettings(this);
  }

  /**
   * Health of components, links and the site, from their states and the process server's figures;
   * with `only`, of that one component (a host whose volume filled, read at the moment it did).
   */
  evaluateComponentHealth(only?: string): void {
    evaluateComponentHealth(this, only);
  }

  pathProblem(m: MachineRuntime): Message | undefined {
    return this.pathBlock(m)?.text;
  }

  /** Bytes of the virtual disks of the VMs that live on a host (they stay there while a VM runs at the target). */
  vhdBytesOn(host: string): number {
    return this.config.machines.filter((m) => m.host === host).reduce((n, m) => n + m.disks.reduce((a, d) => a + d.sizeGiB * GiB, 0), 0);
  }

  /** Deploys a failback component or link, or a scale-out process server with its LAN link (it starts healthy). */
  deploy(id: string): void {
    this.deployed.add(id);
    const ps = this.def.processServer ? this.fleet.get(id) : undefined;
    if (ps) this.deployed.add(ps.lanLink);
    this.log.push(this.now, 'info', 'component.added', msg('component.added', { label: this.label(id), role: this.def.components.find((c) => c.id === id)?.role ?? this.def.links.find((l) => l.id === id)?.label ?? '' }), null, id);
    this.reconcile();
  }

  /** Whether a component or link exists and works now ("primarySite" for the site itself). */
  isAvailable(id: string): boolean {
    if (id === 'primarySite') return !this.conditions.siteDown;
    if (id === 'failbackPolicy') return true;
    if (!this.deployed.has(id)) return false;
    if (this.topology.links.has(id)) return (this.conditions.linkShare.get(id) ?? 1) > 0;
    return !this.conditions.down.has(id);
  }

  /** A component's label, as people read it in messages. */
  label(id: string): string {
    const link = this.def.links.find((l) => l.id === id);
    return this.def.components.find((x) => x.id === id)?.label ?? (link ? `link ${id} (${link.protocol})` : id);
  }

  healthMayHaveChanged(m: MachineRuntime): void {
    noteMachineHealth(this, m);
  }

  private onCacheLevel(server: ProcessServerRuntime, level: StageLevel, t: number, free: number): void {
    this.clockTo(t);
    cacheLevelChanged(this, server, level, free);
    this.refreshHops();
    this.evaluateComponentHealth();
  }
}
