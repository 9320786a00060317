// What recovery sees of the simulation that composes it: narrow views, each holding only what one
// part of recovery uses. The simulation implements them all; recovery never imports it.

import type { DomainEvents, EventLog } from '../events';
import type { DataPlane } from '../data/dataPlane';
import type { HostVolume } from '../data/hostVolume';
import type { Conditions } from '../protection/faults';
import type { JobList } from '../protection/jobs';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { Parameters } from '../scenarios/parameters';
import type { ScenarioDefinition } from '../scenarios/types';
import type { Policy } from '../script/config';
import type { Scheduler } from '../time/scheduler';
import type { Message } from '../messages/index';
import type { FailoverRecord, PlanToken } from './records';

export type { PlanToken };

/** What recovery tells the layers above (and recovery plans) about one machine. */
export type RecoveryEvent =
  /** A machine of a plan has failed over (or made its test copy) and waits for its group to boot. */
  | { type: 'readyToBoot'; plan: PlanToken; machine: string }
  /** A machine of a plan could not fail over. */
  | { type: 'failed'; plan: PlanToken; machine: string }
  /** A machine of a plan runs at the other side (or its test copy runs). */
  | { type: 'booted'; plan: PlanToken; machine: string };


/** The clock, the event log and the jobs list: what every timed part of recovery writes to. */
export interface Clocked {
  readonly now: number;
  readonly scheduler: Scheduler;
  readonly log: EventLog;
  readonly jobs: JobList;
}

/** What one machine's recovery uses. */
export interface MachineRecoveryHost extends Clocked {
  readonly def: ScenarioDefinition;
  readonly params: Parameters;
  readonly policy: Policy;
  readonly volumes: ReadonlyMap<string, HostVolume>;
  readonly failovers: FailoverRecord[];
  readonly dataPlane: Pick<DataPlane, 'markDirty' | 'startCopy' | 'groups'>;
  readonly recoveryEvents: DomainEvents<RecoveryEvent>;
  /** Starts or stops the machine's writes to match its state. */
  syncWorkload(m: MachineRuntime): void;
  healthMayHaveChanged(m: MachineRuntime): void;
  /** Re-derives every actor's state from the active faults (the machine moved to another side). */
  reconcile(): void;
  /** Why the machine cannot replicate at all right now, or undefined. */
  pathProblem(m: MachineRuntime): Message | undefined;
}

/** What the estate looks like: which components exist and work (for failback's checklist). */
export interface EstateView {
  readonly def: ScenarioDefinition;
  readonly conditions: Conditions;
  readonly deployed: ReadonlySet<string>;
  isAvailable(id: string): boolean;
  label(id: string): string;
}
