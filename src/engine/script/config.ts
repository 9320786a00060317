// The normalised form of a scenario file: every default filled in, durations in seconds. This is
// what the simulation runs; the file format itself is described in the README.

import type { OfficeHours } from '../time/calendar';
import type { Parameters } from '../scenarios/parameters';
import type { ScenarioDefinition } from '../scenarios/types';

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

export const STEP_VERBS = ['enableReplication', 'disableReplication', 'fault', 'clearFault', 'resync', 'setPolicy', 'setWriteRate'] as const;
export type StepVerb = (typeof STEP_VERBS)[number];

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
  | (StepBase & { do: 'clearFault'; fault: FaultKind | undefined; target: string });

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
  network: NetworkConfig;
  parameters: Parameters;
  steps: Step[];
}

/** A problem in a scenario file: where (JSON path) and what is wrong or allowed. */
export interface Problem {
  path: string;
  message: string;
}
