// The nine scenarios' titles and summaries in the page's language. The engine names them in English
// (its scenario definitions); the English here is the same, which a test checks.

import { m } from '../../paraglide/messages';

const TEXT: Record<string, [() => string, () => string]> = {
  'vmware-to-azure': [m.scn_vmware_to_azure_title, m.scn_vmware_to_azure_summary],
  'physical-to-azure': [m.scn_physical_to_azure_title, m.scn_physical_to_azure_summary],
  'hyperv-to-azure': [m.scn_hyperv_to_azure_title, m.scn_hyperv_to_azure_summary],
  'vmm-to-azure': [m.scn_vmm_to_azure_title, m.scn_vmm_to_azure_summary],
  'vmm-to-vmm': [m.scn_vmm_to_vmm_title, m.scn_vmm_to_vmm_summary],
  'vmm-san': [m.scn_vmm_san_title, m.scn_vmm_san_summary],
  'vmware-to-vmware': [m.scn_vmware_to_vmware_title, m.scn_vmware_to_vmware_summary],
  'azure-to-azure-migration': [m.scn_azure_to_azure_migration_title, m.scn_azure_to_azure_migration_summary],
  'aws-to-azure-migration': [m.scn_aws_to_azure_migration_title, m.scn_aws_to_azure_migration_summary],
};

/** A scenario's title in the page's language (the engine's own where there is none). */
export function scenarioTitle(s: { id: string; title: string }): string {
  return TEXT[s.id]?.[0]() ?? s.title;
}

/** A scenario's summary in the page's language (the engine's own where there is none). */
export function scenarioSummary(s: { id: string; summary: string }): string {
  return TEXT[s.id]?.[1]() ?? s.summary;
}
