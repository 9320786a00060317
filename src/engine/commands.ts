// The step verbs of a scenario file, as commands on a running simulation. Each is checked first; a
// step that is not allowed at that moment is rejected with the reason and changes nothing.

import { faultNotApplicable, resolveTarget, type ActiveFault } from './protection/faults';
import type { Block, MachineRuntime } from './protection/machineRuntime';
import { policyViolations } from './script/policy';
import type { FaultKind, Policy, Step } from './script/config';
import type { DataPlane } from './data/dataPlane';
import type { HostVolume } from './data/hostVolume';
import type { ProcessServerFleet } from './protection/processServerFleet';
import type { RecoveryCommandHost } from './recovery/commands';
import type { Scheduler, TimerTarget } from './time/scheduler';
import type { EventLog } from './events';
import type { SimulationConfig } from './script/config';
import { isRecoveryStep, RecoveryCommands } from './recovery/commands';

import { GiB, MB } from './units';
import { protectAgain, resyncByHand } from './scenarios/advice';
import { english, isMessage, msg, type Message } from './messages/index';

export interface Rejection {
  /** Position of the step in the file (-1 for a command from the user interface). */
  step: number;
  at: number;
  do: string;
  /** Why, in English (the report and the CLI show it). */
  reason: string;
  /** Why, as a message code with its parameters. */
  text: Message;
}

/** What the commands use of the simulation that composes them. */
export interface CommandHost extends RecoveryCommandHost {
  readonly config: SimulationConfig;
  readonly scheduler: Scheduler;
  readonly log: EventLog;
  readonly rejected: Rejection[];
  readonly fleet: ProcessServerFleet;
  readonly volumes: ReadonlyMap<string, HostVolume>;
  readonly hops: readonly unknown[];
  readonly dataPlane: Pick<DataPlane, 'replanNow' | 'settings'>;
  /** The faults now active; a command replaces the list as it injects or clears one. */
  faults: ActiveFault[];
  policy: Policy;
  hopBlock(machine: number, hop: number): Block | undefined;
  reconcile(): void;
  refreshHops(): void;
  moveProcessServer(m: MachineRuntime, to: string): void;
  dataPlaneSettings(): DataPlane['settings'];
  vhdBytesOn(host: string): number;
}

export class Commands implements TimerTarget<'clearFault'> {
  private nextFaultId = 1;
  private readonly recovery: RecoveryCommands;

  constructor(private readonly sim: CommandHost) {
    this.recovery = new RecoveryCommands(sim);
  }

  execute(step: Step): Rejection | undefined {
    const reason = this.check(step);
    if (reason !== undefined) return this.reject(step, reason);
    this.apply(step);
    return undefined;
  }

  /** Records the step as rejected now, for the reason given; nothing else changes. */
  reject(step: Step, reason: Message): Rejection {
    const r: Rejection = { step: step.index, at: this.sim.now, do: step.do, reason: english(reason), text: reason };
    this.sim.rejected.push(r);
    const machines = 'machines' in step ? step.machines : undefined;
    this.sim.log.push(this.sim.now, 'warning', 'step.rejected', msg('step.rejected', { do: step.do, reason }), machines?.length === 1 ? machines[0]! : null);
    return r;
  }

  /** Why the step would be rejected if it ran now, or undefined (nothing changes by asking). */
  reasonNow(step: Step): string | undefined {
    const reason = this.check(step);
    return reason && english(reason);
  }

  /** Whether the step would be rejected if it ran now (nothing changes by asking). */
  wouldReject(step: Step): boolean {
    // Whether a recovery step is allowed depends on the data (which points exist, what the target
    // has received), which is only known once the data reaches the step: it always stops there.
    if (isRecoveryStep(step)) return false;
    return this.check(step) !== undefined;
  }

  /** Why the step cannot run now, or undefined. */
  private check(step: Step): Message | undefined {
    const sim = this.sim;
    if (isRecoveryStep(step)) return this.recovery.check(step);
    switch (step.do) {
      case 'enableReplication':
        return firstReason(step.machines, (id) => {
          const m = this.sim.machine(id);
          if (m.statePath !== 'unprotected') return msg('reject.enableNotUnprotected', { machine: id, protection: m.protection });
          if (m.off) return msg('reject.enableNotRunning', { machine: id });
          if (m.side === 'target') {
            if (sim.def.recovery.failback === 'none') return msg('reject.migratedStays', { machine: id });
            return this.recovery.missingNeed(m);
          }
          return undefined;
        });
      case 'disableReplication':
        return firstReason(step.machines, (id) => {
          const m = this.sim.machine(id);
          if (m.statePath === 'unprotected') return msg('reject.notProtected', { machine: id });
          if (m.statePath === 'disabling') return msg('reject.alreadyDisabling', { machine: id });
          if (m.statePath.startsWith('failingOver')) return msg('reject.disableFailingOver', { machine: id });
          if (m.statePath === 'failedOver.committing' || m.statePath === 'failedOver.changingPoint') return msg('reject.disableBusy', { machine: id, protection: m.protection });
          if (m.statePath === 'failedOver.pending') return msg('reject.disablePending', { machine: id });
          return undefined;
        });
      case 'resync':
        return firstReason(step.machines, (id) => this.resyncReason(this.sim.machine(id)));
      case 'setWriteRate':
        return undefined;
      case 'moveProcessServer': {
        const to = step.processServer;
        if (!sim.deployed.has(to)) return msg('reject.notDeployed', { label: sim.label(to) });
        if (sim.conditions.down.has(to)) return msg('reject.componentDown', { label: sim.label(to) });
        return firstReason(step.machines, (id) => {
          const m = this.sim.machine(id);
          if (m.pendingMove === to) return msg('reject.alreadyMoving', { machine: id, to });
          if (m.pendingMove === undefined && sim.fleet.of(m.stream.index).id === to) return msg('reject.alreadyThrough', { machine: id, to });
          if (m.side === 'target') return msg('reject.moveAtTarget', { machine: id, where: sim.def.recovery.targetWords });
          return undefined;
        });
      }
      case 'setPolicy': {
        const merged: Policy = { ...sim.policy, ...step.policy };
        const v = policyViolations(merged, sim.def);
        return v.length > 0 ? msg('reject.policy', { violations: v.map((x) => `${x.field}: ${x.message}`) }) : undefined;
      }
      case 'fault': {
        const t = resolveTarget(sim.def, sim.config.machines, step.target);
        if (isMessage(t)) return t;
        const na = faultNotApplicable(sim.def, step.fault, t);
        if (na) return na;
        if ((t.kind === 'component' || t.kind === 'link') && !sim.deployed.has(t.id)) return msg('reject.notDeployed', { label: sim.label(t.id) });
        if (step.fault === 'diskResize') return this.resizeReason(step.target, step.disk, step.sizeGiB);
        if (sim.faults.some((f) => f.kind === step.fault && f.resolved === t.id)) return msg('reject.faultActive', { fault: step.fault, target: step.target });
        if (step.fault === 'authFailure' && t.kind === 'machine') return this.authReason(this.sim.machine(t.id));
        return undefined;
      }
      case 'clearFault': {
        const t = resolveTarget(sim.def, sim.config.machines, step.target);
        if (isMessage(t)) return t;
        const found = sim.faults.some((f) => f.resolved === t.id && (!step.fault || f.kind === step.fault));
        return found ? undefined : msg('reject.noActiveFault', { fault: step.fault ?? null, target: step.target });
      }
    }
  }

  /**
   * An authentication failure needs an agent that talks to the vault: a machine that is not
   * replicating (never protected, or failed over and not replicating back yet) has none.
   */
  private authReason(m: MachineRuntime): Message | undefined {
    const path = m.statePath;
    if (path === 'unprotected' || path === 'disabling') return msg('reject.authNotReplicating', { machine: m.id });
    if (path.startsWith('failingOver') || path.startsWith('failedOver')) return msg('reject.authFailedOver', { machine: m.id, protection: m.protection });
    return undefined;
  }

  private resyncReason(m: MachineRuntime): Message | undefined {
    const path = m.statePath;
    if (this.sim.def.resyncOnReconnect) return msg('reject.resyncSan', { advice: resyncByHand(this.sim.def) });
    if (path === 'unprotected') return msg('reject.enableFirst', { machine: m.id });
    if (path === 'enabling' || path === 'replicating.initialReplication' || path === 'replicating.finalizing') return msg('reject.resyncInitial', { machine: m.id });
    if (path === 'replicating.resyncing') return msg('reject.resyncRunning', { machine: m.id });
    if (path === 'disabling') return msg('reject.beingDisabled', { machine: m.id });
    if (path.startsWith('failingOver') || path === 'reprotecting') return msg('reject.resyncFailingOver', { machine: m.id, protection: m.protection });
    if (path.startsWith('failedOver')) {
      if (path !== 'failedOver.committed') return msg('reject.resyncCommitFirst', { machine: m.id, protection: m.protection });
      const next = protectAgain(this.sim.def, m.side);
      return next ? msg('reject.failedOverNotReplicating', { machine: m.id, advice: next }) : msg('reject.resyncMigrated', { machine: m.id });
    }
    if (m.off) return msg('reject.resyncNotRunning', { machine: m.id });
    if (m.authFailed) return msg('reject.resyncAuth', { machine: m.id });
    for (let h = 0; h < this.sim.hops.length - 1; h++) {
      const b = this.sim.hopBlock(m.stream.index, h);
      if (b) return msg('reject.resyncUnreachable', { machine: m.id, reason: b.text });
    }
    return undefined;
  }

  private resizeReason(machineId: string, disk: string | undefined, sizeGiB: number | undefined): Message | undefined {
    const cfg = this.sim.config.machines.find((m) => m.id === machineId)!;
    const index = disk === undefined ? cfg.disks.length - 1 : cfg.disks.findIndex((d) => d.id === disk);
    const current = cfg.disks[index]!.sizeGiB;
    const next = sizeGiB ?? current * 2;
    const limits = this.sim.def.disks;
    const max = index === 0 ? limits.osMaxGiB : limits.dataMaxGiB;
    if (next <= current) return msg('reject.resizeShrink', { disk: cfg.disks[index]!.id, machine: machineId, sizeGiB: current });
    if (next > max) return msg('reject.resizeMax', { disk: cfg.disks[index]!.id, machine: machineId, toGiB: next, maxGiB: max, source: limits.source });
    const volume = cfg.host === undefined ? undefined : this.sim.volumes.get(cfg.host);
    if (volume && volume.vhdBytes + (next - current) * GiB > volume.capacityBytes) {
      return msg('reject.resizeVolume', { disk: cfg.disks[index]!.id, machine: machineId, toGiB: next, volumeBytes: volume.capacityBytes, host: cfg.host! });
    }
    return undefined;
  }

  private apply(step: Step): void {
    const sim = this.sim;
    const t = sim.now;
    // What the step changes (bandwidth, write rates, who sends) counts from its own moment.
    sim.dataPlane.replanNow();
    if (isRecoveryStep(step)) {
      this.recovery.apply(step);
      return;
    }
    switch (step.do) {
      case 'enableReplication':
        for (const id of step.machines) this.sim.machine(id).item.send({ type: 'protection.enable' });
        break;
      case 'disableReplication':
        for (const id of step.machines) this.sim.machine(id).item.send({ type: 'protection.disable' });
        break;
      case 'resync':
        for (const id of step.machines) this.sim.machine(id).item.send({ type: 'resync.start', manual: true });
        break;
      case 'moveProcessServer':
        for (const id of step.machines) sim.moveProcessServer(this.sim.machine(id), step.processServer);
        break;
      case 'setWriteRate':
        for (const id of step.machines) {
          const m = this.sim.machine(id);
          m.stream.workload.setRate(t, step.writeMBps * MB);
          sim.log.push(t, 'info', 'workload.changed', msg('workload.changed', { machine: id, writeMBps: step.writeMBps }), id);
        }
        break;
      case 'setPolicy':
        sim.policy = { ...sim.policy, ...step.policy };
        for (const m of sim.machines) m.stream.rpoThreshold = sim.policy.rpoThreshold;
        sim.dataPlane.settings = sim.dataPlaneSettings();
        sim.refreshHops();
        sim.log.push(t, 'info', 'policy.changed', msg('policy.changed', { fields: Object.keys(step.policy) }));
        break;
      case 'fault':
        if (step.fault === 'diskResize') this.resize(step.target, step.disk, step.sizeGiB);
        else this.inject(step.fault, step.target, step.for, step.bandwidthPercent);
        break;
      case 'clearFault': {
        const resolved = resolveTarget(sim.def, sim.config.machines, step.target) as { id: string };
        for (const f of sim.faults.filter((x) => x.resolved === resolved.id && (!step.fault || x.kind === step.fault))) this.clear(f.id);
        break;
      }
    }
  }

  private inject(kind: FaultKind, target: string, duration: number | undefined, bandwidthPercent: number | undefined): void {
    const sim = this.sim;
    const resolved = resolveTarget(sim.def, sim.config.machines, target) as { id: string };
    const fault: ActiveFault = { id: this.nextFaultId++, kind, target, resolved: resolved.id, since: sim.now, bandwidthPercent: bandwidthPercent ?? 10 };
    sim.faults = [...sim.faults, fault];
    const text = msg('fault.injected', { fault: kind, target, bandwidthPercent: kind === 'linkDegraded' ? fault.bandwidthPercent : null, forSeconds: duration ?? null });
    sim.log.push(sim.now, 'warning', 'fault.injected', text, sim.machines.some((m) => m.id === resolved.id) ? resolved.id : null, sim.machines.some((m) => m.id === resolved.id) ? null : resolved.id);
    sim.reconcile();
    if (duration !== undefined) sim.scheduler.timerAfter(duration, this, 'clearFault', fault.id);
  }

  onTimer(name: 'clearFault', arg: unknown): void {
    this.clear(arg as number);
  }

  private clear(faultId: number): void {
    const sim = this.sim;
    const fault = sim.faults.find((f) => f.id === faultId);
    if (!fault) return;
    sim.faults = sim.faults.filter((f) => f.id !== faultId);
    const isMachine = sim.machines.some((m) => m.id === fault.resolved);
    sim.log.push(sim.now, 'info', 'fault.cleared', msg('fault.cleared', { fault: fault.kind, target: fault.target, afterSeconds: sim.now - fault.since }), isMachine ? fault.resolved : null, isMachine ? null : fault.resolved);
    sim.dataPlane.replanNow();
    sim.reconcile();
  }

  private resize(machineId: string, disk: string | undefined, sizeGiB: number | undefined): void {
    const sim = this.sim;
    const cfg = sim.config.machines.find((m) => m.id === machineId)!;
    const index = disk === undefined ? cfg.disks.length - 1 : cfg.disks.findIndex((d) => d.id === disk);
    const before = cfg.disks[index]!.sizeGiB;
    const after = sizeGiB ?? before * 2;
    cfg.disks[index] = { ...cfg.disks[index]!, sizeGiB: after };
    const m = this.sim.machine(machineId);
    m.stream.resizeDisk(index, after * GiB);
    const volume = cfg.host === undefined ? undefined : sim.volumes.get(cfg.host);
    if (volume) volume.vhdBytes = sim.vhdBytesOn(cfg.host!);
    sim.log.push(sim.now, 'warning', 'disk.resized', msg('disk.resized', { machine: machineId, disk: cfg.disks[index]!.id, fromGiB: before, toGiB: after }), machineId);
    if (m.statePath.startsWith('replicating.')) m.requireResync(msg('resync.reasonResized', { disk: cfg.disks[index]!.id, fromGiB: before, toGiB: after }));
  }
}

function firstReason(ids: string[], check: (id: string) => Message | undefined): Message | undefined {
  for (const id of ids) {
    const r = check(id);
    if (r) return r;
  }
  return undefined;
}

