// serviceMachine: available <-> down, and the events each state ignores.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { serviceMachine } from '../../../src/engine/components/serviceMachine';
import type { ServiceEvent } from '../../../src/engine/components/serviceMachine';

type ServiceState = 'available' | 'down';

describe('serviceMachine', () => {
  it('starts available', () => {
    const [s0] = initialTransition(serviceMachine);
    expect(s0.value).toBe('available');
  });

  describe('transition table (every state x every event)', () => {
    const cases: Array<[ServiceState, ServiceEvent['type'], ServiceState]> = [
      ['available', 'service.down', 'down'],
      ['available', 'service.up', 'available'],
      ['down', 'service.up', 'available'],
      ['down', 'service.down', 'down']
    ];
    it.each(cases)('%s + %s -> %s', (from, ev, to) => {
      const [next] = transition(serviceMachine, serviceMachine.resolveState({ value: from }), { type: ev });
      expect(next.value).toBe(to);
    });
  });

  it('goes down and comes back with a live actor', () => {
    const actor = createActor(serviceMachine).start();
    actor.send({ type: 'service.down' });
    expect(actor.getSnapshot().matches('down')).toBe(true);
    actor.send({ type: 'service.up' });
    expect(actor.getSnapshot().matches('available')).toBe(true);
  });

  it('ignores service.up while available and service.down while down', () => {
    const actor = createActor(serviceMachine).start();
    actor.send({ type: 'service.up' });
    expect(actor.getSnapshot().value).toBe('available');
    actor.send({ type: 'service.down' });
    actor.send({ type: 'service.down' });
    expect(actor.getSnapshot().value).toBe('down');
  });
});
