// VMware VMs or physical servers replicated to a secondary site with InMage Scout: Unified Agent on
// each machine, process server at the primary site, master target at the secondary site.

import { MOBILITY_NOTES, secondaryPolicy, RPO_15_MIN, VMWARE_DISKS } from './common';
import { siteToSite } from './vmmToVmm';
import type { ScenarioDefinition } from './types';
import { msg } from '../messages/index';

export const vmwareToVmware: ScenarioDefinition = {
  id: 'vmware-to-vmware',
  title: 'VMware or physical to a secondary site (InMage Scout)',
  summary: 'Replicate VMware VMs or physical servers to your own second datacenter with InMage Scout.',
  source: 'vmware',
  target: 'secondary',
  migrationOnly: false,
  tracker: 'mobility',
  lanes: 3,
  agentName: 'Unified Agent',
  agentPer: 'machine',
  components: [
    { id: 'vcenter', kind: 'vcenter', label: 'vCenter server', site: 'primary', role: 'Optionally manages the ESXi hosts.' },
    { id: 'esxi-01', kind: 'esxiHost', label: 'ESXi host', site: 'primary', role: 'Runs protected VMs.' },
    { id: 'process-server', kind: 'processServer', label: 'Process server', site: 'primary', role: 'Caches, compresses and optimises changes and sends them to the master target; push-installs the Unified Agent.' },
    { id: 'config-server', kind: 'configurationServer', label: 'Configuration server', site: 'secondary', role: 'Installed first, one per deployment; manages, configures and monitors through its web site or the vContinuum console.' },
    { id: 'vcontinuum', kind: 'vcontinuum', label: 'vContinuum server', site: 'secondary', role: 'The console for managing protection; by default also the first master target.' },
    { id: 'master-target', kind: 'masterTarget', label: 'Master target server', site: 'secondary', role: 'Receives the changes, holds the replicated data and its retention points, and creates the replica machines.' },
    { id: 'vault', kind: 'vault', label: 'Azure subscription (vault)', site: 'azure', role: 'InMage Scout comes with the Site Recovery subscription; no data goes to Azure.' },
    { id: 'primary-master-target', kind: 'masterTarget', label: 'Master target (primary site)', site: 'primary', deployable: true, role: 'Receives the data replicated back from the secondary site: needed to fail back.' }
  ],
  links: [
    { id: 'lan', from: '$machines', to: 'process-server', protocol: 'Unified Agent', purpose: 'data', label: 'Changes from the Unified Agent to the process server' },
    { id: 'uplink', from: 'process-server', to: 'master-target', protocol: 'WAN, compressed', purpose: 'data', label: 'Optimised changes to the master target at the secondary site' },
    { id: 'mgmt', from: 'process-server', to: 'config-server', protocol: 'HTTPS', port: 443, purpose: 'management', label: 'Managed by the configuration server' }
  ],
  hops: [
    { id: 'lan', link: 'lan', endpoints: ['$host', 'process-server'], shared: true, compressed: false },
    { id: 'uplink', link: 'uplink', endpoints: ['process-server', 'master-target'], shared: true, compressed: 'processServer' }
  ],
  replicaAt: 'master-target',
  hosts: ['esxi-01'],
  processServer: 'process-server',
  authority: 'config-server',
  uplink: { mbps: 200, source: 'Invented: a site-to-site WAN link' },
  policy: secondaryPolicy(RPO_15_MIN),
  disks: VMWARE_DISKS,
  resyncOnReconnect: false,
  recovery: {
    // No seed says InMage protects machines by itself after a planned failover, and replicating
    // back needs a master target at the primary site that is not there until it is added.
    ...siteToSite('master-target', 'primary-master-target', 'primary-master-target', { protectedAfterPlanned: false }),
    failbackNeeds: [
      { id: 'primarySite', what: 'the primary site running again' },
      { id: 'primary-master-target', what: 'a master target server at the primary site' }
    ],
    reverseHops: [
      { endpoints: ['$machine', 'master-target'], links: [] },
      { endpoints: ['master-target', 'primary-master-target'], links: ['uplink'] }
    ]
  },
  estate: [
    { id: 'app-01', host: 'esxi-01', os: 'linux', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 128 }] },
    { id: 'db-01', host: 'esxi-01', os: 'windows', writeMBps: 1.0, disks: [{ id: 'os', sizeGiB: 96 }, { id: 'data', sizeGiB: 256 }] }
  ],
  notes: [
    msg('note.inmageScout', {}),
    MOBILITY_NOTES[0]!,
    msg('note.masterTargetRetention', {})
  ]
};
