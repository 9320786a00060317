// Properties of runs that drive recovery at random, for every scenario: every failover, failback and
// test failover recovers data identical to the source (and no retained point of any machine ever
// differs from the source at its watermark); the writes a failover loses are exactly the writes the
// source made after the point; planned failovers and failbacks lose nothing; a rejected step
// changes nothing, and neither does a control event that does nothing (where data windows end);
// the same file and seed give the same report byte for byte, whole or in slices.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type SourceReading } from '../../../src/engine/index';
import type { FailoverRecord } from '../../../src/engine/recovery/records';
import { SCENARIO_IDS } from '../../../src/engine/scenarios/index';
import { recoveryFileArb, type RecoveryFile } from './recoveryArbitraries';
import { expectRejectionsChangeNothing, propertyOptions, SAMPLE, spreadRejections } from './common';

const options = propertyOptions(12);

const describeRecord = (f: FailoverRecord): string => `${f.kind} (${f.type}) of ${f.machine} at ${f.at} to ${f.recoveryPoint}`;

describe.each(SCENARIO_IDS)('%s', (id) => {
  it('recovers verified data: no retained point ever differs, every record is verified, writes lost are the writes after the point', () => {
    fc.assert(
      fc.property(recoveryFileArb(id), (file: RecoveryFile) => {
        const h = createSimulation(file);
        // The source each failover leaves: its write log tells which writes came after the point.
        // Keyed by machine and start, not by record: the engine may make the run again from its
        // start (a step rejected where the data stopped for it), with records of its own.
        const left = new Map<string, SourceReading>();
        const key = (f: FailoverRecord): string => `${f.machine}@${f.at}`;
        h.onEvent((e) => {
          if (e.code !== 'failover.started' || !e.machine) return;
          const record = h.read.failovers().at(-1)!;
          expect(record.machine).toBe(e.machine);
          left.set(key(record), h.read.source(e.machine)!);
        });
        const until = h.config.until;
        for (let t = SAMPLE; t <= until; t += SAMPLE) {
          h.runUntil(Math.min(t, until));
          for (const m of h.read.machines()) expect(h.read.pointProblems(m.id), `${m.id} at ${h.read.now} (${m.statePath}, ${m.side})`).toEqual([]);
        }
        const report = h.report();
        for (const f of report.failovers) {
          if (f.integrity !== null || f.state === 'succeeded') expect(f.integrity, describeRecord(f)).toBe('verified');
          expect(f.differingBlocks, describeRecord(f)).toBe(0);
        }
        for (const f of h.read.failovers()) {
          if (f.kind === 'test') {
            if (f.state === 'succeeded') expect(f.writesLost, describeRecord(f)).toBe(0);
            continue;
          }
          if (f.state !== 'succeeded') continue;
          const src = left.get(key(f))!;
          expect(src, describeRecord(f)).toBeDefined();
          const after = src.seq - src.seqAtTime(f.recoveryPointAt!);
          // Exact while the write log reaches back to the point; otherwise every write still logged came after it.
          if (src.seq < src.oldestLogged || src.timeOf(src.oldestLogged) <= f.recoveryPointAt!) expect(f.writesLost, describeRecord(f)).toBe(after);
          else expect(f.writesLost!, describeRecord(f)).toBeGreaterThanOrEqual(after);
        }
      }),
      options
    );
  });

  it('loses no write in a planned failover or a failback that succeeded', () => {
    fc.assert(
      fc.property(recoveryFileArb(id), (file: RecoveryFile) => {
        const report = createSimulation(file).run();
        for (const f of report.failovers) {
          // A point changed afterwards (to an older one) loses writes by choice.
          if (f.state !== 'succeeded' || (f.type !== 'planned' && f.kind !== 'failback') || f.pointChanges > 0) continue;
          expect(f.writesLost, describeRecord(f)).toBe(0);
          expect(f.dataLossSeconds, describeRecord(f)).toBe(0);
          expect(f.integrity, describeRecord(f)).toBe('verified');
        }
      }),
      options
    );
  });

  it('changes nothing with a rejected step: the run is the same without it', () => {
    fc.assert(
      fc.property(recoveryFileArb(id), (file: RecoveryFile) => {
        const report = createSimulation(file).run();
        // A few rejections per file, spread over the run.
        expectRejectionsChangeNothing(file, report, spreadRejections(report));
      }),
      options
    );
  });

  it('changes nothing with control events that do nothing: where data windows end does not matter', () => {
    // Recovery steps always end a data window, refused or not: a run must not depend on where windows end.
    fc.assert(
      fc.property(recoveryFileArb(id), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (file: RecoveryFile, cuts) => {
        const whole = JSON.stringify(createSimulation(file).run());
        const cut = createSimulation(file);
        for (const f of cuts) cut.at(Math.round(f * cut.config.until * 1000) / 1000, () => undefined);
        expect(JSON.stringify(cut.run()), `cut at ${cuts.map((f) => Math.round(f * cut.config.until)).join(', ')} s`).toBe(whole);
      }),
      options
    );
  });

  it('gives the same report for the same file and seed, whole or in slices', () => {
    fc.assert(
      fc.property(recoveryFileArb(id), fc.integer({ min: 60, max: 5000 }), (file: RecoveryFile, slice) => {
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
});
