// The recovery plan panel's logic without a page: the editor's draft (moves that keep replication
// groups together, group removal, checks, the step it sends, accepted by the engine's reader), the
// timeline's rows for a run at each stage, and the words for problems and times.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addGroup, checkDraft, machinesIn, moveMachine, newAction, newDraft, parseDuration, planStep, removeGroup, type PlanDraft } from '../../src/app/sandbox/recovery/plansDraft';
import { blockedAction, ganttRows } from '../../src/app/sandbox/recovery/plansGantt';
import { exactDuration, problemWords } from '../../src/app/sandbox/recovery/plansText';
import { createSimulation, readScenario } from '../../src/engine/index';

const machines = [
  { id: 'dc-01', group: null },
  { id: 'sql-01', group: 'erp' },
  { id: 'app-01', group: 'erp' },
  { id: 'web-01', group: null }
];
const planFile = JSON.parse(readFileSync(new URL('../../public/scenarios/recovery/recovery-plan.json', import.meta.url), 'utf8')) as Record<string, unknown> & { steps: unknown[] };

function twoGroups(): PlanDraft {
  let d = addGroup({ ...newDraft(), name: 'web-drill' });
  d = moveMachine(d, machines, 'dc-01', 0).draft;
  d = moveMachine(d, machines, 'sql-01', 1).draft;
  return d;
}

describe('plan draft', () => {
  it('moves the members of a replication group together, in and out of the plan', () => {
    const out = moveMachine(newDraft(), machines, 'app-01', 0);
    expect(out.moved).toEqual(['sql-01', 'app-01']);
    expect(machinesIn(out.draft, machines, 0).map((m) => m.id)).toEqual(['sql-01', 'app-01']);
    const back = moveMachine(out.draft, machines, 'sql-01', null);
    expect(machinesIn(back.draft, machines, null).map((m) => m.id)).toEqual(['dc-01', 'sql-01', 'app-01', 'web-01']);
  });

  it('removing a group takes its machines out and moves the later groups up', () => {
    let d = addGroup(twoGroups());
    d = moveMachine(d, machines, 'web-01', 2).draft;
    d = removeGroup(d, 1);
    expect(d.groups).toHaveLength(2);
    expect(d.placed).toEqual({ 'dc-01': 0, 'web-01': 1 });
  });

  it('allows 1 to 7 groups', () => {
    let d = newDraft();
    for (let i = 0; i < 10; i++) d = addGroup(d);
    expect(d.groups).toHaveLength(7);
    expect(removeGroup(newDraft(), 0).groups).toHaveLength(1);
  });

  it('says what is wrong and where, before the engine sees it', () => {
    const d = addGroup({ ...newDraft(), name: 'bad name!' });
    d.groups[0]!.post.push({ ...newAction('script'), name: '', duration: '3 minutes' });
    const problems = checkDraft(d, machines, []);
    const where = problems.map((p) => p.where);
    expect(where).toContain('name');
    expect(where).toContain('group-0');
    expect(where).toContain('group-1');
    expect(where.filter((w) => w.startsWith('action-'))).toHaveLength(2);
    expect(problems.find((p) => p.where === 'name')!.message).toMatch(/letters, digits/);
    expect(checkDraft({ ...twoGroups(), name: 'erp-dr' }, machines, ['erp-dr'])[0]!.message).toBe('A plan named erp-dr already exists: choose another name.');
    expect(checkDraft(twoGroups(), machines, [])).toEqual([]);
  });

  it('reads durations as the engine does', () => {
    expect(parseDuration('3m')).toBe(180);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('3 min')).toBeUndefined();
  });

  it('makes a plain createRecoveryPlan step the engine accepts', () => {
    const d = twoGroups();
    d.groups[0]!.post.push({ ...newAction('runbook'), name: 'Check DNS', duration: '2m', fails: true });
    d.groups[1]!.pre.push({ ...newAction('manual'), name: 'Switch DNS', duration: '3m', fails: true });
    const step = planStep(d, machines);
    expect(step).toEqual({
      do: 'createRecoveryPlan',
      plan: 'web-drill',
      groups: [
        { machines: ['dc-01'], post: [{ type: 'runbook', name: 'Check DNS', duration: '2m', fails: true }] },
        { machines: ['sql-01', 'app-01'], pre: [{ type: 'manual', name: 'Switch DNS' }] }
      ]
    });
    expect(structuredClone(step)).toEqual(step);
    const read = readScenario({ ...planFile, steps: [...planFile.steps, { at: '6h', ...step }] });
    expect(read.ok ? [] : read.problems).toEqual([]);
  });
});

describe('plan timeline', () => {
  const sim = createSimulation(planFile);
  const groups = () => sim.read.recovery().plans.find((p) => p.name === 'erp-dr')!.groups;
  const firstRun = () => sim.read.planRuns()[0]!;

  it('shows each stage of the test run in order, with what is not reached yet', () => {
    sim.runUntil(4 * 3600 + 5 * 60);
    const planGroups = groups();
    let run = firstRun();
    let rows = ganttRows(run, planGroups, sim.now());
    expect(rows.map((r) => r.kind)).toEqual(['failover', 'boot', 'action', 'boot', 'action', 'action', 'boot']);
    expect(rows[0]!.label).toBe('Test copies of every machine');
    expect(rows.find((r) => r.label.startsWith('Manual action'))!.state).toBe('notStarted');

    sim.runUntil(4 * 3600 + 20 * 60);
    run = firstRun();
    rows = ganttRows(run, planGroups, sim.now());
    const manual = rows.find((r) => r.label.startsWith('Manual action'))!;
    expect(manual).toMatchObject({ state: 'waitingForInput', start: 15180, end: sim.now() });
    expect(blockedAction(run)?.name).toBe('Switch the public DNS record to the Azure load balancer');
    expect(rows.at(-1)!.state).toBe('notStarted');

    sim.runUntil(5 * 3600);
    run = firstRun();
    rows = ganttRows(run, planGroups, sim.now());
    expect(rows.every((r) => r.state === 'succeeded')).toBe(true);
    expect(rows.at(-1)).toMatchObject({ start: 16500, end: 17280 });
    expect(blockedAction(run)).toBeUndefined();
    expect(run.rtoSeconds).toBe(2880);
  });

  it('lists a failed script, then its second run', () => {
    const file = structuredClone(planFile);
    const create = file.steps[1] as { groups: Array<{ post?: Array<Record<string, unknown>> }> };
    create.groups[1]!.post![0]!.fails = true;
    file.steps = file.steps.filter((s) => !((s as { do: string; at: string }).do === 'resume' && (s as { at: string }).at === '4h35m'));
    const s = createSimulation(file);
    s.runUntil(4 * 3600 + 20 * 60);
    let run = s.read.planRuns()[0]!;
    expect(blockedAction(run)?.state).toBe('failed');
    let resumed: unknown = 'not taken';
    s.stepAt(s.now(), { index: file.steps.length, at: s.now(), do: 'resume', plan: 'erp-dr', machines: undefined }, (r) => (resumed = r));
    s.runUntil(4 * 3600 + 30 * 60);
    expect(resumed).toBeUndefined();
    run = s.read.planRuns()[0]!;
    const rows = ganttRows(run, s.read.recovery().plans.find((p) => p.name === 'erp-dr')!.groups, s.now());
    const labels = rows.filter((r) => r.group === 2 && r.kind === 'action').map((r) => `${r.label} ${r.state}`);
    expect(labels).toEqual(['Script (first try): Point the ERP app at the recovered SQL Server failed', 'Script: Point the ERP app at the recovered SQL Server succeeded']);
  });
});

describe('words', () => {
  it('puts JSON paths of problems into words', () => {
    expect(problemWords('$.groups[1].pre[0].duration: "3 min" is not a duration')).toBe('Group 2, action 1 before it boots, duration: "3 min" is not a duration');
    expect(problemWords('$.groups[0].machines[1]: "x" is not a machine; $.plan: bad')).toBe('Group 1, machine 2: "x" is not a machine; Plan name: bad');
    expect(problemWords('plan erp is already running')).toBe('plan erp is already running');
  });

  it('writes measured times to the second', () => {
    expect(exactDuration(2880)).toBe('48 min');
    expect(exactDuration(2292)).toBe('38 min 12 s');
    expect(exactDuration(3725)).toBe('1 h 2 min 5 s');
    expect(exactDuration(0)).toBe('0 s');
  });
});
