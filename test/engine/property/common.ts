// What the property test files share: how many runs and which seed (PROPERTY_RUNS, PROPERTY_SEED),
// how often a run is stopped to check it, and the report without what a rejection leaves behind.

import { expect } from 'vitest';
import { createSimulation } from '../../../src/engine/index';
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

/** Up to three of a report's rejections, spread over the run (the first, the middle, the last). */
export function spreadRejections(report: Report): Report['rejected'] {
  return report.rejected.filter((_, i, all) => i === 0 || i === all.length - 1 || i === Math.floor(all.length / 2));
}

/**
 * Takes each of the given rejected steps out of the file in turn and expects the whole report to be
 * the one it had, less that rejection. Returns how many were checked.
 */
export function expectRejectionsChangeNothing(file: { steps: unknown[] }, report: Report, rejections: Report['rejected']): number {
  for (const r of rejections) {
    const other = createSimulation({ ...file, steps: file.steps.filter((_, i) => i !== r.step) }).run();
    expect(JSON.stringify(withoutRejections(other)), `removing rejected step ${r.step} (${r.do} at ${r.at}: ${r.reason})`).toBe(
      JSON.stringify(withoutRejections({ ...report, rejected: report.rejected.filter((x) => x !== r) }))
    );
  }
  return rejections.length;
}
