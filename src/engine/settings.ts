// The settings a scenario file starts from, in the file's own notation with every default filled
// in, each invented figure with its source: what the page's policy, machine and network editors
// and its fidelity notes panel show. Edits go back into the file and through `readScenario`, so
// the editors give exactly the engine's validation messages.

import { PARAMETERS } from './scenarios/parameters';
import type { SimulationConfig } from './script/config';
import { formatDuration } from './time/duration';
import { english, type Message } from './messages/index';

export interface SettingsView {
  scenario: string;
  policy: {
    rpoThreshold: string;
    retention: string;
    appConsistentEvery: string;
    copyFrequency: string | null;
    storage: string | null;
    compression: boolean | null;
    authentication: string | null;
    resync: string;
  };
  /** Which policy fields this scenario has, and the choices for the ones with a fixed set. */
  policyChoices: { copyFrequency: string[]; storage: boolean; compression: boolean; authentication: boolean };
  machines: Array<{ id: string; host: string | null; os: string; writeMBps: number; burstiness: number; disks: Array<{ id: string; sizeGiB: number }>; group: string | null }>;
  /** Hosts machines can run on (empty where each machine is its own host). */
  hosts: string[];
  network: { uplinkMbps: number; uplinkLatencyMs: number; lanMbps: number | null };
  /** Every figure the engine uses, where it comes from, and whether the file changes it. */
  figures: Array<{ key: string; label: string; unit: string; value: number; defaultValue: number; min: number; max: number; fixed: boolean; source: string; changed: boolean }>;
  /** Figures of this scenario that come with their source: policy defaults, bandwidth, disk limits. */
  sourced: Array<{ label: string; value: string; source: string }>;
  /** How this scenario's model interprets or simplifies the documents. */
  notes: string[];
  /** The same notes as messages. */
  noteTexts: Message[];
}

export function settingsOf(config: SimulationConfig): SettingsView {
  const def = config.scenario;
  const p = config.policy;
  return {
    scenario: def.id,
    policy: {
      rpoThreshold: formatDuration(p.rpoThreshold),
      retention: formatDuration(p.retention),
      appConsistentEvery: p.appConsistentEvery === 0 ? 'off' : formatDuration(p.appConsistentEvery),
      copyFrequency: def.policy.copyFrequency ? formatDuration(p.copyFrequency) : null,
      storage: def.target === 'azure' ? (p.storage ?? 'standard') : null,
      compression: def.policy.compression ? p.compression : null,
      authentication: def.policy.authentication ? (p.authentication ?? 'kerberos') : null,
      resync: p.resync
    },
    policyChoices: {
      copyFrequency: (def.policy.copyFrequency?.options ?? []).map(formatDuration),
      storage: def.target === 'azure',
      compression: def.policy.compression === true,
      authentication: def.policy.authentication === true
    },
    machines: config.machines.map((m) => ({ id: m.id, host: m.host ?? null, os: m.os, writeMBps: m.writeMBps, burstiness: m.burstiness, disks: m.disks.map((d) => ({ ...d })), group: m.group ?? null })),
    hosts: [...def.hosts],
    network: { uplinkMbps: config.network.uplinkMbps, uplinkLatencyMs: config.network.uplinkLatencyMs, lanMbps: def.processServer ? config.network.lanMbps : null },
    figures: PARAMETERS.map((s) => ({
      key: s.key,
      label: s.label,
      unit: s.unit,
      value: config.parameters[s.key],
      defaultValue: s.value,
      min: s.min,
      max: s.max,
      fixed: s.fixed === true,
      source: s.source,
      changed: config.parameters[s.key] !== s.value
    })),
    sourced: [
      { label: 'RPO threshold', value: formatDuration(def.policy.rpoThreshold.value), source: def.policy.rpoThreshold.source },
      { label: 'Recovery point retention', value: formatDuration(def.policy.retention.value), source: def.policy.retention.source },
      { label: 'App-consistent snapshots every', value: formatDuration(def.policy.appConsistent.value), source: def.policy.appConsistent.source },
      ...(def.policy.copyFrequency ? [{ label: 'Copy frequency', value: formatDuration(def.policy.copyFrequency.value), source: def.policy.copyFrequency.source }] : []),
      { label: 'Uplink bandwidth', value: `${def.uplink.mbps} Mbps`, source: def.uplink.source },
      { label: 'Disks per machine', value: `up to ${def.disks.maxDisks}; OS disk up to ${def.disks.osMaxGiB} GiB, data disks up to ${def.disks.dataMaxGiB} GiB`, source: def.disks.source }
    ],
    notes: def.notes.map(english),
    noteTexts: [...def.notes]
  };
}
