// failoverMachine: the order and timing of a failover's steps on the virtual clock, the two answers
// the recovery gives (drained or pending, which point), the plan's turn, failback's download, the
// sync timeout, a takeover and a failover that finds no point.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { failoverMachine, type FailoverEmitted, type FailoverInput } from '../../../src/engine/components/failoverMachine';
import { MINUTE, createVirtualClock } from './virtualClock';

const base: FailoverInput = { path: 'choose', shutdownMs: 10 * MINUTE * 1000, syncTimeoutMs: null, bootMs: 5 * MINUTE * 1000, inPlan: false };

/** A failover chart whose recovery answers as `answer` says; every emitted event with its time. */
function setup(answer: (e: FailoverEmitted) => Parameters<ReturnType<typeof createActor<typeof failoverMachine>>['send']>[0] | undefined = () => undefined) {
  const vc = createVirtualClock();
  const actor = createActor(failoverMachine, { clock: vc.clock });
  const log: string[] = [];
  actor.on('*', (e) => {
    log.push(`${vc.now() / MINUTE}m ${e.type === 'step' ? `step:${e.step}` : e.type}`);
    const reply = answer(e);
    if (reply) actor.send(reply);
  });
  actor.start();
  return { vc, actor, log };
}

const value = (a: { getSnapshot(): { value: unknown } }) => JSON.stringify(a.getSnapshot().value);

describe('failoverMachine', () => {
  it('unplanned: picks the point at once, processes it, boots and runs', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'choose' ? { type: 'chosen', processingMs: 2 * MINUTE * 1000 } : undefined));
    actor.send({ type: 'start', ...base });
    expect(value(actor)).toBe('"processing"');
    vc.advanceBy(2 * MINUTE);
    expect(value(actor)).toBe('"booting"');
    vc.advanceBy(5 * MINUTE);
    expect(value(actor)).toBe('"done"');
    expect(log).toEqual(['0m choose', '0m step:processing', '2m step:booting', '7m running']);
  });

  it('with nothing to process it boots at once', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base });
    vc.advanceBy(10 * MINUTE);
    expect(log).toEqual(['0m choose', '0m step:booting', '5m running']);
  });

  it('planned: shuts the source down, waits until everything is there, then makes the point', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'shutDown' ? { type: 'pending' } : e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base, path: 'shutDown' });
    vc.advanceBy(10 * MINUTE);
    expect(value(actor)).toBe('{"synchronizing":"open"}');
    vc.advanceBy(60 * MINUTE);
    expect(value(actor)).toBe('{"synchronizing":"open"}');
    actor.send({ type: 'drained' });
    vc.advanceBy(5 * MINUTE);
    expect(log).toEqual(['0m step:shuttingDown', '10m shutDown', '10m step:synchronizing', '70m synchronised', '70m choose', '70m step:booting', '75m running']);
  });

  it('planned: when everything is there at the shutdown, it goes straight on (no synchronising step)', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'shutDown' ? { type: 'drained' } : e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base, path: 'shutDown' });
    vc.advanceBy(15 * MINUTE);
    expect(log).toEqual(['0m step:shuttingDown', '10m shutDown', '10m synchronised', '10m choose', '10m step:booting', '15m running']);
  });

  it('unplanned with shutdown: stops waiting for the last changes after the timeout', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'shutDown' ? { type: 'pending' } : e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base, path: 'shutDown', syncTimeoutMs: 30 * MINUTE * 1000 });
    vc.advanceBy(39 * MINUTE);
    expect(value(actor)).toBe('{"synchronizing":"timed"}');
    vc.advanceBy(1 * MINUTE);
    expect(log.slice(-3)).toEqual(['40m syncTimedOut', '40m choose', '40m step:booting']);
  });

  it('in a recovery plan: waits for its group turn before booting', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base, inPlan: true });
    vc.advanceBy(60 * MINUTE);
    expect(value(actor)).toBe('"readyToBoot"');
    actor.send({ type: 'boot' });
    vc.advanceBy(5 * MINUTE);
    expect(log).toEqual(['0m choose', '0m step:readyToBoot', '0m readyToBoot', '60m step:booting', '65m running']);
  });

  it('failback from Azure: downloads while the VM runs, waits to be completed, then shuts down', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'shutDown' ? { type: 'drained' } : e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base, path: 'download' });
    vc.advanceBy(30 * MINUTE);
    actor.send({ type: 'copied' });
    expect(value(actor)).toBe('"waitingToComplete"');
    vc.advanceBy(30 * MINUTE);
    actor.send({ type: 'complete' });
    vc.advanceBy(15 * MINUTE);
    expect(log).toEqual(['0m step:synchronizing', '30m step:waitingToComplete', '60m step:shuttingDown', '70m shutDown', '70m synchronised', '70m choose', '70m step:booting', '75m running']);
  });

  it('failback from Azure during failover: shuts down first, then downloads everything', () => {
    const { vc, actor, log } = setup((e) => (e.type === 'choose' ? { type: 'chosen', processingMs: 0 } : undefined));
    actor.send({ type: 'start', ...base, path: 'shutDownThenDownload' });
    vc.advanceBy(10 * MINUTE);
    expect(value(actor)).toBe('{"synchronizing":"open"}');
    vc.advanceBy(50 * MINUTE);
    actor.send({ type: 'drained' });
    expect(log).toEqual(['0m step:shuttingDown', '10m downloadStarts', '10m step:synchronizing', '60m synchronised', '60m choose', '60m step:booting']);
  });

  it('a takeover cancels what was pending; a failover with no point ends failed and can start again', () => {
    let points = 0;
    const { vc, actor, log } = setup((e) => (e.type === 'shutDown' ? { type: 'pending' } : e.type === 'choose' ? (points++ === 0 ? { type: 'noPoint' } : { type: 'chosen', processingMs: 0 }) : undefined));
    actor.send({ type: 'start', ...base, path: 'shutDown', syncTimeoutMs: 30 * MINUTE * 1000 });
    vc.advanceBy(15 * MINUTE);
    actor.send({ type: 'abandon' });
    expect(value(actor)).toBe('"idle"');
    actor.send({ type: 'start', ...base });
    expect(value(actor)).toBe('"failed"');
    vc.advanceBy(60 * MINUTE); // the abandoned sync timeout never fires
    expect(log.filter((l) => l.includes('syncTimedOut'))).toEqual([]);
    actor.send({ type: 'start', ...base });
    vc.advanceBy(5 * MINUTE);
    expect(value(actor)).toBe('"done"');
  });

  it('ignores what does not belong to the step it is in', () => {
    const { actor, log } = setup();
    actor.send({ type: 'drained' });
    actor.send({ type: 'boot' });
    actor.send({ type: 'complete' });
    expect(value(actor)).toBe('"idle"');
    actor.send({ type: 'start', ...base, path: 'shutDown' });
    actor.send({ type: 'boot' });
    actor.send({ type: 'chosen', processingMs: 0 });
    expect(value(actor)).toBe('"shuttingDown"');
    expect(log).toEqual(['0m step:shuttingDown']);
  });
});
