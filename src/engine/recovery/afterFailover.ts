// What follows a failover on the virtual clock: booting again from another retained point (writes
// made since are discarded), commit (the points of the side the machine came from are deleted), and
// reprotection, which starts replication to the other side, to the original machine's disks
// (changes only) or to new ones (everything).

import type { Job } from '../protection/jobs';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { PointChoice } from '../script/config';
import { formatDuration } from '../time/duration';
import type { TimerTarget } from '../time/scheduler';
import { msg } from '../messages/index';
import type { Failover, FailoverSide } from './failover';
import type { MachineRecoveryHost } from './host';
import { pickRetained, retainedPoint, type ChosenPoint } from './points';
import { pointText, type FailoverRecord } from './records';

type AfterTimer = 'pointChanged' | 'committed' | 'reprotected';

interface PointChange {
  point: ChosenPoint;
  record: FailoverRecord;
  choice: PointChoice;
  job: Job;
}

interface Commit {
  job: Job;
  automatic: boolean;
  reverses: boolean;
}

interface Reprotection {
  job: Job;
  location: 'original' | 'alternate';
  toPrimary: boolean;
}

export class AfterFailover implements TimerTarget<AfterTimer> {
  constructor(
    private readonly host: MachineRecoveryHost,
    private readonly m: MachineRuntime,
    private readonly failover: Failover,
    private readonly side: FailoverSide
  ) {}

  onTimer(name: AfterTimer, arg: unknown): void {
    const a = arg as never;
    if (name === 'pointChanged') this.pointChanged(a);
    else if (name === 'committed') this.committed(a);
    else this.reprotected(a);
  }

  /** Boots the machine again from another retained point (writes made since the failover are discarded). */
  changePoint(choice: PointChoice): void {
    const t = this.host.now;
    const m = this.m;
    const held = this.failover.held!;
    const k = choice === 'latest' ? held.points.newest : pickRetained(held, choice);
    if (typeof k !== 'number') return;
    const point = retainedPoint(held, k);
    const record = this.failover.current!;
    this.side.send({ type: 'point.change' });
    const job = this.host.jobs.start('Change recovery point', m.id, t, msg('jobDetail.toPoint', { point: pointText(point) }));
    this.host.log.push(t, 'info', 'failover.pointChanging', msg('failover.pointChanging', { machine: m.id, point: pointText(point) }), m.id);
    m.shutDown = true;
    this.host.syncWorkload(m);
    this.host.scheduler.timerAfter(this.side.bootSeconds(m.side), this, 'pointChanged', { point, record, choice, job } satisfies PointChange);
  }

  private pointChanged({ point, record, choice, job }: PointChange): void {
    const now = this.host.now;
    const m = this.m;
    m.stream.takeOver(point.content, undefined);
    m.shutDown = false;
    this.host.syncWorkload(m);
    this.failover.chosen = point;
    this.failover.fillPoint(record, point);
    record.recoveryPoint = typeof choice === 'number' ? formatDuration(choice) : choice;
    record.pointChanges++;
    this.host.jobs.finish(job, 'succeeded', now);
    this.side.send({ type: 'point.changed' });
    this.host.log.push(now, record.writesLost! > 0 ? 'warning' : 'info', 'failover.pointChanged', msg('failover.pointChanged', { machine: m.id, point: pointText(point), writesLost: record.writesLost!, dataLossSeconds: record.dataLossSeconds! }), m.id);
  }

  commit(automatic = false): void {
    const t = this.host.now;
    const current = this.failover.current;
    const reverses = current !== undefined && this.failover.reversesByItself(current);
    this.side.send({ type: 'commit.start' });
    const job = this.host.jobs.start('Commit', this.m.id, t, automatic ? msg('jobDetail.commitAutomatic', { betweenSites: reverses }) : '');
    this.host.scheduler.timerAfter(automatic ? 0 : this.host.params['commit.minutes'] * 60, this, 'committed', { job, automatic, reverses } satisfies Commit);
  }

  private committed({ job, automatic, reverses }: Commit): void {
    const now = this.host.now;
    const m = this.m;
    const f = this.failover;
    const points = f.held?.points.length ?? 0;
    f.held = undefined;
    if (f.current) f.current.committedAt = now;
    this.host.jobs.finish(job, 'succeeded', now);
    this.side.send({ type: 'commit.done' });
    this.host.log.push(now, 'info', 'failover.committed', msg('failover.committed', { machine: m.id, automatic, points, inStep: f.reverseReady }), m.id);
    // Back from Azure to Hyper-V: replication to Azure resumes by itself, sending only changes.
    if (f.current?.kind === 'failback' && this.host.def.recovery.failback === 'plannedFromAzure') this.reprotect('original', true);
    // A planned failover between sites: the machine is protected in the other direction at once.
    else if (reverses) this.reprotect('original', true);
  }

  /** Starts replication to the other side: the original machine's disks (changes only) or new ones (everything). */
  reprotect(location: 'original' | 'alternate', automatic = false): void {
    const t = this.host.now;
    const m = this.m;
    const toPrimary = m.side === 'target';
    const name = this.host.def.target === 'secondary' ? 'Reverse replication' : 'Reprotect';
    const job = this.host.jobs.start(name, m.id, t, msg('jobDetail.reprotect', { automatic, alternate: location === 'alternate' }));
    this.side.send({ type: 'reprotect.start' });
    const direction = toPrimary ? 'primary' : this.host.def.target === 'azure' ? 'azure' : 'secondary';
    this.host.log.push(t, 'info', 'reprotect.started', msg('reprotect.started', { reverse: name === 'Reverse replication', machine: m.id, direction, automatic }), m.id);
    this.host.scheduler.timerAfter(this.host.params['reprotect.minutes'] * 60, this, 'reprotected', { job, location, toPrimary } satisfies Reprotection);
  }

  private reprotected({ job, location, toPrimary }: Reprotection): void {
    const m = this.m;
    const f = this.failover;
    // Replication was disabled meanwhile: there is nothing to set up.
    if (m.statePath !== 'reprotecting') {
      this.host.jobs.finish(job, 'cancelled', this.host.now, msg('jobDetail.disabled', {}));
      return;
    }
    const s = m.stream;
    s.setReplica(location === 'original' ? f.otherSide : undefined);
    s.group = m.side === 'primary' ? m.homeGroup : -1;
    // VMware failback uses the failback policy's RPO threshold (BEYOND.md, Reprotect and failback).
    s.rpoThreshold = toPrimary && this.host.def.recovery.failback === 'reprotectFromAzure' ? 15 * 60 : this.host.policy.rpoThreshold;
    m.reprotectCopy = { kind: location === 'original' ? 'resync' : 'initial', job, skipChecksums: f.reverseReady && location === 'original' };
    f.otherSide = undefined;
    f.reverseReady = false;
    this.side.send({ type: 'reprotect.ready' });
  }
}
