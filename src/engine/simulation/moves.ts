// Moving a machine to another process server: what it already handed to its old server is
// uploaded by that server first, while its new changes wait at the machine; then it switches.

import type { Derived } from '../data/types';
import type { MachineRuntime } from '../protection/machineRuntime';
import { msg } from '../messages/index';
import type { Estate } from './estate';

/**
 * Moves a machine to another process server (`moveProcessServer`). What it has already handed to
 * its process server is uploaded by that server first; meanwhile its new changes wait at the
 * machine (a transfer to the old server that was under way starts again to the new one). With
 * nothing on the way, it moves at once.
 */
export function moveProcessServer(e: Estate, m: MachineRuntime, to: string): void {
  const s = m.stream;
  const from = e.fleet.of(s.index).id;
  m.pendingMove = to;
  if (switchIfClear(e, m)) {
    e.log.push(e.now, 'info', 'processServer.moved', msg('processServer.moved', { machine: m.id, to: e.label(to), from: e.label(from) }), m.id, to);
    return;
  }
  s.holdForMove();
  e.dataPlane.markDirty();
  e.log.push(e.now, 'info', 'processServer.moveStarted', msg('processServer.moveStarted', { machine: m.id, to: e.label(to), from: e.label(from) }), m.id, to);
}



/** Switches a machine with a move pending whose old process server holds nothing of it any more. */
export function switchIfClear(e: Estate, m: MachineRuntime): boolean {
  const to = m.pendingMove;
  if (to === undefined || m.stream.itemsBetween(1, e.cacheHop + 1) > 0) return false;
  e.fleet.poolOf[m.stream.index] = e.fleet.get(to)!.pool;
  m.pendingMove = undefined;
  m.stream.releaseMoveHold();
  e.dataPlane.markDirty();
  return true;
}



/** At a plan: machines whose old process server has uploaded what it held of them move now. */
export function completeMoves(e: Estate, t: number, out: Derived[]): boolean {
  let moved = false;
  for (const m of e.machines) {
    if (m.pendingMove === undefined || !switchIfClear(e, m)) continue;
    out.push({ t, kind: 'moved', machine: m.stream.index });
    moved = true;
  }
  return moved;
}


