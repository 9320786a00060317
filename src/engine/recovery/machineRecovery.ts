// Recovery of one machine on the virtual clock: planned and unplanned failover (shut down and
// synchronise, process, boot at the target), change of recovery point, commit, reprotection in
// either direction and failback; the drill is its own part (testFailover.ts). Every figure of a failover comes
// from the data: the point's content is checked against the source, lost writes are the writes the
// source made after the point's watermark, and the RTO is the time until the machine runs.

import type { Actor } from 'xstate';
import type { drillMachine } from '../components/drillMachine';
import type { FailoverStep } from '../components/replicatedItemMachine';
import type { ReplicaDisks } from '../data/replica';
import type { SourceDisks } from '../data/sourceDisks';
import { setDetail, type Job } from '../protection/jobs';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { RecoveryPoints } from '../data/recoveryPoints';
import type { FailoverType, PointChoice } from '../script/config';
import type { MachineRecoveryHost, PlanToken } from './host';
import { beginStep, endStep, fillPoint, newRecord, pointText, type FailoverOptions, type FailoverPreview, type FailoverRecord } from './records';
import { TestFailover } from './testFailover';
import { formatDuration } from '../time/duration';
import type { ScheduledHandle, TimerTarget } from '../time/scheduler';
import { MB } from '../units';
import { latestPoint, pickRetained, retainedPoint, type ChosenPoint, type PointSource } from './points';

import type { Side } from '../scenarios/types';
import { english, isMessage, msg, type Message } from '../messages/index';
export type { Side };

interface Held {
  source: SourceDisks;
  replica: ReplicaDisks;
  points: RecoveryPoints;
}

type RecoveryTimer = 'shutDown' | 'syncTimedOut' | 'processed' | 'running' | 'pointChanged' | 'committed' | 'reprotected' | 'downloadStarts';

export class MachineRecovery implements TimerTarget<RecoveryTimer> {
  /** The machine's drill: its test failover and cleanup. */
  readonly tests: TestFailover;
  /** The failover in progress or last done. */
  current: FailoverRecord | undefined;
  /** What the machine ran from before the failover: its retained points, until commit deletes them. */
  private held: (Held & { id: string }) | undefined;
  /** The disks left on the side the machine came from, for reprotection to the original machine. */
  otherSide: Uint32Array[] | undefined;
  /** After a planned failover between sites the machines stay in step: reverse replication sends only changes. */
  reverseReady = false;
  private job: Job | undefined;
  private options: FailoverOptions | undefined;
  private chosen: ChosenPoint | undefined;
  private stoppedAt = 0;
  /** RTO counts from here: the start, or when a failback that synchronised first is completed. */
  private rtoFrom = 0;
  private seqAtStop = 0;
  private timer: ScheduledHandle | undefined;
  /** A failback waiting to complete (Hyper-V from Azure, data synchronised before failover). */
  waitingToComplete = false;

  constructor(
    private readonly host: MachineRecoveryHost,
    private readonly m: MachineRuntime
  ) {
    this.tests = new TestFailover(host, m, this);
    this.wire();
  }

  /** Listens to what protection tells of the machine (at construction, and on a checkpoint's copy). */
  wire(): void {
    this.m.events.on((e) => {
      if (e.type === 'drained') this.onDrained(e.t);
      else if (e.type === 'failbackCopied') this.onFailbackCopied(e.t);
      else this.copyProgress(e.progress);
    });
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

  /** When the source stopped writing, or now if it still runs (what "latest" can stand for). */
  private stopTime(): number {
    return this.m.off ? Math.min(this.now, this.m.offSince) : this.now;
  }

  /** Retained points to choose from: the stream's, or while pending the side the machine came from. */
  pointSource(): PointSource {
    return this.held ?? this.m.stream;
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
    const point = choice === 'latest' ? latestPoint(s, this.stopTime()) : (() => {
      const k = pickRetained(s, choice);
      return typeof k === 'number' ? retainedPoint(s, k) : k;
    })();
    if (isMessage(point)) return { available: false, reason: english(point), recoveryPointAt: null, writesLost: null, dataLossSeconds: null, rtoSeconds: null, rtoIsMinimum: false };
    const stopped = this.stopTime();
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

  /** The recovery's timers, each the next step of a failover or of what follows it. */
  onTimer(name: RecoveryTimer, arg: unknown): void {
    const a = arg as never;
    switch (name) {
      case 'shutDown': return this.shutDown(a);
      case 'syncTimedOut': return this.syncTimedOut();
      case 'processed': return this.processed(a);
      case 'running': return this.running();
      case 'pointChanged': return this.pointChanged(a);
      case 'committed': return this.committed(a);
      case 'reprotected': return this.reprotected(a);
      case 'downloadStarts': return this.downloadStarts(a);
    }
  }

  // ---- Failover --------------------------------------------------------------------------------

  /** Starts a failover (to the target) or failback (back to the primary site). */
  start(o: FailoverOptions): void {
    const t = this.now;
    const m = this.m;
    // An unplanned failover may take over from a planned one that is still synchronising.
    const previous = this.current?.state === 'inProgress' && m.statePath.startsWith('failingOver') ? this.current : undefined;
    const takingOver = previous !== undefined;
    if (previous) {
      this.host.scheduler.cancel(this.timer);
      this.m.stream.drainSeq = Infinity;
      this.endStep(previous);
      previous.state = 'failed';
      previous.detail = 'replaced by an unplanned failover';
      this.host.jobs.finish(this.job, 'cancelled', t, msg('jobDetail.replaced', {}));
      this.host.log.push(t, 'warning', 'failover.abandoned', msg('failover.abandoned', { machine: m.id }), m.id);
      this.send({ type: 'failover.abandoned' });
    } else {
      this.send({ type: 'failover.start' });
    }
    this.options = o;
    this.chosen = undefined;
    this.rtoFrom = t;
    this.waitingToComplete = false;
    const record = newRecord(this.m.id, o.kind, o.type, o.choice, o.plan?.name ?? null, t);
    this.current = record;
    this.host.failovers.push(record);
    this.job = this.host.jobs.start(o.kind === 'failback' ? 'Failback' : this.jobName(o.type), m.id, t, msg('jobDetail.point', { choice: o.choice }));
    const where = o.kind === 'failback' ? null : this.host.def.recovery.targetWords;
    const how = o.dataSync === 'beforeFailover' ? 'beforeFailover' : o.dataSync === 'duringFailover' ? 'duringFailover' : o.type === 'planned' || o.shutdownSource ? 'shutdown' : 'choice';
    const operation = o.kind === 'failback' ? 'failback' : this.host.def.recovery.plannedUnsupported ? 'failover' : o.type;
    this.host.log.push(t, 'info', 'failover.started', msg('failover.started', { operation, machine: m.id, where, how, choice: o.choice }), m.id);
    if (o.kind === 'failback' && this.host.def.recovery.failback === 'plannedFromAzure') {
      this.startDownload(o.dataSync ?? 'beforeFailover');
      return;
    }
    const problem = takingOver ? msg('block.shutDownNotThrough', {}) : this.sourceProblem();
    if ((o.type === 'planned' || o.shutdownSource) && !problem) {
      this.shutDownThenSync();
      return;
    }
    if (o.shutdownSource && problem) this.host.log.push(t, 'warning', 'failover.sourceUnreachable', msg('failover.sourceUnreachable', { machine: m.id, problem }), m.id);
    this.stopSource(t);
    this.choose(t);
  }

  private jobName(type: FailoverType): 'Failover' | 'Planned failover' | 'Unplanned failover' {
    if (this.host.def.recovery.plannedUnsupported) return 'Failover';
    return type === 'planned' ? 'Planned failover' : 'Unplanned failover';
  }

  /** Why the source cannot be shut down and send its last changes, or undefined. */
  sourceProblem(): Message | undefined {
    if (this.m.off) return msg('block.notRunning', { name: this.m.id });
    if (this.m.stream.mode !== 'delta') return msg('block.notInDelta', { machine: this.m.id });
    return this.host.pathProblem(this.m);
  }

  private shutDownThenSync(): void {
    const record = this.current!;
    this.moveTo(record, 'shuttingDown');
    this.timer = this.host.scheduler.timerAfter(this.params['failover.shutdownMinutes'] * 60, this, 'shutDown', record);
  }

  /** The source has shut down: what it wrote last goes to the target. */
  private shutDown(record: FailoverRecord): void {
    const t = this.now;
    this.stopSource(t);
    this.host.log.push(t, 'info', 'failover.sourceShutDown', msg('failover.sourceShutDown', { machine: this.m.id }), this.m.id);
    if (this.m.stream.startDrain(t)) {
      this.synchronised(t);
      return;
    }
    this.moveTo(record, 'synchronizing');
    this.host.dataPlane.markDirty();
    if (this.options?.type === 'unplanned') this.timer = this.host.scheduler.timerAfter(this.params['failover.syncTimeoutMinutes'] * 60, this, 'syncTimedOut');
  }

  private syncTimedOut(): void {
    this.m.stream.drainSeq = Infinity;
    this.host.log.push(this.now, 'warning', 'failover.syncTimedOut', msg('failover.syncTimedOut', { machine: this.m.id, minutes: this.params['failover.syncTimeoutMinutes'] }), this.m.id);
    this.choose(this.now);
  }

  /** The source stops writing at t (shut down, or left behind by an unplanned failover). */
  private stopSource(t: number): void {
    const m = this.m;
    if (m.shutDown) return; // already shut down by the failover this one takes over from
    this.stoppedAt = m.off ? Math.min(t, m.offSince) : t;
    this.seqAtStop = m.stream.source.seq;
    m.stream.frozen = true;
    // It leaves its replication group now: bookmarks the group had pending cannot complete.
    if (m.stream.group >= 0) this.host.dataPlane.groups.cancel(m.stream.group);
    m.shutDown = true;
    this.host.syncWorkload(m);
  }

  /** The data plane applied everything the source wrote before it was shut down. */
  onDrained(t: number): void {
    if (!this.m.statePath.startsWith('failingOver')) return;
    this.host.scheduler.cancel(this.timer);
    this.synchronised(t);
  }

  /** Everything written before the shutdown is at the target: a point for that moment, nothing lost. */
  private synchronised(t: number): void {
    const s = this.m.stream;
    const o = this.options!;
    // The shutdown point is the newest and, the machine having shut down cleanly, app-consistent.
    if (o.choice === 'latest' || o.choice === 'latestProcessed' || o.choice === 'latestAppConsistent' || o.type === 'planned') {
      s.receivedThrough = Math.max(s.receivedThrough, this.stoppedAt);
      s.points.add(this.stoppedAt, s.appliedSeq, s.replica.position, t, 'app', false);
      s.lastPointAt = this.stoppedAt;
      s.replica.recording = true;
      this.host.log.push(t, 'info', 'failover.synchronised', msg('failover.synchronised', { machine: this.m.id, pointAt: this.stoppedAt }), this.m.id);
      this.chosen = retainedPoint(s, s.points.newest);
      this.chosen.made = true;
    }
    this.choose(t);
  }

  /** Picks the point (unless synchronisation made one), stops replication and moves on to boot. */
  private choose(t: number): void {
    const record = this.current!;
    const o = this.options!;
    const m = this.m;
    if (!this.chosen) {
      const point = this.resolve(o.choice, o.sharedAt, false);
      if (isMessage(point)) {
        this.fail(msg('failover.noPoint', { reason: point }));
        return;
      }
      this.chosen = point;
    }
    const point = this.chosen;
    this.fillPoint(record, point, record.at);
    // Forward replication of this machine ends here; its points stay until commit.
    m.stopReplication();
    const processing = point.processedBytes / (this.params['apply.MBps'] * MB);
    if (processing > 0) {
      this.moveTo(record, 'processing');
      this.host.log.push(t, 'info', 'failover.processing', msg('failover.processing', { machine: m.id, bytes: point.processedBytes }), m.id);
      this.timer = this.host.scheduler.timerAfter(processing, this, 'processed', { record, options: o });
    } else this.processed({ record, options: o });
  }

  /** The point is processed: the machine boots now, or at its recovery plan group's turn. */
  private processed({ record, options }: { record: FailoverRecord; options: FailoverOptions }): void {
    if (options.plan) {
      this.moveTo(record, 'readyToBoot');
      this.host.recoveryEvents.emit({ type: 'readyToBoot', plan: options.plan, machine: this.m.id });
    } else this.boot();
  }

  /** Resolves a choice to a point, or says why none exists. Tests never change the stream. */
  resolve(choice: PointChoice, sharedAt: number | undefined, test: boolean): ChosenPoint | Message {
    const s = this.m.stream;
    if (choice === 'latest') {
      const p = latestPoint(s, this.stopTime());
      if (isMessage(p) || !p.made || test) return p;
      // A real failover processes the data for good: the point joins the retained ones.
      s.applyThrough(p.watermark);
      s.points.add(p.at, p.watermark, s.replica.position, this.now, 'crash', false);
      s.lastPointAt = p.at;
      return { ...p, content: s.replica.disks.map((d) => d.slice()) };
    }
    const k = pickRetained(s, choice, sharedAt);
    return typeof k === 'number' ? retainedPoint(s, k) : k;
  }

  /** Boots the machine at the other side (now, or at its recovery plan group's turn). */
  boot(): void {
    const record = this.current!;
    this.moveTo(record, 'booting');
    this.timer = this.host.scheduler.timerAfter(this.bootSeconds(this.otherSideName), this, 'running');
  }

  private running(): void {
    const t = this.now;
    const m = this.m;
    const record = this.current!;
    const point = this.chosen!;
    this.endStep(record);
    const from = m.stream;
    this.held = { id: m.id, source: from.source, replica: from.replica, points: from.points };
    // The disks left behind are the source's as they were when it stopped.
    this.otherSide = from.source.disks.map((d) => d.slice());
    from.takeOver(point.content, undefined);
    m.side = m.side === 'primary' ? 'target' : 'primary';
    m.sideSince = t;
    // Only a VM that runs on its Hyper-V host keeps a snapshot and logs on the host's volume.
    const host = m.config.host;
    from.useVolume(m.side === 'primary' && host !== undefined ? this.host.volumes.get(host) : undefined);
    from.group = m.side === 'primary' ? m.homeGroup : -1;
    this.reverseReady = record.type === 'planned' && this.host.def.target === 'secondary';
    record.rtoSeconds = t - this.rtoFrom;
    record.state = 'succeeded';
    this.host.jobs.finish(this.job, 'succeeded', t);
    this.send({ type: 'failover.done' });
    // The conditions follow the machine to its new side; it starts writing there.
    this.host.reconcile();
    m.shutDown = false;
    this.host.syncWorkload(m);
    this.host.healthMayHaveChanged(m);
    const where = m.side === 'primary' ? null : this.host.def.recovery.targetWords;
    const reverses = this.reversesByItself(record);
    const next = reverses ? 'reverses' : this.host.def.recovery.autoCommit ? 'none' : 'commit';
    this.host.log.push(
      t,
      record.writesLost! > 0 ? 'warning' : 'info',
      'failover.completed',
      msg('failover.completed', { machine: m.id, where, rtoSeconds: record.rtoSeconds, point: pointText(point), writesLost: record.writesLost!, dataLossSeconds: record.dataLossSeconds!, verified: record.integrity === 'verified', next }),
      m.id
    );
    if (this.options?.plan) this.host.recoveryEvents.emit({ type: 'booted', plan: this.options.plan, machine: m.id });
    if (this.host.def.recovery.autoCommit || reverses) this.commit(true);
  }

  /**
   * Whether this failover leaves the machine protected by itself: a planned failover (or failback)
   * between two on-premises sites is committed and reverses replication at once (seed 002).
   */
  private reversesByItself(record: FailoverRecord): boolean {
    return record.type === 'planned' && record.state === 'succeeded' && this.host.def.recovery.protectedAfterPlanned;
  }

  private fail(why: Message): void {
    const t = this.now;
    const record = this.current!;
    const reason = english(why);
    this.endStep(record);
    record.state = 'failed';
    record.detail = reason;
    this.host.jobs.finish(this.job, 'failed', t, why);
    this.host.log.push(t, 'error', 'failover.failed', msg('failover.failed', { machine: this.m.id, reason: why }), this.m.id);
    this.m.shutDown = false;
    this.m.stream.frozen = false;
    this.send({ type: 'failover.failed', reason: msg('error.failoverFailed', { reason: why }) });
    this.host.syncWorkload(this.m);
    if (this.options?.plan) this.host.recoveryEvents.emit({ type: 'failed', plan: this.options.plan, machine: this.m.id });
  }

  // ---- After failover --------------------------------------------------------------------------

  /** Boots the machine again from another retained point (writes made since the failover are discarded). */
  changePoint(choice: PointChoice): void {
    const t = this.now;
    const m = this.m;
    const held = this.held!;
    const k = choice === 'latest' ? held.points.newest : pickRetained(held, choice);
    if (typeof k !== 'number') return;
    const point = retainedPoint(held, k);
    const record = this.current!;
    this.send({ type: 'point.change' });
    const job = this.host.jobs.start('Change recovery point', m.id, t, msg('jobDetail.toPoint', { point: pointText(point) }));
    this.host.log.push(t, 'info', 'failover.pointChanging', msg('failover.pointChanging', { machine: m.id, point: pointText(point) }), m.id);
    m.shutDown = true;
    this.host.syncWorkload(m);
    this.timer = this.host.scheduler.timerAfter(this.bootSeconds(m.side), this, 'pointChanged', { point, record, choice, job });
  }

  private pointChanged({ point, record, choice, job }: { point: ChosenPoint; record: FailoverRecord; choice: PointChoice; job: Job }): void {
    const now = this.now;
    const m = this.m;
    m.stream.takeOver(point.content, undefined);
    m.shutDown = false;
    this.host.syncWorkload(m);
    this.chosen = point;
    this.fillPoint(record, point, record.at);
    record.recoveryPoint = typeof choice === 'number' ? formatDuration(choice) : choice;
    record.pointChanges++;
    this.host.jobs.finish(job, 'succeeded', now);
    this.send({ type: 'point.changed' });
    this.host.log.push(now, record.writesLost! > 0 ? 'warning' : 'info', 'failover.pointChanged', msg('failover.pointChanged', { machine: m.id, point: pointText(point), writesLost: record.writesLost!, dataLossSeconds: record.dataLossSeconds! }), m.id);
  }

  commit(automatic = false): void {
    const t = this.now;
    const m = this.m;
    const reverses = this.current !== undefined && this.reversesByItself(this.current);
    this.send({ type: 'commit.start' });
    const job = this.host.jobs.start('Commit', m.id, t, automatic ? msg('jobDetail.commitAutomatic', { betweenSites: reverses }) : '');
    this.timer = this.host.scheduler.timerAfter(automatic ? 0 : this.params['commit.minutes'] * 60, this, 'committed', { job, automatic, reverses });
  }

  private committed({ job, automatic, reverses }: { job: Job; automatic: boolean; reverses: boolean }): void {
    const now = this.now;
    const m = this.m;
    const points = this.held?.points.length ?? 0;
    this.held = undefined;
    if (this.current) this.current.committedAt = now;
    this.host.jobs.finish(job, 'succeeded', now);
    this.send({ type: 'commit.done' });
    this.host.log.push(now, 'info', 'failover.committed', msg('failover.committed', { machine: m.id, automatic, points, inStep: this.reverseReady }), m.id);
    // Back from Azure to Hyper-V: replication to Azure resumes by itself, sending only changes.
    if (this.current?.kind === 'failback' && this.host.def.recovery.failback === 'plannedFromAzure') this.reprotect('original', true);
    // A planned failover between sites: the machine is protected in the other direction at once.
    else if (reverses) this.reprotect('original', true);
  }

  /** Starts replication to the other side: the original machine's disks (changes only) or new ones (everything). */
  reprotect(location: 'original' | 'alternate', automatic = false): void {
    const t = this.now;
    const m = this.m;
    const toPrimary = m.side === 'target';
    const name = this.host.def.target === 'secondary' ? 'Reverse replication' : 'Reprotect';
    const job = this.host.jobs.start(name, m.id, t, msg('jobDetail.reprotect', { automatic, alternate: location === 'alternate' }));
    this.send({ type: 'reprotect.start' });
    const direction = toPrimary ? 'primary' : this.host.def.target === 'azure' ? 'azure' : 'secondary';
    this.host.log.push(t, 'info', 'reprotect.started', msg('reprotect.started', { reverse: name === 'Reverse replication', machine: m.id, direction, automatic }), m.id);
    this.timer = this.host.scheduler.timerAfter(this.params['reprotect.minutes'] * 60, this, 'reprotected', { job, location, toPrimary });
  }

  private reprotected({ job, location, toPrimary }: { job: Job; location: 'original' | 'alternate'; toPrimary: boolean }): void {
    const m = this.m;
    // Replication was disabled meanwhile: there is nothing to set up.
    if (m.statePath !== 'reprotecting') {
      this.host.jobs.finish(job, 'cancelled', this.now, msg('jobDetail.disabled', {}));
      return;
    }
    const s = m.stream;
    s.setReplica(location === 'original' ? this.otherSide : undefined);
    s.group = m.side === 'primary' ? m.homeGroup : -1;
    // VMware failback uses the failback policy's RPO threshold (BEYOND.md, Reprotect and failback).
    s.rpoThreshold = toPrimary && this.host.def.recovery.failback === 'reprotectFromAzure' ? 15 * 60 : this.host.policy.rpoThreshold;
    m.reprotectCopy = { kind: location === 'original' ? 'resync' : 'initial', job, skipChecksums: this.reverseReady && location === 'original' };
    this.otherSide = undefined;
    this.reverseReady = false;
    this.send({ type: 'reprotect.ready' });
  }

  // ---- Failback from Azure to Hyper-V ----------------------------------------------------------

  /**
   * Hyper-V back from Azure is a planned failover that downloads the data: either synchronised by
   * checksums while the Azure VM runs (then completed by hand: short downtime), or all of it after
   * the Azure VM is shut down (longer downtime).
   */
  private startDownload(dataSync: 'beforeFailover' | 'duringFailover'): void {
    const t = this.now;
    const m = this.m;
    const record = this.current!;
    const s = m.stream;
    if (dataSync === 'beforeFailover') {
      s.setReplica(this.otherSide);
      this.moveTo(record, 'synchronizing');
      m.copyKind = 'failback';
      this.host.dataPlane.startCopy(s, 'resync', t, t + m.checksumSeconds());
      this.host.log.push(t, 'info', 'failback.syncStarted', msg('failback.syncStarted', { machine: m.id }), m.id);
      return;
    }
    this.moveTo(record, 'shuttingDown');
    this.timer = this.host.scheduler.timerAfter(this.params['failover.shutdownMinutes'] * 60, this, 'downloadStarts', record);
  }

  /** The Azure VM has shut down: all of its data is downloaded. */
  private downloadStarts(record: FailoverRecord): void {
    const now = this.now;
    const m = this.m;
    const s = m.stream;
    this.stopSource(now);
    s.setReplica(undefined);
    this.moveTo(record, 'synchronizing');
    m.copyKind = 'failback';
    this.host.dataPlane.startCopy(s, 'initial', now, now);
    this.host.dataPlane.markDirty();
    this.host.log.push(now, 'info', 'failback.downloadStarted', msg('failback.downloadStarted', { machine: m.id }), m.id);
  }

  /** How far the failback's download has come (0..1), for the jobs list. */
  copyProgress(p: number): void {
    if (this.job?.state === 'inProgress') this.job.progress = p;
  }

  /** The failback copy is complete. */
  onFailbackCopied(t: number): void {
    const record = this.current!;
    const m = this.m;
    m.copyKind = undefined;
    if (m.shutDown) {
      // Downloaded after the shutdown: the on-premises disks are the Azure VM's as it stopped.
      this.synchronised(t);
      return;
    }
    this.moveTo(record, 'waitingToComplete');
    this.waitingToComplete = true;
    if (this.job) {
      this.job.state = 'waitingForInput';
      setDetail(this.job, msg('jobDetail.synchronised', {}));
    }
    this.host.log.push(t, 'info', 'failback.waitingToComplete', msg('failback.waitingToComplete', { machine: m.id }), m.id);
  }

  /** Completes a failback that synchronised before failover: shut down in Azure, send the rest, boot. */
  complete(): void {
    this.waitingToComplete = false;
    this.rtoFrom = this.now;
    if (this.job) {
      this.job.state = 'inProgress';
      setDetail(this.job, msg('jobDetail.completing', {}));
    }
    this.shutDownThenSync();
  }

  /** Moves the replicated item on; its health follows its state. */
  private send(event: Parameters<MachineRuntime['item']['send']>[0]): void {
    this.m.item.send(event);
    this.host.healthMayHaveChanged(this.m);
  }

  // ---- Records ---------------------------------------------------------------------------------

  /** The point a failover uses, and what it loses: the writes and seconds after it, up to the source's stop. */
  private fillPoint(record: FailoverRecord, point: ChosenPoint, t: number): void {
    fillPoint(record, point, t, { writes: this.seqAtStop - point.watermark, seconds: this.stoppedAt - point.at });
  }

  private moveTo(record: FailoverRecord, step: FailoverStep): void {
    beginStep(record, step, this.now);
    this.send({ type: 'failover.step', step });
  }

  private endStep(record: FailoverRecord): void {
    endStep(record, this.now);
  }
}
