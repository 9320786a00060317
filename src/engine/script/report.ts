// The run report (`npm run sim -- FILE --json`): fields may be added over time, never renamed.

import type { Simulation } from '../simulation';
import type { Severity } from '../events';
import type { Rejection } from '../commands';
import type { FailoverRecord } from '../recovery/records';
import type { PlanRun } from '../recovery/plans';
import { failbackChecklist, type FailbackNeed } from '../recovery/commands';
import { hostVolumesOf, type HostVolumeView } from '../view';

export interface Report {
  scenario: string;
  /** The file's title, when it has one. */
  title: string | null;
  seed: number;
  /** Simulated seconds the run covered. */
  until: number;
  /** Site-local date-time of simulated time zero. */
  start: string;
  machines: MachineReport[];
  jobs: Array<{ name: string; machine: string | null; state: string; start: number; end: number | null }>;
  events: Array<{ at: number; severity: Severity; code: string; machine: string | null; component: string | null; message: string }>;
  rejected: Array<Omit<Rejection, 'text'>>;
  components: Array<{ id: string; kind: string; state: string; health: string }>;
  links: Array<{ id: string; state: string; health: string; mbps: number }>;
  /** Test failovers, failovers and failbacks, in the order they started. */
  failovers: FailoverRecord[];
  /** Recovery plan runs with their group timings and RTO. */
  plans: PlanRun[];
  /** What failing back needs in this scenario, and whether it is there at the end of the run. */
  failbackPrerequisites: Array<Omit<FailbackNeed, 'text'>>;
  /** Hyper-V host volumes at the end of the run (empty where hosts keep no .hrl logs). */
  hostVolumes: HostVolumeView[];
}

export interface MachineReport {
  id: string;
  protection: string;
  health: string;
  healthReason: string;
  rpoSeconds: number | null;
  recoveryPoints: Array<{ at: number; consistency: string; multiVm: boolean }>;
  /** Points made over the whole run, and pruned by retention. */
  pointsCreated: number;
  pointsPruned: number;
  resyncs: number;
  writes: number;
  /** Where the machine runs: "primary", or "target" after a failover. */
  side: string;
  /** The machine's drill: idle, starting, running or cleaningUp (a test copy exists unless idle). */
  testFailover: string;
  disks: Array<{ id: string; sizeGiB: number; hrlBytes?: number }>;
  /** The process server it replicates through at the end (scenarios with a process server only). */
  processServer?: string;
}

/** Rounds simulated seconds to the millisecond, so reports do not carry float noise. */
export const ms = (t: number): number => Math.round(t * 1000) / 1000;

export function buildReport(sim: Simulation): Report {
  const now = sim.now;
  const hrl = sim.def.tracker === 'hrl';
  return {
    scenario: sim.def.id,
    title: sim.config.title ?? null,
    seed: sim.config.seed,
    until: ms(now),
    start: sim.calendar.label(0),
    machines: sim.machines.map((m) => {
      const s = m.stream;
      return {
        id: m.id,
        protection: m.protection,
        health: m.health,
        healthReason: m.healthReason,
        rpoSeconds: s.rpoActive ? ms(Math.max(0, now - s.receivedThrough)) : null,
        recoveryPoints: s.points.views().map((p) => ({ at: ms(p.at), consistency: p.consistency, multiVm: p.multiVm })),
        pointsCreated: s.points.created,
        pointsPruned: s.points.pruned,
        resyncs: s.resyncs,
        writes: s.source.seq,
        side: m.side,
        testFailover: String(sim.recoveryOf(m).drill.getSnapshot().value),
        disks: m.config.disks.map((d, i) => (hrl ? { id: d.id, sizeGiB: d.sizeGiB, hrlBytes: s.hrlBytes(i) } : { id: d.id, sizeGiB: d.sizeGiB })),
        ...(sim.def.processServer ? { processServer: sim.fleet.of(s.index).id } : {})
      };
    }),
    jobs: sim.jobs.list.map((j) => ({ name: j.name, machine: j.machine, state: j.state, start: ms(j.start), end: j.end === null ? null : ms(j.end) })),
    events: sim.log.list.map((e) => ({ at: ms(e.at), severity: e.severity, code: e.code, machine: e.machine, component: e.component, message: e.message })),
    rejected: sim.rejected.map((r) => ({ step: r.step, at: ms(r.at), do: r.do, reason: r.reason })),
    components: [...sim.topology.components.values()].map((c) => ({ id: c.def.id, kind: c.def.kind, state: sim.deployed.has(c.def.id) ? sim.topology.paths(c.def.id).join(' ') : 'notDeployed', health: c.health })),
    links: [...sim.topology.links.values()].map((l) => ({ id: l.def.id, state: sim.deployed.has(l.def.id) ? sim.topology.paths(l.def.id).join(' ') : 'notDeployed', health: l.health, mbps: l.baseMbps * l.share })),
    failovers: sim.failovers.map((f) => roundTimes(f)),
    plans: sim.plans.runs.map((r) => roundTimes(r)),
    failbackPrerequisites: failbackChecklist(sim).map((n) => ({ id: n.id, what: n.what, met: n.met, reason: n.reason })),
    hostVolumes: hostVolumesOf(sim)
  };
}

/** A deep copy with every number that is a time rounded to the millisecond. */
function roundTimes<T>(v: T): T {
  return JSON.parse(JSON.stringify(v), (_k, x: unknown) => (typeof x === 'number' ? ms(x) : x)) as T;
}
