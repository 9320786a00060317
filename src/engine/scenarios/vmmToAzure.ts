// Hyper-V VMs in System Center VMM clouds replicated to Azure: the Provider runs on the VMM
// server, the Recovery Services agent on each host.

import { azureTarget } from './common';
import { HRL_NOTES, hypervAzureLinks, hypervToAzure } from './hypervToAzure';
import type { ScenarioDefinition } from './types';
import { msg } from '../messages/index';

/** Replication itself is Hyper-V to Azure's; VMM adds the Provider on its server and network mapping. */
export const vmmToAzure: ScenarioDefinition = {
  ...hypervToAzure,
  id: 'vmm-to-azure',
  title: 'Hyper-V in VMM clouds to Azure',
  summary: 'Protect Hyper-V VMs managed by System Center VMM, with network mapping to Azure networks.',
  agentName: 'Recovery Services agent',
  components: [
    { id: 'vmm-server', kind: 'vmmServer', label: 'VMM server', site: 'primary', role: 'Manages the private cloud; the Site Recovery Provider runs here and orchestrates replication.' },
    { id: 'hv-host-01', kind: 'hypervHost', label: 'Hyper-V host 1', site: 'primary', role: 'Host in the VMM cloud; runs the Recovery Services agent.' },
    { id: 'hv-host-02', kind: 'hypervHost', label: 'Hyper-V host 2', site: 'primary', role: 'Host in the VMM cloud; runs the Recovery Services agent.' },
    ...azureTarget('Stores the replicated data; Azure VMs are created from it at failover.', false)
  ],
  links: hypervAzureLinks('vmm-server'),
  estate: [
    { id: 'exch-01', host: 'hv-host-01', os: 'windows', writeMBps: 1.0, disks: [{ id: 'os', sizeGiB: 127 }, { id: 'db', sizeGiB: 256 }] },
    { id: 'sp-01', host: 'hv-host-02', os: 'windows', writeMBps: 0.4, disks: [{ id: 'os', sizeGiB: 127 }] },
    { id: 'dhcp-01', host: 'hv-host-02', os: 'windows', writeMBps: 0.02, disks: [{ id: 'os', sizeGiB: 40 }] }
  ],
  notes: [...HRL_NOTES, msg('note.vmmNetworkMapping', {})]
};
