// Tests for the write workload (src/engine/data/workload.ts): determinism, long-run rate, stop/start, setRate, bursts, hot set, resize.
import { describe, expect, it } from 'vitest';
import { blockOf, diskOf } from '../../../src/engine/data/blocks';
import { Workload, type WorkloadSettings } from '../../../src/engine/data/workload';

const BLOCK = 65_536;
const DAY = 86_400;

const settings = (over: Partial<WorkloadSettings> = {}): WorkloadSettings => ({
  bytesPerSecond: BLOCK, // one block write per second on average
  burstiness: 0.5,
  blockBytes: BLOCK,
  slotSeconds: 300,
  hotSetFraction: 0.2,
  hotWriteFraction: 0.8,
  ...over
});

/** Takes writes until time `until`; returns their times and packed blocks. */
function run(w: Workload, until: number): { times: number[]; blocks: number[] } {
  const times: number[] = [];
  const blocks: number[] = [];
  while (w.nextAt < until) {
    times.push(w.nextAt);
    blocks.push(w.take());
  }
  return { times, blocks };
}

/** Counts writes before `until` without keeping them. */
function count(w: Workload, until: number): number {
  let n = 0;
  while (w.nextAt < until) {
    w.take();
    n++;
  }
  return n;
}

describe('Workload', () => {
  it('does not write before it is started', () => {
    const w = new Workload(1, 0, settings(), [100]);
    expect(w.nextAt).toBe(Infinity);
    expect(w.isRunning).toBe(false);
    w.start(50);
    expect(w.isRunning).toBe(true);
    expect(w.nextAt).toBeGreaterThanOrEqual(50);
    expect(w.nextAt).toBeLessThan(Infinity);
  });

  it('is deterministic for the same seed and stream, and differs across seeds and streams', () => {
    const trace = (seed: number, stream: number) => {
      const w = new Workload(seed, stream, settings(), [500, 300]);
      w.start(0);
      return run(w, 3600);
    };
    const a = trace(7, 2);
    expect(a.times.length).toBeGreaterThan(100);
    expect(trace(7, 2)).toEqual(a);
    expect(trace(7, 3).times.slice(0, 20)).not.toEqual(a.times.slice(0, 20));
    expect(trace(8, 2).times.slice(0, 20)).not.toEqual(a.times.slice(0, 20));
  });

  it('writes at increasing times, to blocks inside the disks', () => {
    const sizes = [10, 1, 37];
    const w = new Workload(3, 1, settings({ bytesPerSecond: 20 * BLOCK }), sizes);
    w.start(0);
    const { times, blocks } = run(w, 3600);
    let bad = 0;
    for (let i = 1; i < times.length; i++) if (!(times[i]! >= times[i - 1]!)) bad++;
    for (const p of blocks) if (!(diskOf(p) < sizes.length && blockOf(p) < sizes[diskOf(p)]!)) bad++;
    expect(bad).toBe(0);
    // Every disk gets writes, the one-block disk included.
    expect(new Set(blocks.map(diskOf))).toEqual(new Set([0, 1, 2]));
  });

  it('averages bytesPerSecond / blockBytes writes per second over 30 simulated days (within 3 %)', () => {
    for (const burstiness of [0, 0.5, 1]) {
      const w = new Workload(11, 4, settings({ burstiness, bytesPerSecond: 1.5 * BLOCK }), [1000]);
      w.start(0);
      const n = count(w, 30 * DAY);
      const expected = 1.5 * 30 * DAY;
      expect(Math.abs(n / expected - 1)).toBeLessThan(0.03);
    }
  });

  it('burstiness varies the rate from slot to slot; without it, counts are Poisson-like', () => {
    const slotSd = (burstiness: number): number => {
      const w = new Workload(5, 0, settings({ burstiness, bytesPerSecond: 10 * BLOCK, slotSeconds: 100 }), [1000]);
      w.start(0);
      const counts: number[] = [];
      for (let s = 1; s <= 400; s++) counts.push(count(w, s * 100));
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      expect(Math.abs(mean / 1000 - 1)).toBeLessThan(0.1);
      return Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length);
    };
    // Poisson with mean 1000: sd about 32. Multiplier uniform in [0.1, 1.9]: sd about 520.
    expect(slotSd(0)).toBeLessThan(60);
    expect(slotSd(0.9)).toBeGreaterThan(300);
  });

  it('stop() gives nextAt Infinity; start() resumes from the given time', () => {
    const w = new Workload(2, 0, settings(), [100]);
    w.start(0);
    count(w, 1000);
    w.stop();
    expect(w.nextAt).toBe(Infinity);
    expect(w.isRunning).toBe(false);
    expect(count(w, 1e12)).toBe(0);
    w.start(5000);
    expect(w.nextAt).toBeGreaterThanOrEqual(5000);
    expect(w.nextAt).toBeLessThan(Infinity);
  });

  it('setRate changes the rate from the given time on', () => {
    const w = new Workload(9, 1, settings({ burstiness: 0.2 }), [1000]);
    w.start(0);
    const before = count(w, DAY);
    expect(Math.abs(before / DAY - 1)).toBeLessThan(0.03);
    w.setRate(DAY, 4 * BLOCK);
    expect(w.bytesPerSecond).toBe(4 * BLOCK);
    expect(w.nextAt).toBeGreaterThanOrEqual(DAY);
    const after = count(w, 2 * DAY);
    expect(Math.abs(after / DAY / 4 - 1)).toBeLessThan(0.03);
    // Rate 0: no more writes.
    w.setRate(2 * DAY, 0);
    expect(w.nextAt).toBe(Infinity);
    expect(w.isRunning).toBe(true);
    // Back to a positive rate.
    w.setRate(3 * DAY, BLOCK);
    expect(w.nextAt).toBeGreaterThanOrEqual(3 * DAY);
    expect(w.nextAt).toBeLessThan(Infinity);
  });

  it('setRate takes effect at once, not at the end of the current slot', () => {
    // One slot per day: the new average must not wait for the slot to end.
    const w = new Workload(13, 0, settings({ burstiness: 0, slotSeconds: DAY }), [1000]);
    w.start(0);
    count(w, 1000);
    w.setRate(1000, 100 * BLOCK);
    const n = count(w, 2000);
    expect(Math.abs(n / (100 * 1000) - 1)).toBeLessThan(0.03);
  });

  it('keeps the rate when slots are shorter than the gaps between writes (memoryless restart)', () => {
    // 0.2 writes per second with 1-second slots: most slots have no write at all.
    const w = new Workload(17, 0, settings({ burstiness: 0, slotSeconds: 1, bytesPerSecond: 0.2 * BLOCK }), [1000]);
    w.start(0);
    const n = count(w, 30 * DAY);
    expect(Math.abs(n / (0.2 * 30 * DAY) - 1)).toBeLessThan(0.03);
  });

  it('setRate while stopped does not start writing', () => {
    const w = new Workload(9, 1, settings(), [1000]);
    w.setRate(0, 10 * BLOCK);
    expect(w.nextAt).toBe(Infinity);
    w.start(0);
    expect(Math.abs(count(w, DAY) / (10 * DAY) - 1)).toBeLessThan(0.03);
  });

  it('hot set: 80 % hot writes to the first 20 % of blocks, plus the uniform writes that land there', () => {
    const w = new Workload(21, 0, settings({ bytesPerSecond: 100 * BLOCK }), [1000]);
    w.start(0);
    const { blocks } = run(w, 2000); // about 200k writes
    expect(blocks.length).toBeGreaterThan(150_000);
    const hot = blocks.filter((p) => blockOf(p) < 200).length / blocks.length;
    // 0.8 of writes are hot; the other 0.2 are uniform, a fifth of which also land in the hot range.
    expect(Math.abs(hot - (0.8 + 0.2 * 0.2))).toBeLessThan(0.02);
    // Inside the hot range and outside it, writes are spread evenly.
    const perBlock = new Array<number>(1000).fill(0);
    for (const p of blocks) perBlock[blockOf(p)]!++;
    const hotMean = perBlock.slice(0, 200).reduce((a, b) => a + b, 0) / 200;
    const coldMean = perBlock.slice(200).reduce((a, b) => a + b, 0) / 800;
    // Expected ratio of per-block rates: (0.8 / 200 + 0.2 / 1000) / (0.2 / 1000) = 21.
    expect(hotMean / coldMean).toBeGreaterThan(19);
    expect(hotMean / coldMean).toBeLessThan(23);
  });

  it('spreads writes over disks by size, each with its own hot set', () => {
    const sizes = [1000, 3000];
    const w = new Workload(4, 2, settings({ bytesPerSecond: 100 * BLOCK }), sizes);
    w.start(0);
    const { blocks } = run(w, 2000);
    const onDisk1 = blocks.filter((p) => diskOf(p) === 1);
    expect(Math.abs(onDisk1.length / blocks.length - 0.75)).toBeLessThan(0.02);
    for (let d = 0; d < 2; d++) {
      const mine = blocks.filter((p) => diskOf(p) === d);
      const hot = mine.filter((p) => blockOf(p) < sizes[d]! * 0.2).length / mine.length;
      expect(Math.abs(hot - 0.84)).toBeLessThan(0.02);
    }
  });

  it('resize: later writes spread over the new size', () => {
    const w = new Workload(6, 0, settings({ bytesPerSecond: 50 * BLOCK, hotWriteFraction: 0 }), [100, 100]);
    w.start(0);
    const early = run(w, 1000).blocks;
    expect(early.every((p) => blockOf(p) < 100)).toBe(true);
    w.resize(1, 900);
    const late = run(w, 2000).blocks;
    const onDisk1 = late.filter((p) => diskOf(p) === 1);
    // Disk 1 is now 900 of 1000 blocks.
    expect(Math.abs(onDisk1.length / late.length - 0.9)).toBeLessThan(0.02);
    expect(onDisk1.some((p) => blockOf(p) >= 100)).toBe(true);
    expect(onDisk1.every((p) => blockOf(p) < 900)).toBe(true);
  });
});
