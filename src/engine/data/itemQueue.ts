// A FIFO of items waiting for one hop of a machine's replication path. An item is either a delta
// (all writes after the previous delta's end up to `endSeq`, complete up to source time `cut`) or a
// copy segment of initial replication or resync (`payload` names the segment).

import { Columns } from './columns';

export const DELTA = 0;
export const COPY = 1;

export class ItemQueue {
  private readonly rows = new Columns({
    kind: Uint8Array,
    endSeq: Float64Array,
    bytes: Float64Array,
    cut: Float64Array,
    arrival: Float64Array,
    payload: Int32Array
  });
  /** Sum of `bytes` over queued items. */
  bytesQueued = 0;
  /** Sum of `bytes` over queued delta items (what a source-side buffer holds). */
  deltaBytesQueued = 0;

  get length(): number {
    return this.rows.length;
  }

  push(kind: number, endSeq: number, bytes: number, cut: number, arrival: number, payload: number): void {
    const i = this.rows.append();
    const c = this.rows.cols;
    c.kind[i] = kind;
    c.endSeq[i] = endSeq;
    c.bytes[i] = bytes;
    c.cut[i] = cut;
    c.arrival[i] = arrival;
    c.payload[i] = payload;
    this.bytesQueued += bytes;
    if (kind === DELTA) this.deltaBytesQueued += bytes;
  }

  /** Column values of the item at logical position k (0 = head). */
  kind(k = 0): number {
    return this.rows.cols.kind[this.rows.index(k)]!;
  }
  endSeq(k = 0): number {
    return this.rows.cols.endSeq[this.rows.index(k)]!;
  }
  bytes(k = 0): number {
    return this.rows.cols.bytes[this.rows.index(k)]!;
  }
  cut(k = 0): number {
    return this.rows.cols.cut[this.rows.index(k)]!;
  }
  arrival(k = 0): number {
    return this.rows.cols.arrival[this.rows.index(k)]!;
  }
  payload(k = 0): number {
    return this.rows.cols.payload[this.rows.index(k)]!;
  }

  shift(): void {
    const b = this.bytes(0);
    this.bytesQueued -= b;
    if (this.kind(0) === DELTA) this.deltaBytesQueued -= b;
    this.rows.dropFront(1);
    if (this.rows.length === 0) this.bytesQueued = this.deltaBytesQueued = 0;
  }

  clear(): void {
    this.rows.clear();
    this.bytesQueued = this.deltaBytesQueued = 0;
  }

  byteSize(): number {
    return this.rows.byteSize();
  }
}
