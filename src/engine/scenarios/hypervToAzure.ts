// Hyper-V VMs on hosts grouped in a Hyper-V site (no VMM) replicated to Azure by the Recovery
// Services agent on each host, tracked in per-disk .hrl logs.

import { azurePolicy, azureTarget, HYPERV_AZURE_DISKS, RPO_15_MIN } from './common';
import type { HopDef, LinkDef, RecoveryRules, ScenarioDefinition } from './types';
import { msg } from '../messages/index';

const COPY_FREQUENCY_AZURE = {
  options: [30, 300],
  value: 300,
  source: 'BEYOND.md, Policies: Hyper-V to Azure copy frequency 30 seconds or 5 minutes, default 5 minutes'
};

export const hypervAzureLinks = (orchestrationFrom: string): LinkDef[] => [
  { id: 'uplink', from: '$hosts', to: 'storage-account', protocol: 'HTTPS', port: 443, purpose: 'data', label: 'Replication data from the Recovery Services agent to Azure storage' },
  { id: 'orchestration', from: orchestrationFrom, to: 'vault', protocol: 'HTTPS', port: 443, purpose: 'orchestration', label: 'The Provider orchestrates replication with Site Recovery' }
];

export const hypervAzureHops: HopDef[] = [
  { id: 'uplink', link: 'uplink', endpoints: ['$host', 'storage-account'], shared: true, compressed: false }
];

export const HRL_NOTES = [
  msg('note.hrlLogs', {}),
  msg('note.hrlRetry', {})
];

/** Hyper-V VMs come back from Azure by a planned failover that downloads the data to their host. */
export const HYPERV_FROM_AZURE: RecoveryRules = {
  autoCommit: false,
  failback: 'plannedFromAzure',
  failbackType: 'planned',
  protectedAfterPlanned: false,
  failbackNeeds: [{ id: 'primarySite', what: 'the primary site and the VM\'s Hyper-V host running again' }],
  reverseHops: [{ endpoints: ['storage-account', '$host'], links: ['uplink'] }],
  reverseApplyAt: '$host',
  extraStep: 'none',
  targetWords: 'in Azure'
};

export const hypervToAzure: ScenarioDefinition = {
  id: 'hyperv-to-azure',
  title: 'Hyper-V VMs to Azure (no VMM)',
  summary: 'Protect Hyper-V VMs on standalone hosts or clusters without System Center, straight to Azure storage.',
  source: 'hyperv',
  target: 'azure',
  migrationOnly: false,
  tracker: 'hrl',
  lanes: 1,
  agentName: 'Provider and Recovery Services agent',
  agentPer: 'host',
  components: [
    { id: 'hv-host-01', kind: 'hypervHost', label: 'Hyper-V host 1', site: 'primary', role: 'Runs protected VMs; the Provider and the Recovery Services agent are installed on it.' },
    { id: 'hv-host-02', kind: 'hypervHost', label: 'Hyper-V host 2', site: 'primary', role: 'Runs protected VMs; the Provider and the Recovery Services agent are installed on it.' },
    ...azureTarget('Stores the replicated data; Azure VMs are created from it at failover.', false)
  ],
  links: hypervAzureLinks('$hosts'),
  hops: hypervAzureHops,
  replicaAt: 'replica-disks',
  hosts: ['hv-host-01', 'hv-host-02'],
  authority: 'vault',
  uplink: { mbps: 100, source: 'Invented: a typical internet uplink for a small site' },
  policy: { ...azurePolicy(RPO_15_MIN), copyFrequency: COPY_FREQUENCY_AZURE },
  disks: HYPERV_AZURE_DISKS,
  resyncOnReconnect: false,
  recovery: HYPERV_FROM_AZURE,
  estate: [
    { id: 'sql-01', host: 'hv-host-01', os: 'windows', writeMBps: 1.5, disks: [{ id: 'os', sizeGiB: 127 }, { id: 'data', sizeGiB: 256 }] },
    { id: 'web-01', host: 'hv-host-02', os: 'windows', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 64 }] },
    { id: 'app-01', host: 'hv-host-02', os: 'windows', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 128 }] }
  ],
  notes: HRL_NOTES
};
