// The charts' shared helpers: end labels placed apart and inside the plot (checked on fixed cases
// and on seeded random ones), lines that lie on one another found, one frame for every stacked time
// chart, and series that differ in dash and marker as well as colour.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coincident, fitLabel, overlapNote, placeLabels, seriesStyle, spreadLabels, timeFrame } from '../../src/app/sandbox/charts/kit';

describe('placeLabels', () => {
  it('leaves labels that do not collide where they want to be', () => {
    expect(placeLabels([20, 60, 100], 14, 0, 200)).toEqual([20, 60, 100]);
  });

  it('spreads labels that want the same place as a block centred on it', () => {
    // Three machines all at 0 s RPO: the same wish, in the middle of the plot.
    expect(placeLabels([100, 100, 100], 14, 0, 200)).toEqual([86, 100, 114]);
  });

  it('keeps a block inside the plot: labels at the bottom line stack upward from it', () => {
    expect(placeLabels([200, 200, 200, 200], 14, 10, 200)).toEqual([158, 172, 186, 200]);
    expect(placeLabels([0, 3], 14, 10, 200)).toEqual([10, 24]);
  });

  it('keeps the order of the wishes, and of the given order among equal wishes', () => {
    const ys = placeLabels([50, 48, 49, 120, 119], 14, 0, 200) as number[];
    expect(ys[1]! < ys[2]! && ys[2]! < ys[0]! && ys[4]! < ys[3]!).toBe(true);
    const tied = placeLabels([80, 80], 14, 0, 200) as number[];
    expect(tied[0]).toBeLessThan(tied[1]!);
  });

  it('merges blocks that grow into each other', () => {
    // 40 and 50 make a block at 38..52; 60 joins it; the block stays centred on the wishes.
    expect(placeLabels([40, 50, 60], 14, 0, 200)).toEqual([36, 50, 64]);
  });

  it('leaves out the labels given last when not all fit, and puts the others apart', () => {
    const ys = placeLabels([5, 5, 5, 5, 5], 14, 0, 40);
    expect(ys.slice(0, 3)).toEqual([0, 14, 28]);
    expect(ys.slice(3)).toEqual([null, null]);
  });

  it('puts a label with no value (NaN) at the bottom', () => {
    expect(placeLabels([NaN, 20], 14, 0, 100)).toEqual([100, 20]);
  });

  it('never overlaps, stays in bounds and keeps the wishes’ order (seeded random cases)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 300, noNaN: true }), { maxLength: 14 }),
        fc.integer({ min: 8, max: 20 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 60, max: 260 }),
        (ys, gap, min, max) => {
          const placed = placeLabels(ys, gap, min, max);
          // Wishes outside the plot count as its edge.
          const kept = placed.flatMap((y, i) => (y === null ? [] : [{ y, want: Math.min(max, Math.max(min, ys[i]!)), i }]));
          // Every label that fits is kept, the first ones given.
          const fits = Math.floor((max - min) / gap) + 1;
          expect(kept.map((k) => k.i)).toEqual([...Array(Math.min(fits, ys.length)).keys()]);
          const sorted = [...kept].sort((a, b) => a.y - b.y);
          for (const k of kept) {
            expect(k.y).toBeGreaterThanOrEqual(min - 1e-9);
            expect(k.y).toBeLessThanOrEqual(max + 1e-9);
          }
          for (let j = 1; j < sorted.length; j++) {
            expect(sorted[j]!.y - sorted[j - 1]!.y).toBeGreaterThanOrEqual(gap - 1e-6);
            expect(sorted[j]!.want).toBeGreaterThanOrEqual(sorted[j - 1]!.want);
          }
        }
      ),
      { seed: 20250303, numRuns: 500 }
    );
  });

  it('spreadLabels shows every label, the ones that do not fit at the bottom', () => {
    expect(spreadLabels([30, 30], 14, 0, 100)).toEqual([23, 37]);
    expect(spreadLabels([5, 5, 5], 14, 0, 20)).toEqual([0, 14, 20]);
  });
});

describe('coincident', () => {
  const series = (values: number[], t0 = 0): Array<[number, number]> => values.map((v, i) => [t0 + i * 60, v]);

  it('finds lines with the same values all along, and no others', () => {
    const groups = coincident([series([0, 60, 120]), series([5, 6, 7]), series([0, 60, 120]), series([0, 60, 121])], 0, 600, 0.5);
    expect(groups).toEqual([{ members: [0, 2], from: 0, allAlong: true }]);
  });

  it('within the tolerance counts as the same, past it not', () => {
    expect(coincident([series([1, 2]), series([1.4, 2.4])], 0, 600, 0.5)).toHaveLength(1);
    expect(coincident([series([1, 2]), series([1.6, 2])], 0, 600, 0.5)).toHaveLength(0);
  });

  it('says from when two lines that met stay on one another', () => {
    // Two machines: apart at first, the same RPO from 120 s on.
    const [g] = coincident([series([300, 200, 0, 0, 0]), series([NaN, 100, 0, 0, 0])], 0, 600, 0.5);
    expect(g).toEqual({ members: [0, 1], from: 120, allAlong: false });
    expect(overlapNote(['app-01', 'web-01'], 'the same RPO', g!, '2025-03-03T08:00:00')).toBe(
      'app-01 and web-01 have had the same RPO since Mon 3 Mar 08:02: their lines lie on one another from there, the lower drawn wider.'
    );
  });

  it('compares only where both have a value, and needs two such moments', () => {
    expect(coincident([series([NaN, NaN, 4, 5]), series([1, 2, 4, 5])], 0, 600, 0.5)).toEqual([{ members: [0, 1], from: 120, allAlong: true }]);
    expect(coincident([series([NaN, NaN, NaN, 5]), series([1, 2, 4, 5])], 0, 600, 0.5)).toEqual([]);
  });

  it('groups three lines on one another, and keeps only what is in view', () => {
    expect(coincident([series([0, 0, 0]), series([0, 0, 0]), series([0, 0, 0])], 0, 600, 0.5)[0]!.members).toEqual([0, 1, 2]);
    expect(coincident([series([9, 0, 0]), series([1, 0, 0])], 60, 600, 0.5)).toEqual([{ members: [0, 1], from: 60, allAlong: true }]);
  });
});

describe('timeFrame', () => {
  it('gives every chart of a width the same plot edges, with a gutter for end names', () => {
    for (const width of [320, 390, 700, 900, 1600]) {
      const f = timeFrame(width);
      expect(f.left).toBe(timeFrame(width).left);
      expect(f.right).toBeLessThan(width);
      expect(f.right - f.left).toBeGreaterThanOrEqual(40);
      expect(f.labelX).toBeGreaterThan(f.right);
      expect(f.labelX + f.labelWidth).toBeLessThanOrEqual(width);
      // Room for a name like "sql-01 · data" on every width.
      expect(fitLabel('sql-01 · data', f.labelWidth)).toBe('sql-01 · data');
    }
  });

  it('shortens a name that does not fit with an ellipsis', () => {
    expect(fitLabel('a-very-long-machine-name', 66)).toBe('a-very-lo…');
    expect(fitLabel('web-01', 66)).toBe('web-01');
  });
});

describe('seriesStyle', () => {
  it('gives each of the first twelve series its own colour and dash pair, and neighbours differ in all three', () => {
    const looks = Array.from({ length: 12 }, (_, i) => seriesStyle(i));
    expect(new Set(looks.map((s) => `${s.colour} ${s.dash}`)).size).toBe(12);
    for (let i = 1; i < looks.length; i++) {
      expect(looks[i]!.colour).not.toBe(looks[i - 1]!.colour);
      expect(looks[i]!.dash).not.toBe(looks[i - 1]!.dash);
      expect(looks[i]!.marker).not.toBe(looks[i - 1]!.marker);
    }
  });
});
