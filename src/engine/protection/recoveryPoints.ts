// A machine's retained recovery points. A point is the replica as it was when every write up to
// the point's watermark had been applied (its replica position); pruning follows the retention
// window and never removes the newest point.

import { Columns } from '../data/columns';

export type Consistency = 'crash' | 'app';

export interface RecoveryPointView {
  /** Source time the point stands for. */
  at: number;
  consistency: Consistency;
  /** Newest write included. */
  watermark: number;
  /** When the point became available at the target. */
  createdAt: number;
  multiVm: boolean;
}

export class RecoveryPoints {
  private readonly rows = new Columns({
    at: Float64Array,
    watermark: Float64Array,
    position: Float64Array,
    createdAt: Float64Array,
    flags: Uint8Array
  });
  /** Points ever created and pruned, for figures. */
  created = 0;
  pruned = 0;

  get length(): number {
    return this.rows.length;
  }

  add(at: number, watermark: number, position: number, createdAt: number, consistency: Consistency, multiVm: boolean): void {
    const i = this.rows.append();
    const c = this.rows.cols;
    c.at[i] = at;
    c.watermark[i] = watermark;
    c.position[i] = position;
    c.createdAt[i] = createdAt;
    c.flags[i] = (consistency === 'app' ? 1 : 0) | (multiVm ? 2 : 0);
    this.created++;
  }

  /** Drops points older than `oldestAllowed` (source time), keeping at least the newest. */
  prune(oldestAllowed: number): number {
    let drop = 0;
    const n = this.rows.length;
    while (drop < n - 1 && this.at(drop) < oldestAllowed) drop++;
    if (drop > 0) {
      this.rows.dropFront(drop);
      this.pruned += drop;
    }
    return drop;
  }

  clear(): void {
    this.pruned += this.rows.length;
    this.rows.clear();
  }

  at(k: number): number {
    return this.rows.cols.at[this.rows.index(k)]!;
  }
  watermark(k: number): number {
    return this.rows.cols.watermark[this.rows.index(k)]!;
  }
  position(k: number): number {
    return this.rows.cols.position[this.rows.index(k)]!;
  }
  createdAt(k: number): number {
    return this.rows.cols.createdAt[this.rows.index(k)]!;
  }
  consistency(k: number): Consistency {
    return (this.rows.cols.flags[this.rows.index(k)]! & 1) === 1 ? 'app' : 'crash';
  }
  multiVm(k: number): boolean {
    return (this.rows.cols.flags[this.rows.index(k)]! & 2) === 2;
  }

  /** Index of the newest point, or -1. */
  get newest(): number {
    return this.rows.length - 1;
  }

  /** Index of the newest point matching a test, or -1. */
  findNewest(test: (k: number) => boolean): number {
    for (let k = this.rows.length - 1; k >= 0; k--) if (test(k)) return k;
    return -1;
  }

  view(k: number): RecoveryPointView {
    return {
      at: this.at(k),
      consistency: this.consistency(k),
      watermark: this.watermark(k),
      createdAt: this.createdAt(k),
      multiVm: this.multiVm(k)
    };
  }

  views(): RecoveryPointView[] {
    const out: RecoveryPointView[] = [];
    for (let k = 0; k < this.rows.length; k++) out.push(this.view(k));
    return out;
  }

  byteSize(): number {
    return this.rows.byteSize();
  }
}
