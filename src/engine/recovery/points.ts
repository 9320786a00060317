// Which recovery point a failover uses, and what the machine's disks hold at it. "Latest" first
// processes everything the target has received (the point stands for the newest source time the
// received data is complete up to); the other choices take a retained point. The content comes from
// the replica's data and is checked against the source, so integrity and data loss are facts of
// the run, not estimates.

import type { MachineStream } from '../data/stream';
import type { ReplicaDisks } from '../data/replica';
import type { SourceDisks } from '../data/sourceDisks';
import type { RecoveryPoints } from '../data/recoveryPoints';

/** Where retained points live: a replicating stream, or the side a failed-over machine came from. */
export interface PointSource {
  readonly id: string;
  readonly points: RecoveryPoints;
  readonly replica: ReplicaDisks;
  readonly source: SourceDisks;
}
import { blockOf, diskOf } from '../data/blocks';
import { DELTA } from '../data/itemQueue';
import { HOP_STRIDE, DONE } from '../data/stream';
import { compareWithSource, type IntegrityResult } from '../protection/integrity';
import type { Consistency } from '../data/recoveryPoints';
import type { PointChoice } from '../script/config';
import { msg, type Message } from '../messages/index';

export interface ChosenPoint {
  /** Source time the point stands for. */
  at: number;
  watermark: number;
  consistency: Consistency;
  multiVm: boolean;
  /** The machine's disks at the point. */
  content: Uint32Array[];
  /** Bytes processed into the replica first ("latest"). */
  processedBytes: number;
  /** Whether the point was made by this failover ("latest" with data to process, or a planned failover). */
  made: boolean;
  integrity: IntegrityResult;
}

/**
 * Index of the retained point a choice picks (for "latest", the newest), or why there is none.
 * `sharedAt`, for multi-VM choices across several machines of a group, is the time all share.
 */
export function pickRetained(stream: PointSource, choice: PointChoice, sharedAt?: number): number | Message {
  const p = stream.points;
  if (p.length === 0) return msg('reject.noPointYet', { machine: stream.id });
  let k: number;
  if (typeof choice === 'number') {
    k = p.findNewest((i) => p.at(i) <= choice + 1e-9);
    if (k < 0) return msg('reject.noPointBefore', { machine: stream.id, at: choice, oldest: p.at(0) });
    return k;
  }
  switch (choice) {
    case 'latest':
    case 'latestProcessed':
      return p.newest;
    case 'latestAppConsistent':
      k = p.findNewest((i) => p.consistency(i) === 'app');
      return k >= 0 ? k : msg('reject.noAppPoint', { machine: stream.id });
    case 'latestMultiVmProcessed':
    case 'latestMultiVmAppConsistent': {
      const app = choice === 'latestMultiVmAppConsistent';
      k = p.findNewest((i) => p.multiVm(i) && (!app || p.consistency(i) === 'app') && (sharedAt === undefined || p.at(i) === sharedAt));
      return k >= 0 ? k : msg('reject.noMultiVmPoint', { machine: stream.id, app, shared: sharedAt !== undefined });
    }
  }
}

/** The disks at retained point k, checked against the source. */
export function retainedPoint(stream: PointSource, k: number): ChosenPoint {
  const p = stream.points;
  const content = stream.replica.contentAt(p.position(k));
  return {
    at: p.at(k),
    watermark: p.watermark(k),
    consistency: p.consistency(k),
    multiVm: p.multiVm(k),
    content,
    processedBytes: 0,
    made: false,
    integrity: compareWithSource(stream.source, p.watermark(k), content)
  };
}

/**
 * "Latest": everything received at the target is processed and a point made for the newest source
 * time the data is complete up to; with nothing newer than the last point, that point is used.
 * Without a point and without complete data (still copying) there is nothing to recover to.
 */
export function latestPoint(stream: MachineStream, t: number): ChosenPoint | Message {
  // A synchronous mirror that stopped (its site failed) still holds every write it applied.
  const mirror = stream.tracker === 'san' && stream.mode === 'stopped' && stream.replicaConsistent;
  if (stream.mode !== 'delta' && !mirror) {
    const k = pickRetained(stream, 'latestProcessed');
    return typeof k === 'number' ? retainedPoint(stream, k) : msg('reject.stillCopying', { reason: k });
  }
  const last = stream.queues.length - 1;
  const q = stream.queues[last]!;
  let w = stream.appliedSeq;
  let at = stream.receivedThrough;
  for (let i = 0; i < q.length; i++) {
    if (q.kind(i) !== DELTA) continue;
    w = Math.max(w, q.endSeq(i));
    at = Math.max(at, q.cut(i));
  }
  // Every write the source made is at the target: the replica is the source as it is now.
  if (w >= stream.source.seq && stream.itemsBefore(last) === 0) at = Math.max(at, t);
  const p = stream.points;
  if (p.length > 0 && at <= p.at(p.newest) + 1e-9) return retainedPoint(stream, p.newest);
  const content = stream.replica.disks.map((d) => d.slice());
  for (let s = stream.appliedSeq + 1; s <= w; s++) {
    const packed = stream.source.packedBlockOf(s);
    const disk = content[diskOf(packed)];
    if (disk && blockOf(packed) < disk.length) disk[blockOf(packed)] = s;
  }
  return {
    at,
    watermark: w,
    consistency: 'crash',
    multiVm: false,
    content,
    processedBytes: Math.max(0, q.bytesQueued - stream.hop[last * HOP_STRIDE + DONE]!),
    made: true,
    integrity: compareWithSource(stream.source, w, content)
  };
}
