// The rows of a recovery plan run's timeline, in the order the run goes: every machine failing
// over, then per group its actions before boot, its boot and its actions after boot. Parts still
// running end at `now`; parts not reached yet are listed without times, from the plan's definition.

import type { PlanDefinition, PlanRun } from '../../../engine/recovery/plans';
import { ACTION_TYPE } from './plansText';
import { m } from '../../../paraglide/messages';

export type BarState = 'succeeded' | 'inProgress' | 'waitingForInput' | 'failed' | 'notStarted';

export interface GanttRow {
  key: string;
  kind: 'failover' | 'action' | 'boot';
  /** 1-based group number, or null for the failover of every machine. */
  group: number | null;
  label: string;
  start: number | null;
  /** The end, or `now` while it runs; null when it has not started. */
  end: number | null;
  state: BarState;
}

const BAR_WORDS: Record<BarState, () => string> = {
  succeeded: m.gantt_bar_succeeded,
  inProgress: m.gantt_bar_in_progress,
  waitingForInput: m.gantt_bar_waiting,
  failed: m.gantt_bar_failed,
  notStarted: m.gantt_bar_not_started
};

/** A bar's state in words, in the page's language: "done", "waiting for input". */
export function barState(state: BarState): string {
  return BAR_WORDS[state]();
}

type Groups = PlanDefinition['groups'];

export function ganttRows(run: PlanRun, groups: Groups, now: number): GanttRow[] {
  const rows: GanttRow[] = [];
  const open = (end: number | null): number => end ?? Math.max(now, run.start);
  rows.push({
    key: 'failover',
    kind: 'failover',
    group: null,
    label: run.type === 'test' ? m.gantt_row_test() : m.gantt_row_failover(),
    start: run.start,
    end: open(run.failedOverAt),
    state: run.failedOverAt !== null ? 'succeeded' : run.end !== null ? 'failed' : 'inProgress'
  });
  run.groups.forEach((g, i) => {
    const def = groups[i] ?? { machines: g.machines, pre: [], post: [] };
    const entries = run.actions.filter((a) => a.group === g.group);
    const phaseRows = (phase: 'pre' | 'post'): { rows: GanttRow[]; done: boolean; lastEnd: number | null } => {
      const list = entries.filter((a) => a.phase === phase);
      const out: GanttRow[] = [];
      // A failed script that was run again appears twice: the failed try, then the new run.
      let reached = 0;
      list.forEach((a, k) => {
        const retried = a.state === 'failed' && list.slice(k + 1).some((b) => b.name === a.name);
        if (!retried) reached++;
        out.push({
          key: `g${g.group}-${phase}-${k}`,
          kind: 'action',
          group: g.group,
          label: retried ? m.gantt_row_action_retried({ type: ACTION_TYPE[a.type], name: a.name }) : `${ACTION_TYPE[a.type]}: ${a.name}`,
          start: a.start,
          end: a.state === 'inProgress' || a.state === 'waitingForInput' ? open(a.end) : (a.end ?? open(null)),
          state: a.state
        });
      });
      const defs = phase === 'pre' ? def.pre : def.post;
      defs.slice(reached).forEach((a, k) => {
        out.push({ key: `g${g.group}-${phase}-todo-${k}`, kind: 'action', group: g.group, label: `${ACTION_TYPE[a.type]}: ${a.name}`, start: null, end: null, state: 'notStarted' });
      });
      const succeeded = list.filter((a) => a.state === 'succeeded');
      return { rows: out, done: g.start !== null && succeeded.length >= defs.length, lastEnd: succeeded.at(-1)?.end ?? null };
    };
    const pre = phaseRows('pre');
    rows.push(...pre.rows);
    const bootStart = pre.done ? (pre.lastEnd ?? g.start) : null;
    rows.push({
      key: `g${g.group}-boot`,
      kind: 'boot',
      group: g.group,
      label: m.gantt_row_boot({ group: g.group, machines: g.machines.join(', ') }),
      start: bootStart,
      end: bootStart === null ? null : g.up ?? open(null),
      state: bootStart === null ? 'notStarted' : g.up !== null ? 'succeeded' : run.end !== null ? 'failed' : 'inProgress'
    });
    rows.push(...phaseRows('post').rows);
  });
  return rows;
}

/** The action the run waits on (a manual action, or a script or runbook that failed), if any. */
export function blockedAction(run: PlanRun | null): PlanRun['actions'][number] | undefined {
  if (!run || run.end !== null) return undefined;
  const last = run.actions.at(-1);
  return last && (last.state === 'waitingForInput' || last.state === 'failed') ? last : undefined;
}

/** One sentence on where the run is, for the figure's text summary. */
export function runSummary(run: PlanRun, now: number): string {
  const at = (t: number): string => `${Math.round((t - run.start) / 60)} min`;
  const parts: string[] = [];
  parts.push(run.failedOverAt === null ? m.gantt_sum_failing_over() : run.failedOverAt === run.start ? m.gantt_sum_ready_at_once() : m.gantt_sum_ready_after({ time: at(run.failedOverAt) }));
  for (const g of run.groups) if (g.up !== null) parts.push(m.gantt_sum_group_up({ group: g.group, time: at(g.up) }));
  const blocked = blockedAction(run);
  if (blocked)
    parts.push(
      blocked.state === 'failed'
        ? m.gantt_sum_failed({ action: blocked.name, time: at(blocked.end ?? now) })
        : m.gantt_sum_waited({ minutes: Math.round((now - blocked.start) / 60), action: blocked.name })
    );
  if (run.end !== null) parts.push(m.gantt_sum_ended({ time: at(run.end) }));
  return `${parts.join('; ')}.`;
}
