// Golden reports of the example scenario files (public/scenarios): each run must reproduce its
// stored report byte for byte, and each still tells its story. After an intended change, rerun
// with UPDATE_GOLDEN=1 and review the diff of test/engine/golden/.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import { SCENARIO_IDS } from '../../src/engine/scenarios/index';

const EXAMPLES = join(__dirname, '../../public/scenarios');
const GOLDEN = join(__dirname, 'golden');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

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
    const report = createSimulation(readFileSync(join(EXAMPLES, file), 'utf8')).run();
    const text = `${JSON.stringify(report, null, 2)}\n`;
    const golden = join(GOLDEN, file.replace(/\.json$/, '.report.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
    const codes = new Set(report.events.map((e) => e.code));
    for (const code of STORY[file]!) expect(codes, `${file} should show ${code}`).toContain(code);
    expect(report.rejected).toEqual([]);
    expect(report.machines.every((m) => m.protection === 'protected'), `${file}: everything is protected again by the end`).toBe(true);
  });
});
