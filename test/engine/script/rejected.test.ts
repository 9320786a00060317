// Well-formed steps the scenario cannot carry out: valid as a file, rejected at run time with step index, time, verb and reason.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../src/engine/index';
import { readScenario } from '../../../src/engine/script/readScenario';
import type { SimEvent } from '../../../src/engine/index';

const PS_DOWN_ON_HYPERV = {
  scenario: 'hyperv-to-azure',
  until: '1h',
  machines: [{ id: 'vm1', disks: [{ id: 'os', sizeGiB: 2 }] }],
  steps: [
    { at: '0s', do: 'enableReplication', machines: 'all' },
    { at: '30m', do: 'fault', fault: 'processServerDown', target: 'processServer', for: '10m' }
  ]
};

describe('a step the scenario does not support', () => {
  it('is not a problem in the file', () => {
    const r = readScenario(PS_DOWN_ON_HYPERV);
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    expect(r.config.steps[1]).toMatchObject({ index: 1, at: 1800, do: 'fault', fault: 'processServerDown', target: 'processServer', for: 600 });
  });

  it('is rejected at run time with step index, time, verb and a reason, and logged as step.rejected', () => {
    const handle = createSimulation(PS_DOWN_ON_HYPERV);
    const seen: SimEvent[] = [];
    handle.onEvent((e) => seen.push(e));
    const report = handle.run();
    expect(report.rejected).toHaveLength(1);
    const r = report.rejected[0]!;
    expect(r).toMatchObject({ step: 1, at: 1800, do: 'fault' });
    expect(r.reason).toMatch(/hyperv-to-azure has no process server/);
    const logged = report.events.filter((e) => e.code === 'step.rejected');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ at: 1800, severity: 'warning' });
    expect(logged[0]!.message).toContain(r.reason);
    expect(seen.some((e) => e.code === 'step.rejected')).toBe(true);
    // The enable step was not rejected and did its work.
    expect(report.jobs.some((j) => j.name === 'Enable protection' && j.machine === 'vm1')).toBe(true);
  });

  it('says why there is no process server on vmm-san', () => {
    const report = createSimulation({
      scenario: 'vmm-san',
      until: '1h',
      steps: [{ at: '5m', do: 'fault', fault: 'cacheFull', target: 'processServer' }]
    }).run();
    expect(report.rejected).toEqual([{ step: 0, at: 300, do: 'fault', reason: expect.stringMatching(/vmm-san has no process server: the storage arrays replicate the data/) }]);
  });

  it('rejects a fault on a target that exists but is of the wrong kind', () => {
    const report = createSimulation({
      scenario: 'vmware-to-azure',
      until: '1h',
      steps: [
        { at: '1m', do: 'fault', fault: 'linkDown', target: 'vault' },
        { at: '2m', do: 'fault', fault: 'siteDown', target: 'uplink' }
      ]
    }).run();
    expect(report.rejected.map((r) => [r.step, r.at, r.do])).toEqual([[0, 60, 'fault'], [1, 120, 'fault']]);
    expect(report.rejected[0]!.reason).toMatch(/linkDown targets a replication link/);
    expect(report.rejected[1]!.reason).toMatch(/siteDown targets primarySite/);
  });

  it('reports rejections in the order the steps ran, with their file index', () => {
    const report = createSimulation({
      scenario: 'vmware-to-azure',
      until: '1h',
      steps: [
        { at: '20m', do: 'disableReplication', machines: ['web-01'] },
        { at: '10m', do: 'clearFault', target: 'uplink' },
        { at: '15m', do: 'resync', machines: ['web-02'] }
      ]
    }).run();
    expect(report.rejected.map((r) => r.step)).toEqual([1, 2, 0]);
    expect(report.rejected.map((r) => r.at)).toEqual([600, 900, 1200]);
    expect(report.rejected[0]!.reason).toMatch(/there is no active fault on uplink/);
    expect(report.rejected[1]!.reason).toMatch(/web-02 is not protected/);
    expect(report.rejected[2]!.reason).toMatch(/web-01 is not protected/);
    // A machine step naming one machine is logged against that machine.
    const logged = report.events.filter((e) => e.code === 'step.rejected');
    expect(logged.map((e) => e.machine)).toEqual([null, 'web-02', 'web-01']);
  });

  // A step during a Hyper-V initial replication (rejected or not) must not delay what follows it.
  it('changes nothing else in the run', () => {
    const base = {
      scenario: 'hyperv-to-azure',
      until: '1h',
      machines: [{ id: 'vm1', disks: [{ id: 'os', sizeGiB: 4 }, { id: 'data', sizeGiB: 2 }] }],
      steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
    };
    const plain = createSimulation(base).run();
    const withRejected = createSimulation({ ...base, steps: [...base.steps, { at: '10m', do: 'fault', fault: 'processServerDown', target: 'processServer' }] }).run();
    expect(withRejected.rejected).toHaveLength(1);
    expect(plain.machines.map((m) => m.protection)).toEqual(['protected']);
    expect(withRejected.jobs).toEqual(plain.jobs);
    expect(withRejected.machines.map((m) => m.protection)).toEqual(plain.machines.map((m) => m.protection));
  });
});
