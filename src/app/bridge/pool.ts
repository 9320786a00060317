// A pool of engine workers that runs batches of whole simulations: what the capacity planner
// sweeps and the lesson checks need. Each file runs to its end in one worker; as many run at
// once as there are workers (the cores but one, at least one). A batch tells its progress as each
// file finishes and can be cancelled: no file starts after that, and the files running are
// stopped (their workers are ended; the pool starts new ones when it needs them again). A worker
// that stops while it runs a file fails that file only.

import type { RunSummary } from '../../../workers/runSummary';

/** What running one file gives: its headline figures, or its problems (or why it did not run). */
export type RunResult = { ok: true; summary: RunSummary } | { ok: false; problems: Array<{ path: string; message: string }> };

/** One worker of the pool, as the pool uses it. */
export interface PoolWorker {
  run(file: unknown): Promise<RunResult>;
  terminate(): void;
}

export interface BatchOptions {
  /** After each file: how many are done of how many, and which file (its index) gave what. */
  onProgress?: (done: number, total: number, index: number, result: RunResult) => void;
  signal?: AbortSignal;
}

export interface Batch {
  /** One result per file, in the files' order; undefined for a file a cancel kept from finishing. */
  results: Array<RunResult | undefined>;
  cancelled: boolean;
}

/** Workers for a pool on this machine: the cores but one (the page needs one), at least one. */
export function defaultPoolSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, (cores ?? 2) - 1);
}

const failed = (message: string): RunResult => ({ ok: false, problems: [{ path: '$', message }] });

export class WorkerPool {
  private readonly idle: PoolWorker[] = [];
  /** The workers running a file now (of every batch), each with how to stop it. */
  private readonly busy = new Set<{ worker: PoolWorker; stop: () => void }>();
  private made = 0;
  private disposed = false;

  constructor(
    /** Makes a worker (numbered from 1, for its name). */
    private readonly make: (n: number) => PoolWorker,
    readonly size = defaultPoolSize()
  ) {
    if (!(size >= 1)) throw new RangeError('a worker pool needs at least one worker');
  }

  /** Runs every file to its end, `size` at a time. */
  async run(files: readonly unknown[], options: BatchOptions = {}): Promise<Batch> {
    if (this.disposed) throw new Error('the worker pool was disposed');
    const { onProgress, signal } = options;
    const results: Array<RunResult | undefined> = files.map(() => undefined);
    let next = 0;
    let done = 0;
    const running = new Set<{ worker: PoolWorker; stop: () => void }>();
    const cancelled = () => signal?.aborted === true || this.disposed;
    // A cancel ends the workers that are running a file: a simulation cannot be interrupted in them.
    const onAbort = () => {
      for (const r of running) r.stop();
    };
    signal?.addEventListener('abort', onAbort);
    const lane = async (): Promise<void> => {
      while (!cancelled() && next < files.length) {
        const index = next++;
        const worker = this.idle.pop() ?? this.make(++this.made);
        let stop = (): void => undefined;
        const halted = new Promise<'stopped'>((resolve) => (stop = () => resolve('stopped')));
        const entry = { worker, stop };
        running.add(entry);
        this.busy.add(entry);
        let died = false;
        const ran = worker.run(files[index]).catch((e: unknown) => {
          died = true;
          return failed(`the engine worker stopped while running this file (${e instanceof Error ? e.message : String(e)})`);
        });
        const result = await Promise.race([ran, halted]);
        running.delete(entry);
        this.busy.delete(entry);
        if (result === 'stopped' || cancelled()) {
          worker.terminate();
          return;
        }
        if (died) worker.terminate();
        else this.idle.push(worker);
        results[index] = result;
        done++;
        onProgress?.(done, files.length, index, result);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.size, files.length) }, lane));
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return { results, cancelled: done < files.length };
  }

  /** Ends every worker, stopping the files they run; the pool runs nothing more. */
  dispose(): void {
    this.disposed = true;
    for (const r of this.busy) r.stop();
    for (const w of this.idle.splice(0)) w.terminate();
  }
}
