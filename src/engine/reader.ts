// The engine's read surface: typed readings of a run's state (machines, points, jobs, failovers,
// plans, components, links, events), for the page, lessons and tests. Each reading is a copy made
// when asked for, so nothing read can change the run; the simulation's own objects stay inside.

import type { Rejection } from './commands';
import type { SimEvent } from './events';
import { inspect, type Inspection } from './inspect';
import type { Job } from './protection/jobs';
import { checkAllPoints } from './protection/integrity';
import { copy, previewFailover, previewPoint, recoveryOf, type ChoicePreview, type RecoveryView, type WizardPreview } from './recoveryView';
import type { PlanRun } from './recovery/plans';
import type { FailoverRecord } from './recovery/records';
import type { FailoverType } from './script/config';
import type { MachineRuntime } from './protection/machineRuntime';
import type { Simulation } from './simulation';
import type { Health } from './components/states';
import type { ProcessServerFigures } from './protection/processServerFigures';
import { chartSampleOf, liveOf, machineViewOf, topologyOf, type ChartSample, type LiveView, type MachineView, type PointChanges, type PointsFeed, type TopologyView } from './view';

/** A retained recovery point. */
export interface PointReading {
  /** Source time the point stands for. */
  at: number;
  /** When the point was made (its source time reached the target and was processed). */
  createdAt: number;
  consistency: 'app' | 'crash';
  multiVm: boolean;
}

/** An initial replication or resync in progress. */
export interface CopyReading {
  kind: 'initial' | 'resync';
  bytesTotal: number;
  diskBytesTotal: number[];
  diskBytesDone: number[];
  /** Chunks whose checksums differ (all of them for an initial copy), and all chunks, per disk. */
  diskChunksDiffering: number[];
  diskChunksTotal: number[];
}

/** What a machine's source disks held: by write sequence number, from the oldest write still logged. */
export interface SourceReading {
  /** Writes made so far (the newest write's sequence number). */
  readonly seq: number;
  /** The oldest write whose block is still known (earlier content is folded into the base). */
  readonly oldestLogged: number;
  /** The newest write made at or before source time t. */
  seqAtTime(t: number): number;
  /** When write `seq` was made. */
  timeOf(seq: number): number;
  /** Source time of write w (one still logged: from `oldestLogged` to `seq`). */
  timeOf(w: number): number;
  /** Each disk's blocks (block versions) after write w. */
  contentAt(w: number): Uint32Array[];
}

/** One machine, with the figures the page shows and what lessons and tests check. */
export interface MachineReading extends MachineView {
  running: boolean;
  pointsCreated: number;
  pointsPruned: number;
  resyncs: number;
  /** Writes applied at the target. */
  appliedWrites: number;
  /** Changes (items) on their way to the target. */
  inFlight: number;
  /** Source time through which the target has received every change while RPO applies, else null (`rpoSeconds` is data time less this, never below 0). */
  receivedThrough: number | null;
  /** Bytes sent so far over each hop of the replication path (the last is applying at the target). */
  sentOverHop: number[];
  /** Blocks of each disk at the source and in the replica. */
  sourceBlocks: number[];
  replicaBlocks: number[];
  copy: CopyReading | null;
}

export interface ComponentReading {
  id: string;
  health: Health;
  /** The component's statechart states, e.g. ["power.up", "service.running"]. */
  states: string[];
  deployed: boolean;
}

export interface LinkReading {
  id: string;
  health: Health;
  states: string[];
  /** Share of the link's bandwidth available now (0 when down). */
  share: number;
  /** Bytes a second the link can carry now. */
  capacityBytesPerSecond: number;
  deployed: boolean;
}

/** The read surface of one run. It reads the run as it is when called. */
export interface EngineReader {
  /** Simulated time the run has reached (events at it have run). */
  readonly now: number;
  /** Data is worked out up to this time (at most one step behind `now`). */
  readonly dataTime: number;
  readonly until: number;
  topology(): TopologyView;
  /** Everything the page shows of the run; `eventsFrom` is how many events the caller already has. */
  live(eventsFrom: number): LiveView;
  chartSample(): ChartSample;
  recovery(): RecoveryView;
  inspect(id: string): Inspection | undefined;
  previewFailover(machine: string, type: FailoverType, shutdownSource: boolean): WizardPreview | undefined;
  previewPoint(machine: string, at: number): ChoicePreview | undefined;
  /** Recovery points made and pruned since the feed last looked. */
  pointChanges(feed: PointsFeed): PointChanges[];
  /** The events logged, from index `from` on. */
  events(from?: number): SimEvent[];
  /** How many events are logged. */
  readonly eventCount: number;
  machines(): MachineReading[];
  machine(id: string): MachineReading | undefined;
  points(machine: string): PointReading[];
  /** Indices of retained points whose content is not exactly the source's as of their time (none in a correct run). */
  pointProblems(machine: string): number[];
  /** The machine's source disks; unlike the other readings it follows the run as it goes on. */
  source(machine: string): SourceReading | undefined;
  jobs(): Job[];
  /** Steps rejected so far, each with its reason (English, and as a message). */
  rejections(): Rejection[];
  failovers(): FailoverRecord[];
  planRuns(): PlanRun[];
  components(): ComponentReading[];
  component(id: string): ComponentReading | undefined;
  links(): LinkReading[];
  /** The statechart states of a component, link or site ("primarySite"), e.g. ["power.down.noHeartbeat"]. */
  states(id: string): string[];
  /** Bytes a second a link can carry now. */
  linkCapacity(id: string): number;
  /** A process server's figures as it last read them (every 5 simulated minutes), a copy; undefined before its first reading or for no such server. */
  processServerFigures(id: string): ProcessServerFigures | undefined;
  /** The replication policy in force now (retention and thresholds in seconds). */
  policy(): Simulation['policy'];
  /** What the run has done so far, for benchmarks: transfers the data plane delivered and control events run. */
  work(): { transfers: number; controlEvents: number };
  /** A moment as people read it ("Mon 09:05"), and whether it falls in office hours. */
  clockLabel(t: number): string;
  isOfficeHours(t: number): boolean;
}

/** The read surface over the run `current()` gives (a run made again from its start replaces it). */
export function readerOf(current: () => Simulation): EngineReader {
  const find = (id: string) => current().machines.find((m) => m.id === id);
  const reading = (sim: Simulation, m: MachineRuntime): MachineReading => {
    const s = m.stream;
    const job = s.copy;
    return {
      ...machineViewOf(sim, m, sim.dataTime),
      running: !m.off,
      pointsCreated: s.points.created,
      pointsPruned: s.points.pruned,
      resyncs: s.resyncs,
      appliedWrites: s.appliedSeq,
      inFlight: s.items,
      receivedThrough: s.rpoActive ? s.receivedThrough : null,
      sentOverHop: sim.hops.map((_, h) => s.sentOver(h)),
      sourceBlocks: s.source.disks.map((d) => d.length),
      replicaBlocks: s.replica.disks.map((d) => d.length),
      copy: job
        ? { kind: job.kind, bytesTotal: job.bytesTotal, diskBytesTotal: [...job.diskBytesTotal], diskBytesDone: [...job.diskBytesDone], diskChunksDiffering: [...job.diskChunksDiffering], diskChunksTotal: [...job.diskChunksTotal] }
        : null
    };
  };
  const component = (sim: Simulation, id: string): ComponentReading | undefined => {
    const c = sim.topology.components.get(id);
    return c ? { id, health: c.health, states: sim.topology.paths(id), deployed: sim.deployed.has(id) } : undefined;
  };
  return {
    get now() {
      return current().now;
    },
    get dataTime() {
      return current().dataTime;
    },
    get until() {
      return current().config.until;
    },
    topology: () => topologyOf(current()),
    live: (from) => liveOf(current(), from),
    chartSample: () => chartSampleOf(current()),
    recovery: () => recoveryOf(current()),
    inspect: (id) => inspect(current(), id),
    previewFailover: (machine, type, shutdownSource) => previewFailover(current(), machine, type, shutdownSource),
    previewPoint: (machine, at) => previewPoint(current(), machine, at),
    pointChanges: (feed) => feed.changes(current()),
    events: (from = 0) => current().log.list.slice(from),
    get eventCount() {
      return current().log.list.length;
    },
    machines: () => {
      const sim = current();
      return sim.machines.map((m) => reading(sim, m));
    },
    machine: (id) => {
      const m = find(id);
      return m ? reading(current(), m) : undefined;
    },
    points: (id) => {
      const list = find(id)?.stream.points;
      if (!list) return [];
      const out: PointReading[] = [];
      for (let k = 0; k < list.length; k++) out.push({ at: list.at(k), createdAt: list.createdAt(k), consistency: list.consistency(k), multiVm: list.multiVm(k) });
      return out;
    },
    pointProblems: (id) => {
      const m = find(id);
      return m ? checkAllPoints(m.stream) : [];
    },
    source: (id) => find(id)?.stream.source,
    jobs: () => current().jobs.list.map((j) => ({ ...j })),
    rejections: () => copy(current().rejected),
    failovers: () => copy(current().failovers),
    planRuns: () => copy(current().plans.runs),
    components: () => {
      const sim = current();
      return [...sim.topology.components.keys()].map((id) => component(sim, id)!);
    },
    component: (id) => component(current(), id),
    links: () => {
      const sim = current();
      return [...sim.topology.links.values()].map((l) => ({
        id: l.def.id,
        health: l.health,
        states: sim.topology.paths(l.def.id),
        share: l.share,
        capacityBytesPerSecond: sim.topology.linkCapacity(l.def.id),
        deployed: sim.deployed.has(l.def.id)
      }));
    },
    processServerFigures: (id) => {
      const f = current().fleet.get(id)?.figures;
      return f ? { ...f } : undefined;
    },
    states: (id) => current().topology.paths(id),
    linkCapacity: (id) => current().topology.linkCapacity(id),
    policy: () => ({ ...current().policy }),
    work: () => {
      const sim = current();
      return { transfers: sim.machines.reduce((n, m) => n + m.stream.deliveries, 0), controlEvents: sim.scheduler.processed };
    },
    clockLabel: (t) => current().calendar.label(t),
    isOfficeHours: (t) => current().calendar.isOfficeHours(t)
  };
}
