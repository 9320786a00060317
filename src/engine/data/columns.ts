// A growable, append-at-the-end, drop-from-the-front table of typed-array columns. Used for the
// source write log, the replica's undo log and pipeline queues: no per-row objects, no GC churn.

type Column = Float64Array | Uint32Array | Int32Array | Uint8Array;
type ColumnCtor = Float64ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

export class Columns<K extends string> {
  /** Index of the first live row inside the arrays. */
  private start = 0;
  private end = 0;
  readonly cols: Record<K, Column>;
  private readonly ctors: Record<K, ColumnCtor>;
  private readonly keys: K[];
  private cap: number;

  constructor(spec: Record<K, ColumnCtor>, capacity = 64) {
    this.ctors = spec;
    this.keys = Object.keys(spec) as K[];
    const cols = {} as Record<K, Column>;
    for (const key of this.keys) cols[key] = new spec[key](capacity);
    this.cols = cols;
    this.cap = capacity;
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Physical index of logical row i (0 = oldest live row). */
  index(i: number): number {
    return this.start + i;
  }

  /** Appends a row and returns its physical index; the caller fills the columns at that index. */
  append(): number {
    if (this.end === this.cap) {
      if (this.start > this.cap / 2) this.compact();
      else this.grow(this.cap * 2);
    }
    return this.end++;
  }

  /** Drops the n oldest rows. */
  dropFront(n: number): void {
    this.start = Math.min(this.end, this.start + n);
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Drops the n newest rows. */
  dropBack(n: number): void {
    this.end = Math.max(this.start, this.end - n);
  }

  clear(): void {
    this.start = this.end = 0;
  }

  /** Bytes held by the columns, for memory figures. */
  byteSize(): number {
    let total = 0;
    for (const key of this.keys) total += this.cols[key].byteLength;
    return total;
  }

  private compact(): void {
    for (const key of this.keys) this.cols[key].copyWithin(0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
  }

  private grow(capacity: number): void {
    this.cap = capacity;
    for (const key of this.keys) {
      const next = new this.ctors[key](capacity);
      next.set(this.cols[key].subarray(this.start, this.end));
      this.cols[key] = next;
    }
    this.end -= this.start;
    this.start = 0;
  }
}
