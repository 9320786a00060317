// The health of components, links and the site, from their states, the process servers' figures
// (read from the data plane every five minutes of simulated time) and the host volumes.

import type { Health } from '../components/states';
import { msg, type Message } from '../messages/index';
import type { Estate } from './estate';

/** Process server health by free cache space (BEYOND.md, Health and monitoring): Warning below 30 %, Critical below 25 %. */
export const CACHE_WARNING_FREE_PERCENT = 30;
export const CACHE_CRITICAL_FREE_PERCENT = 25;

export function componentHealth(e: Estate, id: string): { health: Health; reason: Message } {
  const c = e.conditions;
  const server = e.def.processServer ? e.fleet.get(id) : undefined;
  if (server?.figures && e.deployed.has(id)) {
    const f = server.figures;
    const paths = e.topology.paths(id);
    if (paths.includes('power.down.noHeartbeat')) return { health: 'critical', reason: msg('health.noHeartbeat', {}) };
    if (paths.includes('power.down.heartbeatLate')) return { health: 'warning', reason: msg('health.heartbeatLate', {}) };
    if (f.cacheFreePercent < CACHE_CRITICAL_FREE_PERCENT) return { health: 'critical', reason: msg('health.cacheFree', { percent: Math.round(f.cacheFreePercent), below: CACHE_CRITICAL_FREE_PERCENT }) };
    if (f.backlogAgeSeconds > 45 * 60) return { health: 'critical', reason: msg('health.backlog', { minutes: 45 }) };
    if (f.cpuPercent > 95 || f.memoryPercent > 95) return { health: 'critical', reason: msg('health.cpuMemory', { percent: 95 }) };
    if (f.cacheFreePercent < CACHE_WARNING_FREE_PERCENT) return { health: 'warning', reason: msg('health.cacheFree', { percent: Math.round(f.cacheFreePercent), below: CACHE_WARNING_FREE_PERCENT }) };
    if (f.backlogAgeSeconds > 30 * 60) return { health: 'warning', reason: msg('health.backlog', { minutes: 30 }) };
    if (f.cpuPercent > 80 || f.memoryPercent > 80) return { health: 'warning', reason: msg('health.cpuMemory', { percent: 80 }) };
    // The capacity table's limits (BEYOND.md, Capacity): beyond them more process servers are advised.
    const vcpu = server.size ? server.size.vcpu : null;
    if (f.machines > server.maxMachines) return { health: 'warning', reason: msg('health.tooManyMachines', { machines: f.machines, vcpu, max: server.maxMachines }) };
    if (f.dailyBytes > server.dailyCapacityBytes) return { health: 'warning', reason: msg('health.tooMuchChurn', { dailyBytes: f.dailyBytes, vcpu, capacityBytes: server.dailyCapacityBytes }) };
    return { health: 'healthy', reason: msg('health.normal', {}) };
  }
  if (!e.deployed.has(id)) return { health: 'notApplicable', reason: msg('health.notDeployed', {}) };
  if (c.down.has(id)) return { health: 'critical', reason: msg('health.down', { siteDown: c.siteDown }) };
  if (c.diskFull.has(id)) return { health: 'critical', reason: msg('health.diskFull', {}) };
  const volume = e.volumes.get(id);
  if (volume) {
    const stuck = e.machines.filter((m) => m.lowDisk && m.config.host === id).map((m) => m.id);
    if (stuck.length > 0) return { health: 'critical', reason: msg('health.volumeFull', { machines: stuck }) };
    // Read as of the last plan, so the moment it changes does not depend on where a window ended.
    const freePercent = (100 * volume.plannedFreeBytes) / volume.capacityBytes;
    if (freePercent < e.params['hyperv.hostWarnFreePercent']) return { health: 'warning', reason: msg('health.volumeLow', { percent: Math.round(freePercent), below: e.params['hyperv.hostWarnFreePercent'] }) };
  }
  return { health: 'healthy', reason: msg('health.normal', {}) };
}

/** Reads every process server's figures from the data plane (on the 5-minute grid). */
export function readProcessServers(e: Estate): void {
  const dp = e.dataPlane;
  const hop = e.cacheHop;
  const pooled = e.fleet.pooled;
  const count = new Map<number, number>();
  e.machines.forEach((m, i) => {
    if (m.side === 'primary' && m.statePath !== 'unprotected') count.set(e.fleet.poolOf[i]!, (count.get(e.fleet.poolOf[i]!) ?? 0) + 1);
  });
  for (const ps of e.fleet.servers) {
    const total = (h: number): number => (pooled ? dp.poolBytesTotal[h]![ps.pool]! : dp.hopBytesTotal[h]!);
    ps.figures = ps.meter.read({
      now: e.now,
      cacheUsedBytes: dp.queuedAt(hop, pooled ? ps.pool : undefined),
      cacheCapacityBytes: e.conditions.cacheFull.has(ps.id) ? 0 : ps.cacheBytes,
      uploadedTotal: total(hop),
      receivedTotal: total(hop - 1),
      oldestWaiting: pooled ? dp.poolOldest[hop]![ps.pool]! : dp.oldestWaiting[hop]!,
      ratio: e.hops[hop]!.ratio,
      peakBytesPerSecond: ps.peakBytesPerSecond,
      dailyCapacityBytes: ps.dailyCapacityBytes,
      machines: count.get(ps.pool) ?? 0
    });
  }
}

/**
 * Health of components, links and the site, from their states and the process server's figures;
 * with `only`, of that one component (a host whose volume filled, read at the moment it did).
 */
export function evaluateComponentHealth(e: Estate, only?: string): void {
  if (e.def.processServer && only === undefined) readProcessServers(e);
  for (const c of e.topology.components.values()) {
    if (only !== undefined && c.def.id !== only) continue;
    const next = componentHealth(e, c.def.id);
    if (next.health !== c.health) {
      c.health = next.health;
      e.log.push(e.now, next.health === 'critical' ? 'error' : next.health === 'warning' ? 'warning' : 'info', `health.${next.health}`, msg('health.component', { label: c.def.label, health: next.health, reason: next.reason }), null, c.def.id);
    }
  }
  if (only !== undefined) return;
  for (const l of e.topology.links.values()) {
    if (!e.deployed.has(l.def.id)) continue;
    const health: Health = l.share === 0 ? 'critical' : l.share < 1 ? 'warning' : 'healthy';
    if (health !== l.health) {
      l.health = health;
      const reason = l.share === 0 ? msg('health.linkDown', {}) : l.share < 1 ? msg('health.linkThrottled', { percent: Math.round(l.share * 100) }) : msg('health.linkNormal', {});
      e.log.push(e.now, health === 'critical' ? 'error' : health === 'warning' ? 'warning' : 'info', `health.${health}`, msg('health.link', { link: l.def.id, health, reason }), null, l.def.id);
    }
  }
}
