// npm run bench: how fast the engine runs, printed as figures (never pass/fail on time).
// (a) 10 machines x 24 h and (b) 200 machines x 30 days of simulated time, for a Mobility-service
// scenario (VMware to Azure) and an .hrl scenario (Hyper-V to Azure); (c) the example files; (d)
// scale-out process servers for 200 machines with 11 TB of churn a day; (e) a scale curve, 50 to 400
// machines for 30 days at the same churn per machine, whose cost should grow in step with the
// machines. The run goes in slices of one simulated hour so memory can be sampled; slicing does not
// change what is simulated.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulation } from '../src/engine/index';

interface Case {
  name: string;
  scenario: string;
  machines: number;
  days: number;
  uplinkMbps: number;
}

const CASES: Case[] = [
  { name: '(a) 10 machines x 24 h', scenario: 'vmware-to-azure', machines: 10, days: 1, uplinkMbps: 200 },
  { name: '(a) 10 machines x 24 h', scenario: 'hyperv-to-azure', machines: 10, days: 1, uplinkMbps: 200 },
  { name: '(b) 200 machines x 30 days', scenario: 'vmware-to-azure', machines: 200, days: 30, uplinkMbps: 2000 },
  { name: '(b) 200 machines x 30 days', scenario: 'hyperv-to-azure', machines: 200, days: 30, uplinkMbps: 2000 }
];

/** A deterministic estate: machines with one or two disks and varied write rates. */
function estate(scenario: string, n: number, uplinkMbps: number, days: number) {
  const hosts = scenario === 'hyperv-to-azure' ? ['hv-host-01', 'hv-host-02'] : ['esxi-01', 'esxi-02'];
  const machines = Array.from({ length: n }, (_, i) => ({
    id: `vm-${String(i + 1).padStart(3, '0')}`,
    host: hosts[i % 2],
    writeMBps: [0.04, 0.08, 0.15, 0.06, 0.11][i % 5],
    disks: i % 3 === 0 ? [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 128 }] : [{ id: 'os', sizeGiB: 64 }],
    ...(i % 10 < 4 ? { group: `g${Math.floor(i / 10)}` } : {})
  }));
  return {
    scenario,
    seed: 42,
    until: `${days}d`,
    machines,
    network: { uplinkMbps },
    steps: [
      { at: '0s', do: 'enableReplication', machines: 'all' },
      { at: `${Math.floor(days * 12)}h`, do: 'fault', fault: 'linkDown', target: 'uplink', for: '30m' }
    ]
  };
}

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs per case: this machine shares its CPU, so one run can be far off; the median is reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

interface Sample {
  wall: number;
  peakHeap: number;
  peakTotal: number;
  baseHeap: number;
  report: ReturnType<ReturnType<typeof createSimulation>['report']>;
  transfers: number;
  control: number;
}

function once(c: Case): Sample {
  const file = estate(c.scenario, c.machines, c.uplinkMbps, c.days);
  (globalThis as { gc?: () => void }).gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const h = createSimulation(file);
  const until = h.config.until;
  let peakHeap = 0;
  let peakTotal = 0;
  for (let t = 0; t < until; ) {
    t = Math.min(until, t + 3600);
    h.runUntil(t);
    if (t % 21_600 === 0 || t === until) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakTotal = Math.max(peakTotal, m.heapUsed + m.arrayBuffers);
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const work = h.read.work();
  return {
    wall,
    peakHeap,
    peakTotal,
    baseHeap,
    report: h.report(),
    transfers: work.transfers,
    control: work.controlEvents
  };
}

function run(c: Case): void {
  const samples = Array.from({ length: RUNS }, () => once(c));
  const walls = samples.map((x) => x.wall).sort((a, b) => a - b);
  const wall = walls[Math.floor((walls.length - 1) / 2)]!;
  const { report: r, transfers, control } = samples[0]!;
  // Every run simulates exactly the same thing (same file and seed).
  if (samples.some((x) => JSON.stringify(x.report) !== JSON.stringify(r))) throw new Error(`${c.name} ${c.scenario}: runs differ`);
  const peakHeap = Math.max(...samples.map((x) => x.peakHeap));
  const peakTotal = Math.max(...samples.map((x) => x.peakTotal));
  const above = Math.max(...samples.map((x) => x.peakHeap - x.baseHeap));
  const writes = r.machines.reduce((n, m) => n + m.writes, 0);
  const points = r.machines.reduce((n, m) => n + m.pointsCreated, 0);
  const events = writes + points + transfers + control + r.events.length;
  const protectedCount = r.machines.filter((m) => m.protection === 'protected').length;
  const spread = RUNS > 1 ? ` (median of ${RUNS} runs; min ${fmt(walls[0]!, 3)} s, max ${fmt(walls[walls.length - 1]!, 3)} s)` : '';
  console.log(`${c.name}  ${c.scenario}`);
  console.log(`  wall time            ${fmt(wall, 3)} s${spread}`);
  console.log(`  simulated / wall     ${fmt((c.days * 86_400) / wall)} x`);
  console.log(`  events processed     ${fmt(events)} (writes ${fmt(writes)}, transfers ${fmt(transfers)}, recovery points ${fmt(points)}, control ${fmt(control)}, logged ${fmt(r.events.length)})`);
  console.log(`  events per second    ${fmt(events / wall)}`);
  console.log(`  peak JS heap         ${fmt(peakHeap / MB, 1)} MB (with typed arrays ${fmt(peakTotal / MB, 1)} MB; ${fmt(above / MB, 1)} MB above the start)`);
  console.log(`  outcome              ${protectedCount}/${c.machines} protected, ${fmt(r.machines.reduce((n, m) => n + m.recoveryPoints.length, 0))} points retained`);
}

/** (c) Every scenario's example file, to its own end: one line each. */
function examples(): void {
  // The bench runs bundled from a temporary directory, so the files are found from the project root.
  const dir = join(process.cwd(), 'public', 'scenarios');
  console.log('(c) example files, each run to its end');
  console.log(`  ${'file'.padEnd(32)}${'simulated'.padStart(10)}${'wall'.padStart(10)}${'simulated / wall'.padStart(18)}`);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const t0 = performance.now();
    const h = createSimulation(file);
    h.run();
    const wall = (performance.now() - t0) / 1000;
    const simulated = h.now();
    console.log(`  ${name.padEnd(32)}${`${fmt(simulated / 3600, 1)} h`.padStart(10)}${`${fmt(wall, 3)} s`.padStart(10)}${`${fmt(simulated / wall)} x`.padStart(18)}`);
  }
}

/**
 * (d) Scale-out: 200 VMware VMs with 11 TB of churn a day in all (0.637 MB/s each) over a 10 Gbps
 * uplink for 30 days, through the built-in process server alone and with six 12 vCPU scale-out
 * servers beside it. What matters is the outcome; the wall time says what it costs.
 */
function scaleOut(): void {
  console.log('(d) scale-out: 200 machines, 11 TB of churn a day, 30 days, 10 Gbps uplink');
  for (const servers of [1, 7]) {
    const file = {
      scenario: 'vmware-to-azure',
      seed: 1,
      until: '30d',
      network: { uplinkMbps: 10_000 },
      processServers: Array.from({ length: servers - 1 }, (_, k) => ({ id: `ps-${k + 2}`, size: '12vcpu' })),
      machines: Array.from({ length: 200 }, (_, i) => ({ id: `vm-${i}`, host: i % 2 ? 'esxi-01' : 'esxi-02', writeMBps: 0.637, disks: [{ id: 'os', sizeGiB: 64 }] })),
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    };
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const h = createSimulation(file);
    const r = h.run();
    const wall = (performance.now() - t0) / 1000;
    const states = new Map<string, number>();
    for (const m of r.machines) states.set(m.protection, (states.get(m.protection) ?? 0) + 1);
    const protectedAt = r.events.filter((e) => e.code === 'protection.protected').map((e) => e.at);
    const last = protectedAt.length === 200 ? ` (the last at ${fmt(Math.max(...protectedAt) / 3600, 1)} h)` : '';
    const health = r.components.filter((c) => c.kind === 'processServer' && c.state !== 'notDeployed').map((c) => c.health);
    console.log(`  ${String(servers).padStart(2)} process server${servers === 1 ? ' ' : 's'}  ${[...states].map(([k, n]) => `${n} ${k}`).join(', ')}${last}; process servers ${[...new Set(health)].join(', ')}; wall ${fmt(wall, 3)} s, heap ${fmt(process.memoryUsage().heapUsed / MB, 1)} MB`);
  }
}

/**
 * (e) Scale curve: 50, 100, 200 and 400 machines for 30 days, the estate of (b) with the uplink
 * grown with the machines (10 Mbps each), so each machine's churn and share of the link stay the
 * same. Wall time and heap per machine should stay flat: the cost grows linearly.
 */
function scaleCurve(): void {
  console.log('(e) scale curve, 30 days, the same churn and uplink share per machine (median wall time)');
  console.log(`  ${'scenario'.padEnd(18)}${'machines'.padStart(9)}${'wall'.padStart(10)}${'ms / machine'.padStart(14)}${'peak heap'.padStart(12)}${'above start'.padStart(13)}${'KB / machine'.padStart(14)}`);
  for (const scenario of ['vmware-to-azure', 'hyperv-to-azure']) {
    for (const machines of [50, 100, 200, 400]) {
      const c: Case = { name: '(e)', scenario, machines, days: 30, uplinkMbps: 10 * machines };
      const samples = Array.from({ length: RUNS }, () => once(c));
      const walls = samples.map((x) => x.wall).sort((a, b) => a - b);
      const wall = walls[Math.floor((walls.length - 1) / 2)]!;
      const peak = Math.max(...samples.map((x) => x.peakHeap));
      const above = Math.max(...samples.map((x) => x.peakHeap - x.baseHeap));
      console.log(`  ${scenario.padEnd(18)}${String(machines).padStart(9)}${`${fmt(wall, 3)} s`.padStart(10)}${fmt((wall * 1000) / machines, 2).padStart(14)}${`${fmt(peak / MB, 1)} MB`.padStart(12)}${`${fmt(above / MB, 1)} MB`.padStart(13)}${fmt(above / 1024 / machines, 0).padStart(14)}`);
    }
  }
}

console.log(`engine benchmark  node ${process.version}  ${new Date().toISOString().slice(0, 10)}  (BENCH_RUNS=${RUNS})`);
for (const c of CASES) run(c);
examples();
scaleOut();
scaleCurve();
