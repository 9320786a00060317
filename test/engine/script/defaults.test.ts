// Scenario-file defaults: a file naming only its scenario gets that scenario's estate, policy, seed, run length and office hours.
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../../src/engine/script/readScenario';
import { SCENARIOS } from '../../../src/engine/scenarios';
import { SCENARIO_IDS, type ScenarioId } from '../../../src/engine/scenarios/types';
import { defaultParameters } from '../../../src/engine/scenarios/parameters';
import type { SimulationConfig } from '../../../src/engine/script/config';

const H = 3600;

/** Expected defaults per scenario, written out here rather than read back from the definitions. */
const EXPECTED: Record<ScenarioId, { rpo: number; copyFrequency: number; storage: 'standard' | undefined }> = {
  'vmware-to-azure': { rpo: 60 * 60, copyFrequency: 0, storage: 'standard' },
  'physical-to-azure': { rpo: 60 * 60, copyFrequency: 0, storage: 'standard' },
  'hyperv-to-azure': { rpo: 15 * 60, copyFrequency: 300, storage: 'standard' },
  'vmm-to-azure': { rpo: 15 * 60, copyFrequency: 300, storage: 'standard' },
  'vmm-to-vmm': { rpo: 15 * 60, copyFrequency: 300, storage: undefined },
  'vmm-san': { rpo: 15 * 60, copyFrequency: 0, storage: undefined },
  'vmware-to-vmware': { rpo: 15 * 60, copyFrequency: 0, storage: undefined },
  'azure-to-azure-migration': { rpo: 60 * 60, copyFrequency: 0, storage: 'standard' },
  'aws-to-azure-migration': { rpo: 60 * 60, copyFrequency: 0, storage: 'standard' }
};

function configOf(doc: unknown): SimulationConfig {
  const r = readScenario(doc);
  if (!r.ok) throw new Error(`expected a valid file, got: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.config;
}

describe('a file with only {"scenario": id}', () => {
  it('covers exactly the nine scenario ids', () => {
    expect([...SCENARIO_IDS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(SCENARIO_IDS).toHaveLength(9);
  });

  describe.each(SCENARIO_IDS)('%s', (id) => {
    it('is valid, as an object and as JSON text, with the same result', () => {
      const fromObject = readScenario({ scenario: id });
      const fromText = readScenario(JSON.stringify({ scenario: id }));
      expect(fromObject.ok).toBe(true);
      expect(fromText.ok).toBe(true);
      if (!fromObject.ok || !fromText.ok) return;
      expect(fromText.config).toEqual(fromObject.config);
      expect(fromObject.config.scenario.id).toBe(id);
    });

    it('gets the default estate, hosts filled in from the scenario hosts', () => {
      const def = SCENARIOS[id];
      const c = configOf({ scenario: id });
      expect(c.machines.map((m) => m.id)).toEqual(def.estate.map((m) => m.id));
      expect(c.machines.length).toBeGreaterThan(0);
      c.machines.forEach((m, i) => {
        const spec = def.estate[i]!;
        expect(m.disks).toEqual(spec.disks);
        expect(m.writeMBps).toBe(spec.writeMBps);
        expect(m.os).toBe(spec.os ?? 'windows');
        expect(m.burstiness).toBe(spec.burstiness ?? 0.5);
        expect(m.group).toBe(spec.group);
        if (def.hosts.length === 0) expect(m.host).toBeUndefined();
        else {
          expect(def.hosts).toContain(m.host);
          if (spec.host) expect(m.host).toBe(spec.host);
        }
      });
    });

    it('gets the default policy', () => {
      const c = configOf({ scenario: id });
      const e = EXPECTED[id];
      expect(c.policy.rpoThreshold).toBe(e.rpo);
      expect(c.policy.retention).toBe(24 * H);
      expect(c.policy.appConsistentEvery).toBe(4 * H);
      expect(c.policy.copyFrequency).toBe(e.copyFrequency);
      expect(c.policy.storage).toBe(e.storage);
      expect(c.policy.resync).toBe('outsideOfficeHours');
    });

    it('gets seed 1, until 24h, start 2025-03-03T08:00, office hours Mon-Fri 08:00-18:00, no steps, default parameters', () => {
      const c = configOf({ scenario: id });
      expect(c.seed).toBe(1);
      expect(c.until).toBe(24 * H);
      expect(c.startEpochMs).toBe(Date.UTC(2025, 2, 3, 8, 0));
      expect(c.officeHours).toEqual({ days: [1, 2, 3, 4, 5], fromMinute: 8 * 60, toMinute: 18 * 60 });
      expect(c.steps).toEqual([]);
      expect(c.parameters).toEqual(defaultParameters());
      expect(c.network.uplinkMbps).toBe(SCENARIOS[id].uplink.mbps);
    });
  });

  it('gives Hyper-V Replica between sites compression on and Kerberos authentication, and no one else', () => {
    for (const id of SCENARIO_IDS) {
      const c = configOf({ scenario: id });
      expect(c.policy.compression, id).toBe(id === 'vmm-to-vmm');
      expect(c.policy.authentication, id).toBe(id === 'vmm-to-vmm' ? 'kerberos' : undefined);
    }
  });

  it('copies the estate: changing the config does not change the scenario definition', () => {
    const before = SCENARIOS['vmware-to-azure'].estate[0]!.disks[0]!.sizeGiB;
    const c = configOf({ scenario: 'vmware-to-azure' });
    c.machines[0]!.disks[0]!.sizeGiB = before + 1;
    expect(SCENARIOS['vmware-to-azure'].estate[0]!.disks[0]!.sizeGiB).toBe(before);
    expect(configOf({ scenario: 'vmware-to-azure' }).machines[0]!.disks[0]!.sizeGiB).toBe(before);
  });

  it('keeps explicit values instead of the defaults', () => {
    const c = configOf({
      scenario: 'vmm-to-vmm',
      seed: 42,
      until: '2h',
      officeHours: { days: ['sat', 'sun'], from: '09:30', to: '12:00' },
      policy: { copyFrequency: '15m', retention: '48h', appConsistentEvery: 'off' }
    });
    expect(c.seed).toBe(42);
    expect(c.until).toBe(2 * H);
    expect(c.officeHours).toEqual({ days: [6, 0], fromMinute: 9 * 60 + 30, toMinute: 12 * 60 });
    expect(c.policy.copyFrequency).toBe(900);
    expect(c.policy.retention).toBe(48 * H);
    expect(c.policy.appConsistentEvery).toBe(0);
  });
});
