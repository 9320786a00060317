// Tests for duration strings (src/engine/time/duration.ts): parsing, rejection, formatting and round trips.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../../../src/engine/time/duration';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['15m', 15 * 60],
    ['2h30m', 2 * 3600 + 30 * 60],
    ['3d', 3 * 86_400],
    ['1.5h', 5400],
    ['0s', 0],
    ['1d2h3m4s', 86_400 + 7200 + 180 + 4],
    ['0.5s', 0.5],
    [' 15m ', 900]
  ])('parses %j as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '   ', '5x', 'h', '-5m', '5 m', '5', 'm5', '5m2h', '1.h', '.5h', '5mm'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [90, '1m30s'],
    [900, '15m'],
    [9000, '2h30m'],
    // Hours up to 100 hours, as people write retention and outages; days from there on.
    [3 * 86_400, '72h'],
    [86_400 + 7200 + 180 + 4, '26h3m4s'],
    [86_400 + 4, '24h4s'],
    [5 * 86_400, '5d'],
    [4 * 86_400 + 3600, '97h'],
    [5 * 86_400 + 3600, '5d1h'],
    [100 * 3600 - 1, '99h59m59s'],
    [100 * 3600, '4d4h'],
    [1.5, '1.5s'],
    [61.25, '1m1.25s'],
    [0.0004, '0s'],
    [2.0004, '2s'],
    [-90, '-1m30s'],
    [Infinity, '∞']
  ])('formats %d as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips a set of values through parseDuration', () => {
    const values = [0, 1, 59, 60, 61, 3599, 3600, 3601, 86_399, 86_400, 86_401, 1.5, 0.001, 12.345, 7 * 86_400 + 0.25, 359_999, 360_000, 359_999.5, 10_000_000];
    for (const v of values) expect(parseDuration(formatDuration(v))).toBe(v);
  });

  it('property: integer seconds survive format -> parse -> format -> parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        const text = formatDuration(seconds);
        const parsed = parseDuration(text);
        expect(parsed).toBe(seconds);
        expect(parseDuration(formatDuration(parsed!))).toBe(seconds);
        // No zero-valued unit, except the lone "0s".
        if (seconds === 0) expect(text).toBe('0s');
        else expect(text).not.toMatch(/(^|[a-z])0[dhms]/);
      }),
      { numRuns: 2000 }
    );
  });
});
