// Windows and Linux physical servers replicated to Azure, the same way as VMware VMs.

import { AZURE_PROCESS_SERVER, azureTarget, configServerComponents, failbackVpn, mobilityLinks, MOBILITY_NOTES, MOBILITY_TO_AZURE, reprotectFromAzure } from './common';
import type { ScenarioDefinition } from './types';
import { msg } from '../messages/index';

export const physicalToAzure: ScenarioDefinition = {
  id: 'physical-to-azure',
  title: 'Physical servers to Azure',
  summary: 'Protect Windows or Linux physical servers; they come back from Azure only as VMware VMs.',
  source: 'physical',
  ...MOBILITY_TO_AZURE,
  migrationOnly: false,
  components: [
    ...configServerComponents('primary', 'Can itself be a physical machine when only physical servers are replicated.'),
    ...azureTarget('', true),
    AZURE_PROCESS_SERVER,
    { id: 'esxi-failback', kind: 'esxiHost', label: 'ESXi host (for failback)', site: 'primary', deployable: true, role: 'On-premises VMware infrastructure: physical servers fail back to VMware VMs, never to physical servers.' },
    { id: 'master-target-vm', kind: 'masterTarget', label: 'Master target VM', site: 'primary', hostedOn: 'esxi-failback', deployable: true, role: 'A separate master target that is a VMware VM, attached to VMware storage to restore the disks during failback.' }
  ],
  links: [...mobilityLinks('Compressed, encrypted replication data to Azure storage (internet or ExpressRoute)'), failbackVpn('master-target-vm')],
  hosts: [],
  uplink: { mbps: 100, source: 'Invented: a typical internet uplink for a small site' },
  estate: [
    { id: 'file-01', os: 'windows', writeMBps: 0.6, disks: [{ id: 'os', sizeGiB: 128 }, { id: 'data', sizeGiB: 512 }] },
    { id: 'dc-01', os: 'windows', writeMBps: 0.05, disks: [{ id: 'os', sizeGiB: 80 }] },
    { id: 'erp-01', os: 'linux', writeMBps: 0.8, disks: [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 256 }] }
  ],
  recovery: reprotectFromAzure('master-target-vm', 'esxi-failback', 'all', 'planned failover is not supported for physical servers: run an unplanned failover, with "shutdownSource": true to send the last changes first', 'unplanned'),
  notes: [
    ...MOBILITY_NOTES,
    msg('note.physicalOwnHost', {}),
    msg('note.physicalFailback', {}),
    msg('note.physicalFailoverStep', {})
  ]
};
