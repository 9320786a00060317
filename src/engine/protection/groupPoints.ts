// Multi-VM consistency: machines of one replication group share their recovery points. A group's
// bookmark becomes a point on every member only once every member's replica has reached it; if a
// member is not replicating normally at that moment, the group makes no point then.

import type { Consistency } from './recoveryPoints';
import type { GroupReady, MachineStream } from '../data/stream';

interface Pending {
  expected: number;
  arrived: Array<{ stream: MachineStream; watermark: number; position: number }>;
  consistency: Consistency;
  latest: number;
}

export class GroupPoints {
  private readonly members = new Map<number, MachineStream[]>();
  private readonly pending = new Map<number, Map<number, Pending>>();

  constructor(streams: readonly MachineStream[]) {
    for (const s of streams) {
      if (s.group < 0) continue;
      const list = this.members.get(s.group) ?? [];
      list.push(s);
      this.members.set(s.group, list);
    }
  }

  /** Places the bookmark of source time `at` on every machine that replicates normally. */
  bookmark(streams: readonly MachineStream[], at: number, consistency: Consistency): void {
    for (const s of streams) if (s.group < 0) s.bookmark(at, consistency, false, this.ready);
    for (const [group, list] of this.members) {
      // Members still in their first initial replication do not hold the group back.
      const participants = list.filter((s) => s.mode !== 'off' && (s.rpoActive || s.mode === 'delta'));
      if (participants.length === 0 || participants.some((s) => s.mode !== 'delta')) continue;
      const byAt = this.pending.get(group) ?? new Map<number, Pending>();
      this.pending.set(group, byAt);
      byAt.set(at, { expected: participants.length, arrived: [], consistency, latest: at });
      for (const s of participants) s.bookmark(at, consistency, true, this.ready);
    }
  }

  readonly ready: GroupReady = (stream, at, watermark, position, consistency, t) => {
    const entry = this.pending.get(stream.group)?.get(at);
    if (!entry) return;
    entry.arrived.push({ stream, watermark, position });
    entry.latest = Math.max(entry.latest, t);
    if (entry.arrived.length < entry.expected) return;
    for (const a of entry.arrived) a.stream.addPoint(at, a.watermark, a.position, entry.latest, consistency, true);
    this.pending.get(stream.group)!.delete(at);
  };

  /** A member stopped replicating: bookmarks of its group still waiting can never complete. */
  cancel(group: number): void {
    this.pending.delete(group);
  }

  forgetBefore(t: number): void {
    for (const byAt of this.pending.values()) for (const at of byAt.keys()) if (at < t) byAt.delete(at);
  }

  /** Members of a group (for limits and figures). */
  groupMembers(group: number): readonly MachineStream[] {
    return this.members.get(group) ?? [];
  }
}
