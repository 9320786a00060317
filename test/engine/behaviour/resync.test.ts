// Resynchronisation: its triggers (.hrl at 50 % of the disk, network faults with changes in flight,
// forced shutdown, disk resize), its schedule (outside office hours, or by hand), chunk checksums
// so only differing chunks are sent, and an automatic run that fails and waits for a manual one.

import { describe, expect, it } from 'vitest';
import type { SimulationHandle } from '../../../src/engine';
import { H, MIN, cutWindowAt, events, firstEvent, machine, runTo, simulate, type ScenarioFile } from '../helpers';

// Runs start on a Monday at 08:00; office hours end at 18:00 (10 h in).
const OFFICE_END = 10 * H;

describe('resync triggers', () => {
  it('marks a Hyper-V VM for resync when a disk\'s .hrl logs reach 50 % of its size, then resyncs after office hours', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '14h',
      machines: [{ id: 'sql', host: 'hv-host-01', writeMBps: 2, burstiness: 0, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['sql'] },
        { at: '2h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '2h' }
      ]
    });
    const report = h.run();
    const required = firstEvent(h, 'resync.required', 'sql');
    expect(required.message).toMatch(/\.hrl log of disk 1 reached 50 %/);
    // 4 GiB (half the disk) at 2 MB/s takes about 36 minutes after the link went down.
    expect(required.at).toBeGreaterThan(2 * H + 30 * MIN);
    expect(required.at).toBeLessThan(2 * H + 45 * MIN);
    expect(firstEvent(h, 'resync.started', 'sql').at).toBe(OFFICE_END);
    expect(firstEvent(h, 'resync.completed', 'sql').at).toBeGreaterThan(OFFICE_END);
    expect(report.machines[0]!.protection).toBe('protected');
    expect(report.machines[0]!.resyncs).toBe(1);
    expect(h.read.pointProblems('sql')).toEqual([]);
  });

  it('compares chunk checksums: a resync sends only the chunks that differ', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '14h',
      machines: [{ id: 'sql', host: 'hv-host-01', writeMBps: 2, burstiness: 0, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['sql'] },
        { at: '2h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '2h' }
      ]
    });
    runTo(h, OFFICE_END);
    const job = machine(h, 'sql').copy!;
    expect(job.kind).toBe('resync');
    const differing = job.diskChunksDiffering[0]!;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThan(job.diskChunksTotal[0]!);
    expect(job.bytesTotal).toBeLessThan(8 * 2 ** 30);
    expect(firstEvent(h, 'resync.started', 'sql').message).toContain(`${differing} of ${job.diskChunksTotal[0]} chunks differ`);
  });

  it('resyncs VMware machines whose changes were in flight when the process server stopped', () => {
    const h = simulate({
      scenario: 'vmware-to-azure',
      until: '20h',
      // Writing at 90 % of what the LAN carries (40 Mbps is 5 MB/s) keeps changes on their way to
      // the process server.
      network: { lanMbps: 40 },
      machines: [{ id: 'busy', host: 'esxi-01', writeMBps: 4.5, disks: [{ id: 'os', sizeGiB: 4 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['busy'] },
        { at: '5h', do: 'fault', fault: 'processServerDown', target: 'processServer', for: '10m' }
      ]
    });
    h.run();
    expect(firstEvent(h, 'resync.required', 'busy').message).toMatch(/changes in flight over lan were interrupted/);
    expect(firstEvent(h, 'resync.required', 'busy').at).toBe(5 * H);
    expect(firstEvent(h, 'resync.completed', 'busy').at).toBeGreaterThan(OFFICE_END);
  });

  it('resyncs after a forced shutdown once the machine runs again, and after a disk resize', () => {
    const h = simulate({
      scenario: 'vmm-to-vmm',
      until: '14h',
      machines: [
        { id: 'a', host: 'hv-host-01', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 8 }] },
        { id: 'b', host: 'hv-host-02', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 8 }, { id: 'data', sizeGiB: 8 }] }
      ],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '3h', do: 'fault', fault: 'forcedShutdown', target: 'a', for: '20m' },
        { at: '3h', do: 'fault', fault: 'diskResize', target: 'b', disk: 'data', sizeGiB: 16 }
      ]
    });
    const report = h.run();
    expect(firstEvent(h, 'resync.required', 'a').at).toBe(3 * H + 20 * MIN);
    expect(firstEvent(h, 'resync.required', 'a').message).toMatch(/shut down without warning/);
    expect(firstEvent(h, 'resync.required', 'b').message).toMatch(/disk data was resized from 8 GiB to 16 GiB/);
    expect(report.machines.map((m) => m.protection)).toEqual(['protected', 'protected']);
    expect(report.machines[1]!.disks[1]!.sizeGiB).toBe(16);
    expect(machine(h, 'b').replicaBlocks[1]).toBe(machine(h, 'b').sourceBlocks[1]);
    for (const id of ['a', 'b']) expect(h.read.pointProblems(id)).toEqual([]);
  });
});

describe('resync capture', () => {
  // Three small Hyper-V VMs whose .hrl logs fill quickly; `steps` come after enabling them all.
  const smallHyperV = (seed: number, uplinkMbps: number, steps: object[]): ScenarioFile => ({
    scenario: 'hyperv-to-azure',
    seed,
    until: '18h',
    machines: [
      { id: 'sql-01', host: 'hv-host-01', writeMBps: 1.5, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'data', sizeGiB: 4 }] },
      { id: 'web-01', host: 'hv-host-02', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 6 }] },
      { id: 'app-01', host: 'hv-host-02', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'data', sizeGiB: 4 }] }
    ],
    network: { uplinkMbps },
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps]
  });

  /** Runs a file as it is and with a data window cut short at `cut` seconds (which must change nothing). */
  function withAndWithout(seed: number, uplinkMbps: number, steps: object[], cut: number) {
    const a = cutWindowAt(simulate(smallHyperV(seed, uplinkMbps, steps)), cut);
    const b = simulate(smallHyperV(seed, uplinkMbps, steps));
    const ra = a.run();
    const rb = b.run();
    expect(ra.machines).toEqual(rb.machines);
    return { a, b };
  }

  it('finds the same differing chunks wherever the data window around the start ends', () => {
    // A resync that starts the moment a log fills compares the disks as they were at that moment.
    // A window that runs on past it (here, to a control event at 13h48m23s, or to the next grid
    // line without one) has already made later writes; those must count as changes made during the copy.
    const { a, b } = withAndWithout(
      29,
      20,
      [
        { at: '153m26s', do: 'setPolicy', policy: { rpoThreshold: '5m', retention: '6h', appConsistentEvery: '4h' } },
        { at: '357m32s', do: 'setWriteRate', machines: ['web-01', 'app-01'], writeMBps: 1 }
      ],
      828 * MIN + 23
    );
    const started = (h: SimulationHandle) => events(h, 'resync.started').map((e) => `${e.at} ${e.message}`);
    // The case needs resyncs that start "now", mid-window, for it to test anything.
    expect(events(a, 'resync.required').filter((e) => e.message.endsWith('it starts now')).length).toBeGreaterThan(0);
    expect(started(a)).toEqual(started(b));
    for (const id of ['sql-01', 'web-01', 'app-01']) expect(a.read.pointProblems(id)).toEqual([]);
  });

  it('handles a log filling again during a resync that started mid-window before the next window runs', () => {
    // web-01 writes 4 MB/s to a 6 GiB disk: each resync fills its .hrl log again within minutes,
    // so a resync started at one moment meets the next 50 % crossing among writes its window had
    // already made. A control event at 13h43m29s ends a window there; it must change nothing.
    const { a, b } = withAndWithout(
      674,
      100,
      [{ at: '695m4s', do: 'setWriteRate', machines: ['web-01'], writeMBps: 4 }],
      823 * MIN + 29
    );
    const timeline = (h: SimulationHandle) => events(h, /^resync\./, 'web-01').map((e) => `${e.at} ${e.code} ${e.message}`);
    expect(timeline(a).length).toBeGreaterThan(10);
    expect(timeline(a)).toEqual(timeline(b));
    // Each crossing is reported at the write that made it, not at the end of a window.
    for (const e of events(a, 'resync.required', 'web-01')) expect(e.at % 300).not.toBe(0);
  });

  it('starts moving a resync the window found at the same moment however that window was cut', () => {
    // dhcp-01 writes 4 MB/s to a 6 GiB disk from 2h17m on, so its resyncs keep failing on a full
    // .hrl log and restart at once, in the middle of data windows. A control event at 11h7m19s
    // cuts one of those windows short; the resyncs must copy exactly the same.
    const file: ScenarioFile = {
      scenario: 'vmm-to-azure',
      seed: 1,
      until: '18h',
      machines: [
        { id: 'exch-01', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'db', sizeGiB: 4 }] },
        { id: 'sp-01', host: 'hv-host-02', writeMBps: 0.4, disks: [{ id: 'os', sizeGiB: 6 }] },
        { id: 'dhcp-01', host: 'hv-host-02', writeMBps: 0.02, disks: [{ id: 'os', sizeGiB: 6 }] }
      ],
      network: { uplinkMbps: 100 },
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '137m41s', do: 'setWriteRate', machines: ['dhcp-01'], writeMBps: 4 }
      ]
    };
    const a = cutWindowAt(simulate(file), 667 * MIN + 19);
    const b = simulate(file);
    const ra = a.run();
    const rb = b.run();
    const started = (h: SimulationHandle) => events(h, 'resync.started', 'dhcp-01').map((e) => `${e.at} ${e.message}`);
    expect(started(a).length).toBeGreaterThan(10);
    expect(started(a)).toEqual(started(b));
    expect(ra.machines).toEqual(rb.machines);
    expect(ra.jobs).toEqual(rb.jobs);
  });
});

describe('resync schedule', () => {
  const file = (policy: Record<string, string>, extra: object[] = []) => ({
    scenario: 'hyperv-to-azure',
    until: '14h',
    policy,
    machines: [{ id: 'vm', host: 'hv-host-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }],
    steps: [
      { at: '0s', do: 'enableReplication', machines: ['vm'] },
      { at: '2h', do: 'fault', fault: 'diskResize', target: 'vm', sizeGiB: 12 },
      ...extra
    ]
  });

  it('waits for a manual start when the policy says so, and a manual resync starts at once', () => {
    const waiting = simulate(file({ resync: 'manual' }));
    waiting.run();
    expect(machine(waiting, 'vm').protection).toBe('resyncRequired');
    expect(events(waiting, 'resync.started')).toHaveLength(0);

    const byHand = simulate(file({ resync: 'manual' }, [{ at: '3h', do: 'resync', machines: ['vm'] }]));
    byHand.run();
    expect(firstEvent(byHand, 'resync.started', 'vm').at).toBe(3 * H);
    expect(firstEvent(byHand, 'resync.started', 'vm').message).toMatch(/by hand/);
    expect(machine(byHand, 'vm').protection).toBe('protected');
  });

  it('runs immediately when marked outside office hours', () => {
    const h = simulate({ ...file({}), steps: [{ at: '0s', do: 'enableReplication', machines: ['vm'] }, { at: '11h', do: 'fault', fault: 'diskResize', target: 'vm', sizeGiB: 12 }] });
    h.run();
    expect(firstEvent(h, 'resync.started', 'vm').at).toBe(11 * H);
  });

  it('fails an automatic resync that cannot start (the machine is off): the machine is Critical until started by hand', () => {
    const h = simulate(file({}, [
      { at: '9h', do: 'fault', fault: 'forcedShutdown', target: 'vm', for: '2h' },
      { at: '12h', do: 'resync', machines: ['vm'] }
    ]));
    runTo(h, 11 * H);
    expect(firstEvent(h, 'resync.failed', 'vm').at).toBe(OFFICE_END);
    expect(firstEvent(h, 'resync.failed', 'vm').message).toMatch(/vm is not running/);
    expect(machine(h, 'vm').health).toBe('critical');
    expect(machine(h, 'vm').protection).toBe('resyncRequired');
    h.run();
    expect(firstEvent(h, 'resync.started', 'vm').at).toBe(12 * H);
    expect(machine(h, 'vm').protection).toBe('protected');
    expect(machine(h, 'vm').health).toBe('healthy');
  });

  it('a scheduled resync that meets a network fault waits for it: tried again every 30 minutes, it runs once the link is back', () => {
    const h = simulate(file({}, [{ at: '9h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '1h45m' }]));
    h.run();
    expect(events(h, 'resync.failed')).toEqual([]);
    const waits = events(h, 'resync.required', 'vm').filter((e) => /network fault is still there/.test(e.message));
    expect(waits.map((e) => e.at)).toEqual([OFFICE_END, OFFICE_END + 30 * MIN]);
    expect(firstEvent(h, 'resync.started', 'vm').at).toBe(OFFICE_END + H);
    expect(machine(h, 'vm').protection).toBe('protected');
  });
});
