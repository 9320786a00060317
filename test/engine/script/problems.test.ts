// Scenario-file problems: every mistake reported at once with its JSON path and what is allowed; policy limits; invalid JSON and roots; InvalidScenarioError.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidScenarioError } from '../../../src/engine/index';
import { readScenario } from '../../../src/engine/script/readScenario';
import { SCENARIO_IDS } from '../../../src/engine/scenarios/types';
import type { Problem } from '../../../src/engine/script/config';

function problemsOf(doc: unknown): Problem[] {
  const r = readScenario(doc);
  if (r.ok) throw new Error('expected the file to have problems, but it was read');
  return r.problems;
}

function expectValid(doc: unknown): void {
  const r = readScenario(doc);
  expect(r.ok ? [] : r.problems).toEqual([]);
}

/** Checks that each path has a problem whose message matches its pattern. */
function expectProblems(problems: Problem[], expected: Record<string, RegExp>): void {
  for (const [path, pattern] of Object.entries(expected)) {
    const atPath = problems.filter((p) => p.path === path);
    expect(atPath.map((p) => p.path), `a problem at ${path}`).toContain(path);
    expect(atPath.some((p) => pattern.test(p.message)), `${path}: ${atPath.map((p) => p.message).join(' / ')} should match ${pattern}`).toBe(true);
  }
}

const seventeen = <T>(f: (i: number) => T): T[] => Array.from({ length: 17 }, (_, i) => f(i));

/** A Hyper-V to Azure file with a mistake in nearly every part. */
const HYPERV_WITH_MISTAKES = {
  scenario: 'hyperv-to-azure',
  colour: 'blue',
  seed: 1.5,
  until: '3h',
  policy: { retention: '100h', copyFrequency: '1m', compression: true, appConsistentEvery: '13h' },
  machines: [
    { id: 'vm1', host: 'esxi-01', disks: [{ id: 'os', sizeGiB: 64 }, { id: 'data', sizeGiB: 5000 }] },
    { id: 'vm1', disks: seventeen((i) => ({ id: `d${i}`, sizeGiB: 1 })) },
    ...seventeen((i) => ({ id: `g${i + 1}`, group: 'big', disks: [{ id: 'os', sizeGiB: 8 }] }))
  ],
  steps: [
    { at: '10m', do: 'explode' },
    { at: '5h', do: 'resync', machines: ['g1'] },
    { at: '10m', do: 'fault', fault: 'linkDown', target: 'uplink', bandwidthPercent: 50 },
    { at: '10m', do: 'fault', fault: 'linkDown', target: 'nowhere' },
    { at: '10m', do: 'fault', fault: 'diskResize', target: 'g1', sizeGiB: 100, for: '1h' },
    { at: '10m', do: 'setPolicy', policy: {} },
    { at: '10m', do: 'enableReplication', machines: [] }
  ],
  parameters: { 'nope.key': 1, 'crashConsistent.minutes': 5, 'resync.chunkMiB': 48 }
};

describe('a file with many mistakes', () => {
  it('reports every one at once, each with its JSON path and what is allowed', () => {
    const problems = problemsOf(HYPERV_WITH_MISTAKES);
    const expected: Record<string, RegExp> = {
      '$.colour': /is not a known field here; allowed: scenario, title, description, seed, until, start, officeHours, policy, machines, hosts, processServers, network, parameters, steps/,
      '$.seed': /must be a whole number/,
      '$.policy.retention': /allowed 0s to 72h/,
      '$.policy.appConsistentEvery': /allowed 1h to 12h/,
      '$.policy.copyFrequency': /1m is not offered for hyperv-to-azure; use one of: 30s, 5m/,
      '$.policy.compression': /does not apply to hyperv-to-azure/,
      '$.machines[0].host': /use one of: "hv-host-01", "hv-host-02"/,
      '$.machines[0].disks[1].sizeGiB': /4095/,
      '$.machines[1].id': /"vm1" is used by another machine; ids must be unique/,
      '$.machines[1].disks': /has 17 disks; at most 16/,
      '$.machines': /replication group "big" has 17 machines; at most 16/,
      '$.steps[0].do': /"explode" is not allowed; use one of: "enableReplication", .*"setWriteRate"/,
      '$.steps[1].at': /after the end of the run \(until is 3h\)/,
      '$.steps[2].bandwidthPercent': /applies only to the linkDegraded fault/,
      '$.steps[3].target': /"nowhere" is not something this scenario has; targets: uplink, .*hv-host-01/,
      '$.steps[4].for': /permanent: it has no duration/,
      '$.steps[5].policy': /names no policy field/,
      '$.steps[6].machines': /list machine ids or write "all"/,
      '$.parameters["nope.key"]': /is not a known parameter; known: model\.blockMiB, .*resync\.chunkMiB/,
      '$.parameters["crashConsistent.minutes"]': /cannot be changed/,
      '$.parameters["resync.chunkMiB"]': /must be a multiple of model\.blockMiB \(32\)/
    };
    expectProblems(problems, expected);
    // Nothing beyond these paths is reported (the oversized data disk has two messages at one path).
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(Object.keys(expected)));
    for (const p of problems) {
      expect(p.path.startsWith('$'), p.path).toBe(true);
      expect(p.message.length, p.path).toBeGreaterThan(10);
    }
  });

  it('lists only the changeable parameters as known', () => {
    const p = problemsOf({ scenario: 'vmware-to-azure', parameters: { 'nope.key': 1 } });
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe('$.parameters["nope.key"]');
    expect(p[0]!.message).not.toContain('crashConsistent.minutes');
  });

  it('reports copy frequency and the app-consistent rule on vmware-to-azure, an OS disk over 2048 GiB, and an unreadable until', () => {
    const problems = problemsOf({
      scenario: 'vmware-to-azure',
      until: '12x',
      policy: { copyFrequency: '5m', retention: '2h', appConsistentEvery: '2h' },
      machines: [{ id: 'a' }, { id: 'b', disks: [{ id: 'os', sizeGiB: 2049 }] }]
    });
    expectProblems(problems, {
      '$.until': /"12x" is not a duration; write it like "90s"/,
      '$.policy.copyFrequency': /does not apply to vmware-to-azure: only Hyper-V Replica .*\(hyperv-to-azure, vmm-to-azure, vmm-to-vmm\)/,
      '$.policy.appConsistentEvery': /not less than the retention window \(2h\)/,
      '$.machines[1].disks[0].sizeGiB': /2048/
    });
    expect(problems.filter((p) => p.path.startsWith('$.machines[0]'))).toEqual([]);
  });

  it('allows data disks up to 8192 GiB on vmware-to-azure but an OS disk only to 2048 GiB', () => {
    expectValid({ scenario: 'vmware-to-azure', machines: [{ id: 'a', disks: [{ sizeGiB: 2048 }, { sizeGiB: 8192 }] }] });
    expectProblems(problemsOf({ scenario: 'vmware-to-azure', machines: [{ id: 'a', disks: [{ sizeGiB: 2048 }, { sizeGiB: 8193 }] }] }), {
      '$.machines[0].disks[1].sizeGiB': /8192/
    });
  });

  it('allows 16 disks and data disks of 4095 GiB on hyperv-to-azure', () => {
    expectValid({ scenario: 'hyperv-to-azure', machines: [{ id: 'a', disks: [{ sizeGiB: 2048 }, ...Array.from({ length: 15 }, () => ({ sizeGiB: 4095 }))] }] });
  });

  it('reports storage on vmm-to-vmm', () => {
    const problems = problemsOf({ scenario: 'vmm-to-vmm', policy: { storage: 'premium' } });
    expect(problems).toHaveLength(1);
    expectProblems(problems, { '$.policy.storage': /does not apply to vmm-to-vmm: storage type is chosen only when replicating to Azure/ });
  });

  it('reports a bad scenario id with the ids allowed, along with unknown top-level keys', () => {
    const problems = problemsOf({ scenario: 'vmware-to-mars', wat: 1 });
    expectProblems(problems, { '$.wat': /allowed: scenario, title, description, seed/, '$.scenario': /"vmware-to-mars" is not a scenario; use one of: / });
    const message = problems.find((p) => p.path === '$.scenario')!.message;
    for (const id of SCENARIO_IDS) expect(message).toContain(id);
  });

  it('reports a missing scenario as required', () => {
    expectProblems(problemsOf({}), { '$.scenario': /is required; use one of: vmware-to-azure/ });
  });

  it('reports wrongly typed fields with what was found', () => {
    const problems = problemsOf({ scenario: 'vmware-to-azure', seed: '7', policy: [], machines: {}, steps: 'later', parameters: 3, officeHours: { days: ['mon', 'funday'], from: '8am' } });
    expectProblems(problems, {
      '$.seed': /must be a number, not "7"/,
      '$.policy': /must be an object, not an array/,
      '$.machines': /must be an array, not an object/,
      '$.steps': /must be an array, not "later"/,
      '$.parameters': /must be an object, not 3/,
      '$.officeHours.days[1]': /"funday" is not allowed; use one of: "sun", "mon"/,
      '$.officeHours.from': /write it like "08:00"/
    });
  });

  it('reports values out of range with the range allowed', () => {
    const problems = problemsOf({ scenario: 'vmware-to-azure', seed: -1, until: '30s', network: { uplinkMbps: 0 }, parameters: { 'model.blockMiB': 0 } });
    expectProblems(problems, {
      '$.seed': /-1 is out of range: allowed 0 to 2147483647/,
      '$.until': /30s is out of range: allowed 1m to 400d/,
      '$.network.uplinkMbps': /allowed 0\.5 to 100000/,
      '$.parameters["model.blockMiB"]': /allowed 1 to 256/
    });
  });

  it('reports a lanMbps where there is no local hop, and a host on a scenario without hosts', () => {
    const problems = problemsOf({ scenario: 'hyperv-to-azure', network: { lanMbps: 100 } });
    expectProblems(problems, { '$.network.lanMbps': /does not apply to hyperv-to-azure/ });
    expectProblems(problemsOf({ scenario: 'physical-to-azure', machines: [{ id: 'a', host: 'esxi-01' }] }), {
      '$.machines[0].host': /does not apply to physical-to-azure: each machine is its own host/
    });
  });

  it('reports a problem inside a setPolicy step at the step\'s own policy path', () => {
    const problems = problemsOf({ scenario: 'vmware-to-azure', until: '1h', steps: [{ at: '5m', do: 'setPolicy', policy: { retention: '100h', storage: 'gold' } }] });
    expectProblems(problems, {
      '$.steps[0].policy.retention': /allowed 0s to 72h/,
      '$.steps[0].policy.storage': /use one of: "standard", "premium"/
    });
  });
});

describe('retention limits', () => {
  it('premium storage keeps at most 24h', () => {
    expectValid({ scenario: 'vmware-to-azure', policy: { storage: 'premium', retention: '24h' } });
    for (const retention of ['25h', '72h']) {
      const problems = problemsOf({ scenario: 'vmware-to-azure', policy: { storage: 'premium', retention } });
      expect(problems.map((p) => p.path)).toEqual(['$.policy.retention']);
      expect(problems[0]!.message).toMatch(/longer than allowed: at most 24h on premium storage/);
    }
  });

  it.each(['vmware-to-azure', 'hyperv-to-azure', 'aws-to-azure-migration'])('standard storage keeps at most 72h on %s', (scenario) => {
    expectValid({ scenario, policy: { retention: '72h' } });
    expectValid({ scenario, policy: { storage: 'standard', retention: '3d' } });
    const problems = problemsOf({ scenario, policy: { retention: '72h1m' } });
    expect(problems.map((p) => p.path)).toEqual(['$.policy.retention']);
    expect(problems[0]!.message).toMatch(/72h/);
  });

  it.each(['vmm-to-vmm', 'vmm-san', 'vmware-to-vmware'])('a secondary site keeps at most 72h on %s', (scenario) => {
    expectValid({ scenario, policy: { retention: '72h' } });
    const problems = problemsOf({ scenario, policy: { retention: '73h' } });
    expect(problems.map((p) => p.path)).toEqual(['$.policy.retention']);
    expect(problems[0]!.message).toMatch(/72h/);
  });

  it('must keep at least one 5-minute crash-consistent interval', () => {
    const problems = problemsOf({ scenario: 'vmm-to-vmm', policy: { retention: '4m', appConsistentEvery: 'off' } });
    expect(problems).toEqual([{ path: '$.policy.retention', message: expect.stringMatching(/at least one crash-consistent interval \(5m\)/) }]);
  });

  it('app-consistent snapshots must be more frequent than the retention', () => {
    expectValid({ scenario: 'vmware-to-azure', policy: { retention: '5h', appConsistentEvery: '4h55m' } });
    expectProblems(problemsOf({ scenario: 'vmware-to-azure', policy: { retention: '4h' } }), {
      '$.policy.appConsistentEvery': /every 4h is not less than the retention window \(4h\)/
    });
  });
});

describe('files that are not a JSON object', () => {
  it('invalid JSON text gives one problem at $ and nothing else', () => {
    const r = readScenario('{"scenario": "vmware-to-azure",');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe('$');
    expect(r.problems[0]!.message).toMatch(/^is not valid JSON/);
  });

  it.each([
    ['[]', /must be an object, not an array/],
    ['42', /must be an object, not 42/],
    ['null', /must be an object, not null/],
    ['"vmware-to-azure"', /must be an object, not "vmware-to-azure"/]
  ])('the root %s gives one problem at $', (text, pattern) => {
    const r = readScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ path: '$', message: expect.stringMatching(pattern) }]);
  });

  it('a parsed non-object is refused the same way', () => {
    expect(problemsOf([{ scenario: 'vmware-to-azure' }])).toEqual([{ path: '$', message: 'must be an object, not an array' }]);
  });
});

describe('createSimulation', () => {
  it('throws InvalidScenarioError listing every problem of an invalid file', () => {
    const expected = problemsOf(HYPERV_WITH_MISTAKES);
    let thrown: unknown;
    try {
      createSimulation(HYPERV_WITH_MISTAKES);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidScenarioError);
    const err = thrown as InvalidScenarioError;
    expect(err.name).toBe('InvalidScenarioError');
    expect(err.problems).toEqual(expected);
    expect(err.message).toContain(`${expected.length} problems`);
    for (const p of expected) expect(err.message).toContain(`${p.path}: ${p.message}`);
  });

  it('throws InvalidScenarioError for invalid JSON text, with the one problem at $', () => {
    expect(() => createSimulation('not json')).toThrow(InvalidScenarioError);
    try {
      createSimulation('not json');
    } catch (e) {
      expect((e as InvalidScenarioError).problems).toHaveLength(1);
      expect((e as InvalidScenarioError).problems[0]!.path).toBe('$');
      expect((e as InvalidScenarioError).message).toMatch(/1 problem:/);
    }
  });

  it('does not throw for a valid file and keeps its normalised config', () => {
    const handle = createSimulation({ scenario: 'vmm-san', until: '1h' });
    expect(handle.config.scenario.id).toBe('vmm-san');
    expect(handle.config.until).toBe(3600);
    expect(handle.now()).toBe(0);
  });
});

describe('messages a person can act on', () => {
  it('says a missing field is required and what it should be', () => {
    const problems = problemsOf({ scenario: 'vmware-to-azure', machines: [{ writeMBps: 1, disks: [{ id: 'os' }] }], steps: [{ do: 'resync', machines: 'all' }] });
    expectProblems(problems, {
      '$.machines[0].id': /^is required: an id/,
      '$.machines[0].disks[0].sizeGiB': /^is required: a number from 1 to 2048/,
      '$.steps[0].at': /^is required: a duration such as "15m"/
    });
  });

  it('offers processServer as a fault target only where the scenario has one', () => {
    const step = { at: '1h', do: 'fault', fault: 'linkDown', target: 'uplinq' };
    const hyperv = problemsOf({ scenario: 'hyperv-to-azure', steps: [step] })[0]!.message;
    const vmware = problemsOf({ scenario: 'vmware-to-azure', steps: [step] })[0]!.message;
    expect(hyperv).toMatch(/targets: uplink, primarySite, hv-host-01/);
    expect(hyperv).not.toMatch(/processServer/);
    expect(vmware).toMatch(/targets: uplink, processServer, primarySite, /);
  });

  it('still checks what does not depend on the scenario when the scenario id is wrong', () => {
    const problems = problemsOf({ scenario: 'vmware-to-mars', seed: -3, until: 'soon', parameters: { 'lan.latencyMs': -1 } });
    expectProblems(problems, {
      '$.scenario': /is not a scenario/,
      '$.seed': /out of range/,
      '$.until': /is not a duration/,
      '$.parameters["lan.latencyMs"]': /out of range/
    });
  });

  it('reports an oversized disk once, with the limit and where it comes from', () => {
    const problems = problemsOf({ scenario: 'hyperv-to-azure', machines: [{ id: 'vm', disks: [{ id: 'os', sizeGiB: 100 }, { id: 'd', sizeGiB: 5000 }] }] });
    expect(problems.filter((p) => p.path === '$.machines[0].disks[1].sizeGiB')).toEqual([
      { path: '$.machines[0].disks[1].sizeGiB', message: expect.stringMatching(/^5000 GiB is out of range: a data disk takes 1 to 4095 GiB here \(BEYOND\.md/) }
    ]);
  });

  it('lists the policy fields when a setPolicy step names none', () => {
    const problems = problemsOf({ scenario: 'vmm-to-vmm', steps: [{ at: '1h', do: 'setPolicy', policy: {} }] });
    expectProblems(problems, { '$.steps[0].policy': /names no policy field to change; fields: rpoThreshold, retention, appConsistentEvery, copyFrequency/ });
  });
});
