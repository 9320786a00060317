// Tests for splitting a shared link among machines (src/engine/data/sharing.ts): equal-share floor, max-min fairness, capacity bound.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shareLink } from '../../../src/engine/data/sharing';

function share(demands: number[], capacity: number, dt: number): { rates: number[]; floor: number } {
  const d = Float64Array.from(demands);
  const rates = new Float64Array(demands.length).fill(-1);
  const scratch = new Float64Array(demands.length);
  const floor = shareLink(d, rates, capacity, dt, scratch);
  expect(Array.from(d)).toEqual(demands); // demands are left untouched
  return { rates: Array.from(rates), floor };
}

/** Independent water-filling: bytes each machine gets in a window of `budget` bytes, max-min fair. */
function waterFill(demands: number[], budget: number): number[] {
  const out = demands.map(() => 0);
  let left = budget;
  let open = demands.map((d, i) => ({ d, i })).filter((x) => x.d > 0);
  while (open.length > 0) {
    const fair = left / open.length;
    const small = open.filter((x) => x.d <= fair);
    if (small.length === 0) {
      for (const x of open) out[x.i] = fair;
      break;
    }
    for (const x of small) {
      out[x.i] = x.d;
      left -= x.d;
    }
    open = open.filter((x) => x.d > fair);
  }
  return out;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('shareLink', () => {
  it('no demand: no rate, and the equal share is the whole capacity', () => {
    const { rates, floor } = share([0, 0, 0], 1000, 5);
    expect(rates).toEqual([0, 0, 0]);
    expect(floor).toBe(1000);
    expect(share([], 1000, 5)).toEqual({ rates: [], floor: 1000 });
  });

  it('one machine gets the full capacity, congested or not', () => {
    expect(share([0, 50, 0], 100, 10).rates).toEqual([0, 100, 0]);
    expect(share([0, 5000, 0], 100, 10).rates).toEqual([0, 100, 0]);
    expect(share([1000], 100, 10).rates).toEqual([100]);
  });

  it('uncongested: every machine gets at least an equal share and enough for its demand', () => {
    // 100 B/s over 10 s = 1000 bytes; demands sum to 700.
    const { rates, floor } = share([100, 0, 200, 400], 100, 10);
    expect(floor).toBeCloseTo(100 / 3, 12);
    expect(rates[0]).toBeCloseTo(100 / 3, 12);
    expect(rates[1]).toBe(0);
    expect(rates[2]).toBeCloseTo(100 / 3, 12);
    expect(rates[3]).toBe(40); // 400 bytes in 10 s is more than the equal share
  });

  it('congested: small demands are fully served and the rest split equally (max-min fair)', () => {
    // Budget 1000 bytes: 100 and 200 are served; 700 left for two machines -> 350 bytes each = 35 B/s.
    const { rates, floor } = share([100, 2000, 200, 5000], 100, 10);
    expect(floor).toBe(25);
    expect(rates[1]).toBe(35);
    expect(rates[3]).toBe(35);
    // Small machines keep the equal-share floor (25 B/s = 250 bytes), which covers their demand.
    expect(rates[0]).toBe(25);
    expect(rates[2]).toBe(25);
    const allotted = [100, 2000, 200, 5000].reduce((s, d, i) => s + Math.min(d, rates[i]! * 10), 0);
    expect(allotted).toBe(1000);
  });

  it('congested: a demand just above the fair level is capped at it, not served in full', () => {
    // Budget 1000: 240 is served (below 250); 760 left for three machines -> 253.33 bytes each.
    // 255 exceeds that level by under 1 %, so it is capped like the 10000-byte demand.
    const { rates } = share([240, 255, 255, 10_000], 100, 10);
    expect(rates[0]).toBe(25);
    for (const i of [1, 2, 3]) expect(rates[i]! * 10).toBeCloseTo(760 / 3, 9);
  });

  it('congested with equal demands: an equal split', () => {
    expect(share([500, 500, 500, 500], 100, 10).rates).toEqual([25, 25, 25, 25]);
  });

  it('sorts demands numerically, not as strings', () => {
    // Budget 12: numerically sorted, 2 is served and 10 bytes are left for two machines (5 each).
    // Sorted as strings ("10" < "100" < "2"), 10 would come first and the level would be 4.
    const r2 = share([2, 10, 100], 1, 12).rates;
    expect(r2[1]).toBeCloseTo(5 / 12, 12);
    expect(r2[2]).toBeCloseTo(5 / 12, 12);
  });

  it('property: capacity bound, equal-share floor, full service when uncongested, max-min fair when congested', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e7, noNaN: true })), { maxLength: 12 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        (demands, capacity, dt) => {
          const { rates, floor } = share(demands, capacity, dt);
          const active = demands.filter((d) => d > 0).length;
          expect(close(floor, capacity / Math.max(1, active))).toBe(true);
          const budget = capacity * dt;
          const sum = demands.reduce((s, d) => s + d, 0);
          const allotted = demands.map((d, i) => Math.min(d, rates[i]! * dt));
          const total = allotted.reduce((s, x) => s + x, 0);
          // Never more than the link can carry in the window.
          expect(total).toBeLessThanOrEqual(budget * (1 + 1e-9));
          demands.forEach((d, i) => {
            if (d === 0) expect(rates[i]).toBe(0);
            else expect(rates[i]! >= floor * (1 - 1e-12)).toBe(true);
          });
          if (sum <= budget) {
            demands.forEach((d, i) => expect(close(allotted[i]!, d)).toBe(true));
          } else {
            // Work-conserving and max-min fair.
            expect(close(total, budget)).toBe(true);
            const fair = waterFill(demands, budget);
            allotted.forEach((a, i) => expect(close(a, fair[i]!)).toBe(true));
          }
        }
      ),
      { numRuns: 1000 }
    );
  });
});
