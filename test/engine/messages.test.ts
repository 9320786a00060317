// Every sentence of the engine is a message code with parameters, rendered by the English
// catalogue: each code the engine produces has English text, each rendering finds every parameter
// it reads, and the rendered text is what the event log, the report and the CLI show.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, SCENARIOS } from '../../src/engine/index';
import type { EngineReader } from '../../src/engine/index';
import { en } from '../../src/engine/messages/en';
import { english, isMessage, MESSAGE_CODES, type Message } from '../../src/engine/messages/index';
import { strictMessage as strict } from './helpers';

const ROOT = join(__dirname, '../..');
const EXAMPLES = join(ROOT, 'public/scenarios');

/** The scenario files of the examples and of the recovery stories (each has a golden report). */
const exampleFiles = [EXAMPLES, join(EXAMPLES, 'recovery')].flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(dir, e.name))
);

/** The engine's source files (not the catalogue itself). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !path.endsWith(join('messages', 'en.ts')) ? [path] : [];
  });
}

/** The message and every message nested in its parameters. */
function* withNested(m: Message): Generator<Message> {
  yield m;
  for (const v of Object.values(m.params)) if (isMessage(v)) yield* withNested(v);
}

/** Checks one message: every code has English text, and it renders with the parameters given. */
function check(m: Message, where: string): string {
  for (const part of withNested(m)) expect(Object.hasOwn(en, part.code), `${where}: message ${part.code} has no English text`).toBe(true);
  const text = english(strict(m));
  expect(text, `${where}: ${m.code}`).not.toMatch(/undefined|\[object Object\]|NaN/);
  return text;
}

describe('messages', () => {
  it('every message code in the engine source has English text, and every English text is used', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'src/engine'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bmsg\(\s*'([^']+)'/g)) used.add(match[1]!);
    }
    const missing = [...used].filter((code) => !Object.hasOwn(en, code));
    expect(missing, 'codes the engine produces without English text').toEqual([]);
    const unused = MESSAGE_CODES.filter((code) => !used.has(code));
    expect(unused, 'English texts no code of the engine uses').toEqual([]);
  });

  it('every fidelity note of every scenario renders', () => {
    for (const def of Object.values(SCENARIOS)) {
      expect(def.notes.length, def.id).toBeGreaterThan(0);
      for (const n of def.notes) expect(check(n, `notes of ${def.id}`).length).toBeGreaterThan(20);
    }
  });

  it.each(exampleFiles.map((f) => [f.slice(EXAMPLES.length + 1), f]))('%s: every event renders from its code and parameters to the message it shows', (_name, file) => {
    const h = createSimulation(readFileSync(file, 'utf8'));
    h.run();
    const events = h.read.events();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const where = `${e.code} at ${e.at}`;
      expect(check(e.text, where), where).toBe(e.message);
      // The parameters survive a trip through JSON (the page gets them from the worker).
      expect(JSON.parse(JSON.stringify(e.text)), where).toEqual(e.text);
    }
    // Health reasons and failback prerequisites at the end of the run, and halfway through it.
    const checkState = (read: EngineReader): void => {
      const recovery = read.recovery();
      for (const m of read.machines()) {
        expect(check(m.healthText, `health of ${m.id}`)).toBe(m.healthReason);
        for (const n of recovery.machines.find((x) => x.id === m.id)!.checklist) {
          if (n.text === null) expect(n.reason).toBe('');
          else expect(check(n.text, `prerequisite ${n.id} of ${m.id}`)).toBe(n.reason);
        }
      }
    };
    checkState(h.read);
    for (const j of h.read.jobs()) if (j.detailText !== null) expect(check(j.detailText, `job ${j.id} (${j.name})`)).toBe(j.detail);
    const again = createSimulation(readFileSync(file, 'utf8'));
    again.runUntil(h.now() / 2);
    checkState(again.read);
  });

  it.each(exampleFiles.map((f) => [f.slice(EXAMPLES.length + 1), f]))('%s: steps rejected early and late render their reasons from codes and parameters', (_name, file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const machine = doc.machines[0].id as string;
    const machines = [machine];
    const probes = (at: string) => [
      { at, do: 'enableReplication', machines },
      { at, do: 'resync', machines },
      { at, do: 'testFailover', machines, recoveryPoint: 'latestMultiVmProcessed' },
      { at, do: 'testFailover', machines },
      { at, do: 'failover', machines, type: 'unplanned' },
      { at, do: 'failover', machines, type: 'planned' },
      { at, do: 'changeRecoveryPoint', machines, recoveryPoint: 'latest' },
      { at, do: 'commit', machines },
      { at, do: 'reprotect', machines },
      { at, do: 'failback', machines },
      { at, do: 'resume', machines },
      { at, do: 'cleanupTestFailover', machines },
      { at, do: 'fault', fault: 'linkDown', target: machine },
      { at, do: 'fault', fault: 'hostDiskFull', target: machine },
      { at, do: 'fault', fault: 'siteDown', target: machine },
      { at, do: 'fault', fault: 'diskResize', target: machine, sizeGiB: 1 },
      { at, do: 'fault', fault: 'diskResize', target: machine, sizeGiB: 2048 },
      { at, do: 'clearFault', target: machine }
    ];
    doc.steps = [...doc.steps, ...probes('1m'), ...probes(doc.until)];
    const h = createSimulation(JSON.stringify(doc));
    h.run();
    const rejected = h.read.rejections();
    expect(rejected.length).toBeGreaterThan(10);
    for (const r of rejected) {
      const where = `step ${r.step} (${r.do}) at ${r.at}`;
      expect(check(r.text, where), where).toBe(r.reason);
    }
    for (const e of h.read.events()) expect(check(e.text, e.code), e.code).toBe(e.message);
  });
});
