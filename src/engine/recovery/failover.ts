// One machine's failover or failback as it happens to the data: the chart (failoverMachine) says
// when each step comes; this part does what the step means. It stops the source, adds the
// shutdown point once everything the source wrote is at the other side, picks and processes the
// point, and moves the machine to the other side when it boots. For a failback from Azure to
// Hyper-V it first downloads the data. Every figure comes from the data: the point's content is
// checked against the source, lost writes are the writes the source made after the point's
// watermark, and the RTO is the time until the machine runs.

import type { Actor } from 'xstate';
import { failoverMachine, type FailoverEmitted, type FailoverEvent, type FailoverPath } from '../components/failoverMachine';
import type { FailoverStep } from '../components/replicatedItemMachine';
import type { ReplicaDisks } from '../data/replica';
import type { RecoveryPoints } from '../data/recoveryPoints';
import type { SourceDisks } from '../data/sourceDisks';
import { setDetail, type Job } from '../protection/jobs';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { FailoverType, PointChoice } from '../script/config';
import type { Side } from '../scenarios/types';
import { MB } from '../units';
import { english, isMessage, msg, type Message } from '../messages/index';
import type { MachineRecoveryHost } from './host';
import { latestPoint, pickRetained, retainedPoint, type ChosenPoint } from './points';
import { beginStep, endStep, fillPoint, newRecord, pointText, type FailoverOptions, type FailoverRecord } from './records';

/** What the machine ran from before the failover: its retained points, until commit deletes them. */
export interface Held {
  source: SourceDisks;
  replica: ReplicaDisks;
  points: RecoveryPoints;
}

/** What a failover asks of the machine's recovery: how long booting takes, and the item's moves. */
export interface FailoverSide {
  readonly otherSideName: Side;
  bootSeconds(on: Side): number;
  /** Moves the replicated item on; its health follows its state. */
  send(event: Parameters<MachineRuntime['item']['send']>[0]): void;
  /** Called when the machine runs at the other side (commit follows, by hand or by itself). */
  ranAtOtherSide(automaticCommit: boolean): void;
}

export class Failover {
  /** The chart of the failover in progress or last done; made at the machine's first failover. */
  actor: Actor<typeof failoverMachine> | undefined;
  /** The failover in progress or last done. */
  current: FailoverRecord | undefined;
  /** The point the machine runs from (or will). */
  chosen: ChosenPoint | undefined;
  /** What the machine ran from before the failover, until commit deletes it. */
  held: (Held & { id: string }) | undefined;
  /** The disks left on the side the machine came from, for reprotection to the original machine. */
  otherSide: Uint32Array[] | undefined;
  /** After a planned failover between sites the machines stay in step: reverse replication sends only changes. */
  reverseReady = false;
  /** A failback waiting to complete (Hyper-V from Azure, data synchronised before failover). */
  waitingToComplete = false;
  private job: Job | undefined;
  private options: FailoverOptions | undefined;
  private stoppedAt = 0;
  /** RTO counts from here: the start, or when a failback that synchronised first is completed. */
  private rtoFrom = 0;
  private seqAtStop = 0;

  constructor(
    private readonly host: MachineRecoveryHost,
    private readonly m: MachineRuntime,
    private readonly side: FailoverSide
  ) {}

  /** Listens to the chart (at its making, and on a checkpoint's copy). */
  wire(): void {
    this.actor?.on('*', (e) => this.onStep(e as FailoverEmitted));
  }

  private get params() {
    return this.host.params;
  }

  private get now(): number {
    return this.host.now;
  }

  /** Whether a failover is under way (the item is failing over). */
  get running(): boolean {
    return this.m.statePath.startsWith('failingOver');
  }

  private tell(event: FailoverEvent): void {
    if (!this.actor) {
      this.actor = this.host.scheduler.actor(failoverMachine);
      this.wire();
      this.actor.start();
    }
    this.actor.send(event);
  }

  /** Starts a failover (to the target) or failback (back to the primary site). */
  start(o: FailoverOptions): void {
    const t = this.now;
    const m = this.m;
    // An unplanned failover may take over from a planned one that is still synchronising.
    const previous = this.current?.state === 'inProgress' && this.running ? this.current : undefined;
    const takingOver = previous !== undefined;
    if (previous) {
      this.tell({ type: 'abandon' });
      this.m.stream.drainSeq = Infinity;
      endStep(previous, t);
      previous.state = 'failed';
      previous.detail = 'replaced by an unplanned failover';
      this.host.jobs.finish(this.job, 'cancelled', t, msg('jobDetail.replaced', {}));
      this.host.log.push(t, 'warning', 'failover.abandoned', msg('failover.abandoned', { machine: m.id }), m.id);
      this.side.send({ type: 'failover.abandoned' });
    } else {
      this.side.send({ type: 'failover.start' });
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
      if ((o.dataSync ?? 'beforeFailover') === 'beforeFailover') this.downloadWhileRunning();
      else this.begin('shutDownThenDownload');
      return;
    }
    const problem = takingOver ? msg('block.shutDownNotThrough', {}) : this.sourceProblem();
    if ((o.type === 'planned' || o.shutdownSource) && !problem) {
      this.begin('shutDown');
      return;
    }
    if (o.shutdownSource && problem) this.host.log.push(t, 'warning', 'failover.sourceUnreachable', msg('failover.sourceUnreachable', { machine: m.id, problem }), m.id);
    this.stopSource(t);
    this.begin('choose');
  }

  private begin(path: FailoverPath): void {
    const o = this.options!;
    this.tell({
      type: 'start',
      path,
      shutdownMs: this.params['failover.shutdownMinutes'] * 60_000,
      syncTimeoutMs: o.type === 'unplanned' ? this.params['failover.syncTimeoutMinutes'] * 60_000 : null,
      bootMs: this.side.bootSeconds(this.side.otherSideName) * 1000,
      inPlan: o.plan !== undefined
    });
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

  /** What each step of the chart means for the data, the record, the job and the event log. */
  private onStep(e: FailoverEmitted): void {
    switch (e.type) {
      case 'step': return this.moveTo(e.step);
      case 'shutDown': return this.shutDown();
      case 'downloadStarts': return this.downloadStarts();
      case 'syncTimedOut': return this.syncTimedOut();
      case 'synchronised': return this.synchronised(this.now);
      case 'choose': return this.choose(this.now);
      case 'readyToBoot': return this.host.recoveryEvents.emit({ type: 'readyToBoot', plan: this.options!.plan!, machine: this.m.id });
      case 'running': return this.ran();
    }
  }

  /** The source has shut down: what it wrote last goes to the target. */
  private shutDown(): void {
    const t = this.now;
    this.stopSource(t);
    this.host.log.push(t, 'info', 'failover.sourceShutDown', msg('failover.sourceShutDown', { machine: this.m.id }), this.m.id);
    if (this.m.stream.startDrain(t)) {
      this.tell({ type: 'drained' });
      return;
    }
    this.tell({ type: 'pending' });
    this.host.dataPlane.markDirty();
  }

  private syncTimedOut(): void {
    this.m.stream.drainSeq = Infinity;
    this.host.log.push(this.now, 'warning', 'failover.syncTimedOut', msg('failover.syncTimedOut', { machine: this.m.id, minutes: this.params['failover.syncTimeoutMinutes'] }), this.m.id);
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
  onDrained(): void {
    if (this.running) this.tell({ type: 'drained' });
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
    this.fillPoint(record, point);
    // Forward replication of this machine ends here; its points stay until commit.
    m.stopReplication();
    const processing = point.processedBytes / (this.params['apply.MBps'] * MB);
    if (processing > 0) this.host.log.push(t, 'info', 'failover.processing', msg('failover.processing', { machine: m.id, bytes: point.processedBytes }), m.id);
    this.tell({ type: 'chosen', processingMs: processing * 1000 });
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

  /** When the source stopped writing, or now if it still runs (what "latest" can stand for). */
  stopTime(): number {
    return this.m.off ? Math.min(this.now, this.m.offSince) : this.now;
  }

  /** Boots the machine at the other side: its recovery plan group's turn. */
  boot(): void {
    this.tell({ type: 'boot' });
  }

  /** The machine runs at the other side. */
  private ran(): void {
    const t = this.now;
    const m = this.m;
    const record = this.current!;
    const point = this.chosen!;
    endStep(record, t);
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
    this.side.send({ type: 'failover.done' });
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
    this.side.ranAtOtherSide(this.host.def.recovery.autoCommit || reverses);
  }

  /**
   * Whether this failover leaves the machine protected by itself: a planned failover (or failback)
   * between two on-premises sites is committed and reverses replication at once (seed 002).
   */
  reversesByItself(record: FailoverRecord): boolean {
    return record.type === 'planned' && record.state === 'succeeded' && this.host.def.recovery.protectedAfterPlanned;
  }

  private fail(why: Message): void {
    const t = this.now;
    const record = this.current!;
    endStep(record, t);
    record.state = 'failed';
    record.detail = english(why);
    this.host.jobs.finish(this.job, 'failed', t, why);
    this.host.log.push(t, 'error', 'failover.failed', msg('failover.failed', { machine: this.m.id, reason: why }), this.m.id);
    this.m.shutDown = false;
    this.m.stream.frozen = false;
    this.tell({ type: 'noPoint' });
    this.side.send({ type: 'failover.failed', reason: msg('error.failoverFailed', { reason: why }) });
    this.host.syncWorkload(this.m);
    if (this.options?.plan) this.host.recoveryEvents.emit({ type: 'failed', plan: this.options.plan, machine: this.m.id });
  }

  // ---- Failback from Azure to Hyper-V ----------------------------------------------------------
  // A planned failover that downloads the data: either synchronised by checksums while the Azure VM
  // runs (then completed by hand: short downtime), or all of it after the Azure VM is shut down
  // (longer downtime).

  private downloadWhileRunning(): void {
    const t = this.now;
    const m = this.m;
    const s = m.stream;
    s.setReplica(this.otherSide);
    this.begin('download');
    m.copyKind = 'failback';
    this.host.dataPlane.startCopy(s, 'resync', t, t + m.checksumSeconds());
    this.host.log.push(t, 'info', 'failback.syncStarted', msg('failback.syncStarted', { machine: m.id }), m.id);
  }

  /** The Azure VM has shut down: all of its data is downloaded. */
  private downloadStarts(): void {
    const now = this.now;
    const m = this.m;
    const s = m.stream;
    this.stopSource(now);
    s.setReplica(undefined);
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
    const m = this.m;
    m.copyKind = undefined;
    if (m.shutDown) {
      // Downloaded after the shutdown: the on-premises disks are the Azure VM's as it stopped.
      this.tell({ type: 'drained' });
      return;
    }
    this.tell({ type: 'copied' });
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
    this.tell({ type: 'complete' });
  }

  // ---- Records ---------------------------------------------------------------------------------

  /** The point a failover uses, and what it loses: the writes and seconds after it, up to the source's stop. */
  fillPoint(record: FailoverRecord, point: ChosenPoint): void {
    fillPoint(record, point, record.at, { writes: this.seqAtStop - point.watermark, seconds: this.stoppedAt - point.at });
  }

  private moveTo(step: FailoverStep): void {
    beginStep(this.current!, step, this.now);
    this.side.send({ type: 'failover.step', step });
  }
}
