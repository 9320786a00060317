// Recovery points: crash-consistent every 5 minutes, app-consistent per policy, retention pruning
// that never removes the newest point, and replication groups sharing their points.

import { describe, expect, it } from 'vitest';
import { H, MIN, events, machine, runTo, simulate } from '../helpers';

const base = {
  scenario: 'vmware-to-azure',
  until: '30h',
  machines: [{ id: 'vm1', host: 'esxi-01', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 8 }] }],
  steps: [{ at: '0s', do: 'enableReplication', machines: ['vm1'] }]
};

describe('recovery points', () => {
  it('are made every 5 minutes, app-consistent every 4 hours by default, and match the source', () => {
    const h = simulate(base);
    const report = h.run();
    const pts = report.machines[0]!.recoveryPoints;
    for (let k = 1; k < pts.length; k++) expect(pts[k]!.at - pts[k - 1]!.at).toBe(5 * MIN);
    const app = pts.filter((p) => p.consistency === 'app').map((p) => p.at);
    expect(app.length).toBeGreaterThanOrEqual(5);
    for (const at of app) expect(at % (4 * H)).toBe(0);
    expect(pts.filter((p) => p.at % (4 * H) === 0).every((p) => p.consistency === 'app')).toBe(true);
    expect(h.read.pointProblems('vm1')).toEqual([]);
  });

  it('follows the app-consistent frequency of the policy, or none when it is off', () => {
    const hourly = simulate({ ...base, policy: { appConsistentEvery: '1h' } }).run();
    const off = simulate({ ...base, policy: { appConsistentEvery: 'off' } }).run();
    const appHourly = hourly.machines[0]!.recoveryPoints.filter((p) => p.consistency === 'app');
    expect(appHourly.length).toBeGreaterThanOrEqual(23);
    expect(appHourly.every((p) => p.at % H === 0)).toBe(true);
    expect(off.machines[0]!.recoveryPoints.some((p) => p.consistency === 'app')).toBe(false);
  });

  it('keeps only the retention window and prunes older points', () => {
    const h = simulate({ ...base, policy: { retention: '2h', appConsistentEvery: '1h' } });
    for (let t = 6 * H; t <= 30 * H; t += 3 * H) {
      runTo(h, t);
      const points = h.read.points('vm1');
      const now = h.read.dataTime;
      expect(points.length).toBeGreaterThan(0);
      expect(points.length).toBeLessThanOrEqual(2 * 12 + 1);
      expect(points[0]!.at).toBeGreaterThanOrEqual(now - 2 * H);
    }
    expect(machine(h, 'vm1').pointsPruned).toBeGreaterThan(200);
  });

  it('never prunes the newest point, even when no new point comes for longer than the retention', () => {
    const h = simulate({
      ...base,
      policy: { retention: '1h', appConsistentEvery: 'off' },
      steps: [...base.steps, { at: '10h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '4h' }]
    });
    runTo(h, 13 * H);
    const points = h.read.points('vm1');
    expect(points.length).toBe(1);
    expect(points[0]!.at).toBeLessThanOrEqual(10 * H);
    expect(events(h, 'recoveryPoints.stale', 'vm1')).toHaveLength(1);
    expect(machine(h, 'vm1').health).toBe('critical');
  });

  it('shares points within a replication group: every member gets the same points, marked multi-VM', () => {
    const h = simulate({
      scenario: 'vmware-to-azure',
      until: '20h',
      machines: [
        { id: 'app', host: 'esxi-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }], group: 'erp' },
        { id: 'db', host: 'esxi-02', writeMBps: 1.0, disks: [{ id: 'os', sizeGiB: 16 }], group: 'erp' },
        { id: 'web', host: 'esxi-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }
      ],
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    });
    const report = h.run();
    const [app, db, web] = report.machines;
    // A member still in its first initial replication does not hold the group back; membership is
    // decided per data window (15 minutes), so from the window after both are protected they have
    // exactly the same points.
    const bothProtected = Math.max(...['app', 'db'].map((id) => events(h, 'protection.protected', id)[0]!.at));
    const from = Math.ceil(bothProtected / (15 * MIN)) * 15 * MIN;
    const times = (m: typeof app) => m!.recoveryPoints.map((p) => p.at).filter((at) => at > from);
    expect(times(app).length).toBeGreaterThan(100);
    expect(times(app)).toEqual(times(db));
    expect(app!.recoveryPoints.every((p) => p.multiVm)).toBe(true);
    expect(web!.recoveryPoints.some((p) => p.multiVm)).toBe(false);
    for (const id of ['app', 'db', 'web']) expect(h.read.pointProblems(id)).toEqual([]);
  });

  it('makes no group point while a member cannot replicate: the whole group goes without', () => {
    const h = simulate({
      scenario: 'vmware-to-azure',
      until: '20h',
      policy: { resync: 'manual' },
      machines: [
        { id: 'app', host: 'esxi-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }], group: 'erp' },
        { id: 'db', host: 'esxi-02', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }], group: 'erp' }
      ],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '6h', do: 'fault', fault: 'forcedShutdown', target: 'db', for: '10m' }
      ]
    });
    runTo(h, 6 * H);
    const before = machine(h, 'app').pointsCreated;
    runTo(h, 10 * H);
    // db waits for a manual resync: app, though healthy, gets no new shared points.
    expect(machine(h, 'db').protection).toBe('resyncRequired');
    expect(machine(h, 'app').pointsCreated).toBe(before);
    expect(machine(h, 'app').health).toBe('critical');
  });
});
