// Words for the sizes a scale-out process server can have. The sizes themselves (BEYOND.md,
// Capacity) come from the engine with the topology; the engine checks whatever is chosen.

import type { TopologyView } from '../../engine/view';

export type ScaleOutSize = TopologyView['scaleOutSizes'][number];

/** "4 vCPU, 8 GB memory, 300 GB cache" (1000 GB is written 1 TB, as the capacity table does). */
export function sizeMachine(z: ScaleOutSize): string {
  const cache = z.cacheGiB >= 1000 ? `${z.cacheGiB / 1000} TB` : `${z.cacheGiB} GB`;
  return `${z.vcpu} vCPU, ${z.memoryGB} GB memory, ${cache} cache`;
}

/** "up to 250 GB of churn a day and 85 machines" */
export function sizeCapacity(z: ScaleOutSize): string {
  const churn = z.churnTBPerDay < 1 ? `${z.churnTBPerDay * 1000} GB` : `${z.churnTBPerDay} TB`;
  return `up to ${churn} of churn a day and ${z.maxMachines} machines`;
}

/** The first of ps-02, ps-03, … that nothing in the scenario is called yet. */
export function nextServerName(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 2; ; n++) {
    const name = `ps-${String(n).padStart(2, '0')}`;
    if (!used.has(name)) return name;
  }
}
