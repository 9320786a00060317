// The registry of scenarios by id.

import { awsToAzureMigration, azureToAzureMigration } from './migrations';
import { hypervToAzure } from './hypervToAzure';
import { physicalToAzure } from './physicalToAzure';
import { vmmSan } from './vmmSan';
import { vmmToAzure } from './vmmToAzure';
import { vmmToVmm } from './vmmToVmm';
import { vmwareToAzure } from './vmwareToAzure';
import { vmwareToVmware } from './vmwareToVmware';
import { SCENARIO_IDS, type ScenarioDefinition, type ScenarioId } from './types';

export const SCENARIOS: Readonly<Record<ScenarioId, ScenarioDefinition>> = {
  'vmware-to-azure': vmwareToAzure,
  'physical-to-azure': physicalToAzure,
  'hyperv-to-azure': hypervToAzure,
  'vmm-to-azure': vmmToAzure,
  'vmm-to-vmm': vmmToVmm,
  'vmm-san': vmmSan,
  'vmware-to-vmware': vmwareToVmware,
  'azure-to-azure-migration': azureToAzureMigration,
  'aws-to-azure-migration': awsToAzureMigration
};

export const isScenarioId = (id: unknown): id is ScenarioId => typeof id === 'string' && (SCENARIO_IDS as readonly string[]).includes(id);

export { SCENARIO_IDS };
export type { ScenarioDefinition, ScenarioId };
