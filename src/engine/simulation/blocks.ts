// Why a machine's changes cannot move over a hop now: a sender that is down waits, a receiver that
// does not answer or a link that is down is an error that is retried; machines running at the
// target use the scenario's way back. Each block says why in English and as a message.

import type { HopBlock } from '../data/types';
import type { Block, MachineRuntime } from '../protection/machineRuntime';
import { english, msg, type Message } from '../messages/index';
import { MiB } from '../units';
import type { Estate } from './estate';

/** A block of a hop with why, in English for the data plane and as a message. */
export function block(kind: HopBlock['kind'], text: Message, network = false): Block {
  const reason = english(text);
  return network ? { kind, reason, network, text } : { kind, reason, text };
}

/** What stands in the way of a machine's replication right now, or undefined. */
export function pathBlock(e: Estate, m: MachineRuntime): Block | undefined {
  if (m.off) return block('wait', msg('block.notRunning', { name: m.id }));
  for (let h = 0; h < e.hops.length - 1; h++) {
    const b = hopBlock(e, m.stream.index, h);
    if (b) return b;
  }
  return undefined;
}

/** Why machine i cannot use hop h now. */
export function hopBlock(e: Estate, i: number, h: number): Block | undefined {
  if (e.faults.length === 0) return undefined; // nothing can be in the way without a fault
  const m = e.machines[i];
  if (m && m.side === 'target') return reverseHopBlock(e, m, h);
  const c = e.conditions;
  const id = e.config.machines[i]!.id;
  if (h === e.hops.length - 1) {
    return c.down.has(e.def.replicaAt) ? block('wait', msg('block.down', { name: e.def.replicaAt })) : undefined;
  }
  if (c.authFailed.has(id)) return block('auth', msg('block.auth', {}));
  const hopDef = e.def.hops[h]!;
  // The first endpoint sends, the second receives: a sender that is down just waits; a sender
  // that cannot reach its receiver gets an error and retries. A machine's own process server
  // stands in for the built-in one.
  const sender = endpointFor(e, i, hopDef.endpoints[0]);
  const receiver = endpointFor(e, i, hopDef.endpoints[1]);
  const link = linkFor(e, i, h);
  if (sender === '$host') {
    const host = e.config.machines[i]!.host;
    if (c.off.has(id) || (m && m.off)) return block('wait', msg('block.notRunning', { name: id }));
    if (host && c.down.has(host)) return block('wait', msg('block.down', { name: host }));
    if (host && c.diskFull.has(host) && e.def.tracker === 'hrl') return block('failure', msg('block.lowDisk', { host }));
  } else if (sender && c.down.has(sender)) {
    return block('wait', msg('block.down', { name: e.label(sender) }));
  }
  if (receiver && c.down.has(receiver)) return block('failure', msg('block.notResponding', { name: e.label(receiver) }));
  if ((c.linkShare.get(link) ?? 1) === 0) return block('failure', msg('block.linkDown', { link }), true);
  return undefined;
}

/**
 * Why a machine that runs at the target cannot use hop h of the way back: the scenario's reverse
 * path names who sends, who receives and the links it needs.
 */
export function reverseHopBlock(e: Estate, m: MachineRuntime, h: number): Block | undefined {
  const c = e.conditions;
  const rules = e.def.recovery;
  const host = m.config.host;
  const down = (id: string): boolean => {
    if (id === '$machine') return m.off;
    if (id === '$host') return c.siteDown || (host !== undefined && c.down.has(host));
    return c.down.has(id) || !e.deployed.has(id);
  };
  const name = (id: string): string | null => (id === '$machine' ? m.id : id === '$host' ? (host ?? null) : e.label(id));
  if (h === e.hops.length - 1) return down(rules.reverseApplyAt) ? block('wait', msg('block.down', { name: name(rules.reverseApplyAt) })) : undefined;
  if (c.authFailed.has(m.id)) return block('auth', msg('block.auth', {}));
  const hop = rules.reverseHops[h];
  if (!hop) return undefined;
  const [sender, receiver] = hop.endpoints;
  if (down(sender)) return block('wait', msg('block.notRunning', { name: name(sender) }));
  if (down(receiver)) return block('failure', msg('block.notResponding', { name: name(receiver) }));
  for (const l of hop.links) if ((c.linkShare.get(l) ?? 1) === 0 || !e.deployed.has(l)) return block('failure', msg('block.linkDown', { link: l }), true);
  return undefined;
}

/** Why a Hyper-V VM's log cannot be written on its host now (as of the last plan), or undefined. */
export function volumeBlock(e: Estate, m: MachineRuntime): Block | undefined {
  const host = m.config.host;
  const v = host === undefined || m.side !== 'primary' ? undefined : e.volumes.get(host);
  if (!v || v.plannedFreeBytes >= e.params['model.blockMiB'] * MiB) return undefined;
  return block('failure', msg('block.lowDisk', { host: host! }));
}

/** Current blocks on each network hop for a machine (apply excluded). */
export function networkHopBlocks(e: Estate, m: MachineRuntime): Array<Block | undefined> {
  return e.hops.slice(0, -1).map((_, h) => hopBlock(e, m.stream.index, h));
}

export function hasDataOnHop(m: MachineRuntime, h: number): boolean {
  return m.stream.queues[h]!.length > 0 || m.stream.copyQueues[h]!.length > 0 || m.stream.headDone(h) > 0;
}

export function sanUp(e: Estate): boolean {
  if (e.def.tracker !== 'san') return true;
  return (e.conditions.linkShare.get('uplink') ?? 1) > 0 && !e.conditions.down.has('san-primary') && !e.conditions.down.has('san-secondary');
}

/** Who sends or receives on a hop for machine i: its own process server stands in for the built-in one. */
export function endpointFor(e: Estate, i: number, id: string | undefined): string | undefined {
  return id !== undefined && id === e.def.processServer ? e.fleet.of(i).id : id;
}

/** The link a hop takes for machine i: its process server's own LAN link stands in for `lan`. */
export function linkFor(e: Estate, i: number, h: number): string {
  const link = e.def.hops[h]!.link;
  const builtIn = e.def.processServer;
  return builtIn !== undefined && link === e.fleet.builtIn.lanLink ? e.fleet.of(i).lanLink : link;
}
