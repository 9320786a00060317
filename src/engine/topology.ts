// The scenario's components and links as running XState actors on the virtual clock. After every
// change to the set of faults, `reconcile` moves each actor to the state the faults imply.

import { type AnyActorRef, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { hostMachine } from './components/hostMachine';
import { linkMachine } from './components/linkMachine';
import { processServerMachine } from './components/processServerMachine';
import { serviceMachine } from './components/serviceMachine';
import type { Conditions } from './protection/faults';
import type { ComponentDef, LinkDef, ScenarioDefinition } from './scenarios/types';
import type { Scheduler } from './time/scheduler';
import { mbpsToBytesPerSecond } from './units';
import { statePaths, type Health } from './components/states';

export { statePaths, type Health };


export interface ComponentRuntime {
  def: ComponentDef;
  actor: AnyActorRef;
  machine: AnyStateMachine;
  health: Health;
}

export interface LinkRuntime {
  def: LinkDef;
  actor: AnyActorRef;
  baseMbps: number;
  share: number;
  health: Health;
}


export class Topology {
  readonly components = new Map<string, ComponentRuntime>();
  readonly links = new Map<string, LinkRuntime>();
  readonly site: ComponentRuntime;

  constructor(
    readonly def: ScenarioDefinition,
    scheduler: Scheduler,
    linkMbps: (link: LinkDef) => number,
    heartbeatMinutes: number
  ) {
    for (const c of def.components) {
      let machine: AnyStateMachine = serviceMachine;
      let input: unknown;
      if (c.kind === 'processServer') {
        machine = processServerMachine;
        input = { heartbeatTimeoutMs: heartbeatMinutes * 60_000 };
      } else if (c.kind === 'hypervHost' || c.kind === 'esxiHost') machine = hostMachine;
      const actor = scheduler.actor(machine, { input } as never).start();
      this.components.set(c.id, { def: c, actor, machine, health: c.deployable ? 'notApplicable' : 'healthy' });
    }
    const siteDef: ComponentDef = { id: 'primarySite', kind: 'vault', label: 'Primary site', site: 'primary', role: 'The source site as a whole.' };
    this.site = { def: siteDef, actor: scheduler.actor(serviceMachine).start(), machine: serviceMachine, health: 'healthy' };
    for (const l of def.links) {
      if (l.purpose !== 'data') continue;
      this.links.set(l.id, { def: l, actor: scheduler.actor(linkMachine).start(), baseMbps: linkMbps(l), share: 1, health: l.deployable ? 'notApplicable' : 'healthy' });
    }
  }

  /** Moves every actor to the state the conditions imply. */
  reconcile(cond: Conditions): void {
    sendIf(this.site.actor, cond.siteDown ? 'down' : 'available', cond.siteDown ? { type: 'service.down' } : { type: 'service.up' });
    for (const c of this.components.values()) {
      const down = cond.down.has(c.def.id);
      if (c.machine === processServerMachine) {
        sendIf(c.actor, down ? { power: 'down' } : { power: 'running' }, down ? { type: 'ps.down' } : { type: 'ps.up' });
      } else if (c.machine === hostMachine) {
        if (down) sendIf(c.actor, 'down', { type: 'host.down' });
        else {
          sendIf(c.actor, 'running', { type: 'host.up' }, 'down');
          const full = cond.diskFull.has(c.def.id);
          if (full) sendIf(c.actor, 'diskFull', { type: 'host.diskFull' });
          else sendIf(c.actor, 'running', { type: 'host.diskFreed' }, 'diskFull');
        }
      } else {
        sendIf(c.actor, down ? 'down' : 'available', down ? { type: 'service.down' } : { type: 'service.up' });
      }
    }
    for (const l of this.links.values()) {
      const share = cond.linkShare.get(l.def.id) ?? 1;
      l.share = share;
      if (share === 0) sendIf(l.actor, 'down', { type: 'link.down' });
      else if (share < 1) l.actor.send({ type: 'link.degrade', percent: Math.round(share * 100) });
      else sendIf(l.actor, 'up', { type: 'link.restore' });
    }
  }

  /** Bytes per second a link carries now. */
  linkCapacity(id: string): number {
    const l = this.links.get(id);
    return l ? mbpsToBytesPerSecond(l.baseMbps * l.share) : 0;
  }

  isDown(id: string): boolean {
    const c = this.components.get(id);
    if (!c) return false;
    return stateMatches(c.actor, 'down') || stateMatches(c.actor, { power: 'down' });
  }

  isDiskFull(id: string): boolean {
    const c = this.components.get(id);
    return c ? stateMatches(c.actor, 'diskFull') : false;
  }

  paths(id: string): string[] {
    const c = this.components.get(id) ?? (id === 'primarySite' ? this.site : undefined);
    if (c) return statePaths(c.actor.getSnapshot().value);
    const l = this.links.get(id);
    return l ? statePaths(l.actor.getSnapshot().value) : [];
  }
}

function stateMatches(actor: AnyActorRef, state: unknown): boolean {
  return (actor.getSnapshot() as SnapshotFrom<AnyStateMachine>).matches(state as never);
}

/** Sends `event` unless the actor is already in `state`; with `onlyFrom`, only from that state. */
function sendIf(actor: AnyActorRef, state: unknown, event: { type: string }, onlyFrom?: string): void {
  if (stateMatches(actor, state)) return;
  if (onlyFrom !== undefined && !stateMatches(actor, onlyFrom)) return;
  actor.send(event);
}
