// Retries after recoverable errors (1, 2, 4, 8, 10 minutes, then every 30), non-recoverable errors
// (Critical, no retry, an administrator must act), RPO threshold events and health states.

import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine';
import { H, MIN, cutWindowAt, events, firstEvent, machine, rpo, runTo, simulate } from '../helpers';

const hyperV = (steps: object[], policy: object = {}) =>
  simulate({
    scenario: 'hyperv-to-azure',
    until: '12h',
    policy: { rpoThreshold: '15m', ...policy },
    machines: [{ id: 'vm', host: 'hv-host-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }],
    steps: [{ at: '0s', do: 'enableReplication', machines: ['vm'] }, ...steps]
  });

describe('retries', () => {
  it('retries a recoverable network error 1, 2, 4, 8, 10 and then every 30 minutes, until one succeeds', () => {
    const h = hyperV([{ at: '3h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '2h' }]);
    h.run();
    const failedAt = firstEvent(h, 'replication.error', 'vm').at;
    expect(failedAt).toBe(3 * H);
    const attempts = events(h, 'replication.retry', 'vm').map((e) => (e.at - failedAt) / MIN);
    // Attempts at +1, +3, +7, +15, +25, +55, +85, +115 fail; +145 (after the link is back at +120) succeeds.
    expect(attempts).toEqual([1, 3, 7, 15, 25, 55, 85, 115, 145]);
    const last = events(h, 'replication.retry', 'vm').at(-1)!;
    expect(last.severity).toBe('info');
    expect(last.message).toMatch(/succeeded/);
    expect(events(h, 'replication.retry', 'vm')[0]!.message).toMatch(/next attempt in 2 min/);
    expect(machine(h, 'vm').protection).toBe('protected');
  });

  it('does not retry a non-recoverable error: Critical until the cause is fixed and a resync is started', () => {
    const h = hyperV([
      { at: '3h', do: 'fault', fault: 'authFailure', target: 'vm', for: '1h' },
      { at: '6h', do: 'resync', machines: ['vm'] }
    ]);
    runTo(h, 5 * H);
    expect(firstEvent(h, 'replication.nonRecoverable', 'vm').at).toBe(3 * H);
    expect(events(h, 'replication.retry', 'vm')).toHaveLength(0);
    expect(machine(h, 'vm').protection).toBe('critical');
    expect(machine(h, 'vm').health).toBe('critical');
    // The fault was cleared at 4h, yet nothing resumes on its own.
    expect(events(h, 'auth.restored', 'vm')).toHaveLength(1);
    expect(machine(h, 'vm').protection).toBe('critical');
    h.run();
    expect(firstEvent(h, 'resync.started', 'vm').at).toBe(6 * H);
    expect(machine(h, 'vm').protection).toBe('protected');
    expect(machine(h, 'vm').health).toBe('healthy');
  });

  it('rejects a resync while authentication still fails', () => {
    const h = hyperV([
      { at: '3h', do: 'fault', fault: 'authFailure', target: 'vm' },
      { at: '4h', do: 'resync', machines: ['vm'] }
    ]);
    const report = h.run();
    expect(report.rejected[0]!.reason).toMatch(/authentication of vm is still failing/);
    expect(machine(h, 'vm').protection).toBe('critical');
  });
});

describe('RPO and health', () => {
  it('raises an event when the RPO passes the threshold and another when it is back under', () => {
    const h = hyperV([{ at: '3h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '1h' }]);
    h.run();
    const exceeded = firstEvent(h, 'rpo.exceeded', 'vm');
    // The last log before the outage was cut at 3h at the latest: the RPO passes 15 minutes by 3h15m.
    expect(exceeded.at).toBeGreaterThan(3 * H);
    expect(exceeded.at).toBeLessThanOrEqual(3 * H + 15 * MIN);
    const back = firstEvent(h, 'rpo.recovered', 'vm');
    expect(back.at).toBeGreaterThan(4 * H);
    const health = events(h, /^health\./, 'vm').map((e) => e.code);
    expect(health).toContain('health.warning');
    expect(health.at(-1)).toBe('health.healthy');
  });

  it('counts the RPO from the moment protection completes, even inside a data window', () => {
    // The changes logged during the 30-minute initial copy are still on their way when protection
    // completes (at about 33 minutes), so the RPO is above 15 minutes at that very moment. A
    // control event two minutes later ends a data window there and must not move anything.
    const file = {
      scenario: 'hyperv-to-azure',
      until: '4h',
      policy: { rpoThreshold: '15m' },
      network: { uplinkMbps: 40 },
      machines: [{ id: 'vm', host: 'hv-host-01', writeMBps: 0.5, burstiness: 0, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [{ at: '0s', do: 'enableReplication', machines: ['vm'] }]
    };
    const a = simulate(file);
    const b = cutWindowAt(simulate(file), 35 * MIN);
    a.run();
    b.run();
    const protectedAt = firstEvent(a, 'protection.protected', 'vm').at;
    expect(protectedAt).toBeGreaterThan(30 * MIN);
    expect(protectedAt).toBeLessThan(35 * MIN);
    expect(firstEvent(a, 'rpo.exceeded', 'vm').at).toBe(protectedAt);
    expect(firstEvent(a, 'rpo.recovered', 'vm').at).toBeGreaterThan(35 * MIN);
    const rpoEvents = (h: typeof a) => events(h, /^(rpo|health)\./, 'vm').map((e) => `${e.at} ${e.message}`);
    expect(rpoEvents(b)).toEqual(rpoEvents(a));
  });

  it('reports a gap of just over an hour between points, even when no window ends inside it', () => {
    // The primary site is down for exactly one hour: the last point before it is at 2h, the next
    // one at 3h05m (it is evening, so the resync after the outage starts at once and finds nothing
    // to send). For those five minutes there was no point for over an hour.
    const h = simulate({
      scenario: 'physical-to-azure',
      until: '5h',
      start: '2025-03-03T20:00',
      machines: [{ id: 'srv', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 4 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['srv'] },
        { at: '2h', do: 'fault', fault: 'siteDown', target: 'primarySite', for: '1h' }
      ]
    });
    h.run();
    expect(firstEvent(h, 'recoveryPoints.stale', 'srv').at).toBe(3 * H);
    expect(firstEvent(h, 'recoveryPoints.resumed', 'srv').at).toBe(3 * H + 5 * MIN);
  });

  it('counts "no new recovery point" from a protection that completed inside the window that found it', () => {
    // exch-01 keeps filling its .hrl logs and resynchronising; one resync completes at 13h43m40s,
    // after more than an hour without a recovery point. A control event at 13h44m40s ends a data
    // window there; without it, the window runs to 13h45m and must still see that protection
    // completed at 13h43m40s.
    const file = {
      scenario: 'vmm-to-azure',
      seed: 993,
      until: '18h',
      machines: [
        { id: 'exch-01', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 6 }, { id: 'db', sizeGiB: 4 }] },
        { id: 'sp-01', host: 'hv-host-02', writeMBps: 0.4, disks: [{ id: 'os', sizeGiB: 6 }] },
        { id: 'dhcp-01', host: 'hv-host-02', writeMBps: 0.02, disks: [{ id: 'os', sizeGiB: 6 }] }
      ],
      network: { uplinkMbps: 20 },
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '62m57s', do: 'fault', fault: 'hostDiskFull', target: 'hv-host-02', for: '3h' }
      ]
    };
    const done = 49420.512;
    const a = cutWindowAt(simulate(file), 824 * MIN + 40);
    const b = simulate(file);
    const ra = a.run();
    const rb = b.run();
    const story = (r: Report) => r.events.filter((e) => e.machine === 'exch-01' && /^(recoveryPoints|rpo|resync)\./.test(e.code)).map((e) => `${e.at} ${e.code}`);
    expect(story(ra)).toContain(`${done} resync.completed`);
    // No point for over an hour before it, but protection completed again then: the hour counts from there.
    const points = ra.machines[0]!.recoveryPoints.map((p) => p.at);
    expect(points.filter((at) => at > done - H && at < done)).toEqual([]);
    const stale = ra.events.filter((e) => e.machine === 'exch-01' && e.code === 'recoveryPoints.stale' && e.at > 13 * H && e.at < 15 * H);
    expect(stale.every((e) => e.at >= done + H)).toBe(true);
    expect(story(ra)).toEqual(story(rb));
    expect(ra.jobs).toEqual(rb.jobs);
  });

  it('turns Critical after an hour without a new recovery point', () => {
    const h = hyperV([{ at: '3h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '3h' }]);
    runTo(h, 5 * H);
    const stale = firstEvent(h, 'recoveryPoints.stale', 'vm');
    expect(stale.at).toBeGreaterThanOrEqual(3 * H + 55 * MIN);
    expect(stale.at).toBeLessThanOrEqual(4 * H + 5 * MIN);
    expect(machine(h, 'vm').health).toBe('critical');
    h.run();
    expect(firstEvent(h, 'recoveryPoints.resumed', 'vm').at).toBeGreaterThan(6 * H);
    expect(machine(h, 'vm').health).toBe('healthy');
  });

  it('reports no RPO and health "not applicable" for an unprotected machine, and never a negative RPO', () => {
    const h = simulate({
      scenario: 'hyperv-to-azure',
      until: '8h',
      machines: [
        { id: 'on', host: 'hv-host-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] },
        { id: 'off', host: 'hv-host-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }
      ],
      steps: [{ at: '0s', do: 'enableReplication', machines: ['on'] }]
    });
    for (let t = H; t <= 8 * H; t += 15 * MIN) {
      runTo(h, t);
      const r = rpo(h, 'on');
      if (r !== null) expect(r).toBeGreaterThanOrEqual(0);
    }
    const report = h.report();
    expect(report.machines[1]).toMatchObject({ protection: 'unprotected', health: 'notApplicable', rpoSeconds: null });
  });

  it('makes the process server Critical after 15 minutes without a heartbeat', () => {
    const h = simulate({
      scenario: 'vmware-to-azure',
      until: '8h',
      machines: [{ id: 'vm', host: 'esxi-01', writeMBps: 0.2, disks: [{ id: 'os', sizeGiB: 8 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: ['vm'] },
        { at: '3h', do: 'fault', fault: 'processServerDown', target: 'processServer', for: '1h' }
      ]
    });
    h.run();
    const ps = events(h, /^health\./).filter((e) => e.component === 'process-server');
    const late = ps.find((e) => e.code === 'health.warning')!;
    const critical = ps.find((e) => e.code === 'health.critical' && /heartbeat/.test(e.message))!;
    expect(late.at).toBeGreaterThanOrEqual(3 * H);
    expect(critical.at).toBeGreaterThanOrEqual(3 * H + 15 * MIN);
    expect(critical.at).toBeLessThanOrEqual(3 * H + 20 * MIN);
    expect(ps.at(-1)!.code).toBe('health.healthy');
  });
});
