// processServerMachine: power (running / down.heartbeatLate / down.noHeartbeat on the virtual clock) and cache regions.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { processServerMachine } from '../../../src/engine/components/processServerMachine';
import type { ProcessServerEvent } from '../../../src/engine/components/processServerMachine';
import { MINUTE, SECOND, createVirtualClock } from './virtualClock';

const HEARTBEAT_TIMEOUT_MS = 15 * 60_000;
const HEARTBEAT_TIMEOUT = 15 * MINUTE;

function setupPs() {
  const vc = createVirtualClock();
  const actor = createActor(processServerMachine, { clock: vc.clock, input: { heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS } }).start();
  return { vc, actor };
}

describe('processServerMachine', () => {
  describe('power', () => {
    it('starts running with a normal cache and keeps the timeout from its input', () => {
      const { actor } = setupPs();
      expect(actor.getSnapshot().value).toEqual({ power: 'running', cache: 'normal' });
      expect(actor.getSnapshot().context.heartbeatTimeoutMs).toBe(HEARTBEAT_TIMEOUT_MS);
    });

    it('goes running -> down.heartbeatLate on ps.down', () => {
      const { actor } = setupPs();
      actor.send({ type: 'ps.down' });
      expect(actor.getSnapshot().matches({ power: { down: 'heartbeatLate' } })).toBe(true);
    });

    it('reaches down.noHeartbeat after exactly the heartbeat timeout, not one second earlier', () => {
      const { vc, actor } = setupPs();
      vc.advanceTo(100 * SECOND);
      actor.send({ type: 'ps.down' });
      const downAt = vc.now();
      expect(vc.scheduler.peekTime()).toBe(downAt + HEARTBEAT_TIMEOUT);

      vc.advanceTo(downAt + HEARTBEAT_TIMEOUT - 1 * SECOND);
      expect(actor.getSnapshot().matches({ power: { down: 'heartbeatLate' } })).toBe(true);

      vc.advanceTo(downAt + HEARTBEAT_TIMEOUT);
      expect(actor.getSnapshot().matches({ power: { down: 'noHeartbeat' } })).toBe(true);
    });

    it('uses the heartbeatTimeoutMs given as input', () => {
      const vc = createVirtualClock();
      const actor = createActor(processServerMachine, { clock: vc.clock, input: { heartbeatTimeoutMs: 5 * 60_000 } }).start();
      actor.send({ type: 'ps.down' });
      vc.advanceTo(5 * MINUTE - 1);
      expect(actor.getSnapshot().matches({ power: { down: 'heartbeatLate' } })).toBe(true);
      vc.advanceTo(5 * MINUTE);
      expect(actor.getSnapshot().matches({ power: { down: 'noHeartbeat' } })).toBe(true);
    });

    it('schedules the heartbeat timeout as a delayed event (pure transition())', () => {
      const [s0] = initialTransition(processServerMachine, { heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS });
      const [s1, actions] = transition(processServerMachine, s0, { type: 'ps.down' });
      expect(s1.value).toEqual({ power: { down: 'heartbeatLate' }, cache: 'normal' });
      expect(actions).toContainEqual(
        expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ delay: HEARTBEAT_TIMEOUT_MS }) })
      );
    });

    it('returns to running on ps.up from noHeartbeat, and nothing fires later', () => {
      const { vc, actor } = setupPs();
      actor.send({ type: 'ps.down' });
      vc.advanceTo(HEARTBEAT_TIMEOUT);
      expect(actor.getSnapshot().matches({ power: { down: 'noHeartbeat' } })).toBe(true);

      actor.send({ type: 'ps.up' });
      expect(actor.getSnapshot().matches({ power: 'running' })).toBe(true);
      expect(vc.scheduler.peekTime()).toBe(Infinity);

      vc.advanceTo(10 * HEARTBEAT_TIMEOUT);
      expect(actor.getSnapshot().matches({ power: 'running' })).toBe(true);
    });

    it('cancels the heartbeat timer on ps.up from heartbeatLate', () => {
      const { vc, actor } = setupPs();
      actor.send({ type: 'ps.down' });
      vc.advanceTo(5 * MINUTE);
      actor.send({ type: 'ps.up' });
      expect(actor.getSnapshot().matches({ power: 'running' })).toBe(true);
      expect(vc.scheduler.peekTime()).toBe(Infinity);

      vc.advanceTo(HEARTBEAT_TIMEOUT + 1);
      expect(actor.getSnapshot().matches({ power: 'running' })).toBe(true);
    });

    it('a second outage gets the full timeout again, counted from its own ps.down', () => {
      const { vc, actor } = setupPs();
      actor.send({ type: 'ps.down' });
      vc.advanceTo(10 * MINUTE);
      actor.send({ type: 'ps.up' });
      vc.advanceTo(12 * MINUTE);
      actor.send({ type: 'ps.down' });

      vc.advanceTo(12 * MINUTE + HEARTBEAT_TIMEOUT - 1);
      expect(actor.getSnapshot().matches({ power: { down: 'heartbeatLate' } })).toBe(true);
      vc.advanceTo(12 * MINUTE + HEARTBEAT_TIMEOUT);
      expect(actor.getSnapshot().matches({ power: { down: 'noHeartbeat' } })).toBe(true);
    });

    it('ignores ps.down while already down (the timer is not restarted)', () => {
      const { vc, actor } = setupPs();
      actor.send({ type: 'ps.down' });
      vc.advanceTo(10 * MINUTE);
      actor.send({ type: 'ps.down' });
      expect(actor.getSnapshot().matches({ power: { down: 'heartbeatLate' } })).toBe(true);
      vc.advanceTo(HEARTBEAT_TIMEOUT);
      expect(actor.getSnapshot().matches({ power: { down: 'noHeartbeat' } })).toBe(true);

      actor.send({ type: 'ps.down' });
      expect(actor.getSnapshot().matches({ power: { down: 'noHeartbeat' } })).toBe(true);
    });

    it('ignores ps.up while running', () => {
      const { vc, actor } = setupPs();
      actor.send({ type: 'ps.up' });
      expect(actor.getSnapshot().value).toEqual({ power: 'running', cache: 'normal' });
      expect(vc.scheduler.peekTime()).toBe(Infinity);
    });
  });

  describe('cache', () => {
    type Region = 'normal' | 'throttled' | 'full';
    const cacheEvents: ProcessServerEvent['type'][] = ['cache.normal', 'cache.low', 'cache.full'];
    const expected: Record<Region, Record<string, Region>> = {
      normal: { 'cache.normal': 'normal', 'cache.low': 'throttled', 'cache.full': 'full' },
      throttled: { 'cache.normal': 'normal', 'cache.low': 'throttled', 'cache.full': 'full' },
      full: { 'cache.normal': 'normal', 'cache.low': 'throttled', 'cache.full': 'full' }
    };
    const cases = (Object.keys(expected) as Region[]).flatMap((from) =>
      cacheEvents.map((ev) => [from, ev, expected[from][ev]!] as const)
    );

    it.each(cases)('cache %s + %s -> %s', (from, ev, to) => {
      const snapshot = processServerMachine.resolveState({
        value: { power: 'running', cache: from },
        context: { heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS }
      });
      const [next] = transition(processServerMachine, snapshot, { type: ev } as ProcessServerEvent);
      expect(next.value).toEqual({ power: 'running', cache: to });
    });

    it('walks normal -> throttled -> full -> throttled -> normal -> full -> normal', () => {
      const { actor } = setupPs();
      const path: string[] = [];
      const step = (type: ProcessServerEvent['type']) => {
        actor.send({ type } as ProcessServerEvent);
        path.push((actor.getSnapshot().value as { cache: string }).cache);
      };
      step('cache.low');
      step('cache.full');
      step('cache.low');
      step('cache.normal');
      step('cache.full');
      step('cache.normal');
      expect(path).toEqual(['throttled', 'full', 'throttled', 'normal', 'full', 'normal']);
    });

    it('is independent of power: cache events apply while down and do not disturb the heartbeat timer', () => {
      const { vc, actor } = setupPs();
      actor.send({ type: 'ps.down' });
      actor.send({ type: 'cache.full' });
      expect(actor.getSnapshot().value).toEqual({ power: { down: 'heartbeatLate' }, cache: 'full' });
      vc.advanceTo(HEARTBEAT_TIMEOUT);
      expect(actor.getSnapshot().value).toEqual({ power: { down: 'noHeartbeat' }, cache: 'full' });
      actor.send({ type: 'ps.up' });
      expect(actor.getSnapshot().value).toEqual({ power: 'running', cache: 'full' });
    });
  });
});
