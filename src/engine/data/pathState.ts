// What one machine has on its replication path: per hop, the changes (delta items) and the copy
// segments waiting there, and a row of figures (when the hop is busy until, bytes of the head item
// already sent, whether it waits for a retry, bytes ever sent over it).

import { ItemQueue, type QueueOwner } from './itemQueue';

/** Layout of PathState.hop: one row of HOP_STRIDE values per hop. */
export const HOP_STRIDE = 5;
export const BUSY = 0;
export const DONE = 1;
export const WAITING = 2;
export const SENT = 3;
/** Which queue the partly sent head item belongs to (0 changes, 1 copy). */
export const PARTIAL = 4;

export class PathState {
  /** Per hop: changes (delta items), and copy segments of initial replication or resync. */
  readonly queues: ItemQueue[];
  readonly copyQueues: ItemQueue[];
  /** Per hop, interleaved (HOP_STRIDE values each; see above). */
  readonly hop: Float64Array;
  /** New changes wait at the machine while it moves to another process server. */
  private movingHold = false;

  /** `owner` keeps count of the items in all the queues. */
  constructor(hops: number, owner: QueueOwner) {
    this.queues = Array.from({ length: hops }, () => new ItemQueue(owner));
    this.copyQueues = Array.from({ length: hops }, () => new ItemQueue(owner));
    this.hop = new Float64Array(hops * HOP_STRIDE);
  }

  /** Every item is dropped and no hop is busy (bytes ever sent and retries stay). */
  clear(): void {
    for (const q of this.queues) q.clear();
    for (const q of this.copyQueues) q.clear();
    for (let h = 0; h * HOP_STRIDE < this.hop.length; h++) {
      this.hop[h * HOP_STRIDE + BUSY] = 0;
      this.hop[h * HOP_STRIDE + DONE] = 0;
      this.hop[h * HOP_STRIDE + PARTIAL] = 0;
    }
  }

  /** Items on the hops from `from` up to (not including) `to`. */
  itemsBetween(from: number, to: number): number {
    let n = 0;
    for (let k = from; k < to && k < this.queues.length; k++) n += this.queues[k]!.length + this.copyQueues[k]!.length;
    return n;
  }

  /** Items waiting at the hops before hop h (changes not yet at the target when h is the apply step). */
  itemsBefore(h: number): number {
    return this.itemsBetween(0, h);
  }

  /** Bytes waiting at or in transit over a hop. */
  queuedBytes(hop: number): number {
    return this.queues[hop]!.bytesQueued + this.copyQueues[hop]!.bytesQueued;
  }

  /**
   * Moving to another process server: new changes wait at the machine, and a transfer to the old
   * server that was under way starts again to the new one.
   */
  holdForMove(): void {
    this.hop[DONE] = 0;
    this.hop[PARTIAL] = 0;
    this.setWaiting(0, true);
    this.movingHold = true;
  }

  releaseMoveHold(): void {
    if (this.movingHold) this.setWaiting(0, false);
    this.movingHold = false;
  }

  isWaiting(h: number): boolean {
    return this.hop[h * HOP_STRIDE + WAITING] !== 0;
  }

  setWaiting(h: number, waiting: boolean): void {
    this.hop[h * HOP_STRIDE + WAITING] = waiting ? 1 : 0;
  }

  /** Whether any hop waits for a retry. */
  get anyWaiting(): boolean {
    for (let o = WAITING; o < this.hop.length; o += HOP_STRIDE) if (this.hop[o] !== 0) return true;
    return false;
  }

  clearWaiting(): void {
    for (let o = WAITING; o < this.hop.length; o += HOP_STRIDE) this.hop[o] = 0;
  }

  /** Bytes of hop h's head item already sent. */
  headDone(h: number): number {
    return this.hop[h * HOP_STRIDE + DONE]!;
  }

  /** Bytes ever sent over hop h. */
  sentOver(h: number): number {
    return this.hop[h * HOP_STRIDE + SENT]!;
  }

  byteSize(): number {
    return [...this.queues, ...this.copyQueues].reduce((n, q) => n + q.byteSize(), 0);
  }
}
