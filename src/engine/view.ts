// What the page draws, read from a running simulation: plain data, cheap to copy to the page. The
// static part (sites, components, links) is read once per scenario; the live part at each frame.

import type { Simulation } from './simulation';
import type { SimEvent } from './events';
import type { Health } from './topology';
import type { SiteId } from './scenarios/types';

export interface TopologyView {
  scenario: string;
  title: string;
  sites: Array<{ id: SiteId; label: string }>;
  components: Array<{ id: string; kind: string; label: string; site: SiteId; role: string; deployable: boolean }>;
  /** Links between components; "$machines" / "$hosts" stand for the protected machines or their hosts. */
  links: Array<{ id: string; from: string; to: string; protocol: string; port: number | null; purpose: string; label: string; deployable: boolean }>;
  machines: Array<{ id: string; host: string | null; os: string; disks: Array<{ id: string; sizeGiB: number }>; group: string | null }>;
}

export interface MachineView {
  id: string;
  protection: string;
  statePath: string;
  side: string;
  health: Health;
  healthReason: string;
  rpoSeconds: number | null;
  rpoThreshold: number;
  points: number;
  newestPointAt: number | null;
  /** 0..1 while a copy (initial replication, resync, reprotect) runs. */
  copyProgress: number | null;
  hrlBytes: number[] | null;
  diskBytes: number[];
  writes: number;
  drill: string;
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
  /** Per hop of the data path: its link and the bytes sent over it so far (all machines). */
  hops: Array<{ id: string; link: string; sentBytes: number }>;
  /** Events logged since the event index the caller already has. */
  events: SimEvent[];
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
    sites: sites.map((id) => ({ id, label: SITE_LABELS[id] })),
    components: def.components.map((c) => ({ id: c.id, kind: c.kind, label: c.label, site: c.site, role: c.role, deployable: c.deployable === true })),
    links: def.links.map((l) => ({ id: l.id, from: l.from, to: l.to, protocol: l.protocol, port: l.port ?? null, purpose: l.purpose, label: l.label, deployable: l.deployable === true })),
    machines: sim.config.machines.map((m) => ({ id: m.id, host: m.host ?? null, os: m.os, disks: m.disks.map((d) => ({ ...d })), group: m.group ?? null }))
  };
}

/** The live state; `eventsFrom` is the number of events the caller already holds. */
export function liveOf(sim: Simulation, eventsFrom: number): LiveView {
  const now = sim.dataTime;
  const hrl = sim.def.tracker === 'hrl';
  return {
    now,
    clock: sim.calendar.label(now),
    officeHours: sim.calendar.isOfficeHours(now),
    until: sim.config.until,
    machines: sim.machines.map((m) => {
      const s = m.stream;
      return {
        id: m.id,
        protection: m.protection,
        statePath: m.statePath,
        side: m.side,
        health: m.health,
        healthReason: m.healthReason,
        rpoSeconds: s.rpoActive ? Math.max(0, now - s.receivedThrough) : null,
        rpoThreshold: s.rpoThreshold,
        points: s.points.length,
        newestPointAt: s.points.length > 0 ? s.points.at(s.points.newest) : null,
        copyProgress: m.copyProgress,
        hrlBytes: hrl ? m.config.disks.map((_, i) => s.hrlBytes(i)) : null,
        diskBytes: [...s.diskBytes],
        writes: s.source.seq,
        drill: String(m.recovery.drill.getSnapshot().value)
      };
    }),
    components: [...sim.topology.components.values()].map((c) => ({ id: c.def.id, state: sim.topology.paths(c.def.id).join(' '), health: c.health, deployed: sim.deployed.has(c.def.id) })),
    links: [...sim.topology.links.values()].map((l) => ({ id: l.def.id, state: sim.topology.paths(l.def.id).join(' '), health: l.health, mbps: l.baseMbps * l.share, deployed: sim.deployed.has(l.def.id) })),
    jobs: sim.jobs.list.slice(-40).map((j) => ({ ...j })),
    hops: sim.def.hops.map((hop, h) => ({ id: hop.id, link: hop.link, sentBytes: sim.dataPlane.hopBytesTotal[h] ?? 0 })),
    events: sim.log.list.slice(eventsFrom),
    eventCount: sim.log.list.length,
    rejected: sim.rejected.length
  };
}
