// Reads the timed steps of a scenario file. A step that names something the file does not have is
// a problem in the file; a step that is well formed but not allowed when it runs is rejected later,
// by the simulation, with the reason.

import type { ScenarioDefinition } from '../scenarios/types';
import type { Checker} from './checker';
import { describe } from './checker';
import { FAULT_KINDS, STEP_VERBS, type FaultKind, type MachineConfig, type Step } from './config';
import { POLICY_FIELDS, readPolicy } from './policy';
import { formatDuration } from '../time/duration';

const FIELDS: Record<(typeof STEP_VERBS)[number], readonly string[]> = {
  enableReplication: ['at', 'do', 'machines'],
  disableReplication: ['at', 'do', 'machines'],
  resync: ['at', 'do', 'machines'],
  setWriteRate: ['at', 'do', 'machines', 'writeMBps'],
  setPolicy: ['at', 'do', 'policy'],
  fault: ['at', 'do', 'fault', 'target', 'for', 'bandwidthPercent', 'disk', 'sizeGiB'],
  clearFault: ['at', 'do', 'fault', 'target']
};

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
  list.forEach((raw, index) => {
    const path = `$.steps[${index}]`;
    const obj = c.object(raw, path);
    if (!obj) return;
    const verb = c.oneOf(obj.do, `${path}.do`, STEP_VERBS);
    const at = c.duration(obj.at, `${path}.at`, 0, Infinity);
    if (at !== undefined && at > until) c.add(`${path}.at`, `${obj.at} is after the end of the run (until is ${formatDuration(until)}); the step would never run`);
    if (!verb) return;
    c.onlyKeys(obj, path, FIELDS[verb]);
    const step = readStep(verb, obj, path, index, at ?? 0, def, machines, machineIds, targets, c);
    if (step && at !== undefined) out.push(step);
  });
  // Steps run in time order; steps at the same time run in file order.
  return out.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map((x) => x.s);
}

function readStep(
  verb: (typeof STEP_VERBS)[number],
  obj: Record<string, unknown>,
  path: string,
  index: number,
  at: number,
  def: ScenarioDefinition,
  machines: readonly MachineConfig[],
  machineIds: string[],
  targets: string[],
  c: Checker
): Step | undefined {
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
      const duration = obj.for === undefined ? undefined : c.duration(obj.for, `${path}.for`, 1, Infinity);
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
  }
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
  c.add(path, `${describe(v)} is not something this scenario has; targets: ${offered.join(', ')}`);
  return undefined;
}
