// hostMachine: every (state, event) pair of running / diskFull / down, including ignored events.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { hostMachine } from '../../../src/engine/components/hostMachine';
import type { HostEvent } from '../../../src/engine/components/hostMachine';

type HostState = 'running' | 'diskFull' | 'down';
const events: HostEvent['type'][] = ['host.down', 'host.up', 'host.diskFull', 'host.diskFreed'];

const table: Record<HostState, Record<HostEvent['type'], HostState>> = {
  running: { 'host.down': 'down', 'host.up': 'running', 'host.diskFull': 'diskFull', 'host.diskFreed': 'running' },
  diskFull: { 'host.down': 'down', 'host.up': 'diskFull', 'host.diskFull': 'diskFull', 'host.diskFreed': 'running' },
  down: { 'host.down': 'down', 'host.up': 'running', 'host.diskFull': 'down', 'host.diskFreed': 'down' }
};

describe('hostMachine', () => {
  it('starts running', () => {
    const [s0] = initialTransition(hostMachine);
    expect(s0.value).toBe('running');
  });

  describe('transition table (every state x every event)', () => {
    const cases = (Object.keys(table) as HostState[]).flatMap((from) => events.map((ev) => [from, ev, table[from][ev]] as const));
    it.each(cases)('%s + %s -> %s', (from, ev, to) => {
      const [next] = transition(hostMachine, hostMachine.resolveState({ value: from }), { type: ev });
      expect(next.value).toBe(to);
    });
  });

  it('runs running -> diskFull -> running -> down -> running with a live actor', () => {
    const actor = createActor(hostMachine).start();
    const path: unknown[] = [];
    for (const type of ['host.diskFull', 'host.diskFreed', 'host.down', 'host.up'] as const) {
      actor.send({ type });
      path.push(actor.getSnapshot().value);
    }
    expect(path).toEqual(['diskFull', 'running', 'down', 'running']);
  });

  it('ignores host.up while running', () => {
    const actor = createActor(hostMachine).start();
    actor.send({ type: 'host.up' });
    expect(actor.getSnapshot().matches('running')).toBe(true);
  });

  it('goes diskFull -> down, and host.up from there returns to running (not diskFull)', () => {
    const actor = createActor(hostMachine).start();
    actor.send({ type: 'host.diskFull' });
    actor.send({ type: 'host.down' });
    expect(actor.getSnapshot().matches('down')).toBe(true);
    actor.send({ type: 'host.diskFreed' });
    expect(actor.getSnapshot().matches('down')).toBe(true);
    actor.send({ type: 'host.up' });
    expect(actor.getSnapshot().matches('running')).toBe(true);
  });
});
