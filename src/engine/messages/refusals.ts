// The English text of why a step is refused (the `reject.*` codes), part of the English catalogue
// (en.ts). It is given the words it shares with the rest of the catalogue rather than importing
// them, so the catalogue and its parts do not import each other.

import { formatDuration } from '../time/duration';
import { GiB } from '../units';
import type { Message, Text } from './message';

type Id = { machine: string };
const dur = formatDuration;

/** What the refusals take from the catalogue: a reason in English, and the faults' names. */
export interface SharedWords {
  text: (x: Text) => string;
  english: (m: Message) => string;
  faults: Record<string, string>;
}

/** What a machine is, for a rejection that needs it unprotected. */
const STATE_WORDS: Record<string, string> = {
  enabling: 'being enabled',
  initialReplication: 'in initial replication',
  finalizing: 'being finalized',
  protected: 'already protected',
  resyncRequired: 'protected (waiting for a resync)',
  resyncing: 'protected (resynchronising)',
  critical: 'protected (Critical)',
  disabling: 'being disabled'
};

/** How a machine that failed over comes back, per family (for rejection hints). */
const RETURN_WORDS: Record<string, string> = {
  reprotectFromAzure: 'reprotect it and fail back',
  plannedFromAzure: 'fail it back (failback)',
  siteToSite: 'start reverse replication (reprotect), then fail back',
  none: 'there is no way back from a migration'
};

export const refusals = ({ text, english, faults: FAULT_WORDS }: SharedWords) => ({
  // Why a step is rejected.
  'reject.asFound': (p: { reason: string }) => p.reason,
  'reject.enableNotUnprotected': (p: Id & { protection: string }) => `${p.machine} is ${STATE_WORDS[p.protection] ?? p.protection}; replication can only be enabled for an unprotected machine`,
  'reject.enableNotRunning': (p: Id) => `${p.machine} is not running; start it before enabling replication`,
  'reject.migratedStays': (p: Id) => `${p.machine} was migrated: it stays where it is now`,
  'reject.notProtected': (p: Id) => `${p.machine} is not protected`,
  'reject.alreadyDisabling': (p: Id) => `${p.machine} is already being disabled`,
  'reject.disableFailingOver': (p: Id) => `a failover of ${p.machine} is in progress: wait until it runs at the target`,
  'reject.disableBusy': (p: Id & { protection: string }) => `${p.machine} is busy (${p.protection}): wait until it is done`,
  'reject.disablePending': (p: Id) => `the failover of ${p.machine} is pending: commit it first`,
  'reject.notDeployed': (p: { label: string }) => `${p.label} is not deployed: add it first (addComponent)`,
  'reject.componentDown': (p: { label: string }) => `${p.label} is down: clear that first`,
  'reject.alreadyMoving': (p: Id & { to: string }) => `${p.machine} is already moving to ${p.to}`,
  'reject.alreadyThrough': (p: Id & { to: string }) => `${p.machine} already replicates through ${p.to}`,
  'reject.moveAtTarget': (p: Id & { where: string }) => `${p.machine} runs ${p.where}: it replicates back through the failback path, not through a process server at the primary site`,
  'reject.policy': (p: { violations: readonly string[] }) => p.violations.join('; '),
  'reject.faultActive': (p: { fault: string; target: string }) => `${FAULT_WORDS[p.fault]} is already active on ${p.target}`,
  'reject.noActiveFault': (p: { fault: string | null; target: string }) => `there is no active ${p.fault !== null ? FAULT_WORDS[p.fault] : 'fault'} on ${p.target}`,
  'reject.authNotReplicating': (p: Id) => `${p.machine} is not replicating: its agent has no connection to break (enable replication first)`,
  'reject.authFailedOver': (p: Id & { protection: string }) => `${p.machine} has failed over (${p.protection}) and is not replicating: its agent has no connection to break`,
  'reject.resyncSan': (p: { advice: Text }) => `with SAN replication there is no resync to start: ${text(p.advice)}`,
  'reject.enableFirst': (p: Id) => `${p.machine} is not protected: enable replication first`,
  'reject.resyncInitial': (p: Id) => `${p.machine} is still in initial replication; it resynchronises only once protected`,
  'reject.resyncRunning': (p: Id) => `a resynchronisation of ${p.machine} is already running`,
  'reject.beingDisabled': (p: Id) => `${p.machine} is being disabled`,
  'reject.resyncFailingOver': (p: Id & { protection: string }) => `${p.machine} has failed over (${p.protection}) and is not replicating yet`,
  'reject.resyncCommitFirst': (p: Id & { protection: string }) => `${p.machine} has failed over (${p.protection}): commit it first`,
  'reject.failedOverNotReplicating': (p: Id & { advice: Text }) => `${p.machine} has failed over and is not replicating: ${text(p.advice)}`,
  'reject.resyncMigrated': (p: Id) => `${p.machine} was migrated: there is nothing to resync`,
  'reject.resyncNotRunning': (p: Id) => `${p.machine} is not running; start it first`,
  'reject.resyncAuth': (p: Id) => `authentication of ${p.machine} is still failing: clear that first`,
  'reject.resyncUnreachable': (p: Id & { reason: Text }) => `${p.machine} cannot reach its target (${text(p.reason)}): clear the fault first`,
  'reject.resizeShrink': (p: Id & { disk: string; sizeGiB: number }) => `disk ${p.disk} of ${p.machine} is ${p.sizeGiB} GiB; a resize can only grow it`,
  'reject.resizeMax': (p: Id & { disk: string; toGiB: number; maxGiB: number; source: string }) => `disk ${p.disk} of ${p.machine} cannot grow to ${p.toGiB} GiB: at most ${p.maxGiB} GiB (${p.source})`,
  'reject.resizeVolume': (p: Id & { disk: string; toGiB: number; volumeBytes: number; host: string }) =>
    `disk ${p.disk} of ${p.machine} cannot grow to ${p.toGiB} GiB: the ${Math.round(p.volumeBytes / GiB)} GiB volume of ${p.host} would no longer hold its VMs' disks`,
  'reject.noProcessServer': (p: { scenario: string; san: boolean }) => `${p.scenario} has no process server: ${p.san ? 'the storage arrays replicate the data' : 'the Hyper-V hosts send their logs themselves'}`,
  'reject.notPartOf': (p: { name: string; scenario: string }) => `${p.name} is not part of ${p.scenario}`,
  'reject.faultNeedsLink': (p: { fault: string; links: readonly string[]; target: string }) => `${p.fault} targets a replication link (${p.links.join(', ')}); ${p.target} is not one`,
  'reject.scenarioNoProcessServer': (p: { scenario: string }) => `${p.scenario} has no process server`,
  'reject.faultNeedsProcessServer': (p: { fault: string; processServer: string }) => `${p.fault} targets the process server (${p.processServer})`,
  'reject.faultOnVm': (p: { target: string; hosts: readonly string[] }) => `${p.target} is a VM: target its host (${p.hosts.join(', ')})`,
  'reject.faultNeedsHost': (p: { hosts: readonly string[] }) => `hostDiskFull targets a host (${p.hosts.length > 0 ? p.hosts.join(', ') : 'each machine is its own host'})`,
  'reject.authTargets': (p: { perHost: boolean; authority: string }) => `authFailure targets a machine${p.perHost ? ', a host' : ''} or ${p.authority} (all machines)`,
  'reject.shutdownTargets': () => 'forcedShutdown targets a machine or a host (all its VMs)',
  'reject.resizeTargets': () => 'diskResize targets a machine',
  'reject.siteTargets': () => 'siteDown targets primarySite',
  'reject.noPointYet': (p: Id) => `${p.machine} has no recovery point yet`,
  'reject.noPointBefore': (p: Id & { at: number; oldest: number }) => `${p.machine} has no retained recovery point at or before ${dur(p.at)}; the oldest is at ${dur(p.oldest)}`,
  'reject.noAppPoint': (p: Id) => `${p.machine} has no app-consistent recovery point retained`,
  'reject.noMultiVmPoint': (p: Id & { app: boolean; shared: boolean }) => `${p.machine} has no ${p.app ? 'app-consistent ' : ''}multi-VM recovery point${p.shared ? ' shared with its group' : ''} retained`,
  'reject.stillCopying': (p: { reason: Message }) => `${english(p.reason)}: its replica is still being copied`,
  'reject.planNotCreated': (p: { plan: string }) => `plan ${p.plan} is not created yet`,
  'reject.planTestRunning': (p: { plan: string }) => `the test run of plan ${p.plan} is still in progress; clean up once it has finished`,
  'reject.planNothingToClean': (p: { plan: string }) => `no machine of plan ${p.plan} has a test copy to clean up`,
  'reject.noTestToClean': (p: Id) => `there is no test failover of ${p.machine} to clean up`,
  'reject.componentThere': (p: { label: string }) => `${p.label} is already there`,
  'reject.planExists': (p: { plan: string }) => `a plan named ${p.plan} already exists`,
  'reject.planCreateFirst': (p: { plan: string }) => `plan ${p.plan} is not created yet: a createRecoveryPlan step must come first`,
  'reject.planRunning': (p: { plan: string }) => `plan ${p.plan} is already running; wait for it to finish (or resume it)`,
  'reject.planNotWaiting': (p: { plan: string }) => `plan ${p.plan} is not waiting for input`,
  'reject.noFailbackWaiting': (p: Id) => `${p.machine} has no failback waiting to complete`,
  'reject.noGroup': (p: Id) => `${p.machine} is in no replication group: multi-VM recovery points exist only for machines replicated as a group`,
  'reject.testExists': (p: Id) => `a test failover of ${p.machine} already exists: clean it up first (cleanupTestFailover)`,
  'reject.notProtectedYet': (p: Id) => `${p.machine} is not protected yet: wait until initial replication and finalize protection are done`,
  'reject.failoverInProgress': (p: Id) => `a failover of ${p.machine} is in progress`,
  'reject.notReplicatingYet': (p: Id) => `${p.machine} is not replicating yet: wait until it is protected again`,
  'reject.commitFirst': (p: { failback: boolean }) => `commit its ${p.failback ? 'failback' : 'failover'} first`,
  'reject.migrationEnds': () => 'it was migrated, and a migration ends with its failover',
  'reject.plannedUnsupported': (p: { scenario: string; why: string }) => `${p.scenario}: ${p.why}`,
  'reject.failoverAlready': (p: Id) => `a failover of ${p.machine} is already in progress`,
  'reject.migratedStaysAt': (p: Id & { where: string }) => `${p.machine} was migrated: it stays ${p.where}`,
  'reject.alreadyFailedOver': (p: Id & { pending: boolean; way: string }) =>
    `${p.machine} has already failed over; ${p.pending ? 'commit it or change its recovery point' : `to return, ${RETURN_WORDS[p.way]}`}`,
  'reject.backBeingSetUp': (p: Id) => `${p.machine} is back at the primary site and its replication is being set up: wait until it is protected`,
  'reject.backNotProtected': (p: Id & { advice: Text }) => `${p.machine} is back at the primary site and not protected: ${text(p.advice)}`,
  'reject.noPointInitial': (p: Id) => `${p.machine} has no recovery point yet: wait until initial replication and finalize protection are done`,
  'reject.useFailback': (p: Id & { where: string }) => `${p.machine} runs ${p.where} and replicates back: use failback to return it to the primary site`,
  'reject.plannedNeedsProtected': (p: Id & { protection: string }) => `a planned failover needs ${p.machine} protected and in step (it is ${p.protection}); fail over unplanned instead`,
  'reject.plannedSourceProblem': (p: Id & { problem: Text }) => `a planned failover shuts ${p.machine} down and sends its last changes, but ${text(p.problem)}: clear that first or fail over unplanned`,
  'reject.changeCommitted': (p: Id) => `the failover of ${p.machine} is committed: its recovery points are deleted`,
  'reject.changeAlready': (p: Id) => `${p.machine} is already changing its recovery point`,
  'reject.changeRunning': (p: Id) => `the failover of ${p.machine} is still running; change the point once it runs at the target`,
  'reject.changeNothingPending': (p: Id) => `${p.machine} has no failover pending: fail it over first`,
  'reject.commitPlannedRunning': (p: Id & { failback: boolean }) => `the planned ${p.failback ? 'failback' : 'failover'} of ${p.machine} is still running; between the sites it is committed by itself when it completes`,
  'reject.commitPlannedDone': (p: Id & { failback: boolean }) => `the planned ${p.failback ? 'failback' : 'failover'} of ${p.machine} was committed by itself and its replication reversed: there is nothing to commit`,
  'reject.commitSan': () => 'with SAN replication the failover is committed automatically',
  'reject.commitRunning': (p: Id) => `the failover of ${p.machine} is still running; commit once it runs at the target`,
  'reject.commitChanging': (p: Id) => `${p.machine} is changing its recovery point; commit once it runs again`,
  'reject.commitAlready': (p: Id) => `the failover of ${p.machine} is already committed`,
  'reject.commitNothing': (p: Id) => `${p.machine} has no failover to commit: fail it over first`,
  'reject.masterTargetDisks': (p: { disks: number; max: number }) => `the on-premises master target would hold ${p.disks} disks; one master target takes at most ${p.max} across reprotected machines`,
  'reject.reprotectMigration': (p: { scenario: string }) => `${p.scenario} is a migration: machines stay in Azure after failover; there is no failback`,
  'reject.reprotectCommitFirst': (p: Id) => `commit the failover of ${p.machine} before reprotecting it`,
  'reject.reprotectRunning': (p: Id) => `the failover of ${p.machine} is still running; commit it, then reprotect`,
  'reject.reprotectAlready': (p: Id) => `${p.machine} is already being reprotected`,
  'reject.reprotectBack': (p: Id) => `${p.machine} already replicates back to the primary site`,
  'reject.reprotectNothing': (p: Id & { replicates: boolean; protection: string }) => `${p.machine} is back at the primary site and ${p.replicates ? 'replicates again' : `is ${p.protection}`}: there is nothing to reprotect`,
  'reject.reprotectNotFailedOver': (p: Id) => `${p.machine} has not failed over: there is nothing to reprotect`,
  'reject.reprotectHyperv': () => 'Hyper-V VMs come back from Azure by a planned failover: use failback (replication to Azure resumes by itself after its commit)',
  'reject.reprotectPhysical': () => 'physical servers fail back only to a VMware VM, never to the physical server: reprotect with "location": "alternate"',
  'reject.failbackNeeds': (p: Id & { what: string; reason: Text }) => `replicating ${p.machine} back needs ${p.what}: ${text(p.reason)}`,
  'reject.failbackMigration': (p: { scenario: string }) => `${p.scenario} is a migration: failback is not supported`,
  'reject.failbackWaiting': (p: Id) => `the failback of ${p.machine} waits to complete: resume it`,
  'reject.failbackAtPrimary': (p: Id) => `${p.machine} runs at the primary site: there is nothing to fail back`,
  'reject.failbackCommitFirst': (p: Id) => `commit the failover of ${p.machine} first`,
  'reject.failbackWhile': (p: Id & { protection: string }) => `${p.machine} cannot fail back while it is ${p.protection}`,
  'reject.failbackReprotectFirst': (p: Id & { siteToSite: boolean }) =>
    `reprotect ${p.machine} first, so that it replicates back to the primary site (${p.siteToSite ? 'reverse replication' : 'phase 1 of failback'})`,
  'reject.failbackStill': (p: Id & { protection: string }) => `${p.machine} is still ${p.protection === 'reprotecting' ? 'being reprotected' : `replicating back (${p.protection})`}: fail back once it is protected`,
  'reject.failbackSourceProblem': (p: Id & { problem: Text }) => `failback shuts ${p.machine} down and sends its last changes, but ${text(p.problem)}: clear that first`
});
