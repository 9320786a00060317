// The recovery UI's data: each action with the engine's own reason when refused, the failback
// checklist, plans with their runs, and the failover wizard's preview, which must equal what the
// failover then reports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../workers/session';
import { H, MIN, runTo, simulate, type ScenarioFile } from './helpers';

const example = (name: string): ScenarioFile => JSON.parse(readFileSync(new URL(`../../public/scenarios/recovery/${name}.json`, import.meta.url), 'utf8')) as ScenarioFile;

describe('recovery view', () => {
  it('offers the actions a protected machine allows and says why the others are refused', () => {
    const h = simulate({ scenario: 'physical-to-azure', seed: 2, until: '8h', machines: [{ id: 'srv-1', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 16 }] }], steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });
    runTo(h, 3 * H);
    const v = h.read.recovery();
    expect(v.plannedUnsupported).toMatch(/planned failover is not supported/);
    const m = v.machines[0]!;
    expect(m.side).toBe('primary');
    expect(m.actions.testFailover).toBeNull();
    expect(m.actions.unplannedFailover).toBeNull();
    expect(m.actions.plannedFailover).toMatch(/not supported/);
    expect(m.actions.commit).toMatch(/no failover to commit/);
    expect(m.checklist.find((n) => n.id === 'azure-ps')).toMatchObject({ met: false });
    expect(v.deployable.map((d) => d.id)).toEqual(expect.arrayContaining(['azure-ps', 'vpn', 'master-target-vm', 'esxi-failback']));
  });

  it('previews each recovery point choice as the failover then reports it', () => {
    for (const choice of ['latestProcessed', 'latestAppConsistent'] as const) {
      const file = { scenario: 'hyperv-to-azure', seed: 5, until: '10h', machines: [{ id: 'vm-1', writeMBps: 2, disks: [{ id: 'os', sizeGiB: 16 }] }], steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] };
      // Read as the page does: the session brings the data to the moment the action would run.
      const session = new Session(() => undefined);
      session.open(file);
      session.seek(5 * H + 7 * MIN);
      const preview = session.preview('vm-1', 'unplanned', false)!;
      const p = preview.choices.find((c) => c.choice === choice)!;
      expect(p.available).toBe(true);
      expect(preview.points.length).toBeGreaterThan(0);
      // The same moment, then the failover itself.
      const h2 = simulate({ ...file, steps: [...file.steps, { at: '5h7m', do: 'failover', machines: ['vm-1'], recoveryPoint: choice }] });
      const report = h2.run();
      const f = report.failovers.find((x) => x.machine === 'vm-1' && x.kind === 'failover')!;
      expect(f.recoveryPointAt).toBe(p.recoveryPointAt);
      expect(f.writesLost).toBe(p.writesLost);
      expect(f.dataLossSeconds).toBe(p.dataLossSeconds);
      expect(f.rtoSeconds).toBeCloseTo(p.rtoSeconds!, 6);
    }
  });

  it('shows a plan with its run waiting for the manual action, then done with its RTO', () => {
    const h = simulate(example('recovery-plan'));
    runTo(h, 4 * H + 30 * MIN);
    let plan = h.read.recovery().plans[0]!;
    expect(plan.name).toBe('erp-dr');
    expect(plan.groups).toHaveLength(3);
    expect(plan.waiting).toBe(true);
    expect(plan.run).toMatchObject({ type: 'test', state: 'waitingForInput' });
    runTo(h, 5 * H);
    plan = h.read.recovery().plans[0]!;
    expect(plan.run!.state).toBe('succeeded');
    expect(plan.run!.rtoSeconds).toBeGreaterThan(0);
  });

  it('after a failover the machine runs at the target; commit is offered, then failback waits for the primary site', () => {
    const h = simulate(example('hyperv-to-azure'));
    runTo(h, 7 * H + 45 * MIN);
    let m = h.read.recovery().machines.find((x) => x.id === 'web-01')!;
    expect(m.side).toBe('target');
    expect(m.failover).toMatchObject({ kind: 'failover', state: 'succeeded' });
    expect(m.actions.commit).toBeNull();
    expect(m.actions.changeRecoveryPoint).toBeNull();
    runTo(h, 8 * H);
    m = h.read.recovery().machines.find((x) => x.id === 'web-01')!;
    expect(m.actions.commit).toMatch(/already committed/);
    // Hyper-V comes back by failback, which waits for the primary site.
    expect(m.actions.reprotect).toMatch(/use failback/);
    expect(m.actions.failback).toMatch(/primary site is down/);
    expect(m.checklist.find((n) => n.id === 'primarySite')).toMatchObject({ met: false });
  });
});
