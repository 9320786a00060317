// linkMachine: up / degraded (bandwidth percent in context) / down, and restore to full bandwidth.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { linkMachine } from '../../../src/engine/components/linkMachine';
import type { LinkEvent } from '../../../src/engine/components/linkMachine';

const start = () => createActor(linkMachine).start();

describe('linkMachine', () => {
  it('starts up with full bandwidth', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('up');
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(100);
  });

  it('goes up -> degraded (keeping the percent) -> down -> up on restore', () => {
    const actor = start();

    actor.send({ type: 'link.degrade', percent: 40 });
    expect(actor.getSnapshot().matches('degraded')).toBe(true);
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(40);

    actor.send({ type: 'link.down' });
    expect(actor.getSnapshot().matches('down')).toBe(true);

    actor.send({ type: 'link.restore' });
    expect(actor.getSnapshot().matches('up')).toBe(true);
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(100);
  });

  it('goes straight from up to down', () => {
    const actor = start();
    actor.send({ type: 'link.down' });
    expect(actor.getSnapshot().value).toBe('down');
  });

  it('updates the percent when degraded again while degraded', () => {
    const actor = start();
    actor.send({ type: 'link.degrade', percent: 60 });
    actor.send({ type: 'link.degrade', percent: 25 });
    expect(actor.getSnapshot().value).toBe('degraded');
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(25);
  });

  it('can be degraded while down', () => {
    const actor = start();
    actor.send({ type: 'link.down' });
    actor.send({ type: 'link.degrade', percent: 10 });
    expect(actor.getSnapshot().value).toBe('degraded');
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(10);
  });

  it('restore from degraded resets the bandwidth to 100', () => {
    const actor = start();
    actor.send({ type: 'link.degrade', percent: 30 });
    actor.send({ type: 'link.restore' });
    expect(actor.getSnapshot().value).toBe('up');
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(100);
  });

  it('restore from down (after a degrade) resets the bandwidth to 100', () => {
    const actor = start();
    actor.send({ type: 'link.degrade', percent: 30 });
    actor.send({ type: 'link.down' });
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(30);
    actor.send({ type: 'link.restore' });
    expect(actor.getSnapshot().value).toBe('up');
    expect(actor.getSnapshot().context.bandwidthPercent).toBe(100);
  });

  it('ignores link.restore while up', () => {
    const [s0] = initialTransition(linkMachine);
    const [s1] = transition(linkMachine, s0, { type: 'link.restore' });
    expect(s1.value).toBe('up');
    expect(s1.context.bandwidthPercent).toBe(100);
  });

  it('ignores link.down while down', () => {
    const [s0] = initialTransition(linkMachine);
    const [down] = transition(linkMachine, s0, { type: 'link.down' });
    const [again] = transition(linkMachine, down, { type: 'link.down' });
    expect(again.value).toBe('down');
  });

  describe('transition table (pure transition())', () => {
    const cases: Array<[from: 'up' | 'degraded' | 'down', event: LinkEvent, to: string]> = [
      ['up', { type: 'link.down' }, 'down'],
      ['up', { type: 'link.degrade', percent: 50 }, 'degraded'],
      ['up', { type: 'link.restore' }, 'up'],
      ['degraded', { type: 'link.down' }, 'down'],
      ['degraded', { type: 'link.degrade', percent: 50 }, 'degraded'],
      ['degraded', { type: 'link.restore' }, 'up'],
      ['down', { type: 'link.down' }, 'down'],
      ['down', { type: 'link.degrade', percent: 50 }, 'degraded'],
      ['down', { type: 'link.restore' }, 'up']
    ];
    it.each(cases)('%s + %o -> %s', (from, event, to) => {
      const snapshot = linkMachine.resolveState({ value: from, context: { bandwidthPercent: 70 } });
      const [next] = transition(linkMachine, snapshot, event);
      expect(next.value).toBe(to);
    });
  });
});
