// npm run bench (second part): how long the sandbox takes to move to a moment, printed as figures.
// A 50-machine VMware-to-Azure file over 30 days is opened in the worker's session (in Node, as the
// page's worker runs it), played to the end once, then sent to 20 moments picked at random (seed
// 7): each seek is timed from the call to the frame it sends. Going back restores the engine's
// nearest checkpoint (see checkpointEvery) and runs on from there. For comparison, the same moments
// are sought on a run without checkpoints, which replays the file from its start when going back.

import { createSimulation } from '../src/engine/index';
import { checkpointEvery, Session, type Frame } from '../workers/session';

const MACHINES = 50;
const DAYS = 30;
const SEEKS = 20;

function estate() {
  return {
    scenario: 'vmware-to-azure',
    seed: 42,
    until: `${DAYS}d`,
    network: { uplinkMbps: 500 },
    machines: Array.from({ length: MACHINES }, (_, i) => ({
      id: `vm-${String(i + 1).padStart(3, '0')}`,
      host: i % 2 === 0 ? 'esxi-01' : 'esxi-02',
      writeMBps: [0.04, 0.08, 0.15, 0.06, 0.11][i % 5],
      disks: i % 3 === 0 ? [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 128 }] : [{ id: 'os', sizeGiB: 64 }]
    })),
    steps: [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: '12d', do: 'fault', fault: 'linkDown', target: 'uplink', for: '30m' }
    ]
  };
}

/** A small deterministic generator (mulberry32), so the moments are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return `median ${fmt(median)} ms, worst ${fmt(sorted.at(-1)!)} ms, best ${fmt(sorted[0]!)} ms`;
}

function main(): void {
  const heapAt = () => process.memoryUsage().heapUsed / 2 ** 20;
  global.gc?.();
  const heap0 = heapAt();
  let last: Frame | undefined;
  const s = new Session((f) => (last = f));
  const opened = s.open(estate());
  if (!opened.ok) throw new Error(opened.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const t0 = performance.now();
  s.seek(s.until);
  const full = performance.now() - t0;
  global.gc?.();
  const heapPlayed = heapAt();
  const moments: number[] = [];
  const next = random(7);
  for (let i = 0; i < SEEKS; i++) moments.push(Math.round(next() * s.until));
  const times: number[] = [];
  let backs = 0;
  for (const at of moments) {
    if (at < (last?.live.now ?? 0)) backs++;
    const t = performance.now();
    s.seek(at);
    times.push(performance.now() - t);
  }
  // The same moments on a run without checkpoints: going back replays from the start.
  const plain = createSimulation(estate());
  plain.watchLinks();
  const p0 = performance.now();
  plain.seek(plain.config.until);
  const plainFull = performance.now() - p0;
  const replays: number[] = [];
  for (const at of moments) {
    const t = performance.now();
    plain.seek(at);
    replays.push(performance.now() - t);
  }
  const every = checkpointEvery(s.until);
  console.log(`\nSeek: ${MACHINES} machines x ${DAYS} days (VMware to Azure), ${SEEKS} random moments (seed 7), ${backs} of them back`);
  console.log(`  with checkpoints every ${fmt(every / 3600, 1)} h (${Math.floor(s.until / every)} of them): seek ${summary(times)}`);
  console.log(`  without (replaying from the start):    seek ${summary(replays)}`);
  console.log(`  playing to the end first: ${fmt(full / 1000, 2)} s with checkpoints, ${fmt(plainFull / 1000, 2)} s without`);
  console.log(`  heap: ${fmt(heap0)} MB before, ${fmt(heapPlayed)} MB after playing to the end with its checkpoints${global.gc ? '' : ' (run node with --expose-gc for exact figures)'}`);
}

main();
