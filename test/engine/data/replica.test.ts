// Tests for the replica disks and their undo log (src/engine/data/replica.ts), checked against a naive snapshot model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UNREPLICATED, packBlock } from '../../../src/engine/data/blocks';
import { ReplicaDisks } from '../../../src/engine/data/replica';

const U = UNREPLICATED;
const plain = (disks: Uint32Array[]): number[][] => disks.map((d) => Array.from(d));

/** Naive model: the replica's full content after each change (index = position). */
class Model {
  snapshots: number[][][];
  constructor(diskBlocks: number[]) {
    this.snapshots = [diskBlocks.map((n) => new Array<number>(n).fill(U))];
  }
  apply(disk: number, block: number, version: number): void {
    const next = this.snapshots[this.snapshots.length - 1]!.map((d) => [...d]);
    next[disk]![block] = version;
    this.snapshots.push(next);
  }
  get current(): number[][] {
    return this.snapshots[this.snapshots.length - 1]!;
  }
}

describe('ReplicaDisks', () => {
  it('starts unreplicated (0xffffffff) at position 0, not recording', () => {
    const r = new ReplicaDisks([2, 3]);
    expect(plain(r.disks)).toEqual([[U, U], [U, U, U]]);
    expect(U).toBe(0xffffffff);
    expect(r.position).toBe(0);
    expect(r.recording).toBe(false);
    expect(r.oldestPosition).toBe(0);
    expect(plain(r.contentAt(0))).toEqual([[U, U], [U, U, U]]);
  });

  it('apply and applyTo set a block and advance the position', () => {
    const r = new ReplicaDisks([2, 3]);
    r.apply(packBlock(1, 2), 7);
    r.applyTo(0, 1, 9);
    r.applyTo(1, 2, 11);
    expect(plain(r.disks)).toEqual([[U, 9], [U, U, 11]]);
    expect(r.position).toBe(3);
  });

  it('with recording on, contentAt rebuilds every earlier position (hand-made case)', () => {
    const r = new ReplicaDisks([3, 2]);
    const m = new Model([3, 2]);
    r.recording = true;
    const changes: Array<[number, number, number]> = [[0, 0, 1], [1, 1, 2], [0, 0, 3], [0, 2, 0], [1, 0, 5], [0, 0, 5]];
    for (const [d, b, v] of changes) {
      r.applyTo(d, b, v);
      m.apply(d, b, v);
    }
    for (let p = 0; p <= r.position; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
    expect(plain(r.disks)).toEqual(m.current); // contentAt leaves the live disks alone
  });

  it('property: with recording on, contentAt equals the model for every position (past the initial capacity too)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.nat(), fc.nat({ max: 1000 })), { minLength: 1, maxLength: 400, size: 'max' }),
        (raw) => {
          const sizes = [6, 3];
          const r = new ReplicaDisks(sizes);
          const m = new Model(sizes);
          r.recording = true;
          for (const [d, b, v] of raw) {
            r.applyTo(d, b % sizes[d]!, v);
            m.apply(d, b % sizes[d]!, v);
          }
          // Cheap comparison first, so that shrinking a failure stays fast; report the first mismatch.
          let mismatch = -1;
          for (let p = 0; p <= r.position && mismatch < 0; p++) {
            if (JSON.stringify(plain(r.contentAt(p))) !== JSON.stringify(m.snapshots[p])) mismatch = p;
          }
          expect(mismatch).toBe(-1);
        }
      ),
      // Failures need hundreds of changes; shrinking them would take minutes, so report the first one found.
      { numRuns: 30, endOnFailure: true }
    );
  });

  it('with recording off, older positions throw and the current one works', () => {
    const r = new ReplicaDisks([3]);
    r.applyTo(0, 0, 1);
    r.applyTo(0, 1, 2);
    expect(r.oldestPosition).toBe(2);
    expect(plain(r.contentAt(2))).toEqual([[1, 2, U]]);
    expect(() => r.contentAt(1)).toThrow(RangeError);
    expect(() => r.contentAt(0)).toThrow(RangeError);
  });

  it('recording from a later position: positions from there on work, older ones throw', () => {
    const r = new ReplicaDisks([3]);
    const m = new Model([3]);
    r.applyTo(0, 0, 1);
    m.apply(0, 0, 1);
    r.applyTo(0, 1, 2);
    m.apply(0, 1, 2);
    r.recording = true;
    for (const [b, v] of [[0, 3], [2, 4], [0, 5]] as const) {
      r.applyTo(0, b, v);
      m.apply(0, b, v);
    }
    expect(r.oldestPosition).toBe(2);
    for (let p = 2; p <= 5; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
    expect(() => r.contentAt(1)).toThrow(RangeError);
  });

  it('forgetBefore drops older positions and keeps the newer ones', () => {
    const r = new ReplicaDisks([4]);
    const m = new Model([4]);
    r.recording = true;
    for (let i = 0; i < 12; i++) {
      r.applyTo(0, i % 4, i + 1);
      m.apply(0, i % 4, i + 1);
    }
    r.forgetBefore(7);
    expect(r.oldestPosition).toBe(7);
    for (let p = 0; p < 7; p++) expect(() => r.contentAt(p)).toThrow(RangeError);
    for (let p = 7; p <= 12; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
    r.forgetBefore(3); // no-op
    expect(r.oldestPosition).toBe(7);
    // Beyond the current position: everything is dropped, the current position still works.
    r.forgetBefore(50);
    expect(r.oldestPosition).toBe(12);
    expect(plain(r.contentAt(12))).toEqual(m.snapshots[12]);
    // Recording goes on afterwards.
    for (let i = 12; i < 20; i++) {
      r.applyTo(0, i % 4, i + 1);
      m.apply(0, i % 4, i + 1);
    }
    for (let p = 12; p <= 20; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
  });

  it('survives repeated forgetBefore and growth (compaction of the undo log)', () => {
    const r = new ReplicaDisks([9]);
    const m = new Model([9]);
    r.recording = true;
    let x = 12345;
    let steadyBytes = 0;
    for (let round = 0; round < 8; round++) {
      for (let k = 0; k < 300; k++) {
        x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
        const b = x % 9;
        r.applyTo(0, b, r.position + 1);
        m.apply(0, b, m.snapshots.length);
      }
      // Every retained position, including those whose undo rows were just moved (grown or shifted).
      for (let p = r.oldestPosition; p <= r.position; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
      // Keep only the last 20 changes: the log's free front is then reused by shifting, not by growing.
      r.forgetBefore(r.position - 20);
      expect(r.oldestPosition).toBe(r.position - 20);
      for (let p = r.oldestPosition; p <= r.position; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
      if (round === 0) steadyBytes = r.byteSize();
      else expect(r.byteSize()).toBe(steadyBytes);
    }
  });

  it('resize grows a disk with unreplicated blocks and never shrinks', () => {
    const r = new ReplicaDisks([2]);
    const m = new Model([2]);
    r.recording = true;
    r.applyTo(0, 1, 4);
    m.apply(0, 1, 4);
    r.resize(0, 4);
    for (const s of m.snapshots) s[0]!.push(U, U);
    expect(plain(r.disks)).toEqual([[U, 4, U, U]]);
    r.resize(0, 1);
    expect(r.disks[0]!.length).toBe(4);
    r.applyTo(0, 3, 8);
    m.apply(0, 3, 8);
    for (let p = 0; p <= r.position; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
  });

  // The stream turns recording off when no recovery point is left and on again when a new point is
  // added: positions after the restart must still be rebuilt from fresh undo rows.
  it('recording off then on again: positions after the restart are rebuilt correctly', () => {
    const r = new ReplicaDisks([8]);
    const m = new Model([8]);
    const apply = (b: number, v: number): void => {
      r.applyTo(0, b, v);
      m.apply(0, b, v);
    };
    r.recording = true;
    apply(0, 1);
    apply(1, 2);
    apply(2, 3);
    r.recording = false;
    apply(3, 4);
    r.recording = true;
    apply(4, 5);
    apply(5, 6);
    expect(r.oldestPosition).toBe(4);
    for (let p = 4; p <= 6; p++) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
  });

  it('many changes while not recording, then recording: the live disks and every rebuildable position are right', () => {
    const r = new ReplicaDisks([700, 300]);
    const m = new Model([700, 300]);
    const apply = (d: number, b: number, v: number): void => {
      r.applyTo(d, b, v);
      m.apply(d, b, v);
    };
    for (let k = 0; k < 1000; k++) {
      apply(k < 700 ? 0 : 1, k % 700, k + 1);
      if (k % 50 === 0) expect(plain(r.disks)).toEqual(m.current);
    }
    expect(r.oldestPosition).toBe(1000);
    expect(plain(r.disks)).toEqual(m.current);
    r.recording = true;
    for (let k = 0; k < 600; k++) apply(k % 2, (k * 7) % 300, 5000 + k);
    for (let p = 1000; p <= r.position; p += 37) expect(plain(r.contentAt(p))).toEqual(m.snapshots[p]);
    expect(plain(r.disks)).toEqual(m.current);
  });
});
