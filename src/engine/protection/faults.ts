// Faults a user can inject: what each may target in a scenario, and the conditions the set of
// active faults puts the estate in. Conditions are recomputed from the whole set, so overlapping
// faults (a link down during a site outage) clear correctly.

import type { FaultKind, MachineConfig } from '../script/config';
import type { ComponentKind, ScenarioDefinition, SiteId } from '../scenarios/types';
import { msg, type Message } from '../messages/index';

export interface ActiveFault {
  id: number;
  kind: FaultKind;
  /** The id as written in the step (alias or id). */
  target: string;
  /** The resolved component, link or machine id. */
  resolved: string;
  since: number;
  bandwidthPercent: number;
}

export type TargetKind = 'link' | 'component' | 'machine' | 'site';

export interface ResolvedTarget {
  id: string;
  kind: TargetKind;
  componentKind?: ComponentKind;
}

const HOST_KINDS: readonly ComponentKind[] = ['hypervHost', 'esxiHost'];

export function primarySiteOf(def: ScenarioDefinition): SiteId {
  if (def.source === 'aws') return 'aws';
  if (def.source === 'azure') return 'azureSource';
  return 'primary';
}

/** Resolves a step's target name, or explains why this scenario has no such thing. */
export function resolveTarget(def: ScenarioDefinition, machines: readonly MachineConfig[], name: string): ResolvedTarget | Message {
  if (name === 'primarySite') return { id: 'primarySite', kind: 'site' };
  if (name === 'processServer') {
    if (!def.processServer) return msg('reject.noProcessServer', { scenario: def.id, san: def.tracker === 'san' });
    name = def.processServer;
  }
  const link = def.links.find((l) => l.id === name && l.purpose === 'data');
  if (link) return { id: link.id, kind: 'link' };
  const comp = def.components.find((c) => c.id === name);
  if (comp) return { id: comp.id, kind: 'component', componentKind: comp.kind };
  if (machines.some((m) => m.id === name)) return { id: name, kind: 'machine' };
  return msg('reject.notPartOf', { name, scenario: def.id });
}

/** Why a fault cannot be injected on a target in this scenario, or undefined when it can. */
export function faultNotApplicable(def: ScenarioDefinition, kind: FaultKind, t: ResolvedTarget): Message | undefined {
  const links = def.links.filter((l) => l.purpose === 'data').map((l) => l.id);
  switch (kind) {
    case 'linkDown':
    case 'linkDegraded':
      return t.kind === 'link' ? undefined : msg('reject.faultNeedsLink', { fault: kind, links, target: t.id });
    case 'processServerDown':
    case 'cacheFull':
      if (!def.processServer) return msg('reject.scenarioNoProcessServer', { scenario: def.id });
      return t.componentKind === 'processServer' ? undefined : msg('reject.faultNeedsProcessServer', { fault: kind, processServer: def.processServer });
    case 'hostDiskFull':
      if (t.kind === 'component' && HOST_KINDS.includes(t.componentKind!)) return undefined;
      if (t.kind === 'machine' && def.hosts.length === 0) return undefined;
      if (t.kind === 'machine') return msg('reject.faultOnVm', { target: t.id, hosts: def.hosts });
      return msg('reject.faultNeedsHost', { hosts: def.hosts });
    case 'authFailure':
      if (t.kind === 'machine' || t.id === def.authority) return undefined;
      if (t.kind === 'component' && def.agentPer === 'host' && HOST_KINDS.includes(t.componentKind!)) return undefined;
      return msg('reject.authTargets', { perHost: def.agentPer === 'host', authority: def.authority });
    case 'forcedShutdown':
      if (t.kind === 'machine') return undefined;
      if (t.kind === 'component' && HOST_KINDS.includes(t.componentKind!)) return undefined;
      return msg('reject.shutdownTargets', {});
    case 'diskResize':
      return t.kind === 'machine' ? undefined : msg('reject.resizeTargets', {});
    case 'siteDown':
      return t.kind === 'site' ? undefined : msg('reject.siteTargets', {});
  }
}

/** The conditions the active faults put the estate in. */
export interface Conditions {
  siteDown: boolean;
  /** Components down (including everything at the primary site when the site is down). */
  down: Set<string>;
  /** Link id -> bandwidth share 0..1 (0 = down). Links not present are fully up. */
  linkShare: Map<string, number>;
  diskFull: Set<string>;
  cacheFull: Set<string>;
  /** Machines whose replication cannot authenticate. */
  authFailed: Set<string>;
  /** Machines not running. */
  off: Set<string>;
}

/** Where a machine runs and since when (it moves with each failover). */
export interface MachineSide {
  atTarget: boolean;
  since: number;
}

/**
 * The conditions the active faults put the estate in. A machine that runs at the target after a
 * failover is no longer stopped by the primary site or its old host, and a fault aimed at the
 * machine itself applies only if it came after the machine moved (it hit the copy that ran then).
 */
export function conditionsOf(def: ScenarioDefinition, machines: readonly MachineConfig[], faults: readonly ActiveFault[], sides: ReadonlyMap<string, MachineSide>): Conditions {
  const atTarget = (id: string): boolean => sides.get(id)?.atTarget === true;
  const current = (id: string, f: ActiveFault): boolean => f.since >= (sides.get(id)?.since ?? 0);
  const primary = primarySiteOf(def);
  const c: Conditions = {
    siteDown: faults.some((f) => f.kind === 'siteDown'),
    down: new Set(),
    linkShare: new Map(),
    diskFull: new Set(),
    cacheFull: new Set(),
    authFailed: new Set(),
    off: new Set()
  };
  if (c.siteDown) {
    for (const comp of def.components) if (comp.site === primary) c.down.add(comp.id);
    for (const l of def.links) if (startsAtPrimary(def, l.from, primary)) c.linkShare.set(l.id, 0);
  }
  for (const f of faults) {
    switch (f.kind) {
      case 'linkDown':
        c.linkShare.set(f.resolved, 0);
        break;
      case 'linkDegraded':
        if (c.linkShare.get(f.resolved) !== 0) c.linkShare.set(f.resolved, Math.min(c.linkShare.get(f.resolved) ?? 1, f.bandwidthPercent / 100));
        break;
      case 'processServerDown':
        c.down.add(f.resolved);
        break;
      case 'cacheFull':
        c.cacheFull.add(f.resolved);
        break;
      case 'hostDiskFull':
        c.diskFull.add(f.resolved);
        break;
      case 'authFailure':
        for (const m of machines) if (f.resolved === def.authority || (f.resolved === m.id && current(m.id, f)) || (f.resolved === m.host && !atTarget(m.id))) c.authFailed.add(m.id);
        break;
      case 'forcedShutdown':
        for (const m of machines) if ((f.resolved === m.id && current(m.id, f)) || (f.resolved === m.host && !atTarget(m.id))) c.off.add(m.id);
        break;
      default:
        break;
    }
  }
  for (const m of machines) if (!atTarget(m.id) && (c.siteDown || (m.host && c.down.has(m.host)))) c.off.add(m.id);
  return c;
}

function startsAtPrimary(def: ScenarioDefinition, from: string, primary: SiteId): boolean {
  if (from === '$machines' || from === '$hosts') return true;
  return def.components.find((c) => c.id === from)?.site === primary;
}
