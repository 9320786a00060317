// Heavy page updates take turns: at most one runs per animation frame, each just after a frame has
// been painted, so a frame never has to draw the machines table and every chart at once (with 50
// machines that would be one task of over 50 ms). A job queued again before it ran keeps its place
// and runs once, with what it reads then.

export class Pacer {
  #jobs = new Map<string, () => void>();
  #armed = false;
  #disposed = false;

  /** Queues `job` under `key`; it runs after the jobs queued before it, one per frame. */
  run(key: string, job: () => void): void {
    if (this.#disposed) return;
    this.#jobs.set(key, job);
    this.#arm();
  }

  /** Drops a queued job (it will not run). */
  cancel(key: string): void {
    this.#jobs.delete(key);
  }

  /** Whether a job is waiting under `key`. */
  has(key: string): boolean {
    return this.#jobs.has(key);
  }

  /** Drops every queued job and takes no more (the page is going away). */
  dispose(): void {
    this.#disposed = true;
    this.#jobs.clear();
  }

  #arm(): void {
    if (this.#armed) return;
    this.#armed = true;
    // After the next frame's paint: a timeout posted from an animation frame callback runs once that
    // frame is drawn. (Node, in tests, has no frames: a timeout alone.)
    const raf = (globalThis as { requestAnimationFrame?: (f: () => void) => number }).requestAnimationFrame;
    if (raf) raf(() => setTimeout(() => this.#next()));
    else setTimeout(() => this.#next());
  }

  #next(): void {
    this.#armed = false;
    const first = this.#jobs.entries().next();
    if (first.done) return;
    const [key, job] = first.value;
    this.#jobs.delete(key);
    try {
      job();
    } finally {
      if (this.#jobs.size > 0) this.#arm();
    }
  }
}
