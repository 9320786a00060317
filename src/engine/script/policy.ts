// Replication policy: defaults per scenario, field checks, and the rules that tie fields together
// (retention limits per storage type, app-consistent frequency below retention, copy frequency only
// where Hyper-V Replica does the sending).

import { formatDuration } from '../time/duration';
import type { ScenarioDefinition } from '../scenarios/types';
import { childPath, type Checker } from './checker';
import type { Policy } from './config';

export const POLICY_FIELDS = ['rpoThreshold', 'retention', 'appConsistentEvery', 'copyFrequency', 'storage', 'compression', 'authentication', 'resync'] as const;

const H = 3600;

export function defaultPolicy(def: ScenarioDefinition): Policy {
  return {
    rpoThreshold: def.policy.rpoThreshold.value,
    retention: def.policy.retention.value,
    appConsistentEvery: def.policy.appConsistent.value,
    copyFrequency: def.policy.copyFrequency?.value ?? 0,
    storage: def.target === 'azure' ? 'standard' : undefined,
    compression: def.policy.compression ?? false,
    authentication: def.policy.authentication ? 'kerberos' : undefined,
    resync: 'outsideOfficeHours'
  };
}

/** Reads the policy fields present in `obj`, checking each on its own and where it applies. */
export function readPolicy(obj: Record<string, unknown>, path: string, def: ScenarioDefinition, c: Checker): Partial<Policy> {
  c.onlyKeys(obj, path, POLICY_FIELDS);
  const out: Partial<Policy> = {};
  const at = (k: string) => childPath(path, k);
  if (obj.rpoThreshold !== undefined) out.rpoThreshold = c.duration(obj.rpoThreshold, at('rpoThreshold'), 60, 24 * H);
  if (obj.retention !== undefined) out.retention = c.duration(obj.retention, at('retention'), 0, 72 * H);
  if (obj.appConsistentEvery !== undefined) {
    if (obj.appConsistentEvery === 'off') out.appConsistentEvery = 0;
    else {
      const v = c.duration(obj.appConsistentEvery, at('appConsistentEvery'), 1 * H, 12 * H);
      if (v !== undefined && v % 300 !== 0) c.add(at('appConsistentEvery'), 'must be a whole number of 5-minute intervals (snapshots are taken with a crash-consistent point)');
      else out.appConsistentEvery = v;
    }
  }
  if (obj.copyFrequency !== undefined) {
    const rule = def.policy.copyFrequency;
    if (!rule) c.add(at('copyFrequency'), `does not apply to ${def.id}: only Hyper-V Replica sends logs at a copy frequency (hyperv-to-azure, vmm-to-azure, vmm-to-vmm)`);
    else {
      const allowed = rule.options.map((s) => formatDuration(s));
      const v = c.duration(obj.copyFrequency, at('copyFrequency'), 0, 24 * H);
      if (v !== undefined && !rule.options.includes(v)) c.add(at('copyFrequency'), `${formatDuration(v)} is not offered for ${def.id}; use one of: ${allowed.join(', ')}`);
      else out.copyFrequency = v;
    }
  }
  if (obj.storage !== undefined) {
    if (def.target !== 'azure') c.add(at('storage'), `does not apply to ${def.id}: storage type is chosen only when replicating to Azure`);
    else out.storage = c.oneOf(obj.storage, at('storage'), ['standard', 'premium'] as const);
  }
  if (obj.compression !== undefined) {
    if (!def.policy.compression) c.add(at('compression'), `does not apply to ${def.id}: only Hyper-V Replica between two sites has a compression setting`);
    else out.compression = c.boolean(obj.compression, at('compression'));
  }
  if (obj.authentication !== undefined) {
    if (!def.policy.authentication) c.add(at('authentication'), `does not apply to ${def.id}: only Hyper-V Replica between two sites chooses Kerberos or certificate authentication`);
    else out.authentication = c.oneOf(obj.authentication, at('authentication'), ['kerberos', 'certificate'] as const);
  }
  if (obj.resync !== undefined) out.resync = c.oneOf(obj.resync, at('resync'), ['outsideOfficeHours', 'manual'] as const);
  for (const key of Object.keys(out) as Array<keyof Policy>) if (out[key] === undefined) delete out[key];
  return out;
}

/** Rules across fields; each violation names the field it is reported on. */
export function policyViolations(p: Policy, def: ScenarioDefinition): Array<{ field: keyof Policy; message: string }> {
  const out: Array<{ field: keyof Policy; message: string }> = [];
  const max = maxRetention(p, def);
  if (p.retention > max.seconds) {
    out.push({ field: 'retention', message: `${formatDuration(p.retention)} is longer than allowed: at most ${formatDuration(max.seconds)} ${max.why}` });
  }
  if (p.retention < 300) out.push({ field: 'retention', message: 'must keep at least one crash-consistent interval (5m)' });
  if (p.appConsistentEvery > 0 && p.appConsistentEvery >= p.retention) {
    out.push({ field: 'appConsistentEvery', message: `every ${formatDuration(p.appConsistentEvery)} is not less than the retention window (${formatDuration(p.retention)}); app-consistent snapshots must be more frequent than the retention` });
  }
  return out;
}

function maxRetention(p: Policy, def: ScenarioDefinition): { seconds: number; why: string } {
  const rule = def.policy.maxRetention;
  if (typeof rule === 'number') return { seconds: rule, why: 'for a secondary site' };
  return p.storage === 'premium'
    ? { seconds: rule.premium, why: 'on premium storage (72h on standard storage)' }
    : { seconds: rule.standard, why: 'on standard storage' };
}
