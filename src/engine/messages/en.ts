// The English catalogue: every message code of the engine with the sentence the CLI and the report
// show for it. Parameters come raw (seconds, bytes, epoch milliseconds, ids); the sentences format
// them here, exactly as the report always wrote them.

import { clockLabel } from '../time/calendar';
import { formatDuration } from '../time/duration';
import { formatBytes, formatTB } from '../units';
import type { Message, Text } from './message';
import { refusals } from './refusals';
type Health = 'healthy' | 'warning' | 'critical' | 'notApplicable';
type Id = { machine: string };

const text = (x: Text): string => (typeof x === 'string' ? x : english(x));
/** A reason in English, whether a message or already a phrase. */
export const englishText = text;
const dur = formatDuration;
const healthWord = (h: Health): string => (h === 'notApplicable' ? 'not applicable' : h);
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const FAULT_WORDS: Record<string, string> = {
  linkDown: 'link down',
  linkDegraded: 'link degraded',
  processServerDown: 'process server down',
  cacheFull: 'process server cache full',
  hostDiskFull: 'host out of disk space',
  authFailure: 'authentication failure',
  forcedShutdown: 'forced shutdown',
  diskResize: 'disk resize',
  siteDown: 'primary site down'
};

const CHOICE_WORDS: Record<string, string> = {
  latest: 'latest',
  latestProcessed: 'latest processed',
  latestAppConsistent: 'latest app-consistent',
  latestMultiVmProcessed: 'latest multi-VM processed',
  latestMultiVmAppConsistent: 'latest multi-VM app-consistent'
};

/** A recovery point choice of a step: a named choice, or a point time in seconds. */
const choiceWords = (choice: string | number): string => (typeof choice === 'number' ? `the point at ${dur(choice)}` : CHOICE_WORDS[choice]!);

/** A process server by its size, for capacity advice. */
const processServerSize = (vcpu: number | null): string => (vcpu !== null ? `a ${vcpu} vCPU process server` : 'the built-in process server');

const OPERATION_WORDS: Record<string, string> = { failback: 'Failback', failover: 'Failover', planned: 'Planned failover', unplanned: 'Unplanned failover' };

export const en = {
  ...refusals({ text, english, faults: FAULT_WORDS }),

  // What a job is at, or why it ended.
  'jobDetail.failedOver': () => 'The machine failed over',
  'jobDetail.checking': () => 'Checking prerequisites',
  'jobDetail.initialReplication': () => 'Initial replication',
  'jobDetail.resync': (p: { manual: boolean }) => (p.manual ? 'Started by hand' : 'Scheduled'),
  'jobDetail.point': (p: { choice: string | number }) => `Recovery point: ${choiceWords(p.choice)}`,
  'jobDetail.replaced': () => 'Replaced by an unplanned failover',
  'jobDetail.toPoint': (p: { point: Message }) => `To ${english(p.point)}`,
  'jobDetail.commitAutomatic': (p: { betweenSites: boolean }) => (p.betweenSites ? 'Automatic (planned failover between sites)' : 'Automatic (SAN replication)'),
  'jobDetail.reprotect': (p: { automatic: boolean; alternate: boolean }) =>
    p.automatic ? 'Started automatically' : p.alternate ? 'To a new machine: everything is copied' : 'To the original machine: only differences are sent',
  'jobDetail.disabled': () => 'Replication was disabled',
  'jobDetail.synchronised': () => 'Data synchronised: resume to shut down the Azure VM and complete the failover',
  'jobDetail.completing': () => 'Completing failover',
  'jobDetail.plan': (p: { plan: string; type: 'test' | 'planned' | 'unplanned' }) => `${p.plan}: ${p.type === 'test' ? 'test failover' : `${p.type} failover`}`,
  'jobDetail.planContinuing': (p: { plan: string }) => `${p.plan}: continuing`,
  'jobDetail.planWaiting': (p: { plan: string; action: string }) => `${p.plan}: waiting for input (${p.action})`,
  'jobDetail.planActionFailed': (p: { plan: string; script: boolean; action: string }) => `${p.plan}: ${p.script ? 'script' : 'runbook'} "${p.action}" failed; resume runs it again`,

  // What stands in the way of a hop of replication.
  'block.notRunning': (p: { name: string | null }) => `${p.name ?? 'the primary site'} is not running`,
  'block.down': (p: { name: string | null }) => `${p.name ?? 'the primary site'} is down`,
  'block.lowDisk': (p: { host: string | null }) => `low disk space on ${p.host ?? 'the host'}`,
  'block.auth': () => 'the agent could not authenticate',
  'block.notResponding': (p: { name: string | null }) => `${p.name ?? 'the primary site'} is not responding`,
  'block.linkDown': (p: { link: string }) => `network error: link ${p.link} is down`,
  'block.shutDownNotThrough': () => 'it is already shut down and its last changes are not through',
  'block.notInDelta': (p: Id) => `${p.machine} is not in delta replication`,

  // Why a machine needs a resync, or stopped replicating.
  'resync.reasonShutDown': () => 'the machine was shut down without warning',
  'resync.reasonSanLink': () => 'the SAN replication link is down: the arrays track changed regions until they can resynchronise',
  'resync.reasonInFlight': (p: { reason: Text; hop: string }) => `${text(p.reason)}: changes in flight over ${p.hop} were interrupted`,
  'resync.reasonNetwork': (p: { hop: Message; reason: Text }) => `a network fault stopped replication ${english(p.hop)} (${text(p.reason)})`,
  'resync.reasonStillDown': (p: { reason: Text }) => `the resync could not start, the network fault is still there (${text(p.reason)}); it is tried again`,
  'resync.reasonNotLogged': (p: { host: string | null }) => `changes made while ${p.host ?? 'the host'} was out of disk space were not logged`,
  'resync.reasonResized': (p: { disk: string; fromGiB: number; toGiB: number }) => `disk ${p.disk} was resized from ${p.fromGiB} GiB to ${p.toGiB} GiB`,
  'error.authFailed': () => 'the agent could not authenticate (authentication or authorisation error)',
  'error.failoverFailed': (p: { reason: Message }) => `failover failed: ${english(p.reason)}`,

  // Why a machine has its health.
  'health.notEnabled': () => 'Replication is not enabled',
  'health.failingOver': (p: { failback: boolean }) => (p.failback ? 'Failback in progress' : 'Failover in progress'),
  'health.failedOverPending': () => 'Failed over: commit to keep the recovery point, or change it',
  'health.committing': () => 'Committing the failover',
  'health.notReplicating': (p: { failedOver: boolean; advice: Message }) => `${p.failedOver ? 'Failed over' : 'Back at the primary site'} and not replicating: ${english(p.advice)}`,
  'health.reprotecting': (p: { reverse: boolean }) => (p.reverse ? 'Reverse replication is being set up' : 'Reprotect in progress'),
  'health.nonRecoverable': (p: { reason: Text; advice: Message }) => `Non-recoverable error: ${text(p.reason)}; ${english(p.advice)}`,
  'health.resyncFailed': (p: { reason: Text; advice: Message }) => `Automatic resynchronisation failed (${text(p.reason)}); ${english(p.advice)}`,
  'health.pointsStale': () => 'No new recovery point for over an hour',
  'health.sourceOff': () => 'The source machine is not running',
  'health.resyncRequired': (p: { reason: Text }) => `Resynchronisation required: ${text(p.reason)}`,
  'health.reprotectCopying': (p: { reverse: boolean }) => `${p.reverse ? 'Reverse replication' : 'Reprotect'} in progress: copying to the other side`,
  'health.resyncing': () => 'Resynchronisation in progress',
  'health.retrying': () => 'Replication is failing and being retried',
  'health.rpoExceeded': () => 'RPO is above the threshold',
  'health.enabling': () => 'Enabling protection',
  'health.initialReplication': () => 'Initial replication in progress',
  'health.replicating': () => 'Replicating',

  // Why a component has its health.
  'health.noHeartbeat': () => 'no heartbeat for 15 minutes',
  'health.heartbeatLate': () => 'not responding; heartbeat late',
  'health.cacheFree': (p: { percent: number; below: number }) => `cache free space ${p.percent} % (below ${p.below} %)`,
  'health.backlog': (p: { minutes: number }) => `cached data not uploaded within ${p.minutes} minutes`,
  'health.cpuMemory': (p: { percent: number }) => `CPU or memory above ${p.percent} %`,
  'health.tooManyMachines': (p: { machines: number; vcpu: number | null; max: number }) => `${p.machines} machines replicate through it; ${processServerSize(p.vcpu)} is sized for ${p.max}: add a process server`,
  'health.tooMuchChurn': (p: { dailyBytes: number; vcpu: number | null; capacityBytes: number }) =>
    `${formatTB(p.dailyBytes)} of churn over the last day; ${processServerSize(p.vcpu)} is sized for ${formatTB(p.capacityBytes)} a day: add a process server`,
  'health.normal': () => 'working normally',
  'health.notDeployed': () => 'not deployed',
  'health.down': (p: { siteDown: boolean }) => (p.siteDown ? 'the primary site is down' : 'down'),
  'health.diskFull': () => 'out of disk space',
  'health.volumeFull': (p: { machines: readonly string[] }) => `its volume is full: the .hrl logs of ${p.machines.join(', ')} cannot grow`,
  'health.volumeLow': (p: { percent: number; below: number }) => `${p.percent} % of its volume is free (below ${p.below} %)`,

  // Why a failback prerequisite is not met.
  'checklist.siteDown': () => 'the primary site is down',
  'checklist.hostDown': (p: { host: string }) => `its host ${p.host} is down`,
  'checklist.addFirst': (p: { component: string }) => `add ${p.component} first (addComponent)`,
  'checklist.componentDown': (p: { label: string }) => `${p.label} is down: clear the fault first`,

  // What to do next, in the scenario's own actions.
  'advice.protectAgain': (p: { failback: 'reprotectFromAzure' | 'plannedFromAzure' | 'siteToSite'; back: boolean }) => {
    switch (p.failback) {
      case 'reprotectFromAzure':
        return p.back ? 'reprotect it to replicate back to on-premises VMware (phase 1 of failback)' : 'reprotect it to replicate to Azure again (phase 3 of failback)';
      case 'plannedFromAzure':
        return p.back ? 'fail it back to its Hyper-V host (failback); replication to Azure restarts by itself after that' : 'replication to Azure restarts by itself once the failback is committed';
      case 'siteToSite':
        return p.back ? 'start reverse replication (reprotect) to protect it back to the primary site' : 'start reverse replication (reprotect) to protect it to the secondary site again';
    }
  },
  'advice.migrated': (p: { where: string }) => `Migrated: it runs ${p.where} now and its failover is committed; a migration has no failback, so there is nothing left to do`,
  'advice.resyncByHand': (p: { san: boolean }) => (p.san ? 'the arrays resynchronise by themselves once their link and the machine are back' : 'start a resync by hand'),
  'advice.afterNonRecoverable': (p: { san: boolean }) => (p.san ? 'fix the cause; the arrays then resynchronise by themselves' : 'fix the cause, then resync'),

  // The fidelity notes of the scenarios: how the model interprets or simplifies the documents.
  'note.mobilityResync': () =>
    'A network fault between the machine and the process server, or between the process server and the target, during initial or delta replication marks every machine whose replication it stops for resynchronisation (seed: resynchronisation process); the resync then runs by the policy, outside office hours or by hand. A process server that does not answer is a recoverable error instead: sending is retried with back-off, and only a machine whose changes were in flight, or whose buffer overflows, needs a resync.',
  'note.mobilityStreams': () =>
    'The Mobility service streams each write as it happens; recovery points are made on the replica managed disks once the cache storage logs are processed.',
  'note.hrlLogs': () =>
    'Each disk has its own .hrl log beside it. At every copy interval the log is swapped and sent; if the previous log is still being sent, the current one keeps growing.',
  'note.hrlRetry': () =>
    'A network fault is a recoverable error: logs stay on the host and sending is retried with back-off. Resynchronisation is needed when a disk\'s logs reach 50 % of its size.',
  'note.migrationOnly': () =>
    'Migration only: machines fail over to Azure and stay there; failback is not supported.',
  'note.azureRegion': () =>
    'The "primary site" of this scenario is the source Azure region.',
  'note.awsPhysical': () =>
    'AWS instances are protected as physical servers; the "primary site" is the AWS VPC.',
  'note.physicalOwnHost': () =>
    'Each physical server is its own host: a host-disk fault targets the server itself.',
  'note.physicalFailback': () =>
    'Physical servers fail back only to VMware VMs: an ESXi host and a master target VM on it must be added before reprotect.',
  'note.physicalFailoverStep': () =>
    'Every physical server needs the extra 8-10 minute step during failover (BEYOND.md, Failover).',
  'note.sanMirrored': () =>
    'Writes are mirrored synchronously: the replica equals the source at every moment the link is up, so no data is lost.',
  'note.sanTracks': () =>
    'When the array link goes down the arrays keep track of changed regions and resynchronise by themselves as soon as it is back.',
  'note.sanAutoCommit': () =>
    'Commit after failover is automatic with SAN replication.',
  'note.vmmNetworkMapping': () =>
    'Network mapping between VMM VM networks and Azure networks is part of the setup; the sandbox shows it as the Azure network failed-over VMs join.',
  'note.vmmAuthentication': () =>
    'Authentication is Kerberos (port 8083) or certificate (port 8084); a failure to authenticate is non-recoverable.',
  'note.vmwareLinuxStep': () =>
    'Linux VMs need the extra 8-10 minute step during failover (BEYOND.md, Failover).',
  'note.inmageScout': () =>
    'InMage Scout is a separate product that comes with Site Recovery; the Unified Agent behaves like the Mobility service here.',
  'note.masterTargetRetention': () =>
    'Retention points are held by the master target at the secondary site.',

  // Parts of sentences.
  'part.hopTo': (p: { label: string }) => `to the ${lowerFirst(p.label)}`,
  'part.hopReplica': () => 'into the replica',
  'part.point': (p: { multiVm: boolean; consistency: 'app' | 'crash'; at: number }) => `the ${p.multiVm ? 'multi-VM ' : ''}${p.consistency === 'app' ? 'app-consistent' : 'crash-consistent'} point of ${dur(p.at)}`,
  'part.initialCopy': (p: { tracker: string; disks: number }) => {
    const disks = p.disks === 1 ? 'its disk' : `its ${p.disks} disks`;
    switch (p.tracker) {
      case 'hrl':
        return p.disks === 1
          ? "a VM snapshot is taken and its disk is copied from it; writes meanwhile go to the disk's .hrl log"
          : `a VM snapshot is taken and ${disks} are copied from it one at a time; writes meanwhile go to each disk's .hrl log`;
      case 'san':
        return `the arrays copy ${disks}, then mirror every write`;
      default:
        return p.disks === 1 ? 'its disk is copied while the agent tracks new writes' : `${disks} are copied up to three at a time while the agent tracks new writes`;
    }
  },

  // The event log (event code first; a second wording of one event code has its own message code).
  'machine.stopped': (p: Id & { siteDown: boolean }) => `${p.machine} is not running (${p.siteDown ? 'the primary site is down' : 'forced shutdown'})`,
  'machine.started': (p: Id) => `${p.machine} is running again`,
  'auth.restored': (p: Id & { san: boolean }) => `${p.machine}: authentication works again; ${p.san ? 'the arrays resynchronise by themselves' : 'resync the machine to resume replication'}`,
  'processServer.moved': (p: Id & { to: string; from: string }) => `${p.machine} now replicates through ${lowerFirst(p.to)} instead of ${lowerFirst(p.from)}`,
  'processServer.moveDone': (p: Id & { to: string }) => `${p.machine} now replicates through ${lowerFirst(p.to)}: its old process server has uploaded what it held`,
  'processServer.moveStarted': (p: Id & { to: string; from: string }) => `${p.machine} moves to ${lowerFirst(p.to)}: ${lowerFirst(p.from)} first uploads the changes it already holds; new changes wait at the machine`,
  'component.added': (p: { label: string; role: string }) => `${p.label} added: ${p.role}`,
  'health.machine': (p: Id & { health: Health; reason: Text }) => `${p.machine} is ${healthWord(p.health)}: ${text(p.reason)}`,
  'health.component': (p: { label: string; health: Health; reason: Text }) => `${p.label} is ${healthWord(p.health)}: ${text(p.reason)}`,
  'health.link': (p: { link: string; health: Health; reason: Text }) => `Link ${p.link} is ${healthWord(p.health)}: ${text(p.reason)}`,
  'health.linkDown': () => 'down',
  'health.linkThrottled': (p: { percent: number }) => `throttled to ${p.percent} % of its bandwidth`,
  'health.linkNormal': () => 'carrying traffic normally',
  'processServer.cacheFull': (p: { label: string }) => `${p.label} cache is full: it accepts no more changes`,
  'processServer.throttled': (p: { label: string; freePercent: number }) => `${p.label} cache has ${p.freePercent} % free: replication is throttled`,
  'processServer.cacheNormal': (p: { label: string; freePercent: number }) => `${p.label} cache back to ${p.freePercent} % free`,
  'step.rejected': (p: { do: string; reason: Text }) => `${p.do} rejected: ${text(p.reason)}`,
  'workload.changed': (p: Id & { writeMBps: number }) => `${p.machine} now writes ${p.writeMBps} MB/s on average`,
  'policy.changed': (p: { fields: readonly string[] }) => `Replication policy changed: ${p.fields.join(', ')}`,
  'fault.injected': (p: { fault: string; target: string; bandwidthPercent: number | null; forSeconds: number | null }) =>
    `Fault: ${FAULT_WORDS[p.fault]} on ${p.target}${p.bandwidthPercent !== null ? ` to ${p.bandwidthPercent} % of its bandwidth` : ''}${p.forSeconds !== null ? ` for ${dur(p.forSeconds)}` : ' until cleared'}`,
  'fault.cleared': (p: { fault: string; target: string; afterSeconds: number }) => `Cleared: ${FAULT_WORDS[p.fault]} on ${p.target} (after ${dur(p.afterSeconds)})`,
  'disk.resized': (p: Id & { disk: string; fromGiB: number; toGiB: number }) => `${p.machine}: disk ${p.disk} resized from ${p.fromGiB} GiB to ${p.toGiB} GiB`,
  'replication.error': (p: Id & { reason: Text; hop: Text }) => `${p.machine}: ${text(p.reason)} while sending ${text(p.hop)}; first retry in 1 min`,
  'replication.lowDisk': (p: Id & { host: string | null; disk: string }) =>
    `${p.machine}: low disk space on ${p.host ?? 'the host'}: the .hrl log of disk ${p.disk} cannot grow, so replication stops and the logs and snapshot are discarded; first retry in 1 min`,
  'replication.diskCopied': (p: Id & { disk: string }) => `${p.machine}: initial copy of disk ${p.disk} complete`,
  'replication.initialCompleted': (p: Id & { hrl: boolean }) =>
    `${p.machine}: initial replication complete; ${p.hrl ? 'the VM snapshot is deleted and the changes logged in the .hrl files are merged' : 'changes made meanwhile are applied'}`,
  'reprotect.completed': (p: Id & { back: boolean; reverse: boolean }) => `${p.machine} is protected ${p.back ? 'back to the primary site' : 'again'}: ${p.reverse ? 'reverse replication' : 'reprotect'} complete`,
  'resync.completed': (p: Id) => `${p.machine}: resynchronisation complete; delta replication resumes`,
  'rpo.exceeded': (p: Id & { thresholdSeconds: number }) => `${p.machine}: RPO went above the ${dur(p.thresholdSeconds)} threshold`,
  'rpo.recovered': (p: Id & { rpoSeconds: number }) => `${p.machine}: RPO is back under the threshold (${dur(p.rpoSeconds)})`,
  'recoveryPoints.stale': (p: Id & { sinceEpochMs: number }) => `${p.machine}: no new recovery point since ${clockLabel(p.sinceEpochMs)}`,
  'recoveryPoints.resumed': (p: Id) => `${p.machine}: recovery points are being made again`,
  'replication.nonRecoverable': (p: Id & { reason: Text; advice: Text }) => `${p.machine}: ${text(p.reason)}; not retried, an administrator must act (${text(p.advice)})`,
  'job.enableStarted': (p: Id) => `Enable protection started for ${p.machine}`,
  'job.enableSucceeded': (p: Id) => `Enable protection succeeded for ${p.machine}`,
  'job.enableFailed': (p: Id & { reason: Text }) => `Enable protection failed for ${p.machine}: ${text(p.reason)}`,
  'job.finalizeStarted': (p: Id) => `Finalize protection started for ${p.machine}`,
  'job.finalizeSucceeded': (p: Id) => `Finalize protection succeeded for ${p.machine}`,
  'job.disableStarted': (p: Id) => `Disable protection started for ${p.machine}`,
  'job.resyncFailed': (p: Id & { reason: Text }) => `Resynchronize failed for ${p.machine}: ${text(p.reason)}`,
  'job.copyFailed': (p: Id & { job: string; reason: Text }) => `${p.job} failed for ${p.machine}: ${text(p.reason)}`,
  'replication.initialStarted': (p: Id & { bytes: number; how: Text }) => `${p.machine}: initial replication started (${formatBytes(p.bytes)}); ${text(p.how)}`,
  'protection.protected': (p: Id) => `${p.machine} is protected: test failover is now possible`,
  'resync.required': (p: Id & { reason: Text; schedule: 'now' | 'scheduled' | 'san' | 'hand'; delaySeconds: number }) =>
    `${p.machine} needs resynchronisation: ${text(p.reason)}; ${
      p.schedule === 'now'
        ? 'it starts now'
        : p.schedule === 'scheduled'
          ? `scheduled in ${dur(p.delaySeconds)}, outside office hours`
          : p.schedule === 'san'
            ? 'the arrays resynchronise as soon as the link is back'
            : 'start it by hand'
    }`,
  'resync.failed': (p: Id & { problem: Text; advice: Text | null }) => `${p.machine}: resynchronisation could not start (${text(p.problem)}); ${p.advice === null ? 'start it by hand once fixed' : text(p.advice)}`,
  'reprotect.copyStarted': (p: Id & { all: boolean; differing: number; total: number; bytes: number }) =>
    `${p.machine}: ${p.all ? `copying all ${p.total} chunks` : `${p.differing} of ${p.total} chunks differ`}, ${formatBytes(p.bytes)} to send`,
  'resync.started': (p: Id & { manual: boolean; differing: number; total: number; bytes: number }) =>
    `${p.machine}: resynchronisation started (${p.manual ? 'by hand' : 'scheduled'}); ${p.differing} of ${p.total} chunks differ, ${formatBytes(p.bytes)} to send`,
  'protection.disabled': (p: Id) => `${p.machine} is no longer protected; its replica and recovery points are deleted`,
  'replication.retryFailed': (p: Id & { attempt: number; hop: Text; reason: Text; delayMinutes: number }) =>
    `${p.machine}: retry ${p.attempt} sending ${text(p.hop)} failed (${text(p.reason)}); next attempt in ${p.delayMinutes} min`,
  'replication.retrySucceeded': (p: Id & { attempt: number; hop: Text }) => `${p.machine}: retry ${p.attempt} sending ${text(p.hop)} succeeded; replication resumes`,
  'testFailover.started': (p: Id & { point: Message }) => `Test failover of ${p.machine} to ${english(p.point)}; replication carries on`,
  'testFailover.completed': (p: Id & { rtoSeconds: number; verified: boolean; pointAt: number }) =>
    `Test copy of ${p.machine} is running in an isolated network after ${dur(p.rtoSeconds)}; its data is verified ${p.verified ? 'identical to the source' : 'DIFFERENT from the source'} as of ${dur(p.pointAt)}`,
  'testFailover.cleanupStarted': (p: Id) => `Cleanup test failover of ${p.machine}: the test copy is being deleted`,
  'testFailover.cleanedUp': (p: Id & { drillComplete: boolean }) => `Test copy of ${p.machine} deleted${p.drillComplete ? '; the drill is complete' : ''}`,
  'failover.abandoned': (p: Id) => `${p.machine}: the planned failover stops synchronising; an unplanned failover takes over`,
  'failover.started': (p: Id & { operation: 'failback' | 'failover' | 'planned' | 'unplanned'; where: string | null; how: 'beforeFailover' | 'duringFailover' | 'shutdown' | 'choice'; choice: string | number }) =>
    `${OPERATION_WORDS[p.operation]} of ${p.machine} ${p.where ?? 'back to the primary site'} started (${
      p.how === 'beforeFailover' ? 'data synchronised first while it runs' : p.how === 'duringFailover' ? 'shut down, then all data downloaded' : p.how === 'shutdown' ? 'source shut down first' : choiceWords(p.choice)
    })`,
  'failover.sourceUnreachable': (p: Id & { problem: Text }) => `${p.machine}: the source cannot be shut down and synchronised (${text(p.problem)}); failing over with what the target has`,
  'failover.sourceShutDown': (p: Id) => `${p.machine} is shut down; its last changes are being sent`,
  'failover.syncTimedOut': (p: Id & { minutes: number }) => `${p.machine}: the last changes did not reach the target within ${p.minutes} min; failing over with what it has`,
  'failover.synchronised': (p: Id & { pointAt: number }) => `${p.machine}: every change made before the shutdown is at the target; recovery point made for ${dur(p.pointAt)}`,
  'failover.processing': (p: Id & { bytes: number }) => `${p.machine}: processing ${formatBytes(p.bytes)} already received at the target before the point is made`,
  'failover.completed': (p: Id & { where: string | null; rtoSeconds: number; point: Message; writesLost: number; dataLossSeconds: number; verified: boolean; next: 'reverses' | 'commit' | 'none' }) =>
    `${p.machine} runs ${p.where ?? 'at the primary site'} after ${dur(p.rtoSeconds)} from ${english(p.point)}: ${p.writesLost} writes lost (${dur(p.dataLossSeconds)} of data), data ${p.verified ? 'verified' : 'NOT identical to the source'}${
      p.next === 'reverses' ? '; a planned failover between the sites is committed and replication reverses by itself' : p.next === 'commit' ? '; commit to keep it, or change the recovery point' : ''
    }`,
  'failover.failed': (p: Id & { reason: Text }) => `Failover of ${p.machine} failed: ${text(p.reason)}`,
  'failover.noPoint': (p: { reason: Message }) => `no recovery point to fail over to: ${english(p.reason)}`,
  'failover.pointChanging': (p: Id & { point: Message }) => `${p.machine}: changing to ${english(p.point)}; what it wrote since the failover is discarded`,
  'failover.pointChanged': (p: Id & { point: Message; writesLost: number; dataLossSeconds: number }) => `${p.machine} runs from ${english(p.point)}: ${p.writesLost} writes lost (${dur(p.dataLossSeconds)} of data)`,
  'failover.committed': (p: Id & { automatic: boolean; points: number; inStep: boolean }) =>
    `${p.machine}: failover committed${p.automatic ? ' automatically' : ''}; its ${p.points} recovery points are deleted${p.inStep ? '; the sites are in step, so reverse replication sends only changes' : ''}`,
  'reprotect.started': (p: Id & { reverse: boolean; direction: 'primary' | 'azure' | 'secondary'; automatic: boolean }) =>
    `${p.reverse ? 'Reverse replication' : 'Reprotect'} of ${p.machine} ${p.direction === 'primary' ? 'back to the primary site' : p.direction === 'azure' ? 'to Azure' : 'to the secondary site'} started${p.automatic ? ' automatically' : ''}`,
  'failback.syncStarted': (p: Id) => `${p.machine}: synchronising the on-premises disks by checksums while the Azure VM keeps running`,
  'failback.downloadStarted': (p: Id) => `${p.machine}: the Azure VM is shut down; downloading all of its disks`,
  'failback.waitingToComplete': (p: Id) => `${p.machine}: on-premises disks are synchronised while the Azure VM runs; resume to complete the failover`,
  'plan.created': (p: { plan: string; machines: number; groups: number }) => `Recovery plan ${p.plan} created: ${plural(p.machines, 'machine')} in ${plural(p.groups, 'group')}`,
  'plan.started': (p: { plan: string; type: 'test' | 'planned' | 'unplanned'; machines: number; choice: string | number }) =>
    `Recovery plan ${p.plan}: ${p.type === 'test' ? 'test failover' : `${p.type} failover`} of ${p.machines} machines to ${choiceWords(p.choice)} (${
      p.type === 'test' ? 'no shutdown step in a test' : p.type === 'planned' ? 'sources shut down first' : 'no shutdown: the primary may be gone'
    }); all fail over in parallel, then the groups boot in order`,
  'plan.resumed': (p: { plan: string; action: string }) => `Recovery plan ${p.plan}: manual action "${p.action}" done; the plan continues`,
  'plan.rerun': (p: { plan: string; action: string }) => `Recovery plan ${p.plan}: running "${p.action}" again`,
  'plan.waitingForInput': (p: { plan: string; group: number; phase: 'pre' | 'post'; action: string }) =>
    `Recovery plan ${p.plan} waits for a manual action before group ${p.group} ${p.phase === 'pre' ? 'boots' : 'is done'}: "${p.action}"; resume the plan when it is done`,
  'plan.actionStarted': (p: { plan: string; script: boolean; action: string; group: number; phase: 'pre' | 'post' }) =>
    `Recovery plan ${p.plan}: ${p.script ? 'script' : 'runbook'} "${p.action}" started (group ${p.group}, ${p.phase})`,
  'plan.actionFailed': (p: { plan: string; script: boolean; action: string }) => `Recovery plan ${p.plan}: ${p.script ? 'script' : 'runbook'} "${p.action}" failed; fix it and resume the plan to run it again`,
  'plan.actionCompleted': (p: { plan: string; script: boolean; action: string }) => `Recovery plan ${p.plan}: ${p.script ? 'script' : 'runbook'} "${p.action}" done`,
  'plan.groupBooting': (p: { plan: string; group: number; machines: readonly string[] }) => `Recovery plan ${p.plan}: group ${p.group} boots (${p.machines.join(', ') || 'no machine'})`,
  'plan.groupUp': (p: { plan: string; group: number }) => `Recovery plan ${p.plan}: group ${p.group} is up`,
  'plan.actionFailedDetail': (p: { script: boolean; action: string }) => `${p.script ? 'script' : 'runbook'} "${p.action}" failed`,
  'plan.couldNotFailOver': (p: { machines: readonly string[] }) => `${p.machines.join(', ')} could not fail over`,
  'plan.completed': (p: { plan: string; succeeded: boolean; rtoSeconds: number; detail: Text | null }) =>
    `Recovery plan ${p.plan} ${p.succeeded ? 'completed' : 'finished with failures'}: RTO ${dur(p.rtoSeconds)}${p.detail !== null ? ` (${text(p.detail)})` : ''}`
};

/** Whether a parameter is a nested message. */
export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as Message).code === 'string' && typeof (x as Message).params === 'object';
}

/** A message in English, as the CLI and the report show it. */
export function english(m: Message): string {
  const render = (en as Record<string, ((p: never) => string) | undefined>)[m.code];
  if (render === undefined) throw new Error(`no English text for message ${m.code}`);
  return render(m.params as never);
}
