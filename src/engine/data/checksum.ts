// Fixed-size chunk checksums computed on block versions, as resynchronisation uses them: both sides
// checksum each chunk and only chunks whose checksums differ are sent.

/** FNV-1a over the block versions of one chunk, mixed with the chunk's position. */
export function chunkChecksum(data: Uint32Array, from: number, to: number): number {
  let h = 0x811c9dc5 ^ from;
  for (let i = from; i < to; i++) {
    const v = data[i]!;
    h = Math.imul(h ^ (v & 0xff), 0x01000193);
    h = Math.imul(h ^ ((v >>> 8) & 0xff), 0x01000193);
    h = Math.imul(h ^ ((v >>> 16) & 0xff), 0x01000193);
    h = Math.imul(h ^ (v >>> 24), 0x01000193);
  }
  return h >>> 0;
}

/** Indices of the chunks (of chunkBlocks blocks) whose checksums differ between two disks. */
export function differingChunks(source: Uint32Array, replica: Uint32Array, chunkBlocks: number): number[] {
  const out: number[] = [];
  const n = Math.ceil(source.length / chunkBlocks);
  for (let c = 0; c < n; c++) {
    const from = c * chunkBlocks;
    const to = Math.min(source.length, from + chunkBlocks);
    if (to > replica.length || chunkChecksum(source, from, to) !== chunkChecksum(replica, from, to)) out.push(c);
  }
  return out;
}

/** Whether two sets of disks hold exactly the same block versions. */
export function sameContent(a: readonly Uint32Array[], b: readonly Uint32Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let d = 0; d < a.length; d++) {
    const x = a[d]!;
    const y = b[d]!;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}
