// What to do next, in the scenario's own actions: health reasons and rejection hints name only steps
// the scenario has. Hyper-V VMs come back from Azure by failback, not reprotect; between two sites the
// way back is reverse replication; a migration ends with its failover; SAN arrays resynchronise by
// themselves, so there is no resync to start.

import type { ScenarioDefinition, Side } from './types';

/**
 * What brings a machine that failed over, and whose failover is committed, back under protection
 * from the side it runs on now ("to ..." completes "not replicating: ..."), or undefined for a
 * migration, which has no way back.
 */
export function protectAgain(def: ScenarioDefinition, side: Side): string | undefined {
  switch (def.recovery.failback) {
    case 'reprotectFromAzure':
      return side === 'target' ? 'reprotect it to replicate back to on-premises VMware (phase 1 of failback)' : 'reprotect it to replicate to Azure again (phase 3 of failback)';
    case 'plannedFromAzure':
      return side === 'target' ? 'fail it back to its Hyper-V host (failback); replication to Azure restarts by itself after that' : 'replication to Azure restarts by itself once the failback is committed';
    case 'siteToSite':
      return side === 'target' ? 'start reverse replication (reprotect) to protect it back to the primary site' : 'start reverse replication (reprotect) to protect it to the secondary site again';
    case 'none':
      return undefined;
  }
}

/** What a completed migration achieved, as a learner would want it said. */
export function migrated(def: ScenarioDefinition): string {
  return `Migrated: it runs ${def.recovery.targetWords} now and its failover is committed; a migration has no failback, so there is nothing left to do`;
}

/** How a machine that needs a resync gets one, for messages ("start it by hand", or the arrays' way). */
export function resyncByHand(def: ScenarioDefinition): string {
  return def.resyncOnReconnect ? 'the arrays resynchronise by themselves once their link and the machine are back' : 'start a resync by hand';
}

/** What to do after a non-recoverable error, once its cause is fixed. */
export function afterNonRecoverable(def: ScenarioDefinition): string {
  return def.resyncOnReconnect ? 'fix the cause; the arrays then resynchronise by themselves' : 'fix the cause, then resync';
}
