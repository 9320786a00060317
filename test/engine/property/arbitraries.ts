// fast-check generators of valid scenario files with random steps, for every scenario. Steps fall
// off the 5-minute grid (a few seconds past a minute) and may well be rejected when they run.

import fc from 'fast-check';
import { SCENARIOS, type ScenarioId } from '../../../src/engine/scenarios/index';
import { faultTargetNames } from '../../../src/engine/script/readSteps';
import type { MachineConfig } from '../../../src/engine/script/config';

export interface GeneratedFile {
  scenario: ScenarioId;
  seed: number;
  until: string;
  machines: Array<{ id: string; host?: string; writeMBps: number; disks: Array<{ id: string; sizeGiB: number }>; group?: string }>;
  /** Hyper-V host volumes, tight enough now and then to fill. */
  hosts?: Array<{ id: string; volumeGiB: number }>;
  /** A scale-out process server beside the built-in one, now and then. */
  processServers?: Array<{ id: string; size: string }>;
  network: { uplinkMbps: number };
  steps: Array<Record<string, unknown>>;
}

const HOURS = 18;

function estate(id: ScenarioId) {
  return SCENARIOS[id].estate.map((m) => ({
    id: m.id,
    ...(m.host ? { host: m.host } : {}),
    writeMBps: m.writeMBps,
    disks: m.disks.map((d, i) => ({ id: d.id, sizeGiB: i === 0 ? 6 : 4 })),
    ...(m.group ? { group: m.group } : {})
  }));
}

const at = (minute: number, second: number): string => `${minute}m${second}s`;

function stepArb(id: ScenarioId): fc.Arbitrary<Record<string, unknown>> {
  const def = SCENARIOS[id];
  const machines = estate(id);
  const ids = machines.map((m) => m.id);
  const targets = faultTargetNames(def, machines as unknown as MachineConfig[]);
  const time = fc.tuple(fc.integer({ min: 1, max: HOURS * 60 - 1 }), fc.integer({ min: 1, max: 59 })).map(([m, s]) => at(m, s));
  const someMachines = fc.subarray(ids, { minLength: 1 });
  const policy = fc.record(
    {
      rpoThreshold: fc.constantFrom('5m', '15m', '1h'),
      retention: fc.constantFrom('2h', '6h', '24h'),
      appConsistentEvery: fc.constantFrom('1h', '4h', 'off'),
      resync: fc.constantFrom('outsideOfficeHours', 'manual'),
      ...(def.policy.copyFrequency ? { copyFrequency: fc.constantFrom(...def.policy.copyFrequency.options.map((s) => (s < 60 ? `${s}s` : `${s / 60}m`))) } : {})
    },
    { requiredKeys: [] }
  ).filter((p) => Object.keys(p).length > 0);
  const faultKind = fc.constantFrom('linkDown', 'linkDegraded', 'processServerDown', 'cacheFull', 'hostDiskFull', 'authFailure', 'forcedShutdown', 'diskResize', 'siteDown');
  return fc.oneof(
    fc.record({ at: time, do: fc.constant('enableReplication'), machines: someMachines }),
    fc.record({ at: time, do: fc.constant('disableReplication'), machines: someMachines }),
    fc.record({ at: time, do: fc.constant('resync'), machines: someMachines }),
    fc.record({ at: time, do: fc.constant('setWriteRate'), machines: someMachines, writeMBps: fc.constantFrom(0, 0.1, 1, 4) }),
    fc.record({ at: time, do: fc.constant('setPolicy'), policy }),
    fc.tuple(time, faultKind, fc.constantFrom(...targets), fc.constantFrom('10m', '45m', '3h', undefined)).map(([t, fault, target, duration]) =>
      fault === 'diskResize' ? { at: t, do: 'fault', fault, target } : { at: t, do: 'fault', fault, target, ...(duration ? { for: duration } : {}) }
    ),
    fc.tuple(time, fc.constantFrom(...targets)).map(([t, target]) => ({ at: t, do: 'clearFault', target })),
    // Moves between the built-in and a scale-out process server (refused where there is none).
    ...(def.processServer ? [fc.record({ at: time, do: fc.constant('moveProcessServer'), machines: someMachines, processServer: fc.constantFrom(def.processServer, 'ps-02') })] : [])
  );
}

/** A valid scenario file for scenario `id`: every machine enabled at the start, then random steps. */
export function fileArb(id: ScenarioId, maxSteps = 6): fc.Arbitrary<GeneratedFile> {
  const hrl = SCENARIOS[id].tracker === 'hrl';
  return fc.record({
    seed: fc.integer({ min: 0, max: 1000 }),
    uplinkMbps: fc.constantFrom(20, 100, 500),
    steps: fc.array(stepArb(id), { maxLength: maxSteps }),
    // GiB free on each Hyper-V host beside its VMs' disks (none: the default size).
    spare: hrl ? fc.constantFrom(undefined, 1, 2, 4) : fc.constant(undefined),
    scaleOut: SCENARIOS[id].processServer ? fc.constantFrom(undefined, '4vcpu', '12vcpu') : fc.constant(undefined)
  }).map(({ seed, uplinkMbps, steps, spare, scaleOut }) => {
    const machines = estate(id);
    const hostIds = [...new Set(machines.map((m) => m.host).filter((h): h is string => h !== undefined))];
    const vhd = (host: string): number => machines.filter((m) => m.host === host).reduce((n, m) => n + m.disks.reduce((a, d) => a + d.sizeGiB, 0), 0);
    return {
      scenario: id,
      seed,
      until: `${HOURS}h`,
      machines,
      ...(spare === undefined ? {} : { hosts: hostIds.map((host) => ({ id: host, volumeGiB: vhd(host) + spare })) }),
      ...(scaleOut === undefined ? {} : { processServers: [{ id: 'ps-02', size: scaleOut }] }),
      network: { uplinkMbps },
      // Without a scale-out server a move to ps-02 names nothing the file has: leave those out.
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps.filter((st) => scaleOut !== undefined || st.processServer !== 'ps-02')]
    };
  });
}
