// Properties of whole runs over random valid step sequences, for every scenario: the same file and
// seed give the same report byte for byte (however the run is sliced); every retained recovery
// point holds exactly the source as of its watermark; RPO is never negative; no retained point is
// older than the retention window and the newest is never pruned; RPO events alternate; neither a
// rejected step nor a control event that does nothing (ending a data window early) changes the run.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../src/engine/index';
import { SCENARIO_IDS } from '../../../src/engine/scenarios/index';
import { fileArb, type GeneratedFile } from './arbitraries';
import { expectRejectionsChangeNothing, propertyOptions, SAMPLE } from './common';

const options = propertyOptions(8);

describe.each(SCENARIO_IDS)('%s', (id) => {
  it('gives the same report for the same file and seed, whole or in slices', () => {
    fc.assert(
      fc.property(fileArb(id), fc.integer({ min: 60, max: 4000 }), (file, slice) => {
        const whole = JSON.stringify(createSimulation(file).run());
        expect(JSON.stringify(createSimulation(file).run())).toBe(whole);
        const sliced = createSimulation(file);
        for (let t = 0; t < sliced.config.until; ) {
          t = Math.min(sliced.config.until, t + slice);
          sliced.runUntil(t);
        }
        expect(JSON.stringify(sliced.report())).toBe(whole);
      }),
      options
    );
  });

  it('keeps every retained point equal to the source at its watermark, RPO non-negative, retention honoured', () => {
    fc.assert(
      fc.property(fileArb(id), (file) => {
        const h = createSimulation(file);
        const until = h.config.until;
        const hadPoints = new Map<string, number>();
        for (let t = SAMPLE; t <= until; t += SAMPLE) {
          h.runUntil(t);
          const now = h.read.dataTime;
          const retention = h.read.policy().retention;
          for (const m of h.read.machines()) {
            const points = h.read.points(m.id);
            expect(h.read.pointProblems(m.id), `${m.id} at ${now}`).toEqual([]);
            if (m.receivedThrough !== null) expect(now - m.receivedThrough).toBeGreaterThanOrEqual(0);
            const n = points.length;
            // Everything but the newest point is inside the retention window of the current policy.
            for (let k = 0; k < n - 1; k++) expect(points[k]!.at).toBeGreaterThanOrEqual(now - retention);
            // The newest point survives pruning: once a machine has points it keeps at least one,
            // and it only gets newer, unless protection was disabled (which deletes them all).
            const before = hadPoints.get(m.id);
            const disabled = m.statePath === 'unprotected' || m.statePath === 'disabling' || m.pointsPruned > 0 && n === 0;
            if (before !== undefined && !disabled) {
              expect(n, `${m.id} lost its newest point by ${now}`).toBeGreaterThan(0);
              expect(points[n - 1]!.at).toBeGreaterThanOrEqual(before);
            }
            if (n > 0) hadPoints.set(m.id, points[n - 1]!.at);
            else hadPoints.delete(m.id);
          }
        }
        const report = h.report();
        for (const m of report.machines) if (m.rpoSeconds !== null) expect(m.rpoSeconds).toBeGreaterThanOrEqual(0);
        // Per machine, RPO events alternate (above, back under, above, ...), only once it is protected,
        // and a recovery never reports a negative RPO.
        for (const m of report.machines) {
          let above = false;
          let protectedAt = Infinity;
          let recoveredAt = -1;
          for (const e of report.events) {
            if (e.machine !== m.id) continue;
            if (e.code === 'protection.protected') protectedAt = Math.min(protectedAt, e.at);
            if (e.code === 'protection.disabled') above = false;
            if (e.code !== 'rpo.exceeded' && e.code !== 'rpo.recovered') continue;
            expect(e.at, `${m.id}: ${e.code} before protection`).toBeGreaterThanOrEqual(protectedAt);
            expect(e.code === 'rpo.exceeded', `${m.id}: ${e.code} at ${e.at} repeats`).toBe(!above);
            expect(e.message).not.toMatch(/\(-/);
            // Never back under and above again in the same instant.
            if (e.code === 'rpo.exceeded') expect(e.at, `${m.id}: zero-length recovery at ${e.at}`).not.toBe(recoveredAt);
            else recoveredAt = e.at;
            above = !above;
          }
        }
      }),
      options
    );
  });

  it('changes nothing with control events that do nothing: where data windows end does not matter', () => {
    // A user's command, a retry or a timer ends a data window wherever it falls. Three such events
    // that change nothing, at random moments, must leave the whole run exactly as it was.
    fc.assert(
      fc.property(fileArb(id), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (file, cuts) => {
        const plain = createSimulation(file);
        const whole = JSON.stringify(plain.run());
        const cut = createSimulation(file);
        for (const f of cuts) cut.at(Math.round(f * cut.config.until * 1000) / 1000, () => undefined);
        expect(JSON.stringify(cut.run()), `cut at ${cuts.map((f) => Math.round(f * plain.config.until)).join(', ')} s`).toBe(whole);
      }),
      options
    );
  });

  it('changes nothing with a rejected step: the run is the same without it', () => {
    fc.assert(
      fc.property(fileArb(id, 8), (file: GeneratedFile) => {
        const report = createSimulation(file).run();
        expectRejectionsChangeNothing(file, report, report.rejected.slice(0, 3));
      }),
      options
    );
  });
});
