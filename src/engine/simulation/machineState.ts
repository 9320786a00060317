// A machine kept in line with what happens around it: its health (logged when it changes), whether
// it writes, and what a process server's cache level means for the machines behind it.

import type { StageLevel } from '../data/cacheStages';
import { english, msg } from '../messages/index';
import { machineHealth } from '../protection/health';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { ProcessServerRuntime } from '../protection/processServerFleet';
import type { Estate } from './estate';

/** A machine's health from its state; an event when it changed. */
export function noteMachineHealth(e: Estate, m: MachineRuntime): void {
  const { health, reason } = machineHealth(m, e.def);
  m.healthReason = english(reason);
  m.healthText = reason;
  if (health === m.health) return;
  m.health = health;
  const severity = health === 'critical' ? 'error' : health === 'warning' ? 'warning' : 'info';
  e.log.push(e.now, severity, `health.${health}`, msg('health.machine', { machine: m.id, health, reason }), m.id);
}

/**
 * Starts or stops a machine's writes to match its state: it writes while it runs, is not shut down
 * by a failover, and (VMware/physical) its host has disk space.
 */
export function syncWorkload(e: Estate, m: MachineRuntime): void {
  const host = m.config.host;
  const paused = m.side === 'primary' && host !== undefined && e.conditions.diskFull.has(host) && e.def.tracker !== 'hrl';
  const run = !m.off && !m.shutDown && !paused;
  const w = m.stream.workload;
  if (run === w.isRunning) return;
  if (run) w.start(e.now);
  else w.stop();
  e.dataPlane.markDirty();
}

/** A process server's cache became full, low (throttled) or normal again: its statechart and the log. */
export function cacheLevelChanged(e: Estate, server: ProcessServerRuntime, level: StageLevel, free: number): void {
  server.level = level;
  const ps = server.id;
  e.topology.components.get(ps)!.actor.send({ type: level === 'full' ? 'cache.full' : level === 'low' ? 'cache.low' : 'cache.normal' });
  const pct = Math.round(free * 100);
  const cache = e.label(ps);
  if (level === 'full') e.log.push(e.now, 'error', 'processServer.cacheFull', msg('processServer.cacheFull', { label: cache }), null, ps);
  else if (level === 'low') e.log.push(e.now, 'warning', 'processServer.throttled', msg('processServer.throttled', { label: cache, freePercent: pct }), null, ps);
  else e.log.push(e.now, 'info', 'processServer.cacheNormal', msg('processServer.cacheNormal', { label: cache, freePercent: pct }), null, ps);
}
