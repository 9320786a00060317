// What the data plane asks of the estate that drives it. The simulation implements it and hands
// itself to the data plane once: no hook is set from outside, and a checkpoint's copy of the data
// plane points at the copy of the simulation by itself.

import type { StageLevel } from './cacheStages';
import type { Derived, HopBlock } from './types';

export interface DataPlaneHost {
  /** A window ended at t, its derived events handed over. */
  windowEnded(t: number): void;
  /**
   * Shares are about to be planned at t (a moment that does not depend on where windows end):
   * finish what is due then; true if a machine changed pool (the counts are then redone).
   */
  beforePlan(t: number, out: Derived[]): boolean;
  /** Whether faults are active (windows are then short). */
  eventful(): boolean;
  /** Why machine `machine` cannot cross hop `hop` now, or undefined. */
  hopBlocked(machine: number, hop: number): HopBlock | undefined;
  /** Bytes the bounded stage `stage` (a process server's cache) can hold now. */
  stageCapacity(stage: number): number;
  /** The stage's level changed at t (its free share then). */
  stageLevelChanged(stage: number, level: StageLevel, t: number, freeShare: number): void;
  /** The links a machine's transfers over a hop travel now (for the link meter). */
  routeOf(machine: number, hop: number): readonly string[];
}
