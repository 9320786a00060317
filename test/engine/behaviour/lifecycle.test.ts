// Protection lifecycle through the public entry: enable, initial replication (one disk at a time
// for Hyper-V, three at a time for VMware), finalize, protected, disable; jobs and their progress.

import { describe, expect, it } from 'vitest';
import { H, MIN, events, firstEvent, machine, runTo, simulate } from '../helpers';

describe('enable protection to protected', () => {
  it('runs the jobs in order and ends protected, with progress while copying', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '6h',
      machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 16 }] }],
      network: { uplinkMbps: 100 },
      steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
    });
    // Data is processed in windows: observe at a window boundary.
    runTo(h, 15 * MIN);
    const m = machine(h, 'vm1');
    expect(m.protection).toBe('initialReplication');
    const enable = h.read.jobs().find((j) => j.name === 'Enable protection')!;
    expect(enable.state).toBe('inProgress');
    expect(enable.progress).toBeGreaterThan(0);
    expect(enable.progress).toBeLessThan(1);
    h.run();
    expect(machine(h, 'vm1').protection).toBe('protected');
    const names = h.read.jobs().map((j) => `${j.name}:${j.state}`);
    expect(names).toEqual(['Enable protection:succeeded', 'Finalize protection:succeeded']);
    const [en, fin] = h.read.jobs();
    // Enable covers the checks (2 min) and the copy; finalize takes its 2 minutes after it.
    expect(fin!.start).toBe(en!.end);
    expect(fin!.end! - fin!.start).toBeCloseTo(2 * MIN, 6);
    expect(firstEvent(h, 'protection.protected', 'vm1').at).toBeCloseTo(fin!.end!, 6);
    // 16 GiB over 100 Mbps takes about 23 minutes.
    const copied = firstEvent(h, 'replication.initialCompleted', 'vm1').at - firstEvent(h, 'replication.initialStarted', 'vm1').at;
    expect(copied).toBeGreaterThan((16 * 2 ** 30) / 12.5e6);
    expect(copied).toBeLessThan((16 * 2 ** 30) / 12.5e6 + 5 * MIN);
  });

  it('copies Hyper-V disks one at a time', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '6h',
      machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 0.1, disks: [{ id: 'os', sizeGiB: 16 }, { id: 'd1', sizeGiB: 16 }, { id: 'd2', sizeGiB: 16 }] }],
      network: { uplinkMbps: 100 },
      steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
    });
    runTo(h, 20 * MIN);
    const copy = machine(h, 'vm1').copy!;
    expect(copy.diskBytesDone[0]).toBeGreaterThan(0);
    expect(copy.diskBytesDone[1]).toBe(0);
    expect(copy.diskBytesDone[2]).toBe(0);
    h.run();
    const done = events(h, 'replication.diskCopied', 'vm1').map((e) => e.at);
    expect(done).toHaveLength(3);
    // Each disk takes about as long as the first one: they were copied one after the other.
    const first = done[0]! - firstEvent(h, 'replication.initialStarted', 'vm1').at;
    expect(done[1]! - done[0]!).toBeGreaterThan(first * 0.8);
    expect(done[2]! - done[1]!).toBeGreaterThan(first * 0.8);
  });

  it('copies VMware disks three at a time', () => {
    const h = simulate({
      scenario: 'vmware-to-azure',
      until: '8h',
      machines: [{ id: 'vm1', host: 'esxi-01', writeMBps: 0.1, disks: [0, 1, 2, 3].map((i) => ({ id: `d${i}`, sizeGiB: 16 })) }],
      network: { uplinkMbps: 100 },
      steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
    });
    runTo(h, 30 * MIN);
    const copy = machine(h, 'vm1').copy!;
    expect(copy.diskBytesDone.slice(0, 3).every((b) => b > 0)).toBe(true);
    expect(copy.diskBytesDone[3]).toBe(0);
    h.run();
    const done = events(h, 'replication.diskCopied', 'vm1').map((e) => e.at);
    expect(done).toHaveLength(4);
    // The first three finish close together; the fourth starts only then and finishes much later.
    expect(done[2]! - done[0]!).toBeLessThan(5 * MIN);
    expect(done[3]! - done[2]!).toBeGreaterThan(10 * MIN);
  });

  it('logs changes to the .hrl files during a Hyper-V initial replication and sends them after', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '4h',
      machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 32 }] }],
      network: { uplinkMbps: 100 },
      steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
    });
    const hrl = (): number => machine(h, 'vm1').hrlBytes![0]!;
    runTo(h, 15 * MIN);
    const early = hrl();
    runTo(h, 30 * MIN);
    expect(early).toBeGreaterThan(0);
    expect(hrl()).toBeGreaterThan(early);
    h.run();
    // Protected: the big log built during the copy was sent; what remains is at most a few intervals' worth.
    expect(machine(h, 'vm1').protection).toBe('protected');
    expect(hrl()).toBeLessThan(early);
  });

  it('disables protection: the replica and points are deleted and the machine is not protected', () => {
    const h = simulate({
      scenario: 'physical-to-azure',
      until: '8h',
      machines: [{ id: 'srv', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['srv'] },
        { at: '6h', do: 'disableReplication', machines: ['srv'] }
      ]
    });
    runTo(h, 6 * H - 1);
    expect(machine(h, 'srv').points).toBeGreaterThan(10);
    const report = h.run();
    expect(report.machines[0]!.protection).toBe('unprotected');
    expect(report.machines[0]!.recoveryPoints).toEqual([]);
    expect(report.machines[0]!.health).toBe('notApplicable');
    expect(report.jobs.map((j) => j.name)).toContain('Disable protection');
  });

  it('rejects enabling a machine that is already protected, and changes nothing', () => {
    const h = simulate({
      scenario: 'vmm-to-vmm',
      until: '4h',
      machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 0.1, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['vm1'] },
        { at: '3h', do: 'enableReplication', machines: ['vm1'] }
      ]
    });
    const report = h.run();
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ step: 1, do: 'enableReplication' });
    expect(report.rejected[0]!.reason).toMatch(/already protected/);
    expect(report.jobs.filter((j) => j.name === 'Enable protection')).toHaveLength(1);
  });
});
