// What the engine tells a user around a failover: the preview a wizard shows before confirming
// (for an unplanned failover exactly what the failover then reports), the failback prerequisites
// with what is missing, and the progress of a failback's download.

import { describe, expect, it } from 'vitest';
import type { PointChoice } from '../../../src/engine/script/config';
import type { ChoicePreview } from '../../../src/engine/recoveryView';
import { H, runTo, simulate } from '../helpers';

const CHOICES: PointChoice[] = ['latest', 'latestProcessed', 'latestAppConsistent', 'latestMultiVmProcessed'];

function file(scenario: string, choice: PointChoice) {
  const host = scenario === 'vmware-to-azure' ? 'esxi-01' : 'hv-host-01';
  return {
    scenario,
    seed: 11,
    until: '9h',
    policy: { appConsistentEvery: '1h' },
    machines: [
      { id: 'a', host, os: 'linux', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 8 }], group: 'g' },
      { id: 'b', host, writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 8 }], group: 'g' }
    ],
    network: { uplinkMbps: 50 },
    steps: [
      { at: '0s', do: 'enableReplication', machines: ['a', 'b'] }
    ],
    title: `failover to ${String(choice)}`
  };
}

describe('failover preview', () => {
  it.each(['vmware-to-azure', 'hyperv-to-azure'])('%s: the preview of each choice equals what the failover then reports', (scenario) => {
    for (const choice of CHOICES) {
      const at = 4 * H + 7 * 60 + 13;
      const h = simulate(file(scenario, choice));
      const previews: ChoicePreview[] = [];
      // At the failover's moment: the preview first, then the failover itself, as a wizard would.
      h.at(at, (read) => previews.push(read.previewFailover('a', 'unplanned', false)!.choices.find((c) => c.choice === choice)!));
      h.stepAt(at, { index: -1, at, do: 'failover', machines: ['a'], type: 'unplanned', recoveryPoint: choice, shutdownSource: false });
      const report = h.run();
      const f = report.failovers.find((x) => x.machine === 'a' && x.kind === 'failover')!;
      expect(report.rejected).toEqual([]);
      expect(previews).toHaveLength(1);
      const p = previews[0]!;
      expect(p.available, String(choice)).toBe(true);
      expect(p.recoveryPointAt, String(choice)).toBeCloseTo(f.recoveryPointAt!, 3);
      expect(p.writesLost, String(choice)).toBe(f.writesLost);
      expect(p.dataLossSeconds!, String(choice)).toBeCloseTo(f.dataLossSeconds!, 3);
      expect(p.rtoSeconds!, String(choice)).toBeCloseTo(f.rtoSeconds!, 3);
      expect(f.integrity).toBe('verified');
    }
  });

  it('says why a choice has no point, and gives a planned failover its least RTO with nothing lost', () => {
    const h = simulate({ ...file('hyperv-to-azure', 'latest'), policy: { appConsistentEvery: '4h' } });
    h.runUntil(2 * H + 600);
    const app = h.read.previewFailover('a', 'unplanned', false)!.choices.find((c) => c.choice === 'latestAppConsistent')!;
    expect(app.available).toBe(false);
    expect(app.reason).toMatch(/no app-consistent recovery point/);
    const planned = h.read.previewFailover('a', 'planned', false)!.choices.find((c) => c.choice === 'latest')!;
    expect(planned).toMatchObject({ available: true, writesLost: 0, dataLossSeconds: 0, rtoIsMinimum: true });
    // Shutdown (2 min) and boot (4 min): a Hyper-V VM needs no extra step.
    expect(planned.rtoSeconds).toBe(6 * 60);
  });
});

describe('failback prerequisites', () => {
  it('lists what failing back needs, met or not, and why', () => {
    const run = (steps: Array<Record<string, unknown>>) =>
      simulate({ scenario: 'physical-to-azure', until: '1h', machines: [{ id: 'a', writeMBps: 0.1, disks: [{ id: 'os', sizeGiB: 4 }] }], steps }).run().failbackPrerequisites;
    const before = run([]);
    expect(before.map((n) => n.id)).toEqual(['azure-ps', 'vpn', 'master-target-vm', 'config-server', 'failbackPolicy', 'esxi-failback']);
    expect(before.filter((n) => n.met).map((n) => n.id)).toEqual(['config-server', 'failbackPolicy']);
    expect(before.find((n) => n.id === 'vpn')!.reason).toMatch(/add vpn first \(addComponent\)/);
    const after = run([
      ...['azure-ps', 'vpn', 'master-target-vm', 'esxi-failback'].map((component) => ({ at: '10m', do: 'addComponent', component })),
      { at: '20m', do: 'fault', fault: 'processServerDown', target: 'azure-ps' },
      { at: '20m', do: 'fault', fault: 'linkDown', target: 'vpn' }
    ]);
    expect(after.filter((n) => !n.met).map((n) => `${n.id}: ${n.reason}`)).toEqual(['azure-ps: Process server in Azure is down: clear the fault first', 'vpn: link vpn (VPN or ExpressRoute) is down: clear the fault first']);
  });
});

describe('failback job', () => {
  it('shows the progress of the download from Azure', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '6h',
      machines: [{ id: 'a', host: 'hv-host-01', writeMBps: 0.1, disks: [{ id: 'os', sizeGiB: 16 }] }],
      network: { uplinkMbps: 50 },
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['a'] },
        { at: '2h', do: 'fault', fault: 'siteDown', target: 'primarySite', for: '30m' },
        { at: '2h10m', do: 'failover', machines: ['a'] },
        { at: '2h20m', do: 'commit', machines: ['a'] },
        { at: '3h', do: 'failback', machines: ['a'], dataSync: 'duringFailover' }
      ]
    });
    runTo(h, 3 * H + 30 * 60);
    const job = h.read.jobs().find((j) => j.name === 'Failback')!;
    expect(job.state).toBe('inProgress');
    expect(job.progress).toBeGreaterThan(0.2);
    expect(job.progress).toBeLessThan(0.9);
    h.run();
    const done = h.read.jobs().find((j) => j.name === 'Failback')!;
    expect(done.state).toBe('succeeded');
    expect(done.progress).toBe(1);
  });
});
