// A machine's pending bookmarks: crash- or app-consistent tags placed in its stream of writes,
// waiting for the replica to reach them (then they become recovery points). They are reached in
// the order they were placed, so they are kept as a queue of rows (source time, watermark, flags).

/** Flags of a bookmark. */
export const APP = 1;
export const GROUPED = 2;

const AT = 0;
const WATERMARK = 1;
const FLAGS = 2;
const STRIDE = 3;

export class PendingBookmarks {
  // Rows in [head, tail).
  private rows = new Float64Array(8 * STRIDE);
  private head = 0;
  private tail = 0;
  /** Watermark of the oldest pending bookmark (Infinity when none): the write that may complete it. */
  next = Infinity;

  get empty(): boolean {
    return this.head === this.tail;
  }

  add(at: number, watermark: number, flags: number): void {
    if (this.head === this.tail) this.next = watermark;
    if (this.tail * STRIDE === this.rows.length) this.makeRoom();
    const o = this.tail++ * STRIDE;
    this.rows[o + AT] = at;
    this.rows[o + WATERMARK] = watermark;
    this.rows[o + FLAGS] = flags;
  }

  /** The oldest pending bookmark's fields (only while not empty). */
  get at(): number {
    return this.rows[this.head * STRIDE + AT]!;
  }

  get watermark(): number {
    return this.rows[this.head * STRIDE + WATERMARK]!;
  }

  get flags(): number {
    return this.rows[this.head * STRIDE + FLAGS]!;
  }

  /** Drops the oldest pending bookmark (it became a point, or a group's share of one). */
  shift(): void {
    this.head++;
    if (this.head === this.tail) this.clear();
    else this.next = this.rows[this.head * STRIDE + WATERMARK]!;
  }

  clear(): void {
    this.head = this.tail = 0;
    this.next = Infinity;
  }

  /** Shifts pending bookmarks to the front when at least half is free, otherwise doubles. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    const rows = this.rows.length / STRIDE;
    if (live * 2 <= rows) this.rows.copyWithin(0, this.head * STRIDE, this.tail * STRIDE);
    else {
      const next = new Float64Array(rows * 2 * STRIDE);
      next.set(this.rows.subarray(this.head * STRIDE, this.tail * STRIDE));
      this.rows = next;
    }
    this.head = 0;
    this.tail = live;
  }
}
