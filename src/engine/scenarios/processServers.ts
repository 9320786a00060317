// Process server sizes from the capacity table (BEYOND.md, Capacity), and how a scenario gains the
// scale-out process servers a file adds (seeds 003 and 004: separate, dedicated process servers can
// be added to handle growing volumes of replication traffic).

import type { ComponentDef, LinkDef, ScenarioDefinition } from './types';

export interface ProcessServerSize {
  id: string;
  vcpu: number;
  memoryGB: number;
  cacheGiB: number;
  /** The most churn a day it is sized for. */
  churnTBPerDay: number;
  /** The most machines it is sized for. */
  maxMachines: number;
  /** Data it can compress, encrypt and upload per second at full load (invented, see PEAK_PER_VCPU). */
  peakMBps: number;
}

/**
 * Invented: what one vCPU compresses, encrypts and uploads per second. The built-in process
 * server's `processServer.peakMBps` (100 MB/s) is taken for its 8 vCPUs; scale-out sizes follow.
 */
export const PEAK_MBPS_PER_VCPU = 12.5;

const size = (id: string, vcpu: number, memoryGB: number, cacheGiB: number, churnTBPerDay: number, maxMachines: number): ProcessServerSize => ({
  id,
  vcpu,
  memoryGB,
  cacheGiB,
  churnTBPerDay,
  maxMachines,
  peakMBps: vcpu * PEAK_MBPS_PER_VCPU
});

/** Scale-out process servers (BEYOND.md, Capacity): 4 vCPU/8 GB/300 GB up to 250 GB a day and 85 machines, and so on. */
export const SCALE_OUT_SIZES: readonly ProcessServerSize[] = [
  size('4vcpu', 4, 8, 300, 0.25, 85),
  size('8vcpu', 8, 12, 600, 1, 150),
  size('12vcpu', 12, 24, 1000, 2, 225)
];

export const SCALE_OUT_SOURCE = 'BEYOND.md, Capacity: scale-out process server 4 vCPU/8 GB/300 GB cache for up to 250 GB of churn a day and 85 machines; 8/12/600 for 1 TB and 150; 12/24/1 TB for 2 TB and 225';

/** The built-in process server (on the configuration server) handles at most this many machines before more are advised (BEYOND.md: add process servers above 200 machines or 2 TB a day). */
export const BUILT_IN_MAX_MACHINES = 200;

export const DEFAULT_SCALE_OUT_SIZE = '8vcpu';

export function scaleOutSize(id: string): ProcessServerSize | undefined {
  return SCALE_OUT_SIZES.find((s) => s.id === id);
}

/** A scale-out process server a scenario file adds, from the start or by an `addComponent` step. */
export interface ScaleOutServer {
  id: string;
  size: ProcessServerSize;
  /** There from the start, or added by a step. */
  deployedAtStart: boolean;
}

/** The LAN link from the machines to a process server (the built-in one keeps the scenario's `lan`). */
export function lanLinkOf(def: ScenarioDefinition, ps: string): string {
  return ps === def.processServer ? 'lan' : `lan-${ps}`;
}

/**
 * The scenario with the file's scale-out process servers among its components: each is a
 * component of its own beside the built-in one, with a LAN link of its own from the machines. The
 * site's uplink is shared by all of them.
 */
export function withScaleOut(def: ScenarioDefinition, servers: readonly ScaleOutServer[]): ScenarioDefinition {
  if (servers.length === 0 || !def.processServer) return def;
  const builtIn = def.components.find((c) => c.id === def.processServer)!;
  const lan = def.links.find((l) => l.id === 'lan')!;
  const components: ComponentDef[] = servers.map((s) => ({
    id: s.id,
    kind: 'processServer',
    label: `Process server ${s.id}`,
    site: builtIn.site,
    deployable: !s.deployedAtStart,
    role: `A scale-out process server (${s.size.vcpu} vCPU, ${s.size.memoryGB} GB memory, ${s.size.cacheGiB} GB cache; sized for ${s.size.churnTBPerDay} TB of churn a day and ${s.size.maxMachines} machines): receives, caches, compresses and encrypts the changes of the machines assigned to it and sends them over the site's uplink.`
  }));
  const links: LinkDef[] = servers.map((s) => ({ ...lan, id: lanLinkOf(def, s.id), to: s.id, deployable: !s.deployedAtStart, label: `Replication data to ${s.id} (port can be changed)` }));
  const lanAt = def.links.indexOf(lan);
  return {
    ...def,
    components: [...def.components, ...components],
    links: [...def.links.slice(0, lanAt + 1), ...links, ...def.links.slice(lanAt + 1)]
  };
}
