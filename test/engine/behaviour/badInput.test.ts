// Files that are legal but hostile: the engine's work is bounded by what happens in the run, never
// by how small a number is. A vanishing write rate used to make the workload search slot after slot
// for its next write (about 10^10 slots for 1e-12 MB/s): the run never ended. A file that asks for
// more than one run can take is refused before it runs, with its figures and the fields to change.

import { describe, expect, it } from 'vitest';
import { Workload } from '../../../src/engine/data/workload';
import { readScenario } from '../../../src/engine/index';
import { estimateCost, MAX_MEMORY_BYTES } from '../../../src/engine/script/cost';
import { simulate } from '../helpers';

describe('a vanishing write rate', () => {
  it('runs a file to its end, with no write in it', () => {
    for (const writeMBps of [1e-9, 1e-12, 1e-300]) {
      const h = simulate({ scenario: 'vmware-to-azure', until: '1h', machines: [{ id: 'a', writeMBps }], steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });
      h.run();
      expect(h.read.machines()[0]!.writes, `${writeMBps} MB/s`).toBe(0);
      expect(h.now()).toBe(3600);
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
    const before = h.read.machines()[0]!.writes;
    expect(before).toBeGreaterThan(0);
    h.runUntil(2 * 86400);
    expect(h.read.machines()[0]!.writes).toBe(before);
    h.run();
    expect(h.read.machines()[0]!.writes).toBeGreaterThan(before + 1000);
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

describe('a file too big for one run', () => {
  const many = (n: number, writeMBps: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i}`, writeMBps }));
  const wide = (blockMiB: number) => ({
    scenario: 'vmware-to-azure',
    until: '24h',
    parameters: { 'model.blockMiB': blockMiB },
    machines: [{ id: 'a', disks: Array.from({ length: 64 }, (_, d) => ({ id: `d${d}`, sizeGiB: d === 0 ? 2048 : 8192 })) }],
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
  });

  it('is refused before it runs, with the figures, the fields to change and the limit', () => {
    // A thousand machines at 54 MB/s for a day: 139 million writes (it used to take 142 s and 13.8 GB).
    const busy = readScenario({ scenario: 'vmware-to-azure', until: '24h', network: { uplinkMbps: 100000 }, machines: many(1000, 54) });
    expect(busy.ok).toBe(false);
    const writes = !busy.ok ? busy.problems.find((p) => /simulated writes/.test(p.message)) : undefined;
    expect(writes?.path).toBe('$.machines');
    expect(writes?.message).toMatch(/about 139 million simulated writes .* more than the 50 million one run can take here: lower writeMBps, shorten until, or raise parameters\["model.blockMiB"\]/);
    // 64 disks of 8 TiB in 1 MiB blocks: half a billion blocks (it used to be killed for memory).
    const fine = readScenario(wide(1));
    expect(fine.ok).toBe(false);
    expect(!fine.ok && fine.problems[0]!.message).toMatch(/^would need about 8\.5 GB of memory \(531 million blocks of 1 MiB/);
    expect(estimateCost({ until: 86400, machines: [], steps: [], blockMiB: 32, retention: 86400 }).writes).toBe(0);
  });

  it('runs when it fits: the same disks in 32 MiB blocks', () => {
    const read = readScenario(wide(32));
    expect(read.ok).toBe(true);
    const cost = estimateCost({ until: 86400, machines: read.ok ? read.config.machines : [], steps: [], blockMiB: 32, retention: 86400 });
    expect(cost.memoryBytes).toBeLessThan(MAX_MEMORY_BYTES);
    // 2 TiB and 63 disks of 8 TiB, in blocks of 32 MiB.
    expect(cost.blocks).toBe((2048 * 1024) / 32 + 63 * ((8192 * 1024) / 32));
  });

  it('counts what steps add: a higher write rate and a disk grown by diskResize', () => {
    const base = { until: 86400, blockMiB: 32, retention: 86400, machines: [{ id: 'a', host: undefined, os: 'windows' as const, writeMBps: 1, burstiness: 0.5, disks: [{ id: 'os', sizeGiB: 64 }], group: undefined, processServer: undefined }] };
    const plain = estimateCost({ ...base, steps: [] });
    const read = readScenario({
      scenario: 'vmware-to-azure',
      until: '24h',
      machines: [{ id: 'a', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 64 }] }],
      steps: [
        { at: '1h', do: 'setWriteRate', machines: ['a'], writeMBps: 4 },
        { at: '2h', do: 'fault', fault: 'diskResize', target: 'a', disk: 'os', sizeGiB: 256 }
      ]
    });
    expect(read.ok).toBe(true);
    const grown = estimateCost({ ...base, steps: read.ok ? read.config.steps : [] });
    expect(grown.writes).toBeCloseTo(plain.writes * 4, 6);
    expect(grown.blocks).toBe(plain.blocks * 4);
  });
});

describe('messages for hostile files', () => {
  const problems = (file: unknown) => {
    const read = readScenario(file);
    return read.ok ? [] : read.problems;
  };

  it('say a missing target is missing, not that undefined is not a target', () => {
    const [p] = problems({ scenario: 'vmware-to-azure', steps: [{ at: '1h', do: 'fault', fault: 'linkDown' }] });
    expect(p).toEqual({ path: '$.steps[0].target', message: expect.stringMatching(/^is required: what the step acts on, one of: uplink, /) });
  });

  it('refuse a fault longer than the longest run, instead of taking it for an endless one', () => {
    const [p] = problems({ scenario: 'vmware-to-azure', steps: [{ at: '1h', do: 'fault', fault: 'linkDown', target: 'uplink', for: `${'9'.repeat(400)}s` }] });
    expect(p!.path).toBe('$.steps[0].for');
    expect(p!.message).toMatch(/^9{40}… is out of range: allowed 1s to 400d$/);
    expect(problems({ scenario: 'vmware-to-azure', steps: [{ at: '1h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '400d' }] })).toEqual([]);
  });

  it('list the first hundred of two million problems and count the rest', () => {
    const file: Record<string, unknown> = { scenario: 'vmware-to-azure' };
    for (let i = 0; i < 2_000_000; i++) file[`k${i}`] = 1;
    const list = problems(file);
    expect(list).toHaveLength(101);
    expect(list[0]!.path).toBe('$.k0');
    expect(list[100]).toEqual({ path: '$', message: 'and 1,999,900 more problems not listed: mend the ones above first' });
    expect(JSON.stringify(list).length).toBeLessThan(50_000);
  });
});
