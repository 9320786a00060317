// Tests for splitting a shared link among machines (src/engine/data/sharing.ts): max-min fairness, the
// capacity bound (the spare spread over every machine), and the two-level split among process servers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shareLink, sharePools } from '../../../src/engine/data/sharing';

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
  it('no demand: no rate, and a machine that sends anyway gets an equal share of the whole capacity', () => {
    const { rates, floor } = share([0, 0, 0], 1000, 5);
    expect(rates).toEqual([0, 0, 0]);
    expect(floor).toBeCloseTo(1000 / 3, 9);
    expect(share([], 1000, 5)).toEqual({ rates: [], floor: 1000 });
  });

  it('one machine alone gets the full capacity, congested or not', () => {
    expect(share([50], 100, 10).rates).toEqual([100]);
    expect(share([1000], 100, 10).rates).toEqual([100]);
  });

  it('what the demands leave unused is spread over every machine: together never more than the link', () => {
    // 100 B/s over 10 s = 1000 bytes; one machine asks for 500 of them.
    const { rates, floor } = share([0, 500, 0], 100, 10);
    expect(floor).toBeCloseTo(50 / 3, 12);
    expect(rates[1]).toBeCloseTo(50 + 50 / 3, 12);
    // The two that planned nothing would get the floor each: the three add up to the capacity.
    expect(rates[1]! + 2 * floor).toBeCloseTo(100, 9);
  });

  it('uncongested: every machine gets its demand and an equal part of the rest', () => {
    // Demands sum to 700 of 1000 bytes: 30 B/s are spare, 7.5 B/s for each of four machines.
    const { rates, floor } = share([100, 0, 200, 400], 100, 10);
    expect(floor).toBeCloseTo(7.5, 12);
    expect(rates[0]).toBeCloseTo(17.5, 12);
    expect(rates[1]).toBe(0);
    expect(rates[2]).toBeCloseTo(27.5, 12);
    expect(rates[3]).toBeCloseTo(47.5, 12);
  });

  it('congested: small demands are fully served and the rest split equally (max-min fair)', () => {
    // Budget 1000 bytes: 100 and 200 are served; 700 left for two machines -> 350 bytes each = 35 B/s.
    const { rates, floor } = share([100, 2000, 200, 5000], 100, 10);
    expect(floor).toBeCloseTo(1e-7, 12); // nothing spare: a late sender only crawls until the next plan
    expect(rates[1]).toBeCloseTo(35, 3);
    expect(rates[3]).toBeCloseTo(35, 3);
    expect(rates[0]).toBeCloseTo(10, 3);
    expect(rates[2]).toBeCloseTo(20, 3);
    const allotted = [100, 2000, 200, 5000].reduce((s, d, i) => s + Math.min(d, rates[i]! * 10), 0);
    expect(allotted).toBeCloseTo(1000, 1);
  });

  it('congested: a demand just above the fair level is capped at it, not served in full', () => {
    // Budget 1000: 240 is served (below 250); 760 left for three machines -> 253.33 bytes each.
    // 255 exceeds that level by under 1 %, so it is capped like the 10000-byte demand.
    const { rates } = share([240, 255, 255, 10_000], 100, 10);
    expect(rates[0]).toBeCloseTo(24, 3);
    for (const i of [1, 2, 3]) expect(rates[i]! * 10).toBeCloseTo(760 / 3, 2);
  });

  it('congested with equal demands: an equal split', () => {
    for (const r of share([500, 500, 500, 500], 100, 10).rates) expect(r).toBeCloseTo(25, 3);
  });

  it('sorts demands numerically, not as strings', () => {
    // Budget 12: numerically sorted, 2 is served and 10 bytes are left for two machines (5 each).
    // Sorted as strings ("10" < "100" < "2"), 10 would come first and the level would be 4.
    const r2 = share([2, 10, 100], 1, 12).rates;
    expect(r2[1]).toBeCloseTo(5 / 12, 5);
    expect(r2[2]).toBeCloseTo(5 / 12, 5);
  });

  it('property: capacity bound with the floor for late senders, full service when uncongested, max-min fair when congested', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e7, noNaN: true })), { maxLength: 12 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        (demands, capacity, dt) => {
          const { rates, floor } = share(demands, capacity, dt);
          const budget = capacity * dt;
          const sum = demands.reduce((s, d) => s + d, 0);
          const idle = demands.filter((d) => d === 0).length;
          // Every machine at its rate, those that planned nothing at the floor: never more than the
          // link (but for the crawl of a billionth of it each that keeps a late sender moving).
          const offered = rates.reduce((s, r) => s + r, 0) + idle * floor;
          expect(offered).toBeLessThanOrEqual(capacity * (1 + 1e-9 + demands.length * 1e-9));
          demands.forEach((d, i) => {
            if (d === 0) expect(rates[i]).toBe(0);
            else expect(rates[i]! >= floor * (1 - 1e-12)).toBe(true);
          });
          const allotted = demands.map((d, i) => Math.min(d, rates[i]! * dt));
          if (sum <= budget) {
            demands.forEach((d, i) => expect(close(allotted[i]!, d)).toBe(true));
          } else {
            // Work-conserving and max-min fair.
            const fair = waterFill(demands, budget);
            allotted.forEach((a, i) => expect(Math.abs(a - fair[i]!)).toBeLessThanOrEqual(1e-9 * budget + dt * capacity * 1e-9 * 2));
          }
        }
      ),
      { numRuns: 1000 }
    );
  });
});

describe('sharePools', () => {
  function pools(demands: number[], poolOf: number[], caps: number[], capacity: number, dt: number) {
    const rates = new Float64Array(demands.length);
    const floors = new Float64Array(caps.length);
    sharePools(Float64Array.from(demands), rates, Int32Array.from(poolOf), Float64Array.from(caps), capacity, dt, floors, new Float64Array(demands.length));
    return { rates: Array.from(rates), floors: Array.from(floors) };
  }

  it('each process server gets what its machines ask for, up to its own limit, and the spare goes to those that can use it', () => {
    // Uplink 100 B/s; server 0 may use 30 B/s, server 1 80 B/s; both ask for a lot.
    const { rates } = pools([5000, 5000, 5000], [0, 0, 1], [30, 80], 100, 10);
    expect(rates[0]! + rates[1]!).toBeCloseTo(30, 3);
    expect(rates[2]).toBeCloseTo(70, 3);
  });

  it('a server that asks for little leaves the rest to the other, and each LAN-like pool keeps its own limit when the total is unbounded', () => {
    const { rates } = pools([100, 5000], [0, 1], [60, 60], 100, 10);
    expect(rates[0]).toBeGreaterThanOrEqual(10);
    expect(rates[0]! + rates[1]!).toBeLessThanOrEqual(100 * (1 + 1e-12));
    const own = pools([5000, 5000], [0, 1], [60, 40], Infinity, 10);
    expect(own.rates[0]).toBeCloseTo(60, 3);
    expect(own.rates[1]).toBeCloseTo(40, 3);
  });

  it('property: together never more than the hop, each server never more than its own limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e7, noNaN: true })), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        (machines, caps, capacity, dt) => {
          const demands = machines.map((m) => m[0]);
          const of = machines.map((m) => m[1]);
          const { rates, floors } = pools(demands, of, caps, capacity, dt);
          const perPool = [0, 1, 2].map((p) => rates.reduce((s, r, i) => s + (of[i] === p ? r : 0), 0) + demands.filter((d, i) => d === 0 && of[i] === p).length * floors[p]!);
          perPool.forEach((x, p) => expect(x).toBeLessThanOrEqual(caps[p]! * (1 + 1e-9 + 12 * 1e-9)));
          expect(perPool.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(capacity * (1 + 1e-9) + caps.reduce((a, b) => a + b, 0) * 12 * 1e-9);
        }
      ),
      { numRuns: 500 }
    );
  });
});
