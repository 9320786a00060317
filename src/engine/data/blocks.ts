// Block addressing shared by source and replica: a block is named by (disk, index) packed into one
// integer. A block's value is its version: 0 for the content it had before any simulated write,
// otherwise the sequence number of the machine's write that last changed it.

// Up to 16M blocks per disk (128 TiB at 8 MiB blocks) and 64 disks: fits a positive int32.
export const UNREPLICATED = 0xffffffff; // a replica block that was never copied

export const packBlock = (disk: number, block: number): number => (disk << 24) | block;
export const diskOf = (packed: number): number => packed >>> 24;
export const blockOf = (packed: number): number => packed & 0xffffff;

/** Number of blocks for a disk of the given size (rounded up). */
export const blocksFor = (sizeBytes: number, blockBytes: number): number => Math.max(1, Math.ceil(sizeBytes / blockBytes));

/** Copies per-disk block arrays. */
export const cloneDisks = (disks: readonly Uint32Array[]): Uint32Array[] => disks.map((d) => d.slice());
