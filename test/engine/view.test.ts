// The view the page draws from: office hours, the .hrl resync line, the process server's figures,
// per-disk copy progress, and recovery points sent a frame at a time that add up to the engine's list.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationHandle } from '../../src/engine/index';
import { PointsFeed, type PointChanges, type PointMark } from '../../src/engine/view';
import { Session, type Frame } from '../../workers/session';

const H = 3600;
const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '../../public/scenarios', name), 'utf8')) as Record<string, unknown>;

/** The page's side of the feed: a list per machine, following the changes. */
function follow(lists: Map<string, PointMark[]>, changes: PointChanges[]): void {
  for (const c of changes) {
    const list = c.reset ? [] : (lists.get(c.machine) ?? []);
    expect(c.pruned).toBeLessThanOrEqual(list.length);
    list.splice(0, c.pruned);
    list.push(...c.added);
    lists.set(c.machine, list);
  }
}

/** The engine's own list of a machine's retained points. */
function engineList(h: SimulationHandle, id: string): PointMark[] {
  expect(h.read.machine(id), `machine ${id}`).toBeDefined();
  return h.read.points(id).map((p) => ({ at: p.at, appConsistent: p.consistency === 'app', multiVm: p.multiVm }));
}

/** Runs to `until` in uneven steps, following the feed, and checks the followed lists at every step. */
function followRun(h: SimulationHandle, until: number, steps: number[]): { lists: Map<string, PointMark[]>; frames: PointChanges[][] } {
  const feed = new PointsFeed();
  const lists = new Map<string, PointMark[]>();
  const frames: PointChanges[][] = [];
  let t = 0;
  for (let i = 0; t < until; i++) {
    t = Math.min(until, t + steps[i % steps.length]!);
    h.runUntil(t);
    const changes = h.read.pointChanges(feed);
    frames.push(changes);
    follow(lists, changes);
    for (const m of h.read.machines()) expect(lists.get(m.id), `${m.id} at ${t}`).toEqual(engineList(h, m.id));
  }
  return { lists, frames };
}

describe('topology view', () => {
  it('lists office hours over the run, the .hrl resync line, and the process server when there is one', () => {
    const hv = createSimulation({ ...example('hyperv-to-azure.json'), parameters: { 'hrl.resyncPercent': 40 } }).read.topology();
    expect(hv.hrlResyncFraction).toBe(0.4);
    expect(hv.processServer).toBeNull();
    // 08:00 Monday for 24 h: office hours until 18:00, and none left the next morning before the end.
    expect(hv.officeHours).toEqual([[0, 10 * H]]);
    expect(hv.start).toBe('2025-03-03T08:00:00');

    const vmware = createSimulation(example('vmware-to-azure.json'));
    const topo = vmware.read.topology();
    expect(topo.hrlResyncFraction).toBeNull();
    expect(topo.processServer).toMatchObject({ id: vmware.config.scenario.processServer, cacheBytes: 300 * 1024 ** 3, warningFreePercent: 30, criticalFreePercent: 25, throttleFreePercent: 20, recoverFreePercent: 30 });
  });

  it('gives office hours that agree with the calendar, weekends included', () => {
    // Friday noon for four days: Friday afternoon, Monday, and Tuesday morning up to the end.
    const read = createSimulation({ scenario: 'hyperv-to-azure', start: '2025-03-07T12:00', until: '4d' }).read;
    const hours = read.topology().officeHours;
    expect(hours).toEqual([[0, 6 * H], [68 * H, 78 * H], [92 * H, 96 * H]]);
    for (let t = 0; t < 4 * 24 * H; t += 600) expect(hours.some(([a, b]) => t >= a && t < b), `t=${t}`).toBe(read.isOfficeHours(t));
  });
});

describe('live view', () => {
  it('carries the process server figures the engine reads, and none where there is no process server', () => {
    const h = createSimulation(example('vmware-to-azure.json'));
    expect(h.read.live(0).processServer).toMatchObject({ cacheUsedBytes: 0, cacheFreePercent: 100 });
    let busy = false;
    for (let t = 1800; t <= 7 * H; t += 1800) {
      h.runUntil(t);
      const ps = h.read.live(0).processServer!;
      const f = h.read.processServerFigures(h.config.scenario.processServer!)!;
      expect(ps).toEqual({
        id: h.config.scenario.processServer,
        cacheUsedBytes: f.cacheUsedBytes,
        cacheCapacityBytes: f.cacheCapacityBytes,
        cacheFreePercent: f.cacheFreePercent,
        uploadBytesPerSecond: f.uploadBytesPerSecond,
        intakeBytesPerSecond: f.intakeBytesPerSecond,
        cpuPercent: f.cpuPercent,
        memoryPercent: f.memoryPercent,
        backlogAgeSeconds: f.backlogAgeSeconds,
        dailyBytes: f.dailyBytes,
        machines: h.read.machines().map((m) => m.id)
      });
      busy ||= ps.uploadBytesPerSecond > 0 && ps.cacheUsedBytes > 0;
    }
    // Initial replication goes through the cache: the figures move.
    expect(busy).toBe(true);
    // With the uplink at 1 % of its bandwidth from 8 h, changes wait in the cache and the upload
    // falls to what the link still carries.
    const slow = createSimulation({
      ...example('vmware-to-azure.json'),
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '8h', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 1, for: '40m' }
      ]
    });
    slow.runUntil(8 * H + 30 * 60);
    const throttled = slow.read.live(0).processServer!;
    expect(throttled.uploadBytesPerSecond).toBeLessThanOrEqual(100e6 / 8 / 100 + 1);
    expect(throttled.cacheUsedBytes).toBeGreaterThan(1e9);
    expect(throttled.backlogAgeSeconds).toBeGreaterThan(20 * 60);

    const hv = createSimulation(example('hyperv-to-azure.json'));
    hv.runUntil(H);
    expect(hv.read.live(0).processServer).toBeNull();
  });

  it('gives the cache levels the process server health goes by', () => {
    // A small cache fills during initial replication, so its free space passes every level.
    const h = createSimulation({ ...example('vmware-to-azure.json'), parameters: { 'processServer.cacheGiB': 40 } });
    const info = h.read.topology().processServer!;
    const seen = new Set<string>();
    for (let t = 300; t <= 8 * H; t += 300) {
      h.runUntil(t);
      const ps = h.read.live(0).processServer!;
      const health = h.read.live(0).components.find((c) => c.id === info.id)!.health;
      if (ps.cacheFreePercent < info.criticalFreePercent) expect(health, `t=${t}`).toBe('critical');
      else if (ps.cacheFreePercent < info.warningFreePercent) expect(health, `t=${t}`).not.toBe('healthy');
      seen.add(ps.cacheFreePercent < info.criticalFreePercent ? 'critical' : ps.cacheFreePercent < info.warningFreePercent ? 'warning' : 'fine');
    }
    expect(seen.has('critical') && seen.has('fine')).toBe(true);
  });

  it('shows each disk of a copy, one at a time on Hyper-V, adding up to the copy as a whole', () => {
    const h = createSimulation(example('hyperv-to-azure.json'));
    const seen: number[][] = [];
    for (let t = 600; t <= 6 * H; t += 600) {
      h.runUntil(t);
      const sql = h.read.live(0).machines.find((m) => m.id === 'sql-01')!;
      const m = h.read.machine('sql-01')!;
      if (sql.diskProgress === null) {
        expect(sql.copyProgress).toBeNull();
        expect(sql.copyPurpose).toBeNull();
        continue;
      }
      expect(sql.copyPurpose).toBe('initial');
      const job = m.copy!;
      // Weighted by what each disk has to send, the disks make the whole.
      const whole = sql.diskProgress.reduce((n, p, d) => n + p * job.diskBytesTotal[d]!, 0) / job.bytesTotal;
      expect(whole).toBeCloseTo(sql.copyProgress!, 9);
      seen.push(sql.diskProgress);
    }
    expect(seen.length).toBeGreaterThan(2);
    // One lane: the data disk starts only once the OS disk is done.
    for (const [os, data] of seen) if (data! > 0) expect(os).toBe(1);
    expect(seen.some(([os, data]) => os! > 0 && os! < 1 && data === 0)).toBe(true);
    expect(seen.some(([os, data]) => os === 1 && data! > 0 && data! < 1)).toBe(true);
    // Protected by the end: no copy.
    h.runUntil(24 * H);
    expect(h.read.live(0).machines.every((m) => m.diskProgress === null || m.copyPurpose === 'resync')).toBe(true);
  });

  it('says what a copy is for: a resync after the .hrl log grew too big', () => {
    const h = createSimulation(example('hyperv-to-azure.json'));
    let purposes = new Set<string | null>();
    for (let t = 0; t <= 24 * H; t += 300) {
      h.runUntil(t);
      purposes = new Set([...purposes, ...h.read.live(0).machines.map((m) => m.copyPurpose)]);
    }
    expect([...purposes].sort()).toEqual(['initial', 'resync', null].sort());
  });

  it('knows whether the newest point is app-consistent, and the retention in force', () => {
    const file = example('vmware-to-azure.json');
    const h = createSimulation({ ...file, steps: [...(file.steps as unknown[]), { at: '10h', do: 'setPolicy', policy: { retention: '12h' } }] });
    const app = new Set<boolean | null>();
    // Uneven steps: an app-consistent point is the newest only until the next crash-consistent one.
    for (let t = 0; t <= 9.5 * H; t += 37) {
      h.runUntil(t);
      const live = h.read.live(0);
      expect(live.retention).toBe(24 * H);
      for (const m of live.machines) {
        const newest = engineList(h, m.id).at(-1);
        expect(m.newestPointAppConsistent).toBe(newest ? newest.appConsistent : null);
        app.add(m.newestPointAppConsistent);
      }
    }
    expect([...app].sort()).toEqual([false, true, null].sort());
    h.runUntil(11 * H);
    expect(h.read.live(0).retention).toBe(12 * H);
  });
});

describe('recovery points, frame by frame', () => {
  it('add up to the engine list at every frame, whatever the frame length', () => {
    const h = createSimulation(example('vmware-to-azure.json'));
    const { frames } = followRun(h, 30 * H, [180, 7, 3600, 299, 301, 1, 5400]);
    // Frames carry only what changed: most frames say nothing of most machines.
    const sizes = frames.map((f) => f.reduce((n, c) => n + c.added.length, 0));
    expect(Math.max(...sizes)).toBeLessThan(4 * 20);
    expect(frames.filter((f) => f.length === 0).length).toBeGreaterThan(0);
  });

  it('drop the points retention prunes', () => {
    const file = { ...example('hyperv-to-azure.json'), policy: { rpoThreshold: '15m', retention: '2h', appConsistentEvery: '1h', copyFrequency: '5m' }, until: '10h' };
    const h = createSimulation(file);
    const { lists, frames } = followRun(h, 10 * H, [600, 60, 1800]);
    expect(frames.flat().some((c) => !c.reset && c.pruned > 0)).toBe(true);
    const web = lists.get('web-01')!;
    // Two hours of points every 5 minutes; nothing older than the retention window.
    expect(web.length).toBeGreaterThan(20);
    expect(web[0]!.at).toBeGreaterThanOrEqual(10 * H - 2 * H - 300);
    expect(h.read.machine('web-01')!.pointsPruned).toBeGreaterThan(0);
    expect(web.some((p) => p.appConsistent)).toBe(true);
  });

  it('start over for a machine whose points are replaced by a failover, and for a new run', () => {
    const h = createSimulation(example('recovery/hyperv-to-azure.json'));
    const { frames } = followRun(h, 25 * H, [900, 120]);
    const resets = frames.slice(1).flat().filter((c) => c.reset);
    expect(new Set(resets.map((c) => c.machine))).toEqual(new Set(['sql-01', 'app-01', 'web-01']));
    // A feed that has seen another run starts every machine over.
    const feed = new PointsFeed();
    const a = createSimulation(example('hyperv-to-azure.json'));
    a.runUntil(3 * H);
    a.read.pointChanges(feed);
    const b = createSimulation(example('hyperv-to-azure.json'));
    b.runUntil(2 * H);
    const changes = b.read.pointChanges(feed);
    expect(changes.every((c) => c.reset)).toBe(true);
    const lists = new Map<string, PointMark[]>();
    follow(lists, changes);
    for (const m of b.read.machines()) expect(lists.get(m.id)).toEqual(engineList(b, m.id));
  });

  it('reach the page through the session, rewinds included', () => {
    const frames: Frame[] = [];
    const s = new Session((f) => frames.push(f));
    s.open(example('hyperv-to-azure.json'));
    s.seek(5 * H);
    s.seek(5 * H + 600);
    // Back in time: the session replays from the start and the lists start over.
    s.seek(2 * H);
    const lists = new Map<string, PointMark[]>();
    for (const f of frames) follow(lists, f.points);
    expect(frames.at(-1)!.points.every((c) => c.reset)).toBe(true);
    const replay = createSimulation(s.file());
    replay.runUntil(2 * H);
    for (const m of replay.read.machines()) expect(lists.get(m.id)).toEqual(engineList(replay, m.id));
  });
});

describe('frame size', () => {
  it('stays small with 50 machines', () => {
    const machines = Array.from({ length: 50 }, (_, i) => ({ id: `vm-${String(i).padStart(2, '0')}`, writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 32 }, { id: 'data', sizeGiB: 16 }] }));
    const h = createSimulation({ scenario: 'vmware-to-azure', until: '2d', network: { uplinkMbps: 10000 }, machines, steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });
    const feed = new PointsFeed();
    h.runUntil(24 * H);
    const first = JSON.stringify(h.read.pointChanges(feed)).length;
    let live = 0;
    let points = 0;
    // One frame at 1 h of simulated time per second is 180 s.
    for (let t = 24 * H + 180; t <= 26 * H; t += 180) {
      h.runUntil(t);
      live = Math.max(live, JSON.stringify(h.read.live(h.read.eventCount)).length);
      points = Math.max(points, JSON.stringify(h.read.pointChanges(feed)).length);
    }
    console.log(`50 machines: live view ${live} B, point changes ${points} B per frame, all points at once ${first} B`);
    expect(live).toBeLessThan(40_000);
    expect(points).toBeLessThan(16_000);
    expect(first).toBeGreaterThan(20 * points);
  });
});
