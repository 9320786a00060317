// Recovery plans: machines in up to seven groups that fail over together. A run shuts the sources
// down (planned), fails every machine over in parallel, then boots the groups in order, each after
// the previous one is up, with pre- and post-actions per group: a script or runbook takes time and
// can fail (resume runs it again), a manual action waits as "Waiting for input" until resumed.

import { setDetail, type Job } from '../protection/jobs';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { PlanAction, PlanGroup, PlanRunType, PointChoice } from '../script/config';
import type { Clocked, PlanToken, RecoveryEvent } from './host';
import type { DomainEvents } from '../events';
import type { MachineRecovery } from './machineRecovery';
import type { Actor } from 'xstate';
import { planRunMachine, type PlanRunAction, type PlanRunEmitted } from '../components/planRunMachine';
import { formatDuration } from '../time/duration';
import { english, msg } from '../messages/index';

export interface PlanDefinition {
  name: string;
  groups: PlanGroup[];
  createdAt: number;
}

export interface PlanActionRun {
  group: number;
  phase: 'pre' | 'post';
  type: PlanAction['type'];
  name: string;
  start: number;
  end: number | null;
  state: 'inProgress' | 'waitingForInput' | 'succeeded' | 'failed';
}

export interface PlanRun {
  plan: string;
  type: PlanRunType;
  recoveryPoint: string;
  start: number;
  end: number | null;
  /** From the start of the run until its last group is up and its last action done. */
  rtoSeconds: number | null;
  state: 'inProgress' | 'waitingForInput' | 'failed' | 'succeeded';
  detail: string;
  /** When every machine had failed over and was ready to boot. */
  failedOverAt: number | null;
  groups: Array<{ group: number; machines: string[]; start: number | null; up: number | null; end: number | null }>;
  actions: PlanActionRun[];
  /** Per machine: its recovery point and what it lost, and when it was up (from the run's start). */
  machines: Array<{ id: string; recoveryPointAt: number | null; writesLost: number | null; dataLossSeconds: number | null; rtoSeconds: number | null; integrity: string | null }>;
}

interface ActiveRun {
  token: PlanToken;
  run: PlanRun;
  def: PlanDefinition;
  job: Job;
  /** The run's statechart: where it is (failing over, an action, booting a group) and the action timer. */
  actor: Actor<typeof planRunMachine>;
  ready: Set<string>;
  failed: Set<string>;
  booted: Set<string>;
  /** The action running or waiting now, as the run records it. */
  entry: PlanActionRun | undefined;
  /** The action waiting to be resumed (manual, or a script that failed). */
  blocked: PlanActionRun | undefined;
}

/** What recovery plans use of the simulation around them. */
export interface PlanHost extends Clocked {
  readonly recoveryEvents: DomainEvents<RecoveryEvent>;
  machine(id: string): MachineRuntime;
  recoveryOf(m: MachineRuntime): MachineRecovery;
}

export class RecoveryPlans {
  private readonly defs = new Map<string, PlanDefinition>();
  readonly runs: PlanRun[] = [];
  private readonly active = new Map<string, ActiveRun>();
  /** Each plan's last run as a statechart (for the inspector), by plan name. */
  readonly actors = new Map<string, Actor<typeof planRunMachine>>();

  constructor(private readonly sim: PlanHost) {
    this.wire();
  }

  /**
   * Listens to the machines' recovery and to each active run's statechart (at construction, and
   * again on a checkpoint's copy, which has no listeners).
   */
  wire(): void {
    const sim = this.sim;
    for (const a of this.active.values()) a.actor.on('*', (e) => this.onStep(a, e as PlanRunEmitted));
    // The machines of a run tell it how their failovers go; a run that has finished hears nothing.
    sim.recoveryEvents.on((e) => {
      const a = this.active.get(e.plan.name);
      if (!a || a.token.run !== e.plan.run) return;
      const m = sim.machine(e.machine);
      if (e.type === 'readyToBoot') this.onReady(a, m);
      else if (e.type === 'booted') this.onBooted(a, m);
      else {
        a.failed.add(m.id);
        this.maybeAllReady(a);
        if (booting(a)) this.onBooted(a, m);
      }
    });
  }

  /** Every plan created so far, in the order they were created. */
  list(): PlanDefinition[] {
    return [...this.defs.values()];
  }

  get(name: string): PlanDefinition | undefined {
    return this.defs.get(name);
  }

  get definitions(): PlanDefinition[] {
    return [...this.defs.values()];
  }

  activeRun(name: string): PlanRun | undefined {
    return this.active.get(name)?.run;
  }

  waiting(name: string): boolean {
    return this.active.get(name)?.blocked !== undefined;
  }

  create(name: string, groups: PlanGroup[]): void {
    this.defs.set(name, { name, groups, createdAt: this.sim.now });
    const machines = groups.reduce((n, g) => n + g.machines.length, 0);
    this.sim.log.push(this.sim.now, 'info', 'plan.created', msg('plan.created', { plan: name, machines, groups: groups.length }));
  }

  run(name: string, type: PlanRunType, choice: PointChoice, choiceFor: (m: MachineRuntime) => PointChoice, sharedAt: (ids: readonly string[], id: string, choice: PointChoice) => number | undefined): void {
    const t = this.sim.now;
    const def = this.defs.get(name)!;
    const ids = def.groups.flatMap((g) => g.machines);
    const run: PlanRun = {
      plan: name,
      type,
      recoveryPoint: typeof choice === 'number' ? formatDuration(choice) : choice,
      start: t,
      end: null,
      rtoSeconds: null,
      state: 'inProgress',
      detail: '',
      failedOverAt: null,
      groups: def.groups.map((g, i) => ({ group: i + 1, machines: [...g.machines], start: null, up: null, end: null })),
      actions: [],
      machines: []
    };
    this.runs.push(run);
    const job = this.sim.jobs.start('Recovery plan', null, t, msg('jobDetail.plan', { plan: name, type }));
    const token: PlanToken = { name, run: this.runs.length };
    const actor = this.sim.scheduler.actor(planRunMachine, {
      input: { groups: def.groups.map((g) => ({ pre: g.pre.map(runAction), post: g.post.map(runAction) })) }
    });
    const a: ActiveRun = { token, run, def, job, actor, ready: new Set(), failed: new Set(), booted: new Set(), entry: undefined, blocked: undefined };
    actor.on('*', (e) => this.onStep(a, e as PlanRunEmitted));
    actor.start();
    this.active.set(name, a);
    this.actors.set(name, actor);
    this.sim.log.push(t, 'info', 'plan.started', msg('plan.started', { plan: name, type, machines: ids.length, choice }));
    for (const id of ids) {
      const m = this.sim.machine(id);
      const own = choiceFor(m);
      const recovery = this.sim.recoveryOf(m);
      if (type === 'test') recovery.startTest(own, sharedAt(ids, id, own), token);
      else recovery.start({ type, choice: own, shutdownSource: type === 'planned', kind: 'failover', sharedAt: sharedAt(ids, id, own), plan: token });
    }
    this.maybeAllReady(a);
  }

  resume(name: string): void {
    const a = this.active.get(name)!;
    const blocked = a.blocked!;
    a.blocked = undefined;
    const t = this.sim.now;
    a.run.state = 'inProgress';
    a.run.detail = '';
    a.job.state = 'inProgress';
    a.job.end = null;
    setDetail(a.job, msg('jobDetail.planContinuing', { plan: name }));
    if (blocked.state === 'waitingForInput') {
      blocked.state = 'succeeded';
      blocked.end = t;
      this.sim.log.push(t, 'info', 'plan.resumed', msg('plan.resumed', { plan: name, action: blocked.name }));
    } else {
      // A failed script or runbook runs again.
      this.sim.log.push(t, 'info', 'plan.resumed', msg('plan.rerun', { plan: name, action: blocked.name }));
    }
    a.actor.send({ type: 'resume' });
  }

  private onReady(a: ActiveRun, m: MachineRuntime): void {
    a.ready.add(m.id);
    this.maybeAllReady(a);
  }

  private maybeAllReady(a: ActiveRun): void {
    if (!a.actor.getSnapshot().matches('failingOver')) return;
    const ids = a.def.groups.flatMap((g) => g.machines);
    if (!ids.every((id) => a.ready.has(id) || a.failed.has(id))) return;
    a.run.failedOverAt = this.sim.now;
    a.actor.send({ type: 'failedOver' });
  }

  /** What each step of the run's statechart means for its record, its job and the event log. */
  private onStep(a: ActiveRun, e: PlanRunEmitted): void {
    const t = this.sim.now;
    const name = a.def.name;
    if (e.type === 'completed') {
      this.finish(a);
      return;
    }
    const gr = a.run.groups[e.group]!;
    const g = a.def.groups[e.group]!;
    const action = (e.phase === 'pre' ? g.pre : g.post)[e.action];
    switch (e.type) {
      case 'group.started':
        if (gr.start === null) gr.start = t;
        return;
      case 'group.booting':
        this.bootGroup(a, e.group);
        return;
      case 'group.done':
        gr.end = t;
        return;
      case 'action.waiting': {
        const entry = this.record(a, e.group, e.phase, action!);
        entry.state = 'waitingForInput';
        a.blocked = entry;
        a.run.state = 'waitingForInput';
        a.job.state = 'waitingForInput';
        setDetail(a.job, msg('jobDetail.planWaiting', { plan: name, action: action!.name }));
        this.sim.log.push(t, 'warning', 'plan.waitingForInput', msg('plan.waitingForInput', { plan: name, group: e.group + 1, phase: e.phase, action: action!.name }));
        return;
      }
      case 'action.started':
        this.record(a, e.group, e.phase, action!);
        this.sim.log.push(t, 'info', 'plan.actionStarted', msg('plan.actionStarted', { plan: name, script: action!.type === 'script', action: action!.name, group: e.group + 1, phase: e.phase }));
        return;
      case 'action.failed': {
        const entry = a.entry!;
        entry.end = t;
        entry.state = 'failed';
        a.blocked = entry;
        a.run.state = 'failed';
        a.run.detail = english(msg('plan.actionFailedDetail', { script: action!.type === 'script', action: action!.name }));
        a.job.state = 'failed';
        a.job.end = t;
        setDetail(a.job, msg('jobDetail.planActionFailed', { plan: name, script: action!.type === 'script', action: action!.name }));
        this.sim.log.push(t, 'error', 'plan.actionFailed', msg('plan.actionFailed', { plan: name, script: action!.type === 'script', action: action!.name }));
        return;
      }
      case 'action.succeeded': {
        const entry = a.entry!;
        entry.end = t;
        entry.state = 'succeeded';
        this.sim.log.push(t, 'info', 'plan.actionCompleted', msg('plan.actionCompleted', { plan: name, script: action!.type === 'script', action: action!.name }));
        return;
      }
    }
  }

  /** A new entry in the run's record for an action that starts now. */
  private record(a: ActiveRun, group: number, phase: 'pre' | 'post', action: PlanAction): PlanActionRun {
    const entry: PlanActionRun = { group: group + 1, phase, type: action.type, name: action.name, start: this.sim.now, end: null, state: 'inProgress' };
    a.run.actions.push(entry);
    a.entry = entry;
    return entry;
  }

  private bootGroup(a: ActiveRun, group: number): void {
    const g = a.def.groups[group]!;
    const ids = g.machines.filter((id) => !a.failed.has(id));
    this.sim.log.push(this.sim.now, 'info', 'plan.groupBooting', msg('plan.groupBooting', { plan: a.def.name, group: group + 1, machines: ids }));
    if (ids.length === 0) {
      this.groupUp(a, group);
      return;
    }
    for (const id of ids) {
      const recovery = this.sim.recoveryOf(this.sim.machine(id));
      if (a.run.type === 'test') recovery.bootTest();
      else recovery.boot();
    }
  }

  private onBooted(a: ActiveRun, m: MachineRuntime): void {
    if (this.active.get(a.def.name) !== a) return;
    a.booted.add(m.id);
    if (!booting(a)) return;
    const group = a.actor.getSnapshot().context.group;
    const g = a.def.groups[group]!;
    if (g.machines.every((id) => a.booted.has(id) || a.failed.has(id))) this.groupUp(a, group);
  }

  private groupUp(a: ActiveRun, group: number): void {
    const t = this.sim.now;
    a.run.groups[group]!.up = t;
    this.sim.log.push(t, 'info', 'plan.groupUp', msg('plan.groupUp', { plan: a.def.name, group: group + 1 }));
    a.actor.send({ type: 'groupUp' });
  }

  private finish(a: ActiveRun): void {
    const t = this.sim.now;
    const run = a.run;
    run.end = t;
    run.rtoSeconds = t - run.start;
    run.state = a.failed.size > 0 ? 'failed' : 'succeeded';
    const failed = a.failed.size > 0 ? msg('plan.couldNotFailOver', { machines: [...a.failed] }) : undefined;
    if (failed) run.detail = english(failed);
    this.active.delete(a.def.name);
    for (const id of a.def.groups.flatMap((g) => g.machines)) {
      const recovery = this.sim.recoveryOf(this.sim.machine(id));
      const r = run.type === 'test' ? recovery.test : recovery.current;
      const mine = r && r.plan === a.def.name && r.at === run.start ? r : undefined;
      run.machines.push({
        id,
        recoveryPointAt: mine?.recoveryPointAt ?? null,
        writesLost: mine?.writesLost ?? null,
        dataLossSeconds: mine?.dataLossSeconds ?? null,
        rtoSeconds: mine?.rtoSeconds ?? null,
        integrity: mine?.integrity ?? null
      });
    }
    this.sim.jobs.finish(a.job, run.state === 'succeeded' ? 'succeeded' : 'failed', t, failed ?? (run.detail || undefined));
    this.sim.log.push(t, run.state === 'succeeded' ? 'info' : 'error', 'plan.completed', msg('plan.completed', { plan: a.def.name, succeeded: run.state === 'succeeded', rtoSeconds: run.rtoSeconds, detail: failed ?? (run.detail ? run.detail : null) }));
  }
}

/** Whether the run is booting a group now. */
function booting(a: ActiveRun): boolean {
  return a.actor.getSnapshot().matches({ running: 'booting' });
}

/** An action as the run's statechart needs it. */
function runAction(action: PlanAction): PlanRunAction {
  return { manual: action.type === 'manual', seconds: action.duration, failsOnce: action.fails };
}
