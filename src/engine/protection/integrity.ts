// Checks a replica against its source from the data: the replica as it was at a recovery point
// must hold exactly the block versions the source had at the point's write watermark.

import type { MachineStream } from '../data/stream';
import type { SourceDisks } from '../data/sourceDisks';

export interface IntegrityResult {
  ok: boolean;
  /** Blocks that differ (0 when ok). */
  differing: number;
}

/** Compares disk content with the source as of write watermark w. */
export function compareWithSource(source: SourceDisks, w: number, content: readonly Uint32Array[]): IntegrityResult {
  const expected = source.contentAt(w);
  let differing = 0;
  for (let d = 0; d < expected.length; d++) {
    // Blocks added by a later disk resize were not part of the disk at this point.
    const blocks = source.blocksAt(d, w);
    const a = expected[d]!;
    const b = content[d];
    if (!b || b.length < blocks) return { ok: false, differing: blocks };
    for (let i = 0; i < blocks; i++) if (a[i] !== b[i]) differing++;
  }
  return { ok: differing === 0, differing };
}

/** Compares the replica at retained point k with the source at the point's watermark. */
export function checkPoint(stream: MachineStream, k: number): IntegrityResult {
  return compareWithSource(stream.source, stream.points.watermark(k), stream.replica.contentAt(stream.points.position(k)));
}

/** Checks every retained point of a machine; returns the indexes of points that do not match. */
export function checkAllPoints(stream: MachineStream): number[] {
  const bad: number[] = [];
  for (let k = 0; k < stream.points.length; k++) if (!checkPoint(stream, k).ok) bad.push(k);
  return bad;
}
