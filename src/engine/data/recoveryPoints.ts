// A machine's retained recovery points. A point is the replica as it was when every write up to
// the point's watermark had been applied (its replica position); pruning follows the retention
// window and never removes the newest point. One interleaved row per point: points are made every
// five minutes on every machine.

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

const AT = 0;
const WATERMARK = 1;
const POSITION = 2;
const CREATED = 3;
const FLAGS = 4;
const STRIDE = 5;

export class RecoveryPoints {
  private rows = new Float64Array(64 * STRIDE);
  private start = 0;
  private end = 0;
  /** Points ever created and pruned, for figures. */
  created = 0;
  pruned = 0;

  get length(): number {
    return this.end - this.start;
  }

  add(at: number, watermark: number, position: number, createdAt: number, consistency: Consistency, multiVm: boolean): void {
    if (this.end * STRIDE === this.rows.length) this.makeRoom();
    const o = this.end++ * STRIDE;
    const r = this.rows;
    r[o + AT] = at;
    r[o + WATERMARK] = watermark;
    r[o + POSITION] = position;
    r[o + CREATED] = createdAt;
    r[o + FLAGS] = (consistency === 'app' ? 1 : 0) | (multiVm ? 2 : 0);
    this.created++;
  }

  /** Drops points older than `oldestAllowed` (source time), keeping at least the newest. */
  prune(oldestAllowed: number): number {
    let drop = 0;
    const last = this.end - 1;
    while (this.start < last && this.rows[this.start * STRIDE + AT]! < oldestAllowed) {
      this.start++;
      drop++;
    }
    this.pruned += drop;
    return drop;
  }

  clear(): void {
    this.pruned += this.length;
    this.start = this.end = 0;
  }

  private field(k: number, f: number): number {
    return this.rows[(this.start + k) * STRIDE + f]!;
  }

  at(k: number): number {
    return this.field(k, AT);
  }
  watermark(k: number): number {
    return this.field(k, WATERMARK);
  }
  position(k: number): number {
    return this.field(k, POSITION);
  }
  createdAt(k: number): number {
    return this.field(k, CREATED);
  }
  consistency(k: number): Consistency {
    return (this.field(k, FLAGS) & 1) === 1 ? 'app' : 'crash';
  }
  multiVm(k: number): boolean {
    return (this.field(k, FLAGS) & 2) === 2;
  }

  /** Index of the newest point, or -1. */
  get newest(): number {
    return this.length - 1;
  }

  /** Index of the newest point matching a test, or -1. */
  findNewest(test: (k: number) => boolean): number {
    for (let k = this.length - 1; k >= 0; k--) if (test(k)) return k;
    return -1;
  }

  view(k: number): RecoveryPointView {
    return { at: this.at(k), consistency: this.consistency(k), watermark: this.watermark(k), createdAt: this.createdAt(k), multiVm: this.multiVm(k) };
  }

  views(): RecoveryPointView[] {
    const out: RecoveryPointView[] = [];
    for (let k = 0; k < this.length; k++) out.push(this.view(k));
    return out;
  }

  byteSize(): number {
    return this.rows.byteLength;
  }

  /** Shifts live rows to the front when at least half is free, otherwise doubles the array. */
  private makeRoom(): void {
    const live = this.end - this.start;
    const rows = this.rows.length / STRIDE;
    if (live * 2 <= rows) {
      this.rows.copyWithin(0, this.start * STRIDE, this.end * STRIDE);
    } else {
      const next = new Float64Array(rows * 2 * STRIDE);
      next.set(this.rows.subarray(this.start * STRIDE, this.end * STRIDE));
      this.rows = next;
    }
    this.start = 0;
    this.end = live;
  }

}
