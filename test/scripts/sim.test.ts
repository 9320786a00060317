// The command-line runner scripts/sim.ts: summary and --json output, exit codes 0 and 2, problems and usage on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../src/engine/script/readScenario';
import type { Report } from '../../src/engine/index';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
let dir = '';

function sim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** Hyper-V to Azure, one small machine protected within minutes, one step rejected (no process server). */
const HYPERV = {
  scenario: 'hyperv-to-azure',
  seed: 7,
  until: '1h',
  machines: [{ id: 'vm1', disks: [{ id: 'os', sizeGiB: 2 }] }],
  steps: [
    { at: '0s', do: 'enableReplication', machines: 'all' },
    { at: '30m', do: 'fault', fault: 'processServerDown', target: 'processServer' }
  ]
};

const INVALID = {
  scenario: 'hyperv-to-azure',
  seed: 1.5,
  until: '1h',
  policy: { retention: '100h', storage: 'gold' },
  machines: [{ id: 'vm1', disks: [{ sizeGiB: 4096 }] }],
  steps: [{ at: '2h', do: 'resync', machines: ['vm2'] }]
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/sim.ts', () => {
  it('runs a valid file: exit 0 and a readable summary', () => {
    const r = sim(file('hyperv.json', HYPERV));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^hyperv-to-azure\s+seed 7\s+2025-03-03T08:00:00 \+ 1h$/);
    expect(r.stdout).toMatch(/^machine\s+protection\s+health\s+RPO\s+points \(app\)\s+newest point\s+resyncs\s+\.hrl$/m);
    expect(r.stdout).toMatch(/^vm1\s+protected\s+healthy\s/m);
    expect(r.stdout).toMatch(/^jobs: 2 \(2 succeeded\)$/m);
    expect(r.stdout).toMatch(/^rejected steps: 1$/m);
    expect(r.stdout).toMatch(/^ {2}steps\[1\] fault at 30m: hyperv-to-azure has no process server/m);
  });

  it('prints the full report with --json', () => {
    const r = sim(file('hyperv-json.json', HYPERV), '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.scenario).toBe('hyperv-to-azure');
    expect(report.seed).toBe(7);
    expect(report.until).toBe(3600);

    expect(report.machines).toHaveLength(1);
    const m = report.machines[0]!;
    expect(m).toMatchObject({ id: 'vm1', protection: 'protected', health: 'healthy', resyncs: 0 });
    expect(typeof m.rpoSeconds).toBe('number');
    expect(m.recoveryPoints.length).toBeGreaterThan(0);
    for (const p of m.recoveryPoints) {
      expect(typeof p.at).toBe('number');
      expect(['crash', 'app']).toContain(p.consistency);
    }
    expect(m.disks).toHaveLength(1);
    expect(m.disks[0]).toMatchObject({ id: 'os', sizeGiB: 2 });
    expect(typeof m.disks[0]!.hrlBytes).toBe('number');

    expect(report.jobs.map((j) => j.name)).toEqual(['Enable protection', 'Finalize protection']);
    for (const j of report.jobs) {
      expect(j).toMatchObject({ machine: 'vm1', state: 'succeeded' });
      expect(typeof j.start).toBe('number');
      expect(j.end).toBeGreaterThanOrEqual(j.start);
    }

    expect(report.events.length).toBeGreaterThan(0);
    for (const e of report.events) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['at', 'severity', 'code', 'machine', 'message']));
      expect(typeof e.at).toBe('number');
      expect(typeof e.message).toBe('string');
    }
    expect(report.events.some((e) => e.machine === 'vm1')).toBe(true);
    expect(report.events.find((e) => e.code === 'step.rejected')).toMatchObject({ at: 1800, severity: 'warning', machine: null });

    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ step: 1, at: 1800, do: 'fault' });
    expect(report.rejected[0]!.reason).toMatch(/no process server/);
  });

  it('accepts --json before the file, and leaves hrlBytes out where there are no .hrl logs', () => {
    const r = sim('--json', file('vmware.json', { scenario: 'vmware-to-azure', until: '30m', machines: [{ id: 'a', disks: [{ sizeGiB: 1 }, { sizeGiB: 1 }] }] }));
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.scenario).toBe('vmware-to-azure');
    expect(report.seed).toBe(1);
    expect(report.machines[0]!.disks).toEqual([{ id: 'disk0', sizeGiB: 1 }, { id: 'disk1', sizeGiB: 1 }]);
    expect(report.rejected).toEqual([]);
  });

  it('refuses an invalid file: exit 2, every problem with its path on stderr, nothing on stdout', () => {
    const path = file('invalid.json', INVALID);
    const read = readScenario(INVALID);
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems.length).toBeGreaterThanOrEqual(6);
    for (const args of [[path], [path, '--json']]) {
      const r = sim(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${path} is not a valid scenario file (${problems.length} problems); nothing was run:`);
      for (const p of problems) expect(r.stderr).toContain(`  ${p.path}: ${p.message}\n`);
      for (const at of ['$.seed', '$.policy.retention', '$.policy.storage', '$.machines[0].disks[0].sizeGiB', '$.steps[0].at', '$.steps[0].machines[0]']) {
        expect(r.stderr).toContain(`  ${at}: `);
      }
    }
  });

  it('refuses a file that is not JSON with one problem at $', () => {
    const r = sim(file('broken.json', '{ "scenario": "vmm-san", '));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\(1 problem\); nothing was run:\n {2}\$: is not valid JSON/);
  });

  it('exits 2 for a missing file', () => {
    const r = sim(join(dir, 'does-not-exist.json'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot read .*does-not-exist\.json: no such file/);
  });

  it('exits 2 with a usage line when no file is given', () => {
    const r = sim();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: .*FILE \[--json\]$/m);
  });

  it('exits 2 with a usage line for --json alone, two files, or an unknown option', () => {
    const path = file('ok.json', { scenario: 'vmm-san', until: '10m' });
    for (const args of [['--json'], [path, path], [path, '--verbose']]) {
      const r = sim(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^usage: .*FILE \[--json\]$/m);
    }
    expect(sim(path, '--verbose').stderr).toMatch(/^unknown option --verbose$/m);
    expect(sim(path, '-x').stderr).toMatch(/^unknown option -x$/m);
  });

  it('exits 0 for a run whose steps are all rejected', () => {
    const r = sim(file('all-rejected.json', {
      scenario: 'vmm-san',
      until: '30m',
      steps: [
        { at: '5m', do: 'fault', fault: 'processServerDown', target: 'processServer' },
        { at: '10m', do: 'resync', machines: 'all' }
      ]
    }), '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rejected.map((x) => x.step)).toEqual([0, 1]);
    for (const x of report.rejected) expect(x.reason.length).toBeGreaterThan(0);
  });
});
