// Replicated-item health (Healthy / Warning / Critical / Not applicable) with the reason a person
// would want to read next to it.

import type { ScenarioDefinition } from '../scenarios/types';
import type { Health } from '../components/states';
import { afterNonRecoverable, migrated, protectAgain, resyncByHand } from '../scenarios/advice';
import type { MachineRuntime } from './machineRuntime';
import { msg, type Message } from '../messages/index';

export function machineHealth(m: MachineRuntime, def: ScenarioDefinition): { health: Health; reason: Message } {
  const path = m.statePath;
  if (path === 'unprotected' || path === 'disabling') return { health: 'notApplicable', reason: msg('health.notEnabled', {}) };
  if (path.startsWith('failingOver')) return { health: 'notApplicable', reason: msg('health.failingOver', { failback: m.side === 'target' }) };
  if (path === 'failedOver.pending' || path === 'failedOver.changingPoint') return { health: 'notApplicable', reason: msg('health.failedOverPending', {}) };
  if (path === 'failedOver.committing') return { health: 'notApplicable', reason: msg('health.committing', {}) };
  if (path.startsWith('failedOver')) {
    const next = protectAgain(def, m.side);
    if (!next) return { health: 'notApplicable', reason: migrated(def) };
    return { health: 'notApplicable', reason: msg('health.notReplicating', { failedOver: m.side === 'target', advice: next }) };
  }
  if (path === 'reprotecting') return { health: 'healthy', reason: msg('health.reprotecting', { reverse: def.target === 'secondary' }) };
  if (path === 'critical') return { health: 'critical', reason: msg('health.nonRecoverable', { reason: m.item.getSnapshot().context.errorReason, advice: afterNonRecoverable(def) }) };
  if (path === 'replicating.resyncRequired.manual' && m.item.getSnapshot().context.errorReason) {
    return { health: 'critical', reason: msg('health.resyncFailed', { reason: m.item.getSnapshot().context.errorReason, advice: resyncByHand(def) }) };
  }
  if (m.pointsStale) return { health: 'critical', reason: msg('health.pointsStale', {}) };
  if (m.off) return { health: 'warning', reason: msg('health.sourceOff', {}) };
  if (path.startsWith('replicating.resyncRequired')) return { health: 'warning', reason: msg('health.resyncRequired', { reason: m.item.getSnapshot().context.resyncReason }) };
  if (path === 'replicating.resyncing' && m.reprotectCopying) return { health: 'healthy', reason: msg('health.reprotectCopying', { reverse: def.target === 'secondary' }) };
  if (path === 'replicating.resyncing') return { health: 'warning', reason: msg('health.resyncing', {}) };
  if (m.retrying) return { health: 'warning', reason: msg('health.retrying', {}) };
  if (m.rpoExceeded) return { health: 'warning', reason: msg('health.rpoExceeded', {}) };
  if (path === 'enabling') return { health: 'healthy', reason: msg('health.enabling', {}) };
  if (path === 'replicating.initialReplication') return { health: 'healthy', reason: msg('health.initialReplication', {}) };
  return { health: 'healthy', reason: msg('health.replicating', {}) };
}
