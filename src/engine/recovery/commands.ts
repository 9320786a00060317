// The recovery verbs of a scenario file as commands: each is checked against the state of the
// machines first, and a step that is not allowed now is rejected with the reason and a hint of what
// to do first; otherwise it starts the recovery on the virtual clock.

import type { MachineRuntime } from '../protection/machineRuntime';
import type { PointChoice, Step } from '../script/config';
import type { EstateView } from './host';
import type { MachineRecovery } from './machineRecovery';
import type { RecoveryPlans } from './plans';
import { latestPoint, pickRetained } from './points';
import { protectAgain } from '../scenarios/advice';
import { english, isMessage, msg, type Message } from '../messages/index';

type RecoveryStep = Extract<Step, { do: 'testFailover' | 'cleanupTestFailover' | 'failover' | 'changeRecoveryPoint' | 'commit' | 'reprotect' | 'failback' | 'addComponent' | 'createRecoveryPlan' | 'runRecoveryPlan' | 'resume' }>;

/** Disks one on-premises master target can hold across reprotected machines (BEYOND.md). */
const MASTER_TARGET_MAX_DISKS = 60;

export function isRecoveryStep(step: Step): step is RecoveryStep {
  return RECOVERY_VERBS.has(step.do);
}

const RECOVERY_VERBS = new Set<string>(['testFailover', 'cleanupTestFailover', 'failover', 'changeRecoveryPoint', 'commit', 'reprotect', 'failback', 'addComponent', 'createRecoveryPlan', 'runRecoveryPlan', 'resume']);

/** What the recovery commands use of the simulation around them. */
export interface RecoveryCommandHost extends EstateView {
  readonly now: number;
  readonly machines: readonly MachineRuntime[];
  /** The machine with this id (ids come from checked steps). */
  machine(id: string): MachineRuntime;
  readonly plans: RecoveryPlans;
  /** Deploys a failback component or link, or a scale-out process server. */
  deploy(id: string): void;
  recoveryOf(m: MachineRuntime): MachineRecovery;
}

export class RecoveryCommands {
  constructor(private readonly sim: RecoveryCommandHost) {}

  /** Why the step cannot run now, or undefined. */
  check(step: RecoveryStep): Message | undefined {
    const sim = this.sim;
    switch (step.do) {
      case 'testFailover':
        return first(step.machines, (id) => this.testReason(this.sim.machine(id), step.recoveryPoint, this.sharedAt(step.machines, id, step.recoveryPoint)));
      case 'cleanupTestFailover': {
        if (step.plan !== undefined) {
          const plan = sim.plans.get(step.plan);
          if (!plan) return msg('reject.planNotCreated', { plan: step.plan });
          const run = sim.plans.activeRun(step.plan);
          if (run && run.type === 'test') return msg('reject.planTestRunning', { plan: step.plan });
          const ids = plan.groups.flatMap((g) => g.machines);
          if (!ids.some((id) => this.cleanable(this.sim.machine(id)))) return msg('reject.planNothingToClean', { plan: step.plan });
          return undefined;
        }
        return first(step.machines!, (id) => (this.cleanable(this.sim.machine(id)) ? undefined : msg('reject.noTestToClean', { machine: id })));
      }
      case 'failover':
        return first(step.machines, (id) => this.failoverReason(this.sim.machine(id), step.type, step.recoveryPoint, step.shutdownSource, this.sharedAt(step.machines, id, step.recoveryPoint)));
      case 'changeRecoveryPoint':
        return first(step.machines, (id) => this.changeReason(this.sim.machine(id), step.recoveryPoint));
      case 'commit':
        return first(step.machines, (id) => this.commitReason(this.sim.machine(id)));
      case 'reprotect':
        return this.reprotectReasons(step.machines, step.location);
      case 'failback':
        return first(step.machines, (id) => this.failbackReason(this.sim.machine(id)));
      case 'addComponent':
        return sim.deployed.has(step.component) ? msg('reject.componentThere', { label: sim.label(step.component) }) : undefined;
      case 'createRecoveryPlan':
        return sim.plans.get(step.plan) ? msg('reject.planExists', { plan: step.plan }) : undefined;
      case 'runRecoveryPlan': {
        const plan = sim.plans.get(step.plan);
        if (!plan) return msg('reject.planCreateFirst', { plan: step.plan });
        if (sim.plans.activeRun(step.plan)) return msg('reject.planRunning', { plan: step.plan });
        const ids = plan.groups.flatMap((g) => g.machines);
        return first(ids, (id) => {
          const m = this.sim.machine(id);
          const choice = planChoice(step.recoveryPoint, m);
          const shared = this.sharedAt(ids, id, choice);
          return step.type === 'test' ? this.testReason(m, choice, shared) : this.failoverReason(m, step.type, choice, false, shared);
        });
      }
      case 'resume': {
        if (step.plan !== undefined) return sim.plans.waiting(step.plan) ? undefined : msg('reject.planNotWaiting', { plan: step.plan });
        return first(step.machines!, (id) => (this.sim.recoveryOf(this.sim.machine(id)).waitingToComplete ? undefined : msg('reject.noFailbackWaiting', { machine: id })));
      }
    }
  }

  apply(step: RecoveryStep): void {
    const sim = this.sim;
    switch (step.do) {
      case 'testFailover':
        for (const id of step.machines) this.sim.recoveryOf(this.sim.machine(id)).startTest(step.recoveryPoint, this.sharedAt(step.machines, id, step.recoveryPoint));
        break;
      case 'cleanupTestFailover': {
        const ids = step.plan !== undefined ? sim.plans.get(step.plan)!.groups.flatMap((g) => g.machines) : step.machines!;
        for (const id of ids) if (this.cleanable(this.sim.machine(id))) this.sim.recoveryOf(this.sim.machine(id)).cleanupTest();
        break;
      }
      case 'failover':
        for (const id of step.machines) {
          const m = this.sim.machine(id);
          this.sim.recoveryOf(m).start({ type: step.type, choice: step.recoveryPoint, shutdownSource: step.shutdownSource, kind: 'failover', sharedAt: this.sharedAt(step.machines, id, step.recoveryPoint) });
        }
        break;
      case 'changeRecoveryPoint':
        for (const id of step.machines) this.sim.recoveryOf(this.sim.machine(id)).changePoint(step.recoveryPoint);
        break;
      case 'commit':
        for (const id of step.machines) this.sim.recoveryOf(this.sim.machine(id)).commit();
        break;
      case 'reprotect':
        for (const id of step.machines) this.sim.recoveryOf(this.sim.machine(id)).reprotect(step.location);
        break;
      case 'failback':
        for (const id of step.machines) {
          const m = this.sim.machine(id);
          this.sim.recoveryOf(m).start({ type: sim.def.recovery.failbackType, choice: 'latest', shutdownSource: true, kind: 'failback', dataSync: sim.def.recovery.failback === 'plannedFromAzure' ? step.dataSync : undefined });
        }
        break;
      case 'addComponent':
        sim.deploy(step.component);
        break;
      case 'createRecoveryPlan':
        sim.plans.create(step.plan, step.groups);
        break;
      case 'runRecoveryPlan':
        sim.plans.run(step.plan, step.type, step.recoveryPoint, (m) => planChoice(step.recoveryPoint, m), (ids, id, choice) => this.sharedAt(ids, id, choice));
        break;
      case 'resume':
        if (step.plan !== undefined) sim.plans.resume(step.plan);
        else for (const id of step.machines!) this.sim.recoveryOf(this.sim.machine(id)).complete();
        break;
    }
  }

  private cleanable(m: MachineRuntime): boolean {
    const d = this.sim.recoveryOf(m).drill.getSnapshot();
    return d.matches('starting') || d.matches('running');
  }

  /**
   * For a multi-VM choice: the newest point time every listed member of the machine's replication
   * group shares (undefined for other choices, or when they share none).
   */
  private sharedAt(ids: readonly string[], id: string, choice: PointChoice): number | undefined {
    if (choice !== 'latestMultiVmProcessed' && choice !== 'latestMultiVmAppConsistent') return undefined;
    const m = this.sim.machine(id);
    if (m.stream.group < 0) return undefined;
    const members = ids.map((x) => this.sim.machine(x)).filter((x) => x.stream.group === m.stream.group);
    const app = choice === 'latestMultiVmAppConsistent';
    const times = (x: MachineRuntime): Set<number> => {
      const out = new Set<number>();
      const p = x.stream.points;
      for (let k = 0; k < p.length; k++) if (p.multiVm(k) && (!app || p.consistency(k) === 'app')) out.add(p.at(k));
      return out;
    };
    let shared = times(members[0]!);
    for (const x of members.slice(1)) {
      const t = times(x);
      shared = new Set([...shared].filter((at) => t.has(at)));
    }
    return shared.size > 0 ? Math.max(...shared) : undefined;
  }

  private pointReason(m: MachineRuntime, choice: PointChoice, sharedAt: number | undefined): Message | undefined {
    const s = m.stream;
    if ((choice === 'latestMultiVmProcessed' || choice === 'latestMultiVmAppConsistent') && s.group < 0) {
      return msg('reject.noGroup', { machine: m.id });
    }
    if (choice === 'latest') {
      const p = latestPoint(s, this.sim.now);
      return isMessage(p) ? p : undefined;
    }
    const k = pickRetained(s, choice, sharedAt);
    return typeof k === 'number' ? undefined : k;
  }

  private testReason(m: MachineRuntime, choice: PointChoice, sharedAt: number | undefined): Message | undefined {
    const p = m.statePath;
    if (this.sim.recoveryOf(m).testActive) return msg('reject.testExists', { machine: m.id });
    if (p === 'unprotected' || p === 'disabling') return msg('reject.enableFirst', { machine: m.id });
    if (p === 'enabling' || p === 'replicating.initialReplication' || p === 'replicating.finalizing') return msg('reject.notProtectedYet', { machine: m.id });
    if (p.startsWith('failingOver')) return msg('reject.failoverInProgress', { machine: m.id });
    if (p === 'reprotecting') return msg('reject.notReplicatingYet', { machine: m.id });
    if (p.startsWith('failedOver')) return msg('reject.failedOverNotReplicating', { machine: m.id, advice: this.notReplicatingAdvice(m) });
    return this.pointReason(m, choice, sharedAt);
  }

  /** What a failed-over machine needs before it replicates again, in this scenario's actions. */
  private notReplicatingAdvice(m: MachineRuntime): string | Message {
    if (m.statePath !== 'failedOver.committed') return msg('reject.commitFirst', { failback: m.side === 'primary' });
    return protectAgain(this.sim.def, m.side) ?? msg('reject.migrationEnds', {});
  }

  private failoverReason(m: MachineRuntime, type: 'planned' | 'unplanned', choice: PointChoice, shutdownSource: boolean, sharedAt: number | undefined): Message | undefined {
    const rules = this.sim.def.recovery;
    if (type === 'planned' && rules.plannedUnsupported) return msg('reject.plannedUnsupported', { scenario: this.sim.def.title, why: rules.plannedUnsupported });
    const p = m.statePath;
    if (p === 'failingOver.synchronizing' && type === 'unplanned' && this.sim.recoveryOf(m).current?.type === 'planned') return this.pointReason(m, choice, sharedAt);
    if (p.startsWith('failingOver')) return msg('reject.failoverAlready', { machine: m.id });
    if (p.startsWith('failedOver') || p === 'reprotecting') {
      if (rules.failback === 'none' && m.side === 'target') return msg('reject.migratedStaysAt', { machine: m.id, where: rules.targetWords });
      if (m.side === 'target') return msg('reject.alreadyFailedOver', { machine: m.id, pending: p === 'failedOver.pending', way: rules.failback });
      if (p === 'reprotecting') return msg('reject.backBeingSetUp', { machine: m.id });
      return msg('reject.backNotProtected', { machine: m.id, advice: this.notReplicatingAdvice(m) });
    }
    if (p === 'unprotected' || p === 'disabling') return msg('reject.enableFirst', { machine: m.id });
    if (p === 'enabling' || p === 'replicating.initialReplication' || p === 'replicating.finalizing') {
      if (m.stream.points.length === 0) return msg('reject.noPointInitial', { machine: m.id });
    }
    if (m.side === 'target') return msg('reject.useFailback', { machine: m.id, where: rules.targetWords });
    if (type === 'planned') {
      if (p !== 'replicating.protected') return msg('reject.plannedNeedsProtected', { machine: m.id, protection: m.protection });
      const problem = this.sim.recoveryOf(m).sourceProblem();
      if (problem) return msg('reject.plannedSourceProblem', { machine: m.id, problem });
      return undefined;
    }
    // Shut down and synchronised first, the source gives the newest, app-consistent point itself;
    // a multi-VM or custom choice still needs a retained point.
    if (shutdownSource && !this.sim.recoveryOf(m).sourceProblem() && (choice === 'latest' || choice === 'latestProcessed' || choice === 'latestAppConsistent')) return undefined;
    return this.pointReason(m, choice, sharedAt);
  }

  private changeReason(m: MachineRuntime, choice: PointChoice): Message | undefined {
    const p = m.statePath;
    if (p === 'failedOver.committing' || p === 'failedOver.committed') return msg('reject.changeCommitted', { machine: m.id });
    if (p === 'failedOver.changingPoint') return msg('reject.changeAlready', { machine: m.id });
    if (p.startsWith('failingOver')) return msg('reject.changeRunning', { machine: m.id });
    if (p !== 'failedOver.pending') return msg('reject.changeNothingPending', { machine: m.id });
    if (choice === 'latest') return undefined;
    if ((choice === 'latestMultiVmProcessed' || choice === 'latestMultiVmAppConsistent') && m.homeGroup < 0) return msg('reject.noGroup', { machine: m.id });
    const k = pickRetained(this.sim.recoveryOf(m).pointSource(), choice);
    return typeof k === 'number' ? undefined : k;
  }

  private commitReason(m: MachineRuntime): Message | undefined {
    const p = m.statePath;
    const last = this.sim.recoveryOf(m).current;
    // Between two sites a planned failover (or failback) commits itself and reverses replication.
    const byItself = last !== undefined && last.type === 'planned' && this.sim.def.recovery.protectedAfterPlanned && last.state !== 'failed';
    const failback = last?.kind === 'failback';
    if (byItself && p.startsWith('failingOver')) return msg('reject.commitPlannedRunning', { failback, machine: m.id });
    if (byItself && p !== 'failedOver.pending' && p !== 'failedOver.changingPoint') return msg('reject.commitPlannedDone', { failback, machine: m.id });
    if (this.sim.def.recovery.autoCommit && (p.startsWith('failedOver') || p.startsWith('failingOver'))) return msg('reject.commitSan', {});
    if (p.startsWith('failingOver')) return msg('reject.commitRunning', { machine: m.id });
    if (p === 'failedOver.changingPoint') return msg('reject.commitChanging', { machine: m.id });
    if (p === 'failedOver.committing' || p === 'failedOver.committed') return msg('reject.commitAlready', { machine: m.id });
    if (p !== 'failedOver.pending') return msg('reject.commitNothing', { machine: m.id });
    return undefined;
  }

  private reprotectReasons(ids: readonly string[], location: 'original' | 'alternate'): Message | undefined {
    const reason = first(ids, (id) => this.reprotectReason(this.sim.machine(id), location));
    if (reason) return reason;
    // One on-premises master target holds at most 60 disks across the machines it protects.
    if (this.sim.def.recovery.failback !== 'reprotectFromAzure') return undefined;
    const back = this.sim.machines.filter((m) => m.side === 'target' && (ids.includes(m.id) || m.statePath.startsWith('replicating') || m.statePath === 'reprotecting'));
    const disks = back.reduce((n, m) => n + m.config.disks.length, 0);
    if (disks > MASTER_TARGET_MAX_DISKS) return msg('reject.masterTargetDisks', { disks, max: MASTER_TARGET_MAX_DISKS });
    return undefined;
  }

  private reprotectReason(m: MachineRuntime, location: 'original' | 'alternate'): Message | undefined {
    const rules = this.sim.def.recovery;
    const p = m.statePath;
    if (rules.failback === 'none') return msg('reject.reprotectMigration', { scenario: this.sim.def.title });
    if (p === 'failedOver.pending' || p === 'failedOver.changingPoint') return msg('reject.reprotectCommitFirst', { machine: m.id });
    if (p.startsWith('failingOver')) return msg('reject.reprotectRunning', { machine: m.id });
    if (p === 'reprotecting') return msg('reject.reprotectAlready', { machine: m.id });
    if (p !== 'failedOver.committed') {
      if (m.side === 'target') return msg('reject.reprotectBack', { machine: m.id });
      return this.sim.recoveryOf(m).current ? msg('reject.reprotectNothing', { machine: m.id, replicates: p.startsWith('replicating'), protection: m.protection }) : msg('reject.reprotectNotFailedOver', { machine: m.id });
    }
    if (m.side === 'target') {
      if (rules.failback === 'plannedFromAzure') return msg('reject.reprotectHyperv', {});
      if (this.sim.def.source === 'physical' && location === 'original') return msg('reject.reprotectPhysical', {});
      return this.missingNeed(m);
    }
    return undefined;
  }

  /** The first failback prerequisite that is not there or not working, with what to do. */
  missingNeed(m: MachineRuntime): Message | undefined {
    const unmet = failbackChecklist(this.sim, m).find((n) => !n.met);
    return unmet ? msg('reject.failbackNeeds', { machine: m.id, what: unmet.what, reason: unmet.text ?? unmet.reason }) : undefined;
  }

  private failbackReason(m: MachineRuntime): Message | undefined {
    const rules = this.sim.def.recovery;
    const p = m.statePath;
    if (rules.failback === 'none') return msg('reject.failbackMigration', { scenario: this.sim.def.title });
    if (this.sim.recoveryOf(m).waitingToComplete) return msg('reject.failbackWaiting', { machine: m.id });
    if (p.startsWith('failingOver')) return msg('reject.failoverAlready', { machine: m.id });
    if (m.side === 'primary') return msg('reject.failbackAtPrimary', { machine: m.id });
    if (p === 'failedOver.pending' || p === 'failedOver.changingPoint') return msg('reject.failbackCommitFirst', { machine: m.id });
    if (rules.failback === 'plannedFromAzure') {
      if (p !== 'failedOver.committed') return msg('reject.failbackWhile', { machine: m.id, protection: m.protection });
      return this.missingNeed(m);
    }
    if (p === 'failedOver.committed' || p === 'failedOver.committing') return msg('reject.failbackReprotectFirst', { machine: m.id, siteToSite: rules.failback === 'siteToSite' });
    if (p === 'reprotecting' || p !== 'replicating.protected') return msg('reject.failbackStill', { machine: m.id, protection: m.protection });
    const need = this.missingNeed(m);
    if (need) return need;
    const problem = this.sim.recoveryOf(m).sourceProblem();
    if (!problem) return undefined;
    // An unplanned failback (physical servers) goes on without the last changes when the Azure VM
    // cannot be shut down and synchronised, from the newest point the primary site has.
    if (rules.failbackType === 'unplanned') return this.pointReason(m, 'latest', undefined);
    return msg('reject.failbackSourceProblem', { machine: m.id, problem });
  }
}

export interface FailbackNeed {
  id: string;
  what: string;
  met: boolean;
  /** What is missing and what to do, when not met (English; empty when met). */
  reason: string;
  /** The same as a message, when not met. */
  text: Message | null;
}

/**
 * The failback prerequisites of the scenario, each met or not now (for a machine: its own host
 * counts with the primary site). A failback set component must be deployed and working.
 */
export function failbackChecklist(sim: EstateView, m?: MachineRuntime): FailbackNeed[] {
  return sim.def.recovery.failbackNeeds.map((need) => {
    let text: Message | null = null;
    if (need.id === 'primarySite') {
      const host = m?.config.host;
      if (sim.conditions.siteDown) text = msg('checklist.siteDown', {});
      else if (host && sim.conditions.down.has(host)) text = msg('checklist.hostDown', { host });
    } else if (need.id !== 'failbackPolicy') {
      // The failback policy is created with the replication policy: always there.
      if (!sim.deployed.has(need.id)) text = msg('checklist.addFirst', { component: need.id });
      else if (!sim.isAvailable(need.id)) text = msg('checklist.componentDown', { label: sim.label(need.id) });
    }
    return { id: need.id, what: need.what, met: text === null, reason: text === null ? '' : english(text), text };
  });
}

/** In a plan, machines outside any replication group take their own latest point for a multi-VM choice. */
function planChoice(choice: PointChoice, m: MachineRuntime): PointChoice {
  if (m.stream.group >= 0) return choice;
  if (choice === 'latestMultiVmProcessed') return 'latestProcessed';
  if (choice === 'latestMultiVmAppConsistent') return 'latestAppConsistent';
  return choice;
}

function first(ids: readonly string[], check: (id: string) => Message | undefined): Message | undefined {
  for (const id of ids) {
    const r = check(id);
    if (r) return r;
  }
  return undefined;
}
