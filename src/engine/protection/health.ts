// Replicated-item health (Healthy / Warning / Critical / Not applicable) with the reason a person
// would want to read next to it.

import type { ScenarioDefinition } from '../scenarios/types';
import type { Health } from '../components/states';
import { afterNonRecoverable, migrated, protectAgain, resyncByHand } from '../scenarios/advice';
import type { MachineRuntime } from './machineRuntime';

export function machineHealth(m: MachineRuntime, def: ScenarioDefinition): { health: Health; reason: string } {
  const path = m.statePath;
  if (path === 'unprotected' || path === 'disabling') return { health: 'notApplicable', reason: 'Replication is not enabled' };
  if (path.startsWith('failingOver')) return { health: 'notApplicable', reason: m.side === 'target' ? 'Failback in progress' : 'Failover in progress' };
  if (path === 'failedOver.pending' || path === 'failedOver.changingPoint') return { health: 'notApplicable', reason: 'Failed over: commit to keep the recovery point, or change it' };
  if (path === 'failedOver.committing') return { health: 'notApplicable', reason: 'Committing the failover' };
  if (path.startsWith('failedOver')) {
    const next = protectAgain(def, m.side);
    if (!next) return { health: 'notApplicable', reason: migrated(def) };
    return { health: 'notApplicable', reason: `${m.side === 'target' ? 'Failed over' : 'Back at the primary site'} and not replicating: ${next}` };
  }
  if (path === 'reprotecting') return { health: 'healthy', reason: def.target === 'secondary' ? 'Reverse replication is being set up' : 'Reprotect in progress' };
  if (path === 'critical') return { health: 'critical', reason: `Non-recoverable error: ${m.item.getSnapshot().context.errorReason}; ${afterNonRecoverable(def)}` };
  if (path === 'replicating.resyncRequired.manual' && m.item.getSnapshot().context.errorReason) {
    return { health: 'critical', reason: `Automatic resynchronisation failed (${m.item.getSnapshot().context.errorReason}); ${resyncByHand(def)}` };
  }
  if (m.pointsStale) return { health: 'critical', reason: 'No new recovery point for over an hour' };
  if (m.off) return { health: 'warning', reason: 'The source machine is not running' };
  if (path.startsWith('replicating.resyncRequired')) return { health: 'warning', reason: `Resynchronisation required: ${m.item.getSnapshot().context.resyncReason}` };
  if (path === 'replicating.resyncing' && m.reprotectCopying) return { health: 'healthy', reason: `${def.target === 'secondary' ? 'Reverse replication' : 'Reprotect'} in progress: copying to the other side` };
  if (path === 'replicating.resyncing') return { health: 'warning', reason: 'Resynchronisation in progress' };
  if (m.retrying) return { health: 'warning', reason: 'Replication is failing and being retried' };
  if (m.rpoExceeded) return { health: 'warning', reason: 'RPO is above the threshold' };
  if (path === 'enabling') return { health: 'healthy', reason: 'Enabling protection' };
  if (path === 'replicating.initialReplication') return { health: 'healthy', reason: 'Initial replication in progress' };
  return { health: 'healthy', reason: 'Replicating' };
}
