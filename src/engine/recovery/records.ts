// A failover's records: what the report and the page tell of each failover, test failover and
// failback, and the options a failover starts with.

import type { FailoverType, PointChoice } from '../script/config';
import { formatDuration } from '../time/duration';
import type { ChosenPoint } from './points';
import { msg, type Message } from '../messages/index';

/** Which run of which recovery plan a failover belongs to. */
export interface PlanToken {
  name: string;
  run: number;
}

/** One failover, test failover or failback as the report tells it. */
export interface FailoverRecord {
  machine: string;
  /** What was done: a drill, a failover to the target, or a failback to the primary site. */
  kind: 'test' | 'failover' | 'failback';
  type: 'test' | FailoverType;
  plan: string | null;
  /** When it was started. */
  at: number;
  recoveryPoint: string;
  recoveryPointAt: number | null;
  consistency: string | null;
  /** Writes the source made after the point (0 for a test: production goes on). */
  writesLost: number | null;
  /** Seconds between the point and the moment the source stopped (0 for a test). */
  dataLossSeconds: number | null;
  /** How old the point was when the failover started. */
  pointAgeSeconds: number | null;
  /** From the start until the machine runs at the target; null until then. */
  rtoSeconds: number | null;
  integrity: 'verified' | 'mismatch' | null;
  differingBlocks: number;
  /** Timed steps: shut down, synchronise, process, wait for the plan, boot. */
  steps: Array<{ step: string; start: number; end: number | null }>;
  /** Points changed to after the failover, and when it was committed or cleaned up. */
  pointChanges: number;
  committedAt: number | null;
  cleanedUpAt: number | null;
  state: 'inProgress' | 'succeeded' | 'failed';
  detail: string;
}


export interface FailoverPreview {
  available: boolean;
  reason: string | null;
  recoveryPointAt: number | null;
  writesLost: number | null;
  dataLossSeconds: number | null;
  rtoSeconds: number | null;
  /** The RTO leaves out the time to send the last changes (planned, or source shut down first). */
  rtoIsMinimum: boolean;
}

export interface FailoverOptions {
  type: FailoverType;
  choice: PointChoice;
  shutdownSource: boolean;
  kind: 'failover' | 'failback';
  /** For multi-VM choices across several machines of one group: the point time they share. */
  sharedAt?: number;
  /** A recovery plan decides when the machine boots. */
  plan?: PlanToken;
  dataSync?: 'beforeFailover' | 'duringFailover';
}

/** A new record of a failover, test failover or failback started at t. */
export function newRecord(machine: string, kind: FailoverRecord['kind'], type: FailoverRecord['type'], choice: PointChoice, plan: string | null, t: number): FailoverRecord {
  return {
    machine,
    kind,
    type,
    plan,
    at: t,
    recoveryPoint: typeof choice === 'number' ? formatDuration(choice) : choice,
    recoveryPointAt: null,
    consistency: null,
    writesLost: null,
    dataLossSeconds: null,
    pointAgeSeconds: null,
    rtoSeconds: null,
    integrity: null,
    differingBlocks: 0,
    steps: [],
    pointChanges: 0,
    committedAt: null,
    cleanedUpAt: null,
    state: 'inProgress',
    detail: ''
  };
}

/** A chosen point as a message part ("the app-consistent point of 6h"). */
export const pointText = (p: ChosenPoint): Message => msg('part.point', { multiVm: p.multiVm, consistency: p.consistency === 'app' ? 'app' : 'crash', at: p.at });

/**
 * Puts the recovery point a failover (or a drill) uses on its record: when it was, how consistent,
 * how old at `t`, whether its content checked out, and what it loses (nothing for a drill:
 * production goes on).
 */
export function fillPoint(record: FailoverRecord, point: ChosenPoint, t: number, lost: { writes: number; seconds: number } | 'nothing'): void {
  record.recoveryPointAt = point.at;
  record.consistency = point.consistency;
  record.pointAgeSeconds = Math.max(0, t - point.at);
  record.integrity = point.integrity.ok ? 'verified' : 'mismatch';
  record.differingBlocks = point.integrity.differing;
  record.writesLost = lost === 'nothing' ? 0 : Math.max(0, lost.writes);
  record.dataLossSeconds = lost === 'nothing' ? 0 : Math.max(0, lost.seconds);
}

/** Starts a timed step of a record at `now`, ending the one before. */
export function beginStep(record: FailoverRecord, step: string, now: number): void {
  endStep(record, now);
  record.steps.push({ step, start: now, end: null });
}

/** Ends the record's step in progress, if any, at `now`. */
export function endStep(record: FailoverRecord, now: number): void {
  const last = record.steps[record.steps.length - 1];
  if (last && last.end === null) last.end = now;
}
