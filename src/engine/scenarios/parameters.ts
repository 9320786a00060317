// Every number the engine needs that the architecture documents leave open, with where it comes
// from. Each one is a visible default a scenario file can change under "parameters"; the fidelity
// notes panel lists them.

export type ParameterKey =
  | 'model.blockMiB'
  | 'copy.segmentGiB'
  | 'resync.chunkMiB'
  | 'resync.checksumMBps'
  | 'enable.minutes'
  | 'mobility.pushInstallMinutes'
  | 'finalize.minutes'
  | 'disable.minutes'
  | 'write.burstSlotMinutes'
  | 'write.hotSetPercent'
  | 'write.hotWritePercent'
  | 'hrl.headerKiB'
  | 'hrl.resyncPercent'
  | 'mobility.bufferMiB'
  | 'processServer.cacheGiB'
  | 'processServer.compressionPercent'
  | 'processServer.throttleFreePercent'
  | 'processServer.throttledPercent'
  | 'processServer.recoverFreePercent'
  | 'processServer.peakMBps'
  | 'processServer.heartbeatMinutes'
  | 'processServer.capacityTBPerDay'
  | 'health.stalePointMinutes'
  | 'hyperv.hostFreePercent'
  | 'hyperv.hostWarnFreePercent'
  | 'lan.latencyMs'
  | 'apply.MBps'
  | 'crashConsistent.minutes'
  | 'failover.shutdownMinutes'
  | 'failover.bootMinutes'
  | 'failover.extraStepMinutes'
  | 'failover.syncTimeoutMinutes'
  | 'commit.minutes'
  | 'testFailover.cleanupMinutes'
  | 'reprotect.minutes';

export interface ParameterSpec {
  key: ParameterKey;
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  /** Where the figure comes from: a seed, BEYOND.md, or "invented" with the reasoning. */
  source: string;
  /** True when the product fixes the value; a scenario file may not change it. */
  fixed?: boolean;
}

const INVENTED = 'Invented for the simulation (the architecture documents give no figure)';

export const PARAMETERS: readonly ParameterSpec[] = [
  { key: 'model.blockMiB', label: 'Simulation block size', unit: 'MiB', value: 32, min: 1, max: 256, source: `${INVENTED}: the simulation tracks disks in blocks of this size and each simulated write changes one block, so a write stands for a burst of real I/O; bytes, RPO and data loss do not depend on it, write counts do. Smaller is finer and slower` },
  { key: 'copy.segmentGiB', label: 'Copy transfer unit', unit: 'GiB', value: 1, min: 0.0625, max: 64, source: `${INVENTED}: initial replication and resync send data in units of this size` },
  { key: 'resync.chunkMiB', label: 'Resync checksum chunk', unit: 'MiB', value: 64, min: 1, max: 4096, source: `${INVENTED}; the seeds say resync compares fixed-size chunks by checksum` },
  { key: 'resync.checksumMBps', label: 'Checksum scan speed', unit: 'MB/s', value: 400, min: 1, max: 100_000, source: `${INVENTED}: how fast both sides read their disks to compute chunk checksums` },
  { key: 'enable.minutes', label: 'Enable protection checks', unit: 'min', value: 2, min: 0, max: 120, source: `${INVENTED}: prerequisite checks and creating the replication relationship` },
  { key: 'mobility.pushInstallMinutes', label: 'Mobility service push install', unit: 'min', value: 5, min: 0, max: 120, source: `${INVENTED}: the process server push-installs the agent during Enable protection` },
  { key: 'finalize.minutes', label: 'Finalize protection', unit: 'min', value: 2, min: 0, max: 120, source: INVENTED },
  { key: 'disable.minutes', label: 'Disable protection', unit: 'min', value: 1, min: 0, max: 120, source: INVENTED },
  { key: 'write.burstSlotMinutes', label: 'Write-rate burst slot', unit: 'min', value: 15, min: 1, max: 1440, source: `${INVENTED}: each slot draws a new rate multiplier` },
  { key: 'write.hotSetPercent', label: 'Hot set size', unit: '% of disk', value: 20, min: 1, max: 100, source: `${INVENTED}: most writes go to a small part of a disk` },
  { key: 'write.hotWritePercent', label: 'Writes to the hot set', unit: '%', value: 80, min: 0, max: 100, source: INVENTED },
  { key: 'hrl.headerKiB', label: 'Empty .hrl log size', unit: 'KiB', value: 64, min: 0, max: 65_536, source: `${INVENTED}: a log is sent every copy interval even with no writes in it` },
  { key: 'hrl.resyncPercent', label: '.hrl size that forces a resync', unit: '% of disk', value: 50, min: 1, max: 100, source: 'Seed (architecture doc, Hyper-V protection workflow): logs at 50 % of the disk size mark the VM for resync' },
  { key: 'mobility.bufferMiB', label: 'Source change buffer', unit: 'MiB', value: 2048, min: 1, max: 1_048_576, source: `${INVENTED}: changes the agent holds when it cannot send; overflowing it needs a resync` },
  { key: 'processServer.cacheGiB', label: 'Process server cache', unit: 'GiB', value: 300, min: 1, max: 100_000, source: 'BEYOND.md, Capacity: configuration server with built-in process server, 8 vCPU / 16 GB / 300 GB cache' },
  { key: 'processServer.compressionPercent', label: 'Data left after compression', unit: '%', value: 50, min: 1, max: 100, source: `${INVENTED}: the process server compresses before upload` },
  { key: 'processServer.throttleFreePercent', label: 'Throttle below free cache', unit: '%', value: 20, min: 0, max: 100, source: 'BEYOND.md, Health and monitoring: below 20 % free cache space replication is throttled' },
  { key: 'processServer.throttledPercent', label: 'Intake while throttled', unit: '% of normal', value: 25, min: 1, max: 100, source: INVENTED },
  { key: 'processServer.recoverFreePercent', label: 'Throttling ends above free cache', unit: '%', value: 30, min: 0, max: 100, source: `${INVENTED}: matches the 30 % warning threshold, so throttling does not flap` },
  { key: 'processServer.peakMBps', label: 'Process server peak processing', unit: 'MB/s', value: 100, min: 1, max: 100_000, source: `${INVENTED}: data it can compress, encrypt and upload per second at full load; load is also measured against the documented daily capacity` },
  { key: 'processServer.heartbeatMinutes', label: 'Heartbeat loss before Critical', unit: 'min', value: 15, min: 1, max: 1440, source: 'BEYOND.md, Health and monitoring: no heartbeat for 15 min is Critical' },
  { key: 'processServer.capacityTBPerDay', label: 'Process server capacity', unit: 'TB/day', value: 2, min: 0.01, max: 100, source: 'BEYOND.md, Capacity: 2 TB of churn per day per process server' },
  { key: 'hyperv.hostFreePercent', label: 'Hyper-V host free space', unit: '% of its VHDs', value: 100, min: 0, max: 1000, source: 'BEYOND.md, Capacity (deployment planning): Hyper-V hosts need free space up to 100 % of the VHD size during initial replication and 50 % during delta replication. A host volume that a file does not size holds its VMs\' VHDs and this much more; the VM snapshot and the .hrl logs take it up' },
  { key: 'hyperv.hostWarnFreePercent', label: 'Host volume warning below', unit: '% free', value: 10, min: 0, max: 100, source: `${INVENTED}: a Hyper-V host turns Warning when less than this share of its volume is free, Critical when a log cannot grow` },
  { key: 'health.stalePointMinutes', label: 'No recovery point before Critical', unit: 'min', value: 60, min: 5, max: 10_080, source: 'BEYOND.md, Health and monitoring: no crash-consistent point for 60 minutes is Critical' },
  { key: 'lan.latencyMs', label: 'Local network latency', unit: 'ms', value: 1, min: 0, max: 10_000, source: INVENTED },
  { key: 'apply.MBps', label: 'Target processing rate', unit: 'MB/s', value: 100, min: 0.1, max: 100_000, source: `${INVENTED}: how fast received data is written into the replica disks` },
  { key: 'failover.shutdownMinutes', label: 'Source shutdown before failover', unit: 'min', value: 2, min: 0, max: 120, source: `${INVENTED}: a clean shutdown of the source machine (planned failover, or "shut down source first")` },
  { key: 'failover.bootMinutes', label: 'Create and start the machine', unit: 'min', value: 4, min: 0, max: 240, source: `${INVENTED}: creating the machine at the target from the recovery point and booting it` },
  { key: 'failover.extraStepMinutes', label: 'Extra failover step', unit: 'min', value: 9, min: 8, max: 10, source: 'BEYOND.md, Failover: physical servers, VMware Linux VMs and VMs without DHCP need an extra 8-10 minute step' },
  { key: 'failover.syncTimeoutMinutes', label: 'Wait for the last changes', unit: 'min', value: 30, min: 1, max: 1440, source: `${INVENTED}: how long an unplanned failover that shut the source down waits for its last changes before failing over with what it has` },
  { key: 'commit.minutes', label: 'Commit', unit: 'min', value: 1, min: 0, max: 120, source: INVENTED },
  { key: 'testFailover.cleanupMinutes', label: 'Cleanup test failover', unit: 'min', value: 5, min: 0, max: 240, source: `${INVENTED}: deleting the test machines` },
  { key: 'reprotect.minutes', label: 'Reprotect checks', unit: 'min', value: 5, min: 0, max: 240, source: `${INVENTED}: prerequisite checks and setting up replication in the other direction` },
  { key: 'crashConsistent.minutes', label: 'Crash-consistent points', unit: 'min', value: 5, min: 5, max: 5, fixed: true, source: 'Seed (Azure VM / VMware replication): every 5 minutes, not configurable' }
];

export type Parameters = Record<ParameterKey, number>;

export const parameterSpec = (key: string): ParameterSpec | undefined => PARAMETERS.find((p) => p.key === key);

export function defaultParameters(): Parameters {
  const out = {} as Parameters;
  for (const p of PARAMETERS) out[p.key] = p.value;
  return out;
}
