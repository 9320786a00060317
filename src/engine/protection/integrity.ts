// Checks a replica against its source from the data: the replica as it was at a recovery point
// must hold exactly the block versions the source had at the point's write watermark.

import type { MachineStream } from '../data/stream';

export interface IntegrityResult {
  ok: boolean;
  /** Blocks that differ (0 when ok). */
  differing: number;
}

/** Compares the replica at retained point k with the source at the point's watermark. */
export function checkPoint(stream: MachineStream, k: number): IntegrityResult {
  const watermark = stream.points.watermark(k);
  const replica = stream.replica.contentAt(stream.points.position(k));
  const source = stream.source.contentAt(watermark);
  let differing = 0;
  for (let d = 0; d < source.length; d++) {
    // Blocks added by a later disk resize were not part of the disk at this point.
    const blocks = stream.source.blocksAt(d, watermark);
    const a = source[d]!;
    const b = replica[d];
    if (!b || b.length < blocks) return { ok: false, differing: blocks };
    for (let i = 0; i < blocks; i++) if (a[i] !== b[i]) differing++;
  }
  return { ok: differing === 0, differing };
}

/** Checks every retained point of a machine; returns the indexes of points that do not match. */
export function checkAllPoints(stream: MachineStream): number[] {
  const bad: number[] = [];
  for (let k = 0; k < stream.points.length; k++) if (!checkPoint(stream, k).ok) bad.push(k);
  return bad;
}
