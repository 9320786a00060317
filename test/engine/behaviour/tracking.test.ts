// Change tracking and the data path per scenario: .hrl log swaps at the copy frequency, the
// Mobility service streaming near-continuously, process-server cache and compression, the master
// target of InMage, and SAN mirroring.

import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../src/engine/index';
import { H, MIN, cutWindowAt, events, machine, rpo, runTo, simulate, type ScenarioFile } from '../helpers';

const hyperV = (copyFrequency: string, scenario = 'hyperv-to-azure'): ScenarioFile => ({
  scenario,
  until: '12h',
  policy: { copyFrequency },
  machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 0.5, burstiness: 0, disks: [{ id: 'os', sizeGiB: 8 }] }],
  network: { uplinkMbps: 200 },
  steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
});

/** Largest RPO seen when sampling every step seconds between from and to. */
function maxRpo(file: ScenarioFile, from: number, to: number, step: number): number {
  const h = simulate(file);
  let max = 0;
  for (let t = from; t <= to; t += step) {
    runTo(h, t);
    max = Math.max(max, rpo(h, 'vm1') ?? 0);
  }
  return max;
}

describe('Hyper-V .hrl logs', () => {
  it('swaps the active log at each copy interval: the RPO saw-tooth follows the copy frequency', () => {
    const every5 = maxRpo(hyperV('5m'), 4 * H, 10 * H, 15 * MIN);
    const every30 = maxRpo(hyperV('30s'), 4 * H, 10 * H, 15 * MIN);
    const every15 = maxRpo(hyperV('15m', 'vmm-to-vmm'), 4 * H, 10 * H, 15 * MIN);
    expect(every30).toBeLessThan(2 * MIN);
    expect(every5).toBeGreaterThanOrEqual(4 * MIN);
    expect(every5).toBeLessThan(6 * MIN);
    expect(every15).toBeGreaterThanOrEqual(14 * MIN);
    expect(every15).toBeLessThan(16 * MIN);
  });

  it('keeps one .hrl log per disk that grows while the link is down and empties once it is sent', () => {
    const base = hyperV('5m');
    const file: ScenarioFile = {
      ...base,
      machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 32 }, { id: 'data', sizeGiB: 32 }] }],
      steps: [...(base.steps as object[]), { at: '6h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '1h' }]
    };
    const h = simulate(file);
    const hrl = (): number[] => machine(h, 'vm1').hrlBytes!;
    runTo(h, 6 * H + 30 * MIN);
    const during = hrl();
    runTo(h, 7 * H);
    expect(hrl()[0]).toBeGreaterThan(during[0]!);
    expect(hrl()[1]).toBeGreaterThan(during[1]!);
    // An hour at 1 MB/s is about 3.6 GB across the two disks.
    expect(hrl()[0]! + hrl()[1]!).toBeGreaterThan(2.5e9);
    runTo(h, 9 * H);
    expect(hrl()[0]! + hrl()[1]!).toBeLessThan(1e9);
    expect(machine(h, 'vm1').protection).toBe('protected');
  });
});

describe('Mobility service and process server', () => {
  const vmware = (extra: Partial<ScenarioFile> = {}): ScenarioFile => ({
    scenario: 'vmware-to-azure',
    until: '12h',
    machines: [{ id: 'vm1', host: 'esxi-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }],
    network: { uplinkMbps: 200 },
    steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }],
    ...extra
  });

  it('replicates near-continuously: the RPO stays within a minute', () => {
    expect(maxRpo(vmware(), 2 * H, 11 * H, 15 * MIN)).toBeLessThan(MIN);
  });

  it('compresses at the process server: about half the bytes go up to Azure', () => {
    const h = simulate(vmware());
    runTo(h, 11 * H);
    const [toPs, toAzure] = machine(h, 'vm1').sentOverHop as [number, number];
    expect(toAzure / toPs).toBeGreaterThan(0.45);
    expect(toAzure / toPs).toBeLessThan(0.55);
  });

  it('fills the process server cache while the uplink cannot keep up, and throttles when it runs low', () => {
    // The uplink keeps 2 % of its 100 Mbps: it carries 0.5 MB/s of compressed changes, the VM writes 4.
    const file = vmware({
      machines: [{ id: 'vm1', host: 'esxi-01', writeMBps: 4, disks: [{ id: 'os', sizeGiB: 8 }] }],
      parameters: { 'processServer.cacheGiB': 8, 'mobility.bufferMiB': 65536 },
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['vm1'] },
        { at: '2h', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 2, for: '2h' }
      ]
    });
    const h = simulate(file);
    runTo(h, 2 * H);
    const before = h.read.live(0).processServer!.cacheUsedBytes;
    runTo(h, 2 * H + 30 * MIN);
    const after = h.read.live(0).processServer!.cacheUsedBytes;
    expect(after).toBeGreaterThan(before + 5e9);
    h.run();
    expect(events(h, 'processServer.throttled').length).toBeGreaterThan(0);
    expect(events(h, 'processServer.cacheNormal').length).toBeGreaterThan(0);
  });

  it('holds the replica at the master target in the InMage scenario', () => {
    const h = simulate({
      scenario: 'vmware-to-vmware',
      until: '6h',
      machines: [{ id: 'vm1', host: 'esxi-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
    });
    h.run();
    expect(h.read.topology().replicaAt).toBe('master-target');
    // The path: to the process server over the LAN, up to the master target, applied there.
    expect(SCENARIOS['vmware-to-vmware'].hops.map((x) => x.id)).toEqual(['lan', 'uplink']);
    expect(h.read.machine('vm1')!.sentOverHop).toHaveLength(3);
    expect(machine(h, 'vm1').points).toBeGreaterThan(10);
  });
});

describe('SAN replication', () => {
  it('mirrors synchronously: the RPO is zero while the link is up', () => {
    const h = simulate({
      scenario: 'vmm-san',
      until: '6h',
      machines: [{ id: 'db', host: 'hv-host-01', writeMBps: 2, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [{ at: '0s', do: 'enableReplication', machines: ['db'] }]
    });
    for (let t = 2 * H; t <= 6 * H; t += 15 * MIN) {
      runTo(h, t);
      expect(rpo(h, 'db')).toBe(0);
    }
  });

  it('mirrors each write at once as soon as the changes queued during its copy are through, wherever windows end', () => {
    // erp-01 finishes its copy at 1h24m while oracle-01 still copies: its writes queue until the
    // path has sent what queued meanwhile, then each is mirrored at once. Deciding that per write,
    // with the path run up to it, makes the run the same whether or not a window ends in between.
    const file: ScenarioFile = {
      scenario: 'vmm-san',
      seed: 156,
      until: '3h',
      parameters: { 'model.blockMiB': 8 },
      machines: [
        { id: 'oracle-01', host: 'hv-host-01', writeMBps: 2, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'data', sizeGiB: 4 }] },
        { id: 'erp-01', host: 'hv-host-01', writeMBps: 0.8, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'data', sizeGiB: 4 }] }
      ],
      network: { uplinkMbps: 50 },
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    };
    const whole = JSON.stringify(simulate(file).run());
    for (const cut of [5090, 5094, 5224, 5669]) expect(JSON.stringify(cutWindowAt(simulate(file), cut).run()), `cut at ${cut} s`).toBe(whole);
    // Once caught up, erp-01 sent nothing more over the array link: every later write was mirrored.
    const h = simulate(file);
    runTo(h, 5724);
    const erp = machine(h, 'erp-01');
    expect(erp.inFlight).toBe(0);
    expect(erp.appliedWrites).toBe(erp.writes);
  });

  it('makes a point that waited for the mirror to catch up hold exactly the writes up to it', () => {
    // oracle-01's 10-minute bookmark waits while changes queued during its copy are sent; the next
    // write is then mirrored at once. The point must be made before that write is applied.
    const h = simulate({
      scenario: 'vmm-san',
      seed: 622,
      until: '1h',
      machines: [
        { id: 'oracle-01', host: 'hv-host-01', writeMBps: 2, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'data', sizeGiB: 4 }] },
        { id: 'erp-01', host: 'hv-host-01', writeMBps: 0.8, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'data', sizeGiB: 4 }] }
      ],
      network: { uplinkMbps: 500 },
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    });
    runTo(h, 45 * MIN);
    const first = h.read.points('oracle-01')[0]!;
    expect(first.at).toBe(10 * MIN);
    expect(first.createdAt).toBeGreaterThan(10 * MIN);
    expect(h.read.pointProblems('oracle-01')).toEqual([]);
  });
});
