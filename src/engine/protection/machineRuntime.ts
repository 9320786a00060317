// One protected machine at run time: its replicated-item and retry actors on the virtual clock,
// its agent, its data stream, and the jobs and events its lifecycle produces.

import type { Actor } from 'xstate';
import { agentMachine } from '../components/agentMachine';
import { replicatedItemMachine, type ReplicatedItemEmitted } from '../components/replicatedItemMachine';
import { retryMachine, type RetryEmitted } from '../components/retryMachine';
import type { MachineStream } from '../data/stream';
import type { Derived } from '../data/types';
import { DomainEvents } from '../events';
import type { MachineConfig } from '../script/config';
import { statePaths, type Health } from '../components/states';
import { setDetail, type Job } from './jobs';
import type { Side } from '../scenarios/types';
import { afterNonRecoverable, resyncByHand } from '../scenarios/advice';
import { msg, type Message, type Text } from '../messages/index';
import type { MachineContextOf, ProtectionEvent } from './machineContext';

export type { Block, ProtectionEvent } from './machineContext';
/** What a machine needs from the simulation around it. */
export type MachineContext = MachineContextOf<MachineRuntime>;

/** How long a scheduled resync that meets a network fault waits before it is tried again. */
const RESYNC_RETRY_MS = 30 * 60_000;

export class MachineRuntime {
  readonly item: Actor<typeof replicatedItemMachine>;
  readonly retries: Array<Actor<typeof retryMachine> | undefined>;
  readonly agent: Actor<typeof agentMachine>;
  health: Health = 'notApplicable';
  healthReason = 'Replication is not enabled';
  /** The health reason as a message. */
  healthText: Message = msg('health.notEnabled', {});
  off = false;
  authFailed = false;
  /**
   * The control plane's view of the RPO and recovery-point state, updated by the data plane's
   * events in time order (the stream's own flags are already at the end of the window).
   */
  rpoExceeded = false;
  pointsStale = false;
  /** Writes were made that no log recorded (host out of disk space): a resync follows recovery. */
  trackingLost = false;
  /** Its log could not grow on its host's full volume; cleared when a retry finds room again. */
  lowDisk = false;
  /** The process server it is moving to, while its old one still uploads what it holds of it. */
  pendingMove: string | undefined;
  /** Where the machine runs: at the primary site, or failed over to the target. */
  side: Side = 'primary';
  /** When it last moved to its side (faults aimed at the machine before then hit the other copy). */
  sideSince = -1;
  /** The source was shut down by a failover (it stays down whatever the faults do). */
  shutDown = false;
  /** When the machine last stopped running. */
  offSince = 0;
  /** Its replication group, which it leaves while it replicates back from the target. */
  readonly homeGroup: number;
  copyKind: 'initial' | 'resync' | 'failback' | undefined;
  /** Reprotection sets this: the next resync is its copy (to the original disks, or everything to new ones). */
  reprotectCopy: { kind: 'initial' | 'resync'; job: Job; skipChecksums: boolean } | undefined;
  /** What happened to the machine that the layers above may act on. */
  readonly events = new DomainEvents<ProtectionEvent>();
  private enableJob: Job | undefined;
  private finalizeJob: Job | undefined;
  private resyncJob: Job | undefined;
  private disableJob: Job | undefined;

  constructor(
    readonly config: MachineConfig,
    readonly stream: MachineStream,
    private ctx: MachineContext,
    timing: { enableMs: number; finalizeMs: number; disableMs: number },
    networkHops: number,
    agentInstalled: boolean
  ) {
    const scheduler = ctx.scheduler;
    this.item = scheduler.actor(replicatedItemMachine, { input: timing });
    this.retries = Array.from({ length: networkHops + 1 }, (_, h) => (h < networkHops ? scheduler.actor(retryMachine) : undefined));
    this.agent = scheduler.actor(agentMachine);
    this.homeGroup = stream.group;
    this.wire(ctx);
    this.item.start();
    for (const r of this.retries) r?.start();
    this.agent.start();
    if (agentInstalled) this.agent.send({ type: 'agent.installed' });
  }

  /** Takes its context and listens to its statecharts (at construction, and on a checkpoint's copy). */
  wire(ctx: MachineContext): void {
    this.ctx = ctx;
    this.item.on('*', (e) => this.onItem(e as ReplicatedItemEmitted));
    this.retries.forEach((r, h) => r?.on('*', (e) => this.onRetry(h, e as RetryEmitted)));
  }

  /** How this scenario copies a machine's disks at first, as a learner would want it said. */
  private initialCopyHow(): Message {
    return msg('part.initialCopy', { tracker: this.stream.tracker, disks: this.config.disks.length });
  }

  get id(): string {
    return this.config.id;
  }

  get now(): number {
    return this.ctx.scheduler.now;
  }

  /** The protection state as a dotted path ("replicating.protected"), worked out once per snapshot. */
  get statePath(): string {
    const snapshot = this.item.getSnapshot();
    if (snapshot !== this.pathOf) {
      this.pathOf = snapshot;
      this.path = statePaths(snapshot.value)[0] ?? '';
    }
    return this.path;
  }
  private pathOf: unknown = null;
  private path = '';

  /** Short protection state for reports: the innermost meaningful state. */
  get protection(): string {
    const p = this.statePath;
    if (p.startsWith('replicating.resyncRequired')) return 'resyncRequired';
    if (p.startsWith('replicating.')) return p.slice('replicating.'.length);
    if (p.startsWith('failingOver')) return 'failingOver';
    if (p === 'failedOver.pending' || p === 'failedOver.changingPoint') return 'failedOver';
    if (p.startsWith('failedOver.')) return p.slice('failedOver.'.length);
    return p;
  }

  /** Whether the copy running now is a reprotection's (replicating to the other side for the first time). */
  get reprotectCopying(): boolean {
    const name = this.resyncJob?.state === 'inProgress' ? this.resyncJob.name : undefined;
    return name === 'Reprotect' || name === 'Reverse replication';
  }

  /** Seconds the checksum pass of a resync takes. */
  checksumSeconds(): number {
    return this.ctx.checksumSeconds(this);
  }

  /** Replication stops for a failover: nothing more is sent; retained points stay until commit. */
  stopReplication(): void {
    const s = this.stream;
    if (s.mode !== 'off') s.stop();
    this.resetRetries();
    // A source shut down for the failover already left its group then (at a moment of its own).
    if (!s.frozen) this.ctx.groupStopped(this);
    this.copyKind = undefined;
    s.rpoActive = false;
    s.rpoExceeded = false;
    s.pointsStale = false;
    this.rpoExceeded = false;
    this.pointsStale = false;
    for (const j of [this.enableJob, this.finalizeJob, this.resyncJob]) this.ctx.jobs.finish(j, 'cancelled', this.now, msg('jobDetail.failedOver', {}));
  }

  get retrying(): boolean {
    return this.retries.some((r) => r !== undefined && !r.getSnapshot().matches('ok'));
  }

  get copyProgress(): number | null {
    const job = this.stream.copy;
    return job ? (job.bytesTotal > 0 ? job.bytesDone / job.bytesTotal : 1) : null;
  }

  resetRetries(): void {
    for (const r of this.retries) r?.send({ type: 'retry.reset' });
    this.stream.clearWaiting();
  }

  /** Something the data plane found for this machine, at its exact time. */
  onDerived(d: Derived): void {
    const log = this.ctx.log;
    switch (d.kind) {
      case 'transfer.failed':
        // Seed 004: a network fault between the machine and the process server, or the process
        // server and the target, during initial or delta replication marks the machine for resync.
        if (d.network && this.stream.tracker === 'mobility' && (this.stream.mode === 'copy' || this.stream.mode === 'delta')) {
          this.requireResync(msg('resync.reasonNetwork', { hop: this.ctx.hopNames[d.hop]!, reason: this.reasonOf(d.reason, d.hop) }));
          break;
        }
        log.push(d.t, 'warning', 'replication.error', msg('replication.error', { machine: this.id, reason: this.reasonOf(d.reason, d.hop), hop: this.ctx.hopNames[d.hop]! }), this.id);
        this.retries[d.hop]?.send({ type: 'transfer.failed', reason: this.reasonOf(d.reason, d.hop) });
        break;
      case 'auth.failed':
        this.nonRecoverable(this.reasonOf(d.reason));
        break;
      case 'resync.required':
        this.requireResync(d.reason);
        break;
      case 'volume.full': {
        // Seed 001: low disk space is a recoverable error, retried with the back-off.
        this.trackingLost = true;
        this.lowDisk = true;
        log.push(d.t, 'warning', 'replication.error', msg('replication.lowDisk', { machine: this.id, host: this.config.host ?? null, disk: String(this.config.disks[d.disk]?.id ?? d.disk) }), this.id);
        this.retries[0]?.send({ type: 'transfer.failed', reason: msg('block.lowDisk', { host: this.config.host ?? null }) });
        this.ctx.hostHealthMayHaveChanged(this);
        break;
      }
      case 'copy.diskCompleted':
        if (this.copyKind === 'initial') log.push(d.t, 'info', 'replication.diskCopied', msg('replication.diskCopied', { machine: this.id, disk: String(this.config.disks[d.disk]?.id ?? d.disk) }), this.id);
        break;
      case 'drained':
        this.events.emit({ type: 'drained', t: d.t });
        break;
      case 'moved':
        log.push(d.t, 'info', 'processServer.moved', msg('processServer.moveDone', { machine: this.id, to: this.ctx.processServerOf(this) }), this.id);
        break;
      case 'copy.completed':
        if (this.copyKind === 'failback') {
          this.events.emit({ type: 'failbackCopied', t: d.t });
        } else if (this.copyKind === 'initial') {
          log.push(d.t, 'info', 'replication.initialCompleted', msg('replication.initialCompleted', { machine: this.id, hrl: this.stream.tracker === 'hrl' }), this.id);
          this.copyKind = undefined;
          this.item.send({ type: 'initialReplication.completed' });
        } else if (this.resyncJob?.name === 'Reprotect' || this.resyncJob?.name === 'Reverse replication') {
          log.push(d.t, 'info', 'reprotect.completed', msg('reprotect.completed', { machine: this.id, back: this.side === 'target', reverse: this.resyncJob.name === 'Reverse replication' }), this.id);
          this.ctx.jobs.finish(this.resyncJob, 'succeeded', d.t);
          this.copyKind = undefined;
          this.item.send({ type: 'resync.completed' });
        } else {
          log.push(d.t, 'info', 'resync.completed', msg('resync.completed', { machine: this.id }), this.id);
          this.ctx.jobs.finish(this.resyncJob, 'succeeded', d.t);
          this.copyKind = undefined;
          this.item.send({ type: 'resync.completed' });
        }
        break;
      case 'rpo.exceeded':
        this.rpoExceeded = true;
        log.push(d.t, 'warning', 'rpo.exceeded', msg('rpo.exceeded', { machine: this.id, thresholdSeconds: this.stream.rpoThreshold }), this.id);
        break;
      case 'rpo.recovered':
        this.rpoExceeded = false;
        log.push(d.t, 'info', 'rpo.recovered', msg('rpo.recovered', { machine: this.id, rpoSeconds: d.rpo }), this.id);
        break;
      case 'points.stale':
        // Protection completed again after the point this was counted from (a control event the
        // window had not seen yet): the count starts over from there.
        if (this.stream.pointsExpectedSince > d.since) {
          this.stream.pointsStale = false;
          break;
        }
        this.pointsStale = true;
        log.push(d.t, 'error', 'recoveryPoints.stale', msg('recoveryPoints.stale', { machine: this.id, sinceEpochMs: this.ctx.calendar.epochMs(d.since) }), this.id);
        break;
      case 'points.fresh':
        if (!this.pointsStale) break;
        this.pointsStale = false;
        log.push(d.t, 'info', 'recoveryPoints.resumed', msg('recoveryPoints.resumed', { machine: this.id }), this.id);
        break;
    }
    this.ctx.healthMayHaveChanged(this);
  }

  /**
   * A reason the data plane reports in English, as the message of the block it comes from when that
   * block still stands (on the hop, or anywhere on the path), else as it came.
   */
  private reasonOf(reason: string, hop?: number): Text {
    const b = hop === undefined ? this.ctx.pathBlock(this) : this.ctx.hopProblem(this, hop);
    return b !== undefined && b.reason === reason ? b.text : reason;
  }

  requireResync(reason: Text): void {
    const delayMs = this.ctx.resyncDelayMs(this);
    this.item.send({ type: 'resync.required', reason, schedule: delayMs >= 0 ? 'scheduled' : 'manual', delayMs });
  }

  nonRecoverable(reason: Text): void {
    this.ctx.log.push(this.now, 'error', 'replication.nonRecoverable', msg('replication.nonRecoverable', { machine: this.id, reason, advice: afterNonRecoverable(this.ctx.scenario) }), this.id);
    this.item.send({ type: 'error.nonRecoverable', reason });
  }

  private onItem(e: ReplicatedItemEmitted): void {
    const { log, jobs } = this.ctx;
    const t = this.now;
    const s = this.stream;
    switch (e.type) {
      case 'enable.started':
        this.enableJob = jobs.start('Enable protection', this.id, t, msg('jobDetail.checking', {}));
        this.enableJob.progress = 0;
        log.push(t, 'info', 'job.started', msg('job.enableStarted', { machine: this.id }), this.id);
        if (this.agent.getSnapshot().matches('notInstalled')) this.agent.send({ type: 'agent.install' });
        break;
      case 'initialReplication.started':
        this.agent.send({ type: 'agent.installed' });
        this.copyKind = 'initial';
        this.ctx.startCopy(this, 'initial', t, t);
        if (this.enableJob) setDetail(this.enableJob, msg('jobDetail.initialReplication', {}));
        log.push(t, 'info', 'replication.initialStarted', msg('replication.initialStarted', { machine: this.id, bytes: s.copy?.bytesTotal ?? 0, how: this.initialCopyHow() }), this.id);
        break;
      case 'finalize.started':
        jobs.finish(this.enableJob, 'succeeded', t);
        if (this.enableJob) log.push(t, 'info', 'job.succeeded', msg('job.enableSucceeded', { machine: this.id }), this.id);
        this.enableJob = undefined;
        this.finalizeJob = jobs.start('Finalize protection', this.id, t);
        log.push(t, 'info', 'job.started', msg('job.finalizeStarted', { machine: this.id }), this.id);
        break;
      case 'protection.completed':
        if (this.finalizeJob) {
          jobs.finish(this.finalizeJob, 'succeeded', t);
          log.push(t, 'info', 'job.succeeded', msg('job.finalizeSucceeded', { machine: this.id }), this.id);
          log.push(t, 'info', 'protection.protected', msg('protection.protected', { machine: this.id }), this.id);
          this.finalizeJob = undefined;
          s.pointsExpectedSince = t;
        }
        if (!s.rpoActive) {
          s.rpoActive = true;
          s.rpoSince = t;
          s.pointsStale = false;
          this.rpoExceeded = false;
          this.pointsStale = false;
          this.ctx.rpoActivated(this, t);
        }
        s.pointsExpectedSince = Math.max(s.pointsExpectedSince, s.points.newest >= 0 ? 0 : t);
        break;
      case 'resync.marked': {
        s.stop();
        this.resetRetries();
        this.ctx.groupStopped(this);
        this.copyKind = undefined;
        if (this.resyncJob?.state === 'inProgress') {
          jobs.finish(this.resyncJob, 'failed', t, e.reason);
          log.push(t, 'error', 'job.failed', msg('job.resyncFailed', { machine: this.id, reason: e.reason }), this.id);
        }
        jobs.finish(this.enableJob, 'failed', t, e.reason);
        if (this.enableJob) log.push(t, 'error', 'job.failed', msg('job.enableFailed', { machine: this.id, reason: e.reason }), this.id);
        this.enableJob = undefined;
        const schedule = e.schedule === 'scheduled' ? (e.delayMs === 0 ? 'now' : 'scheduled') : this.ctx.resyncOnReconnect ? 'san' : 'hand';
        log.push(t, 'warning', 'resync.required', msg('resync.required', { machine: this.id, reason: e.reason, schedule, delaySeconds: schedule === 'scheduled' ? Math.round(e.delayMs / 1000) : 0 }), this.id);
        break;
      }
      case 'resync.begin': {
        const block = this.ctx.pathBlock(this);
        const problem = block?.text;
        // A scheduled resync that meets a network fault still there waits for it, tried again in
        // 30 minutes (outside office hours): it runs by the policy once the network is back.
        const delayMs = this.ctx.resyncDelayMs(this);
        if (block?.network && !e.manual && !this.reprotectCopy && delayMs >= 0) {
          this.item.send({ type: 'resync.required', reason: msg('resync.reasonStillDown', { reason: block.text }), schedule: 'scheduled', delayMs: Math.max(delayMs, RESYNC_RETRY_MS) });
          break;
        }
        if (problem) {
          if (this.reprotectCopy) {
            jobs.finish(this.reprotectCopy.job, 'failed', t, problem);
            log.push(t, 'error', 'job.failed', msg('job.copyFailed', { job: this.reprotectCopy.job.name, machine: this.id, reason: problem }), this.id);
            this.reprotectCopy = undefined;
          }
          log.push(t, 'error', 'resync.failed', msg('resync.failed', { machine: this.id, problem, advice: this.ctx.resyncOnReconnect ? resyncByHand(this.ctx.scenario) : null }), this.id);
          this.item.send({ type: 'resync.failed', reason: problem });
          break;
        }
        this.resetRetries();
        this.trackingLost = false;
        this.copyKind = 'resync';
        const reprotect = this.reprotectCopy;
        this.reprotectCopy = undefined;
        const kind = reprotect?.kind ?? 'resync';
        const job = this.ctx.startCopy(this, kind, t, kind === 'initial' || reprotect?.skipChecksums ? t : t + this.ctx.checksumSeconds(this));
        this.resyncJob = reprotect?.job ?? jobs.start('Resynchronize', this.id, t, msg('jobDetail.resync', { manual: e.manual }));
        this.resyncJob.progress = 0;
        const differing = job.diskChunksDiffering.reduce((a, b) => a + b, 0);
        const total = job.diskChunksTotal.reduce((a, b) => a + b, 0);
        if (reprotect) log.push(t, 'info', 'reprotect.copyStarted', msg('reprotect.copyStarted', { machine: this.id, all: kind === 'initial', differing, total, bytes: job.bytesTotal }), this.id);
        else log.push(t, 'info', 'resync.started', msg('resync.started', { machine: this.id, manual: e.manual, differing, total, bytes: job.bytesTotal }), this.id);
        if (job.done) this.onDerived({ t, kind: 'copy.completed', machine: s.index });
        break;
      }
      case 'critical':
        s.stop();
        this.resetRetries();
        this.ctx.groupStopped(this);
        jobs.finish(this.enableJob, 'failed', t, e.reason);
        jobs.finish(this.resyncJob, 'failed', t, e.reason);
        break;
      case 'disable.started':
        for (const j of [this.enableJob, this.finalizeJob, this.resyncJob]) jobs.finish(j, 'cancelled', t);
        this.disableJob = jobs.start('Disable protection', this.id, t);
        s.disable();
        this.rpoExceeded = false;
        this.pointsStale = false;
        this.resetRetries();
        this.ctx.groupStopped(this);
        this.copyKind = undefined;
        log.push(t, 'info', 'job.started', msg('job.disableStarted', { machine: this.id }), this.id);
        break;
      case 'disable.completed':
        jobs.finish(this.disableJob, 'succeeded', t);
        log.push(t, 'info', 'protection.disabled', msg('protection.disabled', { machine: this.id }), this.id);
        break;
    }
    this.ctx.healthMayHaveChanged(this);
  }

  private onRetry(hop: number, e: RetryEmitted): void {
    const t = this.now;
    const where = this.ctx.hopNames[hop];
    if (e.type === 'retry.scheduled' && e.attempt > 1) {
      this.ctx.log.push(t, 'warning', 'replication.retry', msg('replication.retryFailed', { machine: this.id, attempt: e.attempt - 1, hop: where!, reason: e.reason, delayMinutes: e.delayMinutes }), this.id);
    } else if (e.type === 'retry.attempt') {
      const block = this.ctx.hopProblem(this, hop);
      if (block && block.kind !== 'wait') {
        this.retries[hop]!.send({ type: 'attempt.failed', reason: block.text });
        return;
      }
      this.stream.setWaiting(hop, false);
      this.ctx.log.push(t, 'info', 'replication.retry', msg('replication.retrySucceeded', { machine: this.id, attempt: e.attempt, hop: where! }), this.id);
      this.retries[hop]!.send({ type: 'attempt.succeeded' });
      if (this.lowDisk) {
        this.lowDisk = false;
        this.ctx.hostHealthMayHaveChanged(this);
      }
      if (this.trackingLost) {
        this.trackingLost = false;
        this.requireResync(msg('resync.reasonNotLogged', { host: this.config.host ?? null }));
      }
    }
    this.ctx.healthMayHaveChanged(this);
  }

  /** Figures for the jobs list. */
  updateJobProgress(): void {
    const p = this.copyProgress;
    if (p === null) return;
    if (this.enableJob && this.copyKind === 'initial') this.enableJob.progress = p;
    if (this.resyncJob?.state === 'inProgress') this.resyncJob.progress = p;
    if (this.copyKind === 'failback') this.events.emit({ type: 'failbackProgress', progress: p });
  }
}
