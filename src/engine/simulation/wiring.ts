// How the simulation sets up its data plane: the hops of the replication path with their latency
// and capacity pools, and the settings of the streams and the data plane from the parameters and
// the policy.

import type { HopRuntime, StreamSettings } from '../data/types';
import type { JobList } from '../protection/jobs';
import type { MachineContext, MachineRuntime } from '../protection/machineRuntime';
import { msg, type Message } from '../messages/index';
import type { Calendar } from '../time/calendar';
import type { Scheduler } from '../time/scheduler';
import { GiB, KiB, MB, MiB } from '../units';
import { hopBlock, pathBlock, sanUp, volumeBlock } from './blocks';
import type { Estate } from './estate';

/** The estate as a machine's context uses it: with the clock, the jobs and the health it updates. */
export type ContextEstate = Estate & {
  readonly scheduler: Scheduler;
  readonly jobs: JobList;
  readonly calendar: Calendar;
  pathProblem(m: MachineRuntime): Message | undefined;
  healthMayHaveChanged(m: MachineRuntime): void;
  evaluateComponentHealth(only?: string): void;
};

export function buildHops(e: Estate): HopRuntime[] {
  const p = e.params;
  const net = e.config.network;
  const builtIn = e.def.processServer;
  const hops: HopRuntime[] = e.def.hops.map((h) => ({
    id: h.id,
    kind: 'network' as const,
    shared: h.shared,
    capacity: 0,
    latency: (h.link === 'lan' ? p['lan.latencyMs'] : net.uplinkLatencyMs) / 1000,
    ratio: 1,
    // With scale-out process servers, the hops to and from a process server are shared per server.
    ...(e.fleet.pooled && builtIn !== undefined && h.endpoints.includes(builtIn) ? { pools: { capacity: new Float64Array(e.fleet.servers.length) } } : {})
  }));
  hops.push({
    id: 'apply',
    kind: 'apply',
    shared: false,
    capacity: p['apply.MBps'] * MB,
    latency: 0,
    ratio: 1
  });
  return hops;
}

export function streamSettings(e: Estate): StreamSettings {
  const p = e.params;
  const blockBytes = p['model.blockMiB'] * MiB;
  return {
    blockBytes,
    chunkBlocks: Math.max(1, Math.round((p['resync.chunkMiB'] * MiB) / blockBytes)),
    segmentBytes: p['copy.segmentGiB'] * GiB,
    lanes: e.def.lanes,
    hrlHeaderBytes: p['hrl.headerKiB'] * KiB,
    hrlResyncFraction: p['hrl.resyncPercent'] / 100,
    sourceBufferBytes: p['mobility.bufferMiB'] * MiB,
    copyFrequency: e.policy.copyFrequency,
    stalePointSeconds: p['health.stalePointMinutes'] * 60
  };
}

export function dataPlaneSettings(e: Estate) {
  return {
    crashEvery: e.params['crashConsistent.minutes'] * 60,
    appEvery: e.policy.appConsistentEvery,
    copyFrequency: e.def.tracker === 'hrl' ? e.policy.copyFrequency : 0,
    retention: e.policy.retention,
    stalePointSeconds: e.params['health.stalePointMinutes'] * 60
  };
}

/** Updates capacities and compression from links, the policy and the process server cache. */
export function refreshHops(e: Estate): void {
  const p = e.params;
  const throttled = p['processServer.throttledPercent'] / 100;
  const builtIn = e.def.processServer;
  e.def.hops.forEach((h, i) => {
    const hop = e.hops[i]!;
    hop.ratio = h.compressed === 'processServer' || (h.compressed === 'policy' && e.policy.compression) ? p['processServer.compressionPercent'] / 100 : 1;
    // A cache running low throttles what its process server takes in.
    const intake = i + 1 === e.cacheHop;
    if (hop.pools) {
      const caps = hop.pools.capacity;
      for (const ps of e.fleet.servers) {
        const there = e.deployed.has(ps.id);
        if (h.endpoints[0] === builtIn) caps[ps.pool] = there ? ps.peakBytesPerSecond * hop.ratio : 0;
        else caps[ps.pool] = there ? e.topology.linkCapacity(ps.lanLink) * (intake && ps.level !== 'normal' ? throttled : 1) : 0;
      }
      // Every process server uploads over the site's uplink; each has a LAN link of its own.
      hop.capacity = h.endpoints[0] === builtIn ? e.topology.linkCapacity(h.link) : Infinity;
      return;
    }
    let capacity = e.topology.linkCapacity(h.link);
    if (intake && e.fleet.builtIn.level !== 'normal') capacity *= throttled;
    // The process server sends no faster than it can compress and encrypt.
    if (h.endpoints[0] === builtIn) capacity = Math.min(capacity, e.fleet.builtIn.peakBytesPerSecond * hop.ratio);
    hop.capacity = capacity;
  });
}

/** What a machine needs from the simulation around it. */
export function machineContext(e: ContextEstate): MachineContext {
  return {
    scheduler: e.scheduler,
    log: e.log,
    jobs: e.jobs,
    calendar: e.calendar,
    hopNames: e.def.hops.map((h) => msg('part.hopTo', { label: e.label(h.endpoints[1]!) })).concat(msg('part.hopReplica', {})),
    checksumSeconds: (m) => m.stream.diskBytes.reduce((a, b) => a + b, 0) / (e.params['resync.checksumMBps'] * MB),
    pathProblem: (m) => e.pathProblem(m),
    pathBlock: (m) => pathBlock(e, m),
    hopProblem: (m, h) => (h === 0 ? volumeBlock(e, m) : undefined) ?? hopBlock(e, m.stream.index, h),
    startCopy: (m, kind, t, transferFrom) => e.dataPlane.startCopy(m.stream, kind, t, transferFrom),
    rpoActivated: (m, t) => e.dataPlane.rpoActivated(m.stream, t),
    resyncDelayMs: (m) => {
      if (e.def.resyncOnReconnect) return sanUp(e) && !m.off ? 0 : -1;
      if (e.policy.resync === 'manual') return -1;
      return (e.calendar.nextOutsideOfficeHours(e.now) - e.now) * 1000;
    },
    resyncOnReconnect: e.def.resyncOnReconnect,
    scenario: e.def,
    groupStopped: (m) => {
      if (m.stream.group >= 0) e.dataPlane.groups.cancel(m.stream.group);
    },
    healthMayHaveChanged: (m) => e.healthMayHaveChanged(m),
    hostHealthMayHaveChanged: (m) => {
      if (m.config.host !== undefined) e.evaluateComponentHealth(m.config.host);
    },
    processServerOf: (m) => e.label(e.fleet.of(m.stream.index).id)
  };
}
