// Checkpoints of the example files (public/scenarios and the recovery stories): a run restored from
// any of its checkpoints and run on to the end gives the report of the uninterrupted run, byte for
// byte, whatever was in flight at that moment (a copy, a failover synchronising, a failback's
// download, a plan waiting, retries backing off).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';

const ROOT = join(__dirname, '../../public/scenarios');
const files = ['', 'recovery'].flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(d, f))
);
/** Checkpoints per run: each is restored once. */
const PARTS = 16;

describe.each(files)('%s', (file) => {
  it('gives the uninterrupted report when restored from any checkpoint', () => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const whole = JSON.stringify(createSimulation(text).run());
    const h = createSimulation(text, { checkpointEvery: Math.ceil(createSimulation(text).config.until / PARTS) });
    const until = h.config.until;
    h.seek(until);
    const moments = h.checkpoints();
    expect(moments.length).toBeGreaterThanOrEqual(PARTS - 1);
    for (const c of moments) {
      h.seek(c);
      expect(h.read.now, `restored at ${c}`).toBeLessThanOrEqual(c);
      h.seek(until);
      expect(JSON.stringify(h.report()), `restored from the checkpoint at ${c}`).toBe(whole);
    }
  });
});
