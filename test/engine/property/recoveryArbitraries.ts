// fast-check generators of valid scenario files that drive recovery at random, for every scenario:
// every machine is enabled at the start, then a sequence of recovery commands (test failover and
// cleanup, planned and unplanned failover with random point choices, change of recovery point,
// commit, reprotect, failback, resume) mixed with faults (primary site down, uplink down) and the
// failback components, at increasing times that fall off the 5-minute grid. Many steps are
// rejected when they run; enough succeed to take machines over and back.

import fc from 'fast-check';
import { SCENARIOS, type ScenarioId } from '../../../src/engine/scenarios/index';
import { deployableNames } from '../../../src/engine/script/readSteps';

export interface RecoveryFile {
  scenario: ScenarioId;
  seed: number;
  until: string;
  parameters: Record<string, number>;
  machines: Array<{ id: string; host?: string; os?: string; writeMBps: number; disks: Array<{ id: string; sizeGiB: number }>; group?: string }>;
  network: { uplinkMbps: number };
  steps: Array<Record<string, unknown>>;
}

const HOURS = 14;
/** The first recovery command comes once small disks are protected (Hyper-V copies one disk at a time). */
const FIRST_MINUTE = 35;

function estate(id: ScenarioId): RecoveryFile['machines'] {
  return SCENARIOS[id].estate.map((m) => ({
    id: m.id,
    ...(m.host ? { host: m.host } : {}),
    ...(m.os ? { os: m.os } : {}),
    writeMBps: m.writeMBps,
    disks: m.disks.map((d, i) => ({ id: d.id, sizeGiB: i === 0 ? 6 : 4 })),
    ...(m.group ? { group: m.group } : {})
  }));
}

/** "2h5m7s" for a number of whole seconds. */
export function clock(t: number): string {
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return `${h}h${m}m${s}s`;
}

const NAMED_POINTS = ['latest', 'latestProcessed', 'latestAppConsistent', 'latestMultiVmProcessed', 'latestMultiVmAppConsistent'] as const;

/** A point choice: a named one, or (as a number of seconds before the step) a custom time. */
const pointArb: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NAMED_POINTS) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 * 3600 }) }
);

/** In a lifecycle the point usually exists, so that the machines go on to the way back. */
const usualPointArb: fc.Arbitrary<string | number> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('latest', 'latestProcessed') }, { weight: 1, arbitrary: pointArb });

type Command = (t: number) => Record<string, unknown>;

function commandArb(id: ScenarioId): fc.Arbitrary<Command> {
  const def = SCENARIOS[id];
  const ids = estate(id).map((m) => m.id);
  const some = fc.oneof({ weight: 2, arbitrary: fc.constant<'all' | string[]>('all') }, { weight: 3, arbitrary: fc.subarray(ids, { minLength: 1 }) });
  const one = fc.constantFrom(...ids);
  /** Custom points name one machine; their time is the step's minus the offset. */
  const withPoint = (verb: string, extra: Record<string, unknown> = {}) =>
    fc.tuple(some, one, pointArb).map(([ms, single, p]): Command => (t) =>
      typeof p === 'number' ? { do: verb, machines: [single], recoveryPoint: clock(Math.max(0, t - p)), ...extra } : { do: verb, machines: ms, recoveryPoint: p, ...extra }
    );
  const plain = (verb: string, extra: fc.Arbitrary<Record<string, unknown>> = fc.constant({})) =>
    fc.tuple(some, extra).map(([ms, x]): Command => () => ({ do: verb, machines: ms, ...x }));
  const reprotectExtra: fc.Arbitrary<Record<string, unknown>> =
    def.recovery.failback === 'reprotectFromAzure' ? fc.constantFrom<Record<string, unknown>>({}, { location: 'original' }, { location: 'alternate' }, { location: 'alternate' }) : fc.constant({});
  const failbackExtra: fc.Arbitrary<Record<string, unknown>> =
    def.recovery.failback === 'plannedFromAzure' ? fc.constantFrom<Record<string, unknown>>({}, { dataSync: 'beforeFailover' }, { dataSync: 'duringFailover' }) : fc.constant({});
  const outage = fc.constantFrom<string | undefined>('20m', '1h', undefined);
  const fault = (fault: string, target: string) => outage.map((d): Command => () => ({ do: 'fault', fault, target, ...(d ? { for: d } : {}) }));
  const deployable = deployableNames(def);
  return fc.oneof(
    { weight: 3, arbitrary: withPoint('testFailover') },
    { weight: 2, arbitrary: plain('cleanupTestFailover') },
    { weight: 3, arbitrary: some.map((ms): Command => () => ({ do: 'failover', machines: ms, type: 'planned' })) },
    { weight: 4, arbitrary: fc.tuple(withPoint('failover', { type: 'unplanned' }), fc.boolean()).map(([c, shut]): Command => (t) => ({ ...c(t), ...(shut ? { shutdownSource: true } : {}) })) },
    { weight: 2, arbitrary: withPoint('changeRecoveryPoint') },
    { weight: 4, arbitrary: plain('commit') },
    { weight: 4, arbitrary: plain('reprotect', reprotectExtra) },
    { weight: 4, arbitrary: plain('failback', failbackExtra) },
    { weight: 2, arbitrary: plain('resume') },
    { weight: 2, arbitrary: fault('siteDown', 'primarySite') },
    { weight: 1, arbitrary: fault('linkDown', 'uplink') },
    { weight: 2, arbitrary: fc.constantFrom('primarySite', 'uplink').map((target): Command => () => ({ do: 'clearFault', target })) },
    ...(deployable.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...deployable).map((component): Command => () => ({ do: 'addComponent', component })) }] : [])
  );
}

/**
 * One lifecycle the scenario supports, as commands for one set of machines (the test, a failover
 * planned or after the site went down, perhaps a change of point, commit, and the way back), each
 * kept with high probability: dropped ones make later ones be refused.
 */
function lifecycleArb(id: ScenarioId): fc.Arbitrary<Command[]> {
  const def = SCENARIOS[id];
  const ids = estate(id).map((m) => m.id);
  const rules = def.recovery;
  return fc
    .record({
      ms: fc.oneof(fc.constant<'all' | string[]>('all'), fc.subarray(ids, { minLength: 1 })),
      testPoint: usualPointArb,
      point: usualPointArb,
      change: fc.option(pointArb, { nil: undefined, freq: 3 }),
      planned: rules.plannedUnsupported ? fc.constant(false) : fc.boolean(),
      siteDown: fc.boolean(),
      shutdownSource: fc.boolean(),
      location: def.source === 'physical' ? fc.constantFrom('alternate', 'alternate', 'original') : fc.constantFrom('original', 'alternate'),
      dataSync: fc.constantFrom('beforeFailover', 'duringFailover'),
      keep: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 })
    })
    .map(({ ms, testPoint, point, change, planned, siteDown, shutdownSource, location, dataSync, keep }) => {
      const list = ms === 'all' ? ids : ms;
      /** Custom points are for one machine. */
      const pick = (verb: string, p: string | number, extra: Record<string, unknown> = {}): Command => (t) =>
        typeof p === 'number' ? { do: verb, machines: [list[0]!], recoveryPoint: clock(Math.max(0, t - p)), ...extra } : { do: verb, machines: ms, recoveryPoint: p, ...extra };
      const on = (verb: string, extra: Record<string, unknown> = {}): Command => () => ({ do: verb, machines: ms, ...extra });
      const out: Command[] = [pick('testFailover', testPoint), on('cleanupTestFailover')];
      if (planned) out.push(on('failover', { type: 'planned' }));
      else {
        if (siteDown) out.push(() => ({ do: 'fault', fault: 'siteDown', target: 'primarySite' }));
        out.push(pick('failover', point, { type: 'unplanned', ...(shutdownSource ? { shutdownSource: true } : {}) }));
      }
      if (change !== undefined) out.push(pick('changeRecoveryPoint', change));
      if (!rules.autoCommit) out.push(on('commit'));
      if (siteDown && !planned) out.push(() => ({ do: 'clearFault', target: 'primarySite' }));
      for (const component of deployableNames(def)) out.push(() => ({ do: 'addComponent', component }));
      switch (rules.failback) {
        case 'reprotectFromAzure':
          out.push(on('reprotect', { location }), on('failback'), on('commit'), on('reprotect'));
          break;
        case 'plannedFromAzure':
          out.push(on('failback', { dataSync }), ...(dataSync === 'beforeFailover' ? [on('resume')] : []), on('commit'));
          break;
        case 'siteToSite':
          out.push(on('reprotect'), on('failback'), ...(rules.autoCommit ? [] : [on('commit')]), on('reprotect'));
          break;
        case 'none':
          out.push(on('reprotect'), on('failback'));
          break;
      }
      return out.filter((_, i) => (keep[i % keep.length] ?? 0) < 9);
    });
}

/**
 * A valid scenario file for scenario `id`: every machine enabled at the start, the failback
 * components deployed at the start or not, then recovery commands and faults at increasing times:
 * either at random, or one lifecycle with random commands mixed in.
 */
export function recoveryFileArb(id: ScenarioId, maxSteps = 12): fc.Arbitrary<RecoveryFile> {
  const deployable = deployableNames(SCENARIOS[id]);
  const random = fc.array(commandArb(id), { minLength: 1, maxLength: maxSteps });
  const mixed = fc.tuple(lifecycleArb(id), fc.array(fc.tuple(fc.nat(), commandArb(id)), { maxLength: Math.ceil(maxSteps / 3) })).map(([life, noise]) => {
    const out = [...life];
    for (const [pos, c] of noise) out.splice(pos % (out.length + 1), 0, c);
    return out;
  });
  const gap = fc.tuple(fc.integer({ min: 2, max: 45 }), fc.integer({ min: 1, max: 59 }));
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 1000 }),
      uplinkMbps: fc.constantFrom(50, 100, 500),
      deployFirst: fc.boolean(),
      commands: fc.oneof({ weight: 1, arbitrary: random }, { weight: 3, arbitrary: mixed }),
      // Gap before each step: minutes and seconds (off the grid).
      gaps: fc.array(gap, { minLength: 40, maxLength: 40 })
    })
    .map(({ seed, uplinkMbps, deployFirst, commands, gaps }) => {
      let t = FIRST_MINUTE * 60;
      const timed: Array<Record<string, unknown>> = [];
      commands.forEach((command, i) => {
        const [minutes, seconds] = gaps[i % gaps.length]!;
        t += minutes * 60 + seconds;
        if (t < HOURS * 3600) timed.push({ at: clock(t), ...command(t) });
      });
      return {
        scenario: id,
        seed,
        until: `${HOURS}h`,
        parameters: { 'model.blockMiB': 8 },
        machines: estate(id),
        network: { uplinkMbps },
        steps: [
          { at: '0s', do: 'enableReplication', machines: 'all' },
          ...(deployFirst ? deployable.map((component) => ({ at: '0s', do: 'addComponent', component })) : []),
          ...timed
        ]
      };
    });
}
