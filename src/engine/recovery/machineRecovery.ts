// Recovery of one machine: what the page, commands and recovery plans ask of it, handed to its
// parts: the failover or failback itself (failover.ts, with its statechart), what follows it
// (afterFailover.ts: change of point, commit, reprotection) and the drill (testFailover.ts). Here
// are the figures they share: how long booting takes on each side, and what a failover started now
// would cost.

import type { Actor } from 'xstate';
import type { drillMachine } from '../components/drillMachine';
import type { failoverMachine } from '../components/failoverMachine';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { FailoverType, PointChoice } from '../script/config';
import type { MachineRecoveryHost, PlanToken } from './host';
import type { FailoverOptions, FailoverPreview, FailoverRecord } from './records';
import { AfterFailover } from './afterFailover';
import { Failover, type FailoverSide } from './failover';
import { TestFailover } from './testFailover';
import { MB } from '../units';
import { latestPoint, pickRetained, retainedPoint, type ChosenPoint, type PointSource } from './points';
import type { Side } from '../scenarios/types';
import { english, isMessage, type Message } from '../messages/index';
export type { Side };

export class MachineRecovery implements FailoverSide {
  /** The machine's drill: its test failover and cleanup. */
  readonly tests: TestFailover;
  /** The failover or failback in progress or last done. */
  private readonly failover: Failover;
  /** Change of point, commit and reprotection. */
  private readonly after: AfterFailover;

  constructor(
    private readonly host: MachineRecoveryHost,
    private readonly m: MachineRuntime
  ) {
    this.tests = new TestFailover(host, m, this);
    this.failover = new Failover(host, m, this);
    this.after = new AfterFailover(host, m, this.failover, this);
    this.wire();
  }

  /** Listens to what protection tells of the machine (at construction, and on a checkpoint's copy). */
  wire(): void {
    this.m.events.on((e) => {
      if (e.type === 'drained') this.failover.onDrained();
      else if (e.type === 'failbackCopied') this.failover.onFailbackCopied(e.t);
      else this.failover.copyProgress(e.progress);
    });
    this.failover.wire();
  }

  private get params() {
    return this.host.params;
  }

  private get now(): number {
    return this.host.now;
  }

  /** The drill's statechart (for the inspector, the report and the page). */
  get drill(): Actor<typeof drillMachine> {
    return this.tests.drill;
  }

  /** The drill in progress or last done. */
  get test(): FailoverRecord | undefined {
    return this.tests.test;
  }

  /** Whether the drill has a test copy (being created, running or being removed). */
  get testActive(): boolean {
    return this.tests.active;
  }

  startTest(choice: PointChoice, sharedAt: number | undefined, plan?: PlanToken): void {
    this.tests.start(choice, sharedAt, plan);
  }

  /** Boots the test copy (a recovery plan's group turn). */
  bootTest(): void {
    this.tests.boot();
  }

  cleanupTest(): void {
    this.tests.cleanup();
  }

  /**
   * Seconds to create and start the machine on a side, with the extra step where it applies: only
   * booting at the target (Azure) can need it, for the machines the scenario names.
   */
  bootSeconds(on: Side): number {
    const extra = this.needsExtraStep(on) ? this.params['failover.extraStepMinutes'] : 0;
    return (this.params['failover.bootMinutes'] + extra) * 60;
  }

  needsExtraStep(on: Side): boolean {
    if (on !== 'target') return false;
    const rule = this.host.def.recovery.extraStep;
    return rule === 'all' || (rule === 'linux' && this.m.config.os === 'linux');
  }

  /** The side the machine moves to when it fails over (or back) from where it runs. */
  get otherSideName(): Side {
    return this.m.side === 'primary' ? 'target' : 'primary';
  }

  /** Retained points to choose from: the stream's, or while pending the side the machine came from. */
  pointSource(): PointSource {
    return this.failover.held ?? this.m.stream;
  }

  /**
   * What a failover started now would cost, for a failover wizard: the point a choice picks, the
   * writes and seconds of data it would lose and the RTO. Exact for unplanned failovers (nothing
   * changes meanwhile); for a planned one (or with the source shut down first) the time to send the
   * last changes is not known in advance, so its RTO is the least it can take.
   */
  preview(choice: PointChoice, type: FailoverType, shutdownSource: boolean): FailoverPreview {
    const m = this.m;
    const s = m.stream;
    const sync = type === 'planned' || (shutdownSource && !this.sourceProblem());
    if (sync) {
      return { available: true, reason: null, recoveryPointAt: null, writesLost: 0, dataLossSeconds: 0, rtoSeconds: this.params['failover.shutdownMinutes'] * 60 + this.bootSeconds(this.otherSideName), rtoIsMinimum: true };
    }
    const point = choice === 'latest' ? latestPoint(s, this.failover.stopTime()) : (() => {
      const k = pickRetained(s, choice);
      return typeof k === 'number' ? retainedPoint(s, k) : k;
    })();
    if (isMessage(point)) return { available: false, reason: english(point), recoveryPointAt: null, writesLost: null, dataLossSeconds: null, rtoSeconds: null, rtoIsMinimum: false };
    const stopped = this.failover.stopTime();
    return {
      available: true,
      reason: null,
      recoveryPointAt: point.at,
      writesLost: Math.max(0, s.source.seq - point.watermark),
      dataLossSeconds: Math.max(0, stopped - point.at),
      rtoSeconds: point.processedBytes / (this.params['apply.MBps'] * MB) + this.bootSeconds(this.otherSideName),
      rtoIsMinimum: false
    };
  }

  // ---- Failover and what follows it -------------------------------------------------------------

  /** The failover in progress or last done. */
  get current(): FailoverRecord | undefined {
    return this.failover.current;
  }

  /** A failback waiting to complete (Hyper-V from Azure, data synchronised before failover). */
  get waitingToComplete(): boolean {
    return this.failover.waitingToComplete;
  }

  /** The failover's statechart, once the machine has failed over (for the inspector). */
  get failoverChart(): Actor<typeof failoverMachine> | undefined {
    return this.failover.actor;
  }

  /** Starts a failover (to the target) or failback (back to the primary site). */
  start(o: FailoverOptions): void {
    this.failover.start(o);
  }

  /** Why the source cannot be shut down and send its last changes, or undefined. */
  sourceProblem(): Message | undefined {
    return this.failover.sourceProblem();
  }

  /** Resolves a choice to a point, or says why none exists. Tests never change the stream. */
  resolve(choice: PointChoice, sharedAt: number | undefined, test: boolean): ChosenPoint | Message {
    return this.failover.resolve(choice, sharedAt, test);
  }

  /** Boots the machine at the other side: its recovery plan group's turn. */
  boot(): void {
    this.failover.boot();
  }

  /** Completes a failback that synchronised before failover. */
  complete(): void {
    this.failover.complete();
  }

  changePoint(choice: PointChoice): void {
    this.after.changePoint(choice);
  }

  commit(automatic = false): void {
    this.after.commit(automatic);
  }

  reprotect(location: 'original' | 'alternate', automatic = false): void {
    this.after.reprotect(location, automatic);
  }

  /** The machine runs at the other side: commit follows by itself where the scenario does so. */
  ranAtOtherSide(automaticCommit: boolean): void {
    if (automaticCommit) this.commit(true);
  }

  /** Moves the replicated item on; its health follows its state. */
  send(event: Parameters<MachineRuntime['item']['send']>[0]): void {
    this.m.item.send(event);
    this.host.healthMayHaveChanged(this.m);
  }
}
