// Runs a TypeScript entry point as one bundled ES module, the way the engine runs in the worker:
// node scripts/run-bundled.mjs FILE.ts [args...]. Used by `npm run bench`.
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-bundled.mjs FILE.ts [args...]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'bundled-'));
const outfile = join(dir, 'entry.mjs');
try {
  buildSync({ entryPoints: [resolve(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
