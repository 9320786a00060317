// Golden reports of the example scenario files (public/scenarios, and the recovery stories in
// public/scenarios/recovery): each run must reproduce its stored report byte for byte, and each
// still tells its story. After an intended change, rerun with UPDATE_GOLDEN=1 and review the diff
// of test/engine/golden/.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import { SCENARIO_IDS } from '../../src/engine/scenarios/index';

const EXAMPLES = join(__dirname, '../../public/scenarios');
const GOLDEN = join(__dirname, 'golden');
/** The scenario files of a folder, not those of its subfolders. */
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => e.name)
    .sort();
const files = jsonFiles(EXAMPLES);

/** Runs a file and checks it against its golden report (written instead with UPDATE_GOLDEN=1). */
function runGolden(dir: string, goldenDir: string, file: string) {
  const report = createSimulation(readFileSync(join(dir, file), 'utf8')).run();
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const golden = join(goldenDir, file.replace(/\.json$/, '.report.json'));
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(golden, text);
  }
  expect(text).toBe(readFileSync(golden, 'utf8'));
  return report;
}

/** What each story must show: event codes that must appear (at least once) in its run. */
const STORY: Record<string, string[]> = {
  'vmware-to-azure.json': ['fault.injected', 'replication.retry', 'resync.required', 'resync.completed', 'rpo.exceeded', 'rpo.recovered'],
  'physical-to-azure.json': ['processServer.throttled', 'processServer.cacheFull', 'resync.required', 'machine.stopped', 'resync.completed'],
  'hyperv-to-azure.json': ['replication.retry', 'recoveryPoints.stale', 'resync.required', 'resync.started', 'resync.completed'],
  'vmm-to-azure.json': ['replication.error', 'replication.retry', 'resync.required', 'resync.completed'],
  'vmm-to-vmm.json': ['replication.nonRecoverable', 'auth.restored', 'resync.started', 'resync.completed'],
  'vmm-san.json': ['resync.required', 'resync.started', 'resync.completed'],
  'vmware-to-vmware.json': ['resync.required', 'health.warning', 'resync.completed'],
  'azure-to-azure-migration.json': ['disk.resized', 'resync.required', 'resync.completed'],
  'aws-to-azure-migration.json': ['machine.stopped', 'machine.started', 'resync.required', 'resync.completed']
};

describe('example scenario files', () => {
  it('cover every scenario, one file each, each with a title and a description', () => {
    expect(files).toEqual([...SCENARIO_IDS].map((id) => `${id}.json`).sort());
    for (const f of files) {
      const doc = JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8'));
      expect(doc.title, f).toBeTruthy();
      expect(doc.description.length, f).toBeGreaterThan(100);
    }
  });

  it.each(files)('%s reproduces its golden report and tells its story', (file) => {
    const report = runGolden(EXAMPLES, GOLDEN, file);
    const codes = new Set(report.events.map((e) => e.code));
    for (const code of STORY[file]!) expect(codes, `${file} should show ${code}`).toContain(code);
    expect(report.rejected).toEqual([]);
    expect(report.machines.every((m) => m.protection === 'protected'), `${file}: everything is protected again by the end`).toBe(true);
  });
});

const RECOVERY = join(EXAMPLES, 'recovery');
const RECOVERY_GOLDEN = join(GOLDEN, 'recovery');
const recoveryFiles = jsonFiles(RECOVERY);

/** Every drill is started, runs and is cleaned up; every failover runs and is committed. */
const DRILL_AND_FAILOVER = ['testFailover.started', 'testFailover.completed', 'testFailover.cleanupStarted', 'testFailover.cleanedUp', 'failover.started', 'failover.completed', 'failover.committed'];
/** ... and the way home: replication back, failback, replication out again. */
const WAY_HOME = [...DRILL_AND_FAILOVER, 'reprotect.started', 'reprotect.copyStarted', 'reprotect.completed'];

/**
 * What each recovery story must show (event codes that appear at least once) and how it ends:
 * `home` = every machine back at the primary site and protected again; `target` = every machine
 * runs at the target with its failover committed (migrations, and the recovery plan's disaster).
 */
const RECOVERY_STORY: Record<string, { codes: string[]; end: 'home' | 'target' }> = {
  'vmm-to-vmm.json': { codes: [...WAY_HOME, 'fault.injected', 'failover.pointChanging', 'failover.pointChanged', 'failover.sourceShutDown', 'failover.synchronised'], end: 'home' },
  'vmm-san.json': { codes: [...WAY_HOME, 'fault.injected', 'failover.sourceShutDown', 'failover.synchronised'], end: 'home' },
  'hyperv-to-azure.json': { codes: [...WAY_HOME, 'fault.injected', 'failback.syncStarted', 'failback.waitingToComplete', 'failback.downloadStarted', 'failover.synchronised'], end: 'home' },
  'vmm-to-azure.json': { codes: [...WAY_HOME, 'fault.injected', 'failover.sourceShutDown', 'failover.synchronised', 'failback.syncStarted', 'failback.waitingToComplete'], end: 'home' },
  'vmware-to-azure.json': { codes: [...WAY_HOME, 'fault.injected', 'component.added', 'failover.sourceShutDown', 'failover.synchronised'], end: 'home' },
  'physical-to-azure.json': { codes: [...WAY_HOME, 'fault.injected', 'component.added', 'failover.sourceShutDown', 'failover.synchronised'], end: 'home' },
  'vmware-to-vmware.json': { codes: [...WAY_HOME, 'fault.injected', 'component.added', 'failover.pointChanging', 'failover.pointChanged', 'failover.synchronised'], end: 'home' },
  'azure-to-azure-migration.json': { codes: [...DRILL_AND_FAILOVER, 'failover.sourceShutDown', 'failover.synchronised'], end: 'target' },
  'aws-to-azure-migration.json': { codes: [...DRILL_AND_FAILOVER, 'failover.sourceShutDown', 'failover.synchronised'], end: 'target' },
  'recovery-plan.json': {
    codes: ['plan.created', 'plan.started', 'plan.groupBooting', 'plan.groupUp', 'plan.actionStarted', 'plan.actionCompleted', 'plan.waitingForInput', 'plan.resumed', 'plan.completed', 'testFailover.completed', 'testFailover.cleanedUp', 'fault.injected', 'failover.completed', 'failover.committed'],
    end: 'target'
  }
};

describe('recovery example files', () => {
  it('cover every scenario, one file each, plus a recovery plan, each with a title and a description', () => {
    expect(recoveryFiles).toEqual([...SCENARIO_IDS.map((id) => `${id}.json`), 'recovery-plan.json'].sort());
    expect(Object.keys(RECOVERY_STORY).sort()).toEqual(recoveryFiles);
    for (const f of recoveryFiles) {
      const doc = JSON.parse(readFileSync(join(RECOVERY, f), 'utf8'));
      expect(doc.title, f).toBeTruthy();
      expect(doc.description.length, f).toBeGreaterThan(100);
    }
  });

  it.each(recoveryFiles)('%s reproduces its golden report and tells its story', (file) => {
    const report = runGolden(RECOVERY, RECOVERY_GOLDEN, file);
    const story = RECOVERY_STORY[file]!;
    const codes = new Set(report.events.map((e) => e.code));
    for (const code of story.codes) expect(codes, `${file} should show ${code}`).toContain(code);
    expect(report.rejected).toEqual([]);
    // Every drill, failover and failback succeeded; a drill loses nothing, nor does a failback.
    for (const f of report.failovers) {
      expect(f.state, `${file}: ${f.kind} of ${f.machine} at ${f.at}`).toBe('succeeded');
      expect(f.integrity, `${file}: ${f.kind} of ${f.machine} at ${f.at}`).toBe('verified');
      if (f.kind !== 'failover') expect(f.writesLost, `${file}: ${f.kind} of ${f.machine} at ${f.at}`).toBe(0);
      if (f.kind === 'test') expect(f.cleanedUpAt, `${file}: test of ${f.machine} at ${f.at} is cleaned up`).not.toBeNull();
      else expect(f.committedAt, `${file}: ${f.kind} of ${f.machine} at ${f.at} is committed`).not.toBeNull();
    }
    for (const p of report.plans) expect(p.state, `${file}: ${p.type} run of plan ${p.plan}`).toBe('succeeded');
    for (const m of report.machines) {
      if (story.end === 'home') {
        expect([m.side, m.protection], `${file}: ${m.id} is back at the primary site and protected again`).toEqual(['primary', 'protected']);
      } else {
        expect([m.side, m.protection], `${file}: ${m.id} runs at the target, committed`).toEqual(['target', 'committed']);
      }
    }
  });

  it('the recovery plan is tested first, then run for real', () => {
    const report = runGolden(RECOVERY, RECOVERY_GOLDEN, 'recovery-plan.json');
    expect(report.plans.map((p) => p.type)).toEqual(['test', 'unplanned']);
    for (const p of report.plans) {
      expect(p.groups.length).toBeGreaterThanOrEqual(2);
      expect(p.actions.some((a) => a.type === 'manual' && a.state === 'succeeded')).toBe(true);
      expect(p.actions.some((a) => a.type === 'script' && a.phase === 'post' && a.state === 'succeeded')).toBe(true);
      // Groups come up in order, each after the one before.
      for (let g = 1; g < p.groups.length; g++) expect(p.groups[g]!.up!).toBeGreaterThanOrEqual(p.groups[g - 1]!.up!);
    }
  });
});
