// npm run sim -- FILE [--json]
// Runs a scenario file headless and prints a readable summary, or with --json the full report.
// Exit codes: 0 for a run (rejected steps included), 2 for an invalid file or bad usage.

import { readFileSync } from 'node:fs';
import { createSimulation, InvalidScenarioError, type Report } from '../src/engine/index';
import { formatDuration } from '../src/engine/time/duration';

const USAGE = 'usage: npm run sim -- FILE [--json]';

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  const unknown = files.filter((a) => a.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) {
    process.stderr.write(`${unknown.length > 0 ? `unknown option ${unknown[0]}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return 2;
  }
  let report: Report;
  try {
    report = createSimulation(text).run();
  } catch (e) {
    if (e instanceof InvalidScenarioError) {
      process.stderr.write(`${file} is not a valid scenario file (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}); nothing was run:\n`);
      for (const p of e.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
      return 2;
    }
    throw e;
  }
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : summary(report));
  return 0;
}

const MAX_EVENTS = 200;

function summary(r: Report): string {
  const lines: string[] = [];
  lines.push(`${r.scenario}  seed ${r.seed}  ${r.start} + ${formatDuration(r.until)}`);
  lines.push('');
  // With scale-out process servers, which one each machine replicates through.
  const servers = new Set(r.machines.map((m) => m.processServer).filter((x) => x !== undefined));
  const byServer = servers.size > 1;
  lines.push(table(
    ['machine', 'protection', 'health', 'RPO', 'points (app)', 'newest point', 'resyncs', ...(byServer ? ['process server'] : []), '.hrl'],
    r.machines.map((m) => {
      const newest = m.recoveryPoints[m.recoveryPoints.length - 1];
      const app = m.recoveryPoints.filter((p) => p.consistency === 'app').length;
      const hrl = m.disks.some((d) => d.hrlBytes !== undefined) ? m.disks.map((d) => `${d.id} ${mib(d.hrlBytes ?? 0)}`).join(', ') : '';
      return [m.id, m.protection, m.health, m.rpoSeconds === null ? '-' : formatDuration(m.rpoSeconds), `${m.recoveryPoints.length} (${app})`, newest ? formatDuration(newest.at) : '-', String(m.resyncs), ...(byServer ? [m.processServer ?? '-'] : []), hrl];
    })
  ));
  lines.push('');
  for (const v of r.hostVolumes) {
    lines.push(`host volume ${v.host}: ${gib(v.capacityBytes)}; VM disks ${gib(v.vhdBytes)}, snapshot changes ${gib(v.snapshotBytes)}, .hrl logs ${gib(v.logBytes)}, free ${gib(v.freeBytes)}`);
  }
  if (r.hostVolumes.length > 0) lines.push('');
  lines.push(`jobs: ${r.jobs.length} (${count(r.jobs.map((j) => j.state))})`);
  lines.push(`events: ${r.events.length} (${count(r.events.map((e) => e.severity))})`);
  const shown = r.events.slice(0, MAX_EVENTS);
  const atWidth = Math.max(0, ...shown.map((e) => formatDuration(e.at).length));
  const codeWidth = Math.max(0, ...shown.map((e) => e.code.length));
  for (const e of shown) lines.push(`  ${formatDuration(e.at).padStart(atWidth)}  ${e.severity.padEnd(7)}  ${e.code.padEnd(codeWidth)}  ${e.message}`);
  if (r.events.length > MAX_EVENTS) lines.push(`  … ${r.events.length - MAX_EVENTS} more (see --json)`);
  lines.push(`rejected steps: ${r.rejected.length}`);
  for (const x of r.rejected) lines.push(`  steps[${x.step}] ${x.do} at ${formatDuration(x.at)}: ${x.reason}`);
  return `${lines.join('\n')}\n`;
}

const mib = (b: number): string => `${(b / 1048576).toFixed(0)} MiB`;
const gib = (b: number): string => `${(b / 2 ** 30).toFixed(1)} GiB`;

function count(values: string[]): string {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

process.exitCode = main(process.argv.slice(2));
