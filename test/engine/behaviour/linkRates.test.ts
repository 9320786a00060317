// What the live page reads as a link's rate: the engine's own throughput over a stated window of
// simulated time, never more than the link's bandwidth, 0 on a link that is down, the same run with
// the meter on or off, and each process server's part of the uplink adding up to the uplink.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { H, MIN, simulate, type ScenarioFile } from '../helpers';

const dir = new URL('../../../public/scenarios/', import.meta.url);
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as ScenarioFile] as const);

/** Samples the live rates every `step` seconds up to `until`, as a page playing at that pace would. */
function sample(file: ScenarioFile, step: number, until: number) {
  const h = simulate(file);
  h.watchLinks();
  const seen: Array<{ t: number; key: string; rate: number | null; capacity: number; down: boolean; from: number; to: number }> = [];
  for (let t = step; t <= until; t += step) {
    h.runUntil(t);
    const live = h.read.live(0);
    for (const [key, r] of Object.entries(live.linkRates)) {
      const link = live.links.find((l) => l.id === key.split('@')[0])!;
      seen.push({ t, key, rate: r.bytesPerSecond, capacity: (link.mbps * 1e6) / 8, down: link.deployed && link.mbps === 0, from: r.from, to: r.to });
    }
  }
  return { h, seen };
}

describe('link rates are what the engine carried', () => {
  it.each(examples)('%s: never more than the bandwidth, at a slow and a fast pace', (_, file) => {
    for (const step of [37, 17 * MIN]) {
      const { seen } = sample(file, step, 12 * H);
      const measured = seen.filter((s) => s.rate !== null);
      expect(measured.length).toBeGreaterThan(0);
      for (const s of measured) expect(s.rate!, `${s.key} at ${s.t} s`).toBeLessThanOrEqual(s.capacity * (1 + 1e-9));
      // The window is stated, never longer than five minutes, and ends where the data is.
      for (const s of measured) expect(s.to - s.from).toBeLessThanOrEqual(300);
    }
  });

  it('something moves at a slow pace: while initial replication runs, every sample shows it', () => {
    const [, file] = examples.find(([f]) => f === 'vmware-to-azure.json')!;
    const { seen } = sample(file, 32, 2 * H);
    // Once the data has been worked out past the start of the copy's upload (the page says to when).
    const uplink = seen.filter((s) => s.key === 'uplink' && s.from >= 15 * MIN);
    expect(uplink.length).toBeGreaterThan(100);
    expect(uplink.every((s) => s.rate !== null && s.rate > 0)).toBe(true);
  });

  it('a link that is down reads 0 from the moment it goes down', () => {
    const file: ScenarioFile = {
      scenario: 'vmware-to-azure',
      until: '4h',
      machines: [{ id: 'a', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 64 }] }],
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '1h', do: 'fault', fault: 'linkDown', target: 'uplink', for: '30m' }
      ]
    };
    const { seen } = sample(file, 13, 2 * H);
    const uplink = seen.filter((s) => s.key === 'uplink');
    expect(uplink.filter((s) => s.t < H && s.from >= 15 * MIN).every((s) => (s.rate ?? 0) > 0)).toBe(true);
    const during = uplink.filter((s) => s.t >= H && s.t < H + 30 * MIN);
    expect(during.length).toBeGreaterThan(100);
    expect(during.every((s) => s.rate === 0 && s.down)).toBe(true);
    // Back up: its window starts when it came back, so nothing from before the fault counts.
    const after = uplink.filter((s) => s.t > H + 31 * MIN);
    expect(after.every((s) => s.from >= H + 30 * MIN)).toBe(true);
  });

  it('a degraded link is averaged from the moment it degraded, so it never reads above its new bandwidth', () => {
    const file: ScenarioFile = {
      scenario: 'hyperv-to-azure',
      until: '6h',
      machines: [{ id: 'a', host: 'hv-host-01', writeMBps: 2, disks: [{ id: 'os', sizeGiB: 64 }] }],
      network: { uplinkMbps: 200 },
      steps: [
        { at: '0s', do: 'enableReplication', machines: 'all' },
        { at: '20m', do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 10, for: '1h' }
      ]
    };
    const { seen } = sample(file, 7, 90 * MIN);
    const uplink = seen.filter((s) => s.key === 'uplink' && s.rate !== null);
    expect(uplink.some((s) => s.t < 20 * MIN && s.rate! > 20e6 / 8)).toBe(true);
    const degraded = uplink.filter((s) => s.t > 21 * MIN && s.t < 80 * MIN);
    expect(degraded.length).toBeGreaterThan(100);
    for (const s of degraded) expect(s.rate!).toBeLessThanOrEqual((20e6 / 8) * (1 + 1e-9));
  });

  it('the meter only watches: the run is the same with it', () => {
    for (const [, file] of examples) {
      const plain = JSON.stringify(simulate(file).run());
      const h = simulate(file);
      h.watchLinks();
      for (let t = 0; t < h.config.until; t += 1234) h.runUntil(t);
      h.runUntil(h.config.until);
      expect(JSON.stringify(h.report())).toBe(plain);
    }
  });

  it('with scale-out process servers, each server has its LAN link and its part of the uplink, and the parts add up', () => {
    const file: ScenarioFile = {
      scenario: 'vmware-to-azure',
      until: '6h',
      processServers: [{ id: 'ps-02', size: '12vcpu' }],
      machines: ['a', 'b', 'c', 'd'].map((id) => ({ id, writeMBps: 1, disks: [{ id: 'os', sizeGiB: 32 }] })),
      network: { uplinkMbps: 200 },
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    };
    const { seen } = sample(file, 61, 3 * H);
    const at = (t: number, key: string) => seen.find((s) => s.t === t && s.key === key)?.rate ?? 0;
    const times = [...new Set(seen.map((s) => s.t))].filter((t) => at(t, 'uplink') > 0);
    expect(times.length).toBeGreaterThan(20);
    for (const t of times) expect(at(t, 'uplink@process-server') + at(t, 'uplink@ps-02')).toBeCloseTo(at(t, 'uplink'), 3);
    expect(times.some((t) => at(t, 'lan-ps-02') > 0 && at(t, 'lan') > 0)).toBe(true);
  });
});
