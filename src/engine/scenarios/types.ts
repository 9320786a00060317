// What a scenario is made of: its sites and components, the links between them (with protocol and
// port), the replication path data takes, its change tracking, its policy rules and its default
// estate. One module per scenario fills this in.

import type { TrackerKind } from '../data/types';
import type { Message } from '../messages/index';

export const SCENARIO_IDS = [
  'vmware-to-azure',
  'physical-to-azure',
  'hyperv-to-azure',
  'vmm-to-azure',
  'vmm-to-vmm',
  'vmm-san',
  'vmware-to-vmware',
  'azure-to-azure-migration',
  'aws-to-azure-migration'
] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export type SiteId = 'primary' | 'secondary' | 'azure' | 'aws' | 'azureSource';

export type ComponentKind =
  | 'vault'
  | 'storageAccount'
  | 'cacheStorage'
  | 'replicaDisks'
  | 'azureNetwork'
  | 'configurationServer'
  | 'processServer'
  | 'masterTarget'
  | 'vcenter'
  | 'esxiHost'
  | 'hypervHost'
  | 'replicaHost'
  | 'vmmServer'
  | 'sanArray'
  | 'vcontinuum';

export interface ComponentDef {
  id: string;
  kind: ComponentKind;
  label: string;
  site: SiteId;
  /** What it does in this scenario, in a sentence of our own. */
  role: string;
  /** For a role hosted on another component's machine (process server on the configuration server). */
  hostedOn?: string;
  /** Not there at the start: an `addComponent` step deploys it (failback prerequisites). */
  deployable?: boolean;
}

export type LinkPurpose = 'data' | 'management' | 'orchestration' | 'multiVm';

export interface LinkDef {
  id: string;
  /** Component id, or "$machines" for every protected machine, "$hosts" for every host. */
  from: string;
  to: string;
  protocol: string;
  port?: number;
  purpose: LinkPurpose;
  label: string;
  /** Not there at the start: an `addComponent` step sets it up (the failback VPN). */
  deployable?: boolean;
}

/** A step of the data path; an apply step at the target is added after the last one. */
export interface HopDef {
  id: string;
  /** The link it travels on (its bandwidth and state). */
  link: string;
  /** Endpoint components that must be up: component ids, "$host" (the machine's host) or "$machine". */
  endpoints: string[];
  /** Whether every machine shares the link's capacity. */
  shared: boolean;
  /** Whether data is compressed on this hop (process server; Hyper-V Replica with compression on). */
  compressed: 'processServer' | 'policy' | false;
}

export interface PolicyRules {
  /** Default RPO threshold, seconds, and where it comes from. */
  rpoThreshold: { value: number; source: string };
  retention: { value: number; source: string };
  /** Maximum retention per storage type (Azure targets), or one maximum where storage does not apply. */
  maxRetention: { standard: number; premium: number } | number;
  appConsistent: { value: number; source: string };
  /** Hyper-V copy frequency choices (seconds) and default; absent where it does not apply. */
  copyFrequency?: { options: number[]; value: number; source: string };
  /** Hyper-V Replica compression and authentication choices (site to site). */
  compression?: boolean;
  authentication?: boolean;
}

/** The way back: how machines that run at the target replicate to the primary site and fail back. */
export type FailbackKind =
  /** VMware/physical from Azure: reprotect to on-premises VMware, fail over back, reprotect again. */
  | 'reprotectFromAzure'
  /** Hyper-V from Azure: a planned failover back with a data-sync option, then replication resumes. */
  | 'plannedFromAzure'
  /** Between two sites: reverse replication, a planned failover back, reverse replication again. */
  | 'siteToSite'
  /** Migrations: no way back. */
  | 'none';

/** A reverse-direction hop: who sends, who receives, the links it needs (same order as `hops`). */
export interface ReverseHop {
  /** Sender and receiver: component ids, "$machine" (the machine running at the target) or "$host" (its primary host). */
  endpoints: [string, string];
  links: string[];
}

export interface RecoveryRules {
  /** Why a planned failover is not offered (undefined when it is). */
  plannedUnsupported?: string;
  /** Commit happens by itself when the failover completes (SAN replication). */
  autoCommit: boolean;
  failback: FailbackKind;
  /**
   * The failover that brings machines back: planned (the source is shut down first and nothing is
   * lost) or unplanned (physical servers: planned failover is not supported for them, so failback
   * is an unplanned failover from Azure that shuts the Azure VM down first when it can).
   */
  failbackType: 'planned' | 'unplanned';
  /**
   * Between two on-premises sites: a planned failover (or failback) leaves the machines protected
   * in the other direction by itself: it is committed and reverse replication starts at once
   * (seed 002, step 4). After an unplanned failover reverse replication waits to be started.
   */
  protectedAfterPlanned: boolean;
  /** What must exist and be healthy before machines can replicate back (failback prerequisites). */
  failbackNeeds: Array<{ id: string; what: string }>;
  /** The reverse path, hop for hop; the apply step runs at `reverseApplyAt`. */
  reverseHops: ReverseHop[];
  reverseApplyAt: string;
  /** Machines that need the extra 8-10 minute failover step: every machine, Linux ones, or none. */
  extraStep: 'all' | 'linux' | 'none';
  /** Where failed-over machines run, for messages ("in Azure", "at the secondary site"). */
  targetWords: string;
}

export interface DiskLimits {
  maxDisks: number;
  osMaxGiB: number;
  dataMaxGiB: number;
  source: string;
}

export interface MachineSpec {
  id: string;
  host?: string;
  os?: 'windows' | 'linux';
  writeMBps: number;
  burstiness?: number;
  disks: Array<{ id: string; sizeGiB: number }>;
  group?: string;
}

export interface ScenarioDefinition {
  id: ScenarioId;
  title: string;
  /** One line on when you would use it. */
  summary: string;
  source: 'vmware' | 'physical' | 'hyperv' | 'azure' | 'aws';
  target: 'azure' | 'secondary';
  migrationOnly: boolean;
  tracker: TrackerKind;
  /** Disks copied at a time during initial replication. */
  lanes: number;
  /** What the change-tracking agent is called in this scenario. */
  agentName: string;
  /** Whether the agent runs per machine (Mobility service) or per host (Hyper-V agent). */
  agentPer: 'machine' | 'host' | 'none';
  components: ComponentDef[];
  links: LinkDef[];
  hops: HopDef[];
  /** Component holding the replica disks and recovery points. */
  replicaAt: string;
  /** Host component ids machines can run on; empty when machines are their own hosts (physical, AWS). */
  hosts: string[];
  processServer?: string;
  /** Component whose failure to authenticate stops every machine (the vault for Azure targets). */
  authority: string;
  /** Default uplink bandwidth (Mbps) and its source. */
  uplink: { mbps: number; source: string };
  policy: PolicyRules;
  disks: DiskLimits;
  /** Resync starts by itself when the link is back (SAN arrays), instead of by schedule. */
  resyncOnReconnect: boolean;
  recovery: RecoveryRules;
  estate: MachineSpec[];
  /** Scenario-specific fidelity notes: interpretations and simplifications. */
  notes: Message[];
}

/** Where a machine runs: at the primary site, or at the recovery target after a failover. */
export type Side = 'primary' | 'target';
