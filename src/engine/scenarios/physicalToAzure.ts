// Windows and Linux physical servers replicated to Azure, the same way as VMware VMs.

import { azureTarget, configServerComponents, mobilityLinks, MOBILITY_NOTES, MOBILITY_TO_AZURE } from './common';
import type { ScenarioDefinition } from './types';

export const physicalToAzure: ScenarioDefinition = {
  id: 'physical-to-azure',
  title: 'Physical servers to Azure',
  summary: 'Protect Windows or Linux physical servers; they come back from Azure only as VMware VMs.',
  source: 'physical',
  ...MOBILITY_TO_AZURE,
  migrationOnly: false,
  components: [...configServerComponents('primary', 'Can itself be a physical machine when only physical servers are replicated.'), ...azureTarget('', true)],
  links: mobilityLinks('Compressed, encrypted replication data to Azure storage (internet or ExpressRoute)'),
  hosts: [],
  uplink: { mbps: 100, source: 'Invented: a typical internet uplink for a small site' },
  estate: [
    { id: 'file-01', os: 'windows', writeMBps: 0.6, disks: [{ id: 'os', sizeGiB: 128 }, { id: 'data', sizeGiB: 512 }] },
    { id: 'dc-01', os: 'windows', writeMBps: 0.05, disks: [{ id: 'os', sizeGiB: 80 }] },
    { id: 'erp-01', os: 'linux', writeMBps: 0.8, disks: [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 256 }] }
  ],
  notes: [...MOBILITY_NOTES, 'Each physical server is its own host: a host-disk fault targets the server itself.']
};
