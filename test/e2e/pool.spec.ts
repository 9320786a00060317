// The worker pool in a real Chromium: a batch of example files runs in real engine workers, two at
// a time, each to its end, with progress after each; a cancel stops it, and disposing the pool ends
// its workers.
import { expect, test } from '@playwright/test';
import { watchErrors, watchWorkers } from './page';

test('a batch of example files runs in a pool of workers, and a cancel stops it', async ({ page }) => {
  const errors = watchErrors(page);
  const workers = watchWorkers(page);
  await page.goto('/?test-hooks#/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const out = await page.evaluate(async () => {
    type Result = { ok: boolean; summary?: { scenario: string; simulatedSeconds: number } };
    type Pool = { run(files: unknown[], o?: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal }): Promise<{ results: Array<Result | undefined>; cancelled: boolean }>; dispose(): void; size: number };
    const make = (globalThis as unknown as { __pool: (size?: number) => Pool }).__pool;
    const names = ['vmware-to-azure', 'hyperv-to-azure', 'vmm-san'];
    const files = await Promise.all(names.map((n) => fetch(`scenarios/${n}.json`).then((r) => r.json() as Promise<unknown>)));
    const pool = make(2);
    const progress: number[] = [];
    const batch = await pool.run(files, { onProgress: (done) => progress.push(done) });
    // The same files again, cancelled after the first.
    const stop = new AbortController();
    const cancelled = await pool.run([...files, ...files], { signal: stop.signal, onProgress: () => stop.abort() });
    pool.dispose();
    return { size: pool.size, progress, batch: batch.results.map((r) => r && r.ok && r.summary ? [r.summary.scenario, r.summary.simulatedSeconds] : null), cancelled: cancelled.cancelled, finished: cancelled.results.filter((r) => r !== undefined).length };
  });
  expect(out.size).toBe(2);
  expect(out.progress).toEqual([1, 2, 3]);
  expect(out.batch.map((b) => b?.[0])).toEqual(['vmware-to-azure', 'hyperv-to-azure', 'vmm-san']);
  for (const b of out.batch) expect(b?.[1]).toBeGreaterThan(3600);
  expect(out.cancelled).toBe(true);
  expect(out.finished).toBe(1);
  // The pool's workers (every one after the page's shared worker) have all ended.
  await expect.poll(() => workers.slice(1).every((w) => w.closed)).toBe(true);
  expect(workers.length).toBeGreaterThanOrEqual(3);
  expect(errors).toEqual([]);
});
