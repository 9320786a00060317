// What the page's recovery UI shows, read from a running simulation: each machine's side and
// recovery state with its latest failover and drill, every recovery action with the engine's own
// reason when it is not allowed now, the failback checklist, the recovery plans with their runs;
// and, for the failover wizard, what each recovery point choice would cost.

import type { Simulation } from './simulation';
import type { FailbackNeed } from './recovery/commands';
import type { FailoverPreview, FailoverRecord } from './recovery/records';
import type { PlanDefinition, PlanRun } from './recovery/plans';
import { POINT_CHOICES, type FailoverType, type PointChoice, type Step } from './script/config';
import { failbackChecklist } from './recovery/commands';

/** The recovery verbs the page offers per machine. */
export const MACHINE_ACTIONS = ['testFailover', 'cleanupTestFailover', 'plannedFailover', 'unplannedFailover', 'changeRecoveryPoint', 'commit', 'reprotect', 'reprotectAlternate', 'failback', 'resume'] as const;
export type MachineAction = (typeof MACHINE_ACTIONS)[number];

export interface MachineRecoveryView {
  id: string;
  side: 'primary' | 'target';
  statePath: string;
  /** The drill's state: idle, starting, running or cleaning up. */
  drill: string;
  /** The latest failover or failback, and the latest drill. */
  failover: FailoverRecord | null;
  test: FailoverRecord | null;
  /** For each action: null when the engine would take it now, else its reason. */
  actions: Record<MachineAction, string | null>;
  checklist: FailbackNeed[];
}

export interface RecoveryView {
  /** Where machines run after a failover ("in Azure", "at the secondary site"). */
  targetWords: string;
  plannedUnsupported: string | null;
  failback: string;
  autoCommit: boolean;
  siteDown: boolean;
  machines: MachineRecoveryView[];
  /** Failback components and links the sandbox can add. */
  deployable: Array<{ id: string; label: string; deployed: boolean; available: boolean }>;
  plans: Array<{ name: string; groups: PlanDefinition['groups']; createdAt: number; run: PlanRun | null; waiting: boolean }>;
}

export interface ChoicePreview extends FailoverPreview {
  choice: PointChoice;
}

export interface WizardPreview {
  machine: string;
  type: FailoverType;
  shutdownSource: boolean;
  choices: ChoicePreview[];
  /** Retained points to pick from (source time), newest last. */
  points: Array<{ at: number; appConsistent: boolean }>;
  /** When the source stopped (down or shut down), or null while it runs: data loss runs from the point to then. */
  sourceStoppedAt: number | null;
}

/** A deep copy of plain data (records and plans are JSON-shaped), so the page never holds live state. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function step(sim: Simulation, s: Record<string, unknown>): Step {
  return { index: -1, at: sim.now, ...s } as unknown as Step;
}

/** Why the engine would refuse the step now, or null. */
function reason(sim: Simulation, s: Record<string, unknown>): string | null {
  return sim.reasonNow(step(sim, s)) ?? null;
}

export function recoveryOf(sim: Simulation): RecoveryView {
  const rules = sim.def.recovery;
  return {
    targetWords: rules.targetWords,
    plannedUnsupported: rules.plannedUnsupported ?? null,
    failback: rules.failback,
    autoCommit: rules.autoCommit,
    siteDown: sim.conditions.siteDown,
    machines: sim.machines.map((m) => {
      const id = m.id;
      const ms = [id];
      const actions: Record<MachineAction, string | null> = {
        testFailover: reason(sim, { do: 'testFailover', machines: ms, recoveryPoint: 'latest' }),
        cleanupTestFailover: reason(sim, { do: 'cleanupTestFailover', machines: ms }),
        plannedFailover: reason(sim, { do: 'failover', machines: ms, type: 'planned', recoveryPoint: 'latest', shutdownSource: false }),
        unplannedFailover: reason(sim, { do: 'failover', machines: ms, type: 'unplanned', recoveryPoint: 'latest', shutdownSource: false }),
        changeRecoveryPoint: reason(sim, { do: 'changeRecoveryPoint', machines: ms, recoveryPoint: 'latestProcessed' }),
        commit: reason(sim, { do: 'commit', machines: ms }),
        reprotect: reason(sim, { do: 'reprotect', machines: ms, location: 'original' }),
        reprotectAlternate: sim.def.recovery.failback === 'reprotectFromAzure' ? reason(sim, { do: 'reprotect', machines: ms, location: 'alternate' }) : 'reprotecting to an alternate location is for VMware VMs and physical servers replicating to Azure',
        failback: reason(sim, { do: 'failback', machines: ms, dataSync: 'beforeFailover' }),
        resume: reason(sim, { do: 'resume', machines: ms })
      };
      const r = sim.recoveryOf(m);
      return {
        id,
        side: m.side,
        statePath: m.statePath,
        drill: String(r.drill.getSnapshot().value),
        failover: r.current ? copy(r.current) : null,
        test: r.test ? copy(r.test) : null,
        actions,
        checklist: failbackChecklist(sim, m)
      };
    }),
    deployable: sim.def.components
      .filter((c) => c.deployable)
      .map((c) => ({ id: c.id, label: c.label, deployed: sim.deployed.has(c.id), available: sim.deployed.has(c.id) && sim.isAvailable(c.id) }))
      .concat(sim.def.links.filter((l) => l.deployable).map((l) => ({ id: l.id, label: l.protocol || l.label, deployed: sim.deployed.has(l.id), available: sim.deployed.has(l.id) && sim.isAvailable(l.id) }))),
    plans: sim.plans.list().map((p) => {
      const runs = sim.plans.runs.filter((r) => r.plan === p.name);
      const run = runs[runs.length - 1];
      return { name: p.name, groups: copy(p.groups), createdAt: p.createdAt, run: run ? copy(run) : null, waiting: sim.plans.waiting(p.name) };
    })
  };
}

/** What a failover of one machine started now would cost, for every recovery point choice. */
export function previewFailover(sim: Simulation, machine: string, type: FailoverType, shutdownSource: boolean): WizardPreview | undefined {
  const m = sim.machines.find((x) => x.id === machine);
  if (!m) return undefined;
  const src = sim.recoveryOf(m).pointSource();
  const points: WizardPreview['points'] = [];
  for (let k = 0; k < src.points.length; k++) points.push({ at: src.points.at(k), appConsistent: src.points.consistency(k) === 'app' });
  const choices: ChoicePreview[] = [];
  const choiceList: PointChoice[] = type === 'planned' ? ['latest'] : [...POINT_CHOICES];
  for (const choice of choiceList) {
    const p = sim.recoveryOf(m).preview(choice, type, shutdownSource);
    const refused = reason(sim, { do: 'failover', machines: [machine], type, recoveryPoint: choice, shutdownSource });
    choices.push({ ...p, choice, available: p.available && refused === null, reason: p.reason ?? refused });
  }
  return { machine, type, shutdownSource, choices, points, sourceStoppedAt: m.off ? Math.min(sim.now, m.offSince) : null };
}

/** What a failover to one retained point (source time) would cost. */
export function previewPoint(sim: Simulation, machine: string, at: number): ChoicePreview | undefined {
  const m = sim.machines.find((x) => x.id === machine);
  if (!m) return undefined;
  const p = sim.recoveryOf(m).preview(at, 'unplanned', false);
  const refused = reason(sim, { do: 'failover', machines: [machine], type: 'unplanned', recoveryPoint: at, shutdownSource: false });
  return { ...p, choice: at, available: p.available && refused === null, reason: p.reason ?? refused };
}

export type { FailbackNeed };
