// The layer check of the gate (`npm run deps`, dependency-cruiser with .dependency-cruiser.cjs)
// refuses what it is there to refuse: run on a small tree in a temporary folder, with the project's
// own rules, an import up a layer and an import circle each fail it, and the same tree without them
// passes. The project's own tree passes too.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CRUISER = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
let dir = '';

function tree(files: Record<string, string>): void {
  dir = mkdtempSync(join(tmpdir(), 'deps-'));
  copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  copyFileSync(join(ROOT, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function cruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CRUISER, '--config', '.dependency-cruiser.cjs', 'src'], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout + r.stderr };
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

const BELOW = {
  'src/engine/protection/runtime.ts': "import type { Plan } from '../recovery/plan';\nexport type Runtime = { plan?: Plan };\n",
  'src/engine/recovery/plan.ts': "export interface Plan { name: string }\n"
};

describe('the layer check', () => {
  it('passes a tree that keeps to the layers', () => {
    tree({
      'src/engine/recovery/plan.ts': "import type { Runtime } from '../protection/runtime';\nexport interface Plan { runtime: Runtime }\n",
      'src/engine/protection/runtime.ts': 'export interface Runtime { id: string }\n'
    });
    const r = cruise(dir);
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.status).toBe(0);
  });

  it('fails on an import up a layer, naming the rule and the files', () => {
    tree(BELOW);
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/protection-below-recovery: src\/engine\/protection\/runtime\.ts → src\/engine\/recovery\/plan\.ts/);
  });

  it('fails on an import circle, even between files of one layer', () => {
    tree({
      'src/engine/recovery/a.ts': "import type { B } from './b';\nexport interface A { b: B }\n",
      'src/engine/recovery/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n"
    });
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/no-circular/);
  });

  it('passes the project itself', () => {
    const r = cruise(ROOT);
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.status).toBe(0);
  });
});
