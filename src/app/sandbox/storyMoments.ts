// The moments of a scenario file's story, in words: each step as a short line for the story panel
// and the marks on the time slider ("Link down on uplink for 6 h", "Planned failover of sql-01").

import type { Step } from '../../engine/script/config';
import { duration } from '../format';

/** A step the page can describe: the engine's reading of a file's step, or an action just taken (fields as given). */
export type MomentStep = Pick<Step, 'do'> & { [field: string]: unknown };

const FAULT_NAMES: Record<string, string> = {
  linkDown: 'Link down',
  linkDegraded: 'Link throttled',
  processServerDown: 'Process server stopped',
  cacheFull: 'Cache full',
  hostDiskFull: 'Host disk full',
  authFailure: 'Authentication broken',
  forcedShutdown: 'Forced off',
  diskResize: 'Disk grown',
  siteDown: 'Site down'
};

function who(step: MomentStep): string {
  const m = step.machines;
  if (m === 'all') return 'all machines';
  if (Array.isArray(m)) return m.length > 3 ? `${m.slice(0, 3).join(', ')} and ${m.length - 3} more` : m.join(', ');
  return typeof step.plan === 'string' ? `plan ${step.plan}` : 'the machines';
}

/** Seconds from a step's `for` (a number from the engine, or a file's "30m"). */
function forText(value: unknown): string {
  if (typeof value === 'number') return ` for ${duration(value)}`;
  if (typeof value === 'string' && value !== '') return ` for ${value}`;
  return '';
}

/** One line for a step: what happens at that moment. */
export function momentLabel(given: MomentStep | Step): string {
  const step = given as MomentStep;
  switch (step.do) {
    case 'enableReplication':
      return `Replication enabled: ${who(step)}`;
    case 'disableReplication':
      return `Replication disabled: ${who(step)}`;
    case 'resync':
      return `Resync started: ${who(step)}`;
    case 'setWriteRate':
      return `Write rate set to ${String(step.writeMBps)} MB/s: ${who(step)}`;
    case 'setPolicy':
      return 'Replication policy changed';
    case 'fault': {
      const kind = String(step.fault);
      const bw = kind === 'linkDegraded' && typeof step.bandwidthPercent === 'number' ? ` to ${step.bandwidthPercent} %` : '';
      return `${FAULT_NAMES[kind] ?? kind}${bw} on ${String(step.target)}${forText(step.for)}`;
    }
    case 'clearFault':
      return `${step.fault ? (FAULT_NAMES[String(step.fault)] ?? String(step.fault)) : 'Faults'} cleared on ${String(step.target)}`;
    case 'testFailover':
      return `Test failover: ${who(step)}`;
    case 'cleanupTestFailover':
      return `Test failover cleaned up: ${who(step)}`;
    case 'failover':
      return `${step.type === 'planned' ? 'Planned' : 'Unplanned'} failover: ${who(step)}`;
    case 'changeRecoveryPoint':
      return `Recovery point changed: ${who(step)}`;
    case 'commit':
      return `Failover committed: ${who(step)}`;
    case 'reprotect':
      return `Reprotect: ${who(step)}`;
    case 'failback':
      return `Failback: ${who(step)}`;
    case 'addComponent':
      return `Added: ${String(step.component)}`;
    case 'moveProcessServer':
      return `Moved to ${String(step.processServer)}: ${who(step)}`;
    case 'createRecoveryPlan':
      return `Recovery plan ${String(step.plan)} created`;
    case 'runRecoveryPlan':
      return `Recovery plan ${String(step.plan)} runs (${step.type === 'test' ? 'test' : String(step.type)})`;
    case 'resume':
      return `Resumed: ${who(step)}`;
  }
  return String(step.do);
}

/** Whether a step is worth a mark on the time slider (enabling replication at 0 s is where every story starts). */
export function isMoment(step: Pick<Step, 'do' | 'at'>): boolean {
  return !(step.do === 'enableReplication' && step.at === 0) && step.do !== 'createRecoveryPlan';
}
