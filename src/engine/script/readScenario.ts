// Reads a scenario file (JSON text or a parsed object) into a SimulationConfig, or lists every
// problem with its JSON path. Nothing runs from a file with problems.

import { costProblems } from './cost';
import { DAY_NAMES, parseClock, parseLocalDateTime, type OfficeHours } from '../time/calendar';
import { isScenarioId, SCENARIOS, SCENARIO_IDS } from '../scenarios';
import { defaultParameters, PARAMETERS, parameterSpec, type ParameterKey } from '../scenarios/parameters';
import type { ScenarioDefinition } from '../scenarios/types';
import { Checker, childPath, describe, MAX_RUN_SECONDS } from './checker';
import type { HostVolumeConfig, MachineConfig, NetworkConfig, Problem, ProcessServerConfig, SimulationConfig } from './config';
import { DEFAULT_SCALE_OUT_SIZE, SCALE_OUT_SIZES, scaleOutSize, withScaleOut, type ScaleOutServer } from '../scenarios/processServers';
import { defaultPolicy, policyViolations, readPolicy } from './policy';
import { readSteps } from './readSteps';

export const ROOT_FIELDS = ['scenario', 'title', 'description', 'seed', 'until', 'start', 'officeHours', 'policy', 'machines', 'hosts', 'processServers', 'network', 'parameters', 'steps'] as const;
export const MACHINE_FIELDS = ['id', 'host', 'os', 'writeMBps', 'burstiness', 'disks', 'group', 'processServer'] as const;
const DEFAULT_START = '2025-03-03T08:00';
const MAX_MACHINES = 1000;
const MAX_GROUP = 16;
const PEAK_VM_MBPS = 54;

export type ReadResult = { ok: true; config: SimulationConfig } | { ok: false; problems: Problem[] };

export function readScenario(input: unknown): ReadResult {
  const c = new Checker();
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [{ path: '$', message: `is not valid JSON: ${(e as Error).message}` }] };
    }
  }
  const root = c.object(doc, '$');
  if (!root) return { ok: false, problems: c.problems };
  c.onlyKeys(root, '$', ROOT_FIELDS);
  if (!isScenarioId(root.scenario)) {
    c.add('$.scenario', root.scenario === undefined ? `is required; use one of: ${SCENARIO_IDS.join(', ')}` : `${describe(root.scenario)} is not a scenario; use one of: ${SCENARIO_IDS.join(', ')}`);
    // What does not depend on the scenario can still be checked, so every such problem shows up.
    if (root.seed !== undefined) c.number(root.seed, '$.seed', 0, 2 ** 31 - 1, true);
    if (root.until !== undefined) c.duration(root.until, '$.until', 60, MAX_RUN_SECONDS);
    if (root.title !== undefined) readText(root.title, '$.title', 120, c);
    if (root.description !== undefined) readText(root.description, '$.description', 2000, c);
    readOfficeHours(root.officeHours, c);
    readParameters(root.parameters, c);
    return { ok: false, problems: c.problems };
  }
  const base = SCENARIOS[root.scenario];
  // The file's scale-out process servers join the scenario's components.
  const scaleOut = readProcessServers(root.processServers, root.steps, base, c);
  const def = withScaleOut(base, scaleOut);
  const title = root.title === undefined ? undefined : readText(root.title, '$.title', 120, c);
  const description = root.description === undefined ? undefined : readText(root.description, '$.description', 2000, c);
  const seed = root.seed === undefined ? 1 : c.number(root.seed, '$.seed', 0, 2 ** 31 - 1, true);
  const until = root.until === undefined ? 24 * 3600 : c.duration(root.until, '$.until', 60, MAX_RUN_SECONDS);
  let startEpochMs = parseLocalDateTime(DEFAULT_START)!;
  if (root.start !== undefined) {
    const ms = typeof root.start === 'string' ? parseLocalDateTime(root.start) : undefined;
    if (ms === undefined) c.add('$.start', `${describe(root.start)} is not a local date and time; write it like "2025-03-03T08:00"`);
    else startEpochMs = ms;
  }
  const officeHours = readOfficeHours(root.officeHours, c);
  const policy = defaultPolicy(def);
  if (root.policy !== undefined) {
    const obj = c.object(root.policy, '$.policy');
    if (obj) Object.assign(policy, readPolicy(obj, '$.policy', def, c));
  }
  for (const v of policyViolations(policy, def)) c.add(`$.policy.${v.field}`, v.message);
  const machines = root.machines === undefined ? estate(def) : readMachines(root.machines, def, c);
  const processServers = def.processServer ? [{ id: def.processServer, size: undefined, deployedAtStart: true }, ...scaleOut] : [];
  assignProcessServers(machines, root.machines, processServers, c);
  const network = readNetwork(root.network, def, c);
  const parameters = readParameters(root.parameters, c);
  const hostVolumes = readHosts(root.hosts, def, machines, parameters['hyperv.hostFreePercent'], c);
  const steps = root.steps === undefined ? [] : readSteps(root.steps, def, machines, until ?? Infinity, c);
  if (c.problems.length > 0 || seed === undefined || until === undefined) return { ok: false, problems: c.problems };
  // A legal file can still ask for more than one run can take: refused with the figures.
  const tooBig = costProblems({ until, machines, steps, blockMiB: parameters['model.blockMiB'], retention: policy.retention });
  if (tooBig.length > 0) return { ok: false, problems: tooBig };
  return { ok: true, config: { scenario: def, title, description, seed, until, startEpochMs, officeHours, policy, machines, hostVolumes, processServers, network, parameters, steps } };
}

const MAX_VOLUME_GIB = 1_048_576;

/**
 * Hyper-V host volumes: `[{ "id": host, "volumeGiB": size }]` for any of the scenario's hosts; a
 * host the file does not size holds its VMs' disks and `hyperv.hostFreePercent` more.
 */
function readHosts(v: unknown, def: ScenarioDefinition, machines: readonly MachineConfig[], freePercent: number, c: Checker): HostVolumeConfig[] {
  if (def.tracker !== 'hrl') {
    if (v !== undefined) c.add('$.hosts', `does not apply to ${def.id}: only Hyper-V hosts keep VM snapshots and .hrl logs on a volume of their own`);
    return [];
  }
  const vhdGiB = (host: string): number => machines.filter((m) => m.host === host).reduce((n, m) => n + m.disks.reduce((a, d) => a + d.sizeGiB, 0), 0);
  const sized = new Map<string, number>();
  if (v !== undefined) {
    const list = c.array(v, '$.hosts');
    list?.forEach((raw, i) => {
      const path = `$.hosts[${i}]`;
      const obj = c.object(raw, path);
      if (!obj) return;
      c.onlyKeys(obj, path, ['id', 'volumeGiB']);
      const id = obj.id === undefined ? c.missing(`${path}.id`, `one of the scenario's hosts: ${def.hosts.join(', ')}`) : c.oneOf(obj.id, `${path}.id`, def.hosts);
      if (id !== undefined && sized.has(id)) c.add(`${path}.id`, `"${id}" is sized twice; give each host once`);
      if (obj.volumeGiB === undefined) {
        c.missing(`${path}.volumeGiB`, 'the size of the volume that holds the host\'s VM disks and logs, in GiB');
        return;
      }
      const size = c.number(obj.volumeGiB, `${path}.volumeGiB`, 1, MAX_VOLUME_GIB);
      if (id === undefined || size === undefined) return;
      const vhd = vhdGiB(id);
      if (size < vhd) c.add(`${path}.volumeGiB`, `${size} GiB cannot hold the virtual disks of the VMs on ${id} (${vhd} GiB)`);
      sized.set(id, size);
    });
  }
  // A host with no VM and no size of its own has nothing on a volume to show.
  const used = def.hosts.filter((host) => sized.has(host) || machines.some((m) => m.host === host));
  return used.map((host) => {
    const given = sized.get(host);
    if (given !== undefined) return { host, volumeGiB: given, defaulted: false };
    return { host, volumeGiB: Math.max(1, Math.ceil(vhdGiB(host) * (1 + freePercent / 100))), defaulted: true };
  });
}

function readText(v: unknown, path: string, max: number, c: Checker): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') {
    c.add(path, `must be a non-empty string, not ${describe(v)}`);
    return undefined;
  }
  if (v.length > max) c.add(path, `is ${v.length} characters long; at most ${max}`);
  return v;
}

function readOfficeHours(v: unknown, c: Checker): OfficeHours {
  const fallback: OfficeHours = { days: [1, 2, 3, 4, 5], fromMinute: 8 * 60, toMinute: 18 * 60 };
  if (v === undefined) return fallback;
  const obj = c.object(v, '$.officeHours');
  if (!obj) return fallback;
  c.onlyKeys(obj, '$.officeHours', ['days', 'from', 'to']);
  const out = { ...fallback };
  if (obj.days !== undefined) {
    const days = c.array(obj.days, '$.officeHours.days');
    if (days) out.days = days.map((d, i) => DAY_NAMES.indexOf(c.oneOf(d, `$.officeHours.days[${i}]`, DAY_NAMES) ?? 'sun'));
  }
  for (const key of ['from', 'to'] as const) {
    if (obj[key] === undefined) continue;
    const minute = typeof obj[key] === 'string' ? parseClock(obj[key]) : undefined;
    if (minute === undefined) c.add(`$.officeHours.${key}`, `${describe(obj[key])} is not a time of day; write it like "08:00"`);
    else if (key === 'from') out.fromMinute = minute;
    else out.toMinute = minute;
  }
  if (out.toMinute <= out.fromMinute) c.add('$.officeHours', 'office hours must end after they start on the same day');
  return out;
}

/** The scenario's default estate, hosts filled in. */
function estate(def: ScenarioDefinition): MachineConfig[] {
  return def.estate.map((m, i) => ({
    id: m.id,
    host: m.host ?? (def.hosts.length > 0 ? def.hosts[i % def.hosts.length] : undefined),
    os: m.os ?? 'windows',
    writeMBps: m.writeMBps,
    burstiness: m.burstiness ?? 0.5,
    disks: m.disks.map((d) => ({ ...d })),
    group: m.group,
    processServer: undefined
  }));
}

const MAX_PROCESS_SERVERS = 50;

/**
 * Scale-out process servers: `processServers` in the file (there from the start) and
 * `addComponent` steps that name a new one with a `size` (added when the step runs).
 */
function readProcessServers(v: unknown, steps: unknown, def: ScenarioDefinition, c: Checker): ScaleOutServer[] {
  const out: ScaleOutServer[] = [];
  const taken = new Set<string>([...def.components.map((x) => x.id), ...def.links.map((l) => l.id)]);
  const sizes = SCALE_OUT_SIZES.map((x) => x.id);
  const add = (id: unknown, size: unknown, path: string, idPath: string, deployedAtStart: boolean): void => {
    const name = c.id(id, idPath);
    const chosen = size === undefined ? DEFAULT_SCALE_OUT_SIZE : c.oneOf(size, `${path}.size`, sizes);
    if (name === undefined || chosen === undefined) return;
    if (name === def.processServer) {
      c.add(idPath, `"${name}" is the built-in process server; its figures are the processServer.* parameters`);
      return;
    }
    if (taken.has(name) || taken.has(`lan-${name}`)) {
      c.add(idPath, `"${name}" is already the name of something in ${def.id}; give the process server a name of its own`);
      return;
    }
    taken.add(name);
    out.push({ id: name, size: scaleOutSize(chosen)!, deployedAtStart });
  };
  if (v !== undefined) {
    if (!def.processServer) c.add('$.processServers', `does not apply to ${def.id}: it has no process server (${def.tracker === 'san' ? 'the storage arrays replicate the data' : 'the Hyper-V hosts send their logs themselves'})`);
    else {
      const list = c.array(v, '$.processServers');
      if (list && list.length > MAX_PROCESS_SERVERS) c.add('$.processServers', `has ${list.length} process servers; at most ${MAX_PROCESS_SERVERS}`);
      list?.forEach((raw, i) => {
        const path = `$.processServers[${i}]`;
        const obj = c.object(raw, path);
        if (!obj) return;
        c.onlyKeys(obj, path, ['id', 'size']);
        add(obj.id, obj.size, path, `${path}.id`, true);
      });
    }
  }
  // A step that adds a process server with a size names a new one.
  if (def.processServer && Array.isArray(steps)) {
    steps.forEach((raw, i) => {
      const o = raw as Record<string, unknown> | null;
      if (!o || typeof o !== 'object' || o.do !== 'addComponent' || o.size === undefined) return;
      add(o.component, o.size, `$.steps[${i}]`, `$.steps[${i}].component`, false);
    });
  }
  return out;
}

/**
 * Which process server each machine replicates through: its `processServer`, or, balanced, the
 * process server there from the start with the fewest machines so far.
 */
function assignProcessServers(machines: MachineConfig[], raw: unknown, servers: readonly ProcessServerConfig[], c: Checker): void {
  const start = servers.filter((s) => s.deployedAtStart).map((s) => s.id);
  const given: unknown[] = Array.isArray(raw) ? raw.map((m) => (m && typeof m === 'object' ? (m as Record<string, unknown>).processServer : undefined)) : [];
  if (start.length === 0) {
    given.forEach((g, i) => {
      if (g !== undefined) c.add(`$.machines[${i}].processServer`, 'does not apply here: the scenario has no process server');
    });
    return;
  }
  const count = new Map(start.map((id) => [id, 0]));
  machines.forEach((m, i) => {
    const g = given[i];
    if (g === undefined) return;
    const ps = c.oneOf(g, `$.machines[${i}].processServer`, servers.map((s) => s.id));
    if (ps !== undefined && !start.includes(ps)) c.add(`$.machines[${i}].processServer`, `${ps} is only added by a step later; a machine starts on a process server that is there from the start (${start.join(', ')}), and moveProcessServer moves it`);
    else if (ps !== undefined) {
      m.processServer = ps;
      count.set(ps, count.get(ps)! + 1);
    }
  });
  for (const m of machines) {
    if (m.processServer !== undefined) continue;
    let best = start[0]!;
    for (const id of start) if (count.get(id)! < count.get(best)!) best = id;
    m.processServer = best;
    count.set(best, count.get(best)! + 1);
  }
}

function readMachines(v: unknown, def: ScenarioDefinition, c: Checker): MachineConfig[] {
  const list = c.array(v, '$.machines');
  if (!list) return [];
  if (list.length === 0) c.add('$.machines', 'needs at least one machine');
  if (list.length > MAX_MACHINES) c.add('$.machines', `has ${list.length} machines; at most ${MAX_MACHINES}`);
  const out: MachineConfig[] = [];
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const path = `$.machines[${i}]`;
    const obj = c.object(raw, path);
    if (!obj) return;
    c.onlyKeys(obj, path, MACHINE_FIELDS);
    const id = c.id(obj.id, `${path}.id`);
    if (id !== undefined && seen.has(id)) c.add(`${path}.id`, `"${id}" is used by another machine; ids must be unique`);
    if (id !== undefined) seen.add(id);
    let host: string | undefined;
    if (def.hosts.length === 0) {
      if (obj.host !== undefined) c.add(`${path}.host`, `does not apply to ${def.id}: each machine is its own host`);
    } else if (obj.host === undefined) host = def.hosts[i % def.hosts.length];
    else host = c.oneOf(obj.host, `${path}.host`, def.hosts);
    const os = obj.os === undefined ? 'windows' : c.oneOf(obj.os, `${path}.os`, ['windows', 'linux'] as const);
    if (def.source === 'aws' && os === 'linux') c.add(`${path}.os`, 'the AWS migration covers Windows instances only');
    const writeMBps = obj.writeMBps === undefined ? 0.5 : c.number(obj.writeMBps, `${path}.writeMBps`, 0, PEAK_VM_MBPS);
    const burstiness = obj.burstiness === undefined ? 0.5 : c.number(obj.burstiness, `${path}.burstiness`, 0, 1);
    const disks = readDisks(obj.disks, `${path}.disks`, def, c);
    const group = obj.group === undefined ? undefined : c.id(obj.group, `${path}.group`);
    if (id && os && writeMBps !== undefined && burstiness !== undefined && disks) out.push({ id, host, os, writeMBps, burstiness, disks, group, processServer: undefined });
  });
  const groups = new Map<string, number>();
  for (const m of out) if (m.group) groups.set(m.group, (groups.get(m.group) ?? 0) + 1);
  for (const [group, n] of groups) if (n > MAX_GROUP) c.add('$.machines', `replication group "${group}" has ${n} machines; at most ${MAX_GROUP} (BEYOND.md, Policies)`);
  return out;
}

function readDisks(v: unknown, path: string, def: ScenarioDefinition, c: Checker): Array<{ id: string; sizeGiB: number }> | undefined {
  if (v === undefined) return [{ id: 'os', sizeGiB: 64 }];
  const list = c.array(v, path);
  if (!list) return undefined;
  const limits = def.disks;
  if (list.length === 0) c.add(path, 'needs at least one disk (the first is the OS disk)');
  if (list.length > limits.maxDisks) c.add(path, `has ${list.length} disks; at most ${limits.maxDisks} (${limits.source})`);
  const out: Array<{ id: string; sizeGiB: number }> = [];
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const dp = `${path}[${i}]`;
    const obj = c.object(raw, dp);
    if (!obj) return;
    c.onlyKeys(obj, dp, ['id', 'sizeGiB']);
    const id = obj.id === undefined ? `disk${i}` : c.id(obj.id, `${dp}.id`);
    if (id && seen.has(id)) c.add(`${dp}.id`, `"${id}" is used by another disk of this machine`);
    if (id) seen.add(id);
    const max = i === 0 ? limits.osMaxGiB : limits.dataMaxGiB;
    let size: number | undefined;
    if (typeof obj.sizeGiB === 'number' && Number.isFinite(obj.sizeGiB) && (obj.sizeGiB < 1 || obj.sizeGiB > max)) {
      c.add(`${dp}.sizeGiB`, `${obj.sizeGiB} GiB is out of range: ${i === 0 ? 'the OS disk' : 'a data disk'} takes 1 to ${max} GiB here (${limits.source})`);
    } else size = c.number(obj.sizeGiB, `${dp}.sizeGiB`, 1, max);
    if (id && size !== undefined) out.push({ id, sizeGiB: size });
  });
  return out.length === list.length ? out : undefined;
}

function readNetwork(v: unknown, def: ScenarioDefinition, c: Checker): NetworkConfig {
  const out: NetworkConfig = { uplinkMbps: def.uplink.mbps, uplinkLatencyMs: 30, lanMbps: 1000 };
  if (v === undefined) return out;
  const obj = c.object(v, '$.network');
  if (!obj) return out;
  c.onlyKeys(obj, '$.network', ['uplinkMbps', 'uplinkLatencyMs', 'lanMbps']);
  if (obj.uplinkMbps !== undefined) out.uplinkMbps = c.number(obj.uplinkMbps, '$.network.uplinkMbps', 0.5, 100_000) ?? out.uplinkMbps;
  if (obj.uplinkLatencyMs !== undefined) out.uplinkLatencyMs = c.number(obj.uplinkLatencyMs, '$.network.uplinkLatencyMs', 0, 10_000) ?? out.uplinkLatencyMs;
  if (obj.lanMbps !== undefined) {
    if (!def.hops.some((h) => h.link === 'lan')) c.add('$.network.lanMbps', `does not apply to ${def.id}: there is no local hop to a process server`);
    else out.lanMbps = c.number(obj.lanMbps, '$.network.lanMbps', 1, 100_000) ?? out.lanMbps;
  }
  return out;
}

function readParameters(v: unknown, c: Checker) {
  const out = defaultParameters();
  if (v === undefined) return out;
  const obj = c.object(v, '$.parameters');
  if (!obj) return out;
  for (const [key, value] of Object.entries(obj)) {
    const path = childPath('$.parameters', key);
    const spec = parameterSpec(key);
    if (!spec) {
      c.add(path, `is not a known parameter; known: ${PARAMETERS.filter((p) => !p.fixed).map((p) => p.key).join(', ')}`);
      continue;
    }
    if (spec.fixed) {
      c.add(path, `cannot be changed: ${spec.source}`);
      continue;
    }
    const n = c.number(value, path, spec.min, spec.max);
    if (n !== undefined) out[key as ParameterKey] = n;
  }
  const block = out['model.blockMiB'];
  if (out['resync.chunkMiB'] % block !== 0) c.add('$.parameters["resync.chunkMiB"]', `must be a multiple of model.blockMiB (${block})`);
  return out;
}
