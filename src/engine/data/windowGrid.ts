// The grid data windows are cut on: how long windows are, and the boundaries inside a window where
// each machine's pass stops for bookmarks (every 5 minutes), log swaps (at the copy frequency),
// pruning and hourly housekeeping.

export interface DataPlaneSettings {
  /** Seconds between crash-consistent bookmarks (5 minutes, fixed by the product). */
  crashEvery: number;
  /** Seconds between app-consistent bookmarks, or 0 for none. */
  appEvery: number;
  /** Hyper-V copy frequency (seconds), 0 where it does not apply. */
  copyFrequency: number;
  retention: number;
  stalePointSeconds: number;
}

export interface Boundary {
  at: number;
  swap: boolean;
  bookmark: 'crash' | 'app' | undefined;
  oldest: number;
  housekeeping: boolean;
}

/** Window length while retries are pending (the first retry comes a minute after a failure). */
export const FINE_STEP = 60;
/**
 * Window length otherwise. Bookmark and log-swap boundaries inside a window are handled in each
 * machine's pass, at their own times; long windows keep each machine's data in cache longer.
 */
export const COARSE_STEP = 900;

/** The finer grid inside windows: bookmarks every 5 minutes, log swaps at the copy frequency. */
export function substep(s: DataPlaneSettings): number {
  const f = s.copyFrequency;
  return f > 0 ? Math.min(s.crashEvery, f) : s.crashEvery;
}

/** The grid boundaries inside (t0, t1], with what happens at each. */
export function boundaries(s: DataPlaneSettings, t0: number, t1: number): Boundary[] {
  const sub = substep(s);
  const out: Boundary[] = [];
  for (let k = Math.floor(t0 / sub + 1e-9) + 1; k * sub <= t1 + 1e-9; k++) {
    const b = k * sub;
    const crash = isMultiple(b, s.crashEvery);
    out.push({
      at: b,
      swap: s.copyFrequency > 0 && isMultiple(b, s.copyFrequency),
      bookmark: crash ? (s.appEvery > 0 && isMultiple(b, s.appEvery) ? 'app' : 'crash') : undefined,
      oldest: b - s.retention,
      // Pruning is what users see, so it happens at every boundary; dropping log entries nothing
      // needs any more is housekeeping, done hourly.
      housekeeping: isMultiple(b, 3600)
    });
  }
  return out;
}

const isMultiple = (t: number, every: number): boolean => Math.abs(t / every - Math.round(t / every)) < 1e-9;
