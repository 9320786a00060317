// The process server's live figures, the ones its health thresholds are set on: cache use and free
// space, upload throughput, CPU and memory, and how long the oldest cached data has waited.

import type { Simulation } from '../simulation';
import { GiB, MB } from '../units';

export interface ProcessServerFigures {
  cacheUsedBytes: number;
  cacheCapacityBytes: number;
  cacheFreePercent: number;
  /** Bytes per second uploaded over the last window. */
  uploadBytesPerSecond: number;
  /** Bytes per second received from machines over the last window. */
  intakeBytesPerSecond: number;
  cpuPercent: number;
  memoryPercent: number;
  /** Age of the oldest data in the cache waiting for upload. */
  backlogAgeSeconds: number;
}

/**
 * Reads the figures; remembers the byte counters between reads to turn them into rates, and the
 * data processed in each of the last 24 hours to compare with the daily capacity.
 */
export class ProcessServerMeter {
  private last = { t: 0, uploaded: 0, received: 0 };
  private readonly hourly = new Float64Array(24);
  private hour = 0;

  read(sim: Simulation): ProcessServerFigures {
    const figures = processServerFigures(sim, this.last, this.dailyBytes());
    if (sim.now > this.last.t) {
      const processed = (figures.uploadedTotal - this.last.uploaded) / sim.hops[sim.cacheHop]!.ratio;
      const hour = Math.floor(sim.now / 3600);
      while (this.hour < hour) this.hourly[++this.hour % 24] = 0;
      this.hourly[hour % 24]! += processed;
      this.last = { t: sim.now, uploaded: figures.uploadedTotal, received: figures.receivedTotal };
    }
    return figures;
  }

  private dailyBytes(): number {
    let n = 0;
    for (const b of this.hourly) n += b;
    return n;
  }
}

function processServerFigures(sim: Simulation, last: { t: number; uploaded: number; received: number }, lastDayBytes: number): ProcessServerFigures & { uploadedTotal: number; receivedTotal: number } {
  const hop = sim.cacheHop;
  const used = sim.dataPlane.queuedAt(hop);
  const capacity = sim.conditions.cacheFull.size > 0 ? 0 : sim.params['processServer.cacheGiB'] * GiB;
  const dp = sim.dataPlane;
  const uploaded = dp.hopBytesTotal[hop]!;
  const received = dp.hopBytesTotal[hop - 1]!;
  const oldest = dp.oldestWaiting[hop]!;
  const now = sim.now;
  const dt = now - last.t;
  const upload = dt > 0 ? (uploaded - last.uploaded) / dt : 0;
  const intake = dt > 0 ? (received - last.received) / dt : 0;
  // Load: data compressed, encrypted and uploaded now against the peak rate, or over the last day
  // against the documented daily capacity, whichever is higher (the mapping to CPU and memory is
  // invented).
  const ratio = sim.hops[hop]!.ratio;
  const daily = lastDayBytes / (sim.params['processServer.capacityTBPerDay'] * 1e6 * MB);
  const load = Math.min(1.2, Math.max(upload / ratio / (sim.params['processServer.peakMBps'] * MB), daily));
  return {
    cacheUsedBytes: used,
    cacheCapacityBytes: capacity,
    cacheFreePercent: capacity > 0 ? Math.max(0, 100 * (1 - used / capacity)) : 0,
    uploadBytesPerSecond: upload,
    intakeBytesPerSecond: intake,
    // Busy at full speed; over the thresholds only when a day's churn exceeds the capacity.
    cpuPercent: Math.min(100, 10 + 65 * load),
    memoryPercent: Math.min(100, 30 + 40 * load + 20 * (capacity > 0 ? used / capacity : 1)),
    backlogAgeSeconds: Number.isFinite(oldest) ? Math.max(0, now - oldest) : 0,
    uploadedTotal: uploaded,
    receivedTotal: received
  };
}
