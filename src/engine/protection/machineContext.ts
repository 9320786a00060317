// What a protected machine needs from the simulation around it, and what it tells the layers
// above. The simulation implements the context (simulation/wiring.ts, machineContext); the
// machine is a type parameter so this file need not import the machine's own.

import type { CopyJob, CopyKind } from '../data/copyJob';
import type { HopBlock } from '../data/types';
import type { EventLog } from '../events';
import type { Message } from '../messages/index';
import type { ScenarioDefinition } from '../scenarios/types';
import type { Calendar } from '../time/calendar';
import type { Scheduler } from '../time/scheduler';
import type { JobList } from './jobs';

/** A block of a hop with why, as the data plane reads it (English) and as a message. */
export type Block = HopBlock & { text: Message };

/** What a machine (`M`: MachineRuntime) needs from the simulation around it. */
export interface MachineContextOf<M> {
  scheduler: Scheduler;
  log: EventLog;
  jobs: JobList;
  /** For writing moments in messages. */
  calendar: Calendar;
  hopNames: readonly Message[];
  /** Seconds the checksum pass of a resync takes for this machine. */
  checksumSeconds(m: M): number;
  /** Why the machine cannot replicate at all right now (used before a resync starts). */
  pathProblem(m: M): Message | undefined;
  /** The same, with what kind of problem it is. */
  pathBlock(m: M): Block | undefined;
  hopProblem(m: M, hop: number): Block | undefined;
  /** RPO starts to count for the machine at time t. */
  rpoActivated(m: M, t: number): void;
  /** Starts a copy of the machine's disks as they were at time t (the data plane's own findings follow in time order). */
  startCopy(m: M, kind: CopyKind, t: number, transferFrom: number): CopyJob;
  /** Delay before an automatic resync (ms), or -1 when it waits for a manual start. */
  resyncDelayMs(m: M): number;
  /** Whether resyncs start by themselves once the link is back (SAN arrays). */
  resyncOnReconnect: boolean;
  /** The scenario, for advice in its own actions. */
  scenario: ScenarioDefinition;
  groupStopped(m: M): void;
  healthMayHaveChanged(m: M): void;
  /** The machine's host ran out of, or has again, room on its volume. */
  hostHealthMayHaveChanged(m: M): void;
  /** The process server the machine replicates through now, as people read it. */
  processServerOf(m: M): string;
}

/** What protection tells the layers above about one machine (recovery listens). */
export type ProtectionEvent =
  /** Everything the source wrote before it was shut down is applied at the target. */
  | { type: 'drained'; t: number }
  /** A failback's copy to the primary site is complete. */
  | { type: 'failbackCopied'; t: number }
  /** How far a failback's copy has come (0..1). */
  | { type: 'failbackProgress'; progress: number };
