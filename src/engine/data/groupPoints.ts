// Multi-VM consistency: machines of one replication group share their recovery points. A group's
// bookmark becomes a point on every member only once every member's replica has reached it; if a
// member is not replicating normally at that moment, the group makes no point then.
//
// A group's bookmarks complete in time order (each member reaches an earlier bookmark first), so the
// pending ones are kept in a ring of typed arrays (its size a power of two), one row per bookmark
// and one slot per member.

import type { Consistency } from './recoveryPoints';
import type { MachineStream } from './stream';
import type { GroupReady, StreamTarget } from './streamTarget';

class GroupState {
  readonly slot = new Map<StreamTarget, number>();
  private cap = 8;
  private head = 0;
  private count = 0;
  private at = new Float64Array(this.cap);
  private expected = new Float64Array(this.cap);
  private arrived = new Float64Array(this.cap);
  private latest = new Float64Array(this.cap);
  private app = new Uint8Array(this.cap);
  /** Per bookmark and member: watermark and replica position, NaN until the member arrives. */
  private watermarks: Float64Array;
  private positions: Float64Array;
  /** Per bookmark and member: 1 when the member takes part in the bookmark. */
  private takesPart: Uint8Array;
  /**
   * Bookmark times up to this one are decided (whether or not the group makes a point at them):
   * windows are planned in time order, each from where the last one was, so the decided times are
   * always all those up to the newest (-Infinity: none since the start or the last `clear`).
   */
  decidedThrough = -Infinity;
  /** Per member (by slot), while planning: 1 when it takes part. */
  readonly part: Uint8Array;

  constructor(
    readonly id: number,
    readonly members: MachineStream[]
  ) {
    members.forEach((m, i) => this.slot.set(m, i));
    this.part = new Uint8Array(members.length);
    this.watermarks = new Float64Array(this.cap * members.length);
    this.positions = new Float64Array(this.cap * members.length);
    this.takesPart = new Uint8Array(this.cap * members.length);
  }

  /** Opens a shared bookmark for the members flagged in `part` (by slot). */
  open(at: number, consistency: Consistency): void {
    if (this.count === this.cap) this.grow();
    const size = this.members.length;
    const part = this.part;
    const r = (this.head + this.count) & (this.cap - 1);
    let expected = 0;
    for (let s = 0; s < size; s++) expected += part[s]!;
    this.at[r] = at;
    this.expected[r] = expected;
    this.arrived[r] = 0;
    this.latest[r] = at;
    this.app[r] = consistency === 'app' ? 1 : 0;
    this.watermarks.fill(NaN, r * size, (r + 1) * size);
    this.takesPart.set(part, r * size);
    this.count++;
  }

  /** Whether the member takes part in the open bookmark of time `at`. */
  takesPartIn(member: MachineStream, at: number): boolean {
    const size = this.members.length;
    const mask = this.cap - 1;
    for (let k = 0; k < this.count; k++) {
      const r = (this.head + k) & mask;
      if (this.at[r] === at) return this.takesPart[r * size + this.slot.get(member)!] === 1;
    }
    return false;
  }

  arrive(member: StreamTarget, at: number, watermark: number, position: number, t: number): void {
    const size = this.members.length;
    const mask = this.cap - 1;
    for (let k = 0; k < this.count; k++) {
      const r = (this.head + k) & mask;
      if (this.at[r] !== at) continue;
      const o = r * size + this.slot.get(member)!;
      this.watermarks[o] = watermark;
      this.positions[o] = position;
      this.arrived[r]!++;
      if (t > this.latest[r]!) this.latest[r] = t;
      // Until the shared point exists, the member keeps what rebuilding it will need.
      member.replica.recording = true;
      if (position < member.heldPosition) member.heldPosition = position;
      if (watermark < member.heldWatermark) member.heldWatermark = watermark;
      break;
    }
    // Complete bookmarks in order: each becomes a point on every member that took part.
    while (this.count > 0 && this.arrived[this.head]! >= this.expected[this.head]!) {
      const r = this.head;
      const consistency: Consistency = this.app[r] === 1 ? 'app' : 'crash';
      for (let s = 0; s < size; s++) {
        const w = this.watermarks[r * size + s]!;
        if (!Number.isNaN(w)) this.members[s]!.addPoint(this.at[r]!, w, this.positions[r * size + s]!, this.latest[r]!, consistency, true);
      }
      this.head = (this.head + 1) & mask;
      this.count--;
      this.release();
    }
  }

  clear(): void {
    this.head = this.count = 0;
    this.decidedThrough = -Infinity;
    this.release();
  }

  forgetBefore(t: number): void {
    // Decided times before t are never planned again (windows only move on): nothing to forget.
    while (this.count > 0 && this.at[this.head]! < t) {
      this.head = (this.head + 1) & (this.cap - 1);
      this.count--;
    }
    this.release();
  }

  /** Recomputes, per member, the oldest position and watermark still held by pending bookmarks. */
  private release(): void {
    const size = this.members.length;
    const mask = this.cap - 1;
    const watermarks = this.watermarks;
    const positions = this.positions;
    for (let s = 0; s < size; s++) {
      let position = Infinity;
      let watermark = Infinity;
      for (let k = 0; k < this.count; k++) {
        const o = ((this.head + k) & mask) * size + s;
        const w = watermarks[o]!;
        if (Number.isNaN(w)) continue;
        if (w < watermark) watermark = w;
        if (positions[o]! < position) position = positions[o]!;
      }
      const m = this.members[s]!;
      m.heldPosition = position;
      m.heldWatermark = watermark;
    }
  }

  private grow(): void {
    const size = this.members.length;
    const cap = this.cap * 2;
    const reorder = <T extends Float64Array | Uint8Array>(a: T, fresh: T, width: number): T => {
      for (let k = 0; k < this.count; k++) {
        const r = (this.head + k) & (this.cap - 1);
        fresh.set(a.subarray(r * width, (r + 1) * width), k * width);
      }
      return fresh;
    };
    this.at = reorder(this.at, new Float64Array(cap), 1);
    this.expected = reorder(this.expected, new Float64Array(cap), 1);
    this.arrived = reorder(this.arrived, new Float64Array(cap), 1);
    this.latest = reorder(this.latest, new Float64Array(cap), 1);
    this.app = reorder(this.app, new Uint8Array(cap), 1);
    this.watermarks = reorder(this.watermarks, new Float64Array(cap * size), size);
    this.positions = reorder(this.positions, new Float64Array(cap * size), size);
    this.takesPart = reorder(this.takesPart, new Uint8Array(cap * size), size);
    this.head = 0;
    this.cap = cap;
  }
}

export class GroupPoints implements GroupReady {
  private readonly groups = new Map<number, GroupState>();
  /** The same groups in a list, in the order they were made. */
  private readonly list: GroupState[] = [];

  constructor(streams: readonly MachineStream[]) {
    const lists = new Map<number, MachineStream[]>();
    for (const s of streams) {
      if (s.group < 0) continue;
      const list = lists.get(s.group) ?? [];
      list.push(s);
      lists.set(s.group, list);
    }
    for (const [g, list] of lists) this.groups.set(g, new GroupState(g, list));
    this.list.push(...this.groups.values());
  }

  /**
   * At the start of a window: decides, for each bookmark time in it, which members of each group
   * share the point. A member replicating normally takes part; one still in its first initial
   * replication does not hold the group back; if any other member is not replicating normally, the
   * group makes no point at that time. One snapshot for the whole window, so the order in which
   * machines are processed does not matter.
   */
  plan(times: readonly number[], consistencies: readonly Consistency[]): void {
    for (const g of this.list) {
      // Times in increasing order: those after the newest decided one are fresh.
      let first = 0;
      while (first < times.length && times[first]! <= g.decidedThrough) first++;
      if (first === times.length) continue;
      g.decidedThrough = times[times.length - 1]!;
      let ok = true;
      let any = false;
      const part = g.part;
      for (let s = 0; s < g.members.length; s++) {
        const m = g.members[s]!;
        // A member replicating back from the target has left the group for now.
        const takes = m.group === g.id && !m.frozen && m.mode !== 'off' && (m.rpoActive || m.mode === 'delta');
        if (takes && m.mode !== 'delta') ok = false;
        part[s] = takes ? 1 : 0;
        if (takes) any = true;
      }
      if (!ok || !any) continue;
      for (let k = first; k < times.length; k++) g.open(times[k]!, consistencies[k]!);
    }
  }

  /** Places the bookmark of source time `at` on a machine (grouped ones only where planned). */
  bookmark(s: MachineStream, at: number, consistency: Consistency): void {
    if (s.group < 0) s.bookmark(at, consistency, false, this.ready);
    else if (s.mode === 'delta' && this.groups.get(s.group)!.takesPartIn(s, at)) s.bookmark(at, consistency, true, this.ready);
  }

  /** Where grouped bookmarks arrive (this object: see `arrive`). */
  get ready(): GroupReady {
    return this;
  }

  arrive(stream: StreamTarget, at: number, watermark: number, position: number, _consistency: Consistency, t: number): void {
    this.groups.get(stream.group)?.arrive(stream, at, watermark, position, t);
  }

  /** A member stopped replicating: bookmarks of its group still waiting can never complete. */
  cancel(group: number): void {
    this.groups.get(group)?.clear();
  }

  forgetBefore(t: number): void {
    for (const g of this.list) g.forgetBefore(t);
  }

  /** Members of a group (for limits and figures). */
  groupMembers(group: number): readonly MachineStream[] {
    return this.groups.get(group)?.members ?? [];
  }
}
