// Hyper-V VMs in a primary VMM cloud replicated host to host to a secondary VMM site with Hyper-V
// Replica; Azure only orchestrates, no data goes to Azure.

import { HYPERV_SITE_DISKS, RPO_15_MIN, secondaryPolicy } from './common';
import { HRL_NOTES } from './hypervToAzure';
import type { ComponentDef, LinkDef, RecoveryRules, ScenarioDefinition } from './types';
import { msg } from '../messages/index';

export const vmmSites = (): ComponentDef[] => [
  { id: 'vmm-primary', kind: 'vmmServer', label: 'VMM server (primary)', site: 'primary', role: 'Manages the primary private cloud; runs the Site Recovery Provider.' },
  { id: 'vmm-secondary', kind: 'vmmServer', label: 'VMM server (secondary)', site: 'secondary', role: 'Manages the secondary private cloud; runs the Site Recovery Provider.' },
  { id: 'vault', kind: 'vault', label: 'Recovery Services vault', site: 'azure', role: 'Orchestrates replication and failover between the two sites; no replicated data reaches Azure.' }
];

export const vmmOrchestration: LinkDef[] = [
  { id: 'orchestration', from: 'vmm-primary', to: 'vault', protocol: 'HTTPS', port: 443, purpose: 'orchestration', label: 'Provider on the primary VMM server' },
  { id: 'orchestration-secondary', from: 'vmm-secondary', to: 'vault', protocol: 'HTTPS', port: 443, purpose: 'orchestration', label: 'Provider on the secondary VMM server' }
];

/**
 * Between two sites: after an unplanned failover, reverse replication by hand; a planned failover
 * back; reverse replication again. Where `protectedAfterPlanned` is set, a planned failover either
 * way reverses replication by itself.
 */
export const siteToSite = (sender: string, receiver: string, applyAt: string, extra: Partial<RecoveryRules> = {}): RecoveryRules => ({
  autoCommit: false,
  failback: 'siteToSite',
  failbackType: 'planned',
  protectedAfterPlanned: true,
  failbackNeeds: [{ id: 'primarySite', what: 'the primary site running again' }],
  reverseHops: [{ endpoints: [sender, receiver], links: ['uplink'] }],
  reverseApplyAt: applyAt,
  extraStep: 'none',
  targetWords: 'at the secondary site',
  ...extra
});

export const vmmToVmm: ScenarioDefinition = {
  id: 'vmm-to-vmm',
  title: 'VMM to a secondary VMM site (Hyper-V Replica)',
  summary: 'Replicate Hyper-V VMs to your own second datacenter over LAN or VPN; Azure only orchestrates.',
  source: 'hyperv',
  target: 'secondary',
  migrationOnly: false,
  tracker: 'hrl',
  lanes: 1,
  agentName: 'Hyper-V Replica',
  agentPer: 'host',
  components: [
    ...vmmSites(),
    { id: 'hv-host-01', kind: 'hypervHost', label: 'Hyper-V host 1', site: 'primary', role: 'Primary host in the VMM cloud; Hyper-V Replica tracks and sends changes.' },
    { id: 'hv-host-02', kind: 'hypervHost', label: 'Hyper-V host 2', site: 'primary', role: 'Primary host in the VMM cloud.' },
    { id: 'hv-replica-01', kind: 'replicaHost', label: 'Replica host', site: 'secondary', role: 'Secondary host: receives the logs and applies them to the replica VMs.' }
  ],
  links: [
    { id: 'uplink', from: '$hosts', to: 'hv-replica-01', protocol: 'HTTP (Kerberos) / HTTPS (certificate)', port: 8083, purpose: 'data', label: 'Hyper-V Replica over LAN or VPN: Kerberos on 8083, certificate on 8084' },
    ...vmmOrchestration
  ],
  hops: [{ id: 'uplink', link: 'uplink', endpoints: ['$host', 'hv-replica-01'], shared: true, compressed: 'policy' }],
  replicaAt: 'hv-replica-01',
  hosts: ['hv-host-01', 'hv-host-02'],
  authority: 'hv-replica-01',
  uplink: { mbps: 200, source: 'Invented: a site-to-site WAN link' },
  policy: {
    ...secondaryPolicy(RPO_15_MIN),
    copyFrequency: { options: [30, 300, 900], value: 300, source: 'BEYOND.md, Policies: Hyper-V to VMM copy frequency 30 seconds, 5 or 15 minutes' },
    compression: true,
    authentication: true
  },
  disks: HYPERV_SITE_DISKS,
  resyncOnReconnect: false,
  recovery: siteToSite('hv-replica-01', '$host', '$host'),
  estate: [
    { id: 'sql-01', host: 'hv-host-01', os: 'windows', writeMBps: 1.2, disks: [{ id: 'os', sizeGiB: 127 }, { id: 'data', sizeGiB: 256 }], group: 'finance' },
    { id: 'app-01', host: 'hv-host-01', os: 'windows', writeMBps: 0.4, disks: [{ id: 'os', sizeGiB: 127 }], group: 'finance' },
    { id: 'file-01', host: 'hv-host-02', os: 'windows', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 512 }] }
  ],
  notes: [...HRL_NOTES, msg('note.vmmAuthentication', {})]
};
