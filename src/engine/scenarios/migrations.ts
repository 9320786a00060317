// The two migrations: Azure IaaS VMs to another region, and AWS Windows instances to Azure. Both
// replicate like physical servers and support failover only, never failback.

import { azureTarget, configServerComponents, MIGRATION_RECOVERY, mobilityLinks, MOBILITY_NOTES, MOBILITY_TO_AZURE } from './common';
import type { ScenarioDefinition } from './types';
import { msg } from '../messages/index';

const MIGRATION_NOTE = msg('note.migrationOnly', {});

export const azureToAzureMigration: ScenarioDefinition = {
  id: 'azure-to-azure-migration',
  title: 'Azure IaaS VMs to another region (migration)',
  summary: 'Move Azure VMs from one region to another: replicate, then fail over once.',
  source: 'azure',
  ...MOBILITY_TO_AZURE,
  migrationOnly: true,
  components: [...configServerComponents('azureSource', 'An Azure VM in the source region.'), ...azureTarget('', true)],
  links: mobilityLinks('Replication data across regions to the target region\'s storage'),
  hosts: [],
  uplink: { mbps: 1000, source: 'Invented: inter-region bandwidth available to one process server' },
  estate: [
    { id: 'vm-web-01', os: 'windows', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 127 }] },
    { id: 'vm-sql-01', os: 'windows', writeMBps: 1.0, disks: [{ id: 'os', sizeGiB: 127 }, { id: 'data', sizeGiB: 512 }] }
  ],
  recovery: MIGRATION_RECOVERY,
  notes: [...MOBILITY_NOTES, MIGRATION_NOTE, msg('note.azureRegion', {})]
};

export const awsToAzureMigration: ScenarioDefinition = {
  id: 'aws-to-azure-migration',
  title: 'AWS Windows instances to Azure (migration)',
  summary: 'Move Windows EC2 instances into Azure IaaS VMs: replicate them like physical servers, then fail over.',
  source: 'aws',
  ...MOBILITY_TO_AZURE,
  migrationOnly: true,
  components: [...configServerComponents('aws', 'An EC2 instance in the same VPC as the instances to migrate.'), ...azureTarget('', true)],
  links: mobilityLinks('Replication data over the internet to Azure storage'),
  hosts: [],
  uplink: { mbps: 500, source: 'Invented: internet egress available from the VPC' },
  estate: [
    { id: 'ec2-web-01', os: 'windows', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 80 }] },
    { id: 'ec2-app-01', os: 'windows', writeMBps: 0.6, disks: [{ id: 'os', sizeGiB: 80 }, { id: 'data', sizeGiB: 200 }] }
  ],
  recovery: { ...MIGRATION_RECOVERY, extraStep: 'all' },
  notes: [...MOBILITY_NOTES, MIGRATION_NOTE, msg('note.awsPhysical', {})]
};
