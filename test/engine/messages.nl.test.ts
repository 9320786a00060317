// The Dutch catalogue (src/engine/messages/nl.ts): a renderer for every message code of the English
// catalogue, and every message the example runs produce renders in Dutch, nested messages included,
// with every parameter it reads given; a few sentences are checked word for word.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import { english, MESSAGE_CODES, msg, type Message } from '../../src/engine/messages/index';
import { strictMessage as strict } from './helpers';
import { dutch, duration, nl } from '../../src/engine/messages/nl';
import type { Step } from '../../src/engine/script/config';
import { clockLabel } from '../../src/engine/time/calendar';
import { GiB } from '../../src/engine/units';

const EXAMPLES = join(__dirname, '../../public/scenarios');

/** The scenario files of the examples and of the recovery stories. */
const exampleFiles = [EXAMPLES, join(EXAMPLES, 'recovery')].flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(dir, e.name))
);

/** Renders a message in Dutch and checks that the sentence is whole. */
function check(m: Message, where: string): string {
  const text = dutch(strict(m));
  expect(text.trim().length, `${where}: ${m.code} renders empty`).toBeGreaterThan(0);
  expect(text, `${where}: ${m.code}`).not.toMatch(/undefined|\[object Object\]|NaN/);
  return text;
}

describe('the Dutch catalogue', () => {
  it('has a renderer for every code of the English catalogue, and for no other', () => {
    expect(Object.keys(nl).sort()).toEqual([...MESSAGE_CODES].sort());
  });

  it.each(exampleFiles.map((f) => [f.slice(EXAMPLES.length + 1), f]))('%s: every event, health reason and job detail renders in Dutch', (_name, file) => {
    const h = createSimulation(readFileSync(file, 'utf8'));
    h.run();
    const events = h.read.events();
    expect(events.length).toBeGreaterThan(0);
    const same: string[] = [];
    for (const e of events) {
      const text = check(e.text, `${e.code} at ${e.at}`);
      if (text === e.message) same.push(text);
    }
    // Only a sentence made wholly of what the engine gives in English could read the same.
    expect(same.length, `read as in English: ${same.slice(0, 5).join(' / ')}`).toBeLessThanOrEqual(events.length * 0.02);
    for (const m of h.read.machines()) expect(check(m.healthText, `health of ${m.id}`)).not.toBe(m.healthReason);
    for (const j of h.read.jobs()) if (j.detailText !== null) check(j.detailText, `job ${j.id} (${j.name})`);
    for (const m of h.read.recovery().machines) for (const n of m.checklist) if (n.text !== null) check(n.text, `prerequisite ${n.id} of ${m.id}`);
  });

  it('renders the reasons of steps refused early, midway and late', () => {
    const codes = new Set<string>();
    for (const name of ['recovery/vmware-to-azure.json', 'recovery/hyperv-to-azure.json', 'recovery/vmm-to-vmm.json', 'recovery/recovery-plan.json']) {
      const h = createSimulation(readFileSync(join(EXAMPLES, name), 'utf8'));
      const machines = [h.config.machines[0]!.id];
      const target = machines[0]!;
      const probes = (at: number): Step[] => [
        { index: -1, at, do: 'enableReplication', machines },
        { index: -1, at, do: 'resync', machines },
        { index: -1, at, do: 'testFailover', machines, recoveryPoint: 'latestMultiVmProcessed' },
        { index: -1, at, do: 'failover', machines, type: 'planned', recoveryPoint: 'latestProcessed', shutdownSource: false },
        { index: -1, at, do: 'changeRecoveryPoint', machines, recoveryPoint: 'latest' },
        { index: -1, at, do: 'commit', machines },
        { index: -1, at, do: 'reprotect', machines, location: 'original' },
        { index: -1, at, do: 'failback', machines, dataSync: 'beforeFailover' },
        { index: -1, at, do: 'resume', plan: undefined, machines },
        { index: -1, at, do: 'cleanupTestFailover', machines, plan: undefined },
        { index: -1, at, do: 'fault', fault: 'linkDown', target, for: undefined, bandwidthPercent: undefined, disk: undefined, sizeGiB: undefined },
        { index: -1, at, do: 'fault', fault: 'diskResize', target, for: undefined, bandwidthPercent: undefined, disk: undefined, sizeGiB: 1 },
        { index: -1, at, do: 'clearFault', fault: undefined, target }
      ];
      for (const part of [0.01, 0.4, 0.8]) {
        h.runUntil(h.config.until * part);
        for (const step of probes(h.now())) h.stepAt(step.at, step);
      }
      h.run();
      for (const r of h.read.rejections()) {
        codes.add(r.text.code);
        check(r.text, `step ${r.step} (${r.do}) at ${r.at}`);
      }
      for (const e of h.read.events()) check(e.text, e.code);
    }
    expect(codes.size).toBeGreaterThan(15);
  });

  it('writes durations in Dutch short units, rounded as in English', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(45)).toBe('45 s');
    expect(duration(1.5)).toBe('1,5 s');
    expect(duration(7500)).toBe('2 u 5 min');
    expect(duration(72 * 3600)).toBe('72 u');
    expect(duration(4 * 86_400 + 5 * 3600)).toBe('4 d 5 u');
    expect(duration(-90)).toBe('-1 min 30 s');
    expect(dutch(msg('fault.cleared', { fault: 'linkDown', target: 'uplink', afterSeconds: 7500 }))).toBe('Opgeheven: verbinding verbroken op uplink (na 2 u 5 min)');
  });

  it('writes a moment as the same moment of the simulated clock', () => {
    const at = Date.UTC(2025, 2, 3, 10, 30);
    expect(clockLabel(at)).toBe('Mon 3 Mar 10:30');
    expect(dutch(msg('recoveryPoints.stale', { machine: 'web-01', sinceEpochMs: at }))).toBe('web-01: geen nieuw herstelpunt sinds ma 3 mrt 10:30');
    expect(dutch(msg('recoveryPoints.stale', { machine: 'web-01', sinceEpochMs: at + 22_000 }))).toBe('web-01: geen nieuw herstelpunt sinds ma 3 mrt 10:30:22');
  });

  it('renders a completed failover with its nested recovery point, Dutch numbers and plurals', () => {
    const point = msg('part.point', { multiVm: false, consistency: 'crash', at: 7500 });
    const m = msg('failover.completed', { machine: 'sql-01', where: 'in Azure', rtoSeconds: 754, point, writesLost: 1234, dataLossSeconds: 45, verified: true, next: 'commit' });
    expect(english(m)).toBe('sql-01 runs in Azure after 12m34s from the crash-consistent point of 2h5m: 1234 writes lost (45s of data), data verified; commit to keep it, or change the recovery point');
    expect(dutch(m)).toBe(
      'sql-01 draait na 12 min 34 s in Azure, vanaf het crash-consistente herstelpunt van 2 u 5 min: 1.234 schrijfbewerkingen verloren (45 s aan gegevens), gegevens gecontroleerd; voer de failover door om dit te behouden, of kies een ander herstelpunt'
    );
    const one = msg('failover.pointChanged', { machine: 'sql-01', point: msg('part.point', { multiVm: true, consistency: 'app', at: 60 }), writesLost: 1, dataLossSeconds: 2 });
    expect(dutch(one)).toBe('sql-01 draait vanaf het multi-VM app-consistente herstelpunt van 1 min: 1 schrijfbewerking verloren (2 s aan gegevens)');
    expect(dutch(msg('plan.created', { plan: 'erp-dr', machines: 1, groups: 3 }))).toBe('Herstelplan erp-dr gemaakt: 1 machine in 3 groepen');
  });

  it('writes sizes with a decimal comma and Dutch words for what the engine still names in English', () => {
    const how = msg('part.initialCopy', { tracker: 'hrl', disks: 2 });
    expect(dutch(msg('replication.initialStarted', { machine: 'sql-01', bytes: 3.7 * GiB, how }))).toBe(
      'sql-01: initiële replicatie gestart (3,7 GiB); er wordt een VM-momentopname gemaakt en de 2 schijven worden daaruit een voor een gekopieerd; schrijfbewerkingen gaan intussen naar het .hrl-logboek van elke schijf'
    );
    expect(dutch(msg('health.tooMuchChurn', { dailyBytes: 2.5e12, vcpu: 8, capacityBytes: 7.7e9 }))).toBe(
      "2,5 TB aan wijzigingen in de afgelopen dag; een processerver met 8 vCPU's is berekend op 7,7 GB per dag: voeg een processerver toe"
    );
    expect(dutch(msg('resync.required', { machine: 'file-01', reason: 'the .hrl log of disk 2 reached 50 % of the disk size', schedule: 'scheduled', delaySeconds: 3600 }))).toBe(
      'file-01 moet opnieuw worden gesynchroniseerd: het .hrl-logboek van schijf 2 heeft 50 % van de schijfgrootte bereikt; gepland over 1 u, buiten kantooruren'
    );
    const hop = msg('part.hopTo', { label: 'Process server' });
    expect(dutch(msg('replication.retryFailed', { machine: 'web-01', attempt: 2, hop, reason: msg('block.notResponding', { name: 'Process server' }), delayMinutes: 4 }))).toBe(
      'web-01: nieuwe poging 2 om te verzenden naar de processerver is mislukt (de processerver reageert niet); volgende poging over 4 min'
    );
    expect(dutch(msg('reject.failbackNeeds', { machine: 'web-01', what: 'a process server in Azure to handle replication from Azure', reason: msg('checklist.addFirst', { component: 'azure-ps' }) }))).toBe(
      'om web-01 terug te repliceren is een processerver in Azure die de replicatie vanuit Azure afhandelt nodig: voeg eerst azure-ps toe (addComponent)'
    );
  });
});
