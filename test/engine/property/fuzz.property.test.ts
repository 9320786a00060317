// Fuzzing the engine through its public entry with generated and hostile scenario files (seeded:
// FUZZ_RUNS sets how many, FUZZ_SEED which; a few hundred per CI run, thousands on request):
// - every file either runs or is refused with problems that each name a JSON path, and nothing else
//   is ever thrown;
// - no run takes longer than a generous time budget (it catches an engine whose work grows with
//   how small a number is, not a slow machine);
// - the same file gives the same report;
// - a step refused where it falls changes nothing: the whole report is the one of the file without
//   it (recovery steps are sprinkled in on purpose, most of them refused).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidScenarioError, readScenario } from '../../../src/engine/index';
import { SCENARIO_IDS, type ScenarioId } from '../../../src/engine/scenarios/index';
import { fileArb, type GeneratedFile } from './arbitraries';
import { recoveryFileArb, type RecoveryFile } from './recoveryArbitraries';
import { expectRejectionsChangeNothing, spreadRejections } from './common';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
/** Wall seconds one file may take here (a file the engine accepts runs in well under one). */
const BUDGET_SECONDS = 20;
/** Vitest's limit for each test, from the number of files (about 40 ms a file here, and room to spare). */
const TIMEOUT = 30_000 + RUNS * 200;
/** Hostile files are run this far at most (a mutation may ask for a run of 400 days). */
const HOSTILE_HORIZON = 2 * 86_400;

const scenarioArb = fc.constantFrom(...SCENARIO_IDS);

/** Recovery steps at random moments, for random machines: most are refused when they come. */
function recoveryNoiseArb(file: { machines: Array<{ id: string }>; until: string }): fc.Arbitrary<Array<Record<string, unknown>>> {
  const ids = file.machines.map((m) => m.id);
  const hours = Number.parseFloat(file.until);
  const at = fc.tuple(fc.integer({ min: 1, max: Math.max(1, Math.floor(hours * 60) - 1) }), fc.integer({ min: 0, max: 59 })).map(([m, s]) => `${m}m${s}s`);
  const machines = fc.subarray(ids, { minLength: 1, maxLength: 2 });
  return fc.array(
    fc.oneof(
      fc.record({ at, do: fc.constant('commit'), machines }),
      fc.record({ at, do: fc.constant('failover'), machines, type: fc.constantFrom('planned', 'unplanned') }),
      fc.record({ at, do: fc.constant('testFailover'), machines }),
      fc.record({ at, do: fc.constant('cleanupTestFailover'), machines }),
      fc.record({ at, do: fc.constant('failback'), machines }),
      fc.record({ at, do: fc.constant('reprotect'), machines }),
      fc.record({ at, do: fc.constant('changeRecoveryPoint'), machines, recoveryPoint: fc.constant('latestProcessed') }),
      fc.record({ at, do: fc.constant('resync'), machines }),
      fc.record({ at, do: fc.constant('enableReplication'), machines })
    ),
    { minLength: 1, maxLength: 4 }
  );
}

/** A generated file (plain or with recovery), with recovery steps sprinkled in. */
const withNoiseArb = scenarioArb
  .chain((id: ScenarioId) => fc.oneof(fileArb(id, 5) as fc.Arbitrary<GeneratedFile | RecoveryFile>, recoveryFileArb(id, 8)))
  .chain((file) => recoveryNoiseArb(file).map((noise) => ({ ...file, steps: [...file.steps, ...noise] })));

/** A value a careless or hostile file might hold anywhere. */
const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e-300, 1e-12, 1e300, -1, 0, 2 ** 53, null, true, '', '0s', '999999999999999999999d', 'all', '∞', '<img src=x onerror=alert(1)>'),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: true }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 })
);

/** Paths to every value of a JSON value (object keys and array indices). */
function leaves(v: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return [path];
  const out: Array<Array<string | number>> = path.length > 0 ? [path] : [];
  for (const [k, x] of Object.entries(v)) out.push(...leaves(x, [...path, Array.isArray(v) ? Number(k) : k]));
  return out;
}

/** The file with each mutation applied: a value replaced, a field removed, or an unknown one added. */
function mutate(file: unknown, edits: Array<{ pick: number; kind: 'replace' | 'remove' | 'add'; junk: unknown }>): unknown {
  const copy = structuredClone(file) as Record<string, unknown>;
  for (const e of edits) {
    const all = leaves(copy);
    const path = all[e.pick % all.length]!;
    if (path.length === 0) continue;
    let parent: Record<string | number, unknown> = copy;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const last = path.at(-1)!;
    if (e.kind === 'replace') parent[last] = e.junk;
    else if (e.kind === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) parent[`unknown${e.pick}`] = e.junk;
  }
  return copy;
}

const hostileArb = fc.tuple(
  scenarioArb.chain((id: ScenarioId) => fc.oneof(fileArb(id, 4) as fc.Arbitrary<unknown>, recoveryFileArb(id, 6) as fc.Arbitrary<unknown>)),
  fc.array(fc.record({ pick: fc.nat(), kind: fc.constantFrom('replace' as const, 'remove' as const, 'add' as const), junk: junkArb }), { minLength: 1, maxLength: 3 })
).map(([file, edits]) => mutate(file, edits));

/** Runs `f` and says how long it took, in seconds. */
function timed<T>(f: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - start) / 1000 };
}

describe('fuzzing the engine', () => {
  it('refuses a hostile file with a path for each problem, or runs it within the budget, the same each time', () => {
    let refused = 0;
    let ran = 0;
    fc.assert(
      fc.property(hostileArb, (file) => {
        const read = readScenario(file);
        if (!read.ok) {
          refused++;
          expect(read.problems.length).toBeGreaterThan(0);
          for (const p of read.problems) {
            expect(p.path, JSON.stringify(p)).toMatch(/^\$/);
            expect(p.message.length, JSON.stringify(p)).toBeGreaterThan(3);
          }
          expect(() => createSimulation(file)).toThrow(InvalidScenarioError);
          return;
        }
        ran++;
        const horizon = Math.min(read.config.until, HOSTILE_HORIZON);
        const runTo = (): string => {
          const h = createSimulation(file);
          h.runUntil(horizon);
          return JSON.stringify(h.report());
        };
        const first = timed(runTo);
        expect(first.seconds, `${JSON.stringify(file).slice(0, 300)}`).toBeLessThan(BUDGET_SECONDS);
        expect(runTo()).toBe(first.value);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true }
    );
    // Both kinds came up: the test checked refusals and runs alike.
    expect(refused).toBeGreaterThan(RUNS / 10);
    expect(ran).toBeGreaterThan(RUNS / 10);
  }, TIMEOUT);

  it('a step refused where it falls changes nothing: the whole report is the one without it', () => {
    let checked = 0;
    fc.assert(
      fc.property(withNoiseArb, (file) => {
        const { value: report, seconds } = timed(() => createSimulation(file).run());
        expect(seconds).toBeLessThan(BUDGET_SECONDS);
        // The same file, the same report.
        expect(JSON.stringify(createSimulation(file).run())).toBe(JSON.stringify(report));
        // Each refused step (up to three a file, spread over the run) is taken out in turn.
        checked += expectRejectionsChangeNothing(file, report, spreadRejections(report));
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 3)), seed: SEED, endOnFailure: true }
    );
    // Refusals were made on purpose: most files had some to check.
    expect(checked).toBeGreaterThan(RUNS / 3);
  }, TIMEOUT);
});
