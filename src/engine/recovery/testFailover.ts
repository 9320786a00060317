// A machine's drill on the virtual clock: a test failover makes a test copy from a recovery point
// (processing the point, then booting at the other side, or at its recovery plan group's turn)
// while replication carries on, and cleanup deletes it. Its statechart is drillMachine; its
// figures (the point's age and check, the time to a running copy) go on a failover record.

import type { Actor } from 'xstate';
import { drillMachine } from '../components/drillMachine';
import type { Job } from '../protection/jobs';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { PointChoice } from '../script/config';
import type { ScheduledHandle, TimerTarget } from '../time/scheduler';
import type { Side } from '../scenarios/types';
import { MB } from '../units';
import { msg, type Message } from '../messages/index';
import type { MachineRecoveryHost, PlanToken } from './host';
import type { ChosenPoint } from './points';
import { beginStep, endStep, fillPoint, newRecord, pointText, type FailoverRecord } from './records';

/** What a drill asks of the machine's recovery: where the copy boots, how long that takes, which point. */
export interface DrillSide {
  readonly otherSideName: Side;
  bootSeconds(on: Side): number;
  resolve(choice: PointChoice, sharedAt: number | undefined, test: boolean): ChosenPoint | Message;
}

type DrillTimer = 'processed' | 'running' | 'cleanedUp';

export class TestFailover implements TimerTarget<DrillTimer> {
  readonly drill: Actor<typeof drillMachine>;
  /** The drill in progress or last done. */
  test: FailoverRecord | undefined;
  private job: Job | undefined;
  private timer: ScheduledHandle | undefined;
  /** The recovery plan run whose test made the test copy, if one did. */
  private plan: PlanToken | undefined;
  /** The test copy a recovery plan's group turn boots. */
  private booting: FailoverRecord | undefined;

  constructor(
    private readonly host: MachineRecoveryHost,
    private readonly m: MachineRuntime,
    private readonly side: DrillSide
  ) {
    this.drill = host.scheduler.actor(drillMachine);
    this.drill.start();
  }

  /** Whether there is a test copy (being created, running or being removed). */
  get active(): boolean {
    return !this.drill.getSnapshot().matches('idle');
  }

  start(choice: PointChoice, sharedAt: number | undefined, plan?: PlanToken): void {
    const t = this.host.now;
    const m = this.m;
    const point = this.side.resolve(choice, sharedAt, true) as ChosenPoint;
    const record = newRecord(m.id, 'test', 'test', choice, plan?.name ?? null, t);
    this.test = record;
    this.plan = plan;
    fillPoint(record, point, t, 'nothing');
    this.host.failovers.push(record);
    this.job = this.host.jobs.start('Test failover', m.id, t, msg('jobDetail.point', { choice }));
    this.drill.send({ type: 'test.start' });
    this.host.log.push(t, 'info', 'testFailover.started', msg('testFailover.started', { machine: m.id, point: pointText(point) }), m.id);
    const processing = point.processedBytes / (this.host.params['apply.MBps'] * MB);
    this.booting = record;
    if (processing > 0) {
      beginStep(record, 'processing', t);
      this.timer = this.host.scheduler.timerAfter(processing, this, 'processed', record);
    } else this.processed(record);
  }

  /** Boots the test copy (a recovery plan's group turn). */
  boot(): void {
    if (this.test) endStep(this.test, this.host.now);
    if (this.booting) this.bootCopy(this.booting);
  }

  cleanup(): void {
    const t = this.host.now;
    this.host.scheduler.cancel(this.timer);
    if (this.test && this.test.state === 'inProgress') {
      this.test.state = 'failed';
      this.test.detail = 'cleaned up before the test copy was running';
      this.host.jobs.finish(this.job, 'cancelled', t);
    }
    this.drill.send({ type: 'cleanup.start' });
    const job = this.host.jobs.start('Cleanup test failover', this.m.id, t);
    this.host.log.push(t, 'info', 'testFailover.cleanupStarted', msg('testFailover.cleanupStarted', { machine: this.m.id }), this.m.id);
    this.timer = this.host.scheduler.timerAfter(this.host.params['testFailover.cleanupMinutes'] * 60, this, 'cleanedUp', { job, record: this.test });
  }

  onTimer(name: DrillTimer, arg: unknown): void {
    const a = arg as never;
    if (name === 'processed') this.processed(a);
    else if (name === 'running') this.running(a);
    else this.cleanedUp(a);
  }

  /** The recovery point is processed for the test copy: it boots now, or at its plan group's turn. */
  private processed(record: FailoverRecord): void {
    endStep(record, this.host.now);
    const plan = this.plan;
    if (plan) {
      beginStep(record, 'waitingForPlan', this.host.now);
      this.host.recoveryEvents.emit({ type: 'readyToBoot', plan, machine: this.m.id });
    } else this.bootCopy(record);
  }

  private bootCopy(record: FailoverRecord): void {
    beginStep(record, 'booting', this.host.now);
    this.timer = this.host.scheduler.timerAfter(this.side.bootSeconds(this.side.otherSideName), this, 'running', record);
  }

  private running(record: FailoverRecord): void {
    const t = this.host.now;
    endStep(record, t);
    record.rtoSeconds = t - record.at;
    record.state = 'succeeded';
    this.drill.send({ type: 'test.running' });
    this.host.jobs.finish(this.job, 'succeeded', t);
    this.host.log.push(t, 'info', 'testFailover.completed', msg('testFailover.completed', { machine: this.m.id, rtoSeconds: record.rtoSeconds, verified: record.integrity === 'verified', pointAt: record.recoveryPointAt! }), this.m.id);
    if (this.plan) this.host.recoveryEvents.emit({ type: 'booted', plan: this.plan, machine: this.m.id });
  }

  private cleanedUp({ job, record }: { job: Job; record: FailoverRecord | undefined }): void {
    const now = this.host.now;
    this.drill.send({ type: 'cleanup.done' });
    this.host.jobs.finish(job, 'succeeded', now);
    if (record) record.cleanedUpAt = now;
    this.host.log.push(now, 'info', 'testFailover.cleanedUp', msg('testFailover.cleanedUp', { machine: this.m.id, drillComplete: record?.state === 'succeeded' }), this.m.id);
  }
}
