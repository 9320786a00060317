// npm run bench:page: how the page's main thread holds up while the worker simulates 50 machines at
// the highest speed, measured in headless Chromium (figures, never pass/fail on time): long tasks,
// frame rate from requestAnimationFrame, and the first-load main-thread JS size from the build.
// BENCH_SECONDS (default 10) sets how long it plays; BENCH_DIST (default dist) which build it serves;
// BENCH_GAPS=1 prints when each missed frame came.

import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath, CHROMIUM_ARGS } from '../scripts/chromium';
import { shareHash } from '../src/app/share';

const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));
const DIST = resolve(process.env.BENCH_DIST ?? 'dist');
const MACHINES = 50;
/** The speed slider's top (10^6 simulated seconds per wall second). */
const MAX_SPEED_EXP = '6';
const IDLE_SECONDS = 2;
const VITE = resolve('node_modules/vite/bin/vite.js');

/** 50 VMware VMs with one to three disks and varied write rates, long enough never to end while playing. */
function scenario(): Record<string, unknown> {
  const days = Math.min(400, Math.ceil((SECONDS * 1e6 * 3) / 86_400));
  const machines = Array.from({ length: MACHINES }, (_, i) => ({
    id: `vm-${String(i + 1).padStart(2, '0')}`,
    host: i % 2 === 0 ? 'esxi-01' : 'esxi-02',
    os: i % 4 === 0 ? 'linux' : 'windows',
    writeMBps: [0.05, 0.1, 0.2, 0.4, 0.8][i % 5],
    disks: [{ id: 'os', sizeGiB: 64 }, ...(i % 3 === 0 ? [{ id: 'data', sizeGiB: 128 }] : []), ...(i % 10 === 0 ? [{ id: 'log', sizeGiB: 32 }] : [])],
    ...(i < 32 ? { group: `g${Math.floor(i / 8)}` } : {})
  }));
  // A link failure every three days keeps retries, resyncs and health changes coming.
  const faults = Array.from({ length: Math.floor(days / 3) }, (_, k) => ({ at: `${3 * k + 2}d`, do: 'fault', fault: 'linkDown', target: 'uplink', for: '2h' }));
  return {
    scenario: 'vmware-to-azure',
    title: `${MACHINES} machines at full speed`,
    seed: 11,
    until: `${days}d`,
    machines,
    network: { uplinkMbps: 2000 },
    steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }, ...faults]
  };
}

/** The main-thread JS the page loads first: index.html's module scripts and preloads, never the worker. */
function firstLoadJs(): Array<{ file: string; bytes: number; gzip: number }> {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(refs)]
    .filter((ref) => !/worker/i.test(ref))
    .map((ref) => {
      const text = readFileSync(join(DIST, ref.replace(/^\//, '')));
      return { file: ref, bytes: text.length, gzip: gzipSync(text).length };
    });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function startPreview(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', DIST], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer on port ${port} within 30 s`);
}

/** Runs in the page before its own code: collects long tasks and every animation frame's time. */
const PROBE = `
  window.__bench = { longTasks: [], frames: [], slowFrames: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // What the slowest frames spent their time on: scripts (by entry point) and rendering.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__bench.slowFrames.push({
        start: e.startTime,
        duration: e.duration,
        render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
        scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, url: s.sourceURL, at: s.sourceCharPosition, duration: s.duration }))
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const frame = (t) => { window.__bench.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

interface SlowFrame {
  start: number;
  duration: number;
  /** Style, layout and paint at the end of the frame (ms). */
  render: number;
  scripts: Array<{ invoker: string; fn: string; url: string; at: number; duration: number }>;
}

interface Probe {
  longTasks: Array<{ start: number; duration: number }>;
  frames: number[];
  /** Animation frames over 50 ms (the long-animation-frame entries). */
  slowFrames: SlowFrame[];
}

interface Figures {
  longTasks: number;
  longestTask: number;
  longTaskMs: number;
  meanFps: number;
  p5Fps: number;
  worstGap: number;
  /** Gaps between frames of more than 25 ms: at least one frame missed. */
  missed: number;
  frames: number;
}

/** Long tasks and frames inside [from, to) page milliseconds. */
function figures(p: Probe, from: number, to: number): Figures {
  const tasks = p.longTasks.filter((t) => t.start >= from && t.start < to);
  const frames = p.frames.filter((t) => t >= from && t < to);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  const windows = Array.from({ length: Math.floor((to - from) / 1000) }, (_, k) => frames.filter((t) => t >= from + k * 1000 && t < from + (k + 1) * 1000).length);
  const sorted = [...windows].sort((a, b) => a - b);
  return {
    longTasks: tasks.length,
    longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
    longTaskMs: tasks.reduce((n, t) => n + t.duration, 0),
    meanFps: frames.length > 1 ? ((frames.length - 1) * 1000) / (frames[frames.length - 1]! - frames[0]!) : 0,
    // Nearest rank: the 5th percentile of the one-second windows (the worst one when there are fewer than 20).
    p5Fps: sorted[Math.max(0, Math.ceil(sorted.length * 0.05) - 1)] ?? 0,
    worstGap: Math.max(0, ...gaps),
    missed: gaps.filter((g) => g > 25).length,
    frames: frames.length
  };
}

/** Prints the three slowest animation frames over 50 ms in [from, to): when, how long, rendering, and the scripts by entry point. */
function slowest(p: Probe, from: number, to: number): void {
  const frames = p.slowFrames.filter((f) => f.start >= from && f.start < to).sort((a, b) => b.duration - a.duration);
  if (frames.length === 0) {
    console.log('  no animation frame over 50 ms');
    return;
  }
  console.log(`  ${frames.length} animation frame${frames.length === 1 ? '' : 's'} over 50 ms; the slowest:`);
  for (const f of frames.slice(0, 3)) {
    const scripts = f.scripts.map((x) => `${x.invoker}${x.fn ? ` ${x.fn}` : ''} ${fmt(x.duration)} ms`).join(', ') || 'none';
    console.log(`    at ${fmt((f.start - from) / 1000, 2)} s: ${fmt(f.duration)} ms, rendering ${fmt(f.render)} ms; scripts: ${scripts}`);
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.log(`no build in ${DIST}; building it with vite build`);
    const build = spawnSync(process.execPath, [VITE, 'build', '--outDir', DIST, '--emptyOutDir'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const js = firstLoadJs();
  const port = await freePort();
  const server = await startPreview(port);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: PROBE });
    // The file goes in as a share link, the way a person would open it.
    await page.goto(`http://127.0.0.1:${port}/${await shareHash(scenario(), 0)}`);
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30_000 });
    const rows = await page.locator('tbody tr').count();
    if (rows !== MACHINES) throw new Error(`the page shows ${rows} machines, expected ${MACHINES}`);
    // The speed takes effect when the worker's next frame says so (its label changes).
    const speedOutput = page.locator('.speed output');
    const before = await speedOutput.innerText();
    await page.getByRole('slider', { name: /^Speed/ }).fill(MAX_SPEED_EXP);
    for (let i = 0; (await speedOutput.innerText()) === before; i++) {
      if (i > 100) throw new Error('the speed did not change');
      await page.waitForTimeout(50);
    }
    const speedLabel = await speedOutput.innerText();

    const now = () => page.evaluate('performance.now()') as Promise<number>;
    const idleFrom = await now();
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    const playFrom = await now();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(SECONDS * 1000);
    // The page may be busy: everything is read at once, in one task (the browser closes without a pause).
    const [playTo, simulated, button, probe] = (await page.evaluate(
      `[performance.now(), Number(document.querySelector('.timeline input').value), document.querySelector('.controls button').textContent, window.__bench]`
    )) as [number, number, string, Probe];
    const stillPlaying = button.trim() === 'Pause';
    const notices = await page.locator('.notice').allInnerTexts();
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    if (notices.length > 0) throw new Error(`the page showed a notice while playing: ${notices.join('; ')}`);
    if (simulated <= 0 || !stillPlaying) throw new Error(`the scenario stopped playing (at ${fmt(simulated / 86_400, 1)} simulated days)`);

    const idle = figures(probe, idleFrom, playFrom);
    const play = figures(probe, playFrom, playTo);
    const gzipTotal = js.reduce((n, f) => n + f.gzip, 0);
    console.log(`page benchmark  Chromium ${browser.version()} headless  ${cpus().length} cores (load ${fmt(loadavg()[0]!, 1)})  node ${process.version}  ${new Date().toISOString().slice(0, 10)}`);
    console.log(`  ${MACHINES} VMware VMs to Azure, speed ${speedLabel}, played ${fmt((playTo - playFrom) / 1000, 1)} s: ${fmt(simulated / 86_400, 1)} simulated days (${fmt(simulated / ((playTo - playFrom) / 1000))} x)`);
    console.log('');
    console.log(`  ${'figure'.padEnd(28)}${'paused'.padStart(12)}${'playing'.padStart(12)}`);
    const row = (name: string, f: (x: Figures) => string) => console.log(`  ${name.padEnd(28)}${f(idle).padStart(12)}${f(play).padStart(12)}`);
    row('long tasks (> 50 ms)', (x) => fmt(x.longTasks));
    row('longest task', (x) => `${fmt(x.longestTask)} ms`);
    row('time in long tasks', (x) => `${fmt(x.longTaskMs)} ms`);
    row('frames', (x) => fmt(x.frames));
    row('mean fps', (x) => fmt(x.meanFps, 1));
    row('p5 fps (1 s windows)', (x) => fmt(x.p5Fps));
    row('worst frame gap', (x) => `${fmt(x.worstGap, 1)} ms`);
    row('frame gaps over 25 ms', (x) => fmt(x.missed));
    if (process.env.BENCH_GAPS) {
      const f = probe.frames.filter((t) => t >= playFrom && t < playTo);
      const missed = f.slice(1).map((t, i) => [t, t - f[i]!] as const).filter(([, g]) => g > 25);
      console.log(`  gaps over 25 ms at: ${missed.map(([t, g]) => `${fmt((t - playFrom) / 1000, 2)} s (${fmt(g)} ms)`).join(', ') || 'none'}`);
    }
    slowest(probe, playFrom, playTo);

    // A recovery plan running: the example story from just before its test run, at 100x, so the
    // failover, the groups booting and the Gantt chart all move while it is measured.
    const plan = await planRun(await browser.newPage({ viewport: { width: 1280, height: 720 } }), port);
    console.log('');
    console.log(`  recovery plan run (recovery/recovery-plan from 3 h 59 min, 100 x, ${fmt(plan.seconds, 1)} s: to ${fmt(plan.simulated / 60)} simulated min, plan "${plan.state}")`);
    console.log(`  long tasks ${fmt(plan.f.longTasks)}, longest ${fmt(plan.f.longestTask)} ms, mean fps ${fmt(plan.f.meanFps, 1)}, p5 fps ${fmt(plan.f.p5Fps)}, worst frame gap ${fmt(plan.f.worstGap, 1)} ms`);
    slowest(plan.probe, plan.from, plan.to);
    console.log('');
    console.log(`  first-load main-thread JS (${DIST}/index.html, worker excluded): ${fmt(gzipTotal / 1000, 1)} kB gzip (budget 150 kB)`);
    for (const f of js) console.log(`    ${f.file}  ${fmt(f.bytes / 1000, 1)} kB, ${fmt(f.gzip / 1000, 1)} kB gzip`);
    console.log('');
    console.log('  method: the production build served by vite preview, opened in headless Chromium at 1280x720 with a share');
    console.log(`  link to a generated ${MACHINES}-machine file; speed slider at its top, then ${IDLE_SECONDS} s paused and ${SECONDS} s playing (the`);
    console.log('  window measured runs from the Play click until the figures are read, later when the page is busy).');
    console.log("  Long tasks: PerformanceObserver 'longtask' (main-thread tasks over 50 ms). Frames: a requestAnimationFrame");
    console.log('  loop records every frame time; mean fps = frames / elapsed, p5 fps = 5th percentile of frames counted in');
    console.log('  whole one-second windows, worst gap = longest time between two frames (a gap over 25 ms means a frame');
    console.log("  was missed). JS size: zlib gzip (default level, as in Vite's build report) of each script index.html");
    console.log("  loads. Slow frames: PerformanceObserver 'long-animation-frame', with each frame's rendering time and");
    console.log('  its scripts by entry point. BENCH_GAPS=1 also prints when each missed frame came.');
  } finally {
    await browser.close();
    server.kill();
  }
}

/** Plays the recovery-plan story through its test run and measures the page meanwhile. */
async function planRun(page: Page, port: number): Promise<{ f: Figures; seconds: number; simulated: number; state: string; probe: Probe; from: number; to: number }> {
  await page.addInitScript({ content: PROBE });
  await page.goto(`http://127.0.0.1:${port}/#/scenario/recovery/recovery-plan`);
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30_000 });
  await page.locator('.timeline input').fill(String(3 * 3600 + 59 * 60));
  await page.locator('.timeline input').dispatchEvent('change');
  await page.getByText(/^3 h 59 min of /).waitFor();
  await page.getByRole('slider', { name: /^Speed/ }).fill('2');
  const from = (await page.evaluate('performance.now()')) as number;
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(SECONDS * 1000);
  const [to, simulated, probe, state] = (await page.evaluate(
    `[performance.now(), Number(document.querySelector('.timeline input').value), window.__bench, document.querySelector('[aria-label^="Test failover of erp-dr"]') ? 'test run drawn' : 'no run drawn']`
  )) as [number, number, Probe, string];
  return { f: figures(probe, from, to), seconds: (to - from) / 1000, simulated, state, probe, from, to };
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
