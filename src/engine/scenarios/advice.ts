// What to do next, in the scenario's own actions: health reasons and rejection hints name only steps
// the scenario has. Hyper-V VMs come back from Azure by failback, not reprotect; between two sites the
// way back is reverse replication; a migration ends with its failover; SAN arrays resynchronise by
// themselves, so there is no resync to start.

import type { ScenarioDefinition, Side } from './types';
import { msg, type Message } from '../messages/index';

/**
 * What brings a machine that failed over, and whose failover is committed, back under protection
 * from the side it runs on now ("to ..." completes "not replicating: ..."), or undefined for a
 * migration, which has no way back.
 */
export function protectAgain(def: ScenarioDefinition, side: Side): Message | undefined {
  const failback = def.recovery.failback;
  return failback === 'none' ? undefined : msg('advice.protectAgain', { failback, back: side === 'target' });
}

/** What a completed migration achieved, as a learner would want it said. */
export function migrated(def: ScenarioDefinition): Message {
  return msg('advice.migrated', { where: def.recovery.targetWords });
}

/** How a machine that needs a resync gets one, for messages ("start it by hand", or the arrays' way). */
export function resyncByHand(def: ScenarioDefinition): Message {
  return msg('advice.resyncByHand', { san: def.resyncOnReconnect });
}

/** What to do after a non-recoverable error, once its cause is fixed. */
export function afterNonRecoverable(def: ScenarioDefinition): Message {
  return msg('advice.afterNonRecoverable', { san: def.resyncOnReconnect });
}
