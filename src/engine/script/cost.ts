// What a run will cost before it starts: the blocks the engine holds for every disk (the source,
// the replica, a copy's capture and the checksums each keep a number per block) and the writes it
// simulates (one per block-sized burst of the machine's write rate). A legal file can ask for more
// than a browser tab or this machine can give (a thousand machines at 54 MB/s for a day are 139
// million writes; 64 disks of 8 TiB in 1 MiB blocks are half a billion blocks): such a file is
// refused up front with the figures, the fields that make them and the limit, instead of running
// for minutes or being killed for memory with no message.

import { GiB, MB, MiB } from '../units';
import type { MachineConfig, Problem, Step } from './config';

/** Bytes the engine holds per disk block: source, replica, a copy's capture and checksums (measured: 12 to 15). */
export const BYTES_PER_BLOCK = 16;
/** Bytes per write kept while it can still matter (the write log, queued changes, points): measured about 115. */
export const BYTES_PER_WRITE = 120;
/** Writes one run may simulate: about 25 s of engine time at the 2 million writes a second measured on a 2-core machine. */
export const MAX_WRITES = 50_000_000;
/** Memory one run may take for its blocks and writes, so a run stays within a few hundred MB in a browser tab. */
export const MAX_MEMORY_BYTES = 600e6;

export interface RunCost {
  /** Blocks held for all disks at their largest (a diskResize step grows a disk). */
  blocks: number;
  /** Writes simulated over the run, at each machine's highest average write rate. */
  writes: number;
  /** Writes kept at any moment: those the retained recovery points may still need. */
  keptWrites: number;
  /** Bytes the blocks and the kept writes take, about. */
  memoryBytes: number;
}

interface CostInput {
  until: number;
  machines: readonly MachineConfig[];
  steps: readonly Step[];
  /** `model.blockMiB`. */
  blockMiB: number;
  /** Seconds a recovery point is kept (the policy's retention): writes are kept about that long. */
  retention: number;
}

/** The run's cost, worked out from the file alone. */
export function estimateCost(input: CostInput): RunCost {
  const blockBytes = input.blockMiB * MiB;
  const rate = new Map(input.machines.map((m) => [m.id, m.writeMBps]));
  const size = new Map<string, number>(input.machines.flatMap((m) => m.disks.map((d) => [`${m.id}/${d.id}`, d.sizeGiB] as const)));
  let retention = input.retention;
  for (const s of input.steps) {
    if (s.do === 'setPolicy' && s.policy.retention !== undefined) retention = Math.max(retention, s.policy.retention);
    if (s.do === 'setWriteRate') for (const id of s.machines) rate.set(id, Math.max(rate.get(id) ?? 0, s.writeMBps));
    if (s.do === 'fault' && s.fault === 'diskResize' && s.disk !== undefined && s.sizeGiB !== undefined) {
      const key = `${s.target}/${s.disk}`;
      size.set(key, Math.max(size.get(key) ?? 0, s.sizeGiB));
    }
  }
  let blocks = 0;
  for (const gib of size.values()) blocks += Math.max(1, Math.ceil((gib * GiB) / blockBytes));
  let bytesPerSecond = 0;
  for (const r of rate.values()) bytesPerSecond += r * MB;
  const writes = (bytesPerSecond * input.until) / blockBytes;
  // Writes stay in the log while a retained point may need them, and a little longer.
  const kept = (bytesPerSecond * Math.min(input.until, retention + 3600)) / blockBytes;
  return { blocks, writes, keptWrites: kept, memoryBytes: blocks * BYTES_PER_BLOCK + kept * BYTES_PER_WRITE };
}

const millions = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: n >= 1e7 ? 0 : 1 })} million` : Math.round(n).toLocaleString('en-US'));
const gigabytes = (n: number): string => (n < 1e9 ? `${Math.round(n / 1e6)} MB` : `${(n / 1e9).toLocaleString('en-US', { maximumFractionDigits: 1 })} GB`);

/** What makes the run too big, named with the fields to change; empty when it fits. */
export function costProblems(input: CostInput): Problem[] {
  const cost = estimateCost(input);
  const problems: Problem[] = [];
  if (cost.writes > MAX_WRITES) {
    problems.push({
      path: '$.machines',
      message: `would make about ${millions(cost.writes)} simulated writes (the machines' write rates over the run's ${Math.round(input.until / 3600)} h, one write per ${input.blockMiB} MiB block), more than the ${millions(MAX_WRITES)} one run can take here: lower writeMBps, shorten until, or raise parameters["model.blockMiB"]`
    });
  }
  if (cost.memoryBytes > MAX_MEMORY_BYTES) {
    problems.push({
      path: '$.machines',
      message: `would need about ${gigabytes(cost.memoryBytes)} of memory (${millions(cost.blocks)} blocks of ${input.blockMiB} MiB for the disks, and about ${millions(cost.keptWrites)} writes kept while recovery points may need them), more than the ${gigabytes(MAX_MEMORY_BYTES)} one run can have here: use fewer or smaller disks, or raise parameters["model.blockMiB"]`
    });
  }
  return problems;
}
