// Bounded stages on the path (a process server's cache in front of the upload): their level,
// normal, low or full, read on the window grid with hysteresis so it does not flap.

export type StageLevel = 'normal' | 'low' | 'full';

/** A bounded stage (process server cache) in front of a hop: thresholds on its free share. */
export interface StageWatch {
  hop: number;
  /** The pool (scale-out process server) whose cache it is, when the hop is pooled. */
  pool?: number;
  lowFreeShare: number;
  /** Free share above which the stage is back to normal. */
  recoverFreeShare: number;
  level: StageLevel;
}

/** Capacity of the stage in front of hop h (of one pool), Infinity where there is none. */
export function stageCapacity(stages: readonly StageWatch[], capacity: (stage: number) => number, h: number, pool?: number): number {
  for (let k = 0; k < stages.length; k++) if (stages[k]!.hop === h && stages[k]!.pool === pool) return capacity(k);
  return Infinity;
}

/**
 * Cache level with hysteresis, from the bytes `used` in it at t: throttling starts below the low
 * share of free space and ends only once the free space is back above the recovery share.
 */
export function watchStage(stage: StageWatch, cap: number, used: number, changed: (level: StageLevel, freeShare: number) => void): void {
  const free = cap > 0 ? Math.max(0, 1 - used / cap) : 0;
  let level = stage.level;
  if (free <= 0.001) level = 'full';
  else if (free >= stage.recoverFreeShare) level = 'normal';
  else if (free < stage.lowFreeShare || level === 'full') level = 'low';
  if (level !== stage.level) {
    stage.level = level;
    changed(level, free);
  }
}
