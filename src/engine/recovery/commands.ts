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
import type { FailbackKind } from '../scenarios/types';

/** How a machine that failed over comes back, per family (for rejection hints). */
const RETURN_WORDS: Record<FailbackKind, string> = {
  reprotectFromAzure: 'reprotect it and fail back',
  plannedFromAzure: 'fail it back (failback)',
  siteToSite: 'start reverse replication (reprotect), then fail back',
  none: 'there is no way back from a migration'
};

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
  readonly plans: RecoveryPlans;
  /** Deploys a failback component or link, or a scale-out process server. */
  deploy(id: string): void;
  recoveryOf(m: MachineRuntime): MachineRecovery;
}

export class RecoveryCommands {
  constructor(private readonly sim: RecoveryCommandHost) {}

  private machine(id: string): MachineRuntime {
    return this.sim.machines.find((m) => m.id === id)!;
  }

  /** Why the step cannot run now, or undefined. */
  check(step: RecoveryStep): string | undefined {
    const sim = this.sim;
    switch (step.do) {
      case 'testFailover':
        return first(step.machines, (id) => this.testReason(this.machine(id), step.recoveryPoint, this.sharedAt(step.machines, id, step.recoveryPoint)));
      case 'cleanupTestFailover': {
        if (step.plan !== undefined) {
          const plan = sim.plans.get(step.plan);
          if (!plan) return `plan ${step.plan} is not created yet`;
          const run = sim.plans.activeRun(step.plan);
          if (run && run.type === 'test') return `the test run of plan ${step.plan} is still in progress; clean up once it has finished`;
          const ids = plan.groups.flatMap((g) => g.machines);
          if (!ids.some((id) => this.cleanable(this.machine(id)))) return `no machine of plan ${step.plan} has a test copy to clean up`;
          return undefined;
        }
        return first(step.machines!, (id) => (this.cleanable(this.machine(id)) ? undefined : `there is no test failover of ${id} to clean up`));
      }
      case 'failover':
        return first(step.machines, (id) => this.failoverReason(this.machine(id), step.type, step.recoveryPoint, step.shutdownSource, this.sharedAt(step.machines, id, step.recoveryPoint)));
      case 'changeRecoveryPoint':
        return first(step.machines, (id) => this.changeReason(this.machine(id), step.recoveryPoint));
      case 'commit':
        return first(step.machines, (id) => this.commitReason(this.machine(id)));
      case 'reprotect':
        return this.reprotectReasons(step.machines, step.location);
      case 'failback':
        return first(step.machines, (id) => this.failbackReason(this.machine(id)));
      case 'addComponent':
        return sim.deployed.has(step.component) ? `${sim.label(step.component)} is already there` : undefined;
      case 'createRecoveryPlan':
        return sim.plans.get(step.plan) ? `a plan named ${step.plan} already exists` : undefined;
      case 'runRecoveryPlan': {
        const plan = sim.plans.get(step.plan);
        if (!plan) return `plan ${step.plan} is not created yet: a createRecoveryPlan step must come first`;
        if (sim.plans.activeRun(step.plan)) return `plan ${step.plan} is already running; wait for it to finish (or resume it)`;
        const ids = plan.groups.flatMap((g) => g.machines);
        return first(ids, (id) => {
          const m = this.machine(id);
          const choice = planChoice(step.recoveryPoint, m);
          const shared = this.sharedAt(ids, id, choice);
          return step.type === 'test' ? this.testReason(m, choice, shared) : this.failoverReason(m, step.type, choice, false, shared);
        });
      }
      case 'resume': {
        if (step.plan !== undefined) return sim.plans.waiting(step.plan) ? undefined : `plan ${step.plan} is not waiting for input`;
        return first(step.machines!, (id) => (this.sim.recoveryOf(this.machine(id)).waitingToComplete ? undefined : `${id} has no failback waiting to complete`));
      }
    }
  }

  apply(step: RecoveryStep): void {
    const sim = this.sim;
    switch (step.do) {
      case 'testFailover':
        for (const id of step.machines) this.sim.recoveryOf(this.machine(id)).startTest(step.recoveryPoint, this.sharedAt(step.machines, id, step.recoveryPoint));
        break;
      case 'cleanupTestFailover': {
        const ids = step.plan !== undefined ? sim.plans.get(step.plan)!.groups.flatMap((g) => g.machines) : step.machines!;
        for (const id of ids) if (this.cleanable(this.machine(id))) this.sim.recoveryOf(this.machine(id)).cleanupTest();
        break;
      }
      case 'failover':
        for (const id of step.machines) {
          const m = this.machine(id);
          this.sim.recoveryOf(m).start({ type: step.type, choice: step.recoveryPoint, shutdownSource: step.shutdownSource, kind: 'failover', sharedAt: this.sharedAt(step.machines, id, step.recoveryPoint) });
        }
        break;
      case 'changeRecoveryPoint':
        for (const id of step.machines) this.sim.recoveryOf(this.machine(id)).changePoint(step.recoveryPoint);
        break;
      case 'commit':
        for (const id of step.machines) this.sim.recoveryOf(this.machine(id)).commit();
        break;
      case 'reprotect':
        for (const id of step.machines) this.sim.recoveryOf(this.machine(id)).reprotect(step.location);
        break;
      case 'failback':
        for (const id of step.machines) {
          const m = this.machine(id);
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
        else for (const id of step.machines!) this.sim.recoveryOf(this.machine(id)).complete();
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
    const m = this.machine(id);
    if (m.stream.group < 0) return undefined;
    const members = ids.map((x) => this.machine(x)).filter((x) => x.stream.group === m.stream.group);
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

  private pointReason(m: MachineRuntime, choice: PointChoice, sharedAt: number | undefined): string | undefined {
    const s = m.stream;
    if ((choice === 'latestMultiVmProcessed' || choice === 'latestMultiVmAppConsistent') && s.group < 0) {
      return `${m.id} is in no replication group: multi-VM recovery points exist only for machines replicated as a group`;
    }
    if (choice === 'latest') {
      const p = latestPoint(s, this.sim.now);
      return typeof p === 'string' ? p : undefined;
    }
    const k = pickRetained(s, choice, sharedAt);
    return typeof k === 'string' ? k : undefined;
  }

  private testReason(m: MachineRuntime, choice: PointChoice, sharedAt: number | undefined): string | undefined {
    const p = m.statePath;
    if (this.sim.recoveryOf(m).testActive) return `a test failover of ${m.id} already exists: clean it up first (cleanupTestFailover)`;
    if (p === 'unprotected' || p === 'disabling') return `${m.id} is not protected: enable replication first`;
    if (p === 'enabling' || p === 'replicating.initialReplication' || p === 'replicating.finalizing') return `${m.id} is not protected yet: wait until initial replication and finalize protection are done`;
    if (p.startsWith('failingOver')) return `a failover of ${m.id} is in progress`;
    if (p === 'reprotecting') return `${m.id} is not replicating yet: wait until it is protected again`;
    if (p.startsWith('failedOver')) return `${m.id} has failed over and is not replicating: ${this.notReplicatingAdvice(m)}`;
    return this.pointReason(m, choice, sharedAt);
  }

  /** What a failed-over machine needs before it replicates again, in this scenario's actions. */
  private notReplicatingAdvice(m: MachineRuntime): string {
    if (m.statePath !== 'failedOver.committed') return `commit its ${m.side === 'primary' ? 'failback' : 'failover'} first`;
    return protectAgain(this.sim.def, m.side) ?? 'it was migrated, and a migration ends with its failover';
  }

  private failoverReason(m: MachineRuntime, type: 'planned' | 'unplanned', choice: PointChoice, shutdownSource: boolean, sharedAt: number | undefined): string | undefined {
    const rules = this.sim.def.recovery;
    if (type === 'planned' && rules.plannedUnsupported) return `${this.sim.def.title}: ${rules.plannedUnsupported}`;
    const p = m.statePath;
    if (p === 'failingOver.synchronizing' && type === 'unplanned' && this.sim.recoveryOf(m).current?.type === 'planned') return this.pointReason(m, choice, sharedAt);
    if (p.startsWith('failingOver')) return `a failover of ${m.id} is already in progress`;
    if (p.startsWith('failedOver') || p === 'reprotecting') {
      if (rules.failback === 'none' && m.side === 'target') return `${m.id} was migrated: it stays ${rules.targetWords}`;
      if (m.side === 'target') return `${m.id} has already failed over; ${p === 'failedOver.pending' ? 'commit it or change its recovery point' : `to return, ${RETURN_WORDS[rules.failback]}`}`;
      if (p === 'reprotecting') return `${m.id} is back at the primary site and its replication is being set up: wait until it is protected`;
      return `${m.id} is back at the primary site and not protected: ${this.notReplicatingAdvice(m)}`;
    }
    if (p === 'unprotected' || p === 'disabling') return `${m.id} is not protected: enable replication first`;
    if (p === 'enabling' || p === 'replicating.initialReplication' || p === 'replicating.finalizing') {
      if (m.stream.points.length === 0) return `${m.id} has no recovery point yet: wait until initial replication and finalize protection are done`;
    }
    if (m.side === 'target') return `${m.id} runs ${rules.targetWords} and replicates back: use failback to return it to the primary site`;
    if (type === 'planned') {
      if (p !== 'replicating.protected') return `a planned failover needs ${m.id} protected and in step (it is ${m.protection}); fail over unplanned instead`;
      const problem = this.sim.recoveryOf(m).sourceProblem();
      if (problem) return `a planned failover shuts ${m.id} down and sends its last changes, but ${problem}: clear that first or fail over unplanned`;
      return undefined;
    }
    // Shut down and synchronised first, the source gives the newest, app-consistent point itself;
    // a multi-VM or custom choice still needs a retained point.
    if (shutdownSource && !this.sim.recoveryOf(m).sourceProblem() && (choice === 'latest' || choice === 'latestProcessed' || choice === 'latestAppConsistent')) return undefined;
    return this.pointReason(m, choice, sharedAt);
  }

  private changeReason(m: MachineRuntime, choice: PointChoice): string | undefined {
    const p = m.statePath;
    if (p === 'failedOver.committing' || p === 'failedOver.committed') return `the failover of ${m.id} is committed: its recovery points are deleted`;
    if (p === 'failedOver.changingPoint') return `${m.id} is already changing its recovery point`;
    if (p.startsWith('failingOver')) return `the failover of ${m.id} is still running; change the point once it runs at the target`;
    if (p !== 'failedOver.pending') return `${m.id} has no failover pending: fail it over first`;
    if (choice === 'latest') return undefined;
    if ((choice === 'latestMultiVmProcessed' || choice === 'latestMultiVmAppConsistent') && m.homeGroup < 0) return `${m.id} is in no replication group: multi-VM recovery points exist only for machines replicated as a group`;
    const k = pickRetained(this.sim.recoveryOf(m).pointSource(), choice);
    return typeof k === 'string' ? k : undefined;
  }

  private commitReason(m: MachineRuntime): string | undefined {
    const p = m.statePath;
    const last = this.sim.recoveryOf(m).current;
    // Between two sites a planned failover (or failback) commits itself and reverses replication.
    const byItself = last !== undefined && last.type === 'planned' && this.sim.def.recovery.protectedAfterPlanned && last.state !== 'failed';
    const what = last?.kind === 'failback' ? 'failback' : 'failover';
    if (byItself && p.startsWith('failingOver')) return `the planned ${what} of ${m.id} is still running; between the sites it is committed by itself when it completes`;
    if (byItself && p !== 'failedOver.pending' && p !== 'failedOver.changingPoint') return `the planned ${what} of ${m.id} was committed by itself and its replication reversed: there is nothing to commit`;
    if (this.sim.def.recovery.autoCommit && (p.startsWith('failedOver') || p.startsWith('failingOver'))) return 'with SAN replication the failover is committed automatically';
    if (p.startsWith('failingOver')) return `the failover of ${m.id} is still running; commit once it runs at the target`;
    if (p === 'failedOver.changingPoint') return `${m.id} is changing its recovery point; commit once it runs again`;
    if (p === 'failedOver.committing' || p === 'failedOver.committed') return `the failover of ${m.id} is already committed`;
    if (p !== 'failedOver.pending') return `${m.id} has no failover to commit: fail it over first`;
    return undefined;
  }

  private reprotectReasons(ids: readonly string[], location: 'original' | 'alternate'): string | undefined {
    const reason = first(ids, (id) => this.reprotectReason(this.machine(id), location));
    if (reason) return reason;
    // One on-premises master target holds at most 60 disks across the machines it protects.
    if (this.sim.def.recovery.failback !== 'reprotectFromAzure') return undefined;
    const back = this.sim.machines.filter((m) => m.side === 'target' && (ids.includes(m.id) || m.statePath.startsWith('replicating') || m.statePath === 'reprotecting'));
    const disks = back.reduce((n, m) => n + m.config.disks.length, 0);
    if (disks > MASTER_TARGET_MAX_DISKS) return `the on-premises master target would hold ${disks} disks; one master target takes at most ${MASTER_TARGET_MAX_DISKS} across reprotected machines`;
    return undefined;
  }

  private reprotectReason(m: MachineRuntime, location: 'original' | 'alternate'): string | undefined {
    const rules = this.sim.def.recovery;
    const p = m.statePath;
    if (rules.failback === 'none') return `${this.sim.def.title} is a migration: machines stay in Azure after failover; there is no failback`;
    if (p === 'failedOver.pending' || p === 'failedOver.changingPoint') return `commit the failover of ${m.id} before reprotecting it`;
    if (p.startsWith('failingOver')) return `the failover of ${m.id} is still running; commit it, then reprotect`;
    if (p === 'reprotecting') return `${m.id} is already being reprotected`;
    if (p !== 'failedOver.committed') {
      if (m.side === 'target') return `${m.id} already replicates back to the primary site`;
      return this.sim.recoveryOf(m).current ? `${m.id} is back at the primary site and ${p.startsWith('replicating') ? 'replicates again' : `is ${m.protection}`}: there is nothing to reprotect` : `${m.id} has not failed over: there is nothing to reprotect`;
    }
    if (m.side === 'target') {
      if (rules.failback === 'plannedFromAzure') return `Hyper-V VMs come back from Azure by a planned failover: use failback (replication to Azure resumes by itself after its commit)`;
      if (this.sim.def.source === 'physical' && location === 'original') return `physical servers fail back only to a VMware VM, never to the physical server: reprotect with "location": "alternate"`;
      return this.missingNeed(m);
    }
    return undefined;
  }

  /** The first failback prerequisite that is not there or not working, with what to do. */
  missingNeed(m: MachineRuntime): string | undefined {
    const unmet = failbackChecklist(this.sim, m).find((n) => !n.met);
    return unmet ? `replicating ${m.id} back needs ${unmet.what}: ${unmet.reason}` : undefined;
  }

  private failbackReason(m: MachineRuntime): string | undefined {
    const rules = this.sim.def.recovery;
    const p = m.statePath;
    if (rules.failback === 'none') return `${this.sim.def.title} is a migration: failback is not supported`;
    if (this.sim.recoveryOf(m).waitingToComplete) return `the failback of ${m.id} waits to complete: resume it`;
    if (p.startsWith('failingOver')) return `a failover of ${m.id} is already in progress`;
    if (m.side === 'primary') return `${m.id} runs at the primary site: there is nothing to fail back`;
    if (p === 'failedOver.pending' || p === 'failedOver.changingPoint') return `commit the failover of ${m.id} first`;
    if (rules.failback === 'plannedFromAzure') {
      if (p !== 'failedOver.committed') return `${m.id} cannot fail back while it is ${m.protection}`;
      return this.missingNeed(m);
    }
    if (p === 'failedOver.committed' || p === 'failedOver.committing') return `reprotect ${m.id} first, so that it replicates back to the primary site (${rules.failback === 'siteToSite' ? 'reverse replication' : 'phase 1 of failback'})`;
    if (p === 'reprotecting' || p !== 'replicating.protected') return `${m.id} is still ${m.protection === 'reprotecting' ? 'being reprotected' : `replicating back (${m.protection})`}: fail back once it is protected`;
    const need = this.missingNeed(m);
    if (need) return need;
    const problem = this.sim.recoveryOf(m).sourceProblem();
    if (!problem) return undefined;
    // An unplanned failback (physical servers) goes on without the last changes when the Azure VM
    // cannot be shut down and synchronised, from the newest point the primary site has.
    if (rules.failbackType === 'unplanned') return this.pointReason(m, 'latest', undefined);
    return `failback shuts ${m.id} down and sends its last changes, but ${problem}: clear that first`;
  }
}

export interface FailbackNeed {
  id: string;
  what: string;
  met: boolean;
  /** What is missing and what to do, when not met. */
  reason: string;
}

/**
 * The failback prerequisites of the scenario, each met or not now (for a machine: its own host
 * counts with the primary site). A failback set component must be deployed and working.
 */
export function failbackChecklist(sim: EstateView, m?: MachineRuntime): FailbackNeed[] {
  return sim.def.recovery.failbackNeeds.map((need) => {
    let reason = '';
    if (need.id === 'primarySite') {
      const host = m?.config.host;
      if (sim.conditions.siteDown) reason = 'the primary site is down';
      else if (host && sim.conditions.down.has(host)) reason = `its host ${host} is down`;
    } else if (need.id !== 'failbackPolicy') {
      // The failback policy is created with the replication policy: always there.
      if (!sim.deployed.has(need.id)) reason = `add ${need.id} first (addComponent)`;
      else if (!sim.isAvailable(need.id)) reason = `${sim.label(need.id)} is down: clear the fault first`;
    }
    return { id: need.id, what: need.what, met: reason === '', reason };
  });
}

/** In a plan, machines outside any replication group take their own latest point for a multi-VM choice. */
function planChoice(choice: PointChoice, m: MachineRuntime): PointChoice {
  if (m.stream.group >= 0) return choice;
  if (choice === 'latestMultiVmProcessed') return 'latestProcessed';
  if (choice === 'latestMultiVmAppConsistent') return 'latestAppConsistent';
  return choice;
}

function first(ids: readonly string[], check: (id: string) => string | undefined): string | undefined {
  for (const id of ids) {
    const r = check(id);
    if (r) return r;
  }
  return undefined;
}
