// How the recovery panel words time: data lost in words ("none" when nothing was), and clock-time
// ticks for a short time line.

import { duration } from '../../format';

/** Data lost for people: "none", or a duration. */
export function lossText(seconds: number): string {
  return seconds <= 0 ? 'none' : duration(seconds);
}

/** Seconds after midnight of the start (the clock has no time zone). */
function secondOfDay(start: string): number {
  const [h, m, s] = start.slice(11).split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

const STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * Simulated seconds in [from, to] that fall on round clock times (every 5 min, every hour…), at
 * most `most` of them, for the ticks of a time line.
 */
export function clockTicks(from: number, to: number, start: string, most: number): number[] {
  const offset = secondOfDay(start);
  const step = STEPS.find((s) => (to - from) / s <= Math.max(1, most)) ?? STEPS[STEPS.length - 1]!;
  const first = Math.ceil((from + offset) / step) * step - offset;
  const out: number[] = [];
  for (let t = first; t <= to; t += step) out.push(t);
  return out;
}
