// The page's frame history, fed by a real session: bounded samples, a rewind starts over, recovery
// points follow the engine's list, copy rows with a pace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { Session } from '../../workers/session';
import { FrameHistory } from '../../src/app/sandbox/history.svelte';
import { fileDuration } from '../../src/app/format';
import { parseDuration } from '../../src/engine/time/duration';
import { createSimulation } from '../../src/engine/index';

const file = JSON.parse(readFileSync(new URL('../../public/scenarios/hyperv-to-azure.json', import.meta.url), 'utf8'));

describe('frame history', () => {
  it('keeps a bounded number of samples over the whole run', () => {
    const h = new FrameHistory({ maxSamples: 50, redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    s.open(file);
    for (let t = 60; t <= 24 * 3600; t += 60) s.seek(t);
    expect(h.sampleCount).toBeLessThanOrEqual(50);
    expect(h.sampleCount).toBeGreaterThan(20);
    const rpo = h.rpo;
    expect(rpo.map((r) => r.id)).toEqual(['sql-01', 'app-01', 'web-01']);
    expect(rpo[0]!.points[0]![0]).toBe(0);
    expect(rpo[0]!.points.at(-1)![0]).toBe(24 * 3600);
    expect(h.hrl.length).toBe(4);
    expect(h.processServer).toBeNull();
    expect(h.events.length).toBeGreaterThan(10);
  });

  it('starts over on a rewind and follows the recovery points', () => {
    const h = new FrameHistory({ redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    s.open(file);
    for (let t = 600; t <= 12 * 3600; t += 600) s.seek(t);
    const before = h.sampleCount;
    s.seek(2 * 3600);
    // The run replayed from its start: the charts hold its first two hours, not one sample.
    expect(h.sampleCount).toBeGreaterThan(6);
    expect(h.rpo[0]!.points[0]![0]).toBe(0);
    expect(h.rpo[0]!.points.at(-1)![0]).toBe(2 * 3600);
    expect(before).toBeGreaterThan(50);
    const sim = createSimulation(s.file());
    sim.runUntil(2 * 3600);
    for (const row of h.points) {
      expect(sim.read.machine(row.id)).toBeDefined();
      expect(row.points.map((p) => p.at)).toEqual(sim.read.points(row.id).map((p) => p.at));
    }
  });

  it('gives copy rows with the time left', () => {
    const h = new FrameHistory({ redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    s.open(file);
    for (let t = 300; t <= 3600; t += 300) s.seek(t);
    const rows = h.copies;
    expect(rows.length).toBe(4);
    expect(rows.some((r) => r.progress > 0 && r.etaSeconds !== null && r.etaSeconds > 0)).toBe(true);
    expect(rows.every((r) => r.purpose === 'initial')).toBe(true);
  });

  it('fades pruned points out', () => {
    const h = new FrameHistory({ redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    s.open({ ...file, policy: { ...file.policy, retention: '5h' } , steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });
    for (let t = 300; t <= 12 * 3600; t += 300) s.seek(t);
    const web = h.points.find((r) => r.id === 'web-01')!;
    expect(web.pruned.length).toBeGreaterThan(0);
    expect(web.pruned.every((p) => h.now - p.prunedAt <= h.fadeSeconds)).toBe(true);
    expect(web.points[0]!.at).toBeGreaterThanOrEqual(h.now - 5 * 3600 - 300);
    void flushSync;
  });
});

describe('what the charts draw between two frames', () => {
  const vmware = JSON.parse(readFileSync(new URL('../../public/scenarios/vmware-to-azure.json', import.meta.url), 'utf8'));

  it('is what the engine computed at each step, after one long seek', () => {
    const h = new FrameHistory({ redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    s.open(vmware);
    s.seek(9000);
    const cache = h.processServer!.cacheUsed;
    // A sample each time the engine's data moved on (it works in windows of up to 15 minutes),
    // not a line from the first frame to the last.
    expect(cache.length).toBeGreaterThanOrEqual(9000 / 900);
    expect(new Set(cache.map(([t]) => t)).size).toBe(cache.length);
    for (const [t, used] of cache.slice(1, -1)) {
      const fresh = createSimulation(vmware);
      fresh.runUntil(t);
      expect(fresh.read.dataTime).toBe(t);
      // Before its first reading the built-in server reads as idle (0 used), as the figures did.
      expect(used).toBe(fresh.read.live(0).processServer!.cacheUsedBytes);
    }
    // The cache really filled before 10:30 (the event log says so at 09:00): the chart shows it.
    expect(Math.max(...cache.filter(([t]) => t <= 3600 + 900).map(([, v]) => v))).toBeGreaterThan(0.9 * h.processServer!.cacheCapacity[0]![1]);
    // The RPO line too: one point a step for each machine.
    expect(h.rpo.every((r) => r.points.length === cache.length)).toBe(true);
  });

  it('does not change the run: one seek, a minute at a time, or a plain run end the same', () => {
    const at = 6 * 3600;
    const lives: Array<{ now: number; events: number; used: number }> = [];
    const record = (f: { live: { now: number; eventCount: number; processServer: { cacheUsedBytes: number } | null } }): number =>
      lives.push({ now: f.live.now, events: f.live.eventCount, used: f.live.processServer!.cacheUsedBytes });
    const once = new Session(record);
    once.open(vmware);
    once.seek(at);
    const minutes = new Session(record);
    minutes.open(vmware);
    for (let t = 60; t <= at; t += 60) minutes.seek(t);
    const plain = createSimulation(vmware);
    plain.runUntil(at);
    const ends = [lives[1]!, lives.at(-1)!];
    expect(ends[0]).toEqual(ends[1]);
    expect(ends[0]!.events).toBe(plain.read.eventCount);
    expect(ends[0]!.used).toBe(plain.read.live(0).processServer!.cacheUsedBytes);
  });
});

describe('after a seek back', () => {
  it('the charts look as they did when the moment was reached by playing', () => {
    const T = 12 * 3600;
    const played = new FrameHistory({ redrawMs: 0 });
    const a = new Session((f) => played.push(f));
    a.open(file);
    a.setSpeed(3600);
    a.play();
    // About 60 frames a second of wall time at an hour a second, as the page plays it.
    while (a.until > 0 && (played.latest?.live.now ?? 0) < T) a.tick(16);
    a.pause();
    a.seek(T);
    const sought = new FrameHistory({ redrawMs: 0 });
    const b = new Session((f) => sought.push(f));
    b.open(file);
    b.seek(T);
    b.seek(2 * 3600);
    b.seek(T);
    const series = (h: FrameHistory) => [...h.rpo.map((r) => [`rpo:${r.id}`, r.points] as const), ...h.hrl.map((d) => [`hrl:${d.label}`, d.points] as const)];
    const grid = (points: ReadonlyArray<readonly [number, number]>) => new Map(points.map(([t, v]) => [t, v]));
    const mine = new Map(series(sought).map(([k, p]) => [k, grid(p)]));
    expect(mine.size).toBe(series(played).length);
    for (const [key, points] of series(played)) {
      const there = mine.get(key)!;
      // As much detail: the replay is sampled on the same grid as the play (plus the frames' own moments).
      expect(there.size, key).toBeGreaterThanOrEqual(Math.min(points.length, 100));
      // The same values wherever both have a sample, so the same peaks.
      let shared = 0;
      for (const [t, v] of points) {
        if (!there.has(t)) continue;
        shared++;
        if (Number.isNaN(v)) expect(Number.isNaN(there.get(t)!), `${key} at ${t}`).toBe(true);
        else expect(there.get(t), `${key} at ${t}`).toBe(v);
      }
      expect(shared, key).toBeGreaterThanOrEqual(there.size - 2);
      const peak = (xs: Iterable<number>) => Math.max(...[...xs].filter((x) => !Number.isNaN(x)));
      if (key.startsWith('hrl:')) expect(peak(there.values()), `${key} peak`).toBe(peak(points.filter(([t]) => there.has(t)).map(([, v]) => v)));
    }
  });
});

describe('redraws', () => {
  it('come at most every redrawMs, and the last frame is drawn', async () => {
    const h = new FrameHistory({ redrawMs: 100 });
    const s = new Session((f) => h.push(f));
    s.open(file);
    for (let t = 60; t <= 3600; t += 60) s.seek(t);
    expect(h.now).toBeLessThan(3600);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.now).toBe(3600);
    expect(h.rpo[0]!.points.at(-1)![0]).toBe(3600);
    h.dispose();
  });
});

describe('several process servers and host volumes', () => {
  const servers = {
    scenario: 'vmware-to-azure',
    seed: 3,
    until: '12h',
    processServers: [{ id: 'ps-02', size: '12vcpu' }],
    machines: ['a', 'b', 'c'].map((id) => ({ id, writeMBps: 1, disks: [{ id: 'os', sizeGiB: 16 }] })),
    steps: [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: '4h', do: 'addComponent', component: 'ps-03', size: '4vcpu' },
      { at: '4h', do: 'moveProcessServer', machines: ['a'], processServer: 'ps-03' }
    ]
  };

  it('keeps a series per process server, bounded; one added later starts when it is there', () => {
    const h = new FrameHistory({ maxSamples: 40, redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    const opened = s.open(servers);
    if (!opened.ok) throw new Error('the file is valid');
    h.topology = opened.topology;
    for (let t = 60; t <= 12 * 3600; t += 60) s.seek(t);
    expect(h.sampleCount).toBeLessThanOrEqual(40);
    expect(h.processServers.map((p) => p.id)).toEqual(['process-server', 'ps-02', 'ps-03']);
    // The built-in one's series is the one the single chart draws.
    expect(h.processServers[0]!.series.upload).toEqual(h.processServer!.upload);
    const late = h.processServers[2]!.series.intake;
    expect(late.filter(([t]) => t < 4 * 3600).every(([, v]) => Number.isNaN(v))).toBe(true);
    expect(late.filter(([t]) => t > 5 * 3600).some(([, v]) => v > 0)).toBe(true);
  });

  it('follows a Hyper-V host volume and notes when it fills', () => {
    const h = new FrameHistory({ redrawMs: 0 });
    const s = new Session((f) => h.push(f));
    const opened = s.open({
      scenario: 'hyperv-to-azure',
      seed: 5,
      until: '1d',
      machines: [{ id: 'vm-01', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 16 }] }],
      hosts: [{ id: 'hv-host-01', volumeGiB: 18 }],
      network: { uplinkMbps: 20 },
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    });
    if (!opened.ok) throw new Error('the file is valid');
    h.topology = opened.topology;
    for (let t = 60; t <= 12 * 3600; t += 60) s.seek(t);
    const [v, ...others] = h.hostVolumes;
    expect(others).toEqual([]);
    expect(v!.host).toBe('hv-host-01');
    expect(v!.room.at(-1)![1]).toBe(2 * 2 ** 30);
    expect(Math.max(...v!.snapshot.map(([, b]) => b))).toBeGreaterThan(0);
    expect(Math.max(...v!.logs.map(([, b]) => b))).toBeGreaterThan(0);
    // The engine's run: the volume filled at 32 min and again after each resync began.
    expect(v!.fills[0]).toBeCloseTo(32 * 60 + 7.611, 2);
    expect(v!.fills.length).toBeGreaterThan(2);
    // A rewind starts the list over.
    s.seek(600);
    expect(h.hostVolumes[0]!.fills).toEqual([]);
  });
});

describe('durations as files write them', () => {
  it('read back as the same seconds', () => {
    for (const t of [0, 1, 59, 60, 61, 3600, 3 * 3600 + 12 * 60, 11 * 3600 + 5, 150 * 3600 + 1]) expect(parseDuration(fileDuration(t))).toBe(t);
    expect(fileDuration(3 * 3600 + 12 * 60)).toBe('3h12m');
  });
});
