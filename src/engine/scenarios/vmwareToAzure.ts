// VMware vSphere VMs replicated to Azure through the configuration server's process server.

import { AZURE_PROCESS_SERVER, azureTarget, configServerComponents, failbackVpn, mobilityLinks, MOBILITY_NOTES, MOBILITY_TO_AZURE, reprotectFromAzure, SINGLE_FAILOVER_ACTION } from './common';
import type { ScenarioDefinition } from './types';
import { msg } from '../messages/index';

export const vmwareToAzure: ScenarioDefinition = {
  id: 'vmware-to-azure',
  title: 'VMware VMs to Azure',
  summary: 'Protect vSphere VMs with near-continuous, block-level replication into Azure managed disks.',
  source: 'vmware',
  ...MOBILITY_TO_AZURE,
  migrationOnly: false,
  components: [
    { id: 'vcenter', kind: 'vcenter', label: 'vCenter server', site: 'primary', role: 'Manages the ESXi hosts; the process server discovers VMs through it.' },
    { id: 'esxi-01', kind: 'esxiHost', label: 'ESXi host 1', site: 'primary', role: 'Runs protected VMs.' },
    { id: 'esxi-02', kind: 'esxiHost', label: 'ESXi host 2', site: 'primary', role: 'Runs protected VMs.' },
    ...configServerComponents('primary', 'A highly available VMware VM deployed from an OVF template.'),
    ...azureTarget('', true),
    AZURE_PROCESS_SERVER
  ],
  links: [...mobilityLinks('Compressed, encrypted replication data to Azure storage (internet or ExpressRoute)'), failbackVpn('master-target')],
  hosts: ['esxi-01', 'esxi-02'],
  uplink: { mbps: 100, source: 'Invented: a typical internet uplink for a small site' },
  estate: [
    { id: 'web-01', host: 'esxi-01', os: 'linux', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 64 }] },
    { id: 'web-02', host: 'esxi-02', os: 'linux', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 64 }] },
    { id: 'app-01', host: 'esxi-01', os: 'windows', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 96 }, { id: 'data', sizeGiB: 128 }], group: 'erp' },
    { id: 'sql-01', host: 'esxi-02', os: 'windows', writeMBps: 1.5, disks: [{ id: 'os', sizeGiB: 96 }, { id: 'data', sizeGiB: 256 }, { id: 'log', sizeGiB: 64 }], group: 'erp' }
  ],
  recovery: reprotectFromAzure('master-target', 'esxi-01', 'linux', SINGLE_FAILOVER_ACTION, 'planned'),
  notes: [...MOBILITY_NOTES, msg('note.vmwareLinuxStep', {})]
};
