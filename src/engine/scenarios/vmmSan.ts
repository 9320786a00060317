// Hyper-V VMs in VMM clouds on SAN storage, replicated synchronously by the storage arrays to a
// secondary VMM site.

import { HYPERV_SITE_DISKS, secondaryPolicy } from './common';
import { siteToSite, vmmOrchestration, vmmSites } from './vmmToVmm';
import type { ScenarioDefinition } from './types';
import { msg } from '../messages/index';

export const vmmSan: ScenarioDefinition = {
  id: 'vmm-san',
  title: 'VMM to a secondary site with SAN replication',
  summary: 'Let supported storage arrays mirror every write synchronously to a second site: zero data loss while the link is up.',
  source: 'hyperv',
  target: 'secondary',
  migrationOnly: false,
  tracker: 'san',
  lanes: 4,
  agentName: 'SAN array replication',
  agentPer: 'none',
  components: [
    ...vmmSites(),
    { id: 'hv-host-01', kind: 'hypervHost', label: 'Hyper-V host 1', site: 'primary', role: 'Primary host; its VM disks live on the primary array.' },
    { id: 'hv-replica-01', kind: 'replicaHost', label: 'Hyper-V host (secondary)', site: 'secondary', role: 'Runs the replica VMs after failover.' },
    { id: 'san-primary', kind: 'sanArray', label: 'Primary storage array', site: 'primary', role: 'Managed by the primary VMM server; mirrors every write to the secondary array.' },
    { id: 'san-secondary', kind: 'sanArray', label: 'Secondary storage array', site: 'secondary', role: 'Holds the synchronous mirror of the replicated LUNs.' }
  ],
  links: [
    { id: 'uplink', from: 'san-primary', to: 'san-secondary', protocol: 'SAN replication (synchronous)', purpose: 'data', label: 'Array-to-array synchronous replication over shared network infrastructure' },
    ...vmmOrchestration
  ],
  hops: [{ id: 'uplink', link: 'uplink', endpoints: ['san-primary', 'san-secondary'], shared: true, compressed: false }],
  replicaAt: 'san-secondary',
  hosts: ['hv-host-01'],
  authority: 'vmm-secondary',
  uplink: { mbps: 8000, source: 'Invented: an 8 Gb/s Fibre Channel inter-site link' },
  policy: secondaryPolicy({ value: 15 * 60, source: 'BEYOND.md, deployment planning: desired RPO 15 minutes (synchronous replication keeps it at zero)' }),
  disks: HYPERV_SITE_DISKS,
  resyncOnReconnect: true,
  recovery: siteToSite('san-secondary', 'san-primary', 'san-primary', { autoCommit: true }),
  estate: [
    { id: 'oracle-01', host: 'hv-host-01', os: 'windows', writeMBps: 2.0, disks: [{ id: 'os', sizeGiB: 127 }, { id: 'data', sizeGiB: 512 }] },
    { id: 'erp-01', host: 'hv-host-01', os: 'windows', writeMBps: 0.8, disks: [{ id: 'os', sizeGiB: 127 }, { id: 'data', sizeGiB: 256 }] }
  ],
  notes: [
    msg('note.sanMirrored', {}),
    msg('note.sanTracks', {}),
    msg('note.sanAutoCommit', {})
  ]
};
