// What the page draws, read from a running simulation: plain data, cheap to copy to the page. The
// static part (sites, components, links) is read once per scenario; the live part at each frame.

import type { Simulation } from './simulation';
import { CACHE_CRITICAL_FREE_PERCENT, CACHE_WARNING_FREE_PERCENT } from './simulation/componentHealth';
import type { SimEvent } from './events';
import type { Message } from './messages/index';
import type { Health } from './topology';
import type { SiteId } from './scenarios/types';
import type { RecoveryPoints } from './data/recoveryPoints';
import type { ProcessServerFigures } from './protection/processServerFigures';
import type { ProcessServerRuntime } from './protection/processServerFleet';
import type { MachineRuntime } from './protection/machineRuntime';
import type { TrackerKind } from './data/types';
import type { Step } from './script/config';
import { RATE_WINDOW } from './data/linkMeter';
import { DEFAULT_SCALE_OUT_SIZE, SCALE_OUT_SIZES } from './scenarios/processServers';

export interface TopologyView {
  scenario: string;
  title: string;
  /** How changes are tracked: the Mobility service or Unified Agent, Hyper-V's .hrl logs, or SAN arrays. */
  tracker: TrackerKind;
  sites: Array<{ id: SiteId; label: string }>;
  components: Array<{ id: string; kind: string; label: string; site: SiteId; role: string; deployable: boolean }>;
  /** Links between components; "$machines" / "$hosts" stand for the protected machines or their hosts. */
  links: Array<{ id: string; from: string; to: string; protocol: string; port: number | null; purpose: string; label: string; deployable: boolean }>;
  machines: Array<{ id: string; host: string | null; os: string; disks: Array<{ id: string; sizeGiB: number }>; group: string | null; processServer: string | null }>;
  /** The component that holds the replicas: failed-over machines run on its side. */
  replicaAt: string;
  /** Local date-time of simulated 0 s ("2025-03-03T08:00:00"), for clock times on time axes. */
  start: string;
  /** Office hours as [start, end) intervals in simulated seconds over [0, until], for shading time axes. */
  officeHours: Array<[number, number]>;
  /** Share of a disk's size at which its `.hrl` log forces a resync (0.5), or null when the scenario has no `.hrl` logs. */
  hrlResyncFraction: number | null;
  /** The process server whose cache and upload the charts show, or null when the scenario has none. */
  processServer: ProcessServerInfo | null;
  /** Every process server of the run, the built-in one first (empty where there is none). */
  processServers: ProcessServerInfo[];
  /** Hyper-V host volumes (empty where hosts keep no .hrl logs): their size and whether it is the default. */
  hostVolumes: Array<{ host: string; capacityBytes: number; defaulted: boolean; warningFreePercent: number }>;
  /** The sizes a scale-out process server can have (BEYOND.md, Capacity), and the one a file gets when it names none; empty where there is no process server. */
  scaleOutSizes: Array<{ id: string; vcpu: number; memoryGB: number; cacheGiB: number; churnTBPerDay: number; maxMachines: number }>;
  defaultScaleOutSize: string;
  /** The file's own story (its `title` and `description`), for people; null where the file has none. */
  story: { title: string | null; description: string | null };
  /** The file's steps as the engine reads them (times in seconds, defaults filled in), in time order: the story's moments. */
  steps: Step[];
}

/** What a Hyper-V host's volume holds now. */
export interface HostVolumeView {
  host: string;
  capacityBytes: number;
  /** The virtual disks of its VMs. */
  vhdBytes: number;
  /** Changes held by the VM snapshots of initial replications running now. */
  snapshotBytes: number;
  /** .hrl logs, being written and waiting to be sent. */
  logBytes: number;
  freeBytes: number;
}

/** What does not change about a process server during a run: its cache size, its size and the levels that matter. */
export interface ProcessServerInfo {
  id: string;
  label: string;
  /** Configured cache size (a `cacheFull` fault makes the live capacity 0). */
  cacheBytes: number;
  /** Health turns Warning below this much free cache, Critical below `criticalFreePercent`. */
  warningFreePercent: number;
  criticalFreePercent: number;
  /** Replication is throttled below this much free cache, until it is back above `recoverFreePercent`. */
  throttleFreePercent: number;
  recoverFreePercent: number;
  /** A scale-out server's size from the capacity table ("4 vCPU, 8 GB memory, 300 GB cache"), or null for the built-in one. */
  size: string | null;
  /** The churn a day and the machines its size is for: beyond either its health turns Warning. */
  dailyCapacityBytes: number;
  maxMachines: number;
  /** Added by a step during the run rather than there from the start. */
  deployable: boolean;
}

/** A process server's live figures (see protection/processServerFigures.ts), read every 5 simulated minutes. */
export type ProcessServerView = { id: string } & Omit<ProcessServerFigures, 'machines'> & {
  /** The machines that replicate through it now. */
  machines: string[];
};

/** What a copy of a machine's disks is for: the first copy, a resync, reprotection, or failback. */
export type CopyPurpose = 'initial' | 'resync' | 'reprotect' | 'failback';

export interface MachineView {
  id: string;
  protection: string;
  statePath: string;
  side: string;
  health: Health;
  healthReason: string;
  /** The health reason as a message code with its parameters. */
  healthText: Message;
  rpoSeconds: number | null;
  rpoThreshold: number;
  points: number;
  newestPointAt: number | null;
  /** 0..1 while a copy (initial replication, resync, reprotect) runs. */
  copyProgress: number | null;
  /** Per disk, 0..1 while a copy runs (a disk with nothing to send is 1); null when no copy runs. */
  diskProgress: number[] | null;
  /** What the running copy is for; null when none runs. */
  copyPurpose: CopyPurpose | null;
  /** Whether the newest retained point is app-consistent; null when there is none. */
  newestPointAppConsistent: boolean | null;
  hrlBytes: number[] | null;
  diskBytes: number[];
  writes: number;
  drill: string;
  /** The process server it replicates through now (null where there is none). */
  processServer: string | null;
}

export interface LiveView {
  /** Simulated seconds the data has reached. */
  now: number;
  /** Local date-time label of `now`. */
  clock: string;
  officeHours: boolean;
  until: number;
  machines: MachineView[];
  components: Array<{ id: string; state: string; health: Health; deployed: boolean }>;
  links: Array<{ id: string; state: string; health: Health; mbps: number; deployed: boolean }>;
  jobs: Array<{ id: number; name: string; machine: string | null; state: string; start: number; end: number | null; progress: number | null; detail: string }>;
  /** Recovery points are kept this long (seconds, the policy's retention: a setPolicy step may change it). */
  retention: number;
  /** The built-in process server's figures, or null when the scenario has none. */
  processServer: ProcessServerView | null;
  /** Every process server's figures, the built-in one first. */
  processServers: ProcessServerView[];
  /** Hyper-V host volumes (empty elsewhere). */
  hostVolumes: HostVolumeView[];
  /**
   * What each data link carried, in bytes a second on the wire, averaged over the window
   * [from, to] of simulated time: the last RATE_WINDOW (300) seconds up to where the data has been worked
   * out (`dataTime`), or since the link last changed. A link that is down reads 0. Keys are link
   * ids and, with scale-out process servers, "uplink@<server>" for each server's part of the
   * uplink. `bytesPerSecond` is null while the window is under a second long.
   */
  linkRates: Record<string, { bytesPerSecond: number | null; from: number; to: number }>;
  /** Data has been worked out up to this moment (at most one data window behind `now`). */
  dataTime: number;
  /** Events logged since the event index the caller already has. */
  events: SimEvent[];
  /** The index in the log of the first of `events` (the caller's count, or less when the run was made again and its log differs from there). */
  eventsFrom: number;
  eventCount: number;
  rejected: number;
}

const SITE_LABELS: Record<SiteId, string> = {
  primary: 'Primary site',
  secondary: 'Secondary site',
  azure: 'Azure',
  aws: 'AWS (source VPC)',
  azureSource: 'Azure (source region)'
};

export function topologyOf(sim: Simulation): TopologyView {
  const def = sim.def;
  const sites = [...new Set(def.components.map((c) => c.site))];
  return {
    scenario: def.id,
    title: def.title,
    tracker: def.tracker,
    sites: sites.map((id) => ({ id, label: SITE_LABELS[id] })),
    components: def.components.map((c) => ({ id: c.id, kind: c.kind, label: c.label, site: c.site, role: c.role, deployable: c.deployable === true })),
    links: def.links.map((l) => ({ id: l.id, from: l.from, to: l.to, protocol: l.protocol, port: l.port ?? null, purpose: l.purpose, label: l.label, deployable: l.deployable === true })),
    machines: sim.config.machines.map((m) => ({ id: m.id, host: m.host ?? null, os: m.os, disks: m.disks.map((d) => ({ ...d })), group: m.group ?? null, processServer: m.processServer ?? null })),
    replicaAt: def.replicaAt,
    start: sim.calendar.label(0),
    officeHours: sim.calendar.officeIntervals(0, sim.config.until),
    hrlResyncFraction: def.tracker === 'hrl' ? sim.params['hrl.resyncPercent'] / 100 : null,
    processServer: processServerInfo(sim),
    processServers: sim.def.processServer ? sim.fleet.servers.map((ps) => serverInfo(sim, ps)) : [],
    hostVolumes: sim.config.hostVolumes.map((v) => ({ host: v.host, capacityBytes: sim.volumes.get(v.host)!.capacityBytes, defaulted: v.defaulted, warningFreePercent: sim.params['hyperv.hostWarnFreePercent'] })),
    scaleOutSizes: sim.def.processServer ? SCALE_OUT_SIZES.map((z) => ({ id: z.id, vcpu: z.vcpu, memoryGB: z.memoryGB, cacheGiB: z.cacheGiB, churnTBPerDay: z.churnTBPerDay, maxMachines: z.maxMachines })) : [],
    defaultScaleOutSize: DEFAULT_SCALE_OUT_SIZE,
    story: { title: sim.config.title ?? null, description: sim.config.description ?? null },
    steps: [...sim.config.steps].sort((a, b) => a.at - b.at || a.index - b.index).map((s) => JSON.parse(JSON.stringify(s)) as Step)
  };
}

/** Every Hyper-V host volume as it is now. */
export function hostVolumesOf(sim: Simulation): HostVolumeView[] {
  return [...sim.volumes.values()].map((v) => {
    const snapshot = v.snapshotBytes;
    return { host: v.host, capacityBytes: v.capacityBytes, vhdBytes: v.vhdBytes, snapshotBytes: snapshot, logBytes: v.extraBytes - snapshot, freeBytes: v.freeBytes };
  });
}

// The cache's health levels are the simulation's own (simulation.ts, componentHealth).

function processServerInfo(sim: Simulation): ProcessServerInfo | null {
  return sim.def.processServer ? serverInfo(sim, sim.fleet.builtIn) : null;
}

function serverInfo(sim: Simulation, ps: ProcessServerRuntime): ProcessServerInfo {
  const p = sim.params;
  return {
    id: ps.id,
    label: sim.label(ps.id),
    cacheBytes: ps.cacheBytes,
    warningFreePercent: CACHE_WARNING_FREE_PERCENT,
    criticalFreePercent: CACHE_CRITICAL_FREE_PERCENT,
    throttleFreePercent: p['processServer.throttleFreePercent'],
    recoverFreePercent: p['processServer.recoverFreePercent'],
    size: ps.size ? `${ps.size.vcpu} vCPU, ${ps.size.memoryGB} GB memory, ${ps.size.cacheGiB} GB cache` : null,
    dailyCapacityBytes: ps.dailyCapacityBytes,
    maxMachines: ps.maxMachines,
    deployable: sim.def.components.find((c) => c.id === ps.id)?.deployable === true
  };
}

/** A process server's figures now; before their first reading (every 5 minutes) an idle server's. */
function serverView(sim: Simulation, ps: ProcessServerRuntime): ProcessServerView {
  const f = ps.figures;
  const machines = sim.machines.filter((_, i) => sim.fleet.poolOf[i] === ps.pool).map((m) => m.id);
  if (!f) {
    return { id: ps.id, cacheUsedBytes: 0, cacheCapacityBytes: ps.cacheBytes, cacheFreePercent: 100, uploadBytesPerSecond: 0, intakeBytesPerSecond: 0, cpuPercent: 0, memoryPercent: 0, backlogAgeSeconds: 0, dailyBytes: 0, machines };
  }
  return {
    id: ps.id,
    cacheUsedBytes: f.cacheUsedBytes,
    cacheCapacityBytes: f.cacheCapacityBytes,
    cacheFreePercent: f.cacheFreePercent,
    uploadBytesPerSecond: f.uploadBytesPerSecond,
    intakeBytesPerSecond: f.intakeBytesPerSecond,
    cpuPercent: f.cpuPercent,
    memoryPercent: f.memoryPercent,
    backlogAgeSeconds: f.backlogAgeSeconds,
    dailyBytes: f.dailyBytes,
    machines
  };
}

function processServerView(sim: Simulation): ProcessServerView | null {
  return sim.def.processServer ? serverView(sim, sim.fleet.builtIn) : null;
}

function copyPurpose(m: MachineRuntime): CopyPurpose | null {
  const job = m.stream.copy;
  if (!job) return null;
  if (m.copyKind === 'failback') return 'failback';
  if (m.reprotectCopying) return 'reprotect';
  return job.kind;
}

function diskProgress(m: MachineRuntime): number[] | null {
  const job = m.stream.copy;
  if (!job) return null;
  return job.diskBytesTotal.map((total, d) => (total > 0 ? Math.min(1, job.diskBytesDone[d]! / total) : 1));
}

const rpoOf = (m: MachineRuntime, now: number): number | null => (m.stream.rpoActive ? Math.max(0, now - m.stream.receivedThrough) : null);
const hrlOf = (m: MachineRuntime): number[] => m.config.disks.map((_, i) => m.stream.hrlBytes(i));
const componentsOf = (sim: Simulation): LiveView['components'] =>
  [...sim.topology.components.values()].map((c) => ({ id: c.def.id, state: sim.topology.paths(c.def.id).join(' '), health: c.health, deployed: sim.deployed.has(c.def.id) }));

/**
 * What the live charts draw at one moment: the figures of a live view that change with time, and
 * nothing else (a live view has all of them, so it is one too). The worker takes one at regular
 * moments of simulated time while it runs on, so the charts draw the run as the engine computed it
 * whatever the speed, a seek or Next event, rather than a straight line between two frames.
 */
export interface ChartSample {
  /** Simulated seconds the data has reached. */
  now: number;
  machines: Array<Pick<MachineView, 'id' | 'rpoSeconds' | 'hrlBytes' | 'diskBytes' | 'diskProgress'>>;
  components: LiveView['components'];
  processServers: ProcessServerView[];
  hostVolumes: HostVolumeView[];
}

/** The chart figures now (see ChartSample). */
export function chartSampleOf(sim: Simulation): ChartSample {
  const now = sim.dataTime;
  const hrl = sim.def.tracker === 'hrl';
  return {
    now,
    machines: sim.machines.map((m) => ({ id: m.id, rpoSeconds: rpoOf(m, now), hrlBytes: hrl ? hrlOf(m) : null, diskBytes: [...m.stream.diskBytes], diskProgress: diskProgress(m) })),
    components: componentsOf(sim),
    processServers: sim.def.processServer ? sim.fleet.servers.map((ps) => serverView(sim, ps)) : [],
    hostVolumes: hostVolumesOf(sim)
  };
}

/** One machine as the page and the read surface show it, as of data time `now`. */
export function machineViewOf(sim: Simulation, m: MachineRuntime, now: number): MachineView {
  const hrl = sim.def.tracker === 'hrl';
  const s = m.stream;
  return {
    id: m.id,
    protection: m.protection,
    statePath: m.statePath,
    side: m.side,
    health: m.health,
    healthReason: m.healthReason,
    healthText: m.healthText,
    rpoSeconds: rpoOf(m, now),
    rpoThreshold: s.rpoThreshold,
    points: s.points.length,
    newestPointAt: s.points.length > 0 ? s.points.at(s.points.newest) : null,
    copyProgress: m.copyProgress,
    diskProgress: diskProgress(m),
    copyPurpose: copyPurpose(m),
    newestPointAppConsistent: s.points.length > 0 ? s.points.consistency(s.points.newest) === 'app' : null,
    hrlBytes: hrl ? hrlOf(m) : null,
    diskBytes: [...s.diskBytes],
    writes: s.source.seq,
    drill: String(sim.recoveryOf(m).drill.getSnapshot().value),
    processServer: sim.def.processServer ? sim.fleet.of(s.index).id : null
  };
}

/** The live state; `eventsFrom` is the number of events the caller already holds. */
export function liveOf(sim: Simulation, eventsFrom: number): LiveView {
  const now = sim.dataTime;
  return {
    now,
    clock: sim.calendar.label(now),
    officeHours: sim.calendar.isOfficeHours(now),
    until: sim.config.until,
    machines: sim.machines.map((m) => machineViewOf(sim, m, now)),
    components: componentsOf(sim),
    links: [...sim.topology.links.values()].map((l) => ({ id: l.def.id, state: sim.topology.paths(l.def.id).join(' '), health: l.health, mbps: l.baseMbps * l.share, deployed: sim.deployed.has(l.def.id) })),
    jobs: sim.jobs.list.slice(-40).map((j) => ({ ...j })),
    retention: sim.policy.retention,
    processServer: processServerView(sim),
    processServers: sim.def.processServer ? sim.fleet.servers.map((ps) => serverView(sim, ps)) : [],
    hostVolumes: hostVolumesOf(sim),
    linkRates: sim.linkRates(RATE_WINDOW),
    dataTime: sim.dataTime,
    events: sim.log.list.slice(eventsFrom),
    eventsFrom,
    eventCount: sim.log.list.length,
    rejected: sim.rejected.length
  };
}

/** A recovery point as the page draws it. */
export interface PointMark {
  /** Source time the point stands for (simulated seconds). */
  at: number;
  appConsistent: boolean;
  /** Shared with the machine's replication group (multi-VM consistent). */
  multiVm: boolean;
}

/**
 * How one machine's retained recovery points changed since the previous frame. To follow the list,
 * drop `pruned` points from its oldest end, then append `added` (oldest first). With `reset` the
 * list starts over: `added` is the whole of it (the first frame, a new run after a rewind, or a
 * machine that failed over and keeps its points on the other side now).
 */
export interface PointChanges {
  machine: string;
  reset: boolean;
  pruned: number;
  added: PointMark[];
}

/**
 * Sends each machine's recovery points once: every frame carries only the points made and pruned
 * since the previous one, so frames stay small with many machines and days of retention. A
 * machine's points are appended at the newest end and pruned from the oldest, and the list counts
 * both, so the counts say exactly which points a frame must add and drop.
 */
export class PointsFeed {
  private readonly seen = new Map<string, { list: RecoveryPoints; created: number; pruned: number }>();

  /** The changes since the last call, for the machines whose points changed. */
  changes(sim: Simulation): PointChanges[] {
    const out: PointChanges[] = [];
    for (const m of sim.machines) {
      const list = m.stream.points;
      const before = this.seen.get(m.id);
      const created = list.created;
      const pruned = list.pruned;
      // Indices in creation order: the list holds points [pruned, created).
      if (!before || before.list !== list) {
        out.push({ machine: m.id, reset: true, pruned: 0, added: marks(list, 0) });
      } else if (created !== before.created || pruned !== before.pruned) {
        const dropped = Math.max(0, Math.min(pruned, before.created) - before.pruned);
        const firstNew = Math.max(before.created, pruned) - pruned;
        out.push({ machine: m.id, reset: false, pruned: dropped, added: marks(list, firstNew) });
      } else {
        continue;
      }
      this.seen.set(m.id, { list, created, pruned });
    }
    return out;
  }
}

/** The points of a list from index k (0 = oldest retained) on. */
function marks(list: RecoveryPoints, from: number): PointMark[] {
  const out: PointMark[] = [];
  for (let k = from; k < list.length; k++) out.push({ at: list.at(k), appConsistent: list.consistency(k) === 'app', multiVm: list.multiVm(k) });
  return out;
}
