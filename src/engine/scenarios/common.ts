// Pieces several scenarios share: the Azure side, policies and disk limits, so each scenario module
// only states what is its own.

import type { ComponentDef, DiskLimits, LinkDef, PolicyRules, RecoveryRules, ScenarioDefinition } from './types';
import { msg } from '../messages/index';

const H = 3600;

export const azureTarget = (storageRole: string, withCache: boolean): ComponentDef[] => [
  { id: 'vault', kind: 'vault', label: 'Recovery Services vault', site: 'azure', role: 'Holds the replication policy, the replicated items, recovery plans and the jobs list.' },
  ...(withCache
    ? [{ id: 'cache-storage', kind: 'cacheStorage', label: 'Cache storage account', site: 'azure', role: 'Receives the replication logs first; they are then processed into the replica disks.' } satisfies ComponentDef]
    : [{ id: 'storage-account', kind: 'storageAccount', label: 'Storage account', site: 'azure', role: storageRole } satisfies ComponentDef]),
  { id: 'replica-disks', kind: 'replicaDisks', label: withCache ? 'Replica managed disks' : 'Replica disks', site: 'azure', role: 'The replica of each protected disk; recovery points are snapshots of these. Encrypted at rest.' },
  { id: 'azure-network', kind: 'azureNetwork', label: 'Azure virtual network', site: 'azure', role: 'Failed-over machines join it when they are created.' }
];

export const azurePolicy = (rpoThreshold: { value: number; source: string }): PolicyRules => ({
  rpoThreshold,
  retention: { value: 24 * H, source: 'Seed (Azure VM / VMware replication policy): default retention 24 hours' },
  maxRetention: { standard: 72 * H, premium: 24 * H },
  appConsistent: { value: 4 * H, source: 'Seed (replication policy): app-consistent snapshot every 4 hours by default' }
});

export const secondaryPolicy = (rpoThreshold: { value: number; source: string }): PolicyRules => ({
  rpoThreshold,
  retention: { value: 24 * H, source: 'Seed: default retention 24 hours' },
  maxRetention: 72 * H,
  appConsistent: { value: 4 * H, source: 'Seed (replication policy): app-consistent snapshot every 4 hours by default' }
});

export const VMWARE_DISKS: DiskLimits = {
  maxDisks: 64,
  osMaxGiB: 2048,
  dataMaxGiB: 8192,
  source: 'BEYOND.md, Capacity: VMware/physical OS disk 2,048 GB, data disks up to 8,192 GB, at most 64 disks'
};

export const HYPERV_AZURE_DISKS: DiskLimits = {
  maxDisks: 16,
  osMaxGiB: 2048,
  dataMaxGiB: 4095,
  source: 'BEYOND.md, Capacity: Hyper-V Gen1 OS disk 2,048 GB, data 4,095 GB, at most 16 disks'
};

export const HYPERV_SITE_DISKS: DiskLimits = {
  maxDisks: 64,
  osMaxGiB: 65_536,
  dataMaxGiB: 65_536,
  source: 'No Azure limits apply between two sites; VHDX files go up to 64 TB'
};

export const RPO_15_MIN = { value: 15 * 60, source: 'BEYOND.md, Capacity / deployment planning: desired RPO 15 minutes by default' };
export const RPO_60_MIN = { value: 60 * 60, source: 'BEYOND.md, Policies: VMware classic RPO threshold default 60 minutes' };

/** Links of the Mobility-service path (VMware, physical, migrations), per DOMAIN.md section 3. */
export const mobilityLinks = (uplinkLabel: string): LinkDef[] => [
  { id: 'mgmt', from: '$machines', to: 'config-server', protocol: 'HTTPS', port: 443, purpose: 'management', label: 'Replication management' },
  { id: 'lan', from: '$machines', to: 'process-server', protocol: 'HTTPS', port: 9443, purpose: 'data', label: 'Replication data to the process server (port can be changed)' },
  { id: 'orchestration', from: 'config-server', to: 'vault', protocol: 'HTTPS', port: 443, purpose: 'orchestration', label: 'Orchestration with Site Recovery' },
  { id: 'uplink', from: 'process-server', to: 'cache-storage', protocol: 'HTTPS', port: 443, purpose: 'data', label: uplinkLabel },
  { id: 'multivm', from: '$machines', to: '$machines', protocol: 'TCP', port: 20004, purpose: 'multiVm', label: 'Multi-VM consistency within a replication group' }
];

export const configServerComponents = (site: ComponentDef['site'], machineNote: string): ComponentDef[] => [
  { id: 'config-server', kind: 'configurationServer', label: 'Configuration server', site, role: `Coordinates on-premises and Azure communication and manages replication. ${machineNote}` },
  { id: 'process-server', kind: 'processServer', label: 'Process server', site, hostedOn: 'config-server', role: 'Replication gateway: receives changes, caches, compresses and encrypts them, and sends them to Azure storage; push-installs the Mobility service.' },
  { id: 'master-target', kind: 'masterTarget', label: 'Master target server', site, hostedOn: 'config-server', role: 'Handles replication data during failback from Azure.' }
];

export const mobilityHops = [
  { id: 'lan', link: 'lan', endpoints: ['$host', 'process-server'], shared: true, compressed: false as const },
  { id: 'uplink', link: 'uplink', endpoints: ['process-server', 'cache-storage'], shared: true, compressed: 'processServer' as const }
];

export const MOBILITY_NOTES = [
  msg('note.mobilityResync', {}),
  msg('note.mobilityStreams', {})
];

/**
 * What every Mobility-service scenario to Azure shares (VMware, physical, both migrations): the
 * agent on each machine, the process server path to cache storage, the vault and its policy.
 */
export const MOBILITY_TO_AZURE = {
  target: 'azure',
  tracker: 'mobility',
  lanes: 3,
  agentName: 'Mobility service',
  agentPer: 'machine',
  hops: mobilityHops,
  replicaAt: 'replica-disks',
  processServer: 'process-server',
  authority: 'vault',
  policy: azurePolicy(RPO_60_MIN),
  disks: VMWARE_DISKS,
  resyncOnReconnect: false
} satisfies Partial<ScenarioDefinition>;

/** The failback set of VMware/physical to Azure that is not there until it is deployed. */
export const AZURE_PROCESS_SERVER: ComponentDef = {
  id: 'azure-ps',
  kind: 'processServer',
  label: 'Process server in Azure',
  site: 'azure',
  deployable: true,
  role: 'A temporary Azure VM that handles replication from Azure back to the on-premises site; it can be deleted once failback is done.'
};

export const failbackVpn = (to: string): LinkDef => ({
  id: 'vpn',
  from: 'azure-network',
  to,
  protocol: 'VPN or ExpressRoute',
  purpose: 'data',
  deployable: true,
  label: 'Failback traffic from the Azure network to the on-premises master target'
});

/**
 * VMware and physical servers come back from Azure in three phases: reprotect to an on-premises
 * VMware VM, fail over, reprotect to Azure again. What the way back needs is real components.
 */
export const reprotectFromAzure = (masterTarget: string, vmware: string, extraStep: RecoveryRules['extraStep'], plannedUnsupported: string, failbackType: RecoveryRules['failbackType']): RecoveryRules => ({
  plannedUnsupported,
  autoCommit: false,
  failback: 'reprotectFromAzure',
  failbackType,
  protectedAfterPlanned: false,
  failbackNeeds: [
    { id: 'azure-ps', what: 'a process server in Azure to handle replication from Azure' },
    { id: 'vpn', what: 'a VPN or ExpressRoute connection from the Azure network to the on-premises site' },
    { id: masterTarget, what: 'an on-premises master target server to receive the data' },
    { id: 'config-server', what: 'the configuration server, which must still know the machine' },
    { id: 'failbackPolicy', what: 'a failback policy (created automatically with the replication policy)' },
    { id: vmware, what: 'on-premises VMware infrastructure: machines fail back to VMware VMs only' }
  ],
  reverseHops: [
    { endpoints: ['$machine', 'azure-ps'], links: [] },
    { endpoints: ['azure-ps', masterTarget], links: ['vpn', 'uplink'] }
  ],
  reverseApplyAt: masterTarget,
  extraStep,
  targetWords: 'in Azure'
});

export const SINGLE_FAILOVER_ACTION =
  'replication is continuous, so there is one failover action: use "type": "unplanned" with "shutdownSource": true to shut the source down and send its last changes first';

export const MIGRATION_RECOVERY: RecoveryRules = {
  plannedUnsupported: SINGLE_FAILOVER_ACTION,
  autoCommit: false,
  failback: 'none',
  failbackType: 'planned',
  protectedAfterPlanned: false,
  failbackNeeds: [],
  reverseHops: [],
  reverseApplyAt: '',
  extraStep: 'none',
  targetWords: 'in Azure'
};
