// How the simulation sets up its data plane: the hops of the replication path with their latency
// and capacity pools, and the settings of the streams and the data plane from the parameters and
// the policy.

import type { HopRuntime, StreamSettings } from '../data/types';
import { GiB, KiB, MB, MiB } from '../units';
import { hopBlock } from './blocks';
import type { Estate } from './estate';

export function buildHops(e: Estate): HopRuntime[] {
  const p = e.params;
  const net = e.config.network;
  const builtIn = e.def.processServer;
  const hops: HopRuntime[] = e.def.hops.map((h, i) => ({
    id: h.id,
    kind: 'network' as const,
    shared: h.shared,
    capacity: 0,
    latency: (h.link === 'lan' ? p['lan.latencyMs'] : net.uplinkLatencyMs) / 1000,
    ratio: 1,
    blocked: (m: number) => hopBlock(e, m, i),
    // With scale-out process servers, the hops to and from a process server are shared per server.
    ...(e.fleet.pooled && builtIn !== undefined && h.endpoints.includes(builtIn) ? { pools: { capacity: new Float64Array(e.fleet.servers.length) } } : {})
  }));
  const applyIndex = hops.length;
  hops.push({
    id: 'apply',
    kind: 'apply',
    shared: false,
    capacity: p['apply.MBps'] * MB,
    latency: 0,
    ratio: 1,
    blocked: (m: number) => hopBlock(e, m, applyIndex)
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
