// Files that are legal but hostile: the engine's work is bounded by what happens in the run, never
// by how small a number is. A vanishing write rate used to make the workload search slot after slot
// for its next write (about 10^10 slots for 1e-12 MB/s): the run never ended.

import { describe, expect, it } from 'vitest';
import { Workload } from '../../../src/engine/data/workload';
import { simulate } from '../helpers';

describe('a vanishing write rate', () => {
  it('runs a file to its end, with no write in it', () => {
    for (const writeMBps of [1e-9, 1e-12, 1e-300]) {
      const h = simulate({ scenario: 'vmware-to-azure', until: '1h', machines: [{ id: 'a', writeMBps }], steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });
      h.run();
      expect(h.sim.machines[0]!.stream.source.seq, `${writeMBps} MB/s`).toBe(0);
      expect(h.sim.now).toBe(3600);
    }
  });

  it('runs a setWriteRate to such a rate, and the machine writes again when the rate comes back', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '3d',
      machines: [{ id: 'a', host: 'hv-host-01', writeMBps: 1 }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'setWriteRate', machines: ['a'], writeMBps: 1e-15 },
        { at: '2d', do: 'setWriteRate', machines: ['a'], writeMBps: 1 }
      ]
    });
    h.runUntil(3600);
    const before = h.sim.machines[0]!.stream.source.seq;
    expect(before).toBeGreaterThan(0);
    h.runUntil(2 * 86400);
    expect(h.sim.machines[0]!.stream.source.seq).toBe(before);
    h.run();
    expect(h.sim.machines[0]!.stream.source.seq).toBeGreaterThan(before + 1000);
  });

  it('is searched a stretch at a time: a year of simulated time takes a few thousand slot draws, not billions', () => {
    const w = new Workload(1, 0, { bytesPerSecond: 1e-18, burstiness: 0.5, blockBytes: 65536, slotSeconds: 60, hotSetFraction: 0.1, hotWriteFraction: 0.8 }, [1024]);
    w.start(0);
    let pauses = 0;
    let writes = 0;
    while (w.nextAt <= 365 * 86400) {
      if (w.isSearching) pauses++;
      else writes++;
      w.take();
    }
    expect(writes).toBe(0);
    // One pause a week of 1-minute slots (10,080 of them): 52 in a year.
    expect(pauses).toBe(52);
  });

  it('draws the same writes whether or not its search pauses', () => {
    // About one write a month over two years: with a pause every 10 slots the search pauses
    // thousands of times between two writes; without pauses it never does.
    const settings = { bytesPerSecond: 65536 / (30 * 86400), burstiness: 0.5, blockBytes: 65536, slotSeconds: 60, hotSetFraction: 0.1, hotWriteFraction: 0.8 };
    const writesOf = (w: Workload): { writes: Array<[number, number]>; pauses: number } => {
      const writes: Array<[number, number]> = [];
      let pauses = 0;
      w.start(0);
      while (w.nextAt <= 730 * 86400) {
        const t = w.nextAt;
        const block = w.take();
        if (block >= 0) writes.push([t, block]);
        else pauses++;
      }
      return { writes, pauses };
    };
    const paused = writesOf(new Workload(7, 3, settings, [4096, 2048], 10));
    const whole = writesOf(new Workload(7, 3, settings, [4096, 2048], Infinity));
    expect(paused.writes.length).toBeGreaterThan(10);
    expect(paused.pauses).toBeGreaterThan(1000);
    expect(whole.pauses).toBe(0);
    expect(paused.writes).toEqual(whole.writes);
  });
});
