// The recovery plan editor's model: a plan being drawn up (its name, its groups with actions
// before and after they boot, and the group each machine is in), the checks the page makes before
// the engine sees it, and the createRecoveryPlan step it becomes. Pure functions on plain data.

import { m } from '../../../paraglide/messages';

/** The engine's limits (README, Recovery plans). */
export const MAX_GROUPS = 7;
export const MAX_MACHINES = 100;
const PLAN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const DURATION = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;

export type ActionType = 'script' | 'runbook' | 'manual';
export type Phase = 'pre' | 'post';

export interface ActionDraft {
  key: number;
  type: ActionType;
  name: string;
  /** A duration such as "3m" (scripts and runbooks). */
  duration: string;
  /** Scripts and runbooks: fails on its first run, so the plan stops until it is run again. */
  fails: boolean;
}

export interface GroupDraft {
  key: number;
  pre: ActionDraft[];
  post: ActionDraft[];
}

export interface PlanDraft {
  name: string;
  groups: GroupDraft[];
  /** Machine id to the index of its group; a machine that is not in the plan has no entry. */
  placed: Record<string, number>;
}

export interface DraftMachine {
  id: string;
  /** The machine's replication group: its members sit in one group of a plan. */
  group: string | null;
}

let nextKey = 1;
const key = (): number => nextKey++;

export function newGroup(): GroupDraft {
  return { key: key(), pre: [], post: [] };
}

export function newAction(type: ActionType = 'script'): ActionDraft {
  return { key: key(), type, name: '', duration: '3m', fails: false };
}

export function newDraft(): PlanDraft {
  return { name: '', groups: [newGroup()], placed: {} };
}

/** The ids moved together with `id`: the members of its replication group, or itself alone. */
export function movesWith(machines: readonly DraftMachine[], id: string): string[] {
  const group = machines.find((m) => m.id === id)?.group ?? null;
  return group === null ? [id] : machines.filter((m) => m.group === group).map((m) => m.id);
}

/** Puts a machine (and the rest of its replication group) in group `to`, or out of the plan with null. */
export function moveMachine(draft: PlanDraft, machines: readonly DraftMachine[], id: string, to: number | null): { draft: PlanDraft; moved: string[] } {
  const moved = movesWith(machines, id);
  const placed = { ...draft.placed };
  for (const m of moved) {
    if (to === null) delete placed[m];
    else placed[m] = to;
  }
  return { draft: { ...draft, placed }, moved };
}

export function addGroup(draft: PlanDraft): PlanDraft {
  if (draft.groups.length >= MAX_GROUPS) return draft;
  return { ...draft, groups: [...draft.groups, newGroup()] };
}

/** Removes a group: its machines leave the plan and the groups after it move up by one. */
export function removeGroup(draft: PlanDraft, index: number): PlanDraft {
  if (draft.groups.length <= 1) return draft;
  const placed: Record<string, number> = {};
  for (const [id, g] of Object.entries(draft.placed)) {
    if (g < index) placed[id] = g;
    else if (g > index) placed[id] = g - 1;
  }
  return { ...draft, groups: draft.groups.filter((_, i) => i !== index), placed };
}

/** The machines of group `index`, in the scenario's order. */
export function machinesIn(draft: PlanDraft, machines: readonly DraftMachine[], index: number | null): DraftMachine[] {
  return machines.filter((m) => (index === null ? draft.placed[m.id] === undefined : draft.placed[m.id] === index));
}

/** Seconds in a duration string ("90s", "3m", "1h30m"), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = text.trim() === '' ? null : DURATION.exec(text.trim());
  if (!m) return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((v) => (v === undefined ? 0 : Number(v)));
  return d! * 86400 + h! * 3600 + min! * 60 + s!;
}

/** Where a problem shows: "name", "group-<i>", "action-<groupKey>-<actionKey>-<field>" or "plan". */
export interface DraftProblem {
  where: string;
  message: string;
}

export function actionWhere(group: GroupDraft, action: ActionDraft, field: 'name' | 'duration'): string {
  return `action-${group.key}-${action.key}-${field}`;
}

/** What stops the draft from being a valid plan, each with where it shows and what to do. */
export function checkDraft(draft: PlanDraft, machines: readonly DraftMachine[], existing: readonly string[]): DraftProblem[] {
  const out: DraftProblem[] = [];
  const name = draft.name.trim();
  if (name === '') out.push({ where: 'name', message: m.plans_problem_no_name() });
  else if (!PLAN_NAME.test(name)) out.push({ where: 'name', message: m.plans_problem_bad_name({ name }) });
  else if (existing.includes(name)) out.push({ where: 'name', message: m.plans_problem_exists({ name }) });
  draft.groups.forEach((g, i) => {
    if (machinesIn(draft, machines, i).length === 0) out.push({ where: `group-${i}`, message: m.plans_problem_empty_group({ group: i + 1 }) });
    for (const a of [...g.pre, ...g.post]) {
      const n = a.name.trim();
      if (n === '') out.push({ where: actionWhere(g, a, 'name'), message: m.plans_problem_no_action_name() });
      else if (a.name.length > 80) out.push({ where: actionWhere(g, a, 'name'), message: m.plans_problem_long_name({ count: a.name.length }) });
      if (a.type === 'manual') continue;
      const s = parseDuration(a.duration);
      if (s === undefined) out.push({ where: actionWhere(g, a, 'duration'), message: m.plans_problem_bad_duration({ duration: a.duration }) });
      else if (s < 1 || s > 86400) out.push({ where: actionWhere(g, a, 'duration'), message: m.plans_problem_duration_range() });
    }
  });
  const count = Object.keys(draft.placed).filter((id) => machines.some((x) => x.id === id)).length;
  if (count > MAX_MACHINES) out.push({ where: 'plan', message: m.plans_problem_too_many({ max: MAX_MACHINES, count }) });
  return out;
}

function actionStep(a: ActionDraft): Record<string, unknown> {
  const base = { type: a.type, name: a.name.trim() };
  if (a.type === 'manual') return base;
  return a.fails ? { ...base, duration: a.duration.trim(), fails: true } : { ...base, duration: a.duration.trim() };
}

/** The createRecoveryPlan step for the draft: plain data, ready to post to the worker. */
export function planStep(draft: PlanDraft, machines: readonly DraftMachine[]): Record<string, unknown> {
  return {
    do: 'createRecoveryPlan',
    plan: draft.name.trim(),
    groups: draft.groups.map((g, i) => {
      const group: Record<string, unknown> = { machines: machinesIn(draft, machines, i).map((m) => m.id) };
      if (g.pre.length > 0) group.pre = g.pre.map(actionStep);
      if (g.post.length > 0) group.post = g.post.map(actionStep);
      return group;
    })
  };
}
