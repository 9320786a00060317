// Faults a user can inject and clear, the targets every scenario understands, and the steps that
// change the policy and the write rate while a run goes on.

import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIOS } from '../../../src/engine/scenarios/index';
import { H, MIN, events, firstEvent, machine, runTo, simulate } from '../helpers';

const small = (id: string) => SCENARIOS[id as keyof typeof SCENARIOS].estate.map((m) => ({ ...m, disks: m.disks.map((d) => ({ ...d, sizeGiB: 8 })) }));

describe('fault targets', () => {
  it.each(SCENARIO_IDS)('%s understands uplink, primarySite and (where it has one) processServer', (id) => {
    const h = simulate({
      scenario: id,
      until: '12h',
      machines: small(id),
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '4h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '30m' },
        { at: '5h', do: 'fault', fault: 'processServerDown', target: 'processServer', for: '30m' },
        { at: '6h', do: 'fault', fault: 'siteDown', target: 'primarySite', for: '30m' }
      ]
    });
    const report = h.run();
    const injected = events(h, 'fault.injected').map((e) => e.at);
    const hasPs = SCENARIOS[id].processServer !== undefined;
    expect(injected).toEqual(hasPs ? [4 * H, 5 * H, 6 * H] : [4 * H, 6 * H]);
    expect(events(h, 'fault.cleared')).toHaveLength(injected.length);
    if (!hasPs) expect(report.rejected[0]!.reason).toMatch(/has no process server/);
    // After the site comes back, every machine resynchronises and is protected again by 12h.
    expect(report.machines.every((m) => m.protection === 'protected')).toBe(true);
  });
});

describe('injecting and clearing faults', () => {
  const file = (steps: object[]) => ({
    scenario: 'vmware-to-azure',
    until: '10h',
    machines: [
      { id: 'a', host: 'esxi-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] },
      { id: 'b', host: 'esxi-02', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }
    ],
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps]
  });

  it('keeps a fault until it is cleared by hand, and rejects clearing one that is not there', () => {
    const h = simulate(file([
      { at: '2h', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 5 },
      { at: '3h', do: 'fault', fault: 'linkDegraded', target: 'uplink' },
      { at: '4h', do: 'clearFault', target: 'uplink' },
      { at: '5h', do: 'clearFault', fault: 'linkDown', target: 'uplink' }
    ]));
    runTo(h, 3 * H + MIN);
    expect(h.read.linkCapacity('uplink')).toBeCloseTo((100e6 / 8) * 0.05, 0);
    expect(h.read.states('uplink')).toEqual(['degraded']);
    const report = h.run();
    expect(report.rejected.map((r) => r.reason)).toEqual([
      'link degraded is already active on uplink',
      'there is no active link down on uplink'
    ]);
    expect(firstEvent(h, 'fault.cleared').at).toBe(4 * H);
    expect(h.read.states('uplink')).toEqual(['up']);
  });

  it('stops the machines of a site that goes down and brings them back when it returns', () => {
    // The site is back at 11:00: the resyncs it needs wait for the end of office hours (18:00).
    const h = simulate({ ...file([{ at: '2h', do: 'fault', fault: 'siteDown', target: 'primarySite', for: '1h' }]), until: '12h' });
    runTo(h, 2 * H + 30 * MIN);
    expect(machine(h, 'a').running).toBe(false);
    expect(h.read.states('process-server')).toContain('power.down.noHeartbeat');
    expect(h.read.states('primarySite')).toEqual(['down']);
    const writes = machine(h, 'a').writes;
    runTo(h, 2 * H + 50 * MIN);
    expect(machine(h, 'a').writes).toBe(writes);
    h.run();
    expect(machine(h, 'a').running).toBe(true);
    expect(events(h, 'machine.started')).toHaveLength(2);
    expect(events(h, 'resync.completed')).toHaveLength(2);
  });

  it('rejects a fault the target cannot have, naming what it can target', () => {
    const h = simulate(file([
      { at: '1h', do: 'fault', fault: 'linkDown', target: 'a' },
      { at: '1h', do: 'fault', fault: 'hostDiskFull', target: 'a' },
      { at: '1h', do: 'fault', fault: 'siteDown', target: 'uplink' }
    ]));
    const reasons = h.run().rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/targets a replication link \(lan, uplink, vpn\)/);
    expect(reasons[1]).toMatch(/a is a VM: target its host \(esxi-01, esxi-02\)/);
    expect(reasons[2]).toMatch(/siteDown targets primarySite/);
  });

  it('pauses the VMs of an ESXi host that runs out of disk space, without a resync', () => {
    const h = simulate(file([{ at: '2h', do: 'fault', fault: 'hostDiskFull', target: 'esxi-01', for: '1h' }]));
    runTo(h, 2 * H);
    const writes = machine(h, 'a').writes;
    runTo(h, 2 * H + 45 * MIN);
    expect(machine(h, 'a').writes).toBe(writes);
    expect(machine(h, 'b').writes).toBeGreaterThan(0);
    h.run();
    expect(events(h, 'resync.required')).toHaveLength(0);
    expect(machine(h, 'a').writes).toBeGreaterThan(writes);
  });
});

describe('policy and write-rate steps', () => {
  const base = {
    scenario: 'hyperv-to-azure',
    until: '30h',
    machines: [{ id: 'vm', host: 'hv-host-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }]
  };

  it('applies a shorter retention at once and a new copy frequency from then on', () => {
    const h = simulate({
      ...base,
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['vm'] },
        { at: '20h', do: 'setPolicy', policy: { retention: '6h', appConsistentEvery: '1h', copyFrequency: '30s' } }
      ]
    });
    runTo(h, 20 * H - 1);
    expect(machine(h, 'vm').points).toBeGreaterThan(200);
    h.run();
    const points = h.read.points('vm');
    expect(points[0]!.at).toBeGreaterThanOrEqual(30 * H - 6 * H);
    expect(points.length).toBeLessThanOrEqual(6 * 12 + 1);
    expect(h.read.policy().copyFrequency).toBe(30);
    expect(firstEvent(h, 'policy.changed').message).toMatch(/retention, appConsistentEvery, copyFrequency/);
  });

  it('rejects a policy change that breaks the rules, naming the rule, and keeps the old policy', () => {
    const h = simulate({
      ...base,
      policy: { appConsistentEvery: '4h' },
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['vm'] },
        { at: '2h', do: 'setPolicy', policy: { retention: '3h' } }
      ]
    });
    const report = h.run();
    expect(report.rejected[0]!.reason).toMatch(/appConsistentEvery: every 4h is not less than the retention window \(3h\)/);
    expect(h.read.policy().retention).toBe(24 * H);
  });

  it('changes how much a machine writes', () => {
    const h = simulate({
      ...base,
      until: '12h',
      machines: [{ id: 'vm', host: 'hv-host-01', writeMBps: 0.2, burstiness: 0, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['vm'] },
        { at: '6h', do: 'setWriteRate', machines: ['vm'], writeMBps: 2 }
      ]
    });
    runTo(h, 6 * H);
    const before = machine(h, 'vm').writes;
    h.run();
    const after = machine(h, 'vm').writes - before;
    // Ten times the rate over the same 6 hours: about ten times the writes (32 MiB each).
    expect(before).toBeGreaterThan(100);
    expect(after / before).toBeGreaterThan(8.5);
    expect(after / before).toBeLessThan(11.5);
    expect(firstEvent(h, 'workload.changed', 'vm').message).toBe('vm now writes 2 MB/s on average');
  });
});
