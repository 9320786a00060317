// Tests for the site calendar (src/engine/time/calendar.ts): labels, office hours, next outside moment, intervals, parsers.
import { describe, expect, it } from 'vitest';
import { Calendar, DAY_NAMES, parseClock, parseLocalDateTime, type OfficeHours } from '../../../src/engine/time/calendar';

// Simulated time zero is Monday 2025-03-03 06:30 (site-local, expressed as UTC).
const START = Date.parse('2025-03-03T06:30:00Z');
const OFFICE: OfficeHours = { days: [1, 2, 3, 4, 5], fromMinute: 9 * 60, toMinute: 17 * 60 };
const cal = new Calendar(START, OFFICE);

/** Simulated seconds of day `day` (0 = Monday 3 March) at h:m:s, computed by hand. */
const at = (day: number, h: number, m = 0, s = 0): number => day * 86_400 + h * 3600 + m * 60 + s - (6 * 3600 + 30 * 60);

describe('Calendar.label', () => {
  it('labels simulated times as local date-times', () => {
    expect(cal.label(0)).toBe('2025-03-03T06:30:00');
    expect(cal.label(at(0, 9, 5))).toBe('2025-03-03T09:05:00');
    expect(cal.label(at(4, 17, 5, 7))).toBe('2025-03-07T17:05:07');
    expect(cal.label(at(29, 0))).toBe('2025-04-01T00:00:00');
  });

  it('rounds to the nearest millisecond before truncating to seconds', () => {
    expect(cal.label(0.4)).toBe('2025-03-03T06:30:00');
    expect(cal.label(0.9996)).toBe('2025-03-03T06:30:01');
    expect(cal.label(59.9999)).toBe('2025-03-03T06:31:00');
  });

  it('names the days from Sunday', () => {
    expect(DAY_NAMES[new Date(START).getUTCDay()]).toBe('mon');
    expect(DAY_NAMES.length).toBe(7);
  });
});

describe('Calendar.isOfficeHours', () => {
  it.each([
    ['Mon 06:30 (time zero)', at(0, 6, 30), false],
    ['Mon 08:59:59', at(0, 8, 59, 59), false],
    ['Mon 09:00 (from is inclusive)', at(0, 9), true],
    ['Mon 12:00', at(0, 12), true],
    ['Mon 16:59:59', at(0, 16, 59, 59), true],
    ['Mon 16:59:59.9', at(0, 16, 59, 59.9), true],
    ['Mon 17:00 (to is exclusive)', at(0, 17), false],
    ['Wed 10:00', at(2, 10), true],
    ['Fri 16:30', at(4, 16, 30), true],
    ['Fri 23:59', at(4, 23, 59), false],
    ['Sat 10:00', at(5, 10), false],
    ['Sun 10:00', at(6, 10), false],
    ['next Mon 09:00', at(7, 9), true],
    ['Tue 00:00', at(1, 0), false]
  ])('%s -> %s', (_name, t, expected) => {
    expect(cal.isOfficeHours(t)).toBe(expected);
  });

  it('uses 0 = Sunday for the office days', () => {
    const sundays = new Calendar(START, { days: [0], fromMinute: 0, toMinute: 23 * 60 });
    expect(sundays.isOfficeHours(at(6, 10))).toBe(true);
    expect(sundays.isOfficeHours(at(0, 10))).toBe(false);
    expect(sundays.isOfficeHours(at(5, 10))).toBe(false);
  });
});

describe('Calendar.nextOutsideOfficeHours', () => {
  it('inside office hours: the end of that day\'s office hours', () => {
    expect(cal.nextOutsideOfficeHours(at(0, 10))).toBe(at(0, 17));
    expect(cal.nextOutsideOfficeHours(at(0, 9))).toBe(at(0, 17));
    expect(cal.nextOutsideOfficeHours(at(3, 16, 59, 59))).toBe(at(3, 17));
    expect(cal.nextOutsideOfficeHours(at(4, 12, 34, 56.5))).toBe(at(4, 17));
  });

  it('outside office hours: the same time', () => {
    for (const t of [0, at(0, 8, 59, 59), at(0, 17), at(0, 23), at(5, 12), at(6, 9), at(2, 3, 15)]) {
      expect(cal.nextOutsideOfficeHours(t)).toBe(t);
    }
  });

  it('the result is always outside office hours and never before t', () => {
    for (let t = 0; t < 7 * 86_400; t += 977) {
      const next = cal.nextOutsideOfficeHours(t);
      expect(next).toBeGreaterThanOrEqual(t);
      expect(cal.isOfficeHours(next)).toBe(false);
    }
  });
});

describe('Calendar.officeIntervals', () => {
  it('lists the five weekday intervals of a week', () => {
    expect(cal.officeIntervals(0, 7 * 86_400)).toEqual([
      [at(0, 9), at(0, 17)],
      [at(1, 9), at(1, 17)],
      [at(2, 9), at(2, 17)],
      [at(3, 9), at(3, 17)],
      [at(4, 9), at(4, 17)]
    ]);
  });

  it('clips the first and last interval to [t0, t1)', () => {
    expect(cal.officeIntervals(at(0, 12), at(7, 10))).toEqual([
      [at(0, 12), at(0, 17)],
      [at(1, 9), at(1, 17)],
      [at(2, 9), at(2, 17)],
      [at(3, 9), at(3, 17)],
      [at(4, 9), at(4, 17)],
      [at(7, 9), at(7, 10)]
    ]);
  });

  it('is empty over a weekend and excludes intervals that only touch the window', () => {
    expect(cal.officeIntervals(at(5, 0), at(7, 0))).toEqual([]);
    // [Fri 17:00, Mon 09:00) touches office hours only at its edges.
    expect(cal.officeIntervals(at(4, 17), at(7, 9))).toEqual([]);
    expect(cal.officeIntervals(at(0, 17), at(1, 9))).toEqual([]);
  });

  it('agrees with isOfficeHours sampled every 10 minutes over two weeks', () => {
    const t1 = 14 * 86_400;
    const intervals = cal.officeIntervals(0, t1);
    const inside = (t: number): boolean => intervals.some(([a, b]) => t >= a && t < b);
    for (let t = 0; t < t1; t += 600) expect(inside(t)).toBe(cal.isOfficeHours(t));
  });
});

describe('parseClock', () => {
  it.each([
    ['00:00', 0],
    ['09:00', 540],
    ['17:30', 1050],
    ['23:59', 1439]
  ])('parses %j as %d minutes', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });

  it.each(['25:00', '24:00', '9:00', '12:60', '12:5', '', '12-00', ' 09:00', '09:00:00'])('rejects %j', (text) => {
    expect(parseClock(text)).toBeUndefined();
  });
});

describe('parseLocalDateTime', () => {
  it.each([
    ['2025-03-03T09:05', '2025-03-03T09:05:00Z'],
    ['2025-03-03T09:05:30', '2025-03-03T09:05:30Z'],
    ['2024-02-29T00:00', '2024-02-29T00:00:00Z'],
    ['2025-12-31T23:59:59', '2025-12-31T23:59:59Z'],
    ['1999-01-01T00:00', '1999-01-01T00:00:00Z']
  ])('parses %j', (text, iso) => {
    expect(parseLocalDateTime(text)).toBe(Date.parse(iso));
  });

  it.each([
    '2025-02-30T10:00',
    '2025-02-29T10:00',
    '2025-04-31T10:00',
    '2025-13-01T10:00',
    '2025-00-10T10:00',
    '2025-03-00T10:00',
    '2025-03-03T25:00',
    '2025-03-03T24:00',
    '2025-03-03T10:60',
    '2025-03-03T10:00:60',
    '25:00',
    '2025-03-03 10:00',
    '2025-3-3T10:00',
    '2025-03-03T10:00Z',
    ''
  ])('rejects %j', (text) => {
    expect(parseLocalDateTime(text)).toBeUndefined();
  });

  // Date.UTC alone would map years 0..99 to 1900..1999.
  it('parses a year below 100 as that year', () => {
    expect(parseLocalDateTime('0050-01-01T00:00')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });
});
