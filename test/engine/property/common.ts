// What the property test files share: how many runs and which seed (PROPERTY_RUNS, PROPERTY_SEED),
// how often a run is stopped to check it, and the report without what a rejection leaves behind.

import type { Report } from '../../../src/engine/script/report';

/** fast-check options: `defaultRuns` unless PROPERTY_RUNS says otherwise. */
export function propertyOptions(defaultRuns: number): { numRuns: number; seed: number; endOnFailure: boolean } {
  return { numRuns: Number(process.env.PROPERTY_RUNS ?? defaultRuns), seed: Number(process.env.PROPERTY_SEED ?? 20_261_122), endOnFailure: true };
}

/** How often a run is stopped to check every retained point. */
export const SAMPLE = 45 * 60;

/** The report without what a rejection itself leaves behind (its entry and its log line). */
export function withoutRejections(r: Report): unknown {
  return { ...r, rejected: [], events: r.events.filter((e) => e.code !== 'step.rejected') };
}
