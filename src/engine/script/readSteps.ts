// Reads the timed steps of a scenario file. A step that names something the file does not have is
// a problem in the file; a step that is well formed but not allowed when it runs is rejected later,
// by the simulation, with the reason.

import type { ScenarioDefinition } from '../scenarios/types';
import type { Checker} from './checker';
import { describe, MAX_RUN_SECONDS } from './checker';
import { FAULT_KINDS, POINT_CHOICES, STEP_VERBS, type FaultKind, type MachineConfig, type PlanAction, type PlanGroup, type PointChoice, type Step } from './config';
import { POLICY_FIELDS, readPolicy } from './policy';
import { formatDuration, parseDuration } from '../time/duration';

const FIELDS: Record<(typeof STEP_VERBS)[number], readonly string[]> = {
  enableReplication: ['at', 'do', 'machines'],
  disableReplication: ['at', 'do', 'machines'],
  resync: ['at', 'do', 'machines'],
  setWriteRate: ['at', 'do', 'machines', 'writeMBps'],
  setPolicy: ['at', 'do', 'policy'],
  fault: ['at', 'do', 'fault', 'target', 'for', 'bandwidthPercent', 'disk', 'sizeGiB'],
  clearFault: ['at', 'do', 'fault', 'target'],
  testFailover: ['at', 'do', 'machines', 'recoveryPoint'],
  cleanupTestFailover: ['at', 'do', 'machines', 'plan'],
  failover: ['at', 'do', 'machines', 'type', 'recoveryPoint', 'shutdownSource'],
  changeRecoveryPoint: ['at', 'do', 'machines', 'recoveryPoint'],
  commit: ['at', 'do', 'machines'],
  reprotect: ['at', 'do', 'machines', 'location'],
  failback: ['at', 'do', 'machines', 'dataSync'],
  addComponent: ['at', 'do', 'component', 'size'],
  createRecoveryPlan: ['at', 'do', 'plan', 'groups'],
  runRecoveryPlan: ['at', 'do', 'plan', 'type', 'recoveryPoint'],
  resume: ['at', 'do', 'plan', 'machines'],
  moveProcessServer: ['at', 'do', 'machines', 'processServer']
};

/** Limits of a recovery plan (BEYOND.md, Recovery plans). */
export const PLAN_MAX_MACHINES = 100;
export const PLAN_MAX_GROUPS = 7;
const ACTION_FIELDS = ['type', 'name', 'duration', 'fails'] as const;

/** Components and links a scenario file can deploy with `addComponent`. */
export function deployableNames(def: ScenarioDefinition): string[] {
  return [...def.components.filter((c) => c.deployable).map((c) => c.id), ...def.links.filter((l) => l.deployable).map((l) => l.id)];
}

/** Names a fault can target in this scenario: aliases, components, links and machines. */
export function faultTargetNames(def: ScenarioDefinition, machines: readonly MachineConfig[]): string[] {
  const names = new Set<string>(['uplink', 'processServer', 'primarySite']);
  for (const c of def.components) names.add(c.id);
  for (const l of def.links) if (l.purpose === 'data') names.add(l.id);
  for (const m of machines) names.add(m.id);
  return [...names];
}

export function readSteps(v: unknown, def: ScenarioDefinition, machines: readonly MachineConfig[], until: number, c: Checker): Step[] {
  const list = c.array(v, '$.steps');
  if (!list) return [];
  const machineIds = machines.map((m) => m.id);
  const targets = faultTargetNames(def, machines);
  const out: Step[] = [];
  const plans = new Set<string>();
  for (const raw of list) {
    const o = raw as Record<string, unknown> | null;
    if (o && typeof o === 'object' && o.do === 'createRecoveryPlan' && typeof o.plan === 'string') plans.add(o.plan);
  }
  const reading: StepReading = { def, machines, machineIds, targets, plans, seenPlans: new Set(), c };
  list.forEach((raw, index) => {
    const path = `$.steps[${index}]`;
    const obj = c.object(raw, path);
    if (!obj) return;
    const verb = c.oneOf(obj.do, `${path}.do`, STEP_VERBS);
    const at = c.duration(obj.at, `${path}.at`, 0, Infinity);
    if (at !== undefined && at > until) c.add(`${path}.at`, `${obj.at} is after the end of the run (until is ${formatDuration(until)}); the step would never run`);
    if (!verb) return;
    c.onlyKeys(obj, path, FIELDS[verb]);
    const where: StepPlace = { verb, obj, path, index, at: at ?? 0 };
    const step = readStep(where, reading) ?? readRecoveryStep(where, reading);
    if (step && at !== undefined) out.push(step);
  });
  // Steps run in time order; steps at the same time run in file order.
  return out.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map((x) => x.s);
}

/** What reading a step needs from the file around it. */
interface StepReading {
  def: ScenarioDefinition;
  machines: readonly MachineConfig[];
  machineIds: string[];
  targets: string[];
  /** Plans the file creates anywhere, and those created by the steps read so far. */
  plans: ReadonlySet<string>;
  seenPlans: Set<string>;
  c: Checker;
}

/** The step being read: its verb, its object, where it is and when it runs. */
interface StepPlace {
  verb: (typeof STEP_VERBS)[number];
  obj: Record<string, unknown>;
  path: string;
  index: number;
  at: number;
}

function readStep({ verb, obj, path, index, at }: StepPlace, { def, machines, machineIds, targets, c }: StepReading): Step | undefined {
  switch (verb) {
    case 'enableReplication':
    case 'disableReplication':
    case 'resync': {
      const ms = readMachineList(obj.machines, `${path}.machines`, machineIds, c);
      return ms && { index, at, do: verb, machines: ms };
    }
    case 'setWriteRate': {
      const ms = readMachineList(obj.machines, `${path}.machines`, machineIds, c);
      const writeMBps = c.number(obj.writeMBps, `${path}.writeMBps`, 0, 54);
      return ms && writeMBps !== undefined ? { index, at, do: verb, machines: ms, writeMBps } : undefined;
    }
    case 'moveProcessServer': {
      // The process servers at the primary site: the built-in one and the scale-out ones.
      const site = def.components.find((x) => x.id === def.processServer)?.site;
      const servers = def.components.filter((x) => x.kind === 'processServer' && x.site === site).map((x) => x.id);
      if (!def.processServer) {
        c.add(`${path}.do`, `${def.id} has no process server to move machines between`);
        return undefined;
      }
      const ms = readMachineList(obj.machines, `${path}.machines`, machineIds, c);
      const ps = obj.processServer === undefined ? c.missing(`${path}.processServer`, `the process server to move them to: ${servers.join(', ')}`) : c.oneOf(obj.processServer, `${path}.processServer`, servers);
      return ms && ps ? { index, at, do: verb, machines: ms, processServer: ps } : undefined;
    }
    case 'setPolicy': {
      const p = c.object(obj.policy, `${path}.policy`);
      if (!p) return undefined;
      const before = c.problems.length;
      const policy = readPolicy(p, `${path}.policy`, def, c);
      if (Object.keys(p).length === 0) c.add(`${path}.policy`, `names no policy field to change; fields: ${POLICY_FIELDS.join(', ')}`);
      return c.problems.length === before ? { index, at, do: verb, policy } : undefined;
    }
    case 'fault': {
      const fault = c.oneOf(obj.fault, `${path}.fault`, FAULT_KINDS);
      const target = readTarget(obj.target, `${path}.target`, targets, def, c);
      // No fault lasts longer than the longest run (400 days): "for" beyond that is a mistake, not forever.
      const duration = obj.for === undefined ? undefined : c.duration(obj.for, `${path}.for`, 1, MAX_RUN_SECONDS);
      let bandwidthPercent: number | undefined;
      if (obj.bandwidthPercent !== undefined) {
        if (fault !== 'linkDegraded') c.add(`${path}.bandwidthPercent`, 'applies only to the linkDegraded fault');
        else bandwidthPercent = c.number(obj.bandwidthPercent, `${path}.bandwidthPercent`, 1, 99);
      }
      let disk: string | undefined;
      let sizeGiB: number | undefined;
      if (obj.disk !== undefined || obj.sizeGiB !== undefined) {
        const machine = machines.find((m) => m.id === target);
        if (fault !== 'diskResize') c.add(`${path}.${obj.disk !== undefined ? 'disk' : 'sizeGiB'}`, 'applies only to the diskResize fault');
        else if (!machine) c.add(`${path}.target`, 'a disk resize targets a machine');
        else {
          if (obj.disk !== undefined) {
            disk = c.oneOf(obj.disk, `${path}.disk`, machine.disks.map((d) => d.id));
          }
          if (obj.sizeGiB !== undefined) {
            const index = disk === undefined ? machine.disks.length - 1 : machine.disks.findIndex((d) => d.id === disk);
            sizeGiB = c.number(obj.sizeGiB, `${path}.sizeGiB`, 1, index === 0 ? def.disks.osMaxGiB : def.disks.dataMaxGiB);
          }
        }
      }
      if (fault === 'diskResize' && duration !== undefined) c.add(`${path}.for`, 'a disk resize is permanent: it has no duration');
      if (!fault || !target) return undefined;
      return { index, at, do: verb, fault, target, for: duration, bandwidthPercent, disk, sizeGiB };
    }
    case 'clearFault': {
      const fault = obj.fault === undefined ? undefined : c.oneOf(obj.fault, `${path}.fault`, FAULT_KINDS);
      const target = readTarget(obj.target, `${path}.target`, targets, def, c);
      return target && (obj.fault === undefined || fault) ? { index, at, do: verb, fault: fault as FaultKind | undefined, target } : undefined;
    }
    default:
      return undefined;
  }
}

/** Reads a recovery point choice: a named choice or a time such as "5h20m" (a custom point). */
function readPoint(v: unknown, path: string, at: number, c: Checker): PointChoice | undefined {
  if (v === undefined) return 'latest';
  if (typeof v === 'string' && (POINT_CHOICES as readonly string[]).includes(v)) return v as PointChoice;
  if (typeof v === 'string' && parseDuration(v) !== undefined) {
    const t = parseDuration(v)!;
    if (t > at) {
      c.add(path, `${v} is after the step itself (${formatDuration(at)}): a recovery point must already exist`);
      return undefined;
    }
    return t;
  }
  c.add(path, `${describe(v)} is not a recovery point; use one of ${POINT_CHOICES.map((p) => JSON.stringify(p)).join(', ')} or the time of a retained point such as "5h20m"`);
  return undefined;
}

function readRecoveryStep({ verb, obj, path, index, at }: StepPlace, { def, machines, machineIds, plans, seenPlans, c }: StepReading): Step | undefined {
  const list = (): string[] | undefined => readMachineList(obj.machines, `${path}.machines`, machineIds, c);
  switch (verb) {
    case 'testFailover': {
      const ms = list();
      const recoveryPoint = readPoint(obj.recoveryPoint, `${path}.recoveryPoint`, at, c);
      return ms && recoveryPoint !== undefined ? { index, at, do: verb, machines: ms, recoveryPoint } : undefined;
    }
    case 'changeRecoveryPoint': {
      const ms = list();
      if (obj.recoveryPoint === undefined) c.missing(`${path}.recoveryPoint`, 'the recovery point to change to');
      const recoveryPoint = obj.recoveryPoint === undefined ? undefined : readPoint(obj.recoveryPoint, `${path}.recoveryPoint`, at, c);
      return ms && recoveryPoint !== undefined ? { index, at, do: verb, machines: ms, recoveryPoint } : undefined;
    }
    case 'failover': {
      const ms = list();
      const type = obj.type === undefined ? 'unplanned' : c.oneOf(obj.type, `${path}.type`, ['planned', 'unplanned'] as const);
      const recoveryPoint = readPoint(obj.recoveryPoint, `${path}.recoveryPoint`, at, c);
      const shutdownSource = obj.shutdownSource === undefined ? false : c.boolean(obj.shutdownSource, `${path}.shutdownSource`);
      if (type === 'planned' && obj.recoveryPoint !== undefined && recoveryPoint !== 'latest') {
        c.add(`${path}.recoveryPoint`, 'a planned failover sends every change first and always recovers to the latest point; leave recoveryPoint out');
        return undefined;
      }
      if (typeof recoveryPoint === 'number' && ms && ms.length > 1) {
        c.add(`${path}.recoveryPoint`, 'a custom recovery point is picked for one machine: fail the machines over one at a time');
        return undefined;
      }
      return ms && type && recoveryPoint !== undefined && shutdownSource !== undefined ? { index, at, do: verb, machines: ms, type, recoveryPoint, shutdownSource } : undefined;
    }
    case 'commit': {
      const ms = list();
      return ms && { index, at, do: verb, machines: ms };
    }
    case 'reprotect': {
      const ms = list();
      let location: 'original' | 'alternate' | undefined = 'original';
      if (obj.location !== undefined) {
        if (def.recovery.failback !== 'reprotectFromAzure') {
          c.add(`${path}.location`, `applies only when VMware VMs or physical servers are reprotected from Azure; ${def.id} reprotects to the original machines`);
          location = undefined;
        } else location = c.oneOf(obj.location, `${path}.location`, ['original', 'alternate'] as const);
      }
      return ms && location ? { index, at, do: verb, machines: ms, location } : undefined;
    }
    case 'failback': {
      const ms = list();
      let dataSync: 'beforeFailover' | 'duringFailover' | undefined = 'beforeFailover';
      if (obj.dataSync !== undefined) {
        if (def.recovery.failback !== 'plannedFromAzure') {
          c.add(`${path}.dataSync`, `applies only to Hyper-V VMs failing back from Azure; ${def.id} has no such option`);
          dataSync = undefined;
        } else dataSync = c.oneOf(obj.dataSync, `${path}.dataSync`, ['beforeFailover', 'duringFailover'] as const);
      }
      return ms && dataSync ? { index, at, do: verb, machines: ms, dataSync } : undefined;
    }
    case 'addComponent': {
      const names = deployableNames(def);
      if (names.length === 0) {
        c.add(`${path}.component`, `${def.id} has nothing to add: every component it needs is there from the start`);
        return undefined;
      }
      const component = c.oneOf(obj.component, `${path}.component`, names);
      return component ? { index, at, do: verb, component } : undefined;
    }
    case 'createRecoveryPlan': {
      const plan = c.id(obj.plan, `${path}.plan`);
      if (plan && seenPlans.has(plan)) c.add(`${path}.plan`, `a plan named ${JSON.stringify(plan)} is already created earlier in the file`);
      if (plan) seenPlans.add(plan);
      const groups = readPlanGroups(obj.groups, `${path}.groups`, machines, machineIds, c);
      return plan && groups ? { index, at, do: verb, plan, groups } : undefined;
    }
    case 'runRecoveryPlan': {
      const plan = readPlanName(obj.plan, `${path}.plan`, plans, c);
      const type = c.oneOf(obj.type, `${path}.type`, ['test', 'planned', 'unplanned'] as const);
      const recoveryPoint = readPoint(obj.recoveryPoint, `${path}.recoveryPoint`, at, c);
      if (typeof recoveryPoint === 'number') {
        c.add(`${path}.recoveryPoint`, 'a recovery plan cannot use a custom point; use latest, latestProcessed, latestAppConsistent or a multi-VM choice');
        return undefined;
      }
      if (type === 'planned' && recoveryPoint !== 'latest') {
        c.add(`${path}.recoveryPoint`, 'a planned failover always recovers to the latest point; leave recoveryPoint out');
        return undefined;
      }
      return plan && type && recoveryPoint !== undefined ? { index, at, do: verb, plan, type, recoveryPoint } : undefined;
    }
    case 'cleanupTestFailover':
    case 'resume': {
      const hasPlan = obj.plan !== undefined;
      const hasMachines = obj.machines !== undefined;
      if (hasPlan === hasMachines) {
        c.add(path, verb === 'resume' ? 'name either the plan waiting for input ("plan") or the machines whose failback waits to complete ("machines")' : 'name either the machines ("machines") or the recovery plan ("plan") whose test failover to clean up');
        return undefined;
      }
      const plan = hasPlan ? readPlanName(obj.plan, `${path}.plan`, plans, c) : undefined;
      const ms = hasMachines ? list() : undefined;
      if ((hasPlan && !plan) || (hasMachines && !ms)) return undefined;
      return { index, at, do: verb, plan, machines: ms };
    }
    default:
      return undefined;
  }
}

function readPlanName(v: unknown, path: string, plans: ReadonlySet<string>, c: Checker): string | undefined {
  if (typeof v === 'string' && plans.has(v)) return v;
  c.add(path, plans.size === 0 ? `${describe(v)}: the file creates no recovery plan (add a createRecoveryPlan step)` : `${describe(v)} is not a plan the file creates; plans: ${[...plans].join(', ')}`);
  return undefined;
}

function readPlanGroups(v: unknown, path: string, machines: readonly MachineConfig[], machineIds: string[], c: Checker): PlanGroup[] | undefined {
  const list = c.array(v, path);
  if (!list) return undefined;
  const before = c.problems.length;
  if (list.length === 0 || list.length > PLAN_MAX_GROUPS) c.add(path, `a plan has 1 to ${PLAN_MAX_GROUPS} groups, not ${list.length}`);
  const placed = new Map<string, number>();
  const groups: PlanGroup[] = [];
  list.forEach((raw, g) => {
    const gp = `${path}[${g}]`;
    const obj = c.object(raw, gp);
    if (!obj) return;
    c.onlyKeys(obj, gp, ['machines', 'pre', 'post']);
    const ms = readMachineList(obj.machines, `${gp}.machines`, machineIds, c) ?? [];
    ms.forEach((id, k) => {
      const other = placed.get(id);
      if (other !== undefined) c.add(`${gp}.machines[${k}]`, `${id} is already in group ${other + 1}: a machine is in one group of a plan`);
      else placed.set(id, g);
    });
    const actions = (key: 'pre' | 'post'): PlanAction[] => {
      if (obj[key] === undefined) return [];
      const arr = c.array(obj[key], `${gp}.${key}`) ?? [];
      return arr.map((a, k) => readAction(a, `${gp}.${key}[${k}]`, c)).filter((a): a is PlanAction => a !== undefined);
    };
    groups.push({ machines: ms, pre: actions('pre'), post: actions('post') });
  });
  if (placed.size > PLAN_MAX_MACHINES) c.add(path, `a plan holds at most ${PLAN_MAX_MACHINES} machines, not ${placed.size}`);
  // A replication group recovers as one: its members sit in the same group of the plan.
  const byReplicationGroup = new Map<string, Set<number>>();
  for (const m of machines) {
    const g = placed.get(m.id);
    if (m.group === undefined || g === undefined) continue;
    byReplicationGroup.set(m.group, (byReplicationGroup.get(m.group) ?? new Set()).add(g));
  }
  for (const [rg, gs] of byReplicationGroup) {
    if (gs.size > 1) c.add(path, `the machines of replication group ${rg} are in groups ${[...gs].map((g) => g + 1).join(' and ')}: a replication group sits in one group of a plan`);
  }
  return c.problems.length === before ? groups : undefined;
}

function readAction(v: unknown, path: string, c: Checker): PlanAction | undefined {
  const obj = c.object(v, path);
  if (!obj) return undefined;
  c.onlyKeys(obj, path, ACTION_FIELDS);
  const type = c.oneOf(obj.type, `${path}.type`, ['script', 'manual', 'runbook'] as const);
  const name = typeof obj.name === 'string' && obj.name.trim().length > 0 && obj.name.length <= 80 ? obj.name : undefined;
  if (!name) c.add(`${path}.name`, obj.name === undefined ? 'is required: what the action does, in up to 80 characters' : 'must be a text of 1 to 80 characters');
  let duration = 0;
  if (type === 'manual') {
    if (obj.duration !== undefined) c.add(`${path}.duration`, 'a manual action takes as long as the person doing it: the plan waits for a resume step');
  } else if (type) duration = c.duration(obj.duration, `${path}.duration`, 1, 24 * 3600) ?? 0;
  let fails = false;
  if (obj.fails !== undefined) {
    if (type === 'manual') c.add(`${path}.fails`, 'only a script or a runbook can fail');
    else fails = c.boolean(obj.fails, `${path}.fails`) ?? false;
  }
  return type && name ? { type, name, duration, fails } : undefined;
}

function readMachineList(v: unknown, path: string, ids: string[], c: Checker): string[] | undefined {
  if (v === 'all') return [...ids];
  const list = c.array(v, path);
  if (!list) return undefined;
  if (list.length === 0) c.add(path, 'names no machine; list machine ids or write "all"');
  const out: string[] = [];
  list.forEach((m, i) => {
    if (typeof m === 'string' && ids.includes(m)) out.push(m);
    else c.add(`${path}[${i}]`, `${describe(m)} is not a machine of this scenario; machines: ${ids.join(', ')}`);
  });
  return out.length === list.length && out.length > 0 ? out : undefined;
}

function readTarget(v: unknown, path: string, targets: string[], def: ScenarioDefinition, c: Checker): string | undefined {
  if (typeof v === 'string' && targets.includes(v)) return v;
  // "processServer" is understood everywhere (a step naming it where there is none is rejected with
  // the reason when it runs), but only offered where the scenario has one.
  const offered = targets.filter((t) => t !== 'processServer' || def.processServer !== undefined);
  if (v === undefined) c.add(path, `is required: what the step acts on, one of: ${offered.join(', ')}`);
  else c.add(path, `${describe(v)} is not something this scenario has; targets: ${offered.join(', ')}`);
  return undefined;
}
