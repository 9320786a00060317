// Bringing a machine in line with the conditions the active faults imply: it stops or starts, its
// agent fails or works again, its host's disk fills, SAN arrays lose or regain their link, and hops
// that fail now are retried (or need a resync where changes in flight were cut off).

import type { HopBlock } from '../data/types';
import type { Conditions } from '../protection/faults';
import type { MachineRuntime } from '../protection/machineRuntime';
import { msg } from '../messages/index';
import { hasDataOnHop, networkHopBlocks, sanUp } from './blocks';
import type { Estate } from './estate';

/** The estate as reconciling a machine uses it: it can start or stop the machine's writes. */
export type ReconcilingEstate = Estate & { syncWorkload(m: MachineRuntime): void };

export function reconcileMachine(e: ReconcilingEstate, m: MachineRuntime, before: Conditions, failedBefore: Array<HopBlock | undefined>, t: number): void {
  const c = e.conditions;
  const s = m.stream;
  const id = m.id;
  const off = c.off.has(id);
  const active = s.mode === 'delta' || s.mode === 'copy';
  if (off !== m.off) {
    m.off = off;
    if (off) {
      m.offSince = t;
      m.agent.send({ type: 'agent.stop' });
      if (!m.shutDown) e.log.push(t, 'warning', 'machine.stopped', msg('machine.stopped', { machine: id, siteDown: c.siteDown && m.side === 'primary' }), id);
    } else {
      m.agent.send({ type: 'agent.start' });
      if (!m.shutDown) e.log.push(t, 'info', 'machine.started', msg('machine.started', { machine: id }), id);
      if (m.statePath.startsWith('replicating.') && !m.shutDown) m.requireResync(msg('resync.reasonShutDown', {}));
    }
  }
  e.syncWorkload(m);
  const auth = c.authFailed.has(id);
  if (auth !== m.authFailed) {
    m.authFailed = auth;
    m.agent.send({ type: auth ? 'auth.fail' : 'auth.ok' });
    if (auth && (active || m.statePath === 'replicating.resyncRequired.scheduled')) m.nonRecoverable(msg('error.authFailed', {}));
    if (!auth) {
      e.log.push(t, 'info', 'auth.restored', msg('auth.restored', { machine: id, san: e.def.resyncOnReconnect }), id);
      // SAN arrays have no resync to start: they resynchronise once nothing is in their way.
      if (e.def.resyncOnReconnect && m.statePath === 'critical' && sanUp(e) && !m.off) m.item.send({ type: 'resync.start', manual: false });
    }
  }
  const host = m.config.host;
  if (e.def.tracker === 'hrl' && host && c.diskFull.has(host) && !before.diskFull.has(host) && active) {
    s.tracked = false;
    m.trackingLost = true;
  }
  if (e.def.tracker === 'san' && s.mode === 'delta' && sanUp(e) === false) {
    s.syncUp = false;
    m.requireResync(msg('resync.reasonSanLink', {}));
  }
  s.syncUp = sanUp(e);
  // SAN arrays resynchronise by themselves as soon as their link and the machine are back, also
  // after an attempt that could not start (there is no resync to start by hand).
  if (e.def.resyncOnReconnect && s.syncUp && !m.off && !m.authFailed && m.statePath === 'replicating.resyncRequired.manual') {
    m.item.send({ type: 'resync.start', manual: false });
  }
  // SAN mirroring and auth failures are handled above; only machines still replicating retry.
  if (s.mode !== 'delta' && s.mode !== 'copy') return;
  const now = networkHopBlocks(e, m);
  now.forEach((block, h) => {
    if (!block || block.kind !== 'failure' || failedBefore[h]?.kind === 'failure' || s.isWaiting(h)) return;
    // A Mobility service or Unified Agent machine whose replication meets a network fault is
    // marked for resynchronisation (m.onDerived does that); other failures are retried, unless
    // they cut off changes in flight.
    if (e.def.tracker === 'mobility' && !block.network && hasDataOnHop(m, h)) {
      m.requireResync(msg('resync.reasonInFlight', { reason: block.text, hop: e.hops[h]!.id }));
      return;
    }
    s.setWaiting(h, true);
    m.onDerived({ t, kind: 'transfer.failed', machine: s.index, hop: h, reason: block.reason, network: block.network === true });
  });
}


