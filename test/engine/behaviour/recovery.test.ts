// Recovery through the public entry, for every scenario: test failover and cleanup, failover
// (planned, or unplanned after the primary site went down), change of recovery point, commit,
// reprotection and failback, and recovery plans. Figures are checked against the data itself:
// writes lost are counted from the source's own write log at the point's time, the machine is
// checked to run from exactly the source's content at the point, and every RTO is the sum of its
// timed steps (shutdown 2 min, boot 4 min, +9 min when physical servers, AWS instances and VMware
// Linux VMs start in Azure, processing for "latest").

import { describe, expect, it } from 'vitest';
import type { SimulationHandle } from '../../../src/engine/index';
import { InvalidScenarioError } from '../../../src/engine/index';
import type { SourceReading } from '../../../src/engine/index';
import { SCENARIO_IDS, type ScenarioId } from '../../../src/engine/scenarios/index';
import type { Report } from '../../../src/engine/script/report';
import { H, MIN, cutWindowAt, events, machine, runTo, simulate, type ScenarioFile } from '../helpers';

type Rec = Report['failovers'][number];

const SHUTDOWN = 2 * MIN;
const BOOT = 4 * MIN;
const BOOT_EXTRA = (4 + 9) * MIN;
/** The simulation's block size for these files: small blocks give enough writes to count. */
const BLOCK_MIB = 4;
const PARAMS = { 'model.blockMiB': BLOCK_MIB };

// ---- helpers ------------------------------------------------------------------------------------

interface M {
  id: string;
  host?: string;
  os?: 'windows' | 'linux';
  writeMBps: number;
  sizeGiB?: number;
}

function file(scenario: ScenarioId, machines: M[], steps: Array<Record<string, unknown>>, until = '9h'): ScenarioFile {
  return {
    scenario,
    until,
    seed: 7,
    parameters: PARAMS,
    machines: machines.map((m) => ({ id: m.id, ...(m.host ? { host: m.host } : {}), ...(m.os ? { os: m.os } : {}), writeMBps: m.writeMBps, disks: [{ id: 'os', sizeGiB: m.sizeGiB ?? 8 }] })),
    steps
  };
}

/** "2h2m30s" style time for a number of seconds. */
function at(t: number): string {
  const h = Math.floor(t / H);
  const m = Math.floor((t % H) / MIN);
  const s = t % MIN;
  return `${h}h${m}m${s}s`;
}

/** Where a machine is in its lifecycle, and on which side it runs. */
function where(h: SimulationHandle, id: string): string {
  const m = machine(h, id);
  return `${m.statePath}@${m.side}`;
}

function whereAt(h: SimulationHandle, id: string, t: number): string {
  runTo(h, t);
  return where(h, id);
}

function records(r: Report, id: string, kind: Rec['kind']): Rec[] {
  return r.failovers.filter((f) => f.machine === id && f.kind === kind);
}

function only(r: Report, id: string, kind: Rec['kind']): Rec {
  const list = records(r, id, kind);
  expect(list, `${kind} records of ${id}`).toHaveLength(1);
  return list[0]!;
}

function jobsOf(r: Report, id: string): string[] {
  return r.jobs.filter((j) => j.machine === id).map((j) => `${j.name}:${j.state}`);
}

/**
 * The steps of a failover, in order, follow each other without a gap from `from`; steps with a
 * fixed length take exactly that; the RTO is the time from `from` until the machine runs (the sum
 * of the steps counted).
 */
function expectTimedSteps(f: Rec, names: string[], fixed: Record<string, number>, from = f.at): void {
  expect(f.steps.map((s) => s.step)).toEqual(names);
  const counted = f.steps.filter((s) => s.start >= from - 1e-6);
  expect(counted[0]!.start).toBeCloseTo(from, 2);
  let t = from;
  let sum = 0;
  for (const s of counted) {
    expect(s.end, `${s.step} has ended`).not.toBeNull();
    expect(s.start, `${s.step} starts when the previous step ends`).toBeCloseTo(t, 2);
    if (fixed[s.step] !== undefined) expect(s.end! - s.start, `${s.step} takes its set time`).toBeCloseTo(fixed[s.step]!, 2);
    sum += s.end! - s.start;
    t = s.end!;
  }
  expect(f.rtoSeconds).toBeCloseTo(t - from, 2);
  expect(f.rtoSeconds).toBeCloseTo(sum, 1);
}

/** The engine's own record behind a report entry: its times are not rounded to the millisecond. */
function exact(h: SimulationHandle, f: Rec): Rec {
  const raw = h.read.failovers().find((x) => x.machine === f.machine && x.kind === f.kind && Math.abs(x.at - f.at) < 1e-3);
  expect(raw, `the engine's record of the ${f.kind} of ${f.machine}`).toBeDefined();
  return raw!;
}

/**
 * Writes lost, counted from the source's own write log: every write the source made after the
 * point's time (the source made none after it stopped). Data loss is the time between the point
 * and the moment the source stopped.
 */
function expectLoss(h: SimulationHandle, f: Rec, src: SourceReading, stoppedAt: number): number {
  const pointAt = exact(h, f).recoveryPointAt!;
  expect(src.seqAtTime(stoppedAt), 'the source wrote nothing after it stopped').toBe(src.seq);
  // The write log still reaches back to the point, so the count below is exact.
  if (src.seq >= src.oldestLogged) expect(src.timeOf(src.oldestLogged), 'oldest write still logged').toBeLessThanOrEqual(pointAt);
  const kept = src.seqAtTime(pointAt);
  expect(f.writesLost, `writes after ${at(pointAt)}`).toBe(src.seq - kept);
  expect(f.dataLossSeconds).toBeCloseTo(Math.max(0, stoppedAt - pointAt), 2);
  return src.seq - kept;
}

type Boots = Map<string, Array<{ at: number; code: string; disks: Uint32Array[] }>>;

/**
 * Records what each machine's disks held the moment it started at its new side (a failover or
 * failback completing, or a change of recovery point), before it wrote anything there.
 */
function watchBoots(h: SimulationHandle): Boots {
  const boots: Boots = new Map();
  h.onEvent((e) => {
    if ((e.code !== 'failover.completed' && e.code !== 'failover.pointChanged') || !e.machine) return;
    const s = h.read.source(e.machine)!;
    const list = boots.get(e.machine) ?? [];
    list.push({ at: e.at, code: e.code, disks: s.contentAt(s.oldestLogged - 1) });
    boots.set(e.machine, list);
  });
  return boots;
}

/** The n-th time the machine started at a new side, it ran from exactly the source's content as of the point's time. */
function expectBootedFromPoint(boots: Boots, id: string, n: number, src: SourceReading, pointAt: number): void {
  const boot = boots.get(id)?.[n];
  expect(boot, `boot ${n} of ${id}`).toBeDefined();
  const expected = src.contentAt(src.seqAtTime(pointAt));
  expect(boot!.disks.length).toBe(expected.length);
  for (let d = 0; d < expected.length; d++) {
    const a = expected[d]!;
    const b = boot!.disks[d]!;
    expect(b.length).toBe(a.length);
    const differing = a.reduce((k, v, i) => (v === b[i] ? k : k + 1), 0);
    expect(differing, `blocks of disk ${d} of ${id} that differ from the source at ${at(pointAt)}`).toBe(0);
  }
}

function sourceOf(h: SimulationHandle, id: string): SourceReading {
  return h.read.source(id)!;
}

function expectVerified(f: Rec): void {
  expect(f.state).toBe('succeeded');
  expect(f.integrity).toBe('verified');
  expect(f.differingBlocks).toBe(0);
}

function expectTest(r: Report, id: string, startedAt: number, cleanupAt: number, boot: number): void {
  const t = only(r, id, 'test');
  expectVerified(t);
  expect(t.type).toBe('test');
  expect(t.writesLost).toBe(0);
  expect(t.dataLossSeconds).toBe(0);
  expect(t.recoveryPointAt).toBeLessThanOrEqual(startedAt);
  expect(t.cleanedUpAt).toBeCloseTo(cleanupAt + 5 * MIN, 2);
  expectTimedSteps(t, ['booting'], { booting: boot });
}

function rejectedOf(r: Report, verb: string): Report['rejected'] {
  return r.rejected.filter((x) => x.do === verb);
}

// ---- lifecycles per scenario ----------------------------------------------------------------------

const T = {
  test: 1 * H,
  cleanup: 1 * H + 30 * MIN,
  down: 2 * H + 2 * MIN + 30,
  failover: 2 * H + 10 * MIN,
  commit: 2 * H + 40 * MIN,
  components: 2 * H + 45 * MIN,
  up: 3 * H,
  reprotect: 3 * H + 10 * MIN,
  failback: 6 * H,
  commitBack: 6 * H + 40 * MIN,
  reprotectBack: 6 * H + 50 * MIN
};

/**
 * VMware VMs and physical servers to Azure and back: the primary site goes down, an unplanned
 * failover to the latest processed point, commit, the failback set deployed, reprotect to
 * on-premises (phase 1), failback (phase 2), commit, reprotect to Azure again (phase 3).
 */
function azureRoundTrip(
  scenario: 'vmware-to-azure' | 'physical-to-azure',
  machines: M[],
  components: string[],
  location: 'original' | 'alternate',
  boot: { failover: Record<string, number>; failback: Record<string, number> }
): void {
  const ids = machines.map((m) => m.id);
  const first = ids[0]!;
  const h = simulate(
    file(scenario, machines, [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: at(T.test), do: 'testFailover', machines: [first] },
      { at: at(T.cleanup), do: 'cleanupTestFailover', machines: [first] },
      { at: at(T.down), do: 'fault', fault: 'siteDown', target: 'primarySite' },
      { at: at(T.failover), do: 'failover', machines: 'all', type: 'unplanned', recoveryPoint: 'latestProcessed' },
      { at: at(T.commit), do: 'commit', machines: 'all' },
      ...components.map((c) => ({ at: at(T.components), do: 'addComponent', component: c })),
      { at: at(T.up), do: 'clearFault', target: 'primarySite' },
      { at: at(T.reprotect), do: 'reprotect', machines: 'all', ...(location === 'alternate' ? { location } : {}) },
      { at: at(T.failback), do: 'failback', machines: 'all' },
      { at: at(T.commitBack), do: 'commit', machines: 'all' },
      { at: at(T.reprotectBack), do: 'reprotect', machines: 'all' }
    ])
  );
  const boots = watchBoots(h);
  // The drill runs while replication carries on.
  runTo(h, T.test + MIN);
  expect(where(h, first)).toBe('replicating.protected@primary');
  expect(h.read.jobs().find((j) => j.name === 'Test failover')!.state).toBe('inProgress');
  expect(h.report().failovers[0]).toMatchObject({ kind: 'test', state: 'inProgress' });
  // After the site went down: the source is frozen; what it holds and the newest point are the facts.
  runTo(h, T.failover - MIN);
  const src = new Map(ids.map((id) => [id, sourceOf(h, id)]));
  const newest = new Map(ids.map((id) => [id, machine(h, id).newestPointAt]));
  for (const id of ids) expect(newest.get(id), 'newest point before the site went down').toBe(2 * H);
  for (const id of ids) expect(whereAt(h, id, T.commit - MIN)).toBe('failedOver.pending@target');
  for (const id of ids) expectBootedFromPoint(boots, id, 0, src.get(id)!, 2 * H);
  for (const id of ids) expect(whereAt(h, id, T.commit + 2 * MIN)).toBe('failedOver.committed@target');
  for (const id of ids) expect(whereAt(h, id, T.reprotect + 2 * MIN)).toBe('reprotecting@target');
  runTo(h, T.failback - MIN);
  const back = new Map(ids.map((id) => [id, sourceOf(h, id)]));
  for (const id of ids) expect(where(h, id)).toBe('replicating.protected@target');
  for (const id of ids) expect(whereAt(h, id, T.failback + MIN)).toBe('failingOver.shuttingDown@target');
  for (const id of ids) expect(whereAt(h, id, T.commitBack - MIN)).toBe('failedOver.pending@primary');
  // Failback recovers to a point made at the shutdown, holding every write the Azure VM made.
  for (const id of ids) expectBootedFromPoint(boots, id, 1, back.get(id)!, T.failback + SHUTDOWN);
  for (const id of ids) expect(whereAt(h, id, T.commitBack + 2 * MIN)).toBe('failedOver.committed@primary');
  for (const id of ids) expect(whereAt(h, id, T.reprotectBack + 2 * MIN)).toBe('reprotecting@primary');
  const r = h.run();

  expect(r.rejected).toEqual([]);
  expectTest(r, first, T.test, T.cleanup, boot.failover[first]!);
  for (const id of ids) {
    const mr = r.machines.find((m) => m.id === id)!;
    expect(mr.protection).toBe('protected');
    expect(mr.side).toBe('primary');
    expect(where(h, id)).toBe('replicating.protected@primary');

    const fo = only(r, id, 'failover');
    expectVerified(fo);
    expect(fo).toMatchObject({ type: 'unplanned', recoveryPoint: 'latestProcessed', recoveryPointAt: 2 * H, consistency: 'crash' });
    expect(expectLoss(h, fo, src.get(id)!, T.down), `${id} lost the writes of the last 150 s`).toBeGreaterThan(0);
    expect(fo.dataLossSeconds).toBeCloseTo(150, 3);
    expect(fo.committedAt).toBeCloseTo(T.commit + MIN, 2);
    expectTimedSteps(fo, ['booting'], { booting: boot.failover[id]! });

    const fb = only(r, id, 'failback');
    expectVerified(fb);
    // Physical servers support no planned failover: they come back by an unplanned failover from
    // Azure (seed 003), which shuts the Azure VM down first and so loses nothing either.
    expect(fb).toMatchObject({ type: scenario === 'physical-to-azure' ? 'unplanned' : 'planned', consistency: 'app', writesLost: 0, dataLossSeconds: 0 });
    expect(fb.recoveryPointAt).toBeCloseTo(T.failback + SHUTDOWN, 2);
    expect(expectLoss(h, fb, back.get(id)!, T.failback + SHUTDOWN)).toBe(0);
    const fbSteps = fb.steps.map((s) => s.step);
    expectTimedSteps(fb, fbSteps, { shuttingDown: SHUTDOWN, booting: boot.failback[id]! });
    expect(fbSteps[0]).toBe('shuttingDown');
    expect(fbSteps.at(-1)).toBe('booting');

    const drill = id === first ? ['Test failover:succeeded', 'Cleanup test failover:succeeded'] : [];
    expect(jobsOf(r, id)).toEqual([
      'Enable protection:succeeded',
      'Finalize protection:succeeded',
      ...drill,
      'Failover:succeeded',
      'Commit:succeeded',
      'Reprotect:succeeded',
      'Failback:succeeded',
      'Commit:succeeded',
      'Reprotect:succeeded'
    ]);
    expect(events(h, 'failover.completed', id)).toHaveLength(2);
    expect(events(h, 'failover.committed', id)).toHaveLength(2);
    expect(events(h, 'reprotect.completed', id)).toHaveLength(2);
    expect(events(h, 'failover.synchronised', id)).toHaveLength(1);
    // To a new VM everything is copied; back to Azure's original disks only what differs.
    const copies = events(h, 'reprotect.copyStarted', id).map((e) => e.message);
    expect(copies).toHaveLength(2);
    expect(copies[0]).toMatch(location === 'alternate' ? /copying all/ : /chunks differ/);
    expect(copies[1]).toMatch(/chunks differ/);
  }
  expect(events(h, 'component.added')).toHaveLength(components.length);
  for (const c of components) expect([...r.components, ...r.links].find((x) => x.id === c)!.state).not.toBe('notDeployed');
}

/**
 * Hyper-V VMs (with or without VMM) to Azure and back: unplanned failover after the site went down,
 * commit, failback with the chosen data sync (beforeFailover waits for resume), commit; replication
 * to Azure restarts by itself.
 */
function hypervRoundTrip(scenario: 'hyperv-to-azure' | 'vmm-to-azure', dataSync: 'beforeFailover' | 'duringFailover'): void {
  const ids = ['sql-01', 'web-01'];
  const machines: M[] = [
    { id: 'sql-01', host: 'hv-host-01', writeMBps: 1 },
    { id: 'web-01', host: 'hv-host-02', writeMBps: 0.5, sizeGiB: 6 }
  ];
  const resumeAt = 4 * H;
  const commitBack = 4 * H + 30 * MIN;
  const h = simulate(
    file(scenario, machines, [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: at(T.test), do: 'testFailover', machines: ['sql-01'] },
      { at: at(T.cleanup), do: 'cleanupTestFailover', machines: ['sql-01'] },
      { at: at(T.down), do: 'fault', fault: 'siteDown', target: 'primarySite' },
      { at: at(T.failover), do: 'failover', machines: 'all', type: 'unplanned', recoveryPoint: 'latestProcessed' },
      { at: at(T.commit), do: 'commit', machines: 'all' },
      { at: at(T.components), do: 'failback', machines: ['sql-01'], dataSync },
      { at: at(T.up), do: 'clearFault', target: 'primarySite' },
      { at: at(T.reprotect), do: 'failback', machines: 'all', dataSync },
      ...(dataSync === 'beforeFailover' ? [{ at: at(resumeAt), do: 'resume', machines: 'all' }] : []),
      { at: at(commitBack), do: 'commit', machines: 'all' }
    ], '7h')
  );
  const boots = watchBoots(h);
  runTo(h, T.failover - MIN);
  const src = new Map(ids.map((id) => [id, sourceOf(h, id)]));
  for (const id of ids) expect(whereAt(h, id, T.commit - MIN)).toBe('failedOver.pending@target');
  for (const id of ids) expectBootedFromPoint(boots, id, 0, src.get(id)!, 2 * H);
  runTo(h, T.reprotect - 1);
  const back = new Map(ids.map((id) => [id, sourceOf(h, id)]));
  for (const id of ids) expect(where(h, id)).toBe('failedOver.committed@target');
  if (dataSync === 'beforeFailover') {
    for (const id of ids) expect(whereAt(h, id, T.reprotect + MIN)).toBe('failingOver.synchronizing@target');
    // Synchronised while the Azure VM runs: the failback waits for input.
    for (const id of ids) expect(whereAt(h, id, resumeAt - MIN)).toBe('failingOver.waitingToComplete@target');
    const waiting = h.read.jobs().filter((j) => j.name === 'Failback');
    expect(waiting.map((j) => j.state)).toEqual(['waitingForInput', 'waitingForInput']);
    expect(events(h, 'failback.waitingToComplete')).toHaveLength(2);
    for (const id of ids) expect(whereAt(h, id, resumeAt + MIN)).toBe('failingOver.shuttingDown@target');
  } else {
    for (const id of ids) expect(whereAt(h, id, T.reprotect + MIN)).toBe('failingOver.shuttingDown@target');
    for (const id of ids) expect(whereAt(h, id, T.reprotect + SHUTDOWN + MIN)).toBe('failingOver.synchronizing@target');
  }
  const stoppedAt = (dataSync === 'beforeFailover' ? resumeAt : T.reprotect) + SHUTDOWN;
  for (const id of ids) expect(whereAt(h, id, commitBack - MIN)).toBe('failedOver.pending@primary');
  for (const id of ids) expectBootedFromPoint(boots, id, 1, back.get(id)!, stoppedAt);
  const r = h.run();

  // Failing back while the primary site is down is refused.
  expect(r.rejected).toHaveLength(1);
  expect(r.rejected[0]).toMatchObject({ do: 'failback', at: T.components });
  expect(r.rejected[0]!.reason).toMatch(/primary site is down/);
  expectTest(r, 'sql-01', T.test, T.cleanup, BOOT);
  for (const id of ids) {
    expect(r.machines.find((m) => m.id === id)).toMatchObject({ protection: 'protected', side: 'primary' });
    expect(where(h, id)).toBe('replicating.protected@primary');
    const fo = only(r, id, 'failover');
    expectVerified(fo);
    expect(fo).toMatchObject({ type: 'unplanned', recoveryPointAt: 2 * H });
    expect(expectLoss(h, fo, src.get(id)!, T.down)).toBeGreaterThan(0);
    expectTimedSteps(fo, ['booting'], { booting: BOOT });

    const fb = only(r, id, 'failback');
    expectVerified(fb);
    expect(fb).toMatchObject({ type: 'planned', consistency: 'app', writesLost: 0, dataLossSeconds: 0 });
    expect(fb.recoveryPointAt).toBeCloseTo(stoppedAt, 2);
    expect(expectLoss(h, fb, back.get(id)!, stoppedAt)).toBe(0);
    if (dataSync === 'beforeFailover') {
      // The RTO counts from the resume: shut down, send the last changes, boot.
      const names = fb.steps.map((s) => s.step);
      expect(names.slice(0, 3)).toEqual(['synchronizing', 'waitingToComplete', 'shuttingDown']);
      expect(fb.steps[1]!.end).toBeCloseTo(resumeAt, 2);
      expectTimedSteps(fb, names, { shuttingDown: SHUTDOWN, booting: BOOT }, resumeAt);
      // Only the changes since the sync remain: the downtime is short.
      expect(fb.rtoSeconds!).toBeLessThan(SHUTDOWN + BOOT + 2 * MIN);
    } else {
      expectTimedSteps(fb, ['shuttingDown', 'synchronizing', 'booting'], { shuttingDown: SHUTDOWN, booting: BOOT });
      // Everything is downloaded after the shutdown: at least the disk's bytes over the 100 Mbps uplink.
      const size = machines.find((m) => m.id === id)!.sizeGiB ?? 8;
      const sync = fb.steps[1]!.end! - fb.steps[1]!.start;
      expect(sync).toBeGreaterThan((size * 2 ** 30) / 12.5e6);
      expect(events(h, 'failback.downloadStarted', id)).toHaveLength(1);
    }
    expect(jobsOf(r, id)).toEqual([
      'Enable protection:succeeded',
      'Finalize protection:succeeded',
      ...(id === 'sql-01' ? ['Test failover:succeeded', 'Cleanup test failover:succeeded'] : []),
      'Unplanned failover:succeeded',
      'Commit:succeeded',
      'Failback:succeeded',
      'Commit:succeeded',
      'Reprotect:succeeded'
    ]);
    // Replication to Azure restarted by itself when the failback was committed.
    const auto = r.jobs.filter((j) => j.machine === id && j.name === 'Reprotect')[0]!;
    expect(auto.start).toBeCloseTo(commitBack + MIN, 2);
    expect(events(h, 'reprotect.started', id)[0]!.message).toMatch(/automatically/);
    expect(events(h, 'reprotect.completed', id)).toHaveLength(1);
  }
}

/**
 * Between two sites: planned failover, commit, reverse replication, failback (a planned failover
 * back), commit, reverse replication again. Where a planned failover leaves the machines protected
 * (Hyper-V Replica and SAN, seed 002), it commits itself and reverses replication at once, so the
 * file's commit and reprotect steps are refused as having nothing to do; InMage waits for them.
 */
function siteRoundTrip(scenario: 'vmm-to-vmm' | 'vmm-san' | 'vmware-to-vmware', machines: M[]): void {
  const ids = machines.map((m) => m.id);
  const first = ids[0]!;
  const planned = 2 * H + 2 * MIN + 30;
  const commit = 2 * H + 30 * MIN;
  const reprotect = 2 * H + 40 * MIN;
  const failback = 5 * H;
  const commitBack = 5 * H + 30 * MIN;
  const reprotectBack = 5 * H + 40 * MIN;
  const auto = scenario === 'vmm-san';
  const vmware = scenario === 'vmware-to-vmware';
  const reverses = !vmware;
  const h = simulate(
    file(scenario, machines, [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: at(T.test), do: 'testFailover', machines: [first] },
      { at: at(T.cleanup), do: 'cleanupTestFailover', machines: [first] },
      { at: at(planned), do: 'failover', machines: 'all', type: 'planned' },
      // SAN replication commits by itself: the commit step is refused.
      { at: at(commit), do: 'commit', machines: 'all' },
      ...(vmware
        ? [
            { at: at(reprotect - 5 * MIN), do: 'reprotect', machines: 'all' },
            { at: at(reprotect - 2 * MIN), do: 'addComponent', component: 'primary-master-target' }
          ]
        : []),
      { at: at(reprotect), do: 'reprotect', machines: 'all' },
      { at: at(failback), do: 'failback', machines: 'all' },
      { at: at(commitBack), do: 'commit', machines: 'all' },
      { at: at(reprotectBack), do: 'reprotect', machines: 'all' }
    ], '8h')
  );
  const boots = watchBoots(h);
  runTo(h, planned - 1);
  const src = new Map(ids.map((id) => [id, sourceOf(h, id)]));
  for (const id of ids) expect(whereAt(h, id, planned + MIN)).toBe('failingOver.shuttingDown@primary');
  // Protected in the other direction by the time the file would commit, or waiting for the commit.
  for (const id of ids) expect(whereAt(h, id, commit - MIN)).toMatch(reverses ? /^replicating\.(resyncing|protected)@target$/ : /^failedOver\.pending@target$/);
  for (const id of ids) expectBootedFromPoint(boots, id, 0, src.get(id)!, planned + SHUTDOWN);
  for (const id of ids) expect(whereAt(h, id, reprotect - MIN)).toBe(reverses ? 'replicating.protected@target' : 'failedOver.committed@target');
  for (const id of ids) expect(whereAt(h, id, reprotect + MIN)).toBe(reverses ? 'replicating.protected@target' : 'reprotecting@target');
  runTo(h, failback - 1);
  const back = new Map(ids.map((id) => [id, sourceOf(h, id)]));
  for (const id of ids) expect(where(h, id)).toBe('replicating.protected@target');
  for (const id of ids) expect(whereAt(h, id, failback + MIN)).toBe('failingOver.shuttingDown@target');
  for (const id of ids) expect(whereAt(h, id, commitBack - MIN)).toMatch(reverses ? /^replicating\.(resyncing|protected)@primary$/ : /^failedOver\.pending@primary$/);
  for (const id of ids) expectBootedFromPoint(boots, id, 1, back.get(id)!, failback + SHUTDOWN);
  for (const id of ids) expect(whereAt(h, id, reprotectBack + MIN)).toBe(reverses ? 'replicating.protected@primary' : 'reprotecting@primary');
  const r = h.run();

  const rejected = r.rejected.map((x) => `${x.do}@${x.at}`);
  const nothingToDo = reverses ? [`commit@${commit}`, `commit@${commitBack}`, `reprotect@${reprotect}`, `reprotect@${reprotectBack}`] : [];
  const expectedRejections = [...nothingToDo, ...(vmware ? [`reprotect@${reprotect - 5 * MIN}`] : [])];
  expect(rejected.sort()).toEqual(expectedRejections.sort());
  if (reverses) {
    for (const x of rejectedOf(r, 'commit')) expect(x.reason).toMatch(/planned (failover|failback) of .* was committed by itself and its replication reversed/);
    expect(rejectedOf(r, 'reprotect')[0]!.reason).toMatch(/already replicates back to the primary site/);
    expect(rejectedOf(r, 'reprotect')[1]!.reason).toMatch(/back at the primary site and replicates again/);
  }
  if (vmware) expect(rejectedOf(r, 'reprotect')[0]!.reason).toMatch(/add primary-master-target first \(addComponent\)/);
  expectTest(r, first, T.test, T.cleanup, BOOT);
  for (const id of ids) {
    expect(r.machines.find((m) => m.id === id)).toMatchObject({ protection: 'protected', side: 'primary' });
    expect(where(h, id)).toBe('replicating.protected@primary');
    const legs: Array<[Rec, SourceReading, number]> = [
      [only(r, id, 'failover'), src.get(id)!, planned],
      [only(r, id, 'failback'), back.get(id)!, failback]
    ];
    for (const [f, s, start] of legs) {
      expectVerified(f);
      expect(f).toMatchObject({ type: 'planned', consistency: 'app', writesLost: 0, dataLossSeconds: 0 });
      expect(f.at).toBeCloseTo(start, 2);
      expect(f.recoveryPointAt).toBeCloseTo(start + SHUTDOWN, 2);
      expect(expectLoss(h, f, s, start + SHUTDOWN)).toBe(0);
      const names = f.steps.map((x) => x.step);
      expect(names.filter((n) => n !== 'synchronizing')).toEqual(['shuttingDown', 'booting']);
      // Between two sites no extra boot step applies, Linux VMs included.
      expectTimedSteps(f, names, { shuttingDown: SHUTDOWN, booting: BOOT });
      if (reverses) expect(f.committedAt).toBeCloseTo(f.at + f.rtoSeconds!, 2);
    }
    expect(jobsOf(r, id)).toEqual([
      'Enable protection:succeeded',
      'Finalize protection:succeeded',
      ...(id === first ? ['Test failover:succeeded', 'Cleanup test failover:succeeded'] : []),
      'Planned failover:succeeded',
      'Commit:succeeded',
      'Reverse replication:succeeded',
      'Failback:succeeded',
      'Commit:succeeded',
      'Reverse replication:succeeded'
    ]);
    const committed = events(h, 'failover.committed', id);
    expect(committed).toHaveLength(2);
    for (const e of committed) expect(e.message).toMatch(reverses ? /committed automatically/ : /committed;/);
    // Reverse replication starts by itself at the commit and, the sites being in step, sends only
    // the chunks written since the machine started on the other side.
    const started = events(h, 'reprotect.started', id);
    expect(started).toHaveLength(2);
    for (const [k, e] of started.entries()) {
      expect(e.message.includes('automatically'), e.message).toBe(reverses);
      if (reverses) expect(e.at).toBeCloseTo(committed[k]!.at, 3);
    }
    for (const e of events(h, 'reprotect.copyStarted', id)) expect(e.message).toMatch(/chunks differ/);
  }
  if (auto) for (const j of r.jobs.filter((x) => x.name === 'Commit')) expect(j.end).toBe(j.start);
}

/** Migrations: test, then one failover that shuts the source down first, commit; no way back. */
function migration(scenario: 'azure-to-azure-migration' | 'aws-to-azure-migration', id: string, boot: number): void {
  const failover = 2 * H + 2 * MIN + 30;
  const h = simulate(
    file(scenario, [{ id, writeMBps: 1 }], [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: at(T.test), do: 'testFailover', machines: [id] },
      { at: at(T.cleanup), do: 'cleanupTestFailover', machines: [id] },
      { at: at(2 * H), do: 'failover', machines: [id], type: 'planned' },
      { at: at(failover), do: 'failover', machines: [id], type: 'unplanned', shutdownSource: true },
      { at: at(2 * H + 30 * MIN), do: 'commit', machines: [id] },
      { at: at(2 * H + 40 * MIN), do: 'reprotect', machines: [id] },
      { at: at(2 * H + 50 * MIN), do: 'failback', machines: [id] }
    ], '4h')
  );
  const boots = watchBoots(h);
  runTo(h, failover - 1);
  const src = sourceOf(h, id);
  expect(whereAt(h, id, failover + MIN)).toBe('failingOver.shuttingDown@primary');
  expect(whereAt(h, id, 2 * H + 29 * MIN)).toBe('failedOver.pending@target');
  expectBootedFromPoint(boots, id, 0, src, failover + SHUTDOWN);
  const r = h.run();
  expect(where(h, id)).toBe('failedOver.committed@target');
  expect(r.machines[0]).toMatchObject({ protection: 'committed', side: 'target' });
  expectTest(r, id, T.test, T.cleanup, boot);
  const f = only(r, id, 'failover');
  expectVerified(f);
  expect(f).toMatchObject({ type: 'unplanned', consistency: 'app', writesLost: 0, dataLossSeconds: 0 });
  expect(expectLoss(h, f, src, failover + SHUTDOWN)).toBe(0);
  expectTimedSteps(f, f.steps.map((s) => s.step), { shuttingDown: SHUTDOWN, booting: boot });
  expect(f.steps.map((s) => s.step).filter((s) => s !== 'synchronizing')).toEqual(['shuttingDown', 'booting']);
  expect(jobsOf(r, id)).toEqual(['Enable protection:succeeded', 'Finalize protection:succeeded', 'Test failover:succeeded', 'Cleanup test failover:succeeded', 'Failover:succeeded', 'Commit:succeeded']);
  expect(r.rejected.map((x) => x.do)).toEqual(['failover', 'reprotect', 'failback']);
  expect(r.rejected[0]!.reason).toMatch(/one failover action/);
  expect(r.rejected[0]!.reason).toMatch(/"shutdownSource": true/);
  expect(r.rejected[1]!.reason).toMatch(/migration/);
  expect(r.rejected[2]!.reason).toMatch(/migration/);
  expect(records(r, id, 'failback')).toEqual([]);
}

const LIFECYCLES: Record<ScenarioId, { what: string; run: () => void }> = {
  'vmware-to-azure': {
    what: 'test, site down, unplanned failover, commit, failback set, reprotect, failback, commit, reprotect to Azure',
    run: () =>
      azureRoundTrip(
        'vmware-to-azure',
        [
          { id: 'web-01', host: 'esxi-01', os: 'linux', writeMBps: 1 },
          { id: 'app-01', host: 'esxi-02', os: 'windows', writeMBps: 0.6, sizeGiB: 6 }
        ],
        ['azure-ps', 'vpn'],
        'original',
        // Linux VMware VMs take the extra step when they start in Azure; Windows ones never, and no
        // machine when it starts on-premises again.
        { failover: { 'web-01': BOOT_EXTRA, 'app-01': BOOT }, failback: { 'web-01': BOOT, 'app-01': BOOT } }
      )
  },
  'physical-to-azure': {
    what: 'test, site down, unplanned failover, commit, failback set with ESXi and master target VM, reprotect to an alternate VM, failback, commit, reprotect',
    run: () =>
      azureRoundTrip(
        'physical-to-azure',
        [
          { id: 'file-01', os: 'windows', writeMBps: 1 },
          { id: 'erp-01', os: 'linux', writeMBps: 0.6, sizeGiB: 6 }
        ],
        ['azure-ps', 'vpn', 'esxi-failback', 'master-target-vm'],
        'alternate',
        // Every physical server takes the extra step when it starts in Azure; none when it comes back
        // on-premises (as a VMware VM).
        { failover: { 'file-01': BOOT_EXTRA, 'erp-01': BOOT_EXTRA }, failback: { 'file-01': BOOT, 'erp-01': BOOT } }
      )
  },
  'hyperv-to-azure': { what: 'test, site down, unplanned failover, commit, failback synchronised before failover and resumed, commit, replication restarts', run: () => hypervRoundTrip('hyperv-to-azure', 'beforeFailover') },
  'vmm-to-azure': { what: 'test, site down, unplanned failover, commit, failback synchronised before failover and resumed, commit, replication restarts', run: () => hypervRoundTrip('vmm-to-azure', 'beforeFailover') },
  'vmm-to-vmm': {
    what: 'test, planned failover that commits itself and reverses replication, failback that does the same',
    run: () =>
      siteRoundTrip('vmm-to-vmm', [
        { id: 'sql-01', host: 'hv-host-01', writeMBps: 1 },
        { id: 'file-01', host: 'hv-host-02', writeMBps: 0.5, sizeGiB: 6 }
      ])
  },
  'vmm-san': {
    what: 'test, planned failover that commits itself and reverses replication, failback that does the same',
    run: () =>
      siteRoundTrip('vmm-san', [
        { id: 'oracle-01', host: 'hv-host-01', writeMBps: 1 },
        { id: 'erp-01', host: 'hv-host-01', writeMBps: 0.5, sizeGiB: 6 }
      ])
  },
  'vmware-to-vmware': {
    what: 'test, planned failover, commit, primary master target, reverse replication, failback, commit, reverse replication',
    run: () =>
      siteRoundTrip('vmware-to-vmware', [
        { id: 'app-01', host: 'esxi-01', os: 'linux', writeMBps: 1 },
        { id: 'db-01', host: 'esxi-01', os: 'windows', writeMBps: 0.5, sizeGiB: 6 }
      ])
  },
  'azure-to-azure-migration': { what: 'test, failover with the source shut down first, commit; reprotect and failback refused', run: () => migration('azure-to-azure-migration', 'vm-web-01', BOOT) },
  // AWS instances are protected as physical servers: they take the extra step when they start in Azure.
  'aws-to-azure-migration': { what: 'test, failover with the source shut down first, commit; reprotect and failback refused', run: () => migration('aws-to-azure-migration', 'ec2-web-01', BOOT_EXTRA) }
};

describe('the complete recovery lifecycle of every scenario', () => {
  it.each(SCENARIO_IDS.map((id) => [id, LIFECYCLES[id].what] as const))('%s: %s', (id) => {
    LIFECYCLES[id].run();
  });

  it.each(['hyperv-to-azure', 'vmm-to-azure'] as const)('%s: failback with the data downloaded during failover (shut down first, then everything)', (id) => {
    hypervRoundTrip(id, 'duringFailover');
  });
});

// ---- figures of a failover ------------------------------------------------------------------------

describe('failover figures', () => {
  it('"latest" processes what the target received first: RTO = processing + boot, writes lost = those not received', () => {
    const down = 2 * H + 2 * MIN + 30;
    const failover = 2 * H + 5 * MIN;
    const applyMBps = 5;
    const steps = [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      // A burst faster than the target processes data leaves a backlog at the target.
      { at: '1h50m', do: 'setWriteRate', machines: 'all', writeMBps: 9 },
      // The last changes before the site goes down hardly leave it: the uplink keeps 1 % of its
      // bandwidth (a link that is down would mark the machine for resync, dropping the backlog).
      { at: '2h1m', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 1 },
      { at: at(down), do: 'fault', fault: 'siteDown', target: 'primarySite' },
      { at: at(failover), do: 'failover', machines: 'all', recoveryPoint: 'latest' }
    ];
    const make = (s: typeof steps): ScenarioFile => ({ ...file('vmware-to-azure', [{ id: 'app-01', host: 'esxi-01', os: 'windows', writeMBps: 1 }], s, '4h'), parameters: { ...PARAMS, 'apply.MBps': applyMBps } });
    // The same run without the failover shows what the target held when it started.
    const twin = simulate(make(steps.slice(0, 4)));
    cutWindowAt(twin, failover);
    runTo(twin, failover);
    const applied = machine(twin, 'app-01').appliedWrites;

    const h = simulate(make(steps));
    const boots = watchBoots(h);
    runTo(h, failover - MIN);
    const src = sourceOf(h, 'app-01');
    const r = h.run();
    const f = only(r, 'app-01', 'failover');
    expectVerified(f);
    expect(f).toMatchObject({ type: 'unplanned', recoveryPoint: 'latest', consistency: 'crash' });
    // The point stands for the newest time the received data is complete up to: after the last
    // point, and a few seconds after the uplink slowed to a trickle, well before the site went down.
    expect(f.recoveryPointAt!).toBeGreaterThan(2 * H);
    expect(f.recoveryPointAt!).toBeLessThanOrEqual(2 * H + MIN + 5);
    expect(expectLoss(h, f, src, down)).toBeGreaterThan(0);
    expectBootedFromPoint(boots, 'app-01', 0, src, exact(h, f).recoveryPointAt!);
    expectTimedSteps(f, ['processing', 'booting'], { booting: BOOT });
    // Processing takes the received but unprocessed writes at the target's rate (less what of the
    // item in progress was already done).
    const received = src.seqAtTime(exact(h, f).recoveryPointAt!);
    const backlog = ((received - applied) * BLOCK_MIB * 2 ** 20) / (applyMBps * 1e6);
    const blockTime = (BLOCK_MIB * 2 ** 20) / (applyMBps * 1e6);
    const processing = f.steps[0]!.end! - f.steps[0]!.start;
    expect(backlog).toBeGreaterThan(60);
    expect(processing).toBeLessThanOrEqual(backlog + 1e-3);
    expect(processing).toBeGreaterThan(backlog - 2 * blockTime);
    expect(f.rtoSeconds).toBeCloseTo(processing + BOOT, 2);
    expect(events(h, 'failover.processing', 'app-01')).toHaveLength(1);
  });

  it('"latest" of a source that went down with everything sent is a point at the moment it stopped, not later', () => {
    const down = 2 * H + 2 * MIN + 30;
    const h = simulate(
      file('vmware-to-azure', [{ id: 'app-01', host: 'esxi-01', os: 'windows', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: at(down), do: 'fault', fault: 'siteDown', target: 'primarySite' },
        { at: '2h10m', do: 'failover', machines: ['app-01'], recoveryPoint: 'latest' }
      ], '3h')
    );
    runTo(h, 2 * H + 9 * MIN);
    const src = sourceOf(h, 'app-01');
    const r = h.run();
    const f = only(r, 'app-01', 'failover');
    expectVerified(f);
    // Everything it wrote had reached the target: nothing is lost, and the point is as old as the outage.
    expect(f.recoveryPointAt!).toBeLessThanOrEqual(down);
    expect(f.pointAgeSeconds!).toBeGreaterThanOrEqual(2 * H + 10 * MIN - down);
    expect(expectLoss(h, f, src, down)).toBe(0);
  });

  it('changeRecoveryPoint boots another point and changes the figures; after commit it is refused', () => {
    const down = 2 * H + 2 * MIN + 30;
    const h = simulate(
      file('vmware-to-azure', [{ id: 'app-01', host: 'esxi-01', os: 'windows', writeMBps: 1 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: at(down), do: 'fault', fault: 'siteDown', target: 'primarySite' },
        { at: '2h10m', do: 'failover', machines: ['app-01'], recoveryPoint: 'latestProcessed' },
        { at: '2h30m', do: 'changeRecoveryPoint', machines: ['app-01'], recoveryPoint: '1h50m' },
        { at: '2h45m', do: 'commit', machines: ['app-01'] },
        { at: '2h50m', do: 'changeRecoveryPoint', machines: ['app-01'], recoveryPoint: 'latestProcessed' }
      ], '4h')
    );
    const boots = watchBoots(h);
    runTo(h, 2 * H + 10 * MIN - 1);
    const src = sourceOf(h, 'app-01');
    runTo(h, 2 * H + 29 * MIN);
    const before = structuredClone(h.report().failovers[0]!);
    expect(before).toMatchObject({ recoveryPointAt: 2 * H, pointChanges: 0 });
    const lostBefore = expectLoss(h, before, src, down);
    expect(whereAt(h, 'app-01', 2 * H + 31 * MIN)).toBe('failedOver.changingPoint@target');
    expect(whereAt(h, 'app-01', 2 * H + 35 * MIN)).toBe('failedOver.pending@target');
    const r = h.run();
    const f = only(r, 'app-01', 'failover');
    expectVerified(f);
    expect(f).toMatchObject({ recoveryPoint: '1h50m', recoveryPointAt: H + 50 * MIN, pointChanges: 1, consistency: 'crash' });
    // The older point loses the writes of 1h50m..2h as well.
    const lostAfter = expectLoss(h, f, src, down);
    expect(lostAfter).toBeGreaterThan(lostBefore);
    expect(f.dataLossSeconds).toBeCloseTo(down - (H + 50 * MIN), 3);
    expect(f.pointAgeSeconds).toBeCloseTo(20 * MIN, 3);
    // It runs from the source's content at 1h50m (what it wrote since the failover is discarded).
    expect(boots.get('app-01')!.map((b) => b.code)).toEqual(['failover.completed', 'failover.pointChanged']);
    expectBootedFromPoint(boots, 'app-01', 1, src, H + 50 * MIN);
    const change = r.jobs.find((j) => j.name === 'Change recovery point')!;
    expect(change).toMatchObject({ state: 'succeeded', start: 2 * H + 30 * MIN });
    expect(change.end! - change.start).toBeCloseTo(BOOT, 3);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ do: 'changeRecoveryPoint', at: 2 * H + 50 * MIN });
    expect(r.rejected[0]!.reason).toMatch(/committed: its recovery points are deleted/);
    expect(r.machines[0]).toMatchObject({ protection: 'committed', side: 'target', recoveryPoints: [] });
  });
});

// ---- refused steps ----------------------------------------------------------------------------------

describe('refused recovery steps', () => {
  /** The report without what rejections leave behind. */
  const withoutRejections = (r: Report): unknown => ({ ...r, rejected: [], events: r.events.filter((e) => e.code !== 'step.rejected') });

  /** Runs the file; the steps at `refused` must be rejected and change nothing else. */
  function runRefusing(f: ScenarioFile, refused: number[]): Report {
    const r = simulate(f).run();
    expect(r.rejected.map((x) => x.step)).toEqual(refused);
    const steps = f.steps as unknown[];
    const without = simulate({ ...f, steps: steps.filter((_, i) => !refused.includes(i)) }).run();
    expect(JSON.stringify(withoutRejections(without))).toBe(JSON.stringify(withoutRejections(r)));
    return r;
  }

  it('refuses a planned failover of physical servers, with the unplanned failover that shuts the source down as the hint', () => {
    const r = runRefusing(
      file('physical-to-azure', [{ id: 'srv', os: 'windows', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['srv'], type: 'planned' }
      ], '2h'),
      [1]
    );
    expect(r.rejected[0]!.reason).toMatch(/planned failover is not supported for physical servers/);
    expect(r.rejected[0]!.reason).toMatch(/unplanned failover, with "shutdownSource": true/);
    expect(r.failovers).toEqual([]);
    expect(r.machines[0]).toMatchObject({ protection: 'protected', side: 'primary' });
  });

  it('refuses a second test failover before the first is cleaned up', () => {
    const r = runRefusing(
      file('hyperv-to-azure', [{ id: 'vm1', host: 'hv-host-01', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'testFailover', machines: ['vm1'] },
        { at: '1h20m', do: 'testFailover', machines: ['vm1'] },
        { at: '1h30m', do: 'cleanupTestFailover', machines: ['vm1'] },
        { at: '1h40m', do: 'testFailover', machines: ['vm1'], recoveryPoint: 'latestProcessed' }
      ], '3h'),
      [2]
    );
    expect(r.rejected[0]!.reason).toMatch(/test failover of vm1 already exists: clean it up first \(cleanupTestFailover\)/);
    const tests = records(r, 'vm1', 'test');
    expect(tests).toHaveLength(2);
    for (const t of tests) expectVerified(t);
    expect(tests[0]!.cleanedUpAt).toBeCloseTo(H + 35 * MIN, 3);
    expect(tests[1]!.cleanedUpAt).toBeNull();
  });

  it('refuses reprotect before commit ("commit") and failback before reprotect ("reprotect")', () => {
    const r = runRefusing(
      file('vmware-to-azure', [{ id: 'web-01', host: 'esxi-01', os: 'linux', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'addComponent', component: 'azure-ps' },
        { at: '1h', do: 'addComponent', component: 'vpn' },
        { at: '1h2m30s', do: 'failover', machines: ['web-01'], shutdownSource: true },
        { at: '1h30m', do: 'reprotect', machines: ['web-01'] },
        { at: '1h35m', do: 'failback', machines: ['web-01'] },
        { at: '1h40m', do: 'commit', machines: ['web-01'] },
        { at: '1h45m', do: 'failback', machines: ['web-01'] }
      ], '3h'),
      [4, 5, 7]
    );
    expect(r.rejected[0]!.reason).toMatch(/commit the failover of web-01 before reprotecting it/);
    expect(r.rejected[1]!.reason).toMatch(/commit the failover of web-01 first/);
    expect(r.rejected[2]!.reason).toMatch(/reprotect web-01 first/);
    expect(r.rejected[2]!.reason).toMatch(/phase 1 of failback/);
    const f = only(r, 'web-01', 'failover');
    expect(f).toMatchObject({ type: 'unplanned', writesLost: 0, dataLossSeconds: 0, consistency: 'app' });
    expectTimedSteps(f, f.steps.map((s) => s.step), { shuttingDown: SHUTDOWN, booting: BOOT_EXTRA });
  });

  it('between sites, failback after an unplanned failover says to start reverse replication first', () => {
    const r = runRefusing(
      file('vmm-to-vmm', [{ id: 'sql-01', host: 'hv-host-01', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['sql-01'], type: 'unplanned' },
        { at: '1h20m', do: 'failback', machines: ['sql-01'] },
        { at: '1h30m', do: 'commit', machines: ['sql-01'] },
        { at: '1h40m', do: 'failback', machines: ['sql-01'] },
        { at: '1h50m', do: 'failover', machines: ['sql-01'], type: 'planned' }
      ], '3h'),
      [2, 4, 5]
    );
    expect(r.rejected[0]!.reason).toMatch(/commit/);
    expect(r.rejected[1]!.reason).toMatch(/reprotect sql-01 first.*reverse replication/);
    expect(r.rejected[2]!.reason).toMatch(/already failed over; to return, start reverse replication \(reprotect\), then fail back/);
  });

  it('refuses a custom recovery point that no retained point satisfies', () => {
    const r = runRefusing(
      file('vmm-to-vmm', [{ id: 'sql-01', host: 'hv-host-01', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['sql-01'], recoveryPoint: '1m' },
        { at: '1h5m', do: 'testFailover', machines: ['sql-01'], recoveryPoint: '2m' },
        { at: '1h10m', do: 'failover', machines: ['sql-01'], recoveryPoint: '45m' }
      ], '2h'),
      [1, 2]
    );
    expect(r.rejected[0]!.reason).toMatch(/sql-01 has no retained recovery point at or before 1m; the oldest is at/);
    expect(r.rejected[1]!.reason).toMatch(/at or before 2m/);
    const f = only(r, 'sql-01', 'failover');
    expectVerified(f);
    expect(f).toMatchObject({ recoveryPoint: '45m', recoveryPointAt: 45 * MIN });
    expect(f.writesLost).toBeGreaterThan(0);
  });

  it('refuses a failover that shuts the source down when the point it asks for cannot exist', () => {
    // A multi-VM point for a machine in no replication group is known to be impossible up front: the
    // source must not be shut down for a failover that can only fail.
    const r = runRefusing(
      file('vmware-to-azure', [{ id: 'web-01', host: 'esxi-01', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['web-01'], shutdownSource: true, recoveryPoint: 'latestMultiVmProcessed' }
      ], '2h'),
      [1]
    );
    expect(r.rejected[0]!.reason).toMatch(/web-01 is in no replication group/);
    expect(r.failovers).toEqual([]);
    expect(r.machines[0]).toMatchObject({ protection: 'protected', side: 'primary', health: 'healthy' });
  });

  it('refuses physical reprotect to the original server and before the failback set is there', () => {
    const r = runRefusing(
      file('physical-to-azure', [{ id: 'srv', os: 'windows', writeMBps: 0.5 }], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'failover', machines: ['srv'], shutdownSource: true },
        { at: '1h30m', do: 'commit', machines: ['srv'] },
        { at: '1h40m', do: 'reprotect', machines: ['srv'] },
        { at: '1h45m', do: 'reprotect', machines: ['srv'], location: 'alternate' },
        { at: '1h50m', do: 'addComponent', component: 'azure-ps' },
        { at: '1h50m', do: 'addComponent', component: 'vpn' },
        { at: '1h50m', do: 'addComponent', component: 'esxi-failback' },
        { at: '1h55m', do: 'reprotect', machines: ['srv'], location: 'alternate' },
        { at: '1h56m', do: 'addComponent', component: 'master-target-vm' },
        { at: '2h', do: 'reprotect', machines: ['srv'], location: 'alternate' }
      ], '3h'),
      [3, 4, 8]
    );
    expect(r.rejected[0]!.reason).toMatch(/"location": "alternate"/);
    expect(r.rejected[1]!.reason).toMatch(/add azure-ps first \(addComponent\)/);
    expect(r.rejected[2]!.reason).toMatch(/add master-target-vm first \(addComponent\)/);
    expect(r.jobs.filter((j) => j.name === 'Reprotect')).toHaveLength(1);
  });
});

// ---- recovery plans -----------------------------------------------------------------------------------

describe('recovery plans', () => {
  it('waits for a manual action, boots the groups in order, reruns a failed script on resume; RTO = end - start', () => {
    const run = 2 * H;
    const resume1 = 2 * H + 30 * MIN;
    const resume2 = 3 * H;
    const h = simulate(
      file('vmm-to-vmm', [
        { id: 'sql-01', host: 'hv-host-01', writeMBps: 1 },
        { id: 'web-01', host: 'hv-host-02', writeMBps: 0.5, sizeGiB: 6 }
      ], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        {
          at: '30m',
          do: 'createRecoveryPlan',
          plan: 'erp',
          groups: [
            { machines: ['sql-01'], post: [{ type: 'manual', name: 'Check the database' }] },
            { machines: ['web-01'], pre: [{ type: 'script', name: 'Update DNS', duration: '3m', fails: true }] }
          ]
        },
        { at: at(run), do: 'runRecoveryPlan', plan: 'erp', type: 'planned' },
        { at: at(resume1), do: 'resume', plan: 'erp' },
        { at: at(resume2), do: 'resume', plan: 'erp' }
      ], '5h')
    );
    runTo(h, run);
    const src = new Map(['sql-01', 'web-01'].map((id) => [id, sourceOf(h, id)]));
    const planJob = () => h.read.jobs().find((j) => j.name === 'Recovery plan')!;
    // Waiting for the manual action after group 1 is up; group 2 waits, failed over but not booted.
    runTo(h, resume1 - MIN);
    let plan = h.report().plans[0]!;
    expect(plan.state).toBe('waitingForInput');
    expect(planJob().state).toBe('waitingForInput');
    expect(plan.actions).toEqual([expect.objectContaining({ group: 1, phase: 'post', type: 'manual', state: 'waitingForInput', end: null })]);
    expect(plan.groups[0]!.up).not.toBeNull();
    expect(plan.groups[1]!.start).toBeNull();
    // Up at the secondary site, group 1's machine replicates back to the primary already: a
    // planned failover between sites commits itself and reverses replication (seed 002).
    expect(where(h, 'sql-01')).toMatch(/^replicating\.(resyncing|protected)@target$/);
    expect(where(h, 'web-01')).toBe('failingOver.readyToBoot@primary');
    expect(events(h, 'plan.waitingForInput')).toHaveLength(1);
    // Resumed: group 2's script fails; the plan stops until resumed again.
    runTo(h, resume2 - MIN);
    plan = h.report().plans[0]!;
    expect(plan.state).toBe('failed');
    expect(planJob().state).toBe('failed');
    expect(plan.actions.map((a) => `${a.name}:${a.state}`)).toEqual(['Check the database:succeeded', 'Update DNS:failed']);
    expect(where(h, 'web-01')).toBe('failingOver.readyToBoot@primary');
    expect(events(h, 'plan.actionFailed')).toHaveLength(1);
    const r = h.run();
    plan = r.plans[0]!;
    expect(plan).toMatchObject({ plan: 'erp', type: 'planned', state: 'succeeded', start: run });
    expect(plan.actions.map((a) => `${a.group}.${a.phase} ${a.name}:${a.state}`)).toEqual([
      '1.post Check the database:succeeded',
      '2.pre Update DNS:failed',
      '2.pre Update DNS:succeeded'
    ]);
    expect(plan.actions[0]!.end).toBe(resume1);
    expect(plan.actions[1]!.start).toBe(resume1);
    expect(plan.actions[1]!.end).toBeCloseTo(resume1 + 3 * MIN, 3);
    expect(plan.actions[2]!.start).toBe(resume2);
    expect(plan.actions[2]!.end).toBeCloseTo(resume2 + 3 * MIN, 3);
    const [g1, g2] = plan.groups;
    // Both machines failed over in parallel (sources shut down first); group 1 booted at once.
    const sql = only(r, 'sql-01', 'failover');
    const web = only(r, 'web-01', 'failover');
    expect(plan.failedOverAt).toBeCloseTo(Math.max(sql.steps.find((s) => s.step === 'readyToBoot')!.start, web.steps.find((s) => s.step === 'readyToBoot')!.start), 3);
    expect(g1).toMatchObject({ group: 1, machines: ['sql-01'], start: plan.failedOverAt });
    expect(g1!.up).toBeCloseTo(g1!.start! + BOOT, 3);
    expect(g1!.end).toBe(resume1);
    // Group 2 starts once group 1 is done, boots after its pre-action, and only then is up.
    expect(g2!.start).toBe(resume1);
    expect(g2!.start!).toBeGreaterThanOrEqual(g1!.up!);
    expect(g2!.up).toBeCloseTo(resume2 + 3 * MIN + BOOT, 3);
    const webBoot = web.steps.find((s) => s.step === 'booting')!;
    expect(webBoot.start).toBeCloseTo(resume2 + 3 * MIN, 3);
    expect(webBoot.start).toBeGreaterThan(g1!.up!);
    expect(plan.end).toBeCloseTo(g2!.up!, 3);
    expect(plan.rtoSeconds).toBeCloseTo(plan.end! - plan.start, 3);
    expect(r.jobs.find((j) => j.name === 'Recovery plan')).toMatchObject({ state: 'succeeded', start: plan.start, end: plan.end });
    for (const [f, id] of [[sql, 'sql-01'], [web, 'web-01']] as const) {
      expectVerified(f);
      expect(f).toMatchObject({ plan: 'erp', type: 'planned', writesLost: 0, dataLossSeconds: 0, consistency: 'app' });
      expect(expectLoss(h, f, src.get(id)!, run + SHUTDOWN)).toBe(0);
      // The machine's RTO runs until it is up, waiting for its group's turn included.
      expect(f.rtoSeconds).toBeCloseTo(f.steps.at(-1)!.end! - f.at, 3);
    }
    expect(events(h, 'plan.groupBooting').map((e) => e.at)).toEqual([g1!.start, resume2 + 3 * MIN].map((t) => expect.closeTo(t!, 3)));
    expect(events(h, 'plan.groupUp')).toHaveLength(2);
    expect(events(h, 'plan.resumed')).toHaveLength(2);
  });

  it('a test run boots group 2 only after group 1 is up, and the plan cleans up its test copies', () => {
    const h = simulate(
      file('vmware-to-azure', [
        { id: 'web-01', host: 'esxi-01', os: 'linux', writeMBps: 0.5 },
        { id: 'app-01', host: 'esxi-02', os: 'windows', writeMBps: 0.5 },
        { id: 'sql-01', host: 'esxi-02', os: 'windows', writeMBps: 0.5 }
      ], [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '30m', do: 'createRecoveryPlan', plan: 'drill', groups: [{ machines: ['web-01'] }, { machines: ['app-01', 'sql-01'], pre: [{ type: 'runbook', name: 'Warm caches', duration: '2m' }] }] },
        { at: '2h', do: 'runRecoveryPlan', plan: 'drill', type: 'test', recoveryPoint: 'latestProcessed' },
        { at: '3h', do: 'cleanupTestFailover', plan: 'drill' }
      ], '4h')
    );
    const r = h.run();
    const plan = r.plans[0]!;
    expect(plan).toMatchObject({ type: 'test', recoveryPoint: 'latestProcessed', state: 'succeeded' });
    const [g1, g2] = plan.groups;
    expect(g1!.start).toBe(2 * H);
    // The Linux VM takes the extra step.
    expect(g1!.up).toBeCloseTo(2 * H + BOOT_EXTRA, 3);
    expect(g2!.start).toBeCloseTo(g1!.up!, 3);
    expect(g2!.up).toBeCloseTo(g1!.up! + 2 * MIN + BOOT, 3);
    expect(plan.rtoSeconds).toBeCloseTo(BOOT_EXTRA + 2 * MIN + BOOT, 3);
    expect(plan.rtoSeconds).toBeCloseTo(plan.end! - plan.start, 3);
    for (const id of ['app-01', 'sql-01']) {
      const t = only(r, id, 'test');
      expectVerified(t);
      expect(t).toMatchObject({ plan: 'drill', recoveryPointAt: 2 * H, writesLost: 0 });
      expect(t.steps.map((s) => s.step)).toEqual(['waitingForPlan', 'booting']);
      expect(t.steps[1]!.start).toBeCloseTo(g1!.up! + 2 * MIN, 3);
      expect(t.cleanedUpAt).toBeCloseTo(3 * H + 5 * MIN, 3);
    }
    // Replication carried on throughout.
    for (const m of r.machines) expect(m).toMatchObject({ protection: 'protected', side: 'primary' });
    expect(r.jobs.filter((j) => j.name === 'Cleanup test failover').map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  describe('invalid plan files name the JSON path of each problem', () => {
    const machines: M[] = Array.from({ length: 8 }, (_, i) => ({ id: `vm${i + 1}`, host: 'hv-host-01', writeMBps: 0.1, sizeGiB: 4 }));
    function problems(steps: Array<Record<string, unknown>>): Array<{ path: string; message: string }> {
      try {
        simulate(file('vmm-to-vmm', machines, [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...steps], '3h'));
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidScenarioError);
        return (e as InvalidScenarioError).problems;
      }
      throw new Error('the file was accepted');
    }

    it('more than 7 groups', () => {
      const p = problems([{ at: '1h', do: 'createRecoveryPlan', plan: 'big', groups: machines.map((m) => ({ machines: [m.id] })) }]);
      expect(p).toEqual([{ path: '$.steps[1].groups', message: expect.stringMatching(/1 to 7 groups, not 8/) }]);
    });

    it('a machine in two groups', () => {
      const p = problems([{ at: '1h', do: 'createRecoveryPlan', plan: 'twice', groups: [{ machines: ['vm1', 'vm2'] }, { machines: ['vm3', 'vm1'] }] }]);
      expect(p).toEqual([{ path: '$.steps[1].groups[1].machines[1]', message: expect.stringMatching(/vm1 is already in group 1/) }]);
    });

    it('a custom recovery point in runRecoveryPlan', () => {
      const p = problems([
        { at: '1h', do: 'createRecoveryPlan', plan: 'p', groups: [{ machines: ['vm1'] }] },
        { at: '2h', do: 'runRecoveryPlan', plan: 'p', type: 'unplanned', recoveryPoint: '1h30m' }
      ]);
      expect(p).toEqual([{ path: '$.steps[2].recoveryPoint', message: expect.stringMatching(/cannot use a custom point/) }]);
    });
  });
});
