// Rules of the seed documents that the engine follows, each through a scenario file: a planned
// failover between two sites leaves the machines protected (seed 002), physical servers fail back by
// an unplanned failover (seed 003), network faults mark Mobility-service machines for resync (seed
// 004), a migration has nothing to reprotect (seed 000), health advice names only actions the
// scenario has, scale-out process servers, and Hyper-V host volumes that fill (seed 001).

import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/script/report';
import { SCENARIOS, type InvalidScenarioError } from '../../../src/engine/index';
import { H, MIN, events, firstEvent, machine, runTo, simulate, type ScenarioFile } from '../helpers';

const PARAMS = { 'model.blockMiB': 4 };

/** The problems the engine finds in a file, as `path: message` (none when it runs). */
function problems(f: ScenarioFile): string[] {
  try {
    simulate(f);
    return [];
  } catch (e) {
    return (e as InvalidScenarioError).problems.map((p) => `${p.path}: ${p.message}`);
  }
}

function failoversOf(r: Report, id: string, kind: Report['failovers'][number]['kind']): Report['failovers'] {
  return r.failovers.filter((f) => f.machine === id && f.kind === kind);
}

describe('network faults mark Mobility-service machines for resync (seed 004, resynchronisation)', () => {
  // Runs start on a Monday at 08:00; office hours end at 18:00 (10 h in).
  const OFFICE_END = 10 * H;
  const estate = (scenario: string, steps: object[], extra: Record<string, unknown> = {}): ScenarioFile => {
    const vm = scenario === 'vmware-to-azure' || scenario === 'vmware-to-vmware';
    const host = (h: string) => (vm ? { host: scenario === 'vmware-to-vmware' ? 'esxi-01' : h } : {});
    return {
      scenario,
      until: '16h',
      seed: 5,
      parameters: PARAMS,
      machines: [
        { id: 'busy', ...host('esxi-01'), writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 32 }] },
        { id: 'quiet', ...host('esxi-02'), writeMBps: 0.05, disks: [{ id: 'os', sizeGiB: 32 }] }
      ],
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps],
      ...extra
    };
  };

  it.each([
    ['vmware-to-azure', 'uplink', 'to the cache storage account'],
    ['vmware-to-azure', 'lan', 'to the process server'],
    ['physical-to-azure', 'uplink', 'to the cache storage account'],
    ['vmware-to-vmware', 'uplink', 'to the master target server'],
    ['aws-to-azure-migration', 'lan', 'to the process server']
  ])('%s: a 30-minute outage of %s marks every replicating machine at once; the resync waits for the end of office hours', (scenario, link, where) => {
    const h = simulate(estate(scenario, [{ at: '2h', do: 'fault', fault: 'linkDown', target: link, for: '30m' }]));
    const r = h.run();
    for (const id of ['busy', 'quiet']) {
      const marked = events(h, 'resync.required', id);
      expect(marked, id).toHaveLength(1);
      expect(marked[0]!.at).toBe(2 * H);
      expect(marked[0]!.message).toBe(`${id} needs resynchronisation: a network fault stopped replication ${where} (network error: link ${link} is down); scheduled in 8h, outside office hours`);
      // No retries: the machine waits for its resync instead.
      expect(events(h, /^replication\.(error|retry)$/, id)).toEqual([]);
      const started = firstEvent(h, 'resync.started', id);
      expect(started.at).toBe(OFFICE_END);
      // The checksums find the chunks written since: only those travel.
      const [, differ, total] = /(\d+) of (\d+) chunks differ/.exec(started.message)!;
      expect(Number(differ)).toBeLessThan(Number(total));
      expect(firstEvent(h, 'resync.completed', id).at).toBeGreaterThan(OFFICE_END);
    }
    expect(r.machines.map((m) => [m.protection, m.resyncs])).toEqual([['protected', 1], ['protected', 1]]);
  });

  it('marks a machine in initial replication too; its resync then finishes the first copy', () => {
    const h = simulate(estate('vmware-to-azure', [{ at: '12m', do: 'fault', fault: 'linkDown', target: 'uplink', for: '10m' }], { network: { uplinkMbps: 20 } }));
    runTo(h, 11 * MIN);
    expect(machine(h, 'busy').protection).toBe('initialReplication');
    const r = h.run();
    expect(firstEvent(h, 'resync.required', 'busy').at).toBe(12 * MIN);
    expect(r.jobs.find((j) => j.name === 'Enable protection' && j.machine === 'busy')!.state).toBe('failed');
    expect(firstEvent(h, 'resync.started', 'busy').at).toBe(OFFICE_END);
    expect(firstEvent(h, 'protection.protected', 'busy').at).toBeGreaterThan(OFFICE_END);
    expect(r.machines[0]!.protection).toBe('protected');
  });

  it('with "resync": "manual" the machine waits for a resync step', () => {
    const h = simulate(estate('vmware-to-azure', [{ at: '2h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '30m' }, { at: '4h', do: 'resync', machines: ['busy'] }], { policy: { resync: 'manual' } }));
    const r = h.run();
    expect(firstEvent(h, 'resync.required', 'busy').message).toMatch(/start it by hand$/);
    expect(firstEvent(h, 'resync.started', 'busy').at).toBe(4 * H);
    expect(r.machines.map((m) => m.protection)).toEqual(['protected', 'resyncRequired']);
  });

  it('a degraded link is no fault of the network path: nothing is marked', () => {
    const h = simulate(estate('vmware-to-azure', [{ at: '2h', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 10, for: '30m' }]));
    h.run();
    expect(events(h, 'resync.required')).toEqual([]);
  });

  it('Hyper-V hosts keep their logs and retry instead (seed 001: a network error is recoverable)', () => {
    const h = simulate({ ...estate('hyperv-to-azure', [{ at: '2h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '30m' }]), machines: [{ id: 'vm', host: 'hv-host-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }] });
    const r = h.run();
    expect(events(h, 'resync.required')).toEqual([]);
    expect(events(h, 'replication.retry', 'vm').length).toBeGreaterThan(2);
    expect(r.machines[0]!.resyncs).toBe(0);
  });

  it('a link degraded in the middle of a long data window carries at most its bandwidth from that moment', () => {
    // 9 MB/s of changes over a 100 Mbps uplink that drops to 1 % (125 kB/s on the wire) at 2h1m,
    // a minute into a 15-minute data window.
    const h = simulate({
      scenario: 'vmware-to-azure',
      until: '3h',
      seed: 7,
      parameters: PARAMS,
      machines: [{ id: 'app', host: 'esxi-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h50m', do: 'setWriteRate', machines: 'all', writeMBps: 9 },
        { at: '2h1m', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 1 }
      ]
    });
    const uplink = SCENARIOS['vmware-to-azure'].hops.findIndex((x) => x.id === 'uplink');
    runTo(h, 2 * H + MIN);
    const before = machine(h, 'app').sentOverHop[uplink]!;
    for (const t of [2 * H + 2 * MIN, 2 * H + 5 * MIN, 2 * H + 15 * MIN]) {
      runTo(h, t);
      const sent = machine(h, 'app').sentOverHop[uplink]! - before;
      expect(sent / (h.read.dataTime - (2 * H + MIN)), `wire bytes per second up to ${t}`).toBeLessThanOrEqual(100e6 / 8 / 100 + 1e-6);
    }
  });
});

describe('a planned failover between two sites leaves the machines protected (seed 002, step 4)', () => {
  const between = (scenario: 'vmm-to-vmm' | 'vmm-san' | 'vmware-to-vmware', type: 'planned' | 'unplanned'): ScenarioFile => ({
    scenario,
    until: '4h',
    seed: 3,
    parameters: PARAMS,
    machines: [{ id: 'vm1', host: scenario === 'vmware-to-vmware' ? 'esxi-01' : 'hv-host-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }],
    steps: [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: '1h', do: 'failover', machines: ['vm1'], type }
    ]
  });

  it.each(['vmm-to-vmm', 'vmm-san'] as const)('%s: after a planned failover the machine replicates back by itself, sending only what changed', (scenario) => {
    const h = simulate(between(scenario, 'planned'));
    const r = h.run();
    expect(r.rejected).toEqual([]);
    expect(r.machines[0]).toMatchObject({ side: 'target', protection: 'protected', health: 'healthy' });
    const [f] = failoversOf(r, 'vm1', 'failover');
    expect(f).toMatchObject({ type: 'planned', writesLost: 0, state: 'succeeded' });
    expect(f!.committedAt).toBeCloseTo(f!.at + f!.rtoSeconds!, 3);
    expect(firstEvent(h, 'reprotect.started', 'vm1').message).toMatch(/started automatically/);
    // The sites were in step at the shutdown: no checksum pass, only the chunks written since.
    const copy = firstEvent(h, 'reprotect.copyStarted', 'vm1');
    expect(copy.at).toBeCloseTo(f!.committedAt! + 5 * MIN, 3);
    expect(copy.message).toMatch(/(\d+) of (\d+) chunks differ/);
    const [, differ, total] = /(\d+) of (\d+) chunks differ/.exec(copy.message)!;
    expect(Number(differ)).toBeLessThan(Number(total) / 4);
    expect(r.jobs.filter((j) => j.machine === 'vm1').map((j) => `${j.name}:${j.state}`)).toEqual([
      'Enable protection:succeeded',
      'Finalize protection:succeeded',
      'Planned failover:succeeded',
      'Commit:succeeded',
      'Reverse replication:succeeded'
    ]);
  });

  it.each(['vmm-to-vmm', 'vmm-san', 'vmware-to-vmware'] as const)('%s: after an unplanned failover the machine waits for reverse replication by hand', (scenario) => {
    const f = between(scenario, 'unplanned');
    const commit = scenario === 'vmm-san' ? [] : [{ at: '1h30m', do: 'commit', machines: ['vm1'] }];
    const h = simulate({ ...f, steps: [...(f.steps as object[]), ...commit] });
    const r = h.run();
    expect(r.rejected).toEqual([]);
    expect(r.machines[0]).toMatchObject({ side: 'target', protection: 'committed' });
    expect(events(h, 'reprotect.started')).toEqual([]);
    // The advice names the scenario's own action.
    expect(r.machines[0]!.healthReason).toMatch(/start reverse replication \(reprotect\)/);
  });

  it('vmware-to-vmware (InMage Scout): a planned failover still waits for commit and reverse replication', () => {
    const h = simulate(between('vmware-to-vmware', 'planned'));
    const r = h.run();
    expect(r.machines[0]).toMatchObject({ side: 'target', protection: 'failedOver' });
    expect(failoversOf(r, 'vm1', 'failover')[0]!.committedAt).toBeNull();
    expect(events(h, 'reprotect.started')).toEqual([]);
  });

  it('a commit or reprotect after the planned failover is refused with the reason, and changes nothing', () => {
    const f = between('vmm-to-vmm', 'planned');
    const steps = [...(f.steps as object[]), { at: '2h', do: 'commit', machines: ['vm1'] }, { at: '2h', do: 'reprotect', machines: ['vm1'] }];
    const r = simulate({ ...f, steps }).run();
    expect(r.rejected.map((x) => x.do)).toEqual(['commit', 'reprotect']);
    expect(r.rejected[0]!.reason).toMatch(/planned failover of vm1 was committed by itself and its replication reversed/);
    expect(r.rejected[1]!.reason).toMatch(/already replicates back to the primary site/);
    const plain = simulate(f).run();
    expect(r.machines).toEqual(plain.machines);
    expect(r.failovers).toEqual(plain.failovers);
  });
});

describe('physical servers fail back by an unplanned failover (seed 003)', () => {
  /** Fails a server over, reprotects it to a new VMware VM, and fails it back at 5 h. */
  const roundTrip = (scenario: 'physical-to-azure' | 'vmware-to-azure', extra: object[]): ScenarioFile => ({
    scenario,
    until: '7h',
    seed: 4,
    parameters: PARAMS,
    machines: [{ id: 'srv', ...(scenario === 'vmware-to-azure' ? { host: 'esxi-01' } : {}), writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }],
    steps: [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: '1h', do: 'failover', machines: ['srv'], shutdownSource: true },
      { at: '1h30m', do: 'commit', machines: ['srv'] },
      ...(scenario === 'physical-to-azure' ? ['esxi-failback', 'master-target-vm'] : []).map((c) => ({ at: '1h40m', do: 'addComponent', component: c })),
      { at: '1h40m', do: 'addComponent', component: 'azure-ps' },
      { at: '1h40m', do: 'addComponent', component: 'vpn' },
      { at: '2h', do: 'reprotect', machines: ['srv'], location: 'alternate' },
      ...extra,
      { at: '5h', do: 'failback', machines: ['srv'] }
    ]
  });

  it('the failback record says unplanned; the Azure VM is shut down first and nothing is lost', () => {
    const h = simulate(roundTrip('physical-to-azure', []));
    const r = h.run();
    const [fb] = failoversOf(r, 'srv', 'failback');
    expect(fb).toMatchObject({ type: 'unplanned', state: 'succeeded', writesLost: 0, dataLossSeconds: 0, integrity: 'verified' });
    expect(fb!.steps[0]!.step).toBe('shuttingDown');
    expect(r.jobs.filter((j) => j.name === 'Failback')).toHaveLength(1);
    // A VMware VM's failback is a planned one.
    const vmware = simulate(roundTrip('vmware-to-azure', [])).run();
    expect(failoversOf(vmware, 'srv', 'failback')[0]!.type).toBe('planned');
  });

  it('with the Azure VM stopped it still fails back, from the newest point the site has; a VMware VM cannot', () => {
    const stop = [{ at: '4h50m', do: 'fault', fault: 'forcedShutdown', target: 'srv' }];
    const h = simulate(roundTrip('physical-to-azure', stop));
    const r = h.run();
    expect(r.rejected).toEqual([]);
    const [fb] = failoversOf(r, 'srv', 'failback');
    expect(fb).toMatchObject({ type: 'unplanned', state: 'succeeded', integrity: 'verified' });
    // No shutdown point: it recovers to what the site had received when the Azure VM stopped.
    expect(fb!.steps.map((s) => s.step)).not.toContain('shuttingDown');
    expect(fb!.recoveryPointAt).toBeLessThanOrEqual(4 * H + 50 * MIN);
    expect(fb!.recoveryPointAt).toBeGreaterThan(4 * H + 40 * MIN);
    expect(firstEvent(h, 'failover.sourceUnreachable', 'srv').message).toMatch(/srv is not running/);
    expect(r.machines[0]!.side).toBe('primary');
    const vmware = simulate(roundTrip('vmware-to-azure', stop)).run();
    expect(vmware.rejected.map((x) => x.do)).toEqual(['failback']);
    expect(vmware.rejected[0]!.reason).toMatch(/failback shuts srv down and sends its last changes, but srv is not running/);
    expect(vmware.machines[0]!.side).toBe('target');
  });
});

describe('a migration has nothing to reprotect (seed 000: failover, no failback)', () => {
  it.each(['azure-to-azure-migration', 'aws-to-azure-migration'] as const)('%s: the migrated machine says what the migration achieved, and no action advises reprotecting', (scenario) => {
    const h = simulate({
      scenario,
      until: '3h',
      parameters: PARAMS,
      machines: [{ id: 'vm1', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['vm1'], shutdownSource: true },
        { at: '1h30m', do: 'commit', machines: ['vm1'] },
        { at: '2h', do: 'resync', machines: ['vm1'] },
        { at: '2h', do: 'testFailover', machines: ['vm1'] },
        { at: '2h', do: 'failover', machines: ['vm1'] }
      ]
    });
    const r = h.run();
    expect(r.machines[0]).toMatchObject({ side: 'target', protection: 'committed' });
    expect(r.machines[0]!.healthReason).toMatch(/^Migrated: it runs in Azure now and its failover is committed; a migration has no failback/);
    const advice = [r.machines[0]!.healthReason, ...r.rejected.map((x) => x.reason), ...Object.values(h.read.recovery().machines[0]!.actions).filter((x): x is string => x !== null)];
    for (const a of advice) expect(a, a).not.toMatch(/reprotect (it|vm1)|fail (it|vm1) back|\(reprotect\)/);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      expect.stringMatching(/vm1 was migrated: there is nothing to resync/),
      expect.stringMatching(/a migration ends with its failover/),
      expect.stringMatching(/vm1 was migrated: it stays in Azure/)
    ]);
  });
});

describe('health advice names only actions the scenario has', () => {
  it.each(['hyperv-to-azure', 'vmm-to-azure'] as const)('%s: a VM failed over to Azure is told to fail back, not to reprotect', (scenario) => {
    const h = simulate({
      scenario,
      until: '3h',
      parameters: PARAMS,
      machines: [{ id: 'vm1', host: 'hv-host-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['vm1'], type: 'planned' },
        { at: '1h30m', do: 'commit', machines: ['vm1'] },
        { at: '2h', do: 'testFailover', machines: ['vm1'] },
        { at: '2h', do: 'resync', machines: ['vm1'] }
      ]
    });
    const r = h.run();
    expect(r.machines[0]!.healthReason).toBe('Failed over and not replicating: fail it back to its Hyper-V host (failback); replication to Azure restarts by itself after that');
    for (const x of r.rejected) expect(x.reason).toMatch(/fail it back to its Hyper-V host/);
    expect(h.read.recovery().machines[0]!.actions.reprotect).toMatch(/use failback/);
  });

  /** A SAN file that meets every kind of trouble the arrays can have. */
  const sanFile = (steps: object[]): ScenarioFile => ({
    scenario: 'vmm-san',
    until: '8h',
    parameters: PARAMS,
    machines: [{ id: 'db', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 8 }] }],
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps]
  });

  it('vmm-san: there is no resync to start; the arrays resynchronise by themselves, after an authentication failure too', () => {
    const h = simulate(
      sanFile([
        { at: '1h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '20m' },
        { at: '1h10m', do: 'resync', machines: ['db'] },
        { at: '3h', do: 'fault', fault: 'authFailure', target: 'db', for: '30m' },
        { at: '3h10m', do: 'resync', machines: ['db'] },
        { at: '5h', do: 'fault', fault: 'forcedShutdown', target: 'db', for: '10m' }
      ])
    );
    const r = h.run();
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/with SAN replication there is no resync to start: the arrays resynchronise by themselves/), expect.stringMatching(/no resync to start/)]);
    // Each trouble ends in a resync the arrays started themselves, none by hand.
    const started = events(h, 'resync.started', 'db');
    expect(started.map((e) => e.at)).toEqual([1 * H + 20 * MIN, 3 * H + 30 * MIN, 5 * H + 10 * MIN]);
    for (const e of started) expect(e.message).toMatch(/scheduled/);
    expect(r.machines[0]).toMatchObject({ protection: 'protected', health: 'healthy' });
    const said = h.read.events().filter((e) => /^(health\.|replication\.nonRecoverable|resync\.|auth\.restored|step\.rejected)/.test(e.code)).map((e) => e.message);
    expect(said.some((m) => /arrays resynchronise by themselves/.test(m))).toBe(true);
    for (const m of said) expect(m, m).not.toMatch(/then resync\b|start (a resync|it) by hand|resync the machine|resync it\b/);
  });
});

describe('Hyper-V hosts have volumes that fill (seed 001: the snapshot and the logs take space on the host)', () => {
  const GIB = 2 ** 30;
  /** One 16 GiB VM, its first copy taking about two hours over 20 Mbps. */
  const hostFile = (volumeGiB: number | undefined, steps: object[] = [], scenario = 'hyperv-to-azure', writeMBps = 1): ScenarioFile => ({
    scenario,
    until: '6h',
    seed: 3,
    machines: [{ id: 'sql', host: 'hv-host-01', writeMBps, disks: [{ id: 'os', sizeGiB: 16 }] }],
    ...(volumeGiB === undefined ? {} : { hosts: [{ id: 'hv-host-01', volumeGiB }] }),
    network: { uplinkMbps: 20 },
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps]
  });

  /** The host's volume as the page shows it, every 30 s of simulated time up to t. */
  function watchVolume(h: ReturnType<typeof simulate>, until: number): Array<{ t: number; snapshot: number; logs: number; free: number }> {
    const out = [];
    for (let t = 30; t <= until; t += 30) {
      runTo(h, t);
      const v = h.read.live(0).hostVolumes.find((x) => x.host === 'hv-host-01')!;
      out.push({ t: h.read.dataTime, snapshot: v.snapshotBytes, logs: v.logBytes, free: v.freeBytes });
    }
    return out;
  }

  it('by default a host holds its VMs\' disks and as much again (BEYOND.md), and nothing fills', () => {
    const h = simulate(hostFile(undefined, [], 'hyperv-to-azure', 0.5));
    const seen = watchVolume(h, 3 * H);
    const r = h.run();
    expect(r.hostVolumes).toEqual([{ host: 'hv-host-01', capacityBytes: 32 * GIB, vhdBytes: 16 * GIB, snapshotBytes: 0, logBytes: expect.any(Number), freeBytes: expect.any(Number) }]);
    expect(h.read.topology().hostVolumes).toEqual([{ host: 'hv-host-01', capacityBytes: 32 * GIB, defaulted: true, warningFreePercent: 10 }]);
    // While the first copy runs the snapshot's changes and the log grow; both go once it is done.
    expect(Math.max(...seen.map((x) => x.snapshot))).toBeGreaterThan(GIB);
    expect(Math.max(...seen.map((x) => x.logs))).toBeGreaterThan(GIB);
    const done = firstEvent(h, 'replication.initialCompleted', 'sql').at;
    for (const x of seen) if (x.t > done + 10 * MIN) expect(x.snapshot, `snapshot at ${x.t}`).toBe(0);
    expect(events(h, 'replication.error')).toEqual([]);
    expect(r.machines[0]!.protection).toBe('protected');
  });

  it('a small volume fills during initial replication: a recoverable error, retried, then a resync', () => {
    const h = simulate(hostFile(18));
    const seen = watchVolume(h, H);
    const error = firstEvent(h, 'replication.error', 'sql');
    expect(error.message).toBe('sql: low disk space on hv-host-01: the .hrl log of disk os cannot grow, so replication stops and the logs and snapshot are discarded; first retry in 1 min');
    // The snapshot's changes and the log take the 2 GiB left beside the disk, never more: what the
    // page reads adds up to the volume at every moment (data windows are 15 minutes long here).
    const before = seen.filter((x) => x.t <= error.at);
    expect(Math.max(...before.map((x) => x.snapshot))).toBeGreaterThan(0);
    expect(Math.max(...before.map((x) => x.logs))).toBeGreaterThan(0);
    for (const x of seen) expect(x.snapshot + x.logs + x.free, `at ${x.t}`).toBe(2 * GIB);
    expect(error.at).toBeLessThan(H);
    expect(events(h, 'health.critical').find((e) => e.component === 'hv-host-01')!.message).toMatch(/its volume is full: the \.hrl logs of sql cannot grow/);
    // Discarding the logs and the snapshot freed their space: the first retry works, and the changes
    // meanwhile, never logged, need a resync.
    const retry = firstEvent(h, 'replication.retry', 'sql');
    expect(retry.at).toBe(error.at + MIN);
    expect(retry.message).toMatch(/retry 1 .* succeeded/);
    const resync = firstEvent(h, 'resync.required', 'sql');
    expect(resync.at).toBe(retry.at);
    expect(resync.message).toMatch(/changes made while hv-host-01 was out of disk space were not logged/);
    expect(h.read.inspect('hv-host-01')!.figures.map((f) => f.label)).toEqual(expect.arrayContaining(['Volume', 'VM disks', 'VM snapshot changes', '.hrl logs', 'Free']));
  });

  it('logs piling up while the link is down fill the volume before they reach half the disk; retries fail until the link is back', () => {
    // A quick first copy over 100 Mbps fits; then the VM writes 4 MB/s while the link is down.
    const h = simulate({
      ...hostFile(20, [
        { at: '2h', do: 'setWriteRate', machines: ['sql'], writeMBps: 4 },
        { at: '2h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '1h' }
      ], 'hyperv-to-azure', 0.5),
      network: { uplinkMbps: 100 }
    });
    const r = h.run();
    const errors = events(h, 'replication.error', 'sql');
    expect(errors.map((e) => e.message.split(':')[1]!.trim())).toEqual(['network error', 'low disk space on hv-host-01']);
    const full = errors[1]!;
    // Under 4 GiB of log at 4 MB/s: about 20 minutes into the outage, long before 8 GiB (half the disk).
    expect(full.at).toBeGreaterThan(2 * H + 15 * MIN);
    expect(full.at).toBeLessThan(2 * H + 22 * MIN);
    // The abandoned log made room, but the link is still down: the retries fail until it is back.
    const retries = events(h, 'replication.retry', 'sql').filter((e) => e.at > full.at);
    expect(retries.some((e) => /failed \(network error/.test(e.message))).toBe(true);
    const resumed = retries.find((e) => /succeeded/.test(e.message))!;
    expect(resumed.at).toBeGreaterThanOrEqual(3 * H);
    expect(firstEvent(h, 'resync.required', 'sql').at).toBe(resumed.at);
    expect(r.machines[0]!.protection).toBe('resyncRequired');
  });

  it.each(['vmm-to-azure', 'vmm-to-vmm'])('%s hosts fill the same way', (scenario) => {
    const h = simulate(hostFile(18, [], scenario));
    h.run();
    expect(firstEvent(h, 'replication.error', 'sql').message).toMatch(/low disk space on hv-host-01/);
  });

  it('a file sizes a host once, within reason, for Hyper-V scenarios only', () => {
    expect(problems({ ...hostFile(20), hosts: [{ id: 'hv-host-01', volumeGiB: 10 }, { id: 'hv-host-9', volumeGiB: 10 }, { id: 'hv-host-01' }] })).toEqual([
      '$.hosts[0].volumeGiB: 10 GiB cannot hold the virtual disks of the VMs on hv-host-01 (16 GiB)',
      '$.hosts[1].id: "hv-host-9" is not allowed; use one of: "hv-host-01", "hv-host-02"',
      '$.hosts[2].id: "hv-host-01" is sized twice; give each host once',
      expect.stringMatching(/^\$\.hosts\[2\]\.volumeGiB: is required/)
    ]);
    expect(problems({ scenario: 'vmware-to-azure', hosts: [{ id: 'esxi-01', volumeGiB: 100 }] })).toEqual(['$.hosts: does not apply to vmware-to-azure: only Hyper-V hosts keep VM snapshots and .hrl logs on a volume of their own']);
  });

  it('a disk cannot grow past what its host volume holds', () => {
    const r = simulate(hostFile(20, [{ at: '1h', do: 'fault', fault: 'diskResize', target: 'sql', sizeGiB: 32 }])).run();
    expect(r.rejected[0]!.reason).toBe("disk os of sql cannot grow to 32 GiB: the 20 GiB volume of hv-host-01 would no longer hold its VMs' disks");
  });
});

describe('scale-out process servers (seeds 003 and 004)', () => {
  /** Three VMs on two process servers: a and b on the built-in one, c on ps-02. */
  const fleetFile = (steps: object[] = [], extra: Record<string, unknown> = {}): ScenarioFile => ({
    scenario: 'vmware-to-azure',
    until: '12h',
    seed: 3,
    parameters: PARAMS,
    processServers: [{ id: 'ps-02', size: '4vcpu' }],
    machines: [
      { id: 'a', host: 'esxi-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 16 }] },
      { id: 'b', host: 'esxi-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 16 }] },
      { id: 'c', host: 'esxi-02', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 16 }], processServer: 'ps-02' }
    ],
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps],
    ...extra
  });

  it('each process server is a component of its own with its LAN link, its statechart, its cache and its machines', () => {
    const h = simulate(fleetFile());
    const r = h.run();
    expect(r.machines.map((m) => m.protection)).toEqual(['protected', 'protected', 'protected']);
    expect(r.components.find((x) => x.id === 'ps-02')).toMatchObject({ kind: 'processServer', state: 'power.running cache.normal', health: 'healthy' });
    expect(r.links.map((l) => l.id)).toEqual(['lan', 'lan-ps-02', 'uplink', 'vpn']);
    const t = h.read.topology();
    expect(t.processServers.map((x) => [x.id, x.size, x.maxMachines])).toEqual([
      ['process-server', null, 200],
      ['ps-02', '4 vCPU, 8 GB memory, 300 GB cache', 85]
    ]);
    expect(t.processServers[1]!.cacheBytes).toBe(300 * 2 ** 30);
    const live = h.read.live(0);
    expect(live.processServers.map((x) => [x.id, x.machines])).toEqual([['process-server', ['a', 'b']], ['ps-02', ['c']]]);
    expect(live.machines.map((m) => m.processServer)).toEqual(['process-server', 'process-server', 'ps-02']);
    expect(h.read.inspect('ps-02')!.actors[0]!.active).toContain('processServer.power.running');
  });

  it('balances machines that name no process server over those there from the start', () => {
    const f = fleetFile();
    const machines = Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, host: 'esxi-01', writeMBps: 0.1, disks: [{ id: 'os', sizeGiB: 8 }] }));
    const h = simulate({ ...f, machines, processServers: [{ id: 'ps-02' }, { id: 'ps-03', size: '12vcpu' }] });
    expect(h.read.live(0).processServers.map((x) => x.machines)).toEqual([['m0', 'm3'], ['m1', 'm4'], ['m2']]);
  });

  it('a process server that goes down stops only its own machines', () => {
    const h = simulate(fleetFile([{ at: '3h', do: 'fault', fault: 'processServerDown', target: 'ps-02', for: '10m' }]));
    h.run();
    expect(events(h, 'replication.error').map((e) => e.machine)).toEqual(['c']);
    expect(firstEvent(h, 'replication.error', 'c').message).toMatch(/Process server ps-02 is not responding/);
  });

  it('a full cache throttles only the machines of that process server', () => {
    const h = simulate(fleetFile([{ at: '3h', do: 'fault', fault: 'cacheFull', target: 'ps-02', for: '20m' }]));
    runTo(h, 3 * H + 15 * MIN);
    const live = h.read.live(0).processServers;
    expect(live.find((x) => x.id === 'ps-02')!.cacheCapacityBytes).toBe(0);
    expect(live.find((x) => x.id === 'process-server')!.cacheCapacityBytes).toBe(300 * 2 ** 30);
    const rpo = (id: string) => h.read.live(0).machines.find((m) => m.id === id)!.rpoSeconds!;
    expect(rpo('c')).toBeGreaterThan(10 * MIN);
    expect(rpo('a')).toBeLessThan(MIN);
  });

  it('warns when a process server carries more machines or churn than its size is for (BEYOND.md, Capacity)', () => {
    // 85 machines on a 4 vCPU server sized for 85, until five more move to it at 3 h.
    const machines = Array.from({ length: 91 }, (_, i) => ({ id: `m${i}`, host: 'esxi-01', writeMBps: 0.01, disks: [{ id: 'os', sizeGiB: 1 }], processServer: i <= 5 ? 'process-server' : 'ps-02' }));
    const h = simulate({ ...fleetFile(), until: '6h', machines, steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, { at: '3h', do: 'moveProcessServer', machines: ['m1', 'm2', 'm3', 'm4', 'm5'], processServer: 'ps-02' }] });
    h.run();
    const warning = events(h, 'health.warning').filter((e) => e.component === 'ps-02').at(-1)!;
    // Once the moves are through (at the data's next plan, within 15 minutes) and health is read.
    expect(warning.at).toBeGreaterThan(3 * H);
    expect(warning.at).toBeLessThanOrEqual(3 * H + 20 * MIN);
    expect(warning.message).toBe('Process server ps-02 is warning: 90 machines replicate through it; a 4 vCPU process server is sized for 85: add a process server');
    // 0.4 TB a day through a 4 vCPU server sized for 0.25.
    const churn = simulate({ ...fleetFile(), until: '30h', machines: [{ id: 'c', host: 'esxi-02', writeMBps: 5, disks: [{ id: 'os', sizeGiB: 8 }], processServer: 'ps-02' }] });
    churn.run();
    expect(events(churn, 'health.warning').some((e) => e.component === 'ps-02' && /of churn over the last day; a 4 vCPU process server is sized for 0\.25 TB a day/.test(e.message))).toBe(true);
  });

  it('adds a process server at run time and moves machines to it; what the old server holds is uploaded first', () => {
    const h = simulate(fleetFile([
      { at: '4h', do: 'addComponent', component: 'ps-03', size: '12vcpu' },
      // Held back by a slow uplink, the old server still holds some of a's changes when it moves.
      { at: '4h', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 1, for: '1h' },
      { at: '4h10m', do: 'moveProcessServer', machines: ['a'], processServer: 'ps-03' }
    ]));
    runTo(h, 4 * H + 5 * MIN);
    expect(h.read.topology().processServers.map((x) => [x.id, x.deployable])).toEqual([['process-server', false], ['ps-02', false], ['ps-03', true]]);
    const r = h.run();
    expect(firstEvent(h, 'component.added').component).toBe('ps-03');
    const started = firstEvent(h, 'processServer.moveStarted', 'a');
    expect(started.at).toBe(4 * H + 10 * MIN);
    expect(started.message).toMatch(/a moves to process server ps-03: process server first uploads the changes it already holds; new changes wait at the machine/);
    const moved = firstEvent(h, 'processServer.moved', 'a');
    expect(moved.at).toBeGreaterThan(started.at);
    expect(moved.message).toMatch(/a now replicates through process server ps-03/);
    expect(h.read.live(0).machines.find((m) => m.id === 'a')!.processServer).toBe('ps-03');
    expect(r.rejected.map((x) => x.reason)).toEqual([]);
    expect(r.machines[0]).toMatchObject({ protection: 'protected', resyncs: 0 });
  });

  it('refuses a move to a process server that is not there yet, and one to where the machine already is', () => {
    const r = simulate(fleetFile([
      { at: '1h', do: 'moveProcessServer', machines: ['a'], processServer: 'ps-03' },
      { at: '1h', do: 'moveProcessServer', machines: ['c'], processServer: 'ps-02' },
      { at: '2h', do: 'addComponent', component: 'ps-03', size: '4vcpu' }
    ])).run();
    expect(r.rejected.map((x) => x.reason)).toEqual(['Process server ps-03 is not deployed: add it first (addComponent)', 'c already replicates through ps-02']);
  });

  it('files name their process servers with a size from the capacity table, once each', () => {
    expect(problems({ ...fleetFile(), processServers: [{ id: 'ps-02', size: '6vcpu' }, { id: 'vault' }, { id: 'process-server' }] })).toEqual([
      '$.processServers[0].size: "6vcpu" is not allowed; use one of: "4vcpu", "8vcpu", "12vcpu"',
      '$.processServers[1].id: "vault" is already the name of something in vmware-to-azure; give the process server a name of its own',
      '$.processServers[2].id: "process-server" is the built-in process server; its figures are the processServer.* parameters',
      expect.stringMatching(/^\$\.machines\[2\]\.processServer: "ps-02" is not allowed/)
    ]);
    expect(problems({ scenario: 'hyperv-to-azure', processServers: [{ id: 'ps-02' }] })).toEqual([
      '$.processServers: does not apply to hyperv-to-azure: it has no process server (the Hyper-V hosts send their logs themselves)'
    ]);
    expect(problems(fleetFile([{ at: '1h', do: 'addComponent', component: 'ps-03', size: '8vcpu' }], { machines: [{ id: 'a', processServer: 'ps-03', host: 'esxi-01' }] }))).toEqual([
      '$.machines[0].processServer: ps-03 is only added by a step later; a machine starts on a process server that is there from the start (process-server, ps-02), and moveProcessServer moves it'
    ]);
  });

  it('InMage Scout scales out at the primary site the same way', () => {
    const h = simulate({ ...fleetFile(), scenario: 'vmware-to-vmware', machines: [{ id: 'a', host: 'esxi-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }], processServer: 'ps-02' }] });
    const r = h.run();
    expect(r.machines[0]!.protection).toBe('protected');
    expect(h.read.live(0).processServers.find((x) => x.id === 'ps-02')!.machines).toEqual(['a']);
  });

  it('200 machines with 11 TB of churn a day: one process server cannot keep up; with six more they are all protected', () => {
    // 0.637 MB/s each is 11 TB a day in all. 64 MiB blocks keep the run short.
    const estate = (servers: number): ScenarioFile => ({
      scenario: 'vmware-to-azure',
      until: '2d',
      seed: 1,
      parameters: { 'model.blockMiB': 64 },
      network: { uplinkMbps: 10_000 },
      processServers: Array.from({ length: servers - 1 }, (_, k) => ({ id: `ps-${k + 2}`, size: '12vcpu' })),
      machines: Array.from({ length: 200 }, (_, i) => ({ id: `vm-${i}`, host: i % 2 ? 'esxi-01' : 'esxi-02', writeMBps: 0.637, disks: [{ id: 'os', sizeGiB: 64 }] })),
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    });
    const count = (r: Report, state: string) => r.machines.filter((m) => m.protection === state).length;
    const one = simulate(estate(1)).run();
    expect(count(one, 'initialReplication')).toBe(200);
    const seven = simulate(estate(7)).run();
    expect(count(seven, 'protected')).toBe(200);
  }, 60_000);
});

export { H, MIN, machine, runTo };
