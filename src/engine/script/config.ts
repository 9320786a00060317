// The normalised form of a scenario file: every default filled in, durations in seconds. This is
// what the simulation runs; the file format itself is described in the README.

import type { OfficeHours } from '../time/calendar';
import type { Parameters } from '../scenarios/parameters';
import type { ScenarioDefinition } from '../scenarios/types';
import type { ProcessServerSize } from '../scenarios/processServers';

export const FAULT_KINDS = [
  'linkDown',
  'linkDegraded',
  'processServerDown',
  'cacheFull',
  'hostDiskFull',
  'authFailure',
  'forcedShutdown',
  'diskResize',
  'siteDown'
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const STEP_VERBS = [
  'enableReplication',
  'disableReplication',
  'fault',
  'clearFault',
  'resync',
  'setPolicy',
  'setWriteRate',
  'testFailover',
  'cleanupTestFailover',
  'failover',
  'changeRecoveryPoint',
  'commit',
  'reprotect',
  'failback',
  'addComponent',
  'createRecoveryPlan',
  'runRecoveryPlan',
  'resume',
  'moveProcessServer'
] as const;
export type StepVerb = (typeof STEP_VERBS)[number];

/** Recovery point choices; a number is a custom point (source time, seconds). */
export const POINT_CHOICES = ['latest', 'latestProcessed', 'latestAppConsistent', 'latestMultiVmProcessed', 'latestMultiVmAppConsistent'] as const;
export type PointChoice = (typeof POINT_CHOICES)[number] | number;

export type FailoverType = 'planned' | 'unplanned';
export type PlanRunType = 'test' | FailoverType;

export interface PlanAction {
  type: 'script' | 'manual' | 'runbook';
  name: string;
  /** Seconds it takes (a manual action waits for `resume` instead). */
  duration: number;
  /** A script or runbook that fails on its first run (resume runs it again). */
  fails: boolean;
}

export interface PlanGroup {
  machines: string[];
  pre: PlanAction[];
  post: PlanAction[];
}

export type StorageKind = 'standard' | 'premium';
export type ResyncSchedulePolicy = 'outsideOfficeHours' | 'manual';

export interface Policy {
  rpoThreshold: number;
  retention: number;
  /** Seconds between app-consistent snapshots, 0 when off. */
  appConsistentEvery: number;
  /** Hyper-V copy frequency in seconds, 0 where it does not apply. */
  copyFrequency: number;
  /** Azure targets only. */
  storage: StorageKind | undefined;
  /** Hyper-V Replica between sites only. */
  compression: boolean;
  authentication: 'kerberos' | 'certificate' | undefined;
  resync: ResyncSchedulePolicy;
}

export interface MachineConfig {
  id: string;
  host: string | undefined;
  os: 'windows' | 'linux';
  writeMBps: number;
  burstiness: number;
  disks: Array<{ id: string; sizeGiB: number }>;
  group: string | undefined;
  /** The process server it replicates through (scenarios with one), at the start. */
  processServer: string | undefined;
}

/** A process server of the run: the built-in one (sized by the parameters) or a scale-out one. */
export interface ProcessServerConfig {
  id: string;
  /** The capacity table's size; undefined for the built-in process server. */
  size: ProcessServerSize | undefined;
  deployedAtStart: boolean;
}

/** A Hyper-V host's volume: it holds the VMs' disks, the snapshot of an initial replication and the .hrl logs. */
export interface HostVolumeConfig {
  host: string;
  volumeGiB: number;
  /** Whether the size is the default (the VHDs plus `hyperv.hostFreePercent`) rather than the file's. */
  defaulted: boolean;
}

export interface NetworkConfig {
  uplinkMbps: number;
  uplinkLatencyMs: number;
  lanMbps: number;
}

interface StepBase {
  /** Position in the file's steps array. */
  index: number;
  at: number;
}

export type Step =
  | (StepBase & { do: 'enableReplication' | 'disableReplication' | 'resync'; machines: string[] })
  | (StepBase & { do: 'setWriteRate'; machines: string[]; writeMBps: number })
  | (StepBase & { do: 'setPolicy'; policy: Partial<Policy> })
  | (StepBase & {
      do: 'fault';
      fault: FaultKind;
      target: string;
      for: number | undefined;
      bandwidthPercent: number | undefined;
      disk: string | undefined;
      sizeGiB: number | undefined;
    })
  | (StepBase & { do: 'clearFault'; fault: FaultKind | undefined; target: string })
  | (StepBase & { do: 'testFailover'; machines: string[]; recoveryPoint: PointChoice })
  | (StepBase & { do: 'cleanupTestFailover'; machines: string[] | undefined; plan: string | undefined })
  | (StepBase & { do: 'failover'; machines: string[]; type: FailoverType; recoveryPoint: PointChoice; shutdownSource: boolean })
  | (StepBase & { do: 'changeRecoveryPoint'; machines: string[]; recoveryPoint: PointChoice })
  | (StepBase & { do: 'commit'; machines: string[] })
  | (StepBase & { do: 'reprotect'; machines: string[]; location: 'original' | 'alternate' })
  | (StepBase & { do: 'failback'; machines: string[]; dataSync: 'beforeFailover' | 'duringFailover' })
  | (StepBase & { do: 'addComponent'; component: string })
  | (StepBase & { do: 'moveProcessServer'; machines: string[]; processServer: string })
  | (StepBase & { do: 'createRecoveryPlan'; plan: string; groups: PlanGroup[] })
  | (StepBase & { do: 'runRecoveryPlan'; plan: string; type: PlanRunType; recoveryPoint: PointChoice })
  | (StepBase & { do: 'resume'; plan: string | undefined; machines: string[] | undefined });

export interface SimulationConfig {
  scenario: ScenarioDefinition;
  /** What the file's story is about, for people (the engine ignores them). */
  title: string | undefined;
  description: string | undefined;
  seed: number;
  until: number;
  /** Site-local date-time of simulated time zero. */
  startEpochMs: number;
  officeHours: OfficeHours;
  policy: Policy;
  machines: MachineConfig[];
  /** Hyper-V host volumes (Hyper-V scenarios only; empty elsewhere). */
  hostVolumes: HostVolumeConfig[];
  /** Process servers, the built-in one first (empty where the scenario has none). */
  processServers: ProcessServerConfig[];
  network: NetworkConfig;
  parameters: Parameters;
  steps: Step[];
}

/** A problem in a scenario file: where (JSON path) and what is wrong or allowed. */
export interface Problem {
  path: string;
  message: string;
}
