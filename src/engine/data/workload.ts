// A machine's write workload: a Poisson stream of whole-block writes whose rate follows the
// machine's write rate with bursts (a new rate multiplier every slot), skewed towards a hot set of
// blocks. Each machine draws from its own random stream, so one machine's writes never depend on
// what happens to another.

import { createRandom, nextFloat, nextInt, type RandomState } from '../random';
import { packBlock } from './blocks';
import { DOUBLE_FIELD } from './doubleField';

export interface WorkloadSettings {
  /** Average write rate, bytes per second. */
  bytesPerSecond: number;
  /** 0..1: each slot's rate is the average times a factor drawn from [1 - b, 1 + b]. */
  burstiness: number;
  blockBytes: number;
  slotSeconds: number;
  /** Share of the disk that is hot, and share of writes that go there. */
  hotSetFraction: number;
  hotWriteFraction: number;
}

/**
 * Slots searched for the next write before the search pauses at a slot boundary (see `nextAt`):
 * 105 days at the default 15-minute slots, a week at the shortest (1 minute). A rate that leaves
 * that long without a write is far below any real machine's.
 */
const SEARCH_SLOTS = 10_080;

/** The workload is its own random state (sfc32 words a-d), so drawing touches one object. */
export class Workload implements RandomState {
  // Doubles from construction (see DOUBLE_FIELD): the words are int32, beyond the small integers.
  a = DOUBLE_FIELD;
  b = DOUBLE_FIELD;
  c = DOUBLE_FIELD;
  d = DOUBLE_FIELD;
  private settings: WorkloadSettings;
  private diskBlocks: number[];
  private cumulativeWeights: number[] = [];
  private slotEnd = 0;
  /** Writes per second in the current slot. */
  private slotRate = DOUBLE_FIELD;
  private readonly hotSet: number;
  private readonly hotWrites: number;
  /**
   * Time of the next write, already drawn (Infinity while the machine is off or idle), or of the
   * slot boundary where the search for it goes on (`searching`): a rate so small that no write
   * comes for SEARCH_SLOTS slots is searched a stretch at a time, so the work is bounded by the
   * time simulated, never by how small the rate is.
   */
  nextAt = Infinity;
  /** `nextAt` is where the search goes on, not a write. */
  private searching = false;
  private running = false;

  constructor(
    seed: number,
    stream: number,
    settings: WorkloadSettings,
    diskBlocks: number[],
    /** Slots searched before a pause (see SEARCH_SLOTS; tests set it to check pauses change nothing). */
    private readonly searchSlots = SEARCH_SLOTS
  ) {
    const r = createRandom(seed, stream);
    this.a = r.a;
    this.b = r.b;
    this.c = r.c;
    this.d = r.d;
    this.slotRate = 0;
    this.settings = settings;
    this.hotSet = settings.hotSetFraction;
    this.hotWrites = settings.hotWriteFraction;
    this.diskBlocks = [...diskBlocks];
    this.reweigh();
  }

  /** Starts (or restarts) writing from time t. */
  start(t: number): void {
    this.running = true;
    this.nextAt = t;
    this.drawNext();
  }

  /** The machine stops writing (shut down). */
  stop(): void {
    this.running = false;
    this.nextAt = Infinity;
  }

  /** Whether `nextAt` is only where the search for the next write goes on (see `nextAt`). */
  get isSearching(): boolean {
    return this.searching;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Changes the average rate from time t on. */
  setRate(t: number, bytesPerSecond: number): void {
    this.settings = { ...this.settings, bytesPerSecond };
    this.slotEnd = 0; // the current slot's rate is redrawn with the new average
    if (this.running) {
      this.nextAt = t;
      this.drawNext();
    }
  }

  /** The highest rate a slot can draw (the average times 1 + burstiness). */
  get peakBytesPerSecond(): number {
    return this.settings.bytesPerSecond * (1 + this.settings.burstiness);
  }

  get bytesPerSecond(): number {
    return this.settings.bytesPerSecond;
  }

  /** A disk grew: later writes spread over the new size. */
  resize(disk: number, blocks: number): void {
    this.diskBlocks[disk] = blocks;
    this.reweigh();
  }

  /**
   * Takes the pending write (at `nextAt`), returns its packed block and draws the next one; or,
   * when `nextAt` is only where the search goes on, searches on and returns -1 (no write).
   */
  take(): number {
    if (this.searching) {
      this.drawNext();
      return -1;
    }
    const block = this.pickBlock();
    this.drawNext();
    return block;
  }

  private reweigh(): void {
    let sum = 0;
    this.cumulativeWeights = this.diskBlocks.map((n) => (sum += n));
  }

  /** Picks a disk (weighted by size) and, from the same draw, whether the write is in the hot set. */
  private pickBlock(): number {
    const weights = this.cumulativeWeights;
    const x = nextFloat(this) * weights[weights.length - 1]!;
    let disk = 0;
    while (x >= weights[disk]!) disk++;
    const blocks = this.diskBlocks[disk]!;
    const low = disk === 0 ? 0 : weights[disk - 1]!;
    const inHot = x - low < this.hotWrites * blocks;
    const span = inHot ? Math.max(1, Math.floor(blocks * this.hotSet)) : blocks;
    return packBlock(disk, nextInt(this, span));
  }

  /**
   * Moves `nextAt` on to the next write after it (or to where the search goes on). It reads and sets
   * the field rather than taking and returning the time: on this path, once per write, a fraction
   * passed or returned would be a fresh heap number each time.
   */
  private drawNext(): void {
    this.searching = false;
    if (this.settings.bytesPerSecond <= 0) {
      this.nextAt = Infinity;
      return;
    }
    let t = this.nextAt;
    for (let slots = 0; ; slots++) {
      if (t >= this.slotEnd) {
        // The same draws in the same order as one long search: it only pauses at a boundary.
        if (slots >= this.searchSlots) {
          this.searching = true;
          this.nextAt = t;
          return;
        }
        this.newSlot(t);
      }
      const rate = this.slotRate;
      // Exponential gap (Poisson writes); 1 - u is in (0, 1], so the log is finite.
      const gap = rate > 0 ? -Math.log(1 - nextFloat(this)) / rate : Infinity;
      if (t + gap < this.slotEnd) {
        this.nextAt = t + gap;
        return;
      }
      t = this.slotEnd; // memoryless: restart the draw at the slot boundary with the new rate
    }
  }

  private newSlot(t: number): void {
    const { bytesPerSecond, blockBytes, slotSeconds, burstiness } = this.settings;
    this.slotEnd = (Math.floor(t / slotSeconds) + 1) * slotSeconds;
    const multiplier = 1 - burstiness + 2 * burstiness * nextFloat(this);
    this.slotRate = (bytesPerSecond * multiplier) / blockBytes;
  }
}
