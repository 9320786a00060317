// How the recovery plan panel words things: run types and states, recovery point choices, measured
// times to the second, and the engine's problems with a step, with JSON paths put into words.

import type { PlanRun, PlanActionRun } from '../../../engine/recovery/plans';

export type RunType = PlanRun['type'];
export type PlanChoice = 'latest' | 'latestProcessed' | 'latestAppConsistent' | 'latestMultiVmProcessed' | 'latestMultiVmAppConsistent';

/** The recovery point choices a plan run offers, in words, with what each costs. */
export const POINT_CHOICES: ReadonlyArray<{ value: PlanChoice; label: string; hint: string }> = [
  { value: 'latest', label: 'Latest', hint: 'Processes everything Azure has received first: the least data lost, the longest wait.' },
  { value: 'latestProcessed', label: 'Latest processed', hint: 'The newest point already processed: starts at once.' },
  { value: 'latestAppConsistent', label: 'Latest app-consistent', hint: 'The newest point the applications made consistent: safest for databases, usually older.' },
  { value: 'latestMultiVmProcessed', label: 'Latest multi-VM processed', hint: 'Machines in a replication group share one point; the others take their own latest processed point.' },
  { value: 'latestMultiVmAppConsistent', label: 'Latest multi-VM app-consistent', hint: 'Machines in a replication group share one app-consistent point; the others take their own latest app-consistent point.' }
];

export function pointWords(choice: string): string {
  return POINT_CHOICES.find((c) => c.value === choice)?.label.toLowerCase() ?? choice;
}

export const RUN_TYPE: Record<RunType, string> = { test: 'Test failover', planned: 'Planned failover', unplanned: 'Unplanned failover' };

export const RUN_STATE: Record<PlanRun['state'], string> = {
  inProgress: 'In progress',
  waitingForInput: 'Waiting for input',
  failed: 'Failed',
  succeeded: 'Succeeded'
};

export const ACTION_TYPE: Record<PlanActionRun['type'], string> = { script: 'Script', runbook: 'Runbook', manual: 'Manual action' };

/** A measured time to the second: "48 min", "38 min 12 s", "1 h 2 min", "45 s". */
export function exactDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} h`);
  if (m > 0) parts.push(`${m} min`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

/**
 * Why a scenario has no planned failover, for a plan run: the engine's reason up to its advice,
 * which speaks of a single failover's options that a plan run does not have.
 */
export function plannedWords(reason: string): string {
  const cut = reason.indexOf(': ');
  return `${cut < 0 ? reason : reason.slice(0, cut)}. Run an unplanned failover instead.`;
}

export function rtoText(seconds: number): string {
  return `RTO ${exactDuration(seconds)}`;
}

const PHASE: Record<string, string> = { pre: 'before it boots', post: 'after it boots' };
const FIELD: Record<string, string> = { machines: 'machines', name: 'name', duration: 'duration', type: 'type', fails: '"fails"', plan: 'plan name', recoveryPoint: 'recovery point' };

/**
 * The engine's problems with a step, with their JSON paths in words:
 * "$.groups[1].pre[0].duration: ..." becomes "Group 2, action 1 before it boots, duration: ...".
 */
export function problemWords(text: string): string {
  return text.replace(/\$\.(?:groups\[(\d+)\](?:\.(pre|post)\[(\d+)\])?)?\.?([A-Za-z]+)?(?:\[(\d+)\])?: /g, (_all, g?: string, phase?: string, k?: string, field?: string, item?: string) => {
    const parts: string[] = [];
    if (g !== undefined) parts.push(`Group ${Number(g) + 1}`);
    if (phase !== undefined && k !== undefined) parts.push(`action ${Number(k) + 1} ${PHASE[phase]}`);
    if (field !== undefined) {
      const words = FIELD[field] ?? field;
      parts.push(item !== undefined && field === 'machines' ? `machine ${Number(item) + 1}` : words);
    }
    if (parts.length === 0) return '';
    const out = parts.join(', ');
    return `${out.charAt(0).toUpperCase()}${out.slice(1)}: `;
  });
}
