// The inspector's data: statecharts read from the XState machines, the active states and the
// events each actor can take now, and which faults apply to a target with the engine's reasons.
import { describe, expect, it } from 'vitest';
import { describeMachine, eventLabel, type StatechartNode } from '../../src/engine/inspect';
import { processServerMachine } from '../../src/engine/components/processServerMachine';
import { replicatedItemMachine } from '../../src/engine/components/replicatedItemMachine';
import { readFileSync } from 'node:fs';
import { H, MIN, runTo, simulate } from './helpers';

function ids(n: StatechartNode): string[] {
  return [n.id, ...n.children.flatMap(ids)];
}

const vmware = {
  scenario: 'vmware-to-azure',
  seed: 3,
  until: '6h',
  machines: [{ id: 'vm-1', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 16 }] }],
  steps: [
    { at: '0s', do: 'enableReplication', machines: 'all' },
    { at: '2h', do: 'fault', fault: 'processServerDown', target: 'processServer', for: '1h' }
  ]
};

describe('statecharts', () => {
  it('lists every state of the process server machine, its regions in parallel', () => {
    const chart = describeMachine(processServerMachine);
    expect(chart.root.type).toBe('parallel');
    expect(ids(chart.root)).toEqual(
      expect.arrayContaining(['processServer.power.running', 'processServer.power.down.heartbeatLate', 'processServer.power.down.noHeartbeat', 'processServer.cache.full'])
    );
    const power = chart.root.children.find((c) => c.key === 'power')!;
    expect(power.initial).toBe('processServer.power.running');
    // Timers are named by their delay; targets are state ids of the same chart.
    const late = chart.edges.find((e) => e.source === 'processServer.power.down.heartbeatLate')!;
    expect(late).toMatchObject({ label: 'after heartbeatTimeout', targets: ['processServer.power.down.noHeartbeat'] });
    const all = new Set(ids(chart.root));
    for (const e of chart.edges) for (const t of e.targets) expect(all.has(t)).toBe(true);
  });

  it('keeps the guard of a guarded transition', () => {
    const chart = describeMachine(replicatedItemMachine);
    expect(chart.edges.some((e) => e.guard === 'initialDone')).toBe(true);
  });

  it('turns internal event names into words', () => {
    expect(eventLabel('xstate.after.backoff.retry.waiting')).toBe('after backoff');
    expect(eventLabel('xstate.done.state.x.y')).toBe('when done');
    expect(eventLabel('ps.down')).toBe('ps.down');
  });
});

describe('inspect', () => {
  it('lights the states the process server is in and lists what it can do next', () => {
    const h = simulate(vmware);
    runTo(h, 2 * H + 20 * MIN);
    const ps = h.read.inspect('processServer') ?? h.read.inspect(h.config.scenario.processServer!)!;
    const actor = ps.actors[0]!;
    expect(actor.active).toContain('processServer.power.down.noHeartbeat');
    expect(actor.next.map((n) => n.label)).toContain('ps.up');
    expect(ps.faults.find((f) => f.kind === 'processServerDown')!.active).toHaveLength(1);
    expect(ps.figures.find((f) => f.label === 'Cache used')?.value).toMatch(/of 300 GiB/);
    runTo(h, 3 * H + MIN);
    const after = h.read.inspect(h.config.scenario.processServer!)!;
    expect(after.actors[0]!.active).toContain('processServer.power.running');
    expect(after.faults.find((f) => f.kind === 'processServerDown')!.active).toHaveLength(0);
  });

  it('gives a machine its replication, agent, retry and drill charts, and the engine’s reasons for faults that do not apply', () => {
    const h = simulate(vmware);
    runTo(h, H);
    const m = h.read.inspect('vm-1')!;
    expect(m.kind).toBe('machine');
    expect(m.actors.map((a) => a.title)).toEqual(expect.arrayContaining(['Replication', 'Agent', 'Test failover']));
    expect(m.actors[0]!.active).toContain('replicatedItem.replicating.protected');
    const link = m.faults.find((f) => f.kind === 'linkDown')!;
    expect(link.notApplicable).toMatch(/replication link/);
    expect(m.faults.find((f) => f.kind === 'forcedShutdown')!.notApplicable).toBeNull();
    expect(h.read.inspect('no-such-thing')).toBeUndefined();
  });

  it('shows a recovery plan run as a statechart: waiting for input, then completed', () => {
    const h = simulate(JSON.parse(readFileSync(new URL('../../public/scenarios/recovery/recovery-plan.json', import.meta.url), 'utf8')));
    const plan = (t: number) => {
      runTo(h, t);
      return h.read.inspect('web-01')!.actors.find((a) => a.title === 'Recovery plan erp-dr');
    };
    expect(plan(3 * H)).toBeUndefined();
    // 12:13 to 12:35: the test run waits for the manual DNS change before the web servers' group.
    const waiting = plan(4 * H + 20 * MIN)!;
    expect(waiting.active).toContain('planRun.running.waitingForInput');
    expect(waiting.next.map((e) => e.label)).toEqual(['resume']);
    expect(plan(5 * H)!.active).toContain('planRun.completed');
    // The second run, the failover for real, replaces the first: at 15:30 the domain controller's runbook runs.
    expect(plan(7 * H + 30 * MIN)!.active).toEqual(['planRun', 'planRun.running', 'planRun.running.action']);
  });

  it('shows a machine’s failover as its own statechart once it has failed over: waiting for its group, then done', () => {
    const h = simulate(JSON.parse(readFileSync(new URL('../../public/scenarios/recovery/recovery-plan.json', import.meta.url), 'utf8')));
    const chart = (t: number) => {
      runTo(h, t);
      return h.read.inspect('web-01')!.actors.find((a) => a.title === 'Failover');
    };
    expect(chart(5 * H)).toBeUndefined();
    // 15:30: the domain controller's group runs its runbook; the web servers wait for their turn.
    const waiting = chart(7 * H + 30 * MIN)!;
    expect(waiting.active).toContain('failover.readyToBoot');
    expect(waiting.next.map((e) => e.label)).toEqual(['boot']);
    const ids = (n: { id: string; children: readonly { id: string }[] }): string[] => [n.id, ...n.children.flatMap((c) => ids(c as typeof n))];
    expect(ids(waiting.chart.root)).toEqual(expect.arrayContaining(['failover.shuttingDown', 'failover.synchronizing.timed', 'failover.processing', 'failover.booting']));
    expect(chart(12 * H)!.active).toContain('failover.done');
  });

  it('shows the protected machines as their site, whose faults address the primary site', () => {
    const h = simulate(vmware);
    runTo(h, H);
    const site = h.read.inspect('$machines')!;
    expect(site).toMatchObject({ kind: 'site', target: 'primarySite', title: 'Protected machines' });
    expect(site.faults.find((f) => f.kind === 'siteDown')!.notApplicable).toBeNull();
  });
});
