// A machine's write workload: a Poisson stream of whole-block writes whose rate follows the
// machine's write rate with bursts (a new rate multiplier every slot), skewed towards a hot set of
// blocks. Each machine draws from its own random stream, so one machine's writes never depend on
// what happens to another.

import { createRandom, nextExponential, nextFloat, nextInt, type RandomState } from '../random';
import { packBlock } from './blocks';

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

export class Workload {
  private readonly rng: RandomState;
  private settings: WorkloadSettings;
  private diskBlocks: number[];
  private cumulativeWeights: number[] = [];
  private slotEnd = 0;
  private multiplier = 1;
  /** Time of the next write, already drawn (Infinity while the machine is off or idle). */
  nextAt = Infinity;
  private running = false;

  constructor(seed: number, stream: number, settings: WorkloadSettings, diskBlocks: number[]) {
    this.rng = createRandom(seed, stream);
    this.settings = settings;
    this.diskBlocks = [...diskBlocks];
    this.reweigh();
  }

  /** Starts (or restarts) writing from time t. */
  start(t: number): void {
    this.running = true;
    this.nextAt = this.drawNext(t);
  }

  /** The machine stops writing (shut down). */
  stop(): void {
    this.running = false;
    this.nextAt = Infinity;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Changes the average rate from time t on. */
  setRate(t: number, bytesPerSecond: number): void {
    this.settings = { ...this.settings, bytesPerSecond };
    if (this.running) this.nextAt = this.drawNext(t);
  }

  get bytesPerSecond(): number {
    return this.settings.bytesPerSecond;
  }

  /** A disk grew: later writes spread over the new size. */
  resize(disk: number, blocks: number): void {
    this.diskBlocks[disk] = blocks;
    this.reweigh();
  }

  /** Takes the pending write (at `nextAt`), returns its packed block and draws the next one. */
  take(): number {
    const t = this.nextAt;
    const block = this.pickBlock();
    this.nextAt = this.drawNext(t);
    return block;
  }

  private reweigh(): void {
    let sum = 0;
    this.cumulativeWeights = this.diskBlocks.map((n) => (sum += n));
  }

  private pickBlock(): number {
    const total = this.cumulativeWeights[this.cumulativeWeights.length - 1]!;
    const x = nextFloat(this.rng) * total;
    let disk = 0;
    while (x >= this.cumulativeWeights[disk]!) disk++;
    const blocks = this.diskBlocks[disk]!;
    const hot = Math.max(1, Math.floor(blocks * this.settings.hotSetFraction));
    const inHot = nextFloat(this.rng) < this.settings.hotWriteFraction;
    return packBlock(disk, inHot ? nextInt(this.rng, hot) : nextInt(this.rng, blocks));
  }

  private drawNext(from: number): number {
    const { bytesPerSecond, blockBytes, slotSeconds, burstiness } = this.settings;
    if (bytesPerSecond <= 0) return Infinity;
    let t = from;
    for (;;) {
      if (t >= this.slotEnd) {
        this.slotEnd = (Math.floor(t / slotSeconds) + 1) * slotSeconds;
        this.multiplier = 1 - burstiness + 2 * burstiness * nextFloat(this.rng);
      }
      const rate = (bytesPerSecond * this.multiplier) / blockBytes;
      const gap = rate > 0 ? nextExponential(this.rng, 1 / rate) : Infinity;
      if (t + gap < this.slotEnd) return t + gap;
      t = this.slotEnd; // memoryless: restart the draw at the slot boundary with the new rate
    }
  }
}
