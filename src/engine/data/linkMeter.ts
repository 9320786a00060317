// Throughput of each link as the data plane works it out: every transfer adds the bytes it puts on
// the wire, spread over the simulated seconds it takes, into bins of ten simulated seconds. A rate
// is then the bytes over a stated window of simulated time divided by its length: never more than
// the link carried, whatever the page's speed or the data windows' length. The meter only watches;
// a run is the same with it or without it (the engine turns it on for the live page).

/** Seconds of simulated time over which the live page averages what each link carries. */
export const RATE_WINDOW = 300;

/** Seconds of simulated time per bin. */
export const METER_BIN = 10;
/** Bins kept: enough for a 15-minute data window and a 5-minute average after it, with room. */
const BINS = 256;

export class LinkMeter {
  /** The channels: a link id, or "uplink@<process server>" for one process server's part of the uplink. */
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  private bytes: Float64Array[] = [];
  /** The bin number each slot holds now (a slot holding an older bin counts as empty). */
  private stamps: Float64Array[] = [];
  /** Per machine and hop (machine * hops + hop): the channels its transfers count on. */
  private routes: Int32Array[] = [];

  constructor(
    private readonly machines: number,
    private readonly hops: number
  ) {
    this.routes = Array.from({ length: machines * hops }, () => new Int32Array(0));
  }

  /** The channel of a key (created on first use). */
  channel(key: string): number {
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.keys.length;
      this.keys.push(key);
      this.index.set(key, c);
      this.bytes.push(new Float64Array(BINS));
      this.stamps.push(new Float64Array(BINS).fill(-1));
    }
    return c;
  }

  /** Where machine i's transfers over hop h count (its links on the way it replicates now). */
  route(i: number, h: number, keys: readonly string[]): void {
    this.routes[i * this.hops + h] = Int32Array.from(keys, (k) => this.channel(k));
  }

  /** Machine i sent over hop h from `a` to `b` at `rate` bytes a second on the wire. */
  add(i: number, h: number, a: number, b: number, rate: number): void {
    const route = this.routes[i * this.hops + h]!;
    if (route.length === 0 || !(b > a) || !(rate > 0)) return;
    const first = Math.floor(a / METER_BIN);
    const last = Math.floor(b / METER_BIN);
    for (const c of route) {
      const bytes = this.bytes[c]!;
      const stamps = this.stamps[c]!;
      for (let k = Math.max(first, last - BINS + 1); k <= last; k++) {
        const from = Math.max(a, k * METER_BIN);
        const to = Math.min(b, (k + 1) * METER_BIN);
        if (to <= from) continue;
        const slot = k % BINS;
        if (stamps[slot] !== k) {
          stamps[slot] = k;
          bytes[slot] = 0;
        }
        bytes[slot]! += (to - from) * rate;
      }
    }
  }

  /**
   * Bytes a second on a channel from `from` to `to`, where `to` is how far the data has been worked
   * out (no bin holds anything after it). A bin partly before `from` counts for the part inside,
   * its bytes taken as even over it: never more than the link could carry in that part, as long as
   * its bandwidth did not change inside the bin (callers start at a bin boundary after a change).
   * Null when the window is shorter than a second.
   */
  rate(key: string, from: number, to: number): number | null {
    if (!(to - from >= 1)) return null;
    const c = this.index.get(key);
    if (c === undefined) return 0;
    const bytes = this.bytes[c]!;
    const stamps = this.stamps[c]!;
    let sum = 0;
    for (let k = Math.floor(from / METER_BIN); k * METER_BIN < to; k++) {
      const slot = k % BINS;
      if (stamps[slot] !== k) continue;
      const binStart = k * METER_BIN;
      sum += binStart >= from ? bytes[slot]! : (bytes[slot]! * (binStart + METER_BIN - from)) / METER_BIN;
    }
    return sum / (to - from);
  }
}
