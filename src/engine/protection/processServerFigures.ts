// A process server's live figures, the ones its health thresholds are set on: cache use and free
// space, upload throughput, CPU and memory, how long the oldest cached data has waited, and what it
// carries against what its size is for (churn of the last day, machines).

import { MB } from '../units';

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
  /** Changes it processed over the last 24 hours, bytes. */
  dailyBytes: number;
  /** Machines that replicate through it. */
  machines: number;
}

/** What the meter reads from the data plane for one process server at one moment. */
export interface ProcessServerSample {
  now: number;
  cacheUsedBytes: number;
  cacheCapacityBytes: number;
  /** Bytes ever sent to Azure (on the wire) and received from machines. */
  uploadedTotal: number;
  receivedTotal: number;
  /** Arrival time of the oldest data waiting in its cache, or Infinity. */
  oldestWaiting: number;
  /** Bytes on the wire per byte of data on its upload (compression). */
  ratio: number;
  /** What it can process at full load, bytes per second, and what its size handles a day, bytes. */
  peakBytesPerSecond: number;
  dailyCapacityBytes: number;
  machines: number;
}

/**
 * Turns samples into figures; remembers the byte counters between reads to turn them into rates,
 * and the data processed in each of the last 24 hours to compare with the daily capacity.
 */
export class ProcessServerMeter {
  private last = { t: 0, uploaded: 0, received: 0 };
  private readonly hourly = new Float64Array(24);
  private hour = 0;

  read(s: ProcessServerSample): ProcessServerFigures {
    const dt = s.now - this.last.t;
    const upload = dt > 0 ? (s.uploadedTotal - this.last.uploaded) / dt : 0;
    const intake = dt > 0 ? (s.receivedTotal - this.last.received) / dt : 0;
    const lastDay = this.dailyBytes();
    // Load: data compressed, encrypted and uploaded now against the peak rate, or over the last day
    // against the documented daily capacity, whichever is higher (the mapping to CPU and memory is
    // invented).
    const daily = lastDay / s.dailyCapacityBytes;
    const load = Math.min(1.2, Math.max(upload / s.ratio / s.peakBytesPerSecond, daily));
    const capacity = s.cacheCapacityBytes;
    const used = s.cacheUsedBytes;
    const figures: ProcessServerFigures = {
      cacheUsedBytes: used,
      cacheCapacityBytes: capacity,
      cacheFreePercent: capacity > 0 ? Math.max(0, 100 * (1 - used / capacity)) : 0,
      uploadBytesPerSecond: upload,
      intakeBytesPerSecond: intake,
      // Busy at full speed; over the thresholds only when a day's churn exceeds the capacity.
      cpuPercent: Math.min(100, 10 + 65 * load),
      memoryPercent: Math.min(100, 30 + 40 * load + 20 * (capacity > 0 ? used / capacity : 1)),
      backlogAgeSeconds: Number.isFinite(s.oldestWaiting) ? Math.max(0, s.now - s.oldestWaiting) : 0,
      dailyBytes: lastDay,
      machines: s.machines
    };
    if (s.now > this.last.t) {
      const processed = (s.uploadedTotal - this.last.uploaded) / s.ratio;
      const hour = Math.floor(s.now / 3600);
      while (this.hour < hour) this.hourly[++this.hour % 24] = 0;
      this.hourly[hour % 24]! += processed;
      this.last = { t: s.now, uploaded: s.uploadedTotal, received: s.receivedTotal };
    }
    return figures;
  }

  private dailyBytes(): number {
    let n = 0;
    for (const b of this.hourly) n += b;
    return n;
  }
}

/** Bytes a day from terabytes a day. */
export const tbPerDay = (tb: number): number => tb * 1e6 * MB;
