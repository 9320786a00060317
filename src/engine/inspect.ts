// What the inspector shows for one thing on the page (a component, a link, a machine or the primary
// site): the statecharts that drive it, drawn from the XState machines themselves, with the states
// it is in and the events it can take next; its figures; and the faults it can be given, each with
// the engine's reason when one does not apply.

import type { AnyActorRef, AnyStateMachine } from 'xstate';
import { faultNotApplicable, resolveTarget, type ActiveFault } from './protection/faults';
import { english, isMessage, type Message } from './messages/index';
import { FAULT_KINDS, type FaultKind } from './script/config';
import type { Simulation } from './simulation';
import { formatBytes, formatTB } from './units';
import { formatDuration } from './time/duration';
import { RATE_WINDOW } from './data/linkMeter';

export interface StatechartNode {
  /** XState's id, unique in the machine ("processServer.power.down"). */
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Id of the child a compound state starts in. */
  initial: string | null;
  children: StatechartNode[];
}

export interface StatechartEdge {
  source: string;
  /** The event as people read it: "ps.down", "after heartbeatTimeout", "when done". */
  label: string;
  targets: string[];
  guard: string | null;
}

export interface StatechartView {
  /** The machine's id, also the root node's id. */
  id: string;
  root: StatechartNode;
  edges: StatechartEdge[];
}

export interface ActorInspection {
  /** What the actor is ("Replication", "Retries over uplink"). */
  title: string;
  chart: StatechartView;
  /** Ids of every active state node, the root included. */
  active: string[];
  /** Transitions out of the active states: the events the actor reacts to now. */
  next: Array<StatechartEdge & { allowed: boolean }>;
}

export interface FaultOption {
  kind: FaultKind;
  /** Why the engine would refuse it here, or null when it applies. */
  notApplicable: string | null;
  /** Active faults of this kind on this target. */
  active: Array<{ id: number; since: number }>;
}

/** An action the inspector offers, with the engine's reason when it would refuse it now. */
export interface ActionOption {
  do: 'enableReplication' | 'resync' | 'disableReplication';
  refused: string | null;
}

export interface Inspection {
  id: string;
  /** The name faults and actions address it by (the protected machines stand for their site). */
  target: string;
  kind: 'component' | 'link' | 'machine' | 'site';
  title: string;
  role: string;
  actors: ActorInspection[];
  figures: Array<{ label: string; value: string }>;
  faults: FaultOption[];
  /** What can be done to a machine now (empty for anything else), each with the engine's reason when it would be refused. */
  actions: ActionOption[];
}

const charts = new WeakMap<AnyStateMachine, StatechartView>();

/** The machine's states and transitions as plain data (worked out once per machine). */
export function describeMachine(machine: AnyStateMachine): StatechartView {
  const known = charts.get(machine);
  if (known) return known;
  const edges: StatechartEdge[] = [];
  type Node = AnyStateMachine['root'];
  const walk = (node: Node): StatechartNode => {
    for (const list of node.transitions.values()) for (const t of list) edges.push(edgeOf(t));
    for (const t of node.always ?? []) edges.push(edgeOf(t));
    const children = Object.values(node.states as Record<string, Node>).map(walk);
    return { id: node.id, key: node.key, type: node.type, initial: node.type === 'compound' ? (node.initial.target[0]?.id ?? null) : null, children };
  };
  const root = walk(machine.root);
  const view = { id: machine.root.id, root, edges };
  charts.set(machine, view);
  return view;
}

type AnyTransition = AnyStateMachine['root']['transitions'] extends Map<string, Array<infer T>> ? T : never;

function edgeOf(t: AnyTransition): StatechartEdge {
  const guard = t.guard === undefined ? null : typeof t.guard === 'string' ? t.guard : ((t.guard as { type?: string }).type ?? 'condition');
  return { source: t.source.id, label: eventLabel(String(t.eventType)), targets: (t.target ?? []).map((n) => n.id), guard };
}

/** XState's internal event names turned into words. */
export function eventLabel(eventType: string): string {
  if (eventType === '') return 'always';
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  if (eventType.startsWith('xstate.done.state.')) return 'when done';
  return eventType;
}

/** The actor's active states and the transitions it can take now. */
export function inspectActor(title: string, actor: AnyActorRef): ActorInspection {
  const chart = describeMachine((actor as AnyActorRef & { logic: AnyStateMachine }).logic);
  const snapshot = actor.getSnapshot() as { _nodes: Array<{ id: string }>; can(e: { type: string }): boolean };
  const active = snapshot._nodes.map((n) => n.id);
  const on = new Set(active);
  const next = chart.edges
    .filter((e) => on.has(e.source))
    .map((e) => {
      let allowed = true;
      // Internal events (timers, completion) happen by themselves; for the others ask XState.
      if (!e.label.startsWith('after ') && e.label !== 'when done' && e.label !== 'always') {
        try {
          allowed = snapshot.can({ type: e.label });
        } catch {
          allowed = true;
        }
      }
      return { ...e, allowed };
    });
  return { title, chart, active, next };
}

/** Everything the inspector shows for one id, or undefined when the scenario has no such thing. */
export function inspect(sim: Simulation, id: string): Inspection | undefined {
  const actors: ActorInspection[] = [];
  const figures: Array<{ label: string; value: string }> = [];
  let kind: Inspection['kind'];
  let title: string;
  let role: string;
  const component = sim.topology.components.get(id);
  const link = sim.topology.links.get(id);
  const machine = sim.machines.find((m) => m.id === id);
  let target = id;
  if (id === 'primarySite' || id === '$machines') {
    kind = 'site';
    target = 'primarySite';
    title = id === '$machines' ? 'Protected machines' : 'Primary site';
    role = id === '$machines' ? 'The machines being protected, at the source. Select one in the machines table to inspect it.' : sim.topology.site.def.role;
    actors.push(inspectActor('Source site', sim.topology.site.actor));
    for (const m of sim.machines) figures.push({ label: m.id, value: `${m.protection}, ${m.health}` });
  } else if (component) {
    kind = 'component';
    title = component.def.label;
    role = component.def.role;
    actors.push(inspectActor(component.def.label, component.actor));
    const server = sim.def.processServer ? sim.fleet.get(id) : undefined;
    if (server) {
      const size = server.size ? `${server.size.vcpu} vCPU, ${server.size.memoryGB} GB memory, ${server.size.cacheGiB} GB cache (scale-out)` : `built in, on the configuration server (${Math.round(server.cacheBytes / 2 ** 30)} GiB cache)`;
      const machines = sim.machines.filter((_, i) => sim.fleet.poolOf[i] === server.pool).map((m) => m.id);
      figures.push({ label: 'Size', value: size }, { label: 'Machines', value: `${machines.length} of the ${server.maxMachines} it is sized for${machines.length > 0 ? `: ${machines.slice(0, 12).join(', ')}${machines.length > 12 ? `, and ${machines.length - 12} more` : ''}` : ''}` });
    }
    const f = server?.figures;
    if (server && f && sim.deployed.has(id)) {
      figures.push(
        { label: 'Cache used', value: `${formatBytes(f.cacheUsedBytes)} of ${formatBytes(f.cacheCapacityBytes)} (${Math.round(f.cacheFreePercent)} % free)` },
        { label: 'Upload', value: `${formatBytes(f.uploadBytesPerSecond)}/s` },
        { label: 'Intake', value: `${formatBytes(f.intakeBytesPerSecond)}/s` },
        { label: 'Churn over the last day', value: `${formatTB(f.dailyBytes)} of the ${formatTB(server.dailyCapacityBytes)} a day it is sized for` },
        { label: 'CPU', value: `${Math.round(f.cpuPercent)} %` },
        { label: 'Memory', value: `${Math.round(f.memoryPercent)} %` },
        { label: 'Oldest data waiting', value: formatDuration(Math.round(f.backlogAgeSeconds)) }
      );
    }
    const volume = sim.volumes.get(id);
    if (volume) {
      const snapshot = volume.snapshotBytes;
      const used = volume.capacityBytes - volume.freeBytes;
      figures.push(
        { label: 'Volume', value: `${formatBytes(volume.capacityBytes)}${sim.config.hostVolumes.find((v) => v.host === id)?.defaulted ? ` (default: its VMs' disks and ${sim.params['hyperv.hostFreePercent']} % more)` : ''}` },
        { label: 'VM disks', value: formatBytes(volume.vhdBytes) },
        { label: 'VM snapshot changes', value: formatBytes(snapshot) },
        { label: '.hrl logs', value: formatBytes(volume.extraBytes - snapshot) },
        { label: 'Free', value: `${formatBytes(volume.freeBytes)} (${Math.round((100 * volume.freeBytes) / volume.capacityBytes)} %, ${Math.round((100 * used) / volume.capacityBytes)} % used)` }
      );
    }
    figures.push({ label: 'Health', value: component.health });
  } else if (link) {
    kind = 'link';
    title = `Link ${id}`;
    role = `${link.def.label}: ${link.def.protocol}${link.def.port ? ` on port ${link.def.port}` : ''}.`;
    actors.push(inspectActor('Link', link.actor));
    figures.push({ label: 'Bandwidth now', value: `${Math.round(link.baseMbps * link.share * 10) / 10} Mbps of ${link.baseMbps} Mbps` });
    const h = sim.def.hops.findIndex((x) => x.link === id);
    const rate = sim.linkRates(RATE_WINDOW)[id];
    if (rate && rate.bytesPerSecond !== null) figures.push({ label: 'Carrying', value: `${formatBytes(rate.bytesPerSecond)}/s on average over ${formatDuration(rate.to - rate.from)} to ${sim.calendar.clock(rate.to)}` });
    if (h >= 0) figures.push({ label: 'Sent so far', value: formatBytes(sim.dataPlane.hopBytesTotal[h] ?? 0) });
    figures.push({ label: 'Health', value: link.health });
  } else if (machine) {
    kind = 'machine';
    title = machine.id;
    role = `${machine.config.os} machine${machine.config.host ? ` on ${machine.config.host}` : ''}, ${machine.config.disks.length} disk(s), writing ${machine.config.writeMBps} MB/s`;
    actors.push(inspectActor('Replication', machine.item));
    actors.push(inspectActor('Agent', machine.agent));
    machine.retries.forEach((r, h) => {
      if (r) actors.push(inspectActor(`Retries to ${sim.def.hops[h]?.id ?? `hop ${h + 1}`}`, r));
    });
    const recovery = sim.recoveryOf(machine);
    // The chart of the failover (or failback) in progress or last done, once there has been one.
    if (recovery.failoverChart) actors.push(inspectActor(recovery.current?.kind === 'failback' ? 'Failback' : 'Failover', recovery.failoverChart));
    actors.push(inspectActor('Test failover', recovery.drill));
    // The last run of each recovery plan the machine is in, where one has run.
    for (const plan of sim.plans.list()) {
      const run = sim.plans.actors.get(plan.name);
      if (run && plan.groups.some((g) => g.machines.includes(machine.id))) actors.push(inspectActor(`Recovery plan ${plan.name}`, run));
    }
    const s = machine.stream;
    figures.push({ label: 'State', value: machine.statePath }, { label: 'Runs at', value: machine.side === 'target' ? 'the target' : 'the source' });
    if (sim.def.processServer) {
      const ps = sim.fleet.of(machine.stream.index).id;
      figures.push({ label: 'Process server', value: machine.pendingMove ? `${ps}, moving to ${machine.pendingMove}` : ps });
    }
    if (s.rpoActive) figures.push({ label: 'RPO now', value: formatDuration(Math.max(0, Math.round(sim.dataTime - s.receivedThrough))) });
    figures.push({ label: 'Recovery points', value: String(s.points.length) });
    machine.config.disks.forEach((d, i) => {
      const hrl = sim.def.tracker === 'hrl' ? `, .hrl log ${formatBytes(s.hrlBytes(i))} (resync at ${formatBytes((d.sizeGiB * 2 ** 30 * sim.params['hrl.resyncPercent']) / 100)})` : '';
      figures.push({ label: `Disk ${d.id}`, value: `${d.sizeGiB} GiB${hrl}` });
    });
    const last = sim.def.hops.length - 1;
    figures.push({ label: 'Waiting to be applied at the target', value: formatBytes(s.queuedBytes(last)) });
    figures.push({ label: 'Health', value: `${machine.health}${machine.healthReason ? `: ${machine.healthReason}` : ''}` });
  } else return undefined;
  const actions: ActionOption[] = machine
    ? (['enableReplication', 'resync', 'disableReplication'] as const).map((what) => ({ do: what, refused: sim.reasonNow({ index: -1, at: sim.now, do: what, machines: [machine.id] }) ?? null }))
    : [];
  return { id, target, kind, title, role, actors, figures, faults: faultOptions(sim, target), actions };
}

/** A reason in English, when there is one. */
const inEnglish = (m: Message | undefined): string | undefined => (m ? english(m) : undefined);

function faultOptions(sim: Simulation, id: string): FaultOption[] {
  const target = resolveTarget(sim.def, sim.config.machines, id);
  if (isMessage(target)) return [];
  // What the engine would say to the fault step now: whether it applies here at all, and whether it
  // can be given at this moment (deployed, not already active, something there for it to break).
  const now = (kind: FaultKind): string | undefined =>
    sim.reasonNow({ index: -1, at: sim.now, do: 'fault', fault: kind, target: id, for: undefined, bandwidthPercent: kind === 'linkDegraded' ? 50 : undefined, disk: undefined, sizeGiB: undefined });
  return FAULT_KINDS.map((kind) => ({
    kind,
    notApplicable: inEnglish(faultNotApplicable(sim.def, kind, target)) ?? now(kind) ?? null,
    active: sim.faults.filter((f: ActiveFault) => f.resolved === target.id && f.kind === kind).map((f) => ({ id: f.id, since: f.since }))
  }));
}
