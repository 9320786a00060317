// How the recovery plan panel words things: run types and states, recovery point choices, measured
// times to the second, and the engine's problems with a step, with JSON paths put into words.

import type { PlanRun, PlanActionRun } from '../../../engine/recovery/plans';
import { m } from '../../../paraglide/messages';

export type RunType = PlanRun['type'];
export type PlanChoice = 'latest' | 'latestProcessed' | 'latestAppConsistent' | 'latestMultiVmProcessed' | 'latestMultiVmAppConsistent';

/** A choice in words in the page's language, read when shown (its label and hint are getters). */
const choice = (value: PlanChoice, label: () => string, hint: () => string): { value: PlanChoice; label: string; hint: string } => ({
  value,
  get label() {
    return label();
  },
  get hint() {
    return hint();
  }
});

/** The recovery point choices a plan run offers, in words, with what each costs. */
export const POINT_CHOICES: ReadonlyArray<{ value: PlanChoice; label: string; hint: string }> = [
  choice('latest', m.plans_point_latest, m.plans_hint_latest),
  choice('latestProcessed', m.plans_point_latest_processed, m.plans_hint_latest_processed),
  choice('latestAppConsistent', m.plans_point_latest_app_consistent, m.plans_hint_latest_app_consistent),
  choice('latestMultiVmProcessed', m.plans_point_latest_multi_vm_processed, m.plans_hint_latest_multi_vm_processed),
  choice('latestMultiVmAppConsistent', m.plans_point_latest_multi_vm_app_consistent, m.plans_hint_latest_multi_vm_app_consistent)
];

/** A record of words whose values are read in the page's language each time (getters over the catalogue). */
function inWords<K extends string>(messages: Record<K, () => string>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(messages) as K[]) Object.defineProperty(out, key, { get: messages[key], enumerable: true });
  return out;
}

export function pointWords(choice: string): string {
  return POINT_CHOICES.find((c) => c.value === choice)?.label.toLowerCase() ?? choice;
}

export const RUN_TYPE: Record<RunType, string> = inWords({ test: m.plans_run_test, planned: m.plans_run_planned, unplanned: m.plans_run_unplanned });

export const RUN_STATE: Record<PlanRun['state'], string> = inWords({
  inProgress: m.plans_state_in_progress,
  waitingForInput: m.plans_state_waiting,
  failed: m.plans_state_failed,
  succeeded: m.plans_state_succeeded
});

export const ACTION_TYPE: Record<PlanActionRun['type'], string> = inWords({ script: m.plans_type_script, runbook: m.plans_type_runbook, manual: m.plans_type_manual });

/** A measured time to the second: "48 min", "38 min 12 s", "1 h 2 min", "45 s". */
export function exactDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(m.plans_hours({ count: h }));
  if (min > 0) parts.push(`${min} min`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

/**
 * Why a scenario has no planned failover, for a plan run: the engine's reason up to its advice,
 * which speaks of a single failover's options that a plan run does not have.
 */
export function plannedWords(reason: string): string {
  const cut = reason.indexOf(': ');
  return m.plans_planned_words({ reason: cut < 0 ? reason : reason.slice(0, cut) });
}

export function rtoText(seconds: number): string {
  return `RTO ${exactDuration(seconds)}`;
}

const PHASE: Record<string, () => string> = { pre: m.plans_phase_pre, post: m.plans_phase_post };
const FIELD: Record<string, () => string> = {
  machines: m.plans_field_machines,
  name: m.plans_field_name,
  duration: m.plans_field_duration,
  type: m.plans_field_type,
  fails: m.plans_field_fails,
  plan: m.plans_field_plan,
  recoveryPoint: m.plans_field_recovery_point
};

/**
 * The engine's problems with a step, with their JSON paths in words:
 * "$.groups[1].pre[0].duration: ..." becomes "Group 2, action 1 before it boots, duration: ...".
 */
export function problemWords(text: string): string {
  return text.replace(/\$\.(?:groups\[(\d+)\](?:\.(pre|post)\[(\d+)\])?)?\.?([A-Za-z]+)?(?:\[(\d+)\])?: /g, (_all, g?: string, phase?: string, k?: string, field?: string, item?: string) => {
    const parts: string[] = [];
    if (g !== undefined) parts.push(m.plans_where_group({ group: Number(g) + 1 }));
    if (phase !== undefined && k !== undefined) parts.push(m.plans_where_action({ action: Number(k) + 1, phase: PHASE[phase]?.() ?? phase }));
    if (field !== undefined) {
      const words = FIELD[field]?.() ?? field;
      parts.push(item !== undefined && field === 'machines' ? m.plans_where_machine({ machine: Number(item) + 1 }) : words);
    }
    if (parts.length === 0) return '';
    const out = parts.join(', ');
    return `${out.charAt(0).toUpperCase()}${out.slice(1)}: `;
  });
}
