// A FIFO of items waiting for one hop of a machine's replication path. An item is either a delta
// (all writes after the previous delta's end up to `endSeq`, complete up to source time `cut`) or a
// copy segment of initial replication or resync (`payload` names the segment). A ring buffer with
// one interleaved row per item, so an item is one cache line: this is the engine's hottest
// structure.

import { DOUBLE_FIELD } from './doubleField';

export const DELTA = 0;
export const COPY = 1;

/** Layout of an item's row, also of the buffers `readHead` fills and `pushItem` reads. */
export const KIND = 0;
export const END = 1;
export const BYTES = 2;
export const CUT = 3;
export const ARRIVAL = 4;
export const PAYLOAD = 5;
const STRIDE = 8;
/** Capacity (rows) from which an emptied queue shrinks back to its first size. */
const SHRINK_ABOVE = 64;

/** What keeps count of the items in all of a machine's queues. */
export interface QueueOwner {
  items: number;
}

export class ItemQueue {
  constructor(private readonly owner: QueueOwner) {
    // The byte counts hold fractions and large sums: they start as doubles (see DOUBLE_FIELD).
    this.bytesQueued = this.deltaBytesQueued = 0;
  }

  private rows = new Float64Array(8 * STRIDE);
  private head = 0;
  private count = 0;
  private mask = 7;
  /** Sum of `bytes` over queued items. */
  bytesQueued = DOUBLE_FIELD;
  /** Sum of `bytes` over queued delta items (what a source-side buffer holds). */
  deltaBytesQueued = DOUBLE_FIELD;

  get length(): number {
    return this.count;
  }

  push(kind: number, endSeq: number, bytes: number, cut: number, arrival: number, payload: number): void {
    if (this.count > this.mask) this.grow();
    const o = ((this.head + this.count) & this.mask) * STRIDE;
    const r = this.rows;
    r[o + KIND] = kind;
    r[o + END] = endSeq;
    r[o + BYTES] = bytes;
    r[o + CUT] = cut;
    r[o + ARRIVAL] = arrival;
    r[o + PAYLOAD] = payload;
    this.count++;
    this.owner.items++;
    this.bytesQueued += bytes;
    if (kind === DELTA) this.deltaBytesQueued += bytes;
  }

  /**
   * Queues the item held in `item` (at the offsets above). The hot path moves items through such a
   * buffer: passed one by one, each fraction would be a fresh heap number at every call.
   */
  pushItem(item: Float64Array): void {
    if (this.count > this.mask) this.grow();
    const o = ((this.head + this.count) & this.mask) * STRIDE;
    const r = this.rows;
    const kind = item[KIND]!;
    const bytes = item[BYTES]!;
    r[o + KIND] = kind;
    r[o + END] = item[END]!;
    r[o + BYTES] = bytes;
    r[o + CUT] = item[CUT]!;
    r[o + ARRIVAL] = item[ARRIVAL]!;
    r[o + PAYLOAD] = item[PAYLOAD]!;
    this.count++;
    this.owner.items++;
    this.bytesQueued += bytes;
    if (kind === DELTA) this.deltaBytesQueued += bytes;
  }

  /** Copies the head item's fields into `item` (at the offsets above). */
  readHead(item: Float64Array): void {
    const o = this.head * STRIDE;
    const r = this.rows;
    item[KIND] = r[o + KIND]!;
    item[END] = r[o + END]!;
    item[BYTES] = r[o + BYTES]!;
    item[CUT] = r[o + CUT]!;
    item[ARRIVAL] = r[o + ARRIVAL]!;
    item[PAYLOAD] = r[o + PAYLOAD]!;
  }

  private at(k: number, field: number): number {
    return this.rows[((this.head + k) & this.mask) * STRIDE + field]!;
  }

  /** Fields of the item at position k (0 = head). */
  kind(k = 0): number {
    return this.at(k, KIND);
  }
  endSeq(k = 0): number {
    return this.at(k, END);
  }
  bytes(k = 0): number {
    return this.at(k, BYTES);
  }
  cut(k = 0): number {
    return this.at(k, CUT);
  }
  arrival(k = 0): number {
    return this.at(k, ARRIVAL);
  }
  payload(k = 0): number {
    return this.at(k, PAYLOAD);
  }

  shift(): void {
    const o = this.head * STRIDE;
    const b = this.rows[o + BYTES]!;
    this.bytesQueued -= b;
    if (this.rows[o + KIND] === DELTA) this.deltaBytesQueued -= b;
    this.head = (this.head + 1) & this.mask;
    this.count--;
    this.owner.items--;
    if (this.count === 0) {
      this.bytesQueued = this.deltaBytesQueued = 0;
      // An empty queue starts again at its first row: the next item reuses a row still in the
      // processor's cache instead of walking a ring that grew large once (during a copy).
      this.head = 0;
      if (this.mask >= SHRINK_ABOVE) this.shrink();
    }
  }

  clear(): void {
    this.owner.items -= this.count;
    this.head = this.count = 0;
    this.bytesQueued = this.deltaBytesQueued = 0;
    if (this.mask >= SHRINK_ABOVE) this.shrink();
  }

  /** An empty queue that grew large (a copy's segments, the changes held during it) gives the room back. */
  private shrink(): void {
    this.rows = new Float64Array(8 * STRIDE);
    this.mask = 7;
  }

  byteSize(): number {
    return this.rows.byteLength;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const next = new Float64Array(cap * STRIDE);
    // The ring is full: its rows from the head to the end, then those before the head.
    const split = this.head * STRIDE;
    next.set(this.rows.subarray(split));
    next.set(this.rows.subarray(0, split), this.rows.length - split);
    this.rows = next;
    this.head = 0;
    this.mask = cap - 1;
  }
}
