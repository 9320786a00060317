// The worker pool: a batch runs every file, no more at once than the pool has workers, with its
// results in the files' order and progress after each; a cancel starts nothing more and stops
// what runs; a worker that dies fails its own file only and is replaced.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import { WorkerPool, defaultPoolSize, type PoolWorker, type RunResult } from '../../src/app/bridge/pool';

const FILE = (until: string, seed = 1) => ({ scenario: 'vmware-to-azure', seed, until, steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });

/** Workers that run the engine in this process, each run taking a turn of the event loop. */
function fakeWorkers(opts: { dieOn?: (file: unknown) => boolean; slow?: number } = {}) {
  const log = { made: 0, terminated: 0, running: 0, most: 0 };
  const make = (): PoolWorker => {
    log.made++;
    return {
      run: (file) =>
        new Promise<RunResult>((resolve, reject) => {
          log.running++;
          log.most = Math.max(log.most, log.running);
          setTimeout(() => {
            log.running--;
            if (opts.dieOn?.(file)) return reject(new Error('it crashed'));
            const report = createSimulation(file).run();
            resolve({ ok: true, summary: { scenario: report.scenario, simulatedSeconds: report.until, wallMs: 0, machines: report.machines.map((m) => ({ id: m.id, protection: m.protection, health: m.health, rpoSeconds: m.rpoSeconds, points: m.recoveryPoints.length })), events: report.events.length } });
          }, opts.slow ?? 1);
        }),
      terminate: () => void log.terminated++
    };
  };
  return { make, log };
}

describe('WorkerPool', () => {
  it('runs every file, at most `size` at once, results in order and progress after each', async () => {
    const { make, log } = fakeWorkers();
    const pool = new WorkerPool(make, 2);
    const files = ['2h', '1h', '3h', '30m', '90m'].map((u) => FILE(u));
    const progress: Array<[number, number, number]> = [];
    const batch = await pool.run(files, { onProgress: (done, total, index) => progress.push([done, total, index]) });
    expect(batch.cancelled).toBe(false);
    expect(batch.results.map((r) => (r?.ok ? r.summary.simulatedSeconds : null))).toEqual([7200, 3600, 10800, 1800, 5400]);
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(progress.map((p) => p[2]))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(log.most).toBe(2);
    expect(log.made).toBe(2);
    // The same files give the same results, run by however many workers.
    const again = await new WorkerPool(fakeWorkers().make, 1).run(files);
    expect(again.results).toEqual(batch.results);
  });

  it('a cancel starts nothing more and stops the files running', async () => {
    const { make, log } = fakeWorkers({ slow: 20 });
    const pool = new WorkerPool(make, 2);
    const stop = new AbortController();
    const batch = await pool.run(
      Array.from({ length: 8 }, (_, i) => FILE('1h', i + 1)),
      { signal: stop.signal, onProgress: (done) => done === 3 && stop.abort() }
    );
    expect(batch.cancelled).toBe(true);
    const finished = batch.results.filter((r) => r !== undefined).length;
    expect(finished).toBe(3);
    // The worker still running a file when the cancel came was ended.
    expect(log.terminated).toBe(1);
  });

  it('a worker that dies fails its own file only, and a new one runs the rest', async () => {
    const { make, log } = fakeWorkers({ dieOn: (f) => (f as { seed: number }).seed === 2 });
    const pool = new WorkerPool(make, 1);
    const batch = await pool.run([FILE('1h', 1), FILE('1h', 2), FILE('1h', 3)]);
    expect(batch.results.map((r) => r?.ok)).toEqual([true, false, true]);
    expect(batch.results[1]).toEqual({ ok: false, problems: [{ path: '$', message: 'the engine worker stopped while running this file (it crashed)' }] });
    expect(log.made).toBe(2);
    expect(log.terminated).toBe(1);
  });

  it('refuses a pool of no workers and runs nothing once disposed', async () => {
    expect(() => new WorkerPool(fakeWorkers().make, 0)).toThrow(/at least one worker/);
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    const pool = new WorkerPool(fakeWorkers().make, 1);
    pool.dispose();
    await expect(pool.run([FILE('1h')])).rejects.toThrow(/disposed/);
  });
});
