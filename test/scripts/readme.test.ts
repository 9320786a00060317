// README.md against the engine: the two commands up front, CI running the same test command, the
// generated reference up to date, and every scenario, field, verb, fault, parameter, event code and
// report field the engine knows documented; its example scenario files are valid and tell their story.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import { FAULT_KINDS, STEP_VERBS } from '../../src/engine/script/config';
import { POLICY_FIELDS } from '../../src/engine/script/policy';
import { MACHINE_FIELDS, ROOT_FIELDS } from '../../src/engine/script/readScenario';
import { PARAMETERS } from '../../src/engine/scenarios/parameters';
import { SCENARIO_IDS } from '../../src/engine/scenarios/index';
import { referenceBlock } from '../../scripts/reference-tables';
import type { Report } from '../../src/engine/index';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const RUN_COMMAND = 'npm ci && npm run dev';
const TEST_COMMAND = 'npm ci && npm test';

/** Whether the README names `word` as code: `word` or `"word"` inside a code span or block. */
const documents = (word: string): boolean => README.includes(`\`${word}\``) || README.includes(`"${word}"`);

/** The README's JSON examples, in order. */
const jsonExamples = (): string[] => [...README.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

/** The example that shows recovery plans. */
const planExample = (): string | undefined => jsonExamples().find((j) => j.includes('"createRecoveryPlan"'));

/** Every key of every object in a report, and the state values it holds. */
function reportVocabulary(report: Report): { keys: Set<string>; values: Set<string> } {
  const keys = new Set<string>();
  const values = new Set<string>();
  const STATE_KEYS = new Set(['protection', 'health', 'side', 'state', 'kind', 'type', 'consistency', 'integrity', 'step', 'phase', 'severity']);
  const walk = (v: unknown, key: string | undefined, top: boolean): void => {
    if (Array.isArray(v)) for (const x of v) walk(x, key, false);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        // Component states are statechart paths and machine ids are names: only the report's own words.
        if (!(top && k === 'components') && !(top && k === 'links')) walk(x, k, false);
      }
    } else if (typeof v === 'string' && key && STATE_KEYS.has(key) && !top) values.add(v);
  };
  walk(report, undefined, true);
  return { keys, values };
}

/** Every event code the engine can log, read from its source. */
function loggedCodes(): string[] {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/'(?:info|warning|error)', '([a-z][A-Za-z]*\.[A-Za-z]+)'/g)) codes.add(m[1]!);
        if (/`health\.\$\{/.test(text)) for (const h of ['healthy', 'warning', 'critical', 'notApplicable']) codes.add(`health.${h}`);
      }
    }
  };
  walk(join(ROOT, 'src/engine'));
  return [...codes].sort();
}

describe('README.md', () => {
  it('starts with what the sandbox is, then the two commands', () => {
    const head = README.split('\n').slice(0, 20).join('\n');
    expect(head).toMatch(/^# Site Recovery Sandbox\n\nA browser sandbox/);
    expect(head).toContain(RUN_COMMAND);
    expect(head).toContain(TEST_COMMAND);
    expect(head.indexOf(RUN_COMMAND)).toBeLessThan(head.indexOf(TEST_COMMAND));
  });

  it('is what CI runs: .ci/run ends with the test command', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8').trim().split('\n');
    expect(ci[ci.length - 1]).toBe(TEST_COMMAND);
  });

  it('holds the generated reference exactly as the engine defines it (npx tsx scripts/reference-tables.ts --write)', () => {
    expect(README).toContain(referenceBlock());
  });

  it('documents every scenario, file field, policy field, step verb, fault kind and parameter', () => {
    const names = [...SCENARIO_IDS, ...ROOT_FIELDS, ...MACHINE_FIELDS, ...POLICY_FIELDS, ...STEP_VERBS, ...FAULT_KINDS, ...PARAMETERS.map((p) => p.key)];
    const network = ['uplinkMbps', 'uplinkLatencyMs', 'lanMbps'];
    const missing = [...names, ...network].filter((n) => !documents(n));
    expect(missing).toEqual([]);
  });

  it('documents every event code the engine logs', () => {
    const codes = loggedCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !documents(c))).toEqual([]);
  });

  it('documents every field of the report and every state it holds', () => {
    const runs = [jsonExamples()[0], planExample()].map((j) => createSimulation(j).run());
    const keys = new Set<string>();
    const values = new Set<string>();
    for (const r of runs) {
      const v = reportVocabulary(r);
      v.keys.forEach((k) => keys.add(k));
      v.values.forEach((x) => values.add(x));
    }
    // The examples reach the recovery parts of the report, so a missing field there shows.
    for (const k of ['failovers', 'plans', 'side', 'pointAgeSeconds', 'failedOverAt', 'actions', 'differingBlocks']) expect(keys).toContain(k);
    // A list is documented as `name[]`.
    expect([...keys].filter((k) => !documents(k) && !documents(`${k}[]`))).toEqual([]);
    expect([...values].filter((x) => !documents(x))).toEqual([]);
  });

  it('has a recovery plan example that is valid and tells its story', () => {
    const json = planExample();
    expect(json).toBeDefined();
    const report = createSimulation(json).run();
    expect(report.scenario).toBe('vmm-to-vmm');
    expect(report.rejected).toEqual([]);
    const [test, planned] = report.plans;
    expect(report.plans).toHaveLength(2);
    expect(test).toMatchObject({ type: 'test', state: 'succeeded', rtoSeconds: 34 * 60 });
    expect(test!.groups.map((g) => g.up)).toEqual([2 * 3600 + 4 * 60, 2 * 3600 + 34 * 60]);
    expect(test!.machines.map((m) => m.recoveryPointAt)).toEqual([115 * 60, 115 * 60, 115 * 60]);
    const tests = report.failovers.filter((f) => f.kind === 'test');
    expect(tests.map((f) => [f.machine, f.recoveryPoint, f.cleanedUpAt])).toEqual([
      ['sql-01', 'latestMultiVmProcessed', 3 * 3600 + 300],
      ['app-01', 'latestMultiVmProcessed', 3 * 3600 + 300],
      ['web-01', 'latestProcessed', 3 * 3600 + 300]
    ]);
    expect(planned).toMatchObject({ type: 'planned', state: 'succeeded', end: 4 * 3600 + 24 * 60, rtoSeconds: 24 * 60 });
    const failovers = report.failovers.filter((f) => f.kind === 'failover');
    expect(failovers).toHaveLength(3);
    for (const f of failovers) expect(f).toMatchObject({ type: 'planned', recoveryPointAt: 4 * 3600 + 120, consistency: 'app', writesLost: 0, integrity: 'verified' });
    // A planned failover between sites commits itself and reverses replication (seed 002).
    expect(report.machines.map((m) => [m.side, m.protection])).toEqual([['target', 'protected'], ['target', 'protected'], ['target', 'protected']]);
    for (const f of failovers) expect(f.committedAt).toBeCloseTo(f.at + f.rtoSeconds!, 3);
  });

  it('has an example scenario file that is valid and runs', () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(README)?.[1];
    expect(json).toBeDefined();
    const report = createSimulation(json).run();
    expect(report.scenario).toBe('hyperv-to-azure');
    // The story the README tells about it.
    expect(report.rejected.map((r) => [r.step, r.at, r.do])).toEqual([[2, 5 * 3600, 'resync']]);
    expect(report.rejected[0]!.reason).toMatch(/still in initial replication/);
    const retries = report.events.filter((e) => e.code === 'replication.retry').map((e) => e.at / 60 - 120);
    expect(retries).toEqual([1, 3, 7, 15, 25, 55]);
    const protectedAt = report.events.find((e) => e.code === 'protection.protected')!.at;
    expect(protectedAt).toBeGreaterThan(8.5 * 3600);
    expect(protectedAt).toBeLessThan(8.75 * 3600);
    expect(report.machines[0]!.protection).toBe('protected');
    expect(report.machines[0]!.rpoSeconds).toBeLessThanOrEqual(15 * 60);
  });
});
