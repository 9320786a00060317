// Scenario-file steps and durations: time order with file order kept at equal times, "all" machines, and the duration syntax.
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../../src/engine/script/readScenario';
import { SCENARIOS } from '../../../src/engine/scenarios';
import type { SimulationConfig } from '../../../src/engine/script/config';

function configOf(doc: unknown): SimulationConfig {
  const r = readScenario(doc);
  if (!r.ok) throw new Error(`expected a valid file, got: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.config;
}

describe('steps', () => {
  it('are sorted by time; steps at the same time keep their file order; index is the position in the file', () => {
    const c = configOf({
      scenario: 'vmware-to-azure',
      until: '2h',
      steps: [
        { at: '30m', do: 'disableReplication', machines: ['web-01'] },
        { at: '10m', do: 'setWriteRate', machines: ['app-01'], writeMBps: 2 },
        { at: '10m', do: 'resync', machines: ['web-02'] },
        { at: '0s', do: 'enableReplication', machines: ['web-01'] },
        { at: '10m', do: 'fault', fault: 'linkDown', target: 'uplink', for: '5m' },
        { at: '1h', do: 'clearFault', target: 'uplink' }
      ]
    });
    expect(c.steps.map((s) => s.index)).toEqual([3, 1, 2, 4, 0, 5]);
    expect(c.steps.map((s) => s.at)).toEqual([0, 600, 600, 600, 1800, 3600]);
    expect(c.steps.map((s) => s.do)).toEqual(['enableReplication', 'setWriteRate', 'resync', 'fault', 'disableReplication', 'clearFault']);
    const fault = c.steps[3]!;
    expect(fault).toMatchObject({ do: 'fault', fault: 'linkDown', target: 'uplink', for: 300, bandwidthPercent: undefined });
    const clear = c.steps[5]!;
    expect(clear).toMatchObject({ do: 'clearFault', target: 'uplink', fault: undefined });
  });

  it('expand "machines": "all" to every machine, default estate or the file\'s own', () => {
    const def = SCENARIOS['hyperv-to-azure'];
    const c = configOf({ scenario: 'hyperv-to-azure', until: '1h', steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] });
    const step = c.steps[0]!;
    expect(step.do).toBe('enableReplication');
    if (step.do !== 'enableReplication') return;
    expect(step.machines).toEqual(def.estate.map((m) => m.id));
    expect(step.machines.length).toBeGreaterThan(1);

    const own = configOf({
      scenario: 'physical-to-azure',
      until: '1h',
      machines: [{ id: 'a', disks: [{ sizeGiB: 8 }] }, { id: 'b' }, { id: 'c', os: 'linux' }],
      steps: [{ at: '5m', do: 'setWriteRate', machines: 'all', writeMBps: 1 }]
    });
    expect(own.steps[0]).toMatchObject({ do: 'setWriteRate', machines: ['a', 'b', 'c'], writeMBps: 1 });
  });

  it('keep a listed subset of machines as written', () => {
    const c = configOf({ scenario: 'vmware-to-azure', until: '1h', steps: [{ at: '0s', do: 'resync', machines: ['sql-01', 'web-01'] }] });
    expect(c.steps[0]).toMatchObject({ do: 'resync', machines: ['sql-01', 'web-01'] });
  });

  it('may run exactly at "until" but not after it', () => {
    const ok = readScenario({ scenario: 'vmware-to-azure', until: '1h', steps: [{ at: '60m', do: 'resync', machines: 'all' }] });
    expect(ok.ok).toBe(true);
    const late = readScenario({ scenario: 'vmware-to-azure', until: '1h', steps: [{ at: '1h1s', do: 'resync', machines: 'all' }] });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.problems.map((p) => p.path)).toEqual(['$.steps[0].at']);
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['2h30m', 9000],
    ['3d', 259_200],
    ['1d2h3m4s', 86_400 + 7200 + 180 + 4],
    ['0s', 0]
  ])('"%s" is %i seconds as a step time', (text, seconds) => {
    const c = configOf({ scenario: 'vmware-to-azure', until: '4d', steps: [{ at: text, do: 'resync', machines: 'all' }] });
    expect(c.steps[0]!.at).toBe(seconds);
  });

  it('parse the same way in until and in the policy', () => {
    const c = configOf({ scenario: 'hyperv-to-azure', until: '3d', policy: { rpoThreshold: '90s', retention: '2h30m', appConsistentEvery: '2h' } });
    expect(c.until).toBe(259_200);
    expect(c.policy.rpoThreshold).toBe(90);
    expect(c.policy.retention).toBe(9000);
    expect(c.policy.appConsistentEvery).toBe(7200);
  });

  it.each(['90', '1h 30m', 'h', '', '30m2h', '-5m', '5 min'])('"%s" is not a duration and says how to write one', (text) => {
    const r = readScenario({ scenario: 'vmware-to-azure', until: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe('$.until');
    expect(r.problems[0]!.message).toMatch(/write it like "90s", "15m", "2h30m" or "3d"/);
  });

  it('that are not strings are refused with the expected form', () => {
    const r = readScenario({ scenario: 'vmware-to-azure', until: 3600 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ path: '$.until', message: expect.stringMatching(/duration string such as "90s"/) }]);
  });
});
